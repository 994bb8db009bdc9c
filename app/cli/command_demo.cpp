// `offsite demo`: the bundled walk-through. It makes sure the demo foundation model (SmolLM2-135M-Instruct,
// converted from the GGUF shipped by set-up) exists, then shows its tensors, its loss on a sample text, and a
// short greedy generation.
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "app/cli/text_model.h"
#include "core/gguf/gguf_to_hf.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::cli {
namespace {

constexpr const char* kSampleText =
    "The Eiffel Tower is a wrought-iron lattice tower on the Champ de Mars in Paris, France. It is named after "
    "the engineer Gustave Eiffel, whose company designed and built the tower from 1887 to 1889.";

Status ensureDemoModel(const std::filesystem::path& folder, const std::filesystem::path& ggufArg) {
    if (std::filesystem::exists(folder / "config.json")) return {};
    std::filesystem::path source = ggufArg.empty() ? findDemoGguf() : ggufArg;
    if (source.empty()) {
        return makeError(ErrorKind::NotFound,
                         "the demo model is not installed: run scripts/setup.sh (it installs the SmolLM2 GGUF), or "
                         "pass --gguf PATH");
    }
    std::printf("Converting %s\n      into %s\n", source.string().c_str(), folder.string().c_str());
    std::filesystem::create_directories(folder.parent_path());
    gguf::ConvertOptions options;
    ProgressBar bar("converting");
    options.progress = [&](const gguf::ConvertProgress& p) {
        bar.update(p.tensorsTotal ? double(p.tensorsDone) / double(p.tensorsTotal) : 0.0,
                   std::to_string(p.tensorsDone) + "/" + std::to_string(p.tensorsTotal) + " tensors");
        return true;
    };
    OFFSITE_TRY(gguf::convertToHuggingFace(source, folder, options));
    bar.finish();
    return {};
}

Result<int> runDemo(const Arguments& args) {
    const std::filesystem::path folder = args.valueOr("model", demoModelFolder().string());
    OFFSITE_TRY(ensureDemoModel(folder, args.valueOr("gguf", "")));
    OFFSITE_ASSIGN_OR_RETURN(auto load, loadOptions(args));

    std::printf("\n== 1. The foundation model: %s\n\n", folder.string().c_str());
    OFFSITE_ASSIGN_OR_RETURN(auto files, safetensors::ModelFiles::open(folder));
    std::vector<std::vector<std::string>> rows;
    for (const auto& name : files.names()) {
        // One block is enough to show the structure; the other blocks repeat it.
        if (name.find("layers.") != std::string::npos && name.find("layers.0.") == std::string::npos) continue;
        const auto* info = files.find(name);
        std::string shape;
        for (std::size_t i = 0; i < info->shape.size(); ++i) shape += (i ? " x " : "") + std::to_string(info->shape[i]);
        rows.push_back({name, std::string(safetensors::dtypeName(info->dtype)), shape, humanCount(info->numel())});
    }
    printTable({"tensor (block 0 of each repeated block shown)", "dtype", "shape", "params"}, rows);

    auto started = std::chrono::steady_clock::now();
    OFFSITE_ASSIGN_OR_RETURN(auto textModel, loadTextModel(folder, load));
    const auto& c = textModel.model.config();
    std::printf("\n%s: %lld blocks, hidden %lld, %lld query / %lld key-value heads, vocabulary %lld; %s parameters; "
                "loaded on %s in %.1f s\n",
                std::string(c.architectureName()).c_str(), static_cast<long long>(c.numLayers),
                static_cast<long long>(c.hiddenSize), static_cast<long long>(c.numHeads),
                static_cast<long long>(c.numKvHeads), static_cast<long long>(c.vocabSize),
                humanCount(textModel.model.parameterCount()).c_str(), textModel.model.deviceName().c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());

    std::printf("\n== 2. Loss on a sample text\n\n\"%s\"\n", kSampleText);
    auto ids = textModel.tokenizer.encode(kSampleText);
    OFFSITE_ASSIGN_OR_RETURN(double loss, textModel.model.meanLoss(ids));
    std::printf("%zu tokens, mean next-token loss %.4f nats, perplexity %.2f\n", ids.size(), loss, std::exp(loss));

    std::string prompt = args.valueOr("prompt", "What is the capital of France?");
    std::printf("\n== 3. Greedy generation (chat turn)\n\nuser: %s\nassistant: ", prompt.c_str());
    std::fflush(stdout);
    model::GenerationOptions options;
    OFFSITE_ASSIGN_OR_RETURN(auto maxNew, args.integer("max-new-tokens", 40, 1, 4096));
    options.maxNewTokens = static_cast<int>(maxNew);
    if (auto eos = c.eosTokenId) options.stopIds.push_back(static_cast<std::int32_t>(*eos));
    if (auto end = textModel.tokenizer.tokenToId("<|im_end|>")) options.stopIds.push_back(*end);
    started = std::chrono::steady_clock::now();
    OFFSITE_ASSIGN_OR_RETURN(auto text, streamGeneration(textModel, chatPrompt(textModel.tokenizer, prompt), options));
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto produced = textModel.tokenizer.encode(text, tokenizer::SpecialTokens::Skip).size();
    std::printf("(%zu tokens in %.1f s)\n", produced, seconds);
    return kExitOk;
}

}  // namespace

Command demoCommand() {
    return Command{
        CommandSpec{"demo", "run the bundled demo: model tensors, a loss, a generation",
                    "offsite demo [--model DIR] [--gguf FILE] [--prompt TEXT]",
                    {{"model", OptionKind::Value, "DIR", "model folder (default: the converted demo model)"},
                     {"gguf", OptionKind::Value, "FILE", "GGUF to convert when the model folder is missing"},
                     {"prompt", OptionKind::Value, "TEXT", "the chat prompt"},
                     {"max-new-tokens", OptionKind::Value, "N", "tokens to generate (default 40)"},
                     {"device", OptionKind::Value, "auto|cpu|cuda", "where to run (default auto)"},
                     {"threads", OptionKind::Value, "N", "CPU threads (default: all cores)"}},
                    0, 0},
        runDemo};
}

}  // namespace offsite::cli
