// The train step's GPU readings: core/monitor's NVML monitor, opened on the first call and sampled at most a
// few times a second, from the thread that calls it (the training job's worker, so no driver call runs on the
// GUI thread). Without an NVIDIA GPU (or when training on the CPU) it says why, once, and the page charts the
// process's memory instead.
#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "core/monitor/gpu_monitor.h"

namespace offsite::ui {

struct GpuReading {
    std::optional<monitor::GpuSample> sample;  // a new sample, when one was due
    std::string device;                         // the monitored GPU's name, with the first sample
    std::string unavailable;                    // why there is no monitor, with the first call
};

class GpuSampler {
public:
    // `monitored`: false when the run trains on the CPU (nothing is loaded then). `library`: NVML's file, empty
    // for the driver's (tests pass a test double).
    GpuSampler(bool monitored, std::filesystem::path library = {},
               std::chrono::milliseconds interval = std::chrono::milliseconds(500));

    // Thread-safe; cheap when no sample is due.
    [[nodiscard]] GpuReading poll();

private:
    std::mutex mutex_;
    bool monitored_;
    std::filesystem::path library_;
    std::chrono::milliseconds interval_;
    bool opened_ = false;
    std::optional<monitor::GpuMonitor> monitor_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace offsite::ui
