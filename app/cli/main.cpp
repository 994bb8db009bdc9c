// `offsite`: the command line over Offsite Studio's core, for automation and for the model owner's side.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "core/crypto/process_hardening.h"

namespace {

using namespace offsite::cli;

std::vector<Command> commands() {
    return {inspectCommand(),     tokenizeCommand(), generateCommand(), convertGgufCommand(), trainCommand(), evalCommand(),
            ownerSplitCommand(),  ownerDistillCommand(),  ownerPluginCommand(), demoCommand(),
            keygenCommand(), ownerPackCommand(), ownerRotateKeyCommand(), verifyCommand(), importCommand(), exportCommand(), ownerOpenCommand(),
            datasetImportCommand(), datasetValidateCommand(), datasetPreviewCommand(), runsListCommand(),
            runsShowCommand(), workspaceCheckCommand(), datasetListCommand(), runsCancelCommand(),
            workspaceCleanCommand()};
}

void printOverview(const std::vector<Command>& all) {
    std::printf("Offsite Studio %s: fine-tune a model you do not own on data you do not share.\n\n", OFFSITE_VERSION);
    std::printf("Usage: offsite COMMAND [options]   (offsite COMMAND --help for details)\n\nCommands:\n");
    for (const auto& command : all) {
        std::string name = command.spec.name;
        name.resize(18, ' ');
        std::printf("  %s%s\n", name.c_str(), command.spec.summary.c_str());
    }
    std::printf("\nOptions:\n  --version       print the version\n  --help          show this help\n");
}

}  // namespace

int main(int argc, char** argv) {
    // KEY-2: no core dump may ever hold a key, passphrase or decrypted adapter (release builds).
    if (offsite::crypto::hardenProcessAtStart()) {
        if (const auto hardened = offsite::crypto::disableCoreDumps(); !hardened.ok()) {
            std::fprintf(stderr, "offsite: warning: %s\n", hardened.error().message.c_str());
        }
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    auto all = commands();
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printOverview(all);
        return args.empty() ? kExitUsage : kExitOk;
    }
    if (args[0] == "--version" || args[0] == "version") {
        std::printf("offsite %s\n", OFFSITE_VERSION);
        return kExitOk;
    }
    for (const auto& command : all) {
        // Commands of the model owner's side have two words ("owner split").
        const std::string& name = command.spec.name;
        const auto space = name.find(' ');
        std::size_t words = 1;
        if (space == std::string::npos) {
            if (name != args[0]) continue;
        } else {
            if (args.size() < 2 || name.compare(0, space, args[0]) != 0 || name.substr(space + 1) != args[1]) continue;
            words = 2;
        }
        std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(words), args.end());
        for (const auto& arg : rest) {
            if (arg == "--help" || arg == "-h") {
                std::printf("%s", helpText(command.spec).c_str());
                return kExitOk;
            }
        }
        auto parsed = Arguments::parse(command.spec, rest);
        if (!parsed.ok()) {
            std::fprintf(stderr, "offsite %s: %s\n", name.c_str(), parsed.error().message.c_str());
            return kExitUsage;
        }
        auto result = command.run(parsed.value());
        if (!result.ok()) {
            if (result.error().kind == offsite::ErrorKind::Cancelled) {
                std::fprintf(stderr, "offsite %s: cancelled\n", name.c_str());
                return kExitCancelled;
            }
            std::fprintf(stderr, "offsite %s: error: %s\n", name.c_str(), result.error().message.c_str());
            return kExitError;
        }
        return result.value();
    }
    bool group = false;  // the first word of a two-word command ("owner", "dataset", "runs", "workspace")
    for (const auto& command : all) group = group || command.spec.name.rfind(args[0] + " ", 0) == 0;
    std::string unknown = group && args.size() > 1 ? args[0] + " " + args[1] : args[0];
    std::fprintf(stderr, "offsite: unknown command \"%s\"; run `offsite --help` for the list\n", unknown.c_str());
    return kExitUsage;
}
