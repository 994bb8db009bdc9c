// LoRA adapters merged into the package's adapter weights for export: see lora_merge.h.
#include "core/export/lora_merge.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <vector>

namespace offsite::exports {
namespace {

namespace fs = std::filesystem;
namespace st = offsite::safetensors;

constexpr std::string_view kPrefix = "base_model.model.";
constexpr std::string_view kASuffix = ".lora_A.weight";
constexpr std::string_view kBSuffix = ".lora_B.weight";

std::string metadataValue(const st::File& file, std::string_view key) {
    for (const auto& [k, v] : file.metadata()) {
        if (k == key) return v;
    }
    return {};
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

std::string numberText(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

// IEEE half <-> float, bit-exact as PyTorch converts (round to nearest even, NaN kept).
float halfToFloat(std::uint16_t h) {
    const std::uint32_t w = static_cast<std::uint32_t>(h) << 16;
    const std::uint32_t sign = w & 0x80000000u;
    const std::uint32_t twoW = w + w;
    const float normalized = std::bit_cast<float>((twoW >> 4) + (0xE0u << 23)) * 0x1.0p-112f;
    const float denormalized = std::bit_cast<float>((twoW >> 17) | (126u << 23)) - 0.5f;
    const std::uint32_t bits =
        sign | (twoW < (1u << 27) ? std::bit_cast<std::uint32_t>(denormalized) : std::bit_cast<std::uint32_t>(normalized));
    return std::bit_cast<float>(bits);
}

std::uint16_t floatToHalf(float f) {
    float base = (std::fabs(f) * 0x1.0p+112f) * 0x1.0p-110f;
    const std::uint32_t w = std::bit_cast<std::uint32_t>(f);
    const std::uint32_t shl1 = w + w;
    const std::uint32_t sign = w & 0x80000000u;
    std::uint32_t bias = shl1 & 0xFF000000u;
    if (bias < 0x71000000u) bias = 0x71000000u;
    base = std::bit_cast<float>((bias >> 1) + 0x07800000u) + base;
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(base);
    const std::uint32_t nonsign = ((bits >> 13) & 0x00007C00u) + (bits & 0x00000FFFu);
    return static_cast<std::uint16_t>((sign >> 16) | (shl1 > 0xFF000000u ? 0x7E00u : nonsign));
}

float bf16ToFloat(std::uint16_t h) { return std::bit_cast<float>(static_cast<std::uint32_t>(h) << 16); }

std::uint16_t floatToBf16(float f) {
    if (std::isnan(f)) return 0x7FC0;
    const std::uint32_t u = std::bit_cast<std::uint32_t>(f);
    const std::uint32_t bias = ((u >> 16) & 1u) + 0x7FFFu;
    return static_cast<std::uint16_t>((u + bias) >> 16);
}

bool isFloat(st::DType d) { return d == st::DType::F32 || d == st::DType::BF16 || d == st::DType::F16; }

// The elements of a floating tensor as float32 (the mapping may be unaligned, so element by element).
std::vector<float> toFloats(const st::File& file, const st::TensorInfo& info) {
    const auto bytes = file.bytes(info);
    const auto n = static_cast<std::size_t>(info.numel());
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (info.dtype == st::DType::F32) {
            std::memcpy(&out[i], bytes.data() + 4 * i, 4);
        } else {
            std::uint16_t h = 0;
            std::memcpy(&h, bytes.data() + 2 * i, 2);
            out[i] = info.dtype == st::DType::BF16 ? bf16ToFloat(h) : halfToFloat(h);
        }
    }
    return out;
}

std::string fromFloats(const std::vector<float>& values, st::DType dtype) {
    std::string out;
    if (dtype == st::DType::F32) {
        out.resize(values.size() * 4);
        std::memcpy(out.data(), values.data(), out.size());
        return out;
    }
    out.resize(values.size() * 2);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::uint16_t h = dtype == st::DType::BF16 ? floatToBf16(values[i]) : floatToHalf(values[i]);
        std::memcpy(out.data() + 2 * i, &h, 2);
    }
    return out;
}

struct Pair {
    const st::TensorInfo* a = nullptr;
    const st::TensorInfo* b = nullptr;
};

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The package tensor a LoRA module's weight updates: the same name, or the same name with or without a family's
// leading component (original GPT-2 checkpoints omit "transformer.").
const st::TensorInfo* packageTensorFor(const st::File& package, const std::string& weight) {
    if (const auto* exact = package.find(weight)) return exact;
    const st::TensorInfo* found = nullptr;
    for (const auto& t : package.tensors()) {
        if (endsWith(weight, "." + t.name) || endsWith(t.name, "." + weight)) {
            if (found) return nullptr;  // ambiguous
            found = &t;
        }
    }
    return found;
}

}  // namespace

std::string LoraMergeInfo::text() const {
    return "LoRA rank " + std::to_string(rank) + ", alpha " + numberText(alpha) + ", merged into " +
           std::to_string(mergedLinears) + " linears of the package's adapter";
}

bool isLoraAdapter(const st::File& file) { return metadataValue(file, "peft_type") == "LORA"; }

Result<std::string> mergeLoraAdapter(const st::File& lora, const st::File& packageAdapter, LoraMergeInfo* info) {
    const std::string name = lora.path().filename().string();
    auto bad = [&](const std::string& what) {
        return makeError(ErrorKind::InvalidInput, name + " is a LoRA adapter but " + what);
    };
    if (!isLoraAdapter(lora)) return bad("its metadata does not say peft_type LORA");
    LoraMergeInfo merged;
    const std::string rankText = metadataValue(lora, "lora_rank");
    const std::string alphaText = metadataValue(lora, "lora_alpha");
    char* end = nullptr;
    const long rank = std::strtol(rankText.c_str(), &end, 10);
    if (rankText.empty() || *end != '\0' || rank < 1 || rank > 65536) return bad("its lora_rank is not a rank");
    const double alpha = std::strtod(alphaText.c_str(), &end);
    if (alphaText.empty() || *end != '\0' || !(alpha > 0.0) || !std::isfinite(alpha)) {
        return bad("its lora_alpha is not a positive number");
    }
    const std::string fan = metadataValue(lora, "fan_in_fan_out");
    if (fan != "true" && fan != "false") return bad("its fan_in_fan_out is not true or false");
    const bool transposed = fan == "true";
    merged.rank = static_cast<int>(rank);
    merged.alpha = alpha;
    const float scale = static_cast<float>(alpha / static_cast<double>(rank));

    // Pair A and B per package tensor.
    std::map<const st::TensorInfo*, Pair> updates;
    std::set<std::string> modules;
    for (const auto& t : lora.tensors()) {
        const bool isA = endsWith(t.name, kASuffix);
        if (!t.name.starts_with(kPrefix) || !(isA || endsWith(t.name, kBSuffix))) {
            return bad("it holds \"" + t.name + "\", which is not a LoRA tensor; the adapter is damaged");
        }
        const std::string module = t.name.substr(kPrefix.size(), t.name.size() - kPrefix.size() - kASuffix.size());
        const st::TensorInfo* target = packageTensorFor(packageAdapter, module + ".weight");
        if (target == nullptr) {
            return makeError(ErrorKind::InvalidInput,
                             name + ": the LoRA update of \"" + module + "\" has no weight in the package's "
                             "adapter; only the adapter blocks can be exported (LoRA on every block, "
                             "`--trainable all-lora`, changes the emulator too and cannot be sent back)");
        }
        Pair& pair = updates[target];
        (isA ? pair.a : pair.b) = &t;
        modules.insert(module);
    }
    if (updates.empty()) return bad("it holds no LoRA tensors");

    std::vector<std::string> storage;
    storage.reserve(packageAdapter.tensors().size());
    std::vector<st::TensorView> views;
    for (const auto& t : packageAdapter.tensors()) {
        auto it = updates.find(&t);
        if (it == updates.end()) {
            const auto bytes = packageAdapter.bytes(t);
            views.push_back(st::TensorView{t.name, t.dtype, t.shape, bytes});
            continue;
        }
        const Pair& pair = it->second;
        if (pair.a == nullptr || pair.b == nullptr) {
            return bad("the update of \"" + t.name + "\" lacks its " + (pair.a ? "lora_B" : "lora_A") +
                       " tensor; the adapter is incomplete");
        }
        if (t.shape.size() != 2 || !isFloat(t.dtype)) {
            return bad("it updates \"" + t.name + "\", which is " + std::string(st::dtypeName(t.dtype)) + " " +
                       shapeText(t.shape) + ", not a floating-point matrix");
        }
        const std::int64_t out = t.shape[transposed ? 1 : 0];
        const std::int64_t in = t.shape[transposed ? 0 : 1];
        const auto& a = *pair.a;
        const auto& b = *pair.b;
        if (!isFloat(a.dtype) || !isFloat(b.dtype) || a.shape.size() != 2 || b.shape.size() != 2 ||
            a.shape[0] != rank || a.shape[1] != in || b.shape[0] != out || b.shape[1] != rank) {
            return bad("its tensors for \"" + t.name + "\" (A " + shapeText(a.shape) + ", B " + shapeText(b.shape) +
                       ") do not fit the package's " + shapeText(t.shape) + " with rank " + std::to_string(rank));
        }
        const std::vector<float> av = toFloats(lora, a);
        const std::vector<float> bv = toFloats(lora, b);
        for (float v : av) {
            if (!std::isfinite(v)) return bad("its update of \"" + t.name + "\" holds NaN or infinite values");
        }
        for (float v : bv) {
            if (!std::isfinite(v)) return bad("its update of \"" + t.name + "\" holds NaN or infinite values");
        }
        std::vector<float> w = toFloats(packageAdapter, t);
        // W'[o, i] = W[o, i] + scale * sum_r B[o, r] A[r, i]   (W stored [in, out] when transposed).
        std::vector<float> row(static_cast<std::size_t>(in));
        for (std::int64_t o = 0; o < out; ++o) {
            std::fill(row.begin(), row.end(), 0.0f);
            for (std::int64_t r = 0; r < rank; ++r) {
                const float bor = bv[static_cast<std::size_t>(o * rank + r)];
                const float* ar = av.data() + r * in;
                for (std::int64_t i = 0; i < in; ++i) row[static_cast<std::size_t>(i)] += bor * ar[i];
            }
            for (std::int64_t i = 0; i < in; ++i) {
                const std::size_t at = static_cast<std::size_t>(transposed ? i * out + o : o * in + i);
                w[at] = w[at] + row[static_cast<std::size_t>(i)] * scale;
            }
        }
        storage.push_back(fromFloats(w, t.dtype));
        views.push_back(st::TensorView{t.name, t.dtype, t.shape,
                                       std::span<const std::byte>(reinterpret_cast<const std::byte*>(storage.back().data()),
                                                                  storage.back().size())});
        ++merged.mergedLinears;
    }
    st::Metadata metadata = packageAdapter.metadata();
    metadata.emplace_back("offsite_merged_lora", merged.text());
    OFFSITE_ASSIGN_OR_RETURN(std::string bytes, st::serialize(views, metadata));
    if (info) *info = merged;
    return bytes;
}

Result<LoraMergeInfo> writeMergedLoraAdapter(const fs::path& lora, const fs::path& packageAdapter,
                                             const fs::path& output) {
    std::error_code ec;
    for (const auto* input : {&lora, &packageAdapter}) {
        if (fs::exists(output, ec) && fs::equivalent(output, *input, ec)) {
            return makeError(ErrorKind::InvalidInput, output.string() + " would overwrite an input; choose another path");
        }
    }
    auto loraFile = st::File::open(lora);
    if (!loraFile.ok()) return loraFile.error().withContext("the LoRA adapter");
    auto package = st::File::open(packageAdapter);
    if (!package.ok()) return package.error().withContext("the package's adapter");
    LoraMergeInfo info;
    OFFSITE_ASSIGN_OR_RETURN(const std::string bytes, mergeLoraAdapter(*loraFile, *package, &info));
    OFFSITE_TRY(writeFileAtomic(output, bytes));
    return info;
}

}  // namespace offsite::exports
