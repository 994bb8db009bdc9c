// Byte-level BPE tokenizers (GPT-2, OPT, Llama 3, SmolLM2) loaded from a Hugging Face tokenizer.json and
// producing the same ids and text as the `tokenizers` library (0.22.1): added/special tokens, ByteLevel /
// Split / Digits pre-tokenizers, the BPE model, TemplateProcessing and the ByteLevel decoder. Anything
// else is refused at load time with a message saying what is not supported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace offsite::tokenizer {

// Whether encode() adds the post-processor's special tokens (HF's add_special_tokens).
enum class SpecialTokens { Add = 1, Skip };
// Whether decode() leaves out special tokens (HF's skip_special_tokens).
enum class SkipSpecial { No = 1, Yes };

// tokenizer.json files larger than this are refused before reading.
inline constexpr std::size_t kMaxTokenizerJsonBytes = std::size_t{64} << 20;

// Immutable after loading; encode/decode may be called from several threads at once. A moved-from
// Tokenizer may only be destroyed or assigned to.
class Tokenizer {
public:
    [[nodiscard]] static Result<Tokenizer> fromFile(const std::filesystem::path& path);
    // `json` is the content of a tokenizer.json file.
    [[nodiscard]] static Result<Tokenizer> fromJson(std::string_view json);

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;
    ~Tokenizer();

    // HF encode(text, add_special_tokens=...).ids. Text is UTF-8; invalid sequences are read as U+FFFD
    // (like Python's bytes.decode("utf-8", errors="replace")).
    [[nodiscard]] std::vector<std::int32_t> encode(std::string_view text,
                                                   SpecialTokens add = SpecialTokens::Add) const;
    // HF decode(ids, skip_special_tokens=...). Ids that name no token are left out, as HF does.
    [[nodiscard]] std::string decode(std::span<const std::int32_t> ids,
                                     SkipSpecial skip = SkipSpecial::No) const;

    // One past the largest id of the vocabulary and the added tokens: the rows an embedding needs.
    [[nodiscard]] std::int32_t vocabSize() const;
    // Added tokens first, then the model vocabulary (HF's token_to_id / id_to_token).
    [[nodiscard]] std::optional<std::int32_t> tokenToId(std::string_view token) const;
    [[nodiscard]] std::optional<std::string> idToToken(std::int32_t id) const;
    [[nodiscard]] bool isSpecial(std::int32_t id) const;

    // Best guesses from tokenizer.json alone; a model's config (bos_token_id / eos_token_id) overrides them.
    // BOS: the single special token the post-processor puts before the text, else the first special added
    // token among <|begin_of_text|>, <s>, <|startoftext|>, <|endoftext|>.
    [[nodiscard]] std::optional<std::int32_t> bosId() const;
    // EOS: the single special token the post-processor puts after the text, else the first special added
    // token among <|end_of_text|>, </s>, <|endoftext|>, <|im_end|>, <|eot_id|>.
    [[nodiscard]] std::optional<std::int32_t> eosId() const;

private:
    struct Impl;
    explicit Tokenizer(std::unique_ptr<Impl> impl);
    // Parses and validates tokenizer.json text; errors are prefixed with `sourceName`.
    [[nodiscard]] static Result<Tokenizer> load(std::string_view json, const std::string& sourceName);
    std::unique_ptr<Impl> impl_;
};

}  // namespace offsite::tokenizer
