// `offsite generate`: continue a prompt with a model folder (greedy by default, or sampled), streaming the text.
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/text_model.h"

namespace offsite::cli {

Result<model::LoadOptions> loadOptions(const Arguments& args) {
    model::LoadOptions options;
    const std::string device = args.valueOr("device", "auto");
    if (device == "auto") options.device = model::Device::Auto;
    else if (device == "cpu") options.device = model::Device::Cpu;
    else if (device == "cuda") options.device = model::Device::Cuda;
    else return makeError(ErrorKind::InvalidInput, "--device must be auto, cpu or cuda");
    OFFSITE_ASSIGN_OR_RETURN(auto threads, args.integer("threads", 0, 0, 1024));
    options.threads = static_cast<int>(threads);
    return options;
}

namespace {

Result<int> runGenerate(const Arguments& args) {
    std::filesystem::path folder = args.valueOr("model", demoModelFolder().string());
    OFFSITE_ASSIGN_OR_RETURN(auto load, loadOptions(args));
    model::GenerationOptions options;
    OFFSITE_ASSIGN_OR_RETURN(auto maxNew, args.integer("max-new-tokens", 48, 1, 100000));
    options.maxNewTokens = static_cast<int>(maxNew);
    if (args.flag("sample")) options.sampling = model::Sampling::Sample;
    OFFSITE_ASSIGN_OR_RETURN(options.temperature, args.number("temperature", 0.8, 0.0, 100.0));
    OFFSITE_ASSIGN_OR_RETURN(auto topK, args.integer("top-k", 0, 0, 1000000));
    options.topK = static_cast<int>(topK);
    OFFSITE_ASSIGN_OR_RETURN(options.topP, args.number("top-p", 1.0, 0.0, 1.0));
    OFFSITE_ASSIGN_OR_RETURN(auto seed, args.integer("seed", 0, 0, (1LL << 62)));
    options.seed = static_cast<std::uint64_t>(seed);

    OFFSITE_ASSIGN_OR_RETURN(auto textModel, loadTextModel(folder, load));
    if (auto eos = textModel.model.config().eosTokenId) options.stopIds.push_back(static_cast<std::int32_t>(*eos));
    if (auto end = textModel.tokenizer.tokenToId("<|im_end|>")) options.stopIds.push_back(*end);
    std::string prompt = args.positionals().empty() ? args.valueOr("prompt", "") : args.positionals()[0];
    if (prompt.empty()) return makeError(ErrorKind::InvalidInput, "give a prompt: offsite generate \"Once upon a time\"");
    if (args.flag("chat")) prompt = chatPrompt(textModel.tokenizer, prompt);
    else std::printf("%s", prompt.c_str());
    OFFSITE_TRY(streamGeneration(textModel, prompt, options));
    return kExitOk;
}

}  // namespace

Command generateCommand() {
    return Command{
        CommandSpec{"generate", "continue a prompt with a model (greedy or sampled)",
                    "offsite generate PROMPT [--model DIR] [--chat] [--max-new-tokens N] [--sample ...]",
                    {{"model", OptionKind::Value, "DIR", "model folder (default: the demo model)"},
                     {"prompt", OptionKind::Value, "TEXT", "the prompt (or give it as the argument)"},
                     {"chat", OptionKind::Flag, "", "wrap the prompt as a chat turn (ChatML models)"},
                     {"max-new-tokens", OptionKind::Value, "N", "tokens to generate (default 48)"},
                     {"sample", OptionKind::Flag, "", "sample instead of greedy decoding"},
                     {"temperature", OptionKind::Value, "T", "sampling temperature (default 0.8)"},
                     {"top-k", OptionKind::Value, "K", "sample among the K most likely tokens"},
                     {"top-p", OptionKind::Value, "P", "sample from the smallest set with probability P"},
                     {"seed", OptionKind::Value, "N", "random seed for sampling (default 0)"},
                     {"device", OptionKind::Value, "auto|cpu|cuda", "where to run (default auto)"},
                     {"threads", OptionKind::Value, "N", "CPU threads (default: all cores)"}},
                    0, 1},
        runGenerate};
}

}  // namespace offsite::cli
