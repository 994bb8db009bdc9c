// TEST DOUBLE of NVIDIA's NVML driver library, for tests/monitor only: exports the functions core/monitor
// resolves, with NVML's C signatures, and reports two fixed GPUs. It checks the order a real NVML enforces
// (nothing before nvmlInit_v2, nothing after nvmlShutdown) so a monitor that skips it fails the test.
#include <cstring>

namespace {
int initialised = 0;
constexpr int kSuccess = 0;
constexpr int kUninitialized = 1;      // NVML_ERROR_UNINITIALIZED
constexpr int kInvalidArgument = 2;    // NVML_ERROR_INVALID_ARGUMENT
constexpr int kInsufficientSize = 7;   // NVML_ERROR_INSUFFICIENT_SIZE
struct Device {
    const char* name;
    unsigned long long total, free, used;
    unsigned int gpu, memory;
};
Device devices[2] = {{"Offsite NVML Test Double 0", 8ull << 30, 5ull << 30, 3ull << 30, 42, 17},
                     {"Offsite NVML Test Double 1", 16ull << 30, 12ull << 30, 4ull << 30, 7, 3}};
struct Memory {
    unsigned long long total, free, used;
};
struct Utilization {
    unsigned int gpu, memory;
};
Device* deviceOf(void* handle) {
    for (Device& d : devices) {
        if (handle == &d) return &d;
    }
    return nullptr;
}
}  // namespace

extern "C" {
int nvmlInit_v2() {
    ++initialised;
    return kSuccess;
}
int nvmlShutdown() {
    if (initialised == 0) return kUninitialized;
    --initialised;
    return kSuccess;
}
int nvmlDeviceGetCount_v2(unsigned int* count) {
    if (initialised == 0) return kUninitialized;
    if (count == nullptr) return kInvalidArgument;
    *count = 2;
    return kSuccess;
}
int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void** device) {
    if (initialised == 0) return kUninitialized;
    if (index >= 2 || device == nullptr) return kInvalidArgument;
    *device = &devices[index];
    return kSuccess;
}
int nvmlDeviceGetName(void* device, char* name, unsigned int length) {
    if (initialised == 0) return kUninitialized;
    Device* d = deviceOf(device);
    if (d == nullptr || name == nullptr) return kInvalidArgument;
    if (std::strlen(d->name) + 1 > length) return kInsufficientSize;
    std::strcpy(name, d->name);
    return kSuccess;
}
int nvmlDeviceGetMemoryInfo(void* device, Memory* memory) {
    if (initialised == 0) return kUninitialized;
    Device* d = deviceOf(device);
    if (d == nullptr || memory == nullptr) return kInvalidArgument;
    *memory = Memory{d->total, d->free, d->used};
    return kSuccess;
}
int nvmlDeviceGetUtilizationRates(void* device, Utilization* utilization) {
    if (initialised == 0) return kUninitialized;
    Device* d = deviceOf(device);
    if (d == nullptr || utilization == nullptr) return kInvalidArgument;
    *utilization = Utilization{d->gpu, d->memory};
    return kSuccess;
}
// For the test: how many NVML sessions are open (0 once every monitor is gone).
int offsiteNvmlTestDoubleSessions() { return initialised; }
}
