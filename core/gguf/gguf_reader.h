// Reader for GGUF files (the llama.cpp / ggml model format): header, typed metadata, tensor infos and
// dequantization of tensor data to float32. A GGUF file is untrusted input: every count, length, dimension
// and offset is checked against limits and against the bytes actually present before anything is
// allocated, and nothing here throws. Strings and tensor data are views into the mapped file, so a
// GgufFile must outlive everything obtained from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/file_io.h"
#include "core/base/result.h"

namespace offsite::gguf {

// Metadata value types. Our numbering starts at 1 (0 is never valid); ggufValueTypeId() gives the on-disk id.
enum class ValueType { Uint8 = 1, Int8, Uint16, Int16, Uint32, Int32, Float32, Bool, String, Array, Uint64, Int64, Float64 };

[[nodiscard]] std::string_view valueTypeName(ValueType type);
[[nodiscard]] std::uint32_t ggufValueTypeId(ValueType type);

// Tensor element types of ggml that we can size (all of them in gguf 0.17); only some can be dequantized
// (see canDequantize). Our numbering starts at 1; ggmlTypeId() gives the on-disk id.
enum class TensorType {
    F32 = 1, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q8_1, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q8_K,
    IQ2_XXS, IQ2_XS, IQ3_XXS, IQ1_S, IQ4_NL, IQ3_S, IQ2_S, IQ4_XS, I8, I16, I32, I64, F64, IQ1_M, BF16,
    TQ1_0, TQ2_0,
};

[[nodiscard]] std::string_view tensorTypeName(TensorType type);
[[nodiscard]] std::uint32_t ggmlTypeId(TensorType type);
[[nodiscard]] std::optional<TensorType> tensorTypeFromId(std::uint32_t ggmlId);
// Elements per block and bytes per block (1 and the element size for unquantized types).
[[nodiscard]] std::uint32_t blockElements(TensorType type);
[[nodiscard]] std::uint32_t blockBytes(TensorType type);
[[nodiscard]] bool canDequantize(TensorType type);  // F32, F16, BF16, Q4_0, Q4_1, Q8_0

// One metadata value. Scalars are decoded at parse time; arrays keep a view of their payload and are
// decoded by the typed accessors of GgufFile (string arrays are indexed at parse time).
struct MetadataValue {
    ValueType type = ValueType::Uint8;
    ValueType elementType = ValueType::Uint8;  // arrays only
    std::uint64_t count = 0;                   // arrays only: number of elements

    std::uint64_t u = 0;      // unsigned integers, and bool (0/1)
    std::int64_t i = 0;       // signed integers
    double f = 0.0;           // Float32/Float64
    std::string_view s;       // String
    std::span<const std::byte> arrayBytes;      // arrays of numbers/bools: the raw little-endian payload
    std::vector<std::string_view> strings;      // arrays of strings
};

struct MetadataEntry {
    std::string_view key;
    MetadataValue value;
};

struct TensorInfo {
    std::string_view name;
    TensorType type = TensorType::F32;
    // Dimensions as GGUF lists them: fastest-varying first (dims[0] = columns). The PyTorch / Hugging Face
    // shape is the reverse (see hfShape()).
    std::vector<std::uint64_t> dims;
    std::uint64_t elementCount = 0;
    std::uint64_t offset = 0;    // relative to the start of the data section, as stored
    std::uint64_t byteSize = 0;  // bytes of data, from type and dims

    [[nodiscard]] std::vector<std::uint64_t> hfShape() const { return {dims.rbegin(), dims.rend()}; }
};

// Protection against hostile files; every limit is also checked against the bytes present.
struct ParseLimits {
    std::uint64_t maxTensors = 1u << 16;
    std::uint64_t maxMetadataEntries = 1u << 16;
    std::uint64_t maxStringBytes = 64u << 20;    // one string (chat templates can be long)
    std::uint64_t maxArrayElements = 1u << 26;   // one array (vocabularies reach a few 100k)
    std::uint64_t maxTensorElements = 1ull << 40;
};

class GgufFile {
public:
    // Maps and parses a file. Messages name the file and say what is wrong with it.
    [[nodiscard]] static Result<GgufFile> open(const std::filesystem::path& path, const ParseLimits& limits = {});
    // Parses bytes in memory (fuzzing, tests). The bytes must outlive the GgufFile and everything from it.
    [[nodiscard]] static Result<GgufFile> parse(std::span<const std::byte> bytes, std::string sourceName,
                                                const ParseLimits& limits = {});

    GgufFile(GgufFile&&) noexcept = default;
    GgufFile& operator=(GgufFile&&) noexcept = default;
    GgufFile(const GgufFile&) = delete;
    GgufFile& operator=(const GgufFile&) = delete;
    ~GgufFile() = default;

    [[nodiscard]] std::uint32_t version() const { return version_; }
    [[nodiscard]] std::uint64_t alignment() const { return alignment_; }
    [[nodiscard]] std::uint64_t dataOffset() const { return dataOffset_; }  // absolute start of tensor data
    [[nodiscard]] const std::string& sourceName() const { return sourceName_; }

    [[nodiscard]] const std::vector<MetadataEntry>& metadata() const { return metadata_; }
    [[nodiscard]] const MetadataValue* find(std::string_view key) const;

    // Typed metadata access. Missing keys give ErrorKind::NotFound; a different type or a value that does
    // not fit gives ErrorKind::InvalidInput. Integer getters accept any integer type whose value fits.
    [[nodiscard]] Result<std::uint64_t> getUint(std::string_view key) const;
    [[nodiscard]] Result<std::int64_t> getInt(std::string_view key) const;
    [[nodiscard]] Result<double> getFloat(std::string_view key) const;  // Float32/Float64
    [[nodiscard]] Result<bool> getBool(std::string_view key) const;
    [[nodiscard]] Result<std::string_view> getString(std::string_view key) const;
    [[nodiscard]] Result<std::vector<std::string_view>> getStringArray(std::string_view key) const;
    [[nodiscard]] Result<std::vector<std::int64_t>> getIntArray(std::string_view key) const;   // integer arrays
    [[nodiscard]] Result<std::vector<double>> getFloatArray(std::string_view key) const;       // float arrays

    [[nodiscard]] const std::vector<TensorInfo>& tensors() const { return tensors_; }
    [[nodiscard]] const TensorInfo* findTensor(std::string_view name) const;
    // The tensor's raw bytes (already checked to lie inside the file).
    [[nodiscard]] std::span<const std::byte> tensorBytes(const TensorInfo& tensor) const;
    // Dequantizes a whole tensor into `out`, which must hold exactly tensor.elementCount floats, in GGUF
    // order (dims[0] fastest) which is also the row-major order of the Hugging Face shape.
    [[nodiscard]] Status dequantize(const TensorInfo& tensor, std::span<float> out) const;

private:
    GgufFile() = default;
    std::optional<MappedFile> mapped_;
    std::span<const std::byte> bytes_;
    std::string sourceName_;
    std::uint32_t version_ = 0;
    std::uint64_t alignment_ = 32;
    std::uint64_t dataOffset_ = 0;
    std::vector<MetadataEntry> metadata_;
    std::vector<TensorInfo> tensors_;
};

// Dequantizes `elementCount` values of `type` from `src` (which must hold exactly the matching number of
// bytes) into `dst`. The arithmetic matches the Python gguf package (gguf.quants.dequantize) bit for bit.
[[nodiscard]] Status dequantize(TensorType type, std::span<const std::byte> src, std::span<float> dst);

// IEEE half and bfloat16 to float.
[[nodiscard]] float halfToFloat(std::uint16_t h);
[[nodiscard]] float bfloat16ToFloat(std::uint16_t b);

}  // namespace offsite::gguf
