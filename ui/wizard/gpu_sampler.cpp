// The train step's GPU readings (see gpu_sampler.h).
#include "ui/wizard/gpu_sampler.h"

#include <utility>

namespace offsite::ui {

GpuSampler::GpuSampler(bool monitored, std::filesystem::path library, std::chrono::milliseconds interval)
    : monitored_(monitored), library_(std::move(library)), interval_(interval) {}

GpuReading GpuSampler::poll() {
    std::lock_guard<std::mutex> lock(mutex_);
    GpuReading reading;
    if (!opened_) {
        opened_ = true;
        if (!monitored_) {
            reading.unavailable = "training runs on the CPU";
            return reading;
        }
        auto opened = monitor::GpuMonitor::open(0, library_);
        if (!opened.ok()) {
            reading.unavailable = opened.error().message;
            return reading;
        }
        monitor_.emplace(std::move(opened).value());
        reading.device = monitor_->deviceName();
    }
    if (!monitor_) return reading;
    const auto now = std::chrono::steady_clock::now();
    if (!reading.device.empty() || now - last_ >= interval_) {
        last_ = now;
        auto sample = monitor_->sample();
        if (sample.ok()) reading.sample = sample.value();
    }
    return reading;
}

}  // namespace offsite::ui
