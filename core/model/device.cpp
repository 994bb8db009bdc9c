// Device resolution (see device.h). Only torch::cuda::is_available() is needed from LibTorch.
#include "core/model/device.h"

#include <torch/cuda.h>

namespace offsite::model {

bool cudaUsable() { return torch::cuda::is_available(); }

Result<Device> resolveDevice(Device requested) {
    switch (requested) {
        case Device::Cpu: return Device::Cpu;
        case Device::Auto: return cudaUsable() ? Device::Cuda : Device::Cpu;
        case Device::Cuda:
            if (cudaUsable()) return Device::Cuda;
            return makeError(ErrorKind::Unsupported,
                             "the NVIDIA graphics card (CUDA) was asked for, but this build found no usable NVIDIA "
                             "GPU or driver (no card, no driver, or a CPU-only LibTorch); choose the CPU or the "
                             "automatic device instead");
    }
    return makeError(ErrorKind::InvalidInput, "unknown compute device");
}

std::string_view deviceName(Device device) {
    switch (device) {
        case Device::Auto: return "auto";
        case Device::Cpu: return "cpu";
        case Device::Cuda: return "cuda";
    }
    return "auto";
}

std::optional<Device> parseDevice(std::string_view name) {
    if (name == "auto") return Device::Auto;
    if (name == "cpu") return Device::Cpu;
    if (name == "cuda") return Device::Cuda;
    return std::nullopt;
}

}  // namespace offsite::model
