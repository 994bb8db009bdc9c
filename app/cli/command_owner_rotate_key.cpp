// `offsite owner rotate-key --old OLD.offsitekey [--old ...] --new NEW.offsitekey [--new ...] [--threshold N]
// --publisher ID --version N --out DIR [--previous FILE]`: the model owner changes its signing keys (PKG-8).
// Writes publisher-keys.v<N>.json, naming the new keys and how many of them must sign the next change, and
// one minisign signature per key (the current keys authorise the change, the new keys prove they are held),
// for `offsite owner pack --key-change` to carry to data owners who pinned the old keys.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>

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

std::string keyIdList(const std::vector<const crypto::SigningKey*>& keys) {
    std::string out;
    for (const auto* key : keys) out += (out.empty() ? "" : ", ") + key->keyId().display();
    return out;
}

Result<int> runRotateKey(const Arguments& args) {
    const std::vector<std::string> oldPaths = args.values("old");
    const std::vector<std::string> newPaths = args.values("new");
    const auto publisher = args.value("publisher");
    const auto outDir = args.value("out");
    if (oldPaths.empty() || newPaths.empty() || !publisher || !outDir) {
        return makeError(ErrorKind::InvalidInput, "give --old, --new, --publisher, --version and --out");
    }
    if (!args.value("version")) {
        return makeError(
            ErrorKind::InvalidInput,
            "give --version: 2 for the first key change of this publisher, then one more each time");
    }
    OFFSITE_ASSIGN_OR_RETURN(const long long version, args.integer("version", 2, 2, (1LL << 53)));
    OFFSITE_ASSIGN_OR_RETURN(
        const long long threshold,
        args.integer("threshold", 1, 1, static_cast<long long>(package::kKeyRotationMaxKeys)));
    if (threshold > static_cast<long long>(newPaths.size())) {
        return makeError(ErrorKind::InvalidInput, "--threshold " + std::to_string(threshold) +
                                                      " needs at least that many --new keys (" +
                                                      std::to_string(newPaths.size()) +
                                                      " given); the publisher could never sign again");
    }
    // Each key file is opened once, also when it is both a current and a new key (it then signs once).
    std::map<std::string, crypto::KeyPair> opened;
    std::vector<const crypto::SigningKey*> oldKeys, newKeys;
    auto collect = [&](const std::vector<std::string>& paths, const std::string& what,
                       std::vector<const crypto::SigningKey*>& into) -> Status {
        for (const std::string& path : paths) {
            auto it = opened.find(path);
            if (it == opened.end()) {
                OFFSITE_ASSIGN_OR_RETURN(crypto::KeyPair pair, openKey(args, path, what));
                it = opened.emplace(path, std::move(pair)).first;
            }
            const crypto::SigningKey* key = &it->second.signing;
            if (std::any_of(into.begin(), into.end(),
                            [&](const auto* k) { return k->keyId() == key->keyId(); })) {
                return makeError(ErrorKind::InvalidInput, path + " holds key " + key->keyId().display() +
                                                              ", which is given twice as " + what);
            }
            into.push_back(key);
        }
        return {};
    };
    OFFSITE_TRY(collect(oldPaths, "a current owner key", oldKeys));
    OFFSITE_TRY(collect(newPaths, "a new owner key", newKeys));
    auto sameSet = [&] {
        if (oldKeys.size() != newKeys.size()) return false;
        return std::all_of(oldKeys.begin(), oldKeys.end(), [&](const auto* o) {
            return std::any_of(newKeys.begin(), newKeys.end(),
                               [&](const auto* n) { return n->keyId() == o->keyId(); });
        });
    };
    if (sameSet() && threshold == 1) {
        return makeError(ErrorKind::InvalidInput,
                         "--old and --new name the same keys and the threshold stays 1: "
                         "nothing changes; make a new key with `offsite keygen --role owner`");
    }
    package::KeyRotation rotation;
    rotation.publisherId = *publisher;
    rotation.version = version;
    rotation.threshold = threshold;
    for (const auto* key : newKeys) rotation.keys.push_back(key->publicKey());
    rotation.createdAt = static_cast<std::int64_t>(std::time(nullptr));
    std::vector<const crypto::SigningKey*> signers;
    for (const auto* key : oldKeys) signers.push_back(key);
    for (const auto* key : newKeys) {
        if (std::none_of(signers.begin(), signers.end(),
                         [&](const auto* s) { return s->keyId() == key->keyId(); }))
            signers.push_back(key);
    }
    OFFSITE_ASSIGN_OR_RETURN(const package::SignedKeyRotation signedRotation,
                             package::signKeyRotation(rotation, signers));
    if (const auto previousPath = args.value("previous")) {
        // Check now what data owners will check: enough of the current keys signed (their threshold).
        OFFSITE_ASSIGN_OR_RETURN(const std::string previousBytes,
                                 readFile(*previousPath, package::kKeyRotationMaxBytes));
        OFFSITE_ASSIGN_OR_RETURN(
            const package::KeyRotation previous,
            package::parseKeyRotation(previousBytes, fs::path(*previousPath).filename().string()));
        const package::TrustRoot current{previous.publisherId, previous.version, previous.threshold,
                                         previous.keys};
        auto accepted = package::verifyKeyRotation(signedRotation, current);
        if (!accepted.ok()) {
            return accepted.error().withContext("nothing was written; with --previous " + *previousPath +
                                                ", data owners would refuse this key change");
        }
    }
    std::error_code ec;
    fs::create_directories(*outDir, ec);
    if (ec) return makeError(ErrorKind::Io, "cannot create " + *outDir + " (" + ec.message() + ")");
    const fs::path document = fs::path(*outDir) / signedRotation.documentName;
    OFFSITE_TRY(writeFileAtomic(document, signedRotation.documentBytes));
    for (const auto& [name, text] : signedRotation.signatures) {
        OFFSITE_TRY(writeFileAtomic(fs::path(*outDir) / name, text));
    }
    std::printf("key change %s\n", document.c_str());
    std::printf("  publisher %s, key version %lld, %lld of %zu keys must sign the next change\n",
                publisher->c_str(), version, threshold, newKeys.size());
    for (const auto* key : oldKeys) {
        std::printf("  from key %s (fingerprint %s)\n", key->keyId().display().c_str(),
                    crypto::keyFingerprint(key->publicKey()).c_str());
    }
    for (const auto* key : newKeys) {
        std::printf("  to key   %s (fingerprint %s)\n", key->keyId().display().c_str(),
                    crypto::keyFingerprint(key->publicKey()).c_str());
    }
    std::printf("  signed by %s\n", keyIdList(signers).c_str());
    std::printf("  sign packages with a new key and add --key-change %s to `offsite owner pack`\n",
                document.c_str());
    return kExitOk;
}

}  // namespace

Command ownerRotateKeyCommand() {
    return Command{
        CommandSpec{
            "owner rotate-key",
            "change the publisher's signing keys with a change signed by the current and the new keys "
            "(model owner)",
            "offsite owner rotate-key --old OLD.offsitekey [--old ...] --new NEW.offsitekey [--new ...] "
            "[--threshold N] --publisher ID --version N --out DIR [--previous FILE]",
            {{"old", OptionKind::Value, "FILE",
              "a key pair data owners trust now; repeat it until the current threshold is met"},
             {"new", OptionKind::Value, "FILE",
              "a key pair of the new set (from `offsite keygen --role owner`); repeat it for several keys "
              "(a current key may be in the new set too)"},
             {"threshold", OptionKind::Value, "N",
              "how many of the new keys must sign the next key change (default 1)"},
             {"publisher", OptionKind::Value, "ID", "your publisher name, as in your packages"},
             {"version", OptionKind::Value, "N",
              "2 for your first key change, then one more each time (never skip one)"},
             {"out", OptionKind::Value, "DIR", "where to write publisher-keys.v<N>.json and signatures"},
             {"previous", OptionKind::Value, "FILE",
              "the previous key change (publisher-keys.v<N-1>.json): refuse now if too few of its keys "
              "sign"},
             passphraseFileOption()},
            0,
            0},
        runRotateKey};
}

}  // namespace offsite::cli
