// GGUF parsing and dequantization. Layout (little-endian): "GGUF", u32 version, u64 tensor count, u64 metadata
// count, metadata (key string, u32 type, value), tensor infos (name, u32 n_dims, u64 dims[n_dims], u32 type,
// u64 offset), padding to general.alignment, tensor data. Strings are a u64 length and that many bytes.
#include "core/gguf/gguf_reader.h"

#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <unordered_set>
#include <utility>

namespace offsite::gguf {
namespace {

static_assert(std::endian::native == std::endian::little, "the GGUF reader assumes a little-endian host");

constexpr std::uint32_t kMagic = 0x46554747;  // "GGUF" read as little-endian u32
constexpr std::uint32_t kMaxDims = 4;         // GGML_MAX_DIMS
constexpr std::uint64_t kDefaultAlignment = 32;
constexpr std::uint64_t kMaxAlignment = 1u << 20;

struct TypeTraits {
    TensorType type;
    std::uint32_t ggmlId;
    std::string_view name;
    std::uint32_t blockElements;
    std::uint32_t blockBytes;
};

// From gguf.constants.GGML_QUANT_SIZES (QK_K = 256).
constexpr std::array<TypeTraits, 31> kTensorTypes{{
    {TensorType::F32, 0, "F32", 1, 4},
    {TensorType::F16, 1, "F16", 1, 2},
    {TensorType::Q4_0, 2, "Q4_0", 32, 2 + 16},
    {TensorType::Q4_1, 3, "Q4_1", 32, 2 + 2 + 16},
    {TensorType::Q5_0, 6, "Q5_0", 32, 2 + 4 + 16},
    {TensorType::Q5_1, 7, "Q5_1", 32, 2 + 2 + 4 + 16},
    {TensorType::Q8_0, 8, "Q8_0", 32, 2 + 32},
    {TensorType::Q8_1, 9, "Q8_1", 32, 4 + 4 + 32},
    {TensorType::Q2_K, 10, "Q2_K", 256, 2 + 2 + 16 + 64},
    {TensorType::Q3_K, 11, "Q3_K", 256, 2 + 64 + 32 + 12},
    {TensorType::Q4_K, 12, "Q4_K", 256, 2 + 2 + 128 + 12},
    {TensorType::Q5_K, 13, "Q5_K", 256, 2 + 2 + 128 + 32 + 12},
    {TensorType::Q6_K, 14, "Q6_K", 256, 2 + 128 + 64 + 16},
    {TensorType::Q8_K, 15, "Q8_K", 256, 4 + 256 + 32},
    {TensorType::IQ2_XXS, 16, "IQ2_XXS", 256, 2 + 64},
    {TensorType::IQ2_XS, 17, "IQ2_XS", 256, 2 + 64 + 8},
    {TensorType::IQ3_XXS, 18, "IQ3_XXS", 256, 2 + 64 + 32},
    {TensorType::IQ1_S, 19, "IQ1_S", 256, 2 + 32 + 16},
    {TensorType::IQ4_NL, 20, "IQ4_NL", 32, 2 + 16},
    {TensorType::IQ3_S, 21, "IQ3_S", 256, 2 + 64 + 32 + 8 + 4},
    {TensorType::IQ2_S, 22, "IQ2_S", 256, 2 + 64 + 16},
    {TensorType::IQ4_XS, 23, "IQ4_XS", 256, 2 + 2 + 128 + 4},
    {TensorType::I8, 24, "I8", 1, 1},
    {TensorType::I16, 25, "I16", 1, 2},
    {TensorType::I32, 26, "I32", 1, 4},
    {TensorType::I64, 27, "I64", 1, 8},
    {TensorType::F64, 28, "F64", 1, 8},
    {TensorType::IQ1_M, 29, "IQ1_M", 256, 32 + 16 + 8},
    {TensorType::BF16, 30, "BF16", 1, 2},
    {TensorType::TQ1_0, 34, "TQ1_0", 256, 2 + 4 * 13},
    {TensorType::TQ2_0, 35, "TQ2_0", 256, 2 + 64},
}};

const TypeTraits& traits(TensorType type) {
    for (const auto& t : kTensorTypes) {
        if (t.type == type) return t;
    }
    return kTensorTypes[0];  // unreachable for valid enumerators
}

struct ValueTraits {
    ValueType type;
    std::uint32_t id;
    std::string_view name;
    std::uint32_t size;  // bytes of a scalar; 0 for string/array
};

constexpr std::array<ValueTraits, 13> kValueTypes{{
    {ValueType::Uint8, 0, "uint8", 1},
    {ValueType::Int8, 1, "int8", 1},
    {ValueType::Uint16, 2, "uint16", 2},
    {ValueType::Int16, 3, "int16", 2},
    {ValueType::Uint32, 4, "uint32", 4},
    {ValueType::Int32, 5, "int32", 4},
    {ValueType::Float32, 6, "float32", 4},
    {ValueType::Bool, 7, "bool", 1},
    {ValueType::String, 8, "string", 0},
    {ValueType::Array, 9, "array", 0},
    {ValueType::Uint64, 10, "uint64", 8},
    {ValueType::Int64, 11, "int64", 8},
    {ValueType::Float64, 12, "float64", 8},
}};

const ValueTraits& traits(ValueType type) {
    for (const auto& t : kValueTypes) {
        if (t.type == type) return t;
    }
    return kValueTypes[0];
}

std::optional<ValueType> valueTypeFromId(std::uint32_t id) {
    for (const auto& t : kValueTypes) {
        if (t.id == id) return t.type;
    }
    return std::nullopt;
}

bool isUnsignedInt(ValueType t) {
    return t == ValueType::Uint8 || t == ValueType::Uint16 || t == ValueType::Uint32 || t == ValueType::Uint64;
}
bool isSignedInt(ValueType t) {
    return t == ValueType::Int8 || t == ValueType::Int16 || t == ValueType::Int32 || t == ValueType::Int64;
}
bool isFloat(ValueType t) { return t == ValueType::Float32 || t == ValueType::Float64; }

template <typename T>
T loadLe(const std::byte* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

std::string hexBytes(std::span<const std::byte> bytes) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned>(bytes[i]);
        if (i != 0) out += ' ';
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

// Printable form of a name read from the file, for messages (control and non-ASCII bytes escaped, shortened).
std::string printable(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < 80; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    if (s.size() > 80) out += "...";
    return out;
}

constexpr std::string_view kDamaged = "the file is damaged or not a GGUF model; download or copy it again";

// Bounds-checked sequential reader over the file's bytes.
class Cursor {
public:
    Cursor(std::span<const std::byte> bytes, const std::string& source) : bytes_(bytes), source_(source) {}

    [[nodiscard]] std::uint64_t pos() const { return pos_; }
    [[nodiscard]] std::uint64_t remaining() const { return bytes_.size() - pos_; }

    [[nodiscard]] Error truncated(std::string_view what, std::uint64_t needed) const {
        return makeError(ErrorKind::InvalidInput,
                         source_ + " is truncated: reading " + std::string(what) + " at byte " + std::to_string(pos_) +
                             " needs " + std::to_string(needed) + " bytes but only " + std::to_string(remaining()) +
                             " remain; the download or copy is probably incomplete, get the file again");
    }

    [[nodiscard]] Status need(std::uint64_t n, std::string_view what) const {
        if (n > remaining()) return truncated(what, n);
        return {};
    }

    template <typename T>
    [[nodiscard]] Status read(T& out, std::string_view what) {
        OFFSITE_TRY(need(sizeof(T), what));
        out = loadLe<T>(bytes_.data() + pos_);
        pos_ += sizeof(T);
        return {};
    }

    [[nodiscard]] Status readBytes(std::uint64_t n, std::span<const std::byte>& out, std::string_view what) {
        OFFSITE_TRY(need(n, what));
        out = bytes_.subspan(static_cast<std::size_t>(pos_), static_cast<std::size_t>(n));
        pos_ += n;
        return {};
    }

    [[nodiscard]] Status readString(std::string_view& out, std::string_view what, std::uint64_t maxBytes) {
        const std::uint64_t start = pos_;
        std::uint64_t length = 0;
        OFFSITE_TRY(read(length, what));
        if (length > remaining()) {
            return makeError(ErrorKind::InvalidInput,
                             source_ + ": " + std::string(what) + " at byte " + std::to_string(start) + " claims " +
                                 std::to_string(length) + " bytes but only " + std::to_string(remaining()) +
                                 " remain in the file; " + std::string(kDamaged));
        }
        if (length > maxBytes) {
            return makeError(ErrorKind::LimitExceeded,
                             source_ + ": " + std::string(what) + " at byte " + std::to_string(start) + " is " +
                                 std::to_string(length) + " bytes long, more than the " + std::to_string(maxBytes) +
                                 " bytes accepted for one string; " + std::string(kDamaged));
        }
        std::span<const std::byte> raw;
        OFFSITE_TRY(readBytes(length, raw, what));
        out = std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size());
        return {};
    }

private:
    std::span<const std::byte> bytes_;
    const std::string& source_;
    std::uint64_t pos_ = 0;
};

Status readScalar(Cursor& cur, ValueType type, MetadataValue& v, const std::string& what, const std::string& source) {
    v.type = type;
    switch (type) {
        case ValueType::Uint8: { std::uint8_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.u = x; v.i = x; return {}; }
        case ValueType::Int8: { std::int8_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.i = x; return {}; }
        case ValueType::Uint16: { std::uint16_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.u = x; v.i = x; return {}; }
        case ValueType::Int16: { std::int16_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.i = x; return {}; }
        case ValueType::Uint32: { std::uint32_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.u = x; v.i = x; return {}; }
        case ValueType::Int32: { std::int32_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.i = x; return {}; }
        case ValueType::Uint64: { std::uint64_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.u = x; return {}; }
        case ValueType::Int64: { std::int64_t x = 0; OFFSITE_TRY(cur.read(x, what)); v.i = x; return {}; }
        case ValueType::Float32: { float x = 0; OFFSITE_TRY(cur.read(x, what)); v.f = x; return {}; }
        case ValueType::Float64: { double x = 0; OFFSITE_TRY(cur.read(x, what)); v.f = x; return {}; }
        case ValueType::Bool: {
            const std::uint64_t at = cur.pos();
            std::uint8_t x = 0;
            OFFSITE_TRY(cur.read(x, what));
            if (x > 1) {
                return makeError(ErrorKind::InvalidInput, source + ": " + what + " at byte " + std::to_string(at) +
                                                              " is a bool with value " + std::to_string(x) +
                                                              " (only 0 or 1 are valid); " + std::string(kDamaged));
            }
            v.u = x;
            return {};
        }
        case ValueType::String:
        case ValueType::Array:
            break;
    }
    return makeError(ErrorKind::Internal, "readScalar called for a non-scalar type");
}

Result<ValueType> readValueType(Cursor& cur, const std::string& what, const std::string& source) {
    const std::uint64_t at = cur.pos();
    std::uint32_t id = 0;
    OFFSITE_TRY(cur.read(id, what));
    auto type = valueTypeFromId(id);
    if (!type) {
        return makeError(ErrorKind::Unsupported,
                         source + ": " + what + " at byte " + std::to_string(at) + " has unknown value type id " +
                             std::to_string(id) + " (known: 0-12); the file is damaged or needs a newer reader");
    }
    return *type;
}

Status readValue(Cursor& cur, ValueType type, MetadataValue& v, const std::string& what, const std::string& source,
                 const ParseLimits& limits) {
    if (type == ValueType::String) {
        v.type = type;
        return cur.readString(v.s, what, limits.maxStringBytes);
    }
    if (type != ValueType::Array) return readScalar(cur, type, v, what, source);

    v.type = ValueType::Array;
    OFFSITE_ASSIGN_OR_RETURN(v.elementType, readValueType(cur, what + " (array element type)", source));
    if (v.elementType == ValueType::Array) {
        return makeError(ErrorKind::Unsupported, source + ": " + what +
                                                     " is an array of arrays, which this reader does not support");
    }
    const std::uint64_t countAt = cur.pos();
    OFFSITE_TRY(cur.read(v.count, what + " (array length)"));
    if (v.count > limits.maxArrayElements) {
        return makeError(ErrorKind::LimitExceeded,
                         source + ": " + what + " at byte " + std::to_string(countAt) + " claims " +
                             std::to_string(v.count) + " elements, more than the " +
                             std::to_string(limits.maxArrayElements) + " accepted; " + std::string(kDamaged));
    }
    // Each element takes at least this many bytes, so the count can be checked before anything is reserved.
    const std::uint64_t minElementBytes = v.elementType == ValueType::String ? 8 : traits(v.elementType).size;
    if (v.count > cur.remaining() / minElementBytes) {
        return makeError(ErrorKind::InvalidInput,
                         source + ": " + what + " at byte " + std::to_string(countAt) + " claims " +
                             std::to_string(v.count) + " elements, which cannot fit in the " +
                             std::to_string(cur.remaining()) + " bytes left in the file; " + std::string(kDamaged));
    }
    if (v.elementType == ValueType::String) {
        v.strings.reserve(static_cast<std::size_t>(v.count));
        for (std::uint64_t k = 0; k < v.count; ++k) {
            std::string_view s;
            OFFSITE_TRY(cur.readString(s, what + " element " + std::to_string(k), limits.maxStringBytes));
            v.strings.push_back(s);
        }
        return {};
    }
    OFFSITE_TRY(cur.readBytes(v.count * minElementBytes, v.arrayBytes, what));
    if (v.elementType == ValueType::Bool) {
        for (std::uint64_t k = 0; k < v.count; ++k) {
            if (static_cast<std::uint8_t>(v.arrayBytes[k]) > 1) {
                return makeError(ErrorKind::InvalidInput, source + ": " + what + " element " + std::to_string(k) +
                                                              " is a bool other than 0 or 1; " + std::string(kDamaged));
            }
        }
    }
    return {};
}

bool mulOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out) { return __builtin_mul_overflow(a, b, &out); }
bool addOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out) { return __builtin_add_overflow(a, b, &out); }

// Element `k` of a numeric array as int64 / double; the caller has checked the element type.
std::optional<std::int64_t> arrayInt(const MetadataValue& v, std::uint64_t k) {
    const std::byte* p = v.arrayBytes.data() + k * traits(v.elementType).size;
    switch (v.elementType) {
        case ValueType::Uint8: return loadLe<std::uint8_t>(p);
        case ValueType::Int8: return loadLe<std::int8_t>(p);
        case ValueType::Uint16: return loadLe<std::uint16_t>(p);
        case ValueType::Int16: return loadLe<std::int16_t>(p);
        case ValueType::Uint32: return loadLe<std::uint32_t>(p);
        case ValueType::Int32: return loadLe<std::int32_t>(p);
        case ValueType::Int64: return loadLe<std::int64_t>(p);
        case ValueType::Bool: return loadLe<std::uint8_t>(p);
        case ValueType::Uint64: {
            const auto x = loadLe<std::uint64_t>(p);
            if (x > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
            return static_cast<std::int64_t>(x);
        }
        default: return std::nullopt;
    }
}

}  // namespace

std::string_view valueTypeName(ValueType type) { return traits(type).name; }
std::uint32_t ggufValueTypeId(ValueType type) { return traits(type).id; }
std::string_view tensorTypeName(TensorType type) { return traits(type).name; }
std::uint32_t ggmlTypeId(TensorType type) { return traits(type).ggmlId; }
std::uint32_t blockElements(TensorType type) { return traits(type).blockElements; }
std::uint32_t blockBytes(TensorType type) { return traits(type).blockBytes; }

std::optional<TensorType> tensorTypeFromId(std::uint32_t ggmlId) {
    for (const auto& t : kTensorTypes) {
        if (t.ggmlId == ggmlId) return t.type;
    }
    return std::nullopt;
}

bool canDequantize(TensorType type) {
    switch (type) {
        case TensorType::F32:
        case TensorType::F16:
        case TensorType::BF16:
        case TensorType::Q4_0:
        case TensorType::Q4_1:
        case TensorType::Q8_0:
            return true;
        default:
            return false;
    }
}

float halfToFloat(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu;
    std::uint32_t mantissa = h & 0x3ffu;
    std::uint32_t bits = 0;
    if (exponent == 0x1f) {
        bits = sign | 0x7f800000u | (mantissa << 13);  // inf / nan (payload kept)
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign;  // signed zero
    } else {
        // Subnormal half: normalise into a float exponent.
        std::uint32_t e = 113;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            --e;
        }
        bits = sign | (e << 23) | ((mantissa & 0x3ffu) << 13);
    }
    return std::bit_cast<float>(bits);
}

float bfloat16ToFloat(std::uint16_t b) { return std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16); }

Status dequantize(TensorType type, std::span<const std::byte> src, std::span<float> dst) {
    if (!canDequantize(type)) {
        return makeError(ErrorKind::Unsupported, "dequantizing " + std::string(tensorTypeName(type)) +
                                                     " tensors is not supported (supported: F32, F16, BF16, Q4_0, "
                                                     "Q4_1, Q8_0); convert the model with one of those types");
    }
    const std::uint64_t per = blockElements(type);
    if (dst.size() % per != 0) {
        return makeError(ErrorKind::InvalidInput, std::to_string(dst.size()) + " elements are not a whole number of " +
                                                      std::string(tensorTypeName(type)) + " blocks of " +
                                                      std::to_string(per));
    }
    const std::uint64_t blocks = dst.size() / per;
    if (src.size() != blocks * blockBytes(type)) {
        return makeError(ErrorKind::InvalidInput, "dequantizing " + std::to_string(dst.size()) + " " +
                                                      std::string(tensorTypeName(type)) + " values needs " +
                                                      std::to_string(blocks * blockBytes(type)) + " bytes, got " +
                                                      std::to_string(src.size()));
    }
    if (dst.empty()) return {};  // a zero-size tensor (memcpy must not see its null pointers)
    const std::byte* in = src.data();
    float* out = dst.data();
    switch (type) {
        case TensorType::F32:
            std::memcpy(out, in, dst.size() * sizeof(float));
            break;
        case TensorType::F16:
            for (std::size_t k = 0; k < dst.size(); ++k) out[k] = halfToFloat(loadLe<std::uint16_t>(in + 2 * k));
            break;
        case TensorType::BF16:
            for (std::size_t k = 0; k < dst.size(); ++k) out[k] = bfloat16ToFloat(loadLe<std::uint16_t>(in + 2 * k));
            break;
        case TensorType::Q4_0:
            // Block: fp16 d, 16 bytes; low nibbles are elements 0..15, high nibbles 16..31; value = (q - 8) * d.
            for (std::uint64_t b = 0; b < blocks; ++b, in += 18, out += 32) {
                const float d = halfToFloat(loadLe<std::uint16_t>(in));
                for (int j = 0; j < 16; ++j) {
                    const auto q = static_cast<std::uint8_t>(in[2 + j]);
                    out[j] = d * static_cast<float>(static_cast<int>(q & 0x0f) - 8);
                    out[j + 16] = d * static_cast<float>(static_cast<int>(q >> 4) - 8);
                }
            }
            break;
        case TensorType::Q4_1:
            // Block: fp16 d, fp16 m, 16 bytes of nibbles (low = elements 0..15, high = 16..31); value = d*q + m.
            for (std::uint64_t b = 0; b < blocks; ++b, in += 20, out += 32) {
                const float d = halfToFloat(loadLe<std::uint16_t>(in));
                const float m = halfToFloat(loadLe<std::uint16_t>(in + 2));
                for (int j = 0; j < 16; ++j) {
                    const auto q = static_cast<std::uint8_t>(in[4 + j]);
                    out[j] = d * static_cast<float>(q & 0x0f) + m;
                    out[j + 16] = d * static_cast<float>(q >> 4) + m;
                }
            }
            break;
        case TensorType::Q8_0:
            // Block: fp16 d, 32 int8; value = q * d.
            for (std::uint64_t b = 0; b < blocks; ++b, in += 34, out += 32) {
                const float d = halfToFloat(loadLe<std::uint16_t>(in));
                for (int j = 0; j < 32; ++j) out[j] = static_cast<float>(static_cast<std::int8_t>(in[2 + j])) * d;
            }
            break;
        default:
            break;
    }
    return {};
}

Result<GgufFile> GgufFile::open(const std::filesystem::path& path, const ParseLimits& limits) {
    auto mapped = MappedFile::open(path);
    if (!mapped.ok()) return mapped.error();
    GgufFile file;
    file.mapped_.emplace(std::move(mapped).value());
    // The mapping's address survives the move into the optional, so views into it stay valid.
    auto parsed = parse(file.mapped_->bytes(), displayName(path), limits);
    if (!parsed.ok()) return parsed.error();
    GgufFile result = std::move(parsed).value();
    result.mapped_ = std::move(file.mapped_);
    return result;
}

Result<GgufFile> GgufFile::parse(std::span<const std::byte> bytes, std::string sourceName,
                                 const ParseLimits& limits) {
    GgufFile file;
    file.sourceName_ = std::move(sourceName);
    file.bytes_ = bytes;
    const std::string& src = file.sourceName_;
    Cursor cur(bytes, src);

    if (bytes.size() < 4 || loadLe<std::uint32_t>(bytes.data()) != kMagic) {
        return makeError(ErrorKind::InvalidInput,
                         src + " is not a GGUF file: it starts with bytes [" + hexBytes(bytes.first(std::min<std::size_t>(4, bytes.size()))) +
                             "] instead of \"GGUF\"; choose a .gguf model file (for example one made by llama.cpp)");
    }
    std::uint32_t magic = 0;
    OFFSITE_TRY(cur.read(magic, "the magic"));
    OFFSITE_TRY(cur.read(file.version_, "the format version"));
    if (file.version_ != 2 && file.version_ != 3) {
        if ((file.version_ & 0xffffu) == 0 && (file.version_ >> 16) != 0) {
            return makeError(ErrorKind::Unsupported,
                             src + " is a big-endian GGUF file, which is not supported; convert it to little-endian "
                                   "with gguf-convert-endian from the gguf Python package");
        }
        return makeError(ErrorKind::Unsupported,
                         src + " uses GGUF version " + std::to_string(file.version_) +
                             ", but only versions 2 and 3 are supported; re-create the file with a current llama.cpp");
    }
    std::uint64_t tensorCount = 0;
    std::uint64_t kvCount = 0;
    OFFSITE_TRY(cur.read(tensorCount, "the tensor count"));
    OFFSITE_TRY(cur.read(kvCount, "the metadata count"));
    // A tensor info takes at least 8 (name length) + 4 (n_dims) + 8 (one dim) + 4 (type) + 8 (offset) bytes,
    // a metadata entry at least 8 (key length) + 4 (type) + 1 bytes.
    if (tensorCount > limits.maxTensors) {
        return makeError(ErrorKind::LimitExceeded, src + ": the header claims " + std::to_string(tensorCount) +
                                                       " tensors, more than the " + std::to_string(limits.maxTensors) +
                                                       " accepted; " + std::string(kDamaged));
    }
    if (tensorCount > cur.remaining() / 32) {
        return makeError(ErrorKind::InvalidInput, src + ": the header claims " + std::to_string(tensorCount) +
                                                      " tensors, which cannot fit in the " +
                                                      std::to_string(bytes.size()) + "-byte file; " +
                                                      std::string(kDamaged));
    }
    if (kvCount > limits.maxMetadataEntries) {
        return makeError(ErrorKind::LimitExceeded, src + ": the header claims " + std::to_string(kvCount) +
                                                       " metadata entries, more than the " +
                                                       std::to_string(limits.maxMetadataEntries) + " accepted; " +
                                                       std::string(kDamaged));
    }
    if (kvCount > cur.remaining() / 13) {
        return makeError(ErrorKind::InvalidInput, src + ": the header claims " + std::to_string(kvCount) +
                                                      " metadata entries, which cannot fit in the " +
                                                      std::to_string(bytes.size()) + "-byte file; " +
                                                      std::string(kDamaged));
    }

    file.metadata_.reserve(static_cast<std::size_t>(kvCount));
    std::unordered_set<std::string_view> keys;
    for (std::uint64_t k = 0; k < kvCount; ++k) {
        MetadataEntry entry;
        const std::uint64_t at = cur.pos();
        OFFSITE_TRY(cur.readString(entry.key, "metadata key " + std::to_string(k), limits.maxStringBytes));
        if (!keys.insert(entry.key).second) {
            return makeError(ErrorKind::InvalidInput, src + ": metadata key \"" + printable(entry.key) + "\" at byte " +
                                                          std::to_string(at) + " appears twice; " +
                                                          std::string(kDamaged));
        }
        const std::string what = "metadata \"" + printable(entry.key) + "\"";
        OFFSITE_ASSIGN_OR_RETURN(const ValueType type, readValueType(cur, what, src));
        OFFSITE_TRY(readValue(cur, type, entry.value, what, src, limits));
        file.metadata_.push_back(std::move(entry));
    }

    if (const MetadataValue* align = file.find("general.alignment")) {
        if (align->type != ValueType::Uint32 || align->u == 0 || (align->u & (align->u - 1)) != 0 ||
            align->u > kMaxAlignment) {
            return makeError(ErrorKind::InvalidInput,
                             src + ": general.alignment must be a uint32 power of two up to " +
                                 std::to_string(kMaxAlignment) + "; " + std::string(kDamaged));
        }
        file.alignment_ = align->u;
    } else {
        file.alignment_ = kDefaultAlignment;
    }

    file.tensors_.reserve(static_cast<std::size_t>(tensorCount));
    std::unordered_set<std::string_view> names;
    for (std::uint64_t k = 0; k < tensorCount; ++k) {
        TensorInfo t;
        const std::string index = "tensor " + std::to_string(k);
        OFFSITE_TRY(cur.readString(t.name, index + " name", limits.maxStringBytes));
        const std::string what = "tensor \"" + printable(t.name) + "\"";
        if (!names.insert(t.name).second) {
            return makeError(ErrorKind::InvalidInput, src + ": " + what + " appears twice; " + std::string(kDamaged));
        }
        std::uint32_t nDims = 0;
        OFFSITE_TRY(cur.read(nDims, what + " (number of dimensions)"));
        if (nDims == 0 || nDims > kMaxDims) {
            return makeError(ErrorKind::InvalidInput, src + ": " + what + " has " + std::to_string(nDims) +
                                                          " dimensions (1 to 4 are valid); " + std::string(kDamaged));
        }
        t.dims.resize(nDims);
        t.elementCount = 1;
        for (std::uint32_t d = 0; d < nDims; ++d) {
            OFFSITE_TRY(cur.read(t.dims[d], what + " (dimension)"));
            if (t.dims[d] > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ||
                mulOverflows(t.elementCount, t.dims[d], t.elementCount) ||
                t.elementCount > limits.maxTensorElements) {
                return makeError(ErrorKind::LimitExceeded, src + ": " + what + " has absurd dimensions (" +
                                                               std::to_string(t.dims[d]) + " in dimension " +
                                                               std::to_string(d) + "); " + std::string(kDamaged));
            }
        }
        std::uint32_t typeId = 0;
        OFFSITE_TRY(cur.read(typeId, what + " (type)"));
        const auto type = tensorTypeFromId(typeId);
        if (!type) {
            return makeError(ErrorKind::Unsupported, src + ": " + what + " has unknown tensor type id " +
                                                         std::to_string(typeId) +
                                                         "; the file is damaged or was written by a newer llama.cpp");
        }
        t.type = *type;
        if (t.dims[0] % blockElements(t.type) != 0) {
            return makeError(ErrorKind::InvalidInput,
                             src + ": " + what + " has " + std::to_string(t.dims[0]) + " columns, not a multiple of the " +
                                 std::to_string(blockElements(t.type)) + "-element " +
                                 std::string(tensorTypeName(t.type)) + " block; " + std::string(kDamaged));
        }
        // elementCount <= 2^40 and blockBytes <= 300, so this cannot overflow; checked anyway.
        if (mulOverflows(t.elementCount / blockElements(t.type), blockBytes(t.type), t.byteSize)) {
            return makeError(ErrorKind::LimitExceeded, src + ": " + what + " is too large; " + std::string(kDamaged));
        }
        OFFSITE_TRY(cur.read(t.offset, what + " (data offset)"));
        if (t.offset % file.alignment_ != 0) {
            return makeError(ErrorKind::InvalidInput, src + ": " + what + " data offset " + std::to_string(t.offset) +
                                                          " is not a multiple of the alignment " +
                                                          std::to_string(file.alignment_) + "; " +
                                                          std::string(kDamaged));
        }
        file.tensors_.push_back(std::move(t));
    }

    // Tensor data starts at the next multiple of the alignment after the header.
    const std::uint64_t headerEnd = cur.pos();
    file.dataOffset_ = (headerEnd + file.alignment_ - 1) / file.alignment_ * file.alignment_;
    for (const TensorInfo& t : file.tensors_) {
        std::uint64_t begin = 0;
        std::uint64_t end = 0;
        if (addOverflows(file.dataOffset_, t.offset, begin) || addOverflows(begin, t.byteSize, end) ||
            end > bytes.size()) {
            return makeError(ErrorKind::InvalidInput,
                             src + ": the data of tensor \"" + printable(t.name) + "\" (" + std::to_string(t.byteSize) +
                                 " bytes at offset " + std::to_string(t.offset) + " after the header) lies outside the " +
                                 std::to_string(bytes.size()) + "-byte file; the file is truncated or damaged, " +
                                 "download or copy it again");
        }
    }
    return file;
}

const MetadataValue* GgufFile::find(std::string_view key) const {
    for (const auto& entry : metadata_) {
        if (entry.key == key) return &entry.value;
    }
    return nullptr;
}

namespace {

Error missingKey(const std::string& source, std::string_view key) {
    return makeError(ErrorKind::NotFound, source + " has no metadata \"" + std::string(key) +
                                              "\"; the model was probably not exported by llama.cpp's converter");
}

Error wrongType(const std::string& source, std::string_view key, const MetadataValue& v, std::string_view expected) {
    std::string actual(valueTypeName(v.type));
    if (v.type == ValueType::Array) actual = "array of " + std::string(valueTypeName(v.elementType));
    return makeError(ErrorKind::InvalidInput, source + ": metadata \"" + std::string(key) + "\" is a " + actual +
                                                  ", expected " + std::string(expected));
}

}  // namespace

Result<std::uint64_t> GgufFile::getUint(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (isUnsignedInt(v->type)) return v->u;
    if (isSignedInt(v->type)) {
        if (v->i < 0) {
            return makeError(ErrorKind::InvalidInput, sourceName_ + ": metadata \"" + std::string(key) + "\" is " +
                                                          std::to_string(v->i) + ", expected a non-negative integer");
        }
        return static_cast<std::uint64_t>(v->i);
    }
    return wrongType(sourceName_, key, *v, "an integer");
}

Result<std::int64_t> GgufFile::getInt(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (isSignedInt(v->type)) return v->i;
    if (isUnsignedInt(v->type)) {
        if (v->u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return makeError(ErrorKind::InvalidInput, sourceName_ + ": metadata \"" + std::string(key) +
                                                          "\" is too large for a signed 64-bit integer");
        }
        return static_cast<std::int64_t>(v->u);
    }
    return wrongType(sourceName_, key, *v, "an integer");
}

Result<double> GgufFile::getFloat(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (isFloat(v->type)) return v->f;
    return wrongType(sourceName_, key, *v, "a float");
}

Result<bool> GgufFile::getBool(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (v->type == ValueType::Bool) return v->u != 0;
    return wrongType(sourceName_, key, *v, "a bool");
}

Result<std::string_view> GgufFile::getString(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (v->type == ValueType::String) return v->s;
    return wrongType(sourceName_, key, *v, "a string");
}

Result<std::vector<std::string_view>> GgufFile::getStringArray(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (v->type == ValueType::Array && v->elementType == ValueType::String) return v->strings;
    return wrongType(sourceName_, key, *v, "an array of strings");
}

Result<std::vector<std::int64_t>> GgufFile::getIntArray(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (v->type != ValueType::Array || !(isSignedInt(v->elementType) || isUnsignedInt(v->elementType))) {
        return wrongType(sourceName_, key, *v, "an array of integers");
    }
    std::vector<std::int64_t> out;
    out.reserve(static_cast<std::size_t>(v->count));
    for (std::uint64_t k = 0; k < v->count; ++k) {
        auto x = arrayInt(*v, k);
        if (!x) {
            return makeError(ErrorKind::InvalidInput, sourceName_ + ": metadata \"" + std::string(key) + "\" element " +
                                                          std::to_string(k) + " is too large for a signed 64-bit integer");
        }
        out.push_back(*x);
    }
    return out;
}

Result<std::vector<double>> GgufFile::getFloatArray(std::string_view key) const {
    const MetadataValue* v = find(key);
    if (!v) return missingKey(sourceName_, key);
    if (v->type != ValueType::Array || !isFloat(v->elementType)) {
        return wrongType(sourceName_, key, *v, "an array of floats");
    }
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(v->count));
    const std::size_t size = traits(v->elementType).size;
    for (std::uint64_t k = 0; k < v->count; ++k) {
        const std::byte* p = v->arrayBytes.data() + k * size;
        out.push_back(v->elementType == ValueType::Float32 ? static_cast<double>(loadLe<float>(p)) : loadLe<double>(p));
    }
    return out;
}

const TensorInfo* GgufFile::findTensor(std::string_view name) const {
    for (const auto& t : tensors_) {
        if (t.name == name) return &t;
    }
    return nullptr;
}

std::span<const std::byte> GgufFile::tensorBytes(const TensorInfo& tensor) const {
    return bytes_.subspan(static_cast<std::size_t>(dataOffset_ + tensor.offset), static_cast<std::size_t>(tensor.byteSize));
}

Status GgufFile::dequantize(const TensorInfo& tensor, std::span<float> out) const {
    if (out.size() != tensor.elementCount) {
        return makeError(ErrorKind::InvalidInput, "tensor \"" + printable(tensor.name) + "\" has " +
                                                      std::to_string(tensor.elementCount) +
                                                      " elements but the output buffer holds " +
                                                      std::to_string(out.size()));
    }
    auto status = gguf::dequantize(tensor.type, tensorBytes(tensor), out);
    if (!status.ok()) return status.error().withContext(sourceName_ + ", tensor \"" + printable(tensor.name) + "\"");
    return {};
}

}  // namespace offsite::gguf
