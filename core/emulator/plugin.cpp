// Plug-in of a tuned adapter into the full model.
#include "core/emulator/plugin.h"

#include <map>
#include <set>

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
    std::map<int, std::set<std::string>> suffixesByBlock;
    const std::string prefix = blockPrefix(config.architecture);
    for (const auto& name : tuned.names()) {
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
    // Every adapter block must be replaced whole: a partial adapter would silently mix tuned and untuned weights.
    PluginResult result;
    for (std::size_t e = 0; e < plan.sourceBlocks.size(); ++e) {
        if (!plan.isAdapterBlock(static_cast<int>(e))) continue;
        const int original = plan.sourceBlocks[e];
        result.replacedBlocks.push_back(original);
        const std::string blockStart = prefix + std::to_string(original) + ".";
        for (const auto& [canonical, fileName] : fullNames) {
            if (canonical.rfind(blockStart, 0) != 0 || isBufferName(canonical)) continue;
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
            if (auto it = replacement.find(canonical); it != replacement.end()) {
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
