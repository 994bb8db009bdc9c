// Loading a model folder with its tokenizer, and streaming generated text to the terminal.
#include "app/cli/text_model.h"

#include <cstdio>

namespace offsite::cli {

Result<TextModel> loadTextModel(const std::filesystem::path& folder, const model::LoadOptions& options) {
    auto tok = tokenizer::Tokenizer::fromFile(folder / "tokenizer.json");
    if (!tok.ok()) return tok.error();
    auto lm = model::LanguageModel::load(folder, options);
    if (!lm.ok()) return lm.error();
    if (tok->vocabSize() > lm->config().vocabSize) {
        return makeError(ErrorKind::InvalidInput, "the tokenizer in " + folder.string() + " has " +
                                                      std::to_string(tok->vocabSize()) +
                                                      " tokens but the model only " +
                                                      std::to_string(lm->config().vocabSize));
    }
    return TextModel{std::move(lm.value()), std::move(tok.value())};
}

std::string chatPrompt(const tokenizer::Tokenizer& tok, const std::string& message) {
    if (!tok.tokenToId("<|im_start|>")) return message;
    return "<|im_start|>user\n" + message + "<|im_end|>\n<|im_start|>assistant\n";
}

Result<std::string> streamGeneration(const TextModel& textModel, const std::string& prompt,
                                     const model::GenerationOptions& options) {
    auto ids = textModel.tokenizer.encode(prompt);
    std::vector<std::int32_t> produced;
    std::size_t printed = 0;
    auto printNew = [&](bool final) {
        std::string text = textModel.tokenizer.decode(produced, tokenizer::SkipSpecial::Yes);
        // Hold back an incomplete UTF-8 sequence (decoded as U+FFFD) until its remaining bytes arrive.
        std::size_t stable = text.size();
        if (!final && stable >= 3 && text.compare(stable - 3, 3, "\xEF\xBF\xBD") == 0) stable -= 3;
        if (stable > printed && text.compare(0, printed, text, 0, printed) == 0) {
            std::fwrite(text.data() + printed, 1, stable - printed, stdout);
            std::fflush(stdout);
            printed = stable;
        }
        return text;
    };
    auto result = textModel.model.generate(ids, options, [&](std::int32_t token) {
        produced.push_back(token);
        printNew(false);
        return true;
    });
    if (!result.ok()) return result.error();
    std::string text = printNew(true);
    std::printf("\n");
    return text;
}

}  // namespace offsite::cli
