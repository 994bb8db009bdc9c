// `offsite owner rotate-key --old OLD.offsitekey --new NEW.offsitekey --publisher ID --version N --out DIR`:
// the model owner changes its signing key (PKG-8). Writes publisher-keys.v<N>.json, naming the new key, and one
// minisign signature per key (the old key authorises the change, the new key proves it is held), for
// `offsite owner pack --key-change` to carry to data owners who pinned the old key.
#include <cstdio>
#include <ctime>

#include "app/cli/commands.h"
#include "app/cli/passphrase.h"
#include "core/base/file_io.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/key_file.h"
#include "core/package/key_rotation.h"

namespace offsite::cli {
namespace {

namespace fs = std::filesystem;

Result<crypto::KeyPair> openKey(const Arguments& args, const std::string& path, const std::string& what) {
    OFFSITE_ASSIGN_OR_RETURN(crypto::SecretBytes passphrase,
                             readPassphrase(args, what + " " + path, PassphrasePurpose::OpenKey));
    crypto::SecretBytes::Access pass(passphrase);
    return crypto::readKeyPairFile(path, pass.bytes());
}

Result<int> runRotateKey(const Arguments& args) {
    const auto oldPath = args.value("old");
    const auto newPath = args.value("new");
    const auto publisher = args.value("publisher");
    const auto outDir = args.value("out");
    if (!oldPath || !newPath || !publisher || !outDir) {
        return makeError(ErrorKind::InvalidInput, "give --old, --new, --publisher, --version and --out");
    }
    if (!args.value("version")) {
        return makeError(ErrorKind::InvalidInput,
                         "give --version: 2 for the first key change of this publisher, then one more each time");
    }
    OFFSITE_ASSIGN_OR_RETURN(const long long version, args.integer("version", 2, 2, (1LL << 53)));
    OFFSITE_ASSIGN_OR_RETURN(crypto::KeyPair oldKey, openKey(args, *oldPath, "the old owner key"));
    OFFSITE_ASSIGN_OR_RETURN(crypto::KeyPair newKey, openKey(args, *newPath, "the new owner key"));
    if (oldKey.signing.keyId() == newKey.signing.keyId()) {
        return makeError(ErrorKind::InvalidInput, *oldPath + " and " + *newPath +
                                                      " hold the same key; make a new one with `offsite keygen "
                                                      "--role owner`");
    }
    package::KeyRotation rotation;
    rotation.publisherId = *publisher;
    rotation.version = version;
    rotation.threshold = 1;
    rotation.keys = {newKey.signing.publicKey()};
    rotation.createdAt = static_cast<std::int64_t>(std::time(nullptr));
    OFFSITE_ASSIGN_OR_RETURN(const package::SignedKeyRotation signedRotation,
                             package::signKeyRotation(rotation, {&oldKey.signing, &newKey.signing}));
    std::error_code ec;
    fs::create_directories(*outDir, ec);
    if (ec) return makeError(ErrorKind::Io, "cannot create " + *outDir + " (" + ec.message() + ")");
    const fs::path document = fs::path(*outDir) / signedRotation.documentName;
    OFFSITE_TRY(writeFileAtomic(document, signedRotation.documentBytes));
    for (const auto& [name, text] : signedRotation.signatures) {
        OFFSITE_TRY(writeFileAtomic(fs::path(*outDir) / name, text));
    }
    std::printf("key change %s\n", document.c_str());
    std::printf("  publisher %s, key version %lld\n", publisher->c_str(), version);
    std::printf("  from key %s (fingerprint %s)\n", oldKey.signing.keyId().display().c_str(),
                crypto::keyFingerprint(oldKey.signing.publicKey()).c_str());
    std::printf("  to key   %s (fingerprint %s)\n", newKey.signing.keyId().display().c_str(),
                crypto::keyFingerprint(newKey.signing.publicKey()).c_str());
    std::printf("  sign packages with the new key and add --key-change %s to `offsite owner pack`\n",
                document.c_str());
    return kExitOk;
}

}  // namespace

Command ownerRotateKeyCommand() {
    return Command{
        CommandSpec{"owner rotate-key",
                    "change the publisher's signing key with a change signed by the old and the new key "
                    "(model owner)",
                    "offsite owner rotate-key --old OLD.offsitekey --new NEW.offsitekey --publisher ID "
                    "--version N --out DIR",
                    {{"old", OptionKind::Value, "FILE", "the key pair data owners have pinned"},
                     {"new", OptionKind::Value, "FILE", "the new key pair (from `offsite keygen --role owner`)"},
                     {"publisher", OptionKind::Value, "ID", "your publisher name, as in your packages"},
                     {"version", OptionKind::Value, "N",
                      "2 for your first key change, then one more each time (never skip one)"},
                     {"out", OptionKind::Value, "DIR", "where to write publisher-keys.v<N>.json and signatures"},
                     passphraseFileOption()},
                    0,
                    0},
        runRotateKey};
}

}  // namespace offsite::cli
