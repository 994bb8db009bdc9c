// Converts a Llama-architecture GGUF model (for example SmolLM2-135M-Instruct.Q4_1.gguf) into a Hugging Face
// folder that transformers loads with LlamaForCausalLM / AutoTokenizer: model.safetensors (dequantized to F32
// or BF16), config.json, generation_config.json, tokenizer.json (byte-level BPE rebuilt from the
// tokenizer.ggml.* metadata) and tokenizer_config.json (with the chat template). llama.cpp stores attn_q and
// attn_k with the rows of each head interleaved for its rotary embedding; the converter undoes that so the
// weights are the original Hugging Face ones.
//
// The folder is built next to the destination and published with one rename, so a failure or a
// cancellation leaves nothing at the destination.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/gguf/gguf_reader.h"

namespace offsite::gguf {

enum class OutputDtype { Float32 = 1, BFloat16 };

// What to do when the output folder already exists.
enum class ExistingOutput { Refuse = 1, Replace };

struct ConvertProgress {
    enum class Stage { Reading = 1, Dequantizing, WritingWeights, WritingTokenizer, Publishing };
    Stage stage = Stage::Reading;
    std::size_t tensorsDone = 0;
    std::size_t tensorsTotal = 0;
    std::string_view tensorName;  // the tensor being dequantized (Dequantizing only)
};

struct ConvertOptions {
    OutputDtype dtype = OutputDtype::Float32;
    ExistingOutput existingOutput = ExistingOutput::Refuse;
    // Called between steps; returning false stops the conversion with ErrorKind::Cancelled and no output.
    std::function<bool(const ConvertProgress&)> progress;
};

// Hyper-parameters of a Llama GGUF (from the llama.* metadata), validated for consistency.
struct LlamaHyperparameters {
    std::uint64_t vocabSize = 0;
    std::uint64_t hiddenSize = 0;
    std::uint64_t intermediateSize = 0;
    std::uint64_t numLayers = 0;
    std::uint64_t numHeads = 0;
    std::uint64_t numKvHeads = 0;
    std::uint64_t headDim = 0;
    std::uint64_t contextLength = 0;
    double rmsNormEps = 1e-5;
    double ropeTheta = 10000.0;
    bool tiedEmbeddings = true;  // no output.weight tensor
    std::optional<std::uint64_t> bosTokenId;
    std::optional<std::uint64_t> eosTokenId;
    std::optional<std::uint64_t> padTokenId;
};

[[nodiscard]] Result<LlamaHyperparameters> readLlamaHyperparameters(const GgufFile& file);

// "blk.3.attn_q.weight" -> "model.layers.3.self_attn.q_proj.weight"; nullopt for names a Llama does not have.
[[nodiscard]] std::optional<std::string> huggingFaceTensorName(std::string_view ggufName);

// Inverts llama.cpp's permute(w, n_head) for a row-major [rows, cols] matrix (rows = heads * headDim):
// HF row h*D + i*D/2 + j comes from GGUF row h*D + 2*j + i.
[[nodiscard]] Status unpermuteRotaryRows(std::span<const float> gguf, std::span<float> hf, std::uint64_t heads,
                                         std::uint64_t cols);

// The JSON documents of the output folder, exposed for tests.
[[nodiscard]] Result<std::string> buildConfigJson(const GgufFile& file, OutputDtype dtype);
[[nodiscard]] Result<std::string> buildGenerationConfigJson(const GgufFile& file);
[[nodiscard]] Result<std::string> buildTokenizerJson(const GgufFile& file);
[[nodiscard]] Result<std::string> buildTokenizerConfigJson(const GgufFile& file);

// Converts `gguf` into the folder `outDir` (which must not exist unless options.existingOutput is Replace).
[[nodiscard]] Status convertToHuggingFace(const std::filesystem::path& gguf, const std::filesystem::path& outDir,
                                          const ConvertOptions& options);

}  // namespace offsite::gguf
