// `offsite convert-gguf MODEL.gguf OUT_DIR`: a llama.cpp GGUF model to a Hugging Face folder (safetensors,
// config.json, tokenizer.json), dequantized; this is how set-up produces the demo's foundation model.
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "core/gguf/gguf_to_hf.h"

namespace offsite::cli {
namespace {

Result<int> runConvert(const Arguments& args) {
    gguf::ConvertOptions options;
    const std::string dtype = args.valueOr("dtype", "f32");
    if (dtype == "f32") {
        options.dtype = gguf::OutputDtype::Float32;
    } else if (dtype == "bf16") {
        options.dtype = gguf::OutputDtype::BFloat16;
    } else {
        return makeError(ErrorKind::InvalidInput, "--dtype must be f32 or bf16, not \"" + dtype + "\"");
    }
    options.existingOutput = args.flag("force") ? gguf::ExistingOutput::Replace : gguf::ExistingOutput::Refuse;
    ProgressBar bar("converting");
    options.progress = [&](const gguf::ConvertProgress& progress) {
        double fraction = progress.tensorsTotal ? double(progress.tensorsDone) / double(progress.tensorsTotal) : 0.0;
        bar.update(fraction, std::to_string(progress.tensorsDone) + "/" + std::to_string(progress.tensorsTotal) +
                                 " tensors");
        return true;
    };
    const std::filesystem::path input = args.positionals().at(0);
    const std::filesystem::path output = args.positionals().at(1);
    OFFSITE_TRY(gguf::convertToHuggingFace(input, output, options));
    bar.finish(output.string());
    return kExitOk;
}

}  // namespace

Command convertGgufCommand() {
    return Command{
        CommandSpec{"convert-gguf", "convert a llama.cpp GGUF model into a Hugging Face folder",
                    "offsite convert-gguf MODEL.gguf OUT_DIR [--dtype f32|bf16] [--force]",
                    {{"dtype", OptionKind::Value, "f32|bf16", "weight type of model.safetensors (default f32)"},
                     {"force", OptionKind::Flag, "", "replace OUT_DIR if it exists"}},
                    2, 2},
        runConvert};
}

}  // namespace offsite::cli
