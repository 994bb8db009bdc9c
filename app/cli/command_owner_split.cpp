// `offsite owner split MODEL_DIR OUT_DIR --split l-k-r`: the model owner's first step. Writes the emulated model
// (adapter + emulator shards) that a package will carry.
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "core/emulator/split.h"
#include "core/json/json.h"

namespace offsite::cli {
namespace {

Result<int> runSplit(const Arguments& args) {
    emulator::SplitOptions options;
    OFFSITE_ASSIGN_OR_RETURN(options.spec, emulator::parseSplit(args.valueOr("split", "2-8-2")));
    if (args.value("prune") && args.value("quantize-bits")) {
        return makeError(ErrorKind::InvalidInput, "choose one compression: --prune or --quantize-bits");
    }
    if (args.value("prune")) {
        options.compression = emulator::Compression::MagnitudePrune;
        OFFSITE_ASSIGN_OR_RETURN(options.pruneRatio, args.number("prune", 0.0, 0.0, 1.0));
    } else if (args.value("quantize-bits")) {
        options.compression = emulator::Compression::FakeQuantize;
        OFFSITE_ASSIGN_OR_RETURN(auto bits, args.integer("quantize-bits", 8, 1, 16));
        options.quantizeBits = static_cast<int>(bits);
    }
    ProgressBar bar("splitting");
    options.progress = [&](std::size_t done, std::size_t total) {
        bar.update(double(done) / double(total), std::to_string(done) + "/" + std::to_string(total) + " tensors");
        return true;
    };
    OFFSITE_ASSIGN_OR_RETURN(auto result, emulator::writeSplit(args.positionals().at(0), args.positionals().at(1), options));
    bar.finish();
    std::string blocks;
    for (std::size_t i = 0; i < result.plan.sourceBlocks.size(); ++i) {
        blocks += (i ? " " : "") + std::to_string(result.plan.sourceBlocks[i]);
    }
    if (args.flag("json")) {
        json::Value out = json::Value::object();
        out.set("split", json::Value::string(result.plan.spec.text()));
        json::Value list = json::Value::array();
        for (int b : result.plan.sourceBlocks) list.push(json::Value::integer(b));
        out.set("source_blocks", std::move(list));
        out.set("adapter_parameters", json::Value::integer(result.adapterParameters));
        out.set("emulator_parameters", json::Value::integer(result.emulatorParameters));
        std::printf("%s\n", json::serialize(out).c_str());
    } else {
        std::printf("split %s of a %d-block model: blocks %s\n", result.plan.spec.text().c_str(),
                    result.plan.originalBlocks, blocks.c_str());
        std::printf("adapter: %s parameters (trainable); emulator: %s parameters (frozen)\n",
                    humanCount(result.adapterParameters).c_str(), humanCount(result.emulatorParameters).c_str());
    }
    return kExitOk;
}

}  // namespace

Command ownerSplitCommand() {
    return Command{
        CommandSpec{"owner split", "split a model into adapter and emulator (model owner)",
                    "offsite owner split MODEL_DIR OUT_DIR [--split l-k-r] [--prune RATIO | --quantize-bits N]",
                    {{"split", OptionKind::Value, "l-k-r", "bottom adapter, emulator and top adapter blocks (default 2-8-2)"},
                     {"prune", OptionKind::Value, "RATIO", "also zero this fraction of each emulator matrix"},
                     {"quantize-bits", OptionKind::Value, "N", "also fake-quantize emulator matrices to N bits"},
                     {"json", OptionKind::Flag, "", "machine-readable output"}},
                    2, 2},
        runSplit};
}

}  // namespace offsite::cli
