// HF's decode_chain model: each decoder turns a list of token strings into a new list, and the final list is
// concatenated. ByteLevel maps each token's characters back to bytes (keeping a token's own bytes when it
// is not byte-level text) and repairs invalid UTF-8 across the whole output with U+FFFD.
#include "core/tokenizer/decoder.h"

#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/json_fields.h"
#include "core/tokenizer/utf8.h"

namespace offsite::tokenizer {
namespace {

template <typename AddStep>
Status parseSteps(const json::Value& value, int depth, AddStep&& addByteLevel) {
    OFFSITE_ASSIGN_OR_RETURN(const std::string type, fields::type(value, "the decoder"));
    if (type == "ByteLevel") {
        addByteLevel();
        return {};
    }
    if (type == "Sequence") {
        if (depth > 8) return makeError(ErrorKind::LimitExceeded, "decoder Sequences are nested too deeply");
        OFFSITE_ASSIGN_OR_RETURN(const json::Value* list,
                                 fields::required(value, "decoders", "the Sequence decoder"));
        if (!list->isArray())
            return makeError(ErrorKind::InvalidInput, "the Sequence decoder's \"decoders\" must be a list");
        for (const json::Value& item : list->items()) OFFSITE_TRY(parseSteps(item, depth + 1, addByteLevel));
        return {};
    }
    return makeError(
        ErrorKind::Unsupported,
        "the decoder type " + fields::quoted(type) +
            " is not supported; Offsite Studio reads byte-level BPE tokenizers (GPT-2, OPT, Llama 3, "
            "SmolLM2), whose decoder is ByteLevel");
}

}  // namespace

Result<Decoder> Decoder::fromJson(const json::Value& value) {
    Decoder decoder;
    if (value.isNull()) return decoder;
    decoder.present_ = true;
    OFFSITE_TRY(parseSteps(value, 0, [&] { decoder.steps_.push_back(Step::ByteLevel); }));
    return decoder;
}

std::string Decoder::decode(const std::vector<std::string_view>& tokens) const {
    if (!present_) {
        std::string joined;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (i > 0) joined += ' ';
            joined.append(tokens[i]);
        }
        return joined;
    }
    std::vector<std::string> current(tokens.begin(), tokens.end());
    for (const Step step : steps_) {
        switch (step) {
            case Step::ByteLevel: {
                std::string bytes;
                for (const std::string& token : current) {
                    if (!byte_level::decodeToken(token, bytes)) bytes.append(token);
                }
                current.assign(1, utf8::toValidLossy(bytes));
                break;
            }
        }
    }
    std::string out;
    for (const std::string& piece : current) out.append(piece);
    return out;
}

}  // namespace offsite::tokenizer
