// The import step's bridge to the core importer (core/trust/import.h): the importer makes every trust decision
// (pinned keys and signed key changes, first trust, rollback and equivocation, the clock floor, changes of export
// key, publisher or lineage); this file only turns the page's answers into the importer's options and gathers
// what the page shows. No trust rule lives in ui/. Both calls run on the page's worker thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>

#include "core/base/result.h"
#include "core/crypto/minisign.h"
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

// The check before the licence: the importer runs every check and decision that comes before the payload and
// stops before its first byte (core's ImportScope::DecisionsOnly), so the payload is read once, by the import.
struct PackageCheck {
    // Cancelled: nothing to ask and nothing refused. An error otherwise is core's refusal.
    Result<trust::ImportOutcome> decisions = makeError(ErrorKind::Cancelled, "not checked");
    std::optional<trust::SignedFacts> facts;  // set once the signature (with any key change) verified
    // After a first trust, the changes the importer would ask about next (asked together with the fingerprint).
    std::optional<trust::ConfirmationRequest> changesAfterTrust;
    std::optional<std::int64_t> alreadyImported;  // this very package is in the workspace already
};
[[nodiscard]] PackageCheck checkPackage(workspace::Workspace& workspace, const std::filesystem::path& packagePath,
                                        const std::optional<crypto::MinisignPublicKey>& presentedKey);

// The import itself with the person's answers; `progress` as in trust::ImportOptions (false cancels at the
// next chunk, nothing changed).
[[nodiscard]] Result<trust::ImportOutcome> importWithAnswers(
    workspace::Workspace& workspace, const std::filesystem::path& packagePath, const TrustAnswers& answers,
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress = {});

// A question from the worker to the page, answered on the GUI thread while the worker waits.
class AnswerSlot {
public:
    void reset();
    void give(bool yes);
    // The answer, or nothing when `stop` was set first (checked every 50 ms).
    [[nodiscard]] std::optional<bool> wait(const std::atomic<bool>& stop);

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<bool> answer_;
};

}  // namespace offsite::ui
