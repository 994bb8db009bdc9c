// Strict safetensors reader and reference-compatible writer (see safetensors.h for the rules). Every
// check names the file and the rule it broke, because a user who sees "invalid header" cannot tell a
// damaged download from a renamed PyTorch checkpoint.
#include "core/safetensors/safetensors.h"
#include "core/safetensors/observed_write.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <limits>

#include "core/json/json.h"

namespace offsite::safetensors {
namespace {

struct DTypeEntry {
    DType dtype;
    std::string_view name;
    std::size_t size;
    int layoutRank;  // the reference writer's order: larger elements first, ties as in its enum
};

constexpr std::array<DTypeEntry, 15> kDTypes{{
    {DType::U64, "U64", 8, 0},
    {DType::I64, "I64", 8, 1},
    {DType::F64, "F64", 8, 2},
    {DType::F32, "F32", 4, 3},
    {DType::U32, "U32", 4, 4},
    {DType::I32, "I32", 4, 5},
    {DType::BF16, "BF16", 2, 6},
    {DType::F16, "F16", 2, 7},
    {DType::U16, "U16", 2, 8},
    {DType::I16, "I16", 2, 9},
    {DType::F8_E4M3, "F8_E4M3", 1, 10},
    {DType::F8_E5M2, "F8_E5M2", 1, 11},
    {DType::I8, "I8", 1, 12},
    {DType::U8, "U8", 1, 13},
    {DType::Bool, "BOOL", 1, 14},
}};

const DTypeEntry& entryOf(DType dtype) {
    for (const DTypeEntry& e : kDTypes) {
        if (e.dtype == dtype) return e;
    }
    return kDTypes[3];  // unreachable for valid enum values; F32 keeps callers safe
}

std::string supportedDTypes() {
    std::string out;
    for (const DTypeEntry& e : kDTypes) {
        if (!out.empty()) out += ", ";
        out += e.name;
    }
    return out;
}

std::string showName(std::string_view s) {
    // Names come from untrusted headers: keep messages printable and short.
    constexpr std::size_t kMaxShown = 120;
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7f) {
            out += '?';
        } else {
            out += static_cast<char>(c);
        }
    }
    if (s.size() > kMaxShown) out += "...";
    out += '"';
    return out;
}

std::string shapeText(const std::vector<std::uint64_t>& shape) {
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i != 0) out += ", ";
        out += std::to_string(shape[i]);
    }
    return out + "]";
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i != 0) out += ", ";
        out += std::to_string(shape[i]);
    }
    return out + "]";
}

bool mulOverflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out) {
    return __builtin_mul_overflow(a, b, &out);
}

// Pickle (protocol 2+: 0x80 then the protocol number) and zip (torch.save's default since 1.6).
std::optional<std::string_view> foreignCheckpointKind(std::span<const std::byte> start) {
    auto at = [&](std::size_t i) { return static_cast<unsigned char>(start[i]); };
    if (start.size() >= 4 && at(0) == 'P' && at(1) == 'K' && at(2) == 0x03 && at(3) == 0x04) {
        return "a PyTorch zip checkpoint (the format torch.save writes)";
    }
    if (start.size() >= 2 && at(0) == 0x80 && at(1) >= 1 && at(1) <= 5) {
        return "a PyTorch pickle checkpoint (a Python pickle)";
    }
    return std::nullopt;
}

Error pickleError(std::string_view source, std::string_view kind) {
    return makeError(ErrorKind::Unsupported,
                     std::string(source) + ": this looks like " + std::string(kind) +
                         ", not a safetensors file. We never load such checkpoints because loading them can "
                         "run arbitrary code; convert it to safetensors first (for example with the Hugging "
                         "Face safetensors conversion tool) and use the .safetensors file");
}

class HeaderParser {
public:
    HeaderParser(std::string_view source, const Limits& limits) : source_(source), limits_(limits) {}

    Result<Header> parse(std::span<const std::byte> fileStart, std::uint64_t fileSize) {
        if (fileStart.size() > fileSize) {
            return fail(ErrorKind::Internal, "was given more bytes than its stated size (a bug)");
        }
        if (fileSize < 8) {
            return fail(ErrorKind::InvalidInput,
                        "the file is " + std::to_string(fileSize) +
                            " bytes, too small to be a safetensors file (the header length alone takes 8 "
                            "bytes); the file is truncated or is not a safetensors file");
        }
        if (fileStart.size() < 8) {
            return fail(ErrorKind::Internal, "needs the first 8 bytes of the file (a bug)");
        }
        std::uint64_t n = 0;
        for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(fileStart[i]);
        const std::optional<std::string_view> foreign = foreignCheckpointKind(fileStart);

        // Checked before anything proportional to N is allocated or read. fileSize >= 8 here.
        if (n > limits_.maxHeaderBytes) {
            if (foreign) return pickleError(source_, *foreign);
            return fail(ErrorKind::LimitExceeded,
                        "the header length field says " + std::to_string(n) +
                            " bytes, more than the limit of " + std::to_string(limits_.maxHeaderBytes) +
                            " bytes (header too large); the file is damaged or is not a safetensors file");
        }
        if (n > fileSize - 8) {
            if (foreign) return pickleError(source_, *foreign);
            return fail(ErrorKind::InvalidInput,
                        "the header length field says " + std::to_string(n) + " bytes but only " +
                            std::to_string(fileSize - 8) +
                            " bytes follow it (invalid header length); the file is truncated or damaged — "
                            "copy it again");
        }
        if (fileStart.size() < 8 + n) {
            return fail(ErrorKind::Internal, "needs the first " + std::to_string(8 + n) +
                                                 " bytes of the file to read the header (a bug)");
        }
        const std::string_view text(reinterpret_cast<const char*>(fileStart.data()) + 8,
                                    static_cast<std::size_t>(n));
        if (text.empty() || text.front() != '{') {
            if (foreign) return pickleError(source_, *foreign);
        }
        if (const auto bad = json::findInvalidUtf8(text)) {
            return fail(ErrorKind::InvalidInput, "the header is not valid UTF-8 (at header byte " +
                                                     std::to_string(*bad) +
                                                     "); the file is damaged or is not a safetensors file");
        }
        if (text.empty() || text.front() != '{') {
            // The format requires '{' first; leading padding is refused as the reference will in 0.4.
            return fail(ErrorKind::InvalidInput,
                        "the header does not begin with '{' as the format requires; the file is damaged or "
                        "is not a safetensors file");
        }
        json::ParseLimits jsonLimits;
        jsonLimits.maxBytes = text.size();
        jsonLimits.maxDepth = 8;  // real headers nest 3 deep
        jsonLimits.maxStringBytes = text.size();
        Result<json::Value> root = json::parse(text, jsonLimits);
        if (!root.ok()) {
            return fail(root.error().kind == ErrorKind::LimitExceeded ? ErrorKind::LimitExceeded
                                                                      : ErrorKind::InvalidInput,
                        "the header is not valid JSON (" + root.error().message +
                            " of the header); the file is damaged or is not a safetensors file");
        }
        if (!root->isObject()) {
            return fail(ErrorKind::InvalidInput, "the header is JSON but not an object of tensors");
        }

        Header header;
        header.headerBytes = n;
        for (const json::Value::Member& member : root->members()) {
            if (member.first == "__metadata__") {
                OFFSITE_TRY(readMetadata(member.second, header.metadata));
                continue;
            }
            if (header.tensors.size() >= limits_.maxTensors) {
                return fail(ErrorKind::LimitExceeded,
                            "the header lists more than " + std::to_string(limits_.maxTensors) +
                                " tensors (the limit); the file is damaged or is not a model we support");
            }
            OFFSITE_ASSIGN_OR_RETURN(TensorInfo info, readTensor(member.first, member.second));
            header.tensors.push_back(std::move(info));
        }
        OFFSITE_TRY(checkLayout(header, fileSize));
        return header;
    }

private:
    Error fail(ErrorKind kind, const std::string& what) const {
        return makeError(kind, std::string(source_) + ": " + what);
    }

    Status readMetadata(const json::Value& value, Metadata& out) const {
        if (!value.isObject()) {
            return fail(
                ErrorKind::InvalidInput,
                "\"__metadata__\" in the header must be an object of text values; the file is damaged");
        }
        for (const json::Value::Member& m : value.members()) {
            const std::string* text = m.second.asString();
            if (text == nullptr) {
                return fail(ErrorKind::InvalidInput,
                            "\"__metadata__\" entry " + showName(m.first) +
                                " is not text (the format allows only text values); the file is damaged or "
                                "was written by a non-conforming tool");
            }
            out.emplace_back(m.first, *text);
        }
        return {};
    }

    // A shape entry or offset: a non-negative integer literal that fits 64 bits.
    Result<std::uint64_t> readCount(const std::string& tensor, const char* field,
                                    const json::Value& v) const {
        if (const auto u = v.asUint64()) return *u;
        std::string why = "is not a number";
        if (v.isNumber()) {
            const std::string& lit = v.numberLiteral();
            if (lit.find_first_of(".eE") != std::string::npos) {
                why = "is not a whole number (" + lit + ")";
            } else if (!lit.empty() && lit.front() == '-') {
                why = "is negative (" + lit + ")";
            } else {
                why = "is too large and would overflow 64 bits (" + lit + ")";
            }
        }
        return fail(ErrorKind::InvalidInput, "tensor " + showName(tensor) + " has a " + field +
                                                 " entry that " + why + "; the file is damaged or malicious");
    }

    Result<TensorInfo> readTensor(const std::string& name, const json::Value& value) const {
        const std::string who = "tensor " + showName(name);
        if (!value.isObject()) {
            return fail(ErrorKind::InvalidInput,
                        who + " is not described by an object with dtype, shape and data_offsets");
        }
        for (const json::Value::Member& m : value.members()) {
            if (m.first != "dtype" && m.first != "shape" && m.first != "data_offsets") {
                return fail(ErrorKind::InvalidInput, who + " has an unknown field " + showName(m.first) +
                                                         " (only dtype, shape and data_offsets are allowed)");
            }
        }
        const json::Value* dtypeValue = value.find("dtype");
        const json::Value* shapeValue = value.find("shape");
        const json::Value* offsetsValue = value.find("data_offsets");
        for (const auto& [field, v] : {std::pair{"dtype", dtypeValue}, std::pair{"shape", shapeValue},
                                       std::pair{"data_offsets", offsetsValue}}) {
            if (v == nullptr) {
                return fail(ErrorKind::InvalidInput, who + " lacks the field \"" + field + "\"");
            }
        }

        TensorInfo info;
        info.name = name;
        const std::string* dtypeName = dtypeValue->asString();
        if (dtypeName == nullptr) return fail(ErrorKind::InvalidInput, who + " has a dtype that is not text");
        const std::optional<DType> dtype = parseDType(*dtypeName);
        if (!dtype) {
            return fail(ErrorKind::Unsupported, who + " has the unknown dtype " + showName(*dtypeName) +
                                                    "; supported dtypes are " + supportedDTypes());
        }
        info.dtype = *dtype;

        if (!shapeValue->isArray())
            return fail(ErrorKind::InvalidInput, who + " has a shape that is not a list");
        std::vector<std::uint64_t> dims;
        dims.reserve(shapeValue->size());
        for (const json::Value& d : shapeValue->items()) {
            OFFSITE_ASSIGN_OR_RETURN(const std::uint64_t dim, readCount(name, "shape", d));
            dims.push_back(dim);
        }
        // Element and byte counts must fit int64 (what tensors use) without wrapping.
        std::uint64_t numel = 1;
        bool overflow = false;
        for (const std::uint64_t dim : dims) overflow = overflow || mulOverflows(numel, dim, numel);
        std::uint64_t byteCount = 0;
        overflow = overflow || mulOverflows(numel, entryOf(info.dtype).size, byteCount) ||
                   byteCount > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (overflow) {
            return fail(ErrorKind::InvalidInput, who + " has shape " + shapeText(dims) +
                                                     " whose size overflows 64 bits; the file is damaged or "
                                                     "malicious");
        }
        info.shape.assign(dims.begin(), dims.end());  // each dim <= byteCount <= INT64_MAX, or numel is 0
        for (std::size_t i = 0; i < dims.size(); ++i) {
            if (dims[i] > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                return fail(ErrorKind::InvalidInput,
                            who + " has shape " + shapeText(dims) +
                                " with a dimension that overflows 64-bit signed sizes; the file is damaged");
            }
        }

        if (!offsetsValue->isArray() || offsetsValue->size() != 2) {
            return fail(ErrorKind::InvalidInput, who + " has data_offsets that are not a [begin, end] pair");
        }
        OFFSITE_ASSIGN_OR_RETURN(info.begin, readCount(name, "data_offsets", offsetsValue->items()[0]));
        OFFSITE_ASSIGN_OR_RETURN(info.end, readCount(name, "data_offsets", offsetsValue->items()[1]));
        if (info.end < info.begin) {
            return fail(ErrorKind::InvalidInput, who + " has data_offsets [" + std::to_string(info.begin) +
                                                     ", " + std::to_string(info.end) +
                                                     "] that end before they begin; the file is damaged");
        }
        if (info.end - info.begin != byteCount) {
            return fail(ErrorKind::InvalidInput,
                        who + " has dtype " + *dtypeName + " and shape " + shapeText(dims) + ", which need " +
                            std::to_string(byteCount) + " bytes, but its data_offsets [" +
                            std::to_string(info.begin) + ", " + std::to_string(info.end) + "] cover " +
                            std::to_string(info.end - info.begin) +
                            " bytes (invalid tensor info); the file "
                            "is damaged");
        }
        return info;
    }

    Status checkLayout(Header& header, std::uint64_t fileSize) const {
        std::vector<TensorInfo>& ts = header.tensors;
        std::sort(ts.begin(), ts.end(), [](const TensorInfo& a, const TensorInfo& b) {
            if (a.begin != b.begin) return a.begin < b.begin;
            if (a.end != b.end) return a.end < b.end;
            return a.name < b.name;
        });
        // The tensors must tile [0, dataBytes) exactly: unindexed bytes could carry a second file format
        // (a polyglot), and shared bytes would let two names alias one another.
        std::uint64_t expected = 0;
        const TensorInfo* previous = nullptr;
        for (const TensorInfo& t : ts) {
            if (t.begin > expected) {
                const std::string after = previous == nullptr ? "the start of the data section"
                                                              : "tensor " + showName(previous->name);
                return fail(
                    ErrorKind::InvalidInput,
                    "bytes " + std::to_string(expected) + " to " + std::to_string(t.begin) +
                        " of the data section (after " + after + ", before tensor " + showName(t.name) +
                        ") belong to no tensor (a gap); files with unindexed bytes are refused "
                        "because they can hide other content; the file is damaged or was tampered with");
            }
            if (t.begin < expected) {
                // previous is non-null: expected > 0 only after a non-empty tensor.
                const bool same = previous->begin == t.begin && previous->end == t.end;
                return fail(ErrorKind::InvalidInput,
                            same ? "tensors " + showName(previous->name) + " and " + showName(t.name) +
                                       " use the same bytes [" + std::to_string(t.begin) + ", " +
                                       std::to_string(t.end) +
                                       ") (aliased tensors); the file is damaged or "
                                       "was tampered with"
                                 : "tensor " + showName(t.name) + " starts at byte " +
                                       std::to_string(t.begin) + ", inside tensor " +
                                       showName(previous->name) + " [" + std::to_string(previous->begin) +
                                       ", " + std::to_string(previous->end) +
                                       ") (overlapping tensors); the file is damaged or was tampered with");
            }
            expected = t.end;
            previous = &t;
        }
        header.dataBytes = expected;
        const std::uint64_t available = fileSize - 8 - header.headerBytes;  // >= 0, checked in parse()
        if (header.dataBytes > available) {
            return fail(ErrorKind::InvalidInput,
                        "the header says tensor " + showName(previous->name) + " ends at byte " +
                            std::to_string(header.dataBytes) + " but the file's data section has only " +
                            std::to_string(available) +
                            " bytes (incomplete buffer); the file is truncated or damaged — copy it again");
        }
        if (header.dataBytes < available) {
            return fail(ErrorKind::InvalidInput,
                        "the file has " + std::to_string(available - header.dataBytes) +
                            " bytes after the last tensor's data that no tensor uses (trailing data); files "
                            "with unindexed bytes are refused because they can hide other content; the file "
                            "is damaged or was tampered with");
        }
        return {};
    }

    std::string_view source_;
    const Limits& limits_;
};

bool hasPickleExtension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    static constexpr std::array<std::string_view, 7> kRefused{".bin", ".pt",     ".pth", ".ckpt",
                                                              ".pkl", ".pickle", ".npz"};
    return std::find(kRefused.begin(), kRefused.end(), ext) != kRefused.end();
}

}  // namespace

std::string_view dtypeName(DType dtype) {
    return entryOf(dtype).name;
}

std::size_t dtypeSize(DType dtype) {
    return entryOf(dtype).size;
}

std::optional<DType> parseDType(std::string_view name) {
    for (const DTypeEntry& e : kDTypes) {
        if (e.name == name) return e.dtype;
    }
    return std::nullopt;
}

std::int64_t TensorInfo::numel() const {
    std::int64_t n = 1;
    for (const std::int64_t d : shape) n *= d;
    return n;
}

Result<Header> parseHeader(std::span<const std::byte> fileStart, std::uint64_t fileSize, const Limits& limits,
                           std::string_view source) {
    HeaderParser parser(source, limits);
    return parser.parse(fileStart, fileSize);
}

// ---------------------------------------------------------------------------------------------------
// File

File::File(MappedFile map, Header header) : map_(std::move(map)), header_(std::move(header)) {
    for (std::size_t i = 0; i < header_.tensors.size(); ++i) byName_.emplace(header_.tensors[i].name, i);
}

Result<File> File::open(const std::filesystem::path& path, const Limits& limits) {
    const std::string name = displayName(path);
    if (hasPickleExtension(path)) {
        return pickleError(name, "a PyTorch checkpoint (by its " + path.extension().string() + " extension)");
    }
    OFFSITE_ASSIGN_OR_RETURN(MappedFile map, MappedFile::open(path));
    OFFSITE_ASSIGN_OR_RETURN(Header header, parseHeader(map.bytes(), map.size(), limits, name));
    return File(std::move(map), std::move(header));
}

const TensorInfo* File::find(std::string_view name) const {
    const auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : &header_.tensors[it->second];
}

std::span<const std::byte> File::bytes(const TensorInfo& info) const {
    if (info.end < info.begin || info.end > header_.dataBytes) return {};
    const std::size_t offset = static_cast<std::size_t>(header_.dataOffset() + info.begin);
    return map_.bytes().subspan(offset, static_cast<std::size_t>(info.end - info.begin));
}

// ---------------------------------------------------------------------------------------------------
// Writer

namespace {

// The header text (length prefix included) and the order in which tensor bytes follow it.
struct Layout {
    std::string prefix;
    std::vector<const TensorView*> order;
    std::uint64_t dataBytes = 0;
};

Result<Layout> planLayout(const std::vector<TensorView>& tensors, const Metadata& metadata) {
    auto invalid = [](const std::string& what) {
        return makeError(ErrorKind::InvalidInput, "cannot write safetensors: " + what);
    };
    Layout layout;
    std::vector<const TensorView*>& order = layout.order;
    order.reserve(tensors.size());
    for (const TensorView& t : tensors) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const TensorView* a, const TensorView* b) {
        const int ra = entryOf(a->dtype).layoutRank;
        const int rb = entryOf(b->dtype).layoutRank;
        if (ra != rb) return ra < rb;
        return a->name < b->name;
    });

    json::Value header = json::Value::object();
    if (!metadata.empty()) {
        json::Value meta = json::Value::object();
        for (const auto& [key, value] : metadata) {
            if (json::findInvalidUtf8(key) || json::findInvalidUtf8(value)) {
                return invalid("the metadata entry " + showName(key) + " is not UTF-8");
            }
            if (meta.find(key) != nullptr)
                return invalid("the metadata key " + showName(key) + " appears twice");
            meta.set(key, json::Value::string(value));
        }
        header.set("__metadata__", std::move(meta));
    }
    std::uint64_t offset = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const TensorView& t = *order[i];
        if (t.name.empty()) return invalid("a tensor has an empty name");
        if (t.name == "__metadata__") return invalid("\"__metadata__\" is reserved and cannot name a tensor");
        if (i > 0 && order[i - 1]->name == t.name) {
            return invalid("the tensor name " + showName(t.name) + " appears twice");
        }
        if (json::findInvalidUtf8(t.name))
            return invalid("the tensor name " + showName(t.name) + " is not UTF-8");
        std::uint64_t numel = 1;
        json::Value shape = json::Value::array();
        for (const std::int64_t d : t.shape) {
            if (d < 0) return invalid("tensor " + showName(t.name) + " has a negative dimension");
            if (mulOverflows(numel, static_cast<std::uint64_t>(d), numel)) {
                return invalid("tensor " + showName(t.name) + " has a size that overflows");
            }
            shape.push(json::Value::integer(d));
        }
        std::uint64_t byteCount = 0;
        if (mulOverflows(numel, dtypeSize(t.dtype), byteCount) || byteCount != t.bytes.size()) {
            return invalid("tensor " + showName(t.name) + " has shape " + shapeText(t.shape) + " and dtype " +
                           std::string(dtypeName(t.dtype)) + " but " + std::to_string(t.bytes.size()) +
                           " bytes of data");
        }
        json::Value info = json::Value::object();
        info.set("dtype", json::Value::string(std::string(dtypeName(t.dtype))));
        info.set("shape", std::move(shape));
        json::Value offsets = json::Value::array();
        offsets.push(json::Value::unsignedInteger(offset));
        offsets.push(json::Value::unsignedInteger(offset + byteCount));
        info.set("data_offsets", std::move(offsets));
        header.set(t.name, std::move(info));
        offset += byteCount;
    }
    layout.dataBytes = offset;

    std::string text = json::serialize(header);
    // Space padding keeps the data section 8-byte aligned, as the reference writer does.
    text.append((8 - text.size() % 8) % 8, ' ');
    const std::uint64_t n = text.size();
    layout.prefix.reserve(8 + text.size());
    for (int i = 0; i < 8; ++i) layout.prefix += static_cast<char>((n >> (8 * i)) & 0xFF);
    layout.prefix += text;
    return layout;
}

}  // namespace

Result<std::string> serialize(const std::vector<TensorView>& tensors, const Metadata& metadata) {
    OFFSITE_ASSIGN_OR_RETURN(Layout layout, planLayout(tensors, metadata));
    std::string out = std::move(layout.prefix);
    out.reserve(out.size() + static_cast<std::size_t>(layout.dataBytes));
    for (const TensorView* t : layout.order) {
        out.append(reinterpret_cast<const char*>(t->bytes.data()), t->bytes.size());
    }
    return out;
}

Status write(const std::filesystem::path& path, const std::vector<TensorView>& tensors,
             const Metadata& metadata) {
    return write(path, tensors, metadata, {});
}

Status write(const std::filesystem::path& path, const std::vector<TensorView>& tensors, const Metadata& metadata,
             const std::function<void(std::span<const std::byte>)>& onBytes) {
    Result<Layout> layout = planLayout(tensors, metadata);
    if (!layout.ok()) return layout.error().withContext(displayName(path));
    // Streamed tensor by tensor: a multi-gigabyte model is never copied into one buffer.
    OFFSITE_ASSIGN_OR_RETURN(AtomicFileWriter writer, AtomicFileWriter::create(path));
    const auto prefix = std::as_bytes(std::span(layout->prefix.data(), layout->prefix.size()));
    OFFSITE_TRY(writer.write(prefix));
    if (onBytes) onBytes(prefix);
    for (const TensorView* t : layout->order) {
        OFFSITE_TRY(writer.write(t->bytes));
        if (onBytes) onBytes(t->bytes);
    }
    return writer.commit();
}

}  // namespace offsite::safetensors
