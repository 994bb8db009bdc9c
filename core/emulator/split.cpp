// Layer selection, compression and writing of an offsite split.
#include "core/emulator/split.h"

#include "core/emulator/naming.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include <torch/torch.h>

#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::emulator {
namespace {

using config::Architecture;
namespace fs = std::filesystem;
namespace st = offsite::safetensors;

constexpr const char* kAdapterShard = "adapter.safetensors";
constexpr const char* kEmulatorShard = "emulator.safetensors";
constexpr const char* kSplitJson = "split.json";
constexpr std::size_t kMaxSplitJsonBytes = 1u << 20;

torch::Tensor magnitudePrune(const torch::Tensor& w, double ratio) {
    const auto count = static_cast<std::int64_t>(std::floor(ratio * static_cast<double>(w.numel())));
    if (count <= 0) return w;
    auto magnitude = w.abs().to(torch::kFloat32).flatten();
    auto threshold = std::get<0>(magnitude.kthvalue(count));
    return w.masked_fill(w.abs().to(torch::kFloat32) <= threshold, 0);
}

// The reference's fake quantization: zero point (max+min)/2, scale (max-min)/(2^b-1), round, dequantize.
torch::Tensor fakeQuantize(const torch::Tensor& w, int bits) {
    auto w32 = w.to(torch::kFloat32);
    double hi = w32.max().item<double>();
    double lo = w32.min().item<double>();
    double scale = (hi - lo) / (std::pow(2.0, bits) - 1.0);
    if (scale <= 0.0) return w;
    double zeroPoint = (hi + lo) / 2.0;
    return (((w32 - zeroPoint) / scale).round() * scale + zeroPoint).to(w.scalar_type());
}

json::Value intArray(const std::vector<int>& values) {
    json::Value array = json::Value::array();
    for (int v : values) array.push(json::Value::integer(v));
    return array;
}

}  // namespace

std::string SplitSpec::text() const {
    return std::to_string(bottom) + "-" + std::to_string(emulatorBlocks) + "-" + std::to_string(top);
}

Result<SplitSpec> parseSplit(std::string_view text) {
    int values[3] = {0, 0, 0};
    const char* p = text.data();
    const char* end = text.data() + text.size();
    for (int i = 0; i < 3; ++i) {
        auto [next, ec] = std::from_chars(p, end, values[i]);
        const bool last = i == 2;
        if (ec != std::errc() || values[i] < 0 || (last ? next != end : (next == end || *next != '-'))) {
            return makeError(ErrorKind::InvalidInput,
                             "the split \"" + std::string(text) +
                                 "\" is not of the form l-k-r (for example 2-8-2: 2 bottom adapter blocks, an "
                                 "emulator of 8 blocks, 2 top adapter blocks)");
        }
        p = last ? next : next + 1;
    }
    return SplitSpec{values[0], values[1], values[2]};
}

Result<std::vector<int>> uniformDropIndices(int middleBlocks, int keep) {
    if (keep < 2) {
        return makeError(ErrorKind::InvalidInput,
                         "the emulator needs at least 2 blocks (its first and last middle block are always kept)");
    }
    if (keep > middleBlocks) {
        return makeError(ErrorKind::InvalidInput, "the emulator cannot keep " + std::to_string(keep) +
                                                      " blocks: the middle of the model has only " +
                                                      std::to_string(middleBlocks));
    }
    const double stride = static_cast<double>(middleBlocks - 1) / static_cast<double>(keep - 1);
    std::vector<int> indices;
    for (int i = 0; i < keep; ++i) {
        // std::nearbyint rounds half to even in the default rounding mode, as Python's round() does.
        indices.push_back(static_cast<int>(std::nearbyint(static_cast<double>(i) * stride)));
    }
    return indices;
}

bool SplitPlan::isAdapterBlock(int emulatedIndex) const {
    return emulatedIndex < spec.bottom || emulatedIndex >= spec.bottom + spec.emulatorBlocks;
}

std::vector<int> SplitPlan::emulatorSourceBlocks() const {
    return std::vector<int>(sourceBlocks.begin() + spec.bottom, sourceBlocks.begin() + spec.bottom + spec.emulatorBlocks);
}

Result<SplitPlan> planSplit(const config::ModelConfig& config, const SplitSpec& spec) {
    const int n = static_cast<int>(config.numLayers);
    if (spec.bottom + spec.top < 1) {
        return makeError(ErrorKind::InvalidInput,
                         "the split " + spec.text() + " has no adapter blocks; use at least one bottom or top block");
    }
    if (spec.bottom + spec.top >= n) {
        return makeError(ErrorKind::InvalidInput,
                         "the split " + spec.text() + " takes " + std::to_string(spec.bottom + spec.top) +
                             " adapter blocks but the model has only " + std::to_string(n) +
                             " blocks, leaving no middle to emulate; use fewer adapter blocks");
    }
    const int middle = n - spec.bottom - spec.top;
    auto kept = uniformDropIndices(middle, spec.emulatorBlocks);
    if (!kept.ok()) return kept.error().withContext("the split " + spec.text() + " does not fit this " +
                                                    std::to_string(n) + "-block model");
    SplitPlan plan;
    plan.spec = spec;
    plan.originalBlocks = n;
    for (int i = 0; i < spec.bottom; ++i) plan.sourceBlocks.push_back(i);
    for (int i : kept.value()) plan.sourceBlocks.push_back(spec.bottom + i);
    for (int i = n - spec.top; i < n; ++i) plan.sourceBlocks.push_back(i);
    return plan;
}

Result<SplitResult> writeSplit(const fs::path& source, const fs::path& output, const SplitOptions& options) {
    OFFSITE_ASSIGN_OR_RETURN(auto config, config::loadModelConfig(source / "config.json"));
    OFFSITE_ASSIGN_OR_RETURN(auto plan, planSplit(config, options.spec));
    if (options.compression == Compression::MagnitudePrune && !(options.pruneRatio > 0.0 && options.pruneRatio < 1.0)) {
        return makeError(ErrorKind::InvalidInput, "the pruning ratio must be between 0 and 1 (exclusive)");
    }
    if (options.compression == Compression::FakeQuantize && (options.quantizeBits < 1 || options.quantizeBits > 16)) {
        return makeError(ErrorKind::InvalidInput, "quantization needs between 1 and 16 bits");
    }
    OFFSITE_ASSIGN_OR_RETURN(auto files, st::ModelFiles::open(source));
    std::error_code ec;
    if (fs::exists(output, ec)) {
        return makeError(ErrorKind::InvalidInput, output.string() + " already exists; choose a new folder for the split");
    }

    // Which source tensor becomes which output tensor, and in which shard.
    std::map<int, int> emulatedIndexOf;  // original block -> emulated block (first occurrence)
    for (std::size_t i = 0; i < plan.sourceBlocks.size(); ++i) emulatedIndexOf.emplace(plan.sourceBlocks[i], int(i));
    struct Item {
        std::string sourceName;
        std::string outputName;
        bool adapter = false;
        bool compress = false;
    };
    std::vector<Item> items;
    const std::string prefix = blockPrefix(config.architecture);
    for (const auto& name : files.names()) {
        if (isBufferName(name)) continue;
        std::string canonical = canonicalName(config.architecture, name);
        if (config.tieWordEmbeddings && canonical == "lm_head.weight") continue;
        std::string suffix;
        int block = blockOf(config.architecture, canonical, &suffix);
        if (block < 0) {
            items.push_back({name, canonical, false, false});
            continue;
        }
        auto it = emulatedIndexOf.find(block);
        if (it == emulatedIndexOf.end()) continue;  // a dropped middle block
        const int emulated = it->second;
        const bool adapter = plan.isAdapterBlock(emulated);
        const auto* info = files.find(name);
        const bool compress = !adapter && options.compression != Compression::None && info->shape.size() >= 2;
        items.push_back({name, prefix + std::to_string(emulated) + "." + suffix, adapter, compress});
    }

    SplitResult result;
    result.plan = plan;
    std::vector<torch::Tensor> adapterTensors;
    std::vector<torch::Tensor> emulatorTensors;
    std::vector<st::TensorView> adapterViews;
    std::vector<st::TensorView> emulatorViews;
    json::Value weightMap = json::Value::object();
    std::uint64_t totalBytes = 0;
    try {
        torch::NoGradGuard noGrad;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const Item& item = items[i];
            OFFSITE_ASSIGN_OR_RETURN(auto tensor, model::tensorFromFile(files, item.sourceName));
            if (item.compress) {
                tensor = options.compression == Compression::MagnitudePrune ? magnitudePrune(tensor, options.pruneRatio)
                                                                           : fakeQuantize(tensor, options.quantizeBits);
            }
            tensor = tensor.contiguous();
            OFFSITE_ASSIGN_OR_RETURN(auto view, model::tensorView(item.outputName, tensor));
            totalBytes += static_cast<std::uint64_t>(tensor.nbytes());
            weightMap.set(item.outputName, json::Value::string(item.adapter ? kAdapterShard : kEmulatorShard));
            (item.adapter ? result.adapterParameters : result.emulatorParameters) += tensor.numel();
            (item.adapter ? adapterTensors : emulatorTensors).push_back(tensor);
            (item.adapter ? adapterViews : emulatorViews).push_back(std::move(view));
            if (options.progress && !options.progress(i + 1, items.size())) {
                return makeError(ErrorKind::Cancelled, "the split was cancelled");
            }
        }
    } catch (const std::exception& e) {
        return model::torchError("splitting the model failed", e);
    }

    std::error_code dirError;
    fs::create_directories(output.parent_path().empty() ? fs::path(".") : output.parent_path(), dirError);
    OFFSITE_ASSIGN_OR_RETURN(const fs::path staging, makeSiblingFolder(output, "partial"));
    ScopedFolder temp(staging);

    config::ModelConfig splitConfig = config;
    splitConfig.numLayers = static_cast<std::int64_t>(plan.sourceBlocks.size());
    OFFSITE_TRY(writeFileAtomic(staging / "config.json", config::toHuggingFaceJson(splitConfig)));
    const st::Metadata shardMetadata{{"format", "pt"}};
    OFFSITE_TRY(st::write(staging / kAdapterShard, adapterViews, shardMetadata));
    OFFSITE_TRY(st::write(staging / kEmulatorShard, emulatorViews, shardMetadata));

    json::Value index = json::Value::object();
    json::Value indexMetadata = json::Value::object();
    indexMetadata.set("total_size", json::Value::unsignedInteger(totalBytes));
    index.set("metadata", std::move(indexMetadata));
    index.set("weight_map", std::move(weightMap));
    OFFSITE_TRY(writeFileAtomic(staging / "model.safetensors.index.json", json::serialize(index, json::Style::Pretty) + "\n"));

    json::Value split = json::Value::object();
    split.set("format", json::Value::string("offsite-split"));
    split.set("version", json::Value::integer(1));
    split.set("split", json::Value::string(plan.spec.text()));
    split.set("bottom", json::Value::integer(plan.spec.bottom));
    split.set("emulator_blocks", json::Value::integer(plan.spec.emulatorBlocks));
    split.set("top", json::Value::integer(plan.spec.top));
    split.set("original_blocks", json::Value::integer(plan.originalBlocks));
    split.set("source_blocks", intArray(plan.sourceBlocks));
    json::Value compression = json::Value::object();
    switch (options.compression) {
        case Compression::None: compression.set("kind", json::Value::string("layer-drop")); break;
        case Compression::MagnitudePrune:
            compression.set("kind", json::Value::string("layer-drop+magnitude-prune"));
            compression.set("ratio", json::Value::number(options.pruneRatio));
            break;
        case Compression::FakeQuantize:
            compression.set("kind", json::Value::string("layer-drop+fake-quantize"));
            compression.set("bits", json::Value::integer(options.quantizeBits));
            break;
    }
    split.set("compression", std::move(compression));
    split.set("adapter_file", json::Value::string(kAdapterShard));
    split.set("emulator_file", json::Value::string(kEmulatorShard));
    OFFSITE_TRY(writeFileAtomic(staging / kSplitJson, json::serialize(split, json::Style::Pretty) + "\n"));

    for (const char* extra : {"tokenizer.json", "tokenizer_config.json", "generation_config.json"}) {
        if (!fs::exists(source / extra)) continue;
        OFFSITE_ASSIGN_OR_RETURN(auto bytes, readFile(source / extra, 64u << 20));
        OFFSITE_TRY(writeFileAtomic(staging / extra, bytes));
    }
    OFFSITE_TRY(syncDirectory(staging));
    fs::rename(staging, output, ec);
    if (ec) return makeError(ErrorKind::Io, "cannot publish " + output.string() + ": " + ec.message());
    temp.release();
    OFFSITE_TRY(syncDirectory(output.parent_path().empty() ? fs::path(".") : output.parent_path()));
    return result;
}

Result<SplitPlan> readSplitPlan(const fs::path& splitFolder) {
    const fs::path path = splitFolder / kSplitJson;
    OFFSITE_ASSIGN_OR_RETURN(auto text, readFile(path, kMaxSplitJsonBytes));
    auto parsed = json::parse(text);
    if (!parsed.ok()) return parsed.error().withContext(path.string());
    const json::Value& root = parsed.value();
    auto field = [&](const char* key) -> std::optional<std::int64_t> {
        const json::Value* v = root.find(key);
        return v ? v->asInt64() : std::nullopt;
    };
    const json::Value* format = root.find("format");
    if (format == nullptr || format->asString() == nullptr || *format->asString() != "offsite-split" ||
        field("version") != 1) {
        return makeError(ErrorKind::Unsupported, path.string() + " is not a split description this version reads");
    }
    auto bottom = field("bottom");
    auto k = field("emulator_blocks");
    auto top = field("top");
    auto original = field("original_blocks");
    const json::Value* sources = root.find("source_blocks");
    if (!bottom || !k || !top || !original || sources == nullptr || !sources->isArray() || *bottom < 0 || *k < 2 ||
        *top < 0 || *original < 1 || *original > 100000 ||
        static_cast<std::int64_t>(sources->size()) != *bottom + *k + *top) {
        return makeError(ErrorKind::InvalidInput, path.string() + " is incomplete or inconsistent");
    }
    SplitPlan plan;
    plan.spec = SplitSpec{static_cast<int>(*bottom), static_cast<int>(*k), static_cast<int>(*top)};
    plan.originalBlocks = static_cast<int>(*original);
    for (const auto& v : sources->items()) {
        auto i = v.asInt64();
        if (!i || *i < 0 || *i >= *original) return makeError(ErrorKind::InvalidInput, path.string() + ": a block index is out of range");
        plan.sourceBlocks.push_back(static_cast<int>(*i));
    }
    return plan;
}

}  // namespace offsite::emulator
