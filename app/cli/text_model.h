// A model folder loaded for text: the LanguageModel plus its tokenizer, and the streaming decode the generate
// and demo commands share.
#pragma once

#include <filesystem>
#include <string>

#include "app/cli/arguments.h"
#include "core/model/language_model.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::cli {

struct TextModel {
    model::LanguageModel model;
    tokenizer::Tokenizer tokenizer;
};

// --device and --threads, shared by the commands that run a model.
[[nodiscard]] Result<model::LoadOptions> loadOptions(const Arguments& args);

[[nodiscard]] Result<TextModel> loadTextModel(const std::filesystem::path& folder, const model::LoadOptions& options);

// Wraps a user message in the ChatML turn format when the tokenizer knows <|im_start|>; the text unchanged
// otherwise.
[[nodiscard]] std::string chatPrompt(const tokenizer::Tokenizer& tokenizer, const std::string& message);

// Generates and prints the continuation as it is produced (whole UTF-8 characters only). Returns the text.
[[nodiscard]] Result<std::string> streamGeneration(const TextModel& textModel, const std::string& prompt,
                                                   const model::GenerationOptions& options);

}  // namespace offsite::cli
