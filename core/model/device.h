// Where a model runs: the CPU or an NVIDIA GPU (CUDA), and the one place that decides what "automatic" means and
// refuses CUDA when this build finds no usable GPU. Torch-free, for the trainer, the distiller, evaluation and the
// front ends that parse --device or the app's compute-device setting.
#pragma once

#include <optional>
#include <string_view>

#include "core/base/result.h"

namespace offsite::model {

enum class Device { Auto = 1, Cpu, Cuda };

// True when this build's LibTorch has CUDA kernels and finds an NVIDIA GPU with a working driver (honours
// CUDA_VISIBLE_DEVICES).
[[nodiscard]] bool cudaUsable();

// The device a run will use: Auto is Cuda when cudaUsable(), else Cpu; Cpu stays Cpu; Cuda without a usable GPU
// is ErrorKind::Unsupported with a message saying what was asked and what to choose instead.
[[nodiscard]] Result<Device> resolveDevice(Device requested);

// "auto", "cpu", "cuda": the command line's --device values and what run records store.
[[nodiscard]] std::string_view deviceName(Device device);
[[nodiscard]] std::optional<Device> parseDevice(std::string_view name);

}  // namespace offsite::model
