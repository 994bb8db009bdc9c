// `offsite keygen --role owner|data-owner --out PREFIX`: a party's key pair. The secret halves (Ed25519 for
// signing, X25519 for receiving age-encrypted exports) go into one passphrase-protected file; the public
// halves are written in the stock tools' formats: a minisign `.pub` file and an `age1...` recipient file.
#include <sodium.h>

#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/passphrase.h"
#include "core/base/file_io.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/key_file.h"
#include "core/json/json.h"

namespace offsite::cli {
namespace {

namespace fs = std::filesystem;

Status refuseExisting(const fs::path& path) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec))) {
        return makeError(ErrorKind::InvalidInput,
                         path.string() +
                             " already exists; keygen never overwrites a key. Choose "
                             "another --out prefix or move the old files away");
    }
    return {};
}

Result<int> runKeygen(const Arguments& args) {
    const std::string roleText = args.valueOr("role", "");
    crypto::KeyRole role{};
    if (roleText == "owner" || roleText == "model-owner") {
        role = crypto::KeyRole::ModelOwner;
    } else if (roleText == "data-owner") {
        role = crypto::KeyRole::DataOwner;
    } else {
        return makeError(ErrorKind::InvalidInput,
                         "give --role owner (you publish models) or --role data-owner "
                         "(you fine-tune on your data)");
    }
    const auto prefix = args.value("out");
    if (!prefix) return makeError(ErrorKind::InvalidInput, "give --out PREFIX (e.g. --out keys/alice)");
    const fs::path secretPath = *prefix + ".offsitekey";
    const fs::path publicPath = *prefix + ".pub";
    const fs::path recipientPath = *prefix + ".age-recipient.txt";
    OFFSITE_TRY(refuseExisting(secretPath));
    OFFSITE_TRY(refuseExisting(publicPath));
    OFFSITE_TRY(refuseExisting(recipientPath));
    const auto identityPath = args.value("write-age-identity");
    if (identityPath) OFFSITE_TRY(refuseExisting(*identityPath));

    OFFSITE_ASSIGN_OR_RETURN(
        crypto::SecretBytes passphrase,
        readPassphrase(args, "the new key " + secretPath.string(), PassphrasePurpose::NewKey));
    OFFSITE_ASSIGN_OR_RETURN(crypto::KeyPair pair, crypto::KeyPair::generate());
    {
        const crypto::SecretBytes::Access pass(passphrase);
        OFFSITE_TRY(crypto::writeKeyPairFile(secretPath, pair, role, pass.bytes()));
    }
    const std::string keyId = pair.signing.keyId().display();
    OFFSITE_TRY(writeFileAtomic(publicPath, crypto::formatMinisignPublicKey(pair.signing.publicKey())));
    const std::string recipient = pair.encryption.recipient().toString();
    OFFSITE_TRY(writeFileAtomic(recipientPath, "# offsite " + std::string(crypto::keyRoleName(role)) +
                                                   " encryption key (age recipient), signing key " + keyId +
                                                   "\n" + recipient + "\n"));
    if (identityPath) {
        // Unprotected on purpose (for the stock `age -d -i`): owner-only permissions, and the user asked for
        // it.
        std::string secret = "# created by offsite keygen for key " + keyId + "; NOT passphrase-protected\n" +
                             pair.encryption.encodeSecret() + "\n";
        const Status written = writeFileAtomic(*identityPath, secret);
        sodium_memzero(secret.data(), secret.size());
        OFFSITE_TRY(written);
        std::error_code ec;
        fs::permissions(*identityPath, fs::perms::owner_read | fs::perms::owner_write,
                        fs::perm_options::replace, ec);
        if (ec) return makeError(ErrorKind::Io, *identityPath + ": cannot restrict permissions to the owner");
    }

    const std::string signingFingerprint = crypto::keyFingerprint(pair.signing.publicKey());
    const std::string recipientFingerprint = crypto::keyFingerprint(pair.encryption.recipient());
    if (args.flag("json")) {
        json::Value out = json::Value::object();
        out.set("role", json::Value::string(std::string(crypto::keyRoleName(role))));
        out.set("secret_key_file", json::Value::string(secretPath.string()));
        out.set("public_key_file", json::Value::string(publicPath.string()));
        out.set("recipient_file", json::Value::string(recipientPath.string()));
        out.set("key_id", json::Value::string(keyId));
        out.set("fingerprint", json::Value::string(signingFingerprint));
        out.set("age_recipient", json::Value::string(recipient));
        out.set("age_fingerprint", json::Value::string(recipientFingerprint));
        std::printf("%s\n", json::serialize(out).c_str());
        return kExitOk;
    }
    std::printf("made a %s key pair\n", std::string(crypto::keyRoleName(role)).c_str());
    std::printf("  secret keys (passphrase-protected, keep private and backed up): %s\n", secretPath.c_str());
    std::printf("  signing public key (minisign):     %s\n", publicPath.c_str());
    std::printf("    key id       %s\n    fingerprint  %s\n", keyId.c_str(), signingFingerprint.c_str());
    std::printf("  encryption public key (age):       %s\n", recipientPath.c_str());
    std::printf("    %s\n    fingerprint  %s\n", recipient.c_str(), recipientFingerprint.c_str());
    if (identityPath)
        std::printf("  UNPROTECTED age identity (delete after use): %s\n", identityPath->c_str());
    std::printf(
        "Give %s to the other party; compare the fingerprint with them over another channel (phone, in "
        "person) before they trust it.\n",
        publicPath.c_str());
    return kExitOk;
}

}  // namespace

Command keygenCommand() {
    return Command{
        CommandSpec{
            "keygen",
            "make a signing + encryption key pair (model owner or data owner)",
            "offsite keygen --role owner|data-owner --out PREFIX [--passphrase-file FILE]",
            {{"role", OptionKind::Value, "ROLE",
              "owner (publishes packages, receives exports) or data-owner"},
             {"out", OptionKind::Value, "PREFIX",
              "writes PREFIX.offsitekey (secret), PREFIX.pub (minisign), PREFIX.age-recipient.txt (age)"},
             passphraseFileOption(),
             {"write-age-identity", OptionKind::Value, "FILE",
              "also write the age secret key UNPROTECTED to FILE, for the stock `age -d -i FILE`"},
             {"json", OptionKind::Flag, "", "machine-readable output"}},
            0,
            0},
        runKeygen};
}

}  // namespace offsite::cli
