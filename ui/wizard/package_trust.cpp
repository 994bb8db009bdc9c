// First trust and the pinned keys (see package_trust.h).
#include "ui/wizard/package_trust.h"

#include "core/crypto/primitives.h"
#include "core/package/tar.h"
#include "core/workspace/workspace.h"

namespace offsite::ui {

Result<package::TrustedKeys> pinnedKeys(workspace::Workspace& workspace) {
    OFFSITE_ASSIGN_OR_RETURN(auto st, workspace.database().prepare(
                                          "SELECT p.name, k.public_key FROM publisher_keys k JOIN publishers p "
                                          "ON p.id = k.publisher_id WHERE k.revoked_at IS NULL ORDER BY k.id"));
    package::TrustedKeys keys;
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(const workspace::StepResult r, st.step());
        if (r == workspace::StepResult::Done) break;
        auto key = crypto::parseMinisignPublicKey(st.columnText(1));
        if (!key.ok()) continue;  // a key we cannot read verifies nothing
        keys.keys.push_back({st.columnText(0), key.value()});
    }
    return keys;
}

Result<SignerPreview> previewSigner(const std::filesystem::path& packagePath, const crypto::MinisignPublicKey& key) {
    OFFSITE_ASSIGN_OR_RETURN(auto source, package::openFileSource(packagePath));
    package::TarReader reader(*source);
    std::string manifestBytes;
    std::string signatureText;
    for (int i = 0; i < 2; ++i) {
        OFFSITE_ASSIGN_OR_RETURN(package::TarEntry entry, reader.next());
        const bool manifest = entry.name == package::kManifestName;
        const bool signature = entry.name == package::kSignatureName;
        const std::size_t limit = manifest ? package::kManifestMaxBytes : package::kSignatureMaxBytes;
        if ((!manifest && !signature) || entry.size > limit) {
            return makeError(ErrorKind::InvalidInput,
                             packagePath.string() + " is not an Offsite package: it must start with manifest.json "
                                                    "and its signature. Ask the publisher for the .otpkg file.");
        }
        std::string& out = manifest ? manifestBytes : signatureText;
        OFFSITE_ASSIGN_OR_RETURN(out, reader.readAll(entry, limit, entry.name));
    }
    OFFSITE_ASSIGN_OR_RETURN(crypto::MinisignSignature signature, crypto::parseMinisignSignature(signatureText));
    if (!(signature.keyId == key.keyId)) {
        return makeError(ErrorKind::Integrity, "the package is signed with key " + signature.keyId.display() +
                                                   ", not with the key you chose (" + key.keyId.display() +
                                                   "). Ask the publisher for the matching public key.");
    }
    if (auto verified = crypto::verifyBytes(crypto::asBytes(manifestBytes), signature, key); !verified.ok()) {
        return verified.error().withContext("the package's signature does not verify with this key; the file was "
                                            "changed or the key is wrong");
    }
    OFFSITE_ASSIGN_OR_RETURN(package::Manifest manifest, package::parseManifest(manifestBytes));
    return SignerPreview{std::move(manifest), key};
}

Status pinPublisher(workspace::Workspace& workspace, const SignerPreview& signer) {
    OFFSITE_ASSIGN_OR_RETURN(auto find,
                             workspace.database().prepare("SELECT id FROM publishers WHERE name = ?"));
    OFFSITE_TRY(find.bindAll(signer.manifest.publisherId));
    OFFSITE_ASSIGN_OR_RETURN(const workspace::StepResult r, find.step());
    std::int64_t publisherId = 0;
    if (r == workspace::StepResult::Row) {
        publisherId = find.columnInt(0);
    } else {
        OFFSITE_ASSIGN_OR_RETURN(publisherId, workspace.addPublisher(signer.manifest.publisherId));
    }
    OFFSITE_ASSIGN_OR_RETURN(std::int64_t keyRow,
                             workspace.pinPublisherKey(publisherId, {"minisign-ed25519", signer.key.keyId.display(),
                                                                     crypto::formatMinisignPublicKey(signer.key)}));
    (void)keyRow;
    return {};
}

}  // namespace offsite::ui
