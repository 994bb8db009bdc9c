// The trust step of importing a package: which pinned publisher keys the workspace holds, and who signed a
// package whose key is not pinned yet (the first-trust step). The signer is shown only after the manifest's
// signature verifies with the public key the user supplied, so the publisher name on screen is the one that
// key signed. Pinning is the user's decision, recorded in the workspace's audit log.
#pragma once

#include <filesystem>
#include <string>

#include "core/base/result.h"
#include "core/crypto/minisign.h"
#include "core/package/manifest.h"
#include "core/package/package.h"

namespace offsite::workspace {
class Workspace;
}

namespace offsite::ui {

// Every key pinned in the workspace and not revoked, for verifyPackage.
[[nodiscard]] Result<package::TrustedKeys> pinnedKeys(workspace::Workspace& workspace);

struct SignerPreview {
    package::Manifest manifest;  // signed by `key` (the payloads are not checked yet)
    crypto::MinisignPublicKey key;
};
// Reads manifest.json and its signature from the package and checks the signature with `key`.
[[nodiscard]] Result<SignerPreview> previewSigner(const std::filesystem::path& packagePath,
                                                  const crypto::MinisignPublicKey& key);

// Pins `key` for the manifest's publisher (adding the publisher when new).
[[nodiscard]] Status pinPublisher(workspace::Workspace& workspace, const SignerPreview& signer);

}  // namespace offsite::ui
