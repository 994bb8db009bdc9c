// Tests for the strict safetensors reader, the writer and sharded model folders. Every broken-file
// case is a committed fixture (tests/data/safetensors, made by make_broken.py) with its expected message.
#include "core/safetensors/safetensors.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/file_io.h"
#include "core/safetensors/index.h"

namespace offsite::safetensors {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(OFFSITE_TEST_DATA) / "safetensors";

std::span<const std::byte> asBytes(std::string_view s) {
    return std::as_bytes(std::span<const char>(s.data(), s.size()));
}

std::string bytesToString(std::span<const std::byte> b) {
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

std::string withLength(std::string_view header, std::string_view data = {}) {
    std::string out(8, '\0');
    const std::uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xFF);
    out += header;
    out += data;
    return out;
}

struct BrokenCase {
    const char* file;
    const char* expected;  // a distinctive part of the message
    ErrorKind kind;
};

void PrintTo(const BrokenCase& c, std::ostream* os) {
    *os << c.file;
}

class BrokenFileTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenFileTest, IsRefusedWithSpecificMessage) {
    const BrokenCase& c = GetParam();
    const fs::path path = kData / (std::string(c.file) + ".safetensors");
    ASSERT_TRUE(fs::exists(path)) << path;
    auto r = File::open(path);
    ASSERT_FALSE(r.ok()) << c.file << " was accepted";
    const std::string& msg = r.error().message;
    EXPECT_NE(msg.find(c.expected), std::string::npos) << "message: " << msg << "\nexpected: " << c.expected;
    EXPECT_EQ(msg.rfind(std::string(c.file) + ".safetensors: ", 0), 0u)
        << "message must name the file: " << msg;
    EXPECT_EQ(r.error().kind, c.kind) << msg;

    // The same bytes through parseHeader (what the fuzzer calls) give the same verdict.
    auto content = readFile(path, 1u << 20);
    ASSERT_TRUE(content.ok());
    auto h = parseHeader(asBytes(*content), content->size(), {}, std::string(c.file) + ".safetensors");
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.error().message, msg);
}

constexpr ErrorKind kInvalid = ErrorKind::InvalidInput;

INSTANTIATE_TEST_SUITE_P(
    Reference, BrokenFileTest,
    ::testing::Values(
        BrokenCase{"broken_header_too_large", "(header too large)", ErrorKind::LimitExceeded},
        BrokenCase{"broken_header_too_small", "is 0 bytes, too small to be a safetensors file", kInvalid},
        BrokenCase{"broken_invalid_header_length",
                   "says 60 bytes but only 0 bytes follow it (invalid header length)", kInvalid},
        BrokenCase{"broken_non_utf8", "the header is not valid UTF-8", kInvalid},
        BrokenCase{"broken_not_json", "the header is not valid JSON", kInvalid},
        BrokenCase{
            "broken_invalid_info",
            "tensor \"test\" has dtype I32 and shape [2, 2], which need 16 bytes, but its data_offsets "
            "[0, 4] cover 4 bytes (invalid tensor info)",
            kInvalid},
        BrokenCase{"broken_shape_overflow",
                   "has shape [2, 18446744073709551614] whose size overflows 64 bits", kInvalid},
        BrokenCase{"broken_shape_overflow_bytes", "has shape [2, 9223372036854775807] whose size overflows",
                   kInvalid},
        BrokenCase{"broken_polyglot",
                   "the file has 34 bytes after the last tensor's data that no tensor uses", kInvalid},
        BrokenCase{"broken_missing_2_bytes",
                   "the header says tensor \"test\" ends at byte 16 but the file's data section has only 14 "
                   "bytes (incomplete buffer); the file is truncated or damaged — copy it again",
                   kInvalid},
        BrokenCase{"broken_json_attack", "use the same bytes [0, 16) (aliased tensors)", kInvalid}));

INSTANTIATE_TEST_SUITE_P(
    Strict, BrokenFileTest,
    ::testing::Values(
        BrokenCase{"broken_duplicate_key", "duplicate key \"test\"", kInvalid},
        BrokenCase{"broken_alias", "tensors \"a\" and \"b\" use the same bytes [0, 16)", kInvalid},
        BrokenCase{"broken_gap",
                   "bytes 16 to 20 of the data section (after tensor \"a\", before tensor \"b\") "
                   "belong to no tensor (a gap)",
                   kInvalid},
        BrokenCase{"broken_gap_at_start",
                   "bytes 0 to 4 of the data section (after the start of the data section", kInvalid},
        BrokenCase{"broken_overlap",
                   "tensor \"b\" starts at byte 8, inside tensor \"a\" [0, 16) (overlapping", kInvalid},
        BrokenCase{"broken_unknown_dtype", "tensor \"t\" has the unknown dtype \"X99\"; supported dtypes are",
                   ErrorKind::Unsupported},
        BrokenCase{"broken_negative_offset", "has a data_offsets entry that is negative (-16)", kInvalid},
        BrokenCase{"broken_float_offset", "has a data_offsets entry that is not a whole number (16.0)",
                   kInvalid},
        BrokenCase{"broken_negative_shape", "has a shape entry that is negative (-4)", kInvalid},
        BrokenCase{"broken_header_length_2_63", "says 9223372036854775808 bytes, more than the limit",
                   ErrorKind::LimitExceeded},
        BrokenCase{"broken_metadata_not_string", "\"__metadata__\" entry \"format\" is not text", kInvalid},
        BrokenCase{"broken_leading_space", "does not begin with '{'", kInvalid},
        BrokenCase{"broken_unknown_field", "has an unknown field \"offset\"", kInvalid},
        BrokenCase{"broken_end_before_begin", "data_offsets [16, 0] that end before they begin", kInvalid},
        BrokenCase{"broken_header_not_object", "does not begin with '{'", kInvalid},
        BrokenCase{"broken_pickle", "looks like a PyTorch pickle checkpoint", ErrorKind::Unsupported},
        BrokenCase{"broken_zip", "looks like a PyTorch zip checkpoint", ErrorKind::Unsupported},
        BrokenCase{"broken_torch_zip", "can run arbitrary code; convert it to safetensors",
                   ErrorKind::Unsupported},
        BrokenCase{"broken_torch_legacy", "looks like a PyTorch pickle checkpoint", ErrorKind::Unsupported}));

TEST(SafetensorsRead, ZeroSizeTensor) {
    auto f = File::open(kData / "zero_size.safetensors");
    ASSERT_TRUE(f.ok()) << f.error().message;
    ASSERT_EQ(f->tensors().size(), 1u);
    const TensorInfo* t = f->find("test");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->dtype, DType::I32);
    EXPECT_EQ(t->shape, (std::vector<std::int64_t>{2, 0}));
    EXPECT_EQ(t->numel(), 0);
    EXPECT_TRUE(f->bytes(*t).empty());
    EXPECT_EQ(f->header().dataBytes, 0u);
}

TEST(SafetensorsRead, WhitespacePaddedUnalignedHeader) {
    auto f = File::open(kData / "whitespace_padded.safetensors");
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_TRUE(f->tensors().empty());
    EXPECT_EQ(f->header().headerBytes, 6u);
    EXPECT_FALSE(f->header().dataAligned());  // readers must copy before an aligned view
}

TEST(SafetensorsRead, HeaderAtExactlyTheLimitAndOneOver) {
    const fs::path path = kData / "header_64_bytes.safetensors";
    EXPECT_TRUE(File::open(path, Limits{64, 16}).ok());
    auto over = File::open(path, Limits{63, 16});
    ASSERT_FALSE(over.ok());
    EXPECT_NE(over.error().message.find("says 64 bytes, more than the limit of 63 bytes"), std::string::npos)
        << over.error().message;
}

TEST(SafetensorsRead, DefaultLimitIsSixteenMiBExactly) {
    const std::uint64_t limit = Limits{}.maxHeaderBytes;
    ASSERT_EQ(limit, 16u << 20);
    std::string header = "{}";
    header.resize(limit, ' ');
    const std::string file = withLength(header);
    EXPECT_TRUE(parseHeader(asBytes(file), file.size()).ok());

    // One byte over: refused from the length field alone, before the header is read or allocated.
    std::string lengthOnly = withLength("");
    const std::uint64_t n = limit + 1;
    for (int i = 0; i < 8; ++i)
        lengthOnly[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xFF);
    auto r = parseHeader(asBytes(lengthOnly), 8 + n);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::LimitExceeded);
}

TEST(SafetensorsRead, TooManyTensors) {
    const std::string header =
        R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},)"
        R"("b":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})";
    const std::string file = withLength(header, "xy");
    EXPECT_TRUE(parseHeader(asBytes(file), file.size()).ok());
    auto r = parseHeader(asBytes(file), file.size(), Limits{1u << 20, 1}, "m.safetensors");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("more than 1 tensors"), std::string::npos) << r.error().message;
}

TEST(SafetensorsRead, ShortFilesAndPicklesBySize) {
    for (std::size_t size = 0; size < 8; ++size) {
        const std::string file(size, '\0');
        auto r = parseHeader(asBytes(file), file.size());
        ASSERT_FALSE(r.ok());
        EXPECT_NE(r.error().message.find("too small"), std::string::npos);
    }
    // A valid file whose header length starts with 0x80 must not be mistaken for a pickle.
    std::string header = R"({"t":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}})";
    header.resize(0x80, ' ');
    const std::string file = withLength(header, "z");
    ASSERT_EQ(static_cast<unsigned char>(file[0]), 0x80);
    auto r = parseHeader(asBytes(file), file.size());
    EXPECT_TRUE(r.ok()) << r.error().message;
}

TEST(SafetensorsRead, RefusesPickleExtensionsAndMissingFiles) {
    auto r = File::open(kData / "pytorch_model.bin");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("by its .bin extension"), std::string::npos) << r.error().message;
    auto missing = File::open(kData / "missing.safetensors");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST(SafetensorsDType, NamesAndSizes) {
    EXPECT_EQ(dtypeName(DType::BF16), "BF16");
    EXPECT_EQ(dtypeName(DType::Bool), "BOOL");
    EXPECT_EQ(dtypeSize(DType::F64), 8u);
    EXPECT_EQ(dtypeSize(DType::F16), 2u);
    EXPECT_EQ(dtypeSize(DType::F8_E4M3), 1u);
    EXPECT_EQ(parseDType("F8_E5M2"), DType::F8_E5M2);
    EXPECT_EQ(parseDType("f32"), std::nullopt);
    EXPECT_EQ(parseDType("X99"), std::nullopt);
    for (int i = static_cast<int>(DType::F64); i <= static_cast<int>(DType::U64); ++i) {
        const auto d = static_cast<DType>(i);
        EXPECT_EQ(parseDType(dtypeName(d)), d);
    }
}

// Values written by make_broken.py with the Python safetensors package and torch.
TEST(SafetensorsInterop, ReadsPythonWrittenFileExactly) {
    auto f = File::open(kData / "reference_py.safetensors");
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_TRUE(f->header().dataAligned());
    ASSERT_EQ(f->tensors().size(), 5u);

    const TensorInfo* f32 = f->find("f32");
    ASSERT_NE(f32, nullptr);
    EXPECT_EQ(f32->dtype, DType::F32);
    EXPECT_EQ(f32->shape, (std::vector<std::int64_t>{2, 3}));
    const float f32Expected[] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.5f};
    ASSERT_EQ(f->bytes(*f32).size(), sizeof(f32Expected));
    EXPECT_EQ(std::memcmp(f->bytes(*f32).data(), f32Expected, sizeof(f32Expected)), 0);

    const TensorInfo* f16 = f->find("f16");
    ASSERT_NE(f16, nullptr);
    EXPECT_EQ(f16->dtype, DType::F16);
    EXPECT_EQ(f16->shape, (std::vector<std::int64_t>{4}));
    const std::uint16_t f16Expected[] = {0x3C00, 0xC000, 0x3800, 0x7BFF};  // 1, -2, 0.5, 65504
    ASSERT_EQ(f->bytes(*f16).size(), sizeof(f16Expected));
    EXPECT_EQ(std::memcmp(f->bytes(*f16).data(), f16Expected, sizeof(f16Expected)), 0);

    const TensorInfo* bf16 = f->find("bf16");
    ASSERT_NE(bf16, nullptr);
    EXPECT_EQ(bf16->dtype, DType::BF16);
    EXPECT_EQ(bf16->shape, (std::vector<std::int64_t>{2, 2}));
    const std::uint16_t bf16Expected[] = {0x3F80, 0xBFC0, 0x4040, 0x0000};  // 1, -1.5, 3, 0
    ASSERT_EQ(f->bytes(*bf16).size(), sizeof(bf16Expected));
    EXPECT_EQ(std::memcmp(f->bytes(*bf16).data(), bf16Expected, sizeof(bf16Expected)), 0);

    const TensorInfo* i64 = f->find("i64");
    ASSERT_NE(i64, nullptr);
    EXPECT_EQ(i64->dtype, DType::I64);
    const std::int64_t i64Expected[] = {-1, 0, std::int64_t{1} << 40};
    ASSERT_EQ(f->bytes(*i64).size(), sizeof(i64Expected));
    EXPECT_EQ(std::memcmp(f->bytes(*i64).data(), i64Expected, sizeof(i64Expected)), 0);

    const TensorInfo* empty = f->find("empty");
    ASSERT_NE(empty, nullptr);
    EXPECT_EQ(empty->shape, (std::vector<std::int64_t>{0, 3}));
    EXPECT_TRUE(f->bytes(*empty).empty());

    const Metadata& meta = f->metadata();
    ASSERT_EQ(meta.size(), 2u);
    bool sawFormat = false;
    bool sawNote = false;
    for (const auto& [k, v] : meta) {
        if (k == "format") sawFormat = v == "pt";
        if (k == "note") sawNote = v == "h\xC3\xA9llo";
    }
    EXPECT_TRUE(sawFormat);
    EXPECT_TRUE(sawNote);
    EXPECT_EQ(f->find("missing"), nullptr);
}

// Our writer lays files out exactly like the reference writer: same header text, padding and order.
TEST(SafetensorsInterop, WriterMatchesPythonBytes) {
    auto py = readFile(kData / "reference_py_plain.safetensors", 1u << 20);
    ASSERT_TRUE(py.ok()) << py.error().message;
    auto f = File::open(kData / "reference_py_plain.safetensors");
    ASSERT_TRUE(f.ok()) << f.error().message;
    std::vector<TensorView> views;
    // Given in name order reversed, to show the writer orders them itself.
    for (auto it = f->tensors().rbegin(); it != f->tensors().rend(); ++it) {
        views.push_back(TensorView{it->name, it->dtype, it->shape, f->bytes(*it)});
    }
    auto ours = serialize(views);
    ASSERT_TRUE(ours.ok()) << ours.error().message;
    EXPECT_EQ(*ours, *py);
}

class SafetensorsWriteTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("offsite_st_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(SafetensorsWriteTest, RoundTripWithMetadata) {
    const float a[] = {1.0f, 2.0f, 3.0f};
    const std::uint8_t b[] = {7};
    const std::int64_t c[] = {-5, 6};
    std::vector<TensorView> views{
        {"b.u8", DType::U8, {1}, std::as_bytes(std::span(b))},
        {"a.f32", DType::F32, {3}, std::as_bytes(std::span(a))},
        {"c.i64", DType::I64, {1, 2}, std::as_bytes(std::span(c))},
        {"scalar_empty", DType::F16, {0}, {}},
    };
    const fs::path path = dir_ / "out.safetensors";
    ASSERT_TRUE(write(path, views, {{"format", "pt"}, {"k", "v\"\n"}}).ok());
    auto f = File::open(path);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_TRUE(f->header().dataAligned());
    EXPECT_EQ(f->header().headerBytes % 8, 0u);
    ASSERT_EQ(f->tensors().size(), 4u);
    // Layout: 8-byte elements first, then 4, 2, 1.
    EXPECT_EQ(f->tensors()[0].name, "c.i64");
    EXPECT_EQ(f->tensors()[1].name, "a.f32");
    for (const TensorView& v : views) {
        const TensorInfo* t = f->find(v.name);
        ASSERT_NE(t, nullptr) << v.name;
        EXPECT_EQ(t->dtype, v.dtype);
        EXPECT_EQ(t->shape, v.shape);
        EXPECT_EQ(bytesToString(f->bytes(*t)), bytesToString(v.bytes));
    }
    ASSERT_EQ(f->metadata().size(), 2u);
    EXPECT_EQ(f->metadata()[0], (std::pair<std::string, std::string>{"format", "pt"}));
    EXPECT_EQ(f->metadata()[1], (std::pair<std::string, std::string>{"k", "v\"\n"}));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);  // no temp left
}

TEST_F(SafetensorsWriteTest, RefusesInconsistentTensors) {
    const float a[] = {1.0f, 2.0f};
    const auto bytes = std::as_bytes(std::span(a));
    auto fails = [&](std::vector<TensorView> views, const char* expected, const Metadata& meta = {}) {
        Status st = write(dir_ / "bad.safetensors", views, meta);
        ASSERT_FALSE(st.ok()) << expected;
        EXPECT_NE(st.error().message.find(expected), std::string::npos) << st.error().message;
        EXPECT_FALSE(fs::exists(dir_ / "bad.safetensors"));
    };
    fails({{"a", DType::F32, {3}, bytes}}, "has shape [3] and dtype F32 but 8 bytes of data");
    fails({{"a", DType::F32, {-2}, bytes}}, "negative dimension");
    fails({{"a", DType::F32, {2}, bytes}, {"a", DType::F32, {2}, bytes}}, "appears twice");
    fails({{"", DType::F32, {2}, bytes}}, "empty name");
    fails({{"__metadata__", DType::F32, {2}, bytes}}, "reserved");
    fails({{"a", DType::F32, {2}, bytes}}, "metadata key \"k\" appears twice", {{"k", "1"}, {"k", "2"}});
    fails({{"a", DType::F32, {std::int64_t{1} << 62, 8}, bytes}}, "overflows");
}

TEST(SafetensorsModelFiles, ShardedFolder) {
    auto m = ModelFiles::open(kData / "sharded");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->files().size(), 2u);
    EXPECT_EQ(m->names(),
              (std::vector<std::string>{"embed.weight", "head.weight", "layer.0.bias", "layer.1.weight"}));
    const TensorInfo* t = m->find("layer.1.weight");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->dtype, DType::I64);
    EXPECT_EQ(t->shape, (std::vector<std::int64_t>{3}));
    const std::int64_t expected[] = {-1, 0, 7};
    ASSERT_EQ(m->bytes("layer.1.weight").size(), sizeof(expected));
    EXPECT_EQ(std::memcmp(m->bytes("layer.1.weight").data(), expected, sizeof(expected)), 0);
    const float embed[] = {1, 2, 3, 4};
    EXPECT_EQ(std::memcmp(m->bytes("embed.weight").data(), embed, sizeof(embed)), 0);
    ASSERT_NE(m->fileOf("head.weight"), nullptr);
    EXPECT_EQ(m->fileOf("head.weight")->path().filename(), "model-00002-of-00002.safetensors");
    EXPECT_EQ(m->find("nope"), nullptr);
    EXPECT_TRUE(m->bytes("nope").empty());

    // The index file itself can be given, too.
    auto viaIndex = ModelFiles::open(kData / "sharded" / "model.safetensors.index.json");
    ASSERT_TRUE(viaIndex.ok()) << viaIndex.error().message;
    EXPECT_EQ(viaIndex->size(), 4u);
}

TEST(SafetensorsModelFiles, SingleFile) {
    auto m = ModelFiles::open(kData / "reference_py.safetensors");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->size(), 5u);
    EXPECT_EQ(m->find("bf16")->dtype, DType::BF16);
    auto parity = ModelFiles::open(fs::path(OFFSITE_TEST_DATA) / "parity" / "gpt2");
    if (fs::exists(fs::path(OFFSITE_TEST_DATA) / "parity" / "gpt2" / "model.safetensors")) {
        EXPECT_TRUE(parity.ok()) << parity.error().message;
    }
}

struct BadFolder {
    const char* folder;
    const char* expected;
};

class BadShardedFolderTest : public ::testing::TestWithParam<BadFolder> {};

TEST_P(BadShardedFolderTest, IsRefused) {
    auto m = ModelFiles::open(kData / GetParam().folder);
    ASSERT_FALSE(m.ok()) << GetParam().folder;
    EXPECT_NE(m.error().message.find(GetParam().expected), std::string::npos) << m.error().message;
    EXPECT_EQ(m.error().message.rfind("model.safetensors.index.json: ", 0), 0u) << m.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Folders, BadShardedFolderTest,
    ::testing::Values(
        BadFolder{"sharded_escape",
                  "is mapped to \"../sharded/model-00002-of-00002.safetensors\", which is "
                  "not a plain file name"},
        BadFolder{"sharded_missing",
                  "lists tensor \"extra.weight\" in shard \"model-00002-of-00002.safetensors\", "
                  "but that shard has no such tensor"},
        BadFolder{"sharded_unlisted", "contains tensor \"head.weight\", which the index does not list"},
        BadFolder{"sharded_two_shards",
                  "tensor \"embed.weight\" is in shard \"model-00002-of-00002.safetensors\" "
                  "although the index maps it to \"model-00001-of-00002.safetensors\""},
        BadFolder{"sharded_pickle_shard", "which is not a .safetensors file"}));

TEST(SafetensorsModelFiles, FolderWithoutWeights) {
    auto m = ModelFiles::open(kData);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().kind, ErrorKind::NotFound);
    EXPECT_NE(m.error().message.find("has neither model.safetensors nor model.safetensors.index.json"),
              std::string::npos)
        << m.error().message;
}

}  // namespace
}  // namespace offsite::safetensors
