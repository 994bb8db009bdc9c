// Reading and writing safetensors files, the only weight format we import (never pickle-based
// PyTorch checkpoints, which can run code when loaded). The reader validates the whole header before
// any tensor is touched: header size against a limit and the file size before allocating, UTF-8 and
// strict JSON (duplicate keys refused), known dtypes, overflow-checked sizes, and tensor byte ranges
// that tile the data section exactly (no gaps, overlaps, aliases or trailing bytes, so no polyglots).
// Torch-free: the model code turns the validated byte spans into tensors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/file_io.h"
#include "core/base/result.h"

namespace offsite::safetensors {

// Element types, spelled in files as the reference does ("F32", "BF16", "F8_E4M3", ...).
enum class DType { F64 = 1, F32, F16, BF16, I64, I32, I16, I8, U8, Bool, F8_E4M3, F8_E5M2, U16, U32, U64 };

[[nodiscard]] std::string_view dtypeName(DType dtype);
[[nodiscard]] std::size_t dtypeSize(DType dtype);  // bytes per element
[[nodiscard]] std::optional<DType> parseDType(std::string_view name);

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::uint64_t begin = 0;  // byte offsets relative to the start of the data section
    std::uint64_t end = 0;

    // Product of the shape (1 for a scalar). Validated headers guarantee it does not overflow.
    [[nodiscard]] std::int64_t numel() const;
    [[nodiscard]] std::uint64_t byteSize() const { return end - begin; }
};

struct Limits {
    std::uint64_t maxHeaderBytes = 16u << 20;  // the JSON header; real models need well under 1 MiB
    std::size_t maxTensors = 1u << 20;
};

using Metadata = std::vector<std::pair<std::string, std::string>>;

struct Header {
    std::vector<TensorInfo> tensors;  // sorted by begin (the order they tile the data section)
    Metadata metadata;                // "__metadata__", in file order
    std::uint64_t headerBytes = 0;    // N, the JSON header's length
    std::uint64_t dataBytes = 0;      // size of the data section

    // Where the data section starts in the file (8 + N).
    [[nodiscard]] std::uint64_t dataOffset() const { return 8 + headerBytes; }
    // Whether the data section starts on an 8-byte boundary. Files written by the reference are;
    // when not, a caller that needs aligned elements (torch::from_blob) must copy first.
    [[nodiscard]] bool dataAligned() const { return dataOffset() % 8 == 0; }
};

// Validates a header given the file's first bytes (at least 8 + N of them, or the whole file) and
// the total file size. `source` names the file in messages ("model.safetensors"). Used for files and
// by the fuzzer; nothing is allocated in proportion to N before N is checked against the limit and
// the file size.
[[nodiscard]] Result<Header> parseHeader(std::span<const std::byte> fileStart, std::uint64_t fileSize,
                                         const Limits& limits = {},
                                         std::string_view source = "the safetensors file");

// A memory-mapped safetensors file, fully validated before open() returns.
class File {
public:
    [[nodiscard]] static Result<File> open(const std::filesystem::path& path, const Limits& limits = {});

    [[nodiscard]] const std::vector<TensorInfo>& tensors() const { return header_.tensors; }
    [[nodiscard]] const TensorInfo* find(std::string_view name) const;
    // The tensor's bytes inside the mapping (empty for zero-size tensors). `info` must come from this
    // file; anything else yields an empty span.
    [[nodiscard]] std::span<const std::byte> bytes(const TensorInfo& info) const;
    [[nodiscard]] const Metadata& metadata() const { return header_.metadata; }
    [[nodiscard]] const Header& header() const { return header_; }
    [[nodiscard]] const std::filesystem::path& path() const { return map_.path(); }

private:
    File(MappedFile map, Header header);
    MappedFile map_;
    Header header_;
    std::map<std::string, std::size_t, std::less<>> byName_;  // index into header_.tensors
};

// A tensor to write: the bytes are the elements in row-major order, little-endian.
struct TensorView {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::span<const std::byte> bytes;
};

// Writes a safetensors file atomically and durably (AtomicFileWriter). Layout follows the reference
// writer so files match Python's safetensors: tensors are laid out by descending element size (ties in
// the reference's dtype order: U64 I64 F64, F32 U32 I32, BF16 F16 U16 I16, ...), then
// by name; the header lists "__metadata__" first (entries in the order given) then tensors in layout
// order, and is padded with spaces to a multiple of 8 bytes so the data section is 8-byte aligned.
// Refuses duplicate or empty names, the name "__metadata__", negative dims, and byte counts that do
// not match the shape.
[[nodiscard]] Status write(const std::filesystem::path& path, const std::vector<TensorView>& tensors,
                           const Metadata& metadata = {});

// The same layout, in memory (used by write() and by tests).
[[nodiscard]] Result<std::string> serialize(const std::vector<TensorView>& tensors,
                                            const Metadata& metadata = {});

}  // namespace offsite::safetensors
