// GPU memory and utilisation from NVIDIA's management library (NVML), loaded at run time: libnvidia-ml.so.1
// (Linux) or nvml.dll (Windows) comes with the driver, so the app builds and runs without it, and the
// machine without an NVIDIA GPU gets a clear "no monitor" answer instead. No NVIDIA header or library is
// needed to build: the few functions and structs used are declared from NVML's documented C ABI.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/base/result.h"

namespace offsite::monitor {

struct GpuSample {
    std::uint64_t memoryUsedBytes = 0;
    std::uint64_t memoryFreeBytes = 0;
    std::uint64_t memoryTotalBytes = 0;
    unsigned utilisationPercent = 0;  // share of the last sample period a kernel ran (NVML's "gpu" rate)
};

// NVML's usual library name on this platform.
[[nodiscard]] std::filesystem::path defaultNvmlLibrary();

// One open NVML session for one GPU; samples are cheap (a few driver calls). Move-only; the destructor shuts
// NVML down and unloads the library. Not thread-safe: one thread samples.
class GpuMonitor {
public:
    // Loads `library` (defaultNvmlLibrary() when empty), initialises NVML and picks GPU `deviceIndex`. Errors
    // say why there is no monitor (no library: no NVIDIA driver; no such GPU).
    [[nodiscard]] static Result<GpuMonitor> open(unsigned deviceIndex = 0, const std::filesystem::path& library = {});

    GpuMonitor(GpuMonitor&&) noexcept;
    GpuMonitor& operator=(GpuMonitor&&) noexcept;
    ~GpuMonitor();

    [[nodiscard]] const std::string& deviceName() const;
    [[nodiscard]] unsigned deviceIndex() const;
    [[nodiscard]] unsigned deviceCount() const;
    [[nodiscard]] Result<GpuSample> sample();

    struct Session;

private:
    explicit GpuMonitor(std::unique_ptr<Session> session);
    std::unique_ptr<Session> session_;
};

}  // namespace offsite::monitor
