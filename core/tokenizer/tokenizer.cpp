// Tokenizer: reads tokenizer.json, checks every component is one we reproduce exactly, and runs HF's
// pipeline: added-token split -> pre-tokenize -> BPE -> post-process (encode); id -> token -> decoder
// (decode).
#include "core/tokenizer/tokenizer.h"

#include <algorithm>
#include <array>

#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/tokenizer/added_tokens.h"
#include "core/tokenizer/bpe_model.h"
#include "core/tokenizer/decoder.h"
#include "core/tokenizer/json_fields.h"
#include "core/tokenizer/post_processor.h"
#include "core/tokenizer/pre_tokenizer.h"
#include "core/tokenizer/utf8.h"

namespace offsite::tokenizer {

namespace {

// The loaded pipeline, in the order encode runs it.
struct Pipeline {
    BpeModel model;
    AddedVocabulary added;
    PreTokenizer preTokenizer;
    PostProcessor postProcessor;
    Decoder decoder;
};

const json::Value& memberOrNull(const json::Value& root, std::string_view key) {
    static const json::Value kNull;
    const json::Value* value = root.find(key);
    return value == nullptr ? kNull : *value;
}

Status checkNormalizer(const json::Value& normalizer) {
    if (normalizer.isNull()) return {};
    const Result<std::string> type = fields::type(normalizer, "the normalizer");
    if (!type.ok()) return type.error();
    if (type.value() == "Sequence") {
        const json::Value* list = normalizer.find("normalizers");
        if (list != nullptr && list->isArray() && list->size() == 0) return {};  // a no-op
    }
    return makeError(
        ErrorKind::Unsupported,
        "the normalizer " + fields::quoted(type.value()) +
            " is not supported; Offsite Studio reads byte-level BPE tokenizers (GPT-2, OPT, Llama 3, "
            "SmolLM2), which have no normalizer");
}

Status checkModelType(const json::Value& model) {
    if (!model.isObject()) return makeError(ErrorKind::InvalidInput, "\"model\" must be a JSON object");
    const json::Value* type = model.find("type");
    if (type == nullptr && model.find("merges") != nullptr) return {};  // old files infer BPE from its fields
    OFFSITE_ASSIGN_OR_RETURN(const std::string name, fields::type(model, "the model"));
    if (name == "BPE") return {};
    return makeError(
        ErrorKind::Unsupported,
        "the model type " + fields::quoted(name) +
            " is not supported; Offsite Studio reads byte-level BPE tokenizers (GPT-2, OPT, Llama 3, "
            "SmolLM2)");
}

Result<Pipeline> buildPipeline(std::string_view text) {
    if (text.size() > kMaxTokenizerJsonBytes) {
        return makeError(ErrorKind::LimitExceeded,
                         "the file is " + std::to_string(text.size()) + " bytes; tokenizer.json files over " +
                             std::to_string(kMaxTokenizerJsonBytes >> 20) + " MiB are refused");
    }
    json::ParseLimits limits;
    limits.maxBytes = kMaxTokenizerJsonBytes;
    auto parsed = json::parse(text, limits);
    if (!parsed.ok()) {
        return parsed.error().withContext("it is not valid JSON (is the download complete?)");
    }
    const json::Value& root = parsed.value();
    if (!root.isObject()) return makeError(ErrorKind::InvalidInput, "the top level must be a JSON object");
    if (const json::Value* version = root.find("version"); version != nullptr && !version->isNull()) {
        if (!version->isString() || *version->asString() != "1.0") {
            return makeError(ErrorKind::Unsupported, "the tokenizer.json format version is not \"1.0\"");
        }
    }
    for (const std::string_view key : {"truncation", "padding"}) {
        if (!memberOrNull(root, key).isNull()) {
            return makeError(ErrorKind::Unsupported,
                             fields::quoted(key) +
                                 " is set; Offsite Studio handles sequence lengths itself. Set "
                                 "it to null in tokenizer.json");
        }
    }
    OFFSITE_TRY(checkNormalizer(memberOrNull(root, "normalizer")));
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* modelJson, fields::required(root, "model", "tokenizer.json"));
    OFFSITE_TRY(checkModelType(*modelJson));

    OFFSITE_ASSIGN_OR_RETURN(BpeModel model, BpeModel::fromJson(*modelJson));
    OFFSITE_ASSIGN_OR_RETURN(AddedVocabulary added,
                             AddedVocabulary::fromJson(root.find("added_tokens"), model));
    OFFSITE_ASSIGN_OR_RETURN(PreTokenizer preTokenizer,
                             PreTokenizer::fromJson(memberOrNull(root, "pre_tokenizer")));
    OFFSITE_ASSIGN_OR_RETURN(PostProcessor postProcessor,
                             PostProcessor::fromJson(memberOrNull(root, "post_processor")));
    OFFSITE_ASSIGN_OR_RETURN(Decoder decoder, Decoder::fromJson(memberOrNull(root, "decoder")));
    return Pipeline{std::move(model), std::move(added), std::move(preTokenizer), std::move(postProcessor),
                    std::move(decoder)};
}

}  // namespace

struct Tokenizer::Impl : Pipeline {};

Result<Tokenizer> Tokenizer::load(std::string_view text, const std::string& sourceName) {
    auto pipeline = buildPipeline(text);
    if (!pipeline.ok()) return pipeline.error().withContext(sourceName);
    return Tokenizer(std::make_unique<Impl>(Impl{std::move(pipeline).value()}));
}

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Result<Tokenizer> Tokenizer::fromJson(std::string_view json) {
    return load(json, "tokenizer.json");
}

Result<Tokenizer> Tokenizer::fromFile(const std::filesystem::path& path) {
    OFFSITE_ASSIGN_OR_RETURN(const std::string text, readFile(path, kMaxTokenizerJsonBytes));
    return load(text, displayName(path));
}

std::vector<std::int32_t> Tokenizer::encode(std::string_view text, SpecialTokens add) const {
    std::string repaired;
    if (!utf8::isValid(text)) {
        repaired = utf8::toValidLossy(text);
        text = repaired;
    }
    std::vector<std::int32_t> ids;
    ids.reserve(text.size() / 3 + 4);
    std::vector<Segment> segments;
    impl_->added.split(text, segments);
    std::vector<std::string> words;
    for (const Segment& segment : segments) {
        if (segment.id != Segment::kTextSegment) {
            ids.push_back(segment.id);
            continue;
        }
        impl_->preTokenizer.apply(text.substr(segment.begin, segment.end - segment.begin), words);
        for (const std::string& word : words) impl_->model.tokenize(word, ids);
    }
    impl_->postProcessor.apply(
        ids, add == SpecialTokens::Add ? PostProcessor::AddSpecial::Yes : PostProcessor::AddSpecial::No);
    return ids;
}

std::string Tokenizer::decode(std::span<const std::int32_t> ids, SkipSpecial skip) const {
    std::vector<std::string_view> tokens;
    tokens.reserve(ids.size());
    for (const std::int32_t id : ids) {
        std::string_view token;
        if (const AddedToken* added = impl_->added.byId(id)) {
            token = added->content;
        } else if (const std::string* inModel = impl_->model.idToToken(id)) {
            token = *inModel;
        } else {
            continue;
        }
        if (skip == SkipSpecial::Yes && impl_->added.isSpecialContent(token)) continue;
        tokens.push_back(token);
    }
    return impl_->decoder.decode(tokens);
}

std::int32_t Tokenizer::vocabSize() const {
    return std::max(impl_->model.maxId(), impl_->added.maxId()) + 1;
}

std::optional<std::int32_t> Tokenizer::tokenToId(std::string_view token) const {
    if (const auto id = impl_->added.tokenToId(token)) return id;
    return impl_->model.tokenToId(token);
}

std::optional<std::string> Tokenizer::idToToken(std::int32_t id) const {
    if (const AddedToken* added = impl_->added.byId(id)) return added->content;
    if (const std::string* token = impl_->model.idToToken(id)) return *token;
    return std::nullopt;
}

bool Tokenizer::isSpecial(std::int32_t id) const {
    const std::optional<std::string> token = idToToken(id);
    return token && impl_->added.isSpecialContent(*token);
}

namespace {

std::optional<std::int32_t> firstSpecial(const AddedVocabulary& added,
                                         std::span<const std::string_view> names) {
    for (const std::string_view name : names) {
        if (added.isSpecialContent(name)) return added.tokenToId(name);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::int32_t> Tokenizer::bosId() const {
    if (const auto id = impl_->postProcessor.leadingSpecial()) return id;
    static constexpr std::array<std::string_view, 4> kNames = {"<|begin_of_text|>", "<s>", "<|startoftext|>",
                                                               "<|endoftext|>"};
    return firstSpecial(impl_->added, kNames);
}

std::optional<std::int32_t> Tokenizer::eosId() const {
    if (const auto id = impl_->postProcessor.trailingSpecial()) return id;
    static constexpr std::array<std::string_view, 5> kNames = {"<|end_of_text|>", "</s>", "<|endoftext|>",
                                                               "<|im_end|>", "<|eot_id|>"};
    return firstSpecial(impl_->added, kNames);
}

}  // namespace offsite::tokenizer
