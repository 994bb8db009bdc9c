// Plug-in of a tuned adapter into the full model.
#include "core/emulator/plugin.h"

#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "core/base/file_io.h"
#include "core/emulator/naming.h"
#include "core/model/causal_lm.h"
#include "core/safetensors/index.h"

namespace offsite::emulator {
namespace {

namespace fs = std::filesystem;
namespace st = offsite::safetensors;

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

constexpr std::string_view kLoraPrefix = "base_model.model.";

std::string metadataValue(const st::ModelFiles& files, const std::string& key) {
    for (const auto& file : files.files()) {
        for (const auto& [k, v] : file.metadata()) {
            if (k == key) return v;
        }
    }
    return {};
}

struct LoraPair {
    std::string a;  // adapter tensor names
    std::string b;
};

struct LoraConfig {
    double scale = 0.0;
    bool fanInFanOut = false;
    std::set<std::string> targets;  // module names ("q_proj")
};

Result<LoraConfig> readLoraConfig(const st::ModelFiles& tuned, const fs::path& adapter) {
    auto bad = [&](const std::string& what) {
        return makeError(ErrorKind::InvalidInput, adapter.filename().string() + " is a LoRA adapter but " + what +
                                                      "; it was not written by `offsite train` with LoRA");
    };
    LoraConfig c;
    double rank = 0.0;
    double alpha = 0.0;
    try {
        rank = std::stod(metadataValue(tuned, "lora_rank"));
        alpha = std::stod(metadataValue(tuned, "lora_alpha"));
    } catch (const std::exception&) {
        return bad("its lora_rank or lora_alpha is missing or not a number");
    }
    if (!(rank >= 1.0) || !(alpha > 0.0) || !std::isfinite(alpha) || rank != std::floor(rank)) {
        return bad("its lora_rank or lora_alpha is out of range");
    }
    c.scale = alpha / rank;
    const std::string fan = metadataValue(tuned, "fan_in_fan_out");
    if (fan != "true" && fan != "false") return bad("fan_in_fan_out is not true or false");
    c.fanInFanOut = fan == "true";
    std::string modules = metadataValue(tuned, "target_modules");
    for (std::size_t start = 0; start <= modules.size();) {
        auto comma = modules.find(',', start);
        if (comma == std::string::npos) comma = modules.size();
        if (comma > start) c.targets.insert(modules.substr(start, comma - start));
        start = comma + 1;
    }
    if (c.targets.empty()) return bad("it names no target modules");
    return c;
}

// The module a full-model weight belongs to ("self_attn.q_proj" of "self_attn.q_proj.weight"), last component.
std::string moduleOf(const std::string& suffix) {
    constexpr std::string_view kWeight = ".weight";
    if (suffix.size() <= kWeight.size() || suffix.compare(suffix.size() - kWeight.size(), kWeight.size(), kWeight) != 0) {
        return {};
    }
    auto module = suffix.substr(0, suffix.size() - kWeight.size());
    auto dot = module.rfind('.');
    return dot == std::string::npos ? module : module.substr(dot + 1);
}

}  // namespace

Result<PluginResult> plugIn(const fs::path& fullModel, const fs::path& splitFolder, const fs::path& adapter,
                            const fs::path& output, const PluginOptions& options) {
    OFFSITE_ASSIGN_OR_RETURN(auto config, config::loadModelConfig(fullModel / "config.json"));
    OFFSITE_ASSIGN_OR_RETURN(auto plan, readSplitPlan(splitFolder));
    if (plan.originalBlocks != config.numLayers) {
        return makeError(ErrorKind::InvalidInput,
                         "the split was made from a " + std::to_string(plan.originalBlocks) +
                             "-block model but " + fullModel.string() + " has " + std::to_string(config.numLayers) +
                             " blocks; plug the adapter into the model it was split from");
    }
    OFFSITE_ASSIGN_OR_RETURN(auto full, st::ModelFiles::open(fullModel));
    OFFSITE_ASSIGN_OR_RETURN(auto tuned, st::ModelFiles::open(adapter));
    std::error_code ec;
    if (fs::exists(output, ec)) {
        return makeError(ErrorKind::InvalidInput, output.string() + " already exists; choose a new folder");
    }

    // Canonical full-model name -> file name, so GPT-2 checkpoints without "transformer." work too.
    std::map<std::string, std::string> fullNames;
    for (const auto& name : full.names()) fullNames[canonicalName(config.architecture, name)] = name;

    // The adapter's tensors, mapped to the full model's names.
    std::map<std::string, std::string> replacement;  // full canonical name -> adapter tensor name
    std::map<std::string, LoraPair> loraMerges;      // full canonical weight name -> its LoRA tensors
    std::map<int, std::set<std::string>> suffixesByBlock;
    const std::string prefix = blockPrefix(config.architecture);
    const bool lora = metadataValue(tuned, "peft_type") == "LORA";
    LoraConfig loraConfig;
    if (lora) {
        OFFSITE_ASSIGN_OR_RETURN(loraConfig, readLoraConfig(tuned, adapter));
    }
    for (const auto& name : (lora ? std::vector<std::string>{} : tuned.names())) {
        std::string suffix;
        const int emulated = blockOf(config.architecture, canonicalName(config.architecture, name), &suffix);
        if (emulated < 0 || emulated >= static_cast<int>(plan.sourceBlocks.size()) || !plan.isAdapterBlock(emulated)) {
            return makeError(ErrorKind::InvalidInput,
                             adapter.filename().string() + " holds \"" + name +
                                 "\", which is not part of an adapter block of this split; only the adapter's "
                                 "blocks may be replaced");
        }
        const int original = plan.sourceBlocks[static_cast<std::size_t>(emulated)];
        const std::string target = prefix + std::to_string(original) + "." + suffix;
        auto it = fullNames.find(target);
        if (it == fullNames.end()) {
            return makeError(ErrorKind::InvalidInput, "the full model has no tensor \"" + target + "\" for the adapter's \"" +
                                                          name + "\"; the adapter belongs to another model");
        }
        const auto* want = full.find(it->second);
        const auto* have = tuned.find(name);
        if (want->shape != have->shape) {
            return makeError(ErrorKind::InvalidInput, "the adapter's \"" + name + "\" has the shape " +
                                                          shapeText(have->shape) + " but the full model's \"" + target +
                                                          "\" has " + shapeText(want->shape));
        }
        replacement[target] = name;
        suffixesByBlock[original].insert(suffix);
    }
    for (const auto& name : (lora ? tuned.names() : std::vector<std::string>{})) {
        // "base_model.model.<module>.lora_A.weight" with <module> under the split model's names.
        const bool isA = name.size() > 14 && name.compare(name.size() - 14, 14, ".lora_A.weight") == 0;
        const bool isB = name.size() > 14 && name.compare(name.size() - 14, 14, ".lora_B.weight") == 0;
        if (name.rfind(kLoraPrefix, 0) != 0 || !(isA || isB)) {
            return makeError(ErrorKind::InvalidInput, adapter.filename().string() + " holds \"" + name +
                                                          "\", which is not a LoRA tensor; the adapter is damaged");
        }
        const std::string weight = canonicalName(
            config.architecture, name.substr(kLoraPrefix.size(), name.size() - kLoraPrefix.size() - 14) + ".weight");
        std::string suffix;
        const int emulated = blockOf(config.architecture, weight, &suffix);
        if (emulated < 0 || emulated >= static_cast<int>(plan.sourceBlocks.size()) || !plan.isAdapterBlock(emulated)) {
            return makeError(ErrorKind::InvalidInput,
                             adapter.filename().string() + " holds \"" + name +
                                 "\", which is not part of an adapter block of this split; only the adapter's "
                                 "blocks may be changed");
        }
        const int original = plan.sourceBlocks[static_cast<std::size_t>(emulated)];
        const std::string target = prefix + std::to_string(original) + "." + suffix;
        if (!fullNames.count(target) || !loraConfig.targets.count(moduleOf(suffix))) {
            return makeError(ErrorKind::InvalidInput, "the full model has no LoRA target \"" + target +
                                                          "\" for the adapter's \"" + name +
                                                          "\"; the adapter belongs to another model");
        }
        (isA ? loraMerges[target].a : loraMerges[target].b) = name;
    }
    // Every adapter block must be replaced whole: a partial adapter would silently mix tuned and untuned weights.
    PluginResult result;
    result.lora = lora;
    for (std::size_t e = 0; e < plan.sourceBlocks.size(); ++e) {
        if (!plan.isAdapterBlock(static_cast<int>(e))) continue;
        const int original = plan.sourceBlocks[e];
        result.replacedBlocks.push_back(original);
        const std::string blockStart = prefix + std::to_string(original) + ".";
        for (const auto& [canonical, fileName] : fullNames) {
            if (canonical.rfind(blockStart, 0) != 0 || isBufferName(canonical)) continue;
            if (lora) {
                const std::string suffix = canonical.substr(blockStart.size());
                if (!loraConfig.targets.count(moduleOf(suffix)) || full.find(fileName)->shape.size() != 2) continue;
                auto it = loraMerges.find(canonical);
                if (it == loraMerges.end() || it->second.a.empty() || it->second.b.empty()) {
                    return makeError(ErrorKind::InvalidInput,
                                     adapter.filename().string() + " lacks the LoRA tensors for \"" + canonical +
                                         "\" (adapter block " + std::to_string(e) + "); the adapter is incomplete");
                }
                continue;
            }
            if (!replacement.count(canonical)) {
                return makeError(ErrorKind::InvalidInput,
                                 adapter.filename().string() + " lacks the tensor for \"" + canonical +
                                     "\" (adapter block " + std::to_string(e) + "); the adapter is incomplete");
            }
        }
    }

    std::vector<torch::Tensor> keep;
    std::vector<st::TensorView> views;
    try {
        torch::NoGradGuard noGrad;
        std::size_t done = 0;
        for (const auto& [canonical, fileName] : fullNames) {
            if (isBufferName(canonical)) continue;
            OFFSITE_ASSIGN_OR_RETURN(auto original, model::tensorFromFile(full, fileName));
            torch::Tensor tensor = original;
            if (auto merge = loraMerges.find(canonical); merge != loraMerges.end()) {
                OFFSITE_ASSIGN_OR_RETURN(auto a, model::tensorFromFile(tuned, merge->second.a));
                OFFSITE_ASSIGN_OR_RETURN(auto b, model::tensorFromFile(tuned, merge->second.b));
                a = a.to(torch::kFloat32);
                b = b.to(torch::kFloat32);
                const auto out = original.size(loraConfig.fanInFanOut ? 1 : 0);
                const auto in = original.size(loraConfig.fanInFanOut ? 0 : 1);
                if (original.dim() != 2 || a.dim() != 2 || b.dim() != 2 || a.size(1) != in || b.size(0) != out ||
                    a.size(0) != b.size(1)) {
                    return makeError(ErrorKind::InvalidInput, "the adapter's LoRA tensors for \"" + canonical +
                                                                  "\" do not fit its shape " +
                                                                  shapeText(full.find(fileName)->shape));
                }
                if (!torch::isfinite(a).all().item<bool>() || !torch::isfinite(b).all().item<bool>()) {
                    return makeError(ErrorKind::InvalidInput, "the adapter's LoRA tensors for \"" + canonical +
                                                                  "\" hold NaN or infinite values; the training "
                                                                  "diverged, so this adapter cannot be used");
                }
                auto delta = b.mm(a).mul(loraConfig.scale);
                if (loraConfig.fanInFanOut) delta = delta.t();
                tensor = (original.to(torch::kFloat32) + delta).to(original.scalar_type()).contiguous();
                ++result.replacedTensors;
            } else if (auto it = replacement.find(canonical); it != replacement.end()) {
                OFFSITE_ASSIGN_OR_RETURN(auto tunedTensor, model::tensorFromFile(tuned, it->second));
                if (!torch::isfinite(tunedTensor).all().item<bool>()) {
                    return makeError(ErrorKind::InvalidInput, "the adapter's \"" + it->second +
                                                                  "\" holds NaN or infinite values; the training "
                                                                  "diverged, so this adapter cannot be used");
                }
                tensor = tunedTensor.to(original.scalar_type()).contiguous();
                ++result.replacedTensors;
            }
            keep.push_back(tensor);
            OFFSITE_ASSIGN_OR_RETURN(auto view, model::tensorView(canonical, tensor));
            views.push_back(std::move(view));
            if (options.progress && !options.progress(++done, fullNames.size())) {
                return makeError(ErrorKind::Cancelled, "the plug-in was cancelled");
            }
        }
    } catch (const std::exception& e) {
        return model::torchError("plugging in the adapter failed", e);
    }

    fs::create_directories(output.parent_path().empty() ? fs::path(".") : output.parent_path(), ec);
    OFFSITE_ASSIGN_OR_RETURN(const fs::path stagingPath, makeSiblingFolder(output, "partial"));
    ScopedFolder staging(stagingPath);
    OFFSITE_TRY(st::write(stagingPath / "model.safetensors", views, st::Metadata{{"format", "pt"}}));
    for (const char* extra : {"config.json", "tokenizer.json", "tokenizer_config.json", "generation_config.json"}) {
        if (!fs::exists(fullModel / extra)) continue;
        OFFSITE_ASSIGN_OR_RETURN(auto bytes, readFile(fullModel / extra, 64u << 20));
        OFFSITE_TRY(writeFileAtomic(stagingPath / extra, bytes));
    }
    OFFSITE_TRY(syncDirectory(stagingPath));
    fs::rename(stagingPath, output, ec);
    if (ec) return makeError(ErrorKind::Io, "cannot publish " + output.string() + ": " + ec.message());
    staging.release();
    OFFSITE_TRY(syncDirectory(output.parent_path().empty() ? fs::path(".") : output.parent_path()));
    return result;
}

}  // namespace offsite::emulator
