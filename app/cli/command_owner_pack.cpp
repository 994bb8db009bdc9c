// `offsite owner pack SPLIT_DIR OUT.otpkg --key OWNER.offsitekey ...`: the model owner signs the split model
// (from `offsite owner split`) into one .otpkg file for the data owner. The export recipient written into the
// signed manifest is the owner's own age key from the same key file, so exports can only be read by the
// owner.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "app/cli/commands.h"
#include "app/cli/passphrase.h"
#include "core/base/file_io.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/key_file.h"
#include "core/json/json.h"
#include "core/package/package.h"

namespace offsite::cli {
namespace {

namespace fs = std::filesystem;

Result<std::string> stringField(const fs::path& file, std::string_view field) {
    OFFSITE_ASSIGN_OR_RETURN(const std::string text, readFile(file, 4u << 20));
    auto parsed = json::parse(text);
    if (!parsed.ok()) return parsed.error().withContext(file.string());
    const json::Value* value = parsed->find(field);
    if (value == nullptr || value->asString() == nullptr) {
        return makeError(ErrorKind::InvalidInput,
                         file.string() + " has no \"" + std::string(field) +
                             "\" string; is this the output of `offsite owner split`?");
    }
    return *value->asString();
}

Result<int> runPack(const Arguments& args) {
    const fs::path splitDir = args.positionals().at(0);
    const fs::path output = args.positionals().at(1);
    const auto keyPath = args.value("key");
    const auto publisher = args.value("publisher");
    const auto modelId = args.value("model-id");
    const auto licencePath = args.value("licence");
    if (!keyPath || !publisher || !modelId || !licencePath) {
        return makeError(ErrorKind::InvalidInput, "give --key, --publisher, --model-id and --licence");
    }
    OFFSITE_ASSIGN_OR_RETURN(const long long version, args.integer("version", 1, 1, (1LL << 53)));
    OFFSITE_ASSIGN_OR_RETURN(const long long days, args.integer("expires-days", 365, 1, 36500));
    OFFSITE_ASSIGN_OR_RETURN(const std::string architecture,
                             stringField(splitDir / "config.json", "model_type"));
    OFFSITE_ASSIGN_OR_RETURN(const std::string split, stringField(splitDir / "split.json", "split"));
    OFFSITE_ASSIGN_OR_RETURN(const std::string licence, readFile(*licencePath, 256u << 10));

    OFFSITE_ASSIGN_OR_RETURN(crypto::SecretBytes passphrase,
                             readPassphrase(args, "the owner key " + *keyPath, PassphrasePurpose::OpenKey));
    crypto::SecretBytes::Access pass(passphrase);
    OFFSITE_ASSIGN_OR_RETURN(crypto::KeyPair owner, crypto::readKeyPairFile(*keyPath, pass.bytes()));

    package::PackParams params;
    params.inputFolder = splitDir;
    params.outputPath = output;
    params.signingKey = &owner.signing;
    params.publisherId = *publisher;
    params.modelId = *modelId;
    params.packageVersion = version;
    params.createdAt = static_cast<std::int64_t>(std::time(nullptr));
    params.expiresAt = params.createdAt + days * 86400;
    params.architecture = architecture;
    params.split = split;
    params.exportRecipient = owner.encryption.recipient().toString();
    params.licence = licence;
    if (const auto changes = args.value("key-change")) {
        // Comma-separated, oldest first: every key change since the key data owners may have pinned.
        std::string_view rest = *changes;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            const std::string one(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            OFFSITE_ASSIGN_OR_RETURN(package::SignedKeyRotation rotation, package::readKeyRotationFiles(one));
            auto parsed = package::parseKeyRotation(rotation.documentBytes, one);
            if (!parsed.ok()) return parsed.error();
            const bool names = std::any_of(parsed->keys.begin(), parsed->keys.end(), [&](const auto& k) {
                return k.keyId == owner.signing.keyId();
            });
            if (parsed->publisherId != *publisher || (rest.empty() && !names)) {
                return makeError(ErrorKind::InvalidInput,
                                 one + " is a key change for publisher \"" + parsed->publisherId +
                                     "\" to other keys; the last key change must name --key and --publisher");
            }
            params.keyRotations.push_back(std::move(rotation));
        }
    }
    OFFSITE_ASSIGN_OR_RETURN(const package::Manifest manifest, package::writePackage(params));

    std::printf("signed package %s\n", output.c_str());
    std::printf("  publisher %s, model %s, version %lld, %zu files\n", publisher->c_str(), modelId->c_str(),
                version, manifest.files.size());
    std::printf("  signed by key %s (fingerprint %s)\n", owner.signing.keyId().display().c_str(),
                crypto::keyFingerprint(owner.signing.publicKey()).c_str());
    std::printf("  exports will be encrypted to %s\n", params.exportRecipient.c_str());
    std::printf("  expires in %lld days\n", days);
    return kExitOk;
}

}  // namespace

Command ownerPackCommand() {
    return Command{
        CommandSpec{
            "owner pack",
            "sign a split model into a .otpkg package (model owner)",
            "offsite owner pack SPLIT_DIR OUT.otpkg --key OWNER.offsitekey --publisher ID --model-id ID "
            "--licence FILE [--version N] [--expires-days D] [--key-change FILE]",
            {{"key", OptionKind::Value, "FILE", "your key pair from `offsite keygen --role owner`"},
             {"publisher", OptionKind::Value, "ID", "your publisher name, e.g. example.org/models"},
             {"model-id", OptionKind::Value, "ID", "the model's name, e.g. smollm2-135m-offsite"},
             {"version", OptionKind::Value, "N", "package version; must grow with every release (default 1)"},
             {"expires-days", OptionKind::Value, "D", "the package expires after D days (default 365)"},
             {"licence", OptionKind::Value, "FILE", "the licence terms shown to the data owner"},
             {"key-change", OptionKind::Value, "FILE[,FILE]",
              "publisher-keys.v<N>.json from `offsite owner rotate-key` (with its signatures beside it), oldest "
              "first, so data owners who pinned your old key accept the new one"},
             passphraseFileOption()},
            2,
            2},
        runPack};
}

}  // namespace offsite::cli
