// TemplateProcessing as HF applies it to one sequence: pieces in order, "$A" standing for the encoded text
// and special-token pieces expanding to their listed ids (only when special tokens are requested).
#include "core/tokenizer/post_processor.h"

#include <string>

#include "core/tokenizer/json_fields.h"

namespace offsite::tokenizer {
namespace {

using Piece = TemplatePiece;

Status parseTemplate(const json::Value& value, std::vector<std::vector<Piece>>& templates, int depth);

Result<std::vector<Piece>> parseSingle(const json::Value& value) {
    constexpr std::string_view kWhere = "the TemplateProcessing post_processor";
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* single, fields::required(value, "single", kWhere));
    if (!single->isArray()) {
        return makeError(
            ErrorKind::Unsupported,
            "the TemplateProcessing post_processor's \"single\" template must be a list of pieces "
            "(the form tokenizers writes when saving)");
    }
    OFFSITE_ASSIGN_OR_RETURN(const json::Value* specials, fields::required(value, "special_tokens", kWhere));
    std::vector<Piece> pieces;
    for (const json::Value& item : single->items()) {
        if (const json::Value* sequence = item.find("Sequence")) {
            OFFSITE_ASSIGN_OR_RETURN(const std::string id, fields::requiredString(*sequence, "id", kWhere));
            if (id != "A") {
                return makeError(ErrorKind::InvalidInput,
                                 "the TemplateProcessing \"single\" template refers to the sequence " +
                                     fields::quoted(id) + "; a single template can only use $A");
            }
            pieces.push_back(Piece{true, {}});
        } else if (const json::Value* special = item.find("SpecialToken")) {
            OFFSITE_ASSIGN_OR_RETURN(const std::string name, fields::requiredString(*special, "id", kWhere));
            const json::Value* entry = specials->find(name);
            if (entry == nullptr) {
                return makeError(ErrorKind::InvalidInput,
                                 "the TemplateProcessing template uses the special token " +
                                     fields::quoted(name) + ", which is missing from its \"special_tokens\"");
            }
            OFFSITE_ASSIGN_OR_RETURN(const json::Value* ids, fields::required(*entry, "ids", kWhere));
            if (!ids->isArray())
                return makeError(ErrorKind::InvalidInput,
                                 "TemplateProcessing special token ids must be a list");
            std::vector<std::int32_t> list;
            for (const json::Value& id : ids->items()) {
                OFFSITE_ASSIGN_OR_RETURN(const std::int32_t tokenId, fields::tokenId(id, kWhere));
                list.push_back(tokenId);
            }
            pieces.push_back(Piece{false, std::move(list)});
        } else {
            return makeError(
                ErrorKind::InvalidInput,
                "a TemplateProcessing piece must be {\"Sequence\": ...} or {\"SpecialToken\": ...}");
        }
    }
    return pieces;
}

Status parseTemplate(const json::Value& value, std::vector<std::vector<Piece>>& templates, int depth) {
    OFFSITE_ASSIGN_OR_RETURN(const std::string type, fields::type(value, "the post_processor"));
    if (type == "ByteLevel") return {};  // only trims offsets; ids are unchanged
    if (type == "TemplateProcessing") {
        OFFSITE_ASSIGN_OR_RETURN(std::vector<Piece> pieces, parseSingle(value));
        templates.push_back(std::move(pieces));
        return {};
    }
    if (type == "Sequence") {
        if (depth > 8)
            return makeError(ErrorKind::LimitExceeded, "post_processor Sequences are nested too deeply");
        OFFSITE_ASSIGN_OR_RETURN(const json::Value* list,
                                 fields::required(value, "processors", "the Sequence post_processor"));
        if (!list->isArray())
            return makeError(ErrorKind::InvalidInput,
                             "the Sequence post_processor's \"processors\" must be a list");
        for (const json::Value& item : list->items()) OFFSITE_TRY(parseTemplate(item, templates, depth + 1));
        return {};
    }
    return makeError(ErrorKind::Unsupported,
                     "the post_processor type " + fields::quoted(type) +
                         " is not supported; Offsite Studio reads TemplateProcessing, ByteLevel and Sequence "
                         "post-processors (GPT-2, OPT, Llama 3, SmolLM2)");
}

}  // namespace

Result<PostProcessor> PostProcessor::fromJson(const json::Value& value) {
    PostProcessor processor;
    if (value.isNull()) return processor;
    OFFSITE_TRY(parseTemplate(value, processor.templates_, 0));
    return processor;
}

void PostProcessor::apply(std::vector<std::int32_t>& ids, AddSpecial add) const {
    for (const std::vector<TemplatePiece>& pieces : templates_) {
        std::vector<std::int32_t> out;
        out.reserve(ids.size() + 4);
        for (const Piece& piece : pieces) {
            if (piece.isSequence) {
                out.insert(out.end(), ids.begin(), ids.end());
            } else if (add == AddSpecial::Yes) {
                out.insert(out.end(), piece.ids.begin(), piece.ids.end());
            }
        }
        ids.swap(out);
    }
}

std::optional<std::int32_t> PostProcessor::leadingSpecial() const {
    if (templates_.empty()) return std::nullopt;
    const std::vector<TemplatePiece>& pieces = templates_.back();
    if (pieces.empty() || pieces.front().isSequence || pieces.front().ids.size() != 1) return std::nullopt;
    return pieces.front().ids.front();
}

std::optional<std::int32_t> PostProcessor::trailingSpecial() const {
    if (templates_.empty()) return std::nullopt;
    const std::vector<TemplatePiece>& pieces = templates_.back();
    if (pieces.empty() || pieces.back().isSequence || pieces.back().ids.size() != 1) return std::nullopt;
    return pieces.back().ids.front();
}

}  // namespace offsite::tokenizer
