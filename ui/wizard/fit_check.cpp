// The training memory estimate and free-memory probes (see fit_check.h for the formula).
#include "ui/wizard/fit_check.h"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "core/config/model_config.h"
#include "core/emulator/split.h"
#include "core/monitor/gpu_monitor.h"
#include "core/safetensors/index.h"

namespace offsite::ui {

Result<ModelShape> readModelShape(const std::filesystem::path& modelFolder) {
    OFFSITE_ASSIGN_OR_RETURN(config::ModelConfig config, config::loadModelConfig(modelFolder / "config.json"));
    OFFSITE_ASSIGN_OR_RETURN(safetensors::ModelFiles files, safetensors::ModelFiles::open(modelFolder));
    std::set<int> adapterBlocks;
    const bool split = std::filesystem::exists(modelFolder / "split.json");
    if (split) {
        OFFSITE_ASSIGN_OR_RETURN(emulator::SplitPlan plan, emulator::readSplitPlan(modelFolder));
        for (int i = 0; i < static_cast<int>(plan.sourceBlocks.size()); ++i) {
            if (plan.isAdapterBlock(i)) adapterBlocks.insert(i);
        }
    }
    ModelShape shape;
    shape.layers = config.numLayers;
    shape.hidden = config.hiddenSize;
    shape.heads = config.numHeads;
    shape.vocab = config.vocabSize;
    shape.maxPositions = config.maxPositions;
    static const std::regex blockIndex(R"((?:^|\.)(?:layers|h)\.(\d+)\.)");
    for (const std::string& name : files.names()) {
        const safetensors::TensorInfo* info = files.find(name);
        const std::int64_t count = info->numel();
        shape.parameters += count;
        std::smatch match;
        if (std::regex_search(name, match, blockIndex)) {
            const int block = std::stoi(match[1].str());
            if (!split || adapterBlocks.count(block) > 0) shape.trainableParameters += count;
        }
    }
    return shape;
}

MemoryEstimate estimateTrainingMemory(const ModelShape& s, int microBatch, int blockSize) {
    MemoryEstimate e;
    const std::int64_t b = microBatch;
    const std::int64_t n = blockSize;
    e.weights = 4 * s.parameters;
    e.gradients = 4 * s.trainableParameters;
    e.optimizer = 8 * s.trainableParameters;
    e.activations = s.layers * b * n * (34 * s.hidden + 5 * s.heads * n) * 2 + 8 * b * n * s.vocab;
    const std::int64_t sum = e.weights + e.gradients + e.optimizer + e.activations;
    e.total = sum + sum / 10;
    return e;
}

bool fits(const MemoryEstimate& estimate, std::int64_t freeBytes) {
    return static_cast<double>(estimate.total) <= 0.85 * static_cast<double>(freeBytes);
}

int suggestMicroBatch(const ModelShape& shape, int blockSize, std::int64_t freeBytes, int maxBatch) {
    int best = 0;
    for (int b = 1; b <= maxBatch; b *= 2) {
        if (!fits(estimateTrainingMemory(shape, b, blockSize), freeBytes)) break;
        best = b;
    }
    return best;
}

std::optional<std::int64_t> freeSystemMemory() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::int64_t kib = 0;
    std::string unit;
    while (meminfo >> key >> kib >> unit) {
        if (key == "MemAvailable:") return kib * 1024;
    }
    return std::nullopt;
}

std::optional<GpuMemory> freeGpuMemory() {
    auto gpu = monitor::GpuMonitor::open();
    if (!gpu.ok()) return std::nullopt;
    auto sample = gpu->sample();
    if (!sample.ok()) return std::nullopt;
    return GpuMemory{static_cast<std::int64_t>(sample->memoryFreeBytes),
                     static_cast<std::int64_t>(sample->memoryTotalBytes)};
}

}  // namespace offsite::ui
