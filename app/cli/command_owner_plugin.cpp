// `offsite owner plugin FULL_DIR SPLIT_DIR ADAPTER OUT_DIR`: the model owner puts the tuned adapter (decrypted from
// a data owner's export) into the full model.
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "core/emulator/plugin.h"

namespace offsite::cli {
namespace {

Result<int> runPlugin(const Arguments& args) {
    const auto& p = args.positionals();
    emulator::PluginOptions options;
    ProgressBar bar("plugging in");
    options.progress = [&](std::size_t done, std::size_t total) {
        bar.update(double(done) / double(total), std::to_string(done) + "/" + std::to_string(total) + " tensors");
        return true;
    };
    OFFSITE_ASSIGN_OR_RETURN(auto result, emulator::plugIn(p.at(0), p.at(1), p.at(2), p.at(3), options));
    bar.finish();
    std::string blocks;
    for (std::size_t i = 0; i < result.replacedBlocks.size(); ++i) {
        blocks += (i ? " " : "") + std::to_string(result.replacedBlocks[i]);
    }
    std::printf("replaced blocks %s (%zu tensors%s); the full model with the tuned adapter is in %s\n", blocks.c_str(),
                result.replacedTensors, result.lora ? ", LoRA merged" : "", p.at(3).c_str());
    return kExitOk;
}

}  // namespace

Command ownerPluginCommand() {
    return Command{
        CommandSpec{"owner plugin", "put a tuned adapter into the full model (model owner)",
                    "offsite owner plugin FULL_DIR SPLIT_DIR ADAPTER.safetensors OUT_DIR", {}, 4, 4},
        runPlugin};
}

}  // namespace offsite::cli
