// `offsite import PACKAGE.otpkg [--publisher-key FILE.pub] [--trust-key] [--confirm] [--workspace DIR]`:
// verifies a package and adds it to the workspace. The first package of a publisher stops to show the key's
// fingerprint (compare it with the publisher over another channel, then run again with --trust-key); a change
// of export key, publisher or model shape stops to show what changed (run again with --confirm).
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "core/json/json.h"
#include "core/trust/import.h"
#include "core/workspace/workspace.h"

namespace offsite::cli {
namespace {

Result<int> runImport(const Arguments& args) {
    const std::filesystem::path packagePath = args.positionals().at(0);
    const std::filesystem::path folder =
        std::filesystem::absolute(args.valueOr("workspace", workspace::defaultWorkspaceFolder().string()));
    trust::ImportOptions options;
    if (auto key = args.value("publisher-key")) {
        OFFSITE_ASSIGN_OR_RETURN(options.presentedKey, crypto::readMinisignPublicKeyFile(*key));
    }
    if (args.flag("trust-key")) {
        if (!options.presentedKey) {
            return makeError(ErrorKind::InvalidInput,
                             "--trust-key needs the key itself: add --publisher-key FILE.pub");
        }
        options.keyDecision = trust::KeyDecision::TrustPresentedKey;
    }
    if (args.flag("confirm")) options.changeDecision = trust::ChangeDecision::Confirmed;
    if (auto reason = args.value("override-expiry")) options.expiryOverrideReason = *reason;
    if (auto actor = args.value("actor")) options.actor = *actor;
    ProgressBar bar("verifying");
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        bar.update(total == 0 ? 1.0 : double(done) / double(total), humanBytes(done));
        return true;
    };
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace ws, workspace::Workspace::open(folder));
    OFFSITE_ASSIGN_OR_RETURN(const trust::ImportOutcome outcome,
                             trust::importPackage(ws, packagePath, options));
    const bool json = args.flag("json");
    json::Value out = json::Value::object();
    switch (outcome.status) {
        case trust::ImportStatus::Imported: {
            bar.finish();
            const auto& p = *outcome.imported;
            if (json) {
                out.set("status", json::Value::string("imported"));
                out.set("package_id", json::Value::integer(p.packageId));
                out.set("model_folder", json::Value::string(p.modelFolder.string()));
                out.set("manifest_sha256", json::Value::string(p.manifestSha256));
                out.set("key_pinned", json::Value::boolean(p.keyPinned));
                out.set("expiry_overridden", json::Value::boolean(p.expiryOverridden));
                json::Value changes = json::Value::array();
                for (const auto& change : p.keyChanges) changes.push(json::Value::string(change));
                out.set("key_changes", std::move(changes));
                std::printf("%s\n", json::serialize(out).c_str());
            } else {
                std::printf("imported %s version %lld from \"%s\" as package %lld\n",
                            p.manifest.modelId.c_str(), static_cast<long long>(p.manifest.packageVersion),
                            p.manifest.publisherId.c_str(), static_cast<long long>(p.packageId));
                if (p.keyPinned) std::printf("  the publisher's key is now pinned in this workspace\n");
                for (const auto& change : p.keyChanges) std::printf("  %s\n", change.c_str());
                if (p.expiryOverridden)
                    std::printf("  the package had expired; imported under your override (in the audit log)\n");
                std::printf("  model folder: %s\n", p.modelFolder.c_str());
            }
            return kExitOk;
        }
        case trust::ImportStatus::NeedsFirstTrust: {
            const auto& t = *outcome.firstTrust;
            if (json) {
                out.set("status", json::Value::string("needs_first_trust"));
                out.set("publisher", json::Value::string(t.publisherId));
                out.set("key_id", json::Value::string(t.keyId));
                out.set("fingerprint", json::Value::string(t.fingerprint));
                std::printf("%s\n", json::serialize(out).c_str());
            } else {
                std::printf(
                    "NOT IMPORTED YET: this is the first package from publisher \"%s\" in this workspace.\n",
                    t.publisherId.c_str());
                std::printf("  key id       %s\n  fingerprint  %s\n", t.keyId.c_str(), t.fingerprint.c_str());
                std::printf(
                    "Compare the fingerprint with the publisher over another channel (phone, in person). If "
                    "it matches, run the same command again with --trust-key.\n");
            }
            return 3;
        }
        case trust::ImportStatus::NeedsConfirmation: {
            const auto& c = *outcome.confirmation;
            if (json) {
                out.set("status", json::Value::string("needs_confirmation"));
                json::Value list = json::Value::array();
                for (const auto& change : c.changes) list.push(json::Value::string(change));
                out.set("changes", std::move(list));
                std::printf("%s\n", json::serialize(out).c_str());
            } else {
                std::printf("NOT IMPORTED YET: this package changes something you relied on:\n");
                for (const auto& change : c.changes) std::printf("  - %s\n", change.c_str());
                std::printf("If you expected this, run the same command again with --confirm.\n");
            }
            return 4;
        }
    }
    return kExitError;
}

}  // namespace

Command importCommand() {
    return Command{
        CommandSpec{"import",
                    "verify a package and add it to the workspace (data owner)",
                    "offsite import PACKAGE.otpkg [--publisher-key FILE.pub [--trust-key]] [--confirm] "
                    "[--override-expiry REASON [--actor NAME]] [--workspace DIR]",
                    {{"publisher-key", OptionKind::Value, "FILE",
                      "the publisher's public key, for the first package"},
                     {"trust-key", OptionKind::Flag, "",
                      "you compared the fingerprint with the publisher: pin the key"},
                     {"confirm", OptionKind::Flag, "",
                      "accept the listed changes (export key, publisher, model shape)"},
                     {"override-expiry", OptionKind::Value, "REASON",
                      "administrators only: import an expired package anyway; the reason is audit-logged"},
                     {"actor", OptionKind::Value, "NAME", "who is importing, for the audit log (default user)"},
                     {"workspace", OptionKind::Value, "DIR",
                      "workspace folder (default $OFFSITE_WORKSPACE, $XDG_DATA_HOME/offsite-studio or "
                      "~/.local/share/offsite-studio)"},
                     {"json", OptionKind::Flag, "", "machine-readable outcome"}},
                    1,
                    1},
        runImport};
}

}  // namespace offsite::cli
