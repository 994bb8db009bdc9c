// A model's weights as one set of named tensors, whether they come as a single model.safetensors or
// as model.safetensors.index.json plus shards (the Hugging Face layout for large models).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/safetensors/safetensors.h"

namespace offsite::safetensors {

// open() accepts a folder (holding model.safetensors or model.safetensors.index.json, not both), a
// .safetensors file, or an index .json file. For sharded models it refuses: shard names that are not
// plain file names in the index's folder (so none can point outside it; symlinks, as in the Hugging
// Face cache, are followed), shards that are not .safetensors, a tensor present in two shards, a listed
// tensor missing from its shard, and shard tensors the index does not list. Every shard is fully
// validated (File::open) before open() returns.
class ModelFiles {
public:
    [[nodiscard]] static Result<ModelFiles> open(const std::filesystem::path& folderOrFile,
                                                 const Limits& limits = {});

    [[nodiscard]] std::vector<std::string> names() const;  // sorted
    [[nodiscard]] std::size_t size() const { return index_.size(); }
    // dtype, shape and offsets of a tensor, or nullptr.
    [[nodiscard]] const TensorInfo* find(std::string_view name) const;
    // A tensor's bytes (empty when absent or zero-size).
    [[nodiscard]] std::span<const std::byte> bytes(std::string_view name) const;
    // The file holding a tensor (for messages and alignment), or nullptr.
    [[nodiscard]] const File* fileOf(std::string_view name) const;
    [[nodiscard]] const std::vector<File>& files() const { return files_; }

private:
    struct Location {
        std::size_t file = 0;
        std::size_t tensor = 0;  // index into files_[file].tensors()
    };
    void addAll(std::size_t fileIndex);
    std::vector<File> files_;
    std::map<std::string, Location, std::less<>> index_;
};

}  // namespace offsite::safetensors
