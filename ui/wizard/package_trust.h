// The import step's bridge to the core importer (core/trust/import.h): the importer makes every trust decision
// (pinned keys, first trust, rollback and equivocation, the clock floor, changes of export key, publisher or
// lineage); this file only turns the page's answers into the importer's options. No trust rule lives in ui/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/base/result.h"
#include "core/crypto/minisign.h"
#include "core/package/manifest.h"
#include "core/package/package.h"
#include "core/trust/import.h"

namespace offsite::workspace {
class Workspace;
}

namespace offsite::ui {

// What the person answered so far.
struct TrustAnswers {
    std::optional<crypto::MinisignPublicKey> presentedKey;  // the publisher's .pub, for a key not pinned yet
    bool fingerprintCompared = false;  // first trust: compared over another channel
    bool changesConfirmed = false;     // the changes the importer listed are expected
};

// What the read-only check (package::verifyPackage on a worker thread) needs from the workspace: its pinned
// keys plus a presented key, bound to whichever publisher the signed manifest names (as the importer does),
// and the clock floor (PKG-6).
struct CheckInputs {
    package::TrustedKeys keys;
    std::int64_t timeFloor = 0;
};
[[nodiscard]] Result<CheckInputs> checkInputs(workspace::Workspace& workspace,
                                              const std::optional<crypto::MinisignPublicKey>& presented);

// The importer's decisions for a package without importing it: the importer runs up to its first payload
// bytes and is cancelled there (nothing changes). Returns NeedsFirstTrust or NeedsConfirmation, an error for a
// refusal, or ErrorKind::Cancelled when nothing stands in the way. `checked` is the manifest the check
// verified; a package without payload bytes is refused here, since the importer would not stop early for it.
[[nodiscard]] Result<trust::ImportOutcome> importDecisions(workspace::Workspace& workspace,
                                                           const std::filesystem::path& packagePath,
                                                           const package::Manifest& checked,
                                                           const TrustAnswers& answers);

// The import itself with the person's answers.
[[nodiscard]] Result<trust::ImportOutcome> importWithAnswers(workspace::Workspace& workspace,
                                                             const std::filesystem::path& packagePath,
                                                             const TrustAnswers& answers);

// The id of an imported package with this signed manifest, if the workspace has one.
[[nodiscard]] Result<std::optional<std::int64_t>> importedPackageId(workspace::Workspace& workspace,
                                                                    const std::string& manifestSha256);

}  // namespace offsite::ui
