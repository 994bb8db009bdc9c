// Output helpers shared by split and plug-in: a staging folder published by one rename, and torch tensors as
// safetensors views.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <system_error>

#include <torch/torch.h>

#include "core/safetensors/safetensors.h"

namespace offsite::emulator {

// A sibling ".<name>.partial" folder of the destination, removed unless published.
class StagingFolder {
public:
    explicit StagingFolder(std::filesystem::path path) : path_(std::move(path)) {}
    ~StagingFolder() {
        if (!path_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(path_, ec);
        }
    }
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;
    void release() { path_.clear(); }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline std::optional<safetensors::DType> fileDType(torch::ScalarType type) {
    switch (type) {
        case torch::kFloat32: return safetensors::DType::F32;
        case torch::kFloat16: return safetensors::DType::F16;
        case torch::kBFloat16: return safetensors::DType::BF16;
        case torch::kFloat64: return safetensors::DType::F64;
        case torch::kInt64: return safetensors::DType::I64;
        default: return std::nullopt;
    }
}

// A view of a contiguous CPU tensor's bytes; the tensor must outlive the view.
inline safetensors::TensorView viewOf(const std::string& name, const torch::Tensor& tensor, safetensors::DType dtype) {
    return safetensors::TensorView{name, dtype, tensor.sizes().vec(),
                                   std::span<const std::byte>(static_cast<const std::byte*>(tensor.data_ptr()),
                                                              static_cast<std::size_t>(tensor.nbytes()))};
}

}  // namespace offsite::emulator
