// NVML loaded at run time (see gpu_monitor.h).
#include "core/monitor/gpu_monitor.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <dlfcn.h>
#endif

#include <array>
#include <utility>

namespace offsite::monitor {

namespace {

// NVML's C ABI (nvml.h, documented in NVIDIA's NVML API reference): every call returns nvmlReturn_t, an enum
// whose NVML_SUCCESS is 0; a device is an opaque pointer; the two structs below are laid out as NVML's
// nvmlMemory_t (v1) and nvmlUtilization_t.
using NvmlReturn = int;
constexpr NvmlReturn kNvmlSuccess = 0;
using NvmlDevice = void*;
struct NvmlMemory {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};
struct NvmlUtilization {
    unsigned int gpu;
    unsigned int memory;
};
using InitFn = NvmlReturn (*)();
using ShutdownFn = NvmlReturn (*)();
using CountFn = NvmlReturn (*)(unsigned int*);
using HandleFn = NvmlReturn (*)(unsigned int, NvmlDevice*);
using NameFn = NvmlReturn (*)(NvmlDevice, char*, unsigned int);
using MemoryFn = NvmlReturn (*)(NvmlDevice, NvmlMemory*);
using UtilizationFn = NvmlReturn (*)(NvmlDevice, NvmlUtilization*);
constexpr unsigned int kNameLength = 96;  // NVML_DEVICE_NAME_V2_BUFFER_SIZE

#if defined(_WIN32)
using LibraryHandle = HMODULE;
LibraryHandle loadLibrary(const std::filesystem::path& path) { return LoadLibraryW(path.wstring().c_str()); }
void* symbol(LibraryHandle library, const char* name) {
    return reinterpret_cast<void*>(GetProcAddress(library, name));
}
void unload(LibraryHandle library) { FreeLibrary(library); }
#else
using LibraryHandle = void*;
LibraryHandle loadLibrary(const std::filesystem::path& path) { return dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL); }
void* symbol(LibraryHandle library, const char* name) { return dlsym(library, name); }
void unload(LibraryHandle library) { dlclose(library); }
#endif

std::string code(NvmlReturn r) { return "NVML error " + std::to_string(r); }

}  // namespace

struct GpuMonitor::Session {
    LibraryHandle library{};
    bool initialised = false;
    ShutdownFn shutdown = nullptr;
    MemoryFn memoryOf = nullptr;
    UtilizationFn utilisationOf = nullptr;
    NvmlDevice device = nullptr;
    unsigned index = 0;
    unsigned count = 0;
    std::string name;

    ~Session() {
        if (initialised && shutdown != nullptr) shutdown();
        if (library) unload(library);
    }
};

std::filesystem::path defaultNvmlLibrary() {
#if defined(_WIN32)
    return "nvml.dll";
#else
    return "libnvidia-ml.so.1";
#endif
}

Result<GpuMonitor> GpuMonitor::open(unsigned deviceIndex, const std::filesystem::path& library) {
    const std::filesystem::path path = library.empty() ? defaultNvmlLibrary() : library;
    auto session = std::make_unique<Session>();
    session->library = loadLibrary(path);
    if (!session->library) {
        return makeError(ErrorKind::NotFound, "no NVIDIA GPU monitor: " + path.string() +
                                                  " (NVIDIA's management library, part of the driver) is not "
                                                  "installed on this machine");
    }
    const auto init = reinterpret_cast<InitFn>(symbol(session->library, "nvmlInit_v2"));
    session->shutdown = reinterpret_cast<ShutdownFn>(symbol(session->library, "nvmlShutdown"));
    const auto countOf = reinterpret_cast<CountFn>(symbol(session->library, "nvmlDeviceGetCount_v2"));
    const auto handleOf = reinterpret_cast<HandleFn>(symbol(session->library, "nvmlDeviceGetHandleByIndex_v2"));
    const auto nameOf = reinterpret_cast<NameFn>(symbol(session->library, "nvmlDeviceGetName"));
    session->memoryOf = reinterpret_cast<MemoryFn>(symbol(session->library, "nvmlDeviceGetMemoryInfo"));
    session->utilisationOf =
        reinterpret_cast<UtilizationFn>(symbol(session->library, "nvmlDeviceGetUtilizationRates"));
    if (init == nullptr || session->shutdown == nullptr || countOf == nullptr || handleOf == nullptr ||
        nameOf == nullptr || session->memoryOf == nullptr || session->utilisationOf == nullptr) {
        return makeError(ErrorKind::Unsupported, "no NVIDIA GPU monitor: " + path.string() +
                                                     " lacks functions this app needs; update the NVIDIA driver");
    }
    if (const NvmlReturn r = init(); r != kNvmlSuccess) {
        return makeError(ErrorKind::Unsupported,
                         "no NVIDIA GPU monitor: the NVIDIA driver did not start its management library (" +
                             code(r) + "); check that the driver is loaded (nvidia-smi)");
    }
    session->initialised = true;
    if (const NvmlReturn r = countOf(&session->count); r != kNvmlSuccess) {
        return makeError(ErrorKind::Unsupported, "no NVIDIA GPU monitor: cannot count the GPUs (" + code(r) + ")");
    }
    if (deviceIndex >= session->count) {
        return makeError(ErrorKind::NotFound, "no NVIDIA GPU monitor: GPU " + std::to_string(deviceIndex) +
                                                  " does not exist (this machine has " +
                                                  std::to_string(session->count) + " NVIDIA GPU(s))");
    }
    if (const NvmlReturn r = handleOf(deviceIndex, &session->device); r != kNvmlSuccess) {
        return makeError(ErrorKind::Unsupported, "no NVIDIA GPU monitor: cannot open GPU " +
                                                     std::to_string(deviceIndex) + " (" + code(r) + ")");
    }
    std::array<char, kNameLength> name{};
    if (nameOf(session->device, name.data(), kNameLength) == kNvmlSuccess) {
        name.back() = '\0';
        session->name = name.data();
    }
    session->index = deviceIndex;
    return GpuMonitor(std::move(session));
}

GpuMonitor::GpuMonitor(std::unique_ptr<Session> session) : session_(std::move(session)) {}
GpuMonitor::GpuMonitor(GpuMonitor&&) noexcept = default;
GpuMonitor& GpuMonitor::operator=(GpuMonitor&&) noexcept = default;
GpuMonitor::~GpuMonitor() = default;

const std::string& GpuMonitor::deviceName() const { return session_->name; }
unsigned GpuMonitor::deviceIndex() const { return session_->index; }
unsigned GpuMonitor::deviceCount() const { return session_->count; }

Result<GpuSample> GpuMonitor::sample() {
    NvmlMemory memory{};
    if (const NvmlReturn r = session_->memoryOf(session_->device, &memory); r != kNvmlSuccess) {
        return makeError(ErrorKind::Io, "GPU " + std::to_string(session_->index) + ": reading its memory failed (" +
                                            code(r) + ")");
    }
    NvmlUtilization utilisation{};
    if (const NvmlReturn r = session_->utilisationOf(session_->device, &utilisation); r != kNvmlSuccess) {
        return makeError(ErrorKind::Io, "GPU " + std::to_string(session_->index) +
                                            ": reading its utilisation failed (" + code(r) + ")");
    }
    GpuSample sample;
    sample.memoryUsedBytes = memory.used;
    sample.memoryFreeBytes = memory.free;
    sample.memoryTotalBytes = memory.total;
    sample.utilisationPercent = utilisation.gpu;
    return sample;
}

}  // namespace offsite::monitor
