// GGUF reader: metadata of every type and dequantization of every supported tensor type against values the
// Python gguf package computed (tests/data/gguf/make_fixtures.py), plus one committed fixture per kind of
// damaged file with the message it must produce.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/file_io.h"
#include "core/gguf/gguf_reader.h"
#include "core/json/json.h"

namespace offsite::gguf {
namespace {

const std::filesystem::path kData = std::filesystem::path(OFFSITE_TEST_DATA) / "gguf";

json::Value loadJson(const std::filesystem::path& path) {
    auto text = readFile(path, 1u << 24);
    EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().message);
    auto value = json::parse(text.ok() ? *text : std::string("null"));
    EXPECT_TRUE(value.ok());
    return value.ok() ? *value : json::Value();
}

TEST(GgufReader, ReadsMetadataOfEveryType) {
    auto file = GgufFile::open(kData / "tiny.gguf");
    ASSERT_TRUE(file.ok()) << file.error().message;
    EXPECT_EQ(file->version(), 3u);
    EXPECT_EQ(file->alignment(), 32u);
    EXPECT_EQ(*file->getString("general.architecture"), "tiny");
    EXPECT_EQ(*file->getUint("test.u8"), 200u);
    EXPECT_EQ(*file->getInt("test.i8"), -100);
    EXPECT_EQ(*file->getUint("test.u16"), 60000u);
    EXPECT_EQ(*file->getInt("test.i16"), -30000);
    EXPECT_EQ(*file->getUint("test.u32"), 4000000000u);
    EXPECT_EQ(*file->getInt("test.i32"), -2000000000);
    EXPECT_EQ(*file->getFloat("test.f32"), 0.125);
    EXPECT_EQ(*file->getBool("test.bool"), true);
    EXPECT_EQ(*file->getString("test.string"), "h\xc3\xa9llo GGUF");
    EXPECT_EQ(*file->getUint("test.u64"), (1ull << 63) + 5);
    EXPECT_EQ(*file->getInt("test.i64"), -(1ll << 40));
    EXPECT_EQ(*file->getFloat("test.f64"), 3.141592653589793);
    EXPECT_EQ(*file->getIntArray("test.array_i32"), (std::vector<std::int64_t>{1, -2, 3}));
    EXPECT_EQ(*file->getStringArray("test.array_str"), (std::vector<std::string_view>{"a", "bc", ""}));
    EXPECT_EQ(*file->getFloatArray("test.array_f32"), (std::vector<double>{0.5, -1.5}));
    EXPECT_EQ(file->find("test.u8")->type, ValueType::Uint8);
    EXPECT_EQ(file->find("test.array_str")->elementType, ValueType::String);
}

TEST(GgufReader, TypedAccessReportsMissingAndMistypedKeys) {
    auto file = GgufFile::open(kData / "tiny.gguf");
    ASSERT_TRUE(file.ok());
    auto missing = file->getUint("llama.block_count");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
    EXPECT_NE(missing.error().message.find("llama.block_count"), std::string::npos);
    auto mistyped = file->getUint("test.string");
    ASSERT_FALSE(mistyped.ok());
    EXPECT_EQ(mistyped.error().kind, ErrorKind::InvalidInput);
    EXPECT_NE(mistyped.error().message.find("is a string, expected an integer"), std::string::npos);
    EXPECT_FALSE(file->getUint("test.i8").ok());            // negative
    EXPECT_FALSE(file->getInt("test.u64").ok());            // > INT64_MAX
    EXPECT_FALSE(file->getStringArray("test.array_i32").ok());
}

TEST(GgufReader, DequantizesEveryTypeLikeThePythonGgufPackage) {
    auto file = GgufFile::open(kData / "tiny.gguf");
    ASSERT_TRUE(file.ok()) << file.error().message;
    const json::Value expected = loadJson(kData / "tiny_expected.json");
    const auto& tensors = expected.find("tensors")->items();
    ASSERT_EQ(tensors.size(), file->tensors().size());
    for (const auto& e : tensors) {
        const std::string name = *e.find("name")->asString();
        SCOPED_TRACE(name);
        const TensorInfo* t = file->findTensor(name);
        ASSERT_NE(t, nullptr);
        EXPECT_EQ(tensorTypeName(t->type), *e.find("type")->asString());
        std::vector<std::uint64_t> shape;
        for (const auto& d : e.find("shape")->items()) shape.push_back(*d.asUint64());
        EXPECT_EQ(t->hfShape(), shape);
        const auto& values = e.find("values")->items();
        ASSERT_EQ(t->elementCount, values.size());
        std::vector<float> out(values.size());
        ASSERT_TRUE(file->dequantize(*t, out).ok());
        for (std::size_t k = 0; k < values.size(); ++k) {
            const float want = static_cast<float>(*values[k].asDouble());
            // Bit-exact: the arithmetic is the same as numpy's float32.
            ASSERT_EQ(std::bit_cast<std::uint32_t>(out[k]), std::bit_cast<std::uint32_t>(want))
                << "element " << k << ": " << out[k] << " vs " << want;
        }
    }
}

TEST(GgufReader, ParsesFromMemoryAndRejectsWrongBufferSizes) {
    auto bytes = readFile(kData / "tiny.gguf", 1u << 20);
    ASSERT_TRUE(bytes.ok());
    auto file = GgufFile::parse(std::as_bytes(std::span(bytes->data(), bytes->size())), "tiny.gguf");
    ASSERT_TRUE(file.ok()) << file.error().message;
    const TensorInfo* t = file->findTensor("t_q4_1");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->dims, (std::vector<std::uint64_t>{64, 3}));
    EXPECT_EQ(t->byteSize, 3u * 2u * 20u);
    std::vector<float> tooSmall(t->elementCount - 1);
    EXPECT_FALSE(file->dequantize(*t, tooSmall).ok());
}

TEST(GgufReader, EveryTruncationOfAValidFileIsRejectedCleanly) {
    auto bytes = readFile(kData / "tiny.gguf", 1u << 20);
    ASSERT_TRUE(bytes.ok());
    const auto all = std::as_bytes(std::span(bytes->data(), bytes->size()));
    auto whole = GgufFile::parse(all, "tiny.gguf");
    ASSERT_TRUE(whole.ok());
    std::uint64_t end = 0;  // the last byte any tensor uses; only padding follows
    for (const auto& t : whole->tensors()) end = std::max(end, whole->dataOffset() + t.offset + t.byteSize);
    for (std::size_t n = 0; n < end; ++n) {
        // Copy so that AddressSanitizer sees reads past the prefix.
        std::vector<std::byte> prefix(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        auto file = GgufFile::parse(prefix, "cut.gguf");
        ASSERT_FALSE(file.ok()) << "prefix of " << n << " bytes was accepted";
        EXPECT_TRUE(file.error().kind == ErrorKind::InvalidInput || file.error().kind == ErrorKind::LimitExceeded)
            << n << ": " << file.error().message;
    }
}

TEST(GgufReader, HalfAndBfloat16Conversion) {
    EXPECT_EQ(halfToFloat(0x3c00), 1.0f);
    EXPECT_EQ(halfToFloat(0xc000), -2.0f);
    EXPECT_EQ(halfToFloat(0x7bff), 65504.0f);
    EXPECT_EQ(halfToFloat(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
    EXPECT_EQ(halfToFloat(0x03ff), std::ldexp(1023.0f, -24));  // largest subnormal
    EXPECT_EQ(std::bit_cast<std::uint32_t>(halfToFloat(0x8000)), 0x80000000u);
    EXPECT_TRUE(std::isinf(halfToFloat(0x7c00)));
    EXPECT_TRUE(std::isnan(halfToFloat(0x7e00)));
    EXPECT_EQ(bfloat16ToFloat(0x3f80), 1.0f);
    EXPECT_EQ(bfloat16ToFloat(0xc040), -3.0f);
}

TEST(GgufReader, Q4_1BlockLayoutByHand) {
    // d = 0.5, m = -1; byte j holds element j (low nibble) and element j + 16 (high nibble).
    std::vector<std::byte> block(20);
    const std::uint16_t d = 0x3800;  // 0.5
    const std::uint16_t m = 0xbc00;  // -1.0
    std::memcpy(block.data(), &d, 2);
    std::memcpy(block.data() + 2, &m, 2);
    for (int j = 0; j < 16; ++j) block[4 + j] = static_cast<std::byte>((15 - j) << 4 | j);
    std::vector<float> out(32);
    ASSERT_TRUE(dequantize(TensorType::Q4_1, block, out).ok());
    for (int j = 0; j < 16; ++j) {
        EXPECT_EQ(out[j], 0.5f * static_cast<float>(j) - 1.0f);
        EXPECT_EQ(out[j + 16], 0.5f * static_cast<float>(15 - j) - 1.0f);
    }
    EXPECT_TRUE(dequantize(TensorType::F32, std::span<const std::byte>(), std::span<float>()).ok());  // empty
    auto unsupported = dequantize(TensorType::Q4_K, std::span<const std::byte>(), std::span<float>());
    ASSERT_FALSE(unsupported.ok());
    EXPECT_EQ(unsupported.error().kind, ErrorKind::Unsupported);
}

struct BrokenCase {
    const char* file;
    ErrorKind kind;
    const char* message;
};

class GgufBrokenFile : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(GgufBrokenFile, IsRejectedWithAnActionableMessage) {
    const BrokenCase& c = GetParam();
    auto file = GgufFile::open(kData / "broken" / c.file);
    ASSERT_FALSE(file.ok()) << c.file << " was accepted";
    EXPECT_EQ(file.error().kind, c.kind) << file.error().message;
    EXPECT_NE(file.error().message.find(c.message), std::string::npos) << file.error().message;
    EXPECT_NE(file.error().message.find(c.file), std::string::npos) << "message does not name the file";
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, GgufBrokenFile,
    ::testing::Values(
        BrokenCase{"bad_magic.gguf", ErrorKind::InvalidInput, "is not a GGUF file: it starts with bytes [47 47 4D 4C]"},
        BrokenCase{"empty.gguf", ErrorKind::InvalidInput, "is not a GGUF file"},
        BrokenCase{"version1.gguf", ErrorKind::Unsupported, "uses GGUF version 1, but only versions 2 and 3"},
        BrokenCase{"big_endian.gguf", ErrorKind::Unsupported, "big-endian GGUF file"},
        BrokenCase{"truncated_header.gguf", ErrorKind::InvalidInput, "is truncated: reading the tensor count at byte 8"},
        BrokenCase{"absurd_tensor_count.gguf", ErrorKind::LimitExceeded, "claims 4611686018427387904 tensors"},
        BrokenCase{"tensor_count_exceeds_file.gguf", ErrorKind::InvalidInput, "1000 tensors, which cannot fit"},
        BrokenCase{"absurd_kv_count.gguf", ErrorKind::LimitExceeded, "metadata entries, more than the"},
        BrokenCase{"absurd_string_length.gguf", ErrorKind::InvalidInput,
                   "metadata key 0 at byte 24 claims 18446744073709551615 bytes but only 32 remain"},
        BrokenCase{"absurd_array_length.gguf", ErrorKind::LimitExceeded,
                   "claims 1099511627776 elements, more than the 67108864 accepted"},
        BrokenCase{"nested_array.gguf", ErrorKind::Unsupported, "array of arrays"},
        BrokenCase{"unknown_value_type.gguf", ErrorKind::Unsupported, "unknown value type id 77"},
        BrokenCase{"bad_bool.gguf", ErrorKind::InvalidInput, "is a bool with value 2"},
        BrokenCase{"duplicate_key.gguf", ErrorKind::InvalidInput, "metadata key \"a.b\" at byte 43 appears twice"},
        BrokenCase{"bad_alignment.gguf", ErrorKind::InvalidInput, "general.alignment must be a uint32 power of two"},
        BrokenCase{"truncated_metadata.gguf", ErrorKind::InvalidInput,
                   "is truncated: reading metadata \"bbbb\" at byte 57 needs 4 bytes but only 2 remain"},
        BrokenCase{"unknown_tensor_type.gguf", ErrorKind::Unsupported, "tensor \"w\" has unknown tensor type id 99"},
        BrokenCase{"too_many_dims.gguf", ErrorKind::InvalidInput, "has 5 dimensions (1 to 4 are valid)"},
        BrokenCase{"dims_overflow.gguf", ErrorKind::LimitExceeded, "has absurd dimensions"},
        BrokenCase{"block_mismatch.gguf", ErrorKind::InvalidInput, "33 columns, not a multiple of the 32-element Q4_1"},
        BrokenCase{"misaligned_offset.gguf", ErrorKind::InvalidInput, "offset 16 is not a multiple of the alignment 32"},
        BrokenCase{"duplicate_tensor.gguf", ErrorKind::InvalidInput, "tensor \"w\" appears twice"},
        BrokenCase{"tensor_data_out_of_range.gguf", ErrorKind::InvalidInput,
                   "the data of tensor \"w\" (4000 bytes at offset 0 after the header) lies outside the 80-byte file"},
        BrokenCase{"tensor_offset_overflow.gguf", ErrorKind::InvalidInput, "lies outside the 80-byte file"}),
    [](const ::testing::TestParamInfo<BrokenCase>& param) {
        std::string name = param.param.file;
        name = name.substr(0, name.find('.'));
        return name;
    });

}  // namespace
}  // namespace offsite::gguf
