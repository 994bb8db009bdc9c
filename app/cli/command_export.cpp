// `offsite export ADAPTER.safetensors --package-id N --run-id ID --key DATAOWNER.offsitekey --out FILE.age`:
// the data owner sends the tuned adapter back, encrypted to the model owner's key from the signed package and
// signed with the data owner's key. `--list` shows what would leave the machine and writes nothing. With
// `--workspace` and a run number of that workspace as `--run-id`, the export is recorded there (its receipt).
#include <cstdio>
#include <optional>

#include "app/cli/commands.h"
#include "app/cli/passphrase.h"
#include "core/base/file_io.h"
#include "core/crypto/key_file.h"
#include "core/export/export.h"
#include "core/workspace/packages.h"
#include "core/workspace/workspace.h"

namespace offsite::cli {
namespace {

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string item =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) out.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

Result<int> runExport(const Arguments& args) {
    exports::ExportParams params;
    params.adapterPath = args.positionals().at(0);
    params.appVersion = OFFSITE_VERSION;
    const auto folder = args.value("package-folder");
    const auto packageId = args.value("package-id");
    if (folder.has_value() == packageId.has_value()) {
        return makeError(ErrorKind::InvalidInput,
                         "give --package-id N (an imported package) or --package-folder DIR (its folder)");
    }
    // One open workspace (it is locked while open): for --package-id, and to record the export with --workspace.
    std::optional<workspace::Workspace> ws;
    if (packageId || args.value("workspace")) {
        OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace opened,
                                 workspace::Workspace::open(args.valueOr(
                                     "workspace", workspace::defaultWorkspaceFolder().string())));
        ws.emplace(std::move(opened));
    }
    if (folder) {
        params.packageFolder = *folder;
    } else {
        OFFSITE_ASSIGN_OR_RETURN(const long long id, args.integer("package-id", 0, 1, (1LL << 62)));
        OFFSITE_ASSIGN_OR_RETURN(params.packageFolder, workspace::packageModelFolder(*ws, id));
    }
    params.runId = args.valueOr("run-id", "");
    // With --workspace, an export whose run id is the number of one of its runs is recorded as that run's
    // receipt (what the desktop app does).
    std::optional<std::int64_t> recordForRun;
    if (ws && args.value("workspace") && !params.runId.empty() &&
        params.runId.find_first_not_of("0123456789") == std::string::npos && params.runId.size() < 18) {
        const std::int64_t runNumber = std::stoll(params.runId);
        if (ws->run(runNumber).ok()) recordForRun = runNumber;
    }
    if (auto hyper = args.value("hyperparameters")) {
        OFFSITE_ASSIGN_OR_RETURN(params.hyperparametersJson, readFile(*hyper, 1u << 20));
    }
    params.datasetFingerprints = splitList(args.valueOr("dataset-fingerprints", ""));
    const auto out = args.value("out");
    if (!out && !args.flag("list"))
        return makeError(ErrorKind::InvalidInput, "give --out FILE.age (or --list)");
    if (out) params.outputPath = *out;
    if (args.flag("list")) {
        OFFSITE_ASSIGN_OR_RETURN(const exports::ExportListing listing, exports::describeExport(params));
        std::printf("%s", listing.text().c_str());
        return kExitOk;
    }
    const auto keyPath = args.value("key");
    if (!keyPath)
        return makeError(ErrorKind::InvalidInput,
                         "give --key, your key pair from `offsite keygen --role data-owner`");
    OFFSITE_ASSIGN_OR_RETURN(
        crypto::SecretBytes passphrase,
        readPassphrase(args, "the data owner key " + *keyPath, PassphrasePurpose::OpenKey));
    const crypto::SecretBytes::Access pass(passphrase);
    OFFSITE_ASSIGN_OR_RETURN(const crypto::SigningKey key,
                             crypto::readSigningKeyFile(*keyPath, pass.bytes()));
    params.signingKey = &key;
    OFFSITE_ASSIGN_OR_RETURN(const exports::ExportResult result, exports::writeExport(params));
    std::printf("exported %s, encrypted to %s (fingerprint %s)\n", result.encryptedPath.c_str(),
                result.listing.recipient.c_str(), result.listing.recipientFingerprint.c_str());
    std::printf("  signed by your key %s: %s\n", key.keyId().display().c_str(), result.signaturePath.c_str());
    std::printf("  %zu adapter tensors; no training data is included\n", result.listing.tensors.size());
    if (recordForRun) {
        OFFSITE_ASSIGN_OR_RETURN(const std::string encrypted,
                                 readFile(result.encryptedPath, exports::kExportMaxBytes));
        auto exportId = ws->recordExport({*recordForRun, std::nullopt, result.listing.recipient}, encrypted);
        if (!exportId.ok()) {
            return exportId.error().withContext("the export was written, but recording it in the workspace failed");
        }
        std::printf("  recorded in workspace %s as export %lld of run %lld\n", ws->folder().c_str(),
                    static_cast<long long>(*exportId), static_cast<long long>(*recordForRun));
    } else if (ws && args.value("workspace")) {
        std::printf("  not recorded in the workspace: --run-id %s is not the number of one of its runs\n",
                    params.runId.c_str());
    }
    std::printf("Send both files to the model owner.\n");
    return kExitOk;
}

Result<int> runOpen(const Arguments& args) {
    const auto signer = args.value("signer");
    const auto keyPath = args.value("key");
    const auto packagePath = args.value("package");
    const auto out = args.value("out");
    if (!signer || !keyPath || !packagePath || !out) {
        return makeError(ErrorKind::InvalidInput, "give --signer, --key, --package and --out");
    }
    exports::OpenParams params;
    params.exportPath = args.positionals().at(0);
    params.signaturePath = args.valueOr("signature", "");
    OFFSITE_ASSIGN_OR_RETURN(params.dataOwnerKey, crypto::readMinisignPublicKeyFile(*signer));
    OFFSITE_ASSIGN_OR_RETURN(crypto::SecretBytes passphrase,
                             readPassphrase(args, "the owner key " + *keyPath, PassphrasePurpose::OpenKey));
    const crypto::SecretBytes::Access pass(passphrase);
    OFFSITE_ASSIGN_OR_RETURN(const crypto::KeyPair owner, crypto::readKeyPairFile(*keyPath, pass.bytes()));
    params.identity = &owner.encryption;
    params.packagePath = *packagePath;
    params.packageKey = owner.signing.publicKey();
    params.outputAdapterPath = *out;
    OFFSITE_ASSIGN_OR_RETURN(const exports::OpenedExport opened, exports::openExport(params));
    std::printf("opened %s: signed by data owner key %s, made from %s version %lld (run %s)\n",
                params.exportPath.c_str(), params.dataOwnerKey.keyId.display().c_str(),
                opened.listing.modelId.c_str(), static_cast<long long>(opened.listing.packageVersion),
                opened.listing.runId.c_str());
    std::printf("  adapter: %s (%zu tensors, sha256 %s), matches the package's adapter layout\n",
                opened.adapterPath.c_str(), opened.listing.tensors.size(), opened.adapterSha256.c_str());
    std::printf("  hyperparameters: %s\n", opened.listing.hyperparametersJson.c_str());
    return kExitOk;
}

}  // namespace

Command exportCommand() {
    return Command{
        CommandSpec{
            "export",
            "encrypt and sign a tuned adapter for the model owner (data owner)",
            "offsite export ADAPTER.safetensors (--package-id N | --package-folder DIR) --run-id ID --key "
            "FILE.offsitekey --out FILE.age",
            {{"package-id", OptionKind::Value, "N", "the imported package the adapter was tuned from"},
             {"package-folder", OptionKind::Value, "DIR", "or that package's folder"},
             {"workspace", OptionKind::Value, "DIR",
              "workspace folder (default as for `offsite import`); the export is recorded there when --run-id is "
              "the number of one of its runs"},
             {"run-id", OptionKind::Value, "ID", "the training run (A-Z a-z 0-9 . _ - :)"},
             {"hyperparameters", OptionKind::Value, "FILE", "a JSON object recorded in the provenance"},
             {"dataset-fingerprints", OptionKind::Value, "HEX,...", "salted data-set fingerprints"},
             {"key", OptionKind::Value, "FILE", "your key pair from `offsite keygen --role data-owner`"},
             {"out", OptionKind::Value, "FILE", "the encrypted export; the signature goes to FILE.minisig"},
             {"list", OptionKind::Flag, "", "only show what would leave the machine"},
             passphraseFileOption()},
            1,
            1},
        runExport};
}

Command ownerOpenCommand() {
    return Command{
        CommandSpec{
            "owner open",
            "check, decrypt and unpack a data owner's export (model owner)",
            "offsite owner open EXPORT.age --signer DATAOWNER.pub --key OWNER.offsitekey --package PKG.otpkg "
            "--out ADAPTER.safetensors",
            {{"signer", OptionKind::Value, "FILE", "the data owner's minisign public key (.pub)"},
             {"signature", OptionKind::Value, "FILE", "the signature (default EXPORT.age.minisig)"},
             {"key", OptionKind::Value, "FILE", "your key pair from `offsite keygen --role owner`"},
             {"package", OptionKind::Value, "FILE", "the .otpkg you published (checks the provenance)"},
             {"out", OptionKind::Value, "FILE", "where to write the tuned adapter"},
             passphraseFileOption()},
            1,
            1},
        runOpen};
}

}  // namespace offsite::cli
