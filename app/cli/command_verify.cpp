// `offsite verify PACKAGE.otpkg (--publisher-key FILE.pub | --workspace DIR)`: a plain-language verdict on a
// package, without importing it: whose signature, which model and version, what is inside, where exports go.
#include <cstdio>
#include <ctime>

#include "app/cli/commands.h"
#include "core/crypto/fingerprint.h"
#include "core/json/json.h"
#include "core/package/package.h"
#include "core/trust/import.h"
#include "core/workspace/workspace.h"

namespace offsite::cli {
namespace {

std::string dateOf(std::int64_t unixSeconds) {
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M UTC", &tm);
    return buffer;
}

Result<int> runVerify(const Arguments& args) {
    const std::filesystem::path packagePath = args.positionals().at(0);
    const auto keyFile = args.value("publisher-key");
    const auto workspaceFolder = args.value("workspace");
    if (keyFile.has_value() == workspaceFolder.has_value()) {
        return makeError(
            ErrorKind::InvalidInput,
            "give either --publisher-key FILE.pub (the publisher's public key) or --workspace DIR (the "
            "keys you trusted when importing)");
    }
    package::TrustedKeys keys;
    std::int64_t floor = 0;
    std::string keySource;
    std::optional<workspace::Workspace> ws;
    if (keyFile) {
        OFFSITE_ASSIGN_OR_RETURN(const crypto::MinisignPublicKey key,
                                 crypto::readMinisignPublicKeyFile(*keyFile));
        keys.keys.push_back(package::PinnedKey{args.valueOr("publisher", ""), key});
        keySource = "the key in " + *keyFile;
    } else {
        OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace opened, workspace::Workspace::open(*workspaceFolder));
        ws.emplace(std::move(opened));
        OFFSITE_ASSIGN_OR_RETURN(keys, trust::trustedKeys(*ws));
        OFFSITE_ASSIGN_OR_RETURN(floor, trust::trustedTimeFloor(*ws));
        keySource = "a key pinned in the workspace " + *workspaceFolder;
    }
    package::VerifyParams params;
    params.trustedKeys = &keys;
    params.now = static_cast<std::int64_t>(std::time(nullptr));
    params.trustedTimeFloor = floor;
    auto verified = package::verifyPackage(packagePath, params);
    const bool json = args.flag("json");
    if (!verified.ok()) {
        if (json) {
            json::Value out = json::Value::object();
            out.set("verified", json::Value::boolean(false));
            out.set("package", json::Value::string(packagePath.string()));
            out.set("reason", json::Value::string(verified.error().message));
            std::printf("%s\n", json::serialize(out).c_str());
        } else {
            std::printf("NOT VERIFIED: %s\n", verified.error().message.c_str());
            std::printf(
                "Do not use this package. Ask the publisher for a new copy over a channel you trust.\n");
        }
        return kExitError;
    }
    const package::Manifest& m = verified->manifest;
    const crypto::MinisignPublicKey* signer = nullptr;
    for (const auto& k : keys.keys) {
        if (k.key.keyId == verified->keyId) signer = &k.key;
    }
    const std::string fingerprint = signer != nullptr ? crypto::keyFingerprint(*signer) : "";
    std::uint64_t total = 0;
    for (const auto& f : m.files) total += f.size;
    if (json) {
        json::Value out = json::Value::object();
        out.set("verified", json::Value::boolean(true));
        out.set("package", json::Value::string(packagePath.string()));
        out.set("publisher", json::Value::string(verified->publisherId));
        out.set("model_id", json::Value::string(m.modelId));
        out.set("package_version", json::Value::integer(m.packageVersion));
        out.set("key_id", json::Value::string(verified->keyId.display()));
        out.set("fingerprint", json::Value::string(fingerprint));
        out.set("created_at", json::Value::integer(m.createdAt));
        out.set("expires_at", json::Value::integer(m.expiresAt));
        out.set("architecture", json::Value::string(m.architecture));
        out.set("split", json::Value::string(m.split));
        out.set("export_recipient", json::Value::string(m.exportRecipient));
        json::Value files = json::Value::array();
        for (const auto& f : m.files) {
            json::Value o = json::Value::object();
            o.set("path", json::Value::string(f.path));
            o.set("role", json::Value::string(std::string(package::roleName(f.role))));
            o.set("size", json::Value::unsignedInteger(f.size));
            o.set("sha256", json::Value::string(f.sha256));
            files.push(std::move(o));
        }
        out.set("files", std::move(files));
        std::printf("%s\n", json::serialize(out).c_str());
        return kExitOk;
    }
    std::printf("VERIFIED: %s version %lld from publisher \"%s\"\n", m.modelId.c_str(),
                static_cast<long long>(m.packageVersion), verified->publisherId.c_str());
    std::printf("  signed by key %s (fingerprint %s), %s\n", verified->keyId.display().c_str(),
                fingerprint.c_str(), keySource.c_str());
    std::printf("  made %s, expires %s\n", dateOf(m.createdAt).c_str(), dateOf(m.expiresAt).c_str());
    std::printf("  %s, split %s; %zu files, %llu bytes, every one matches its signed size and SHA-256\n",
                m.architecture.c_str(), m.split.c_str(), m.files.size(),
                static_cast<unsigned long long>(total));
    std::printf("  tuned adapters you export will be encrypted to %s\n", m.exportRecipient.c_str());
    return kExitOk;
}

}  // namespace

Command verifyCommand() {
    return Command{
        CommandSpec{
            "verify",
            "check a package's signature and contents without importing it",
            "offsite verify PACKAGE.otpkg (--publisher-key FILE.pub [--publisher ID] | --workspace DIR) "
            "[--json]",
            {{"publisher-key", OptionKind::Value, "FILE", "the publisher's minisign public key (.pub)"},
             {"publisher", OptionKind::Value, "ID", "with --publisher-key: the publisher the key belongs to"},
             {"workspace", OptionKind::Value, "DIR", "use the keys trusted in this workspace"},
             {"json", OptionKind::Flag, "", "machine-readable verdict"}},
            1,
            1},
        runVerify};
}

}  // namespace offsite::cli
