// The supported pre-tokenizers. Splitting follows HF's NormalizedString::split: a pattern yields
// (span, is_match) runs covering the text, the behaviour decides how matches join their neighbours, and
// empty pieces are dropped. ByteLevel finally maps every byte to its printable stand-in character.
#include "core/tokenizer/pre_tokenizer.h"

#include <algorithm>
#include <optional>
#include <variant>

#include "core/tokenizer/byte_level.h"
#include "core/tokenizer/json_fields.h"
#include "core/tokenizer/regex.h"

namespace offsite::tokenizer {
namespace {

// GPT-2's pre-tokenization regex, as hard-coded in HF's ByteLevel pre-tokenizer.
constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

enum class SplitBehavior { Removed = 1, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

struct Run {
    std::size_t begin;
    std::size_t end;
    bool isMatch;
};

struct ByteLevelStep {
    bool addPrefixSpace;
    std::optional<Regex> regex;  // set when use_regex
};

struct SplitStep {
    std::optional<Regex> regex;  // a Regex pattern
    std::string literal;         // a String pattern (when regex is empty)
    SplitBehavior behavior;
    bool invert;
};

using Step = std::variant<ByteLevelStep, SplitStep>;

// (span, is_match) runs covering `text`, like HF's Pattern::find_matches.
void findRuns(std::string_view text, const SplitStep& step, std::vector<Run>& runs) {
    runs.clear();
    if (text.empty()) {
        runs.push_back(Run{0, 0, false});
        return;
    }
    std::vector<ByteSpan> matches;
    if (step.regex) {
        step.regex->findAll(text, matches);
    } else if (step.literal.empty()) {
        runs.push_back(Run{0, text.size(), false});
        return;
    } else {
        std::size_t from = 0;
        while (true) {
            const std::size_t at = text.find(step.literal, from);
            if (at == std::string_view::npos) break;
            matches.push_back(ByteSpan{at, at + step.literal.size()});
            from = at + step.literal.size();
        }
    }
    std::size_t previous = 0;
    for (const ByteSpan& m : matches) {
        if (previous != m.begin) runs.push_back(Run{previous, m.begin, false});
        runs.push_back(Run{m.begin, m.end, true});
        previous = m.end;
    }
    if (previous != text.size()) runs.push_back(Run{previous, text.size(), false});
}

void splitPiece(std::string_view text, const SplitStep& step, std::vector<Run>& runs,
                std::vector<std::string>& out) {
    findRuns(text, step, runs);
    if (step.invert) {
        for (Run& run : runs) run.isMatch = !run.isMatch;
    }
    // Each piece: (begin, end, removed).
    std::vector<Run> pieces;
    bool previousMatch = false;
    switch (step.behavior) {
        case SplitBehavior::Isolated:
            for (const Run& run : runs) pieces.push_back(Run{run.begin, run.end, false});
            break;
        case SplitBehavior::Removed:
            pieces = runs;
            break;
        case SplitBehavior::Contiguous:
            for (const Run& run : runs) {
                if (run.isMatch == previousMatch && !pieces.empty()) {
                    pieces.back().end = run.end;
                } else {
                    pieces.push_back(Run{run.begin, run.end, false});
                }
                previousMatch = run.isMatch;
            }
            break;
        case SplitBehavior::MergedWithPrevious:
            for (const Run& run : runs) {
                if (run.isMatch && !previousMatch && !pieces.empty()) {
                    pieces.back().end = run.end;
                } else {
                    pieces.push_back(Run{run.begin, run.end, false});
                }
                previousMatch = run.isMatch;
            }
            break;
        case SplitBehavior::MergedWithNext:
            for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
                if (it->isMatch && !previousMatch && !pieces.empty()) {
                    pieces.back().begin = it->begin;
                } else {
                    pieces.push_back(Run{it->begin, it->end, false});
                }
                previousMatch = it->isMatch;
            }
            std::reverse(pieces.begin(), pieces.end());
            break;
    }
    for (const Run& piece : pieces) {
        if (piece.isMatch || piece.begin == piece.end) continue;  // isMatch marks "remove" here
        out.emplace_back(text.substr(piece.begin, piece.end - piece.begin));
    }
}

void byteLevelPiece(std::string_view text, const ByteLevelStep& step, std::vector<ByteSpan>& spans,
                    std::vector<std::string>& out) {
    std::string prefixed;
    if (step.addPrefixSpace && !text.starts_with(' ')) {
        prefixed.reserve(text.size() + 1);
        prefixed.push_back(' ');
        prefixed.append(text);
        text = prefixed;
    }
    const auto emit = [&](std::string_view piece) {
        if (piece.empty()) return;
        std::string mapped;
        byte_level::encode(piece, mapped);
        out.push_back(std::move(mapped));
    };
    if (!step.regex) {
        emit(text);
        return;
    }
    // Isolated split on the GPT-2 regex: matches and the gaps between them are all words.
    spans.clear();
    step.regex->findAll(text, spans);
    std::size_t previous = 0;
    for (const ByteSpan& m : spans) {
        if (previous != m.begin) emit(text.substr(previous, m.begin - previous));
        emit(text.substr(m.begin, m.end - m.begin));
        previous = m.end;
    }
    if (previous != text.size()) emit(text.substr(previous));
}

Result<SplitBehavior> parseBehavior(const std::string& name) {
    if (name == "Removed") return SplitBehavior::Removed;
    if (name == "Isolated") return SplitBehavior::Isolated;
    if (name == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
    if (name == "MergedWithNext") return SplitBehavior::MergedWithNext;
    if (name == "Contiguous") return SplitBehavior::Contiguous;
    return makeError(
        ErrorKind::InvalidInput,
        "the Split pre-tokenizer's behavior " + fields::quoted(name) +
            " is unknown; expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous");
}

const Regex& gpt2Regex() {
    static const Regex regex = Regex::compileOniguruma(kGpt2Pattern).value();
    return regex;
}

const Regex& numericRegex() {
    // Rust's char::is_numeric: general categories Nd, Nl and No.
    static const Regex regex = Regex::compilePcre2("\\p{N}").value();
    return regex;
}

Status parseStep(const json::Value& value, std::vector<Step>& steps, int depth) {
    constexpr std::string_view kWhere = "the pre_tokenizer";
    OFFSITE_ASSIGN_OR_RETURN(const std::string type, fields::type(value, kWhere));
    if (type == "Sequence") {
        if (depth > 8)
            return makeError(ErrorKind::LimitExceeded, "pre_tokenizer Sequences are nested too deeply");
        OFFSITE_ASSIGN_OR_RETURN(const json::Value* list,
                                 fields::required(value, "pretokenizers", "the Sequence pre_tokenizer"));
        if (!list->isArray()) {
            return makeError(ErrorKind::InvalidInput,
                             "the Sequence pre_tokenizer's \"pretokenizers\" must be a list");
        }
        for (const json::Value& item : list->items()) OFFSITE_TRY(parseStep(item, steps, depth + 1));
        return {};
    }
    if (type == "ByteLevel") {
        ByteLevelStep step;
        OFFSITE_ASSIGN_OR_RETURN(step.addPrefixSpace, fields::optionalBool(value, "add_prefix_space", true,
                                                                           "the ByteLevel pre_tokenizer"));
        OFFSITE_ASSIGN_OR_RETURN(const bool useRegex, fields::optionalBool(value, "use_regex", true,
                                                                           "the ByteLevel pre_tokenizer"));
        if (useRegex) step.regex = gpt2Regex();
        steps.emplace_back(std::move(step));
        return {};
    }
    if (type == "Split") {
        constexpr std::string_view kSplit = "the Split pre_tokenizer";
        SplitStep step;
        OFFSITE_ASSIGN_OR_RETURN(const json::Value* pattern, fields::required(value, "pattern", kSplit));
        if (const json::Value* regex = pattern->find("Regex"); regex != nullptr && regex->isString()) {
            OFFSITE_ASSIGN_OR_RETURN(Regex compiled, Regex::compileOniguruma(*regex->asString()));
            step.regex = std::move(compiled);
        } else if (const json::Value* literal = pattern->find("String");
                   literal != nullptr && literal->isString()) {
            step.literal = *literal->asString();
        } else {
            return makeError(ErrorKind::InvalidInput,
                             "the Split pre_tokenizer's \"pattern\" must be {\"Regex\": \"...\"} or "
                             "{\"String\": \"...\"}");
        }
        OFFSITE_ASSIGN_OR_RETURN(const std::string behavior,
                                 fields::requiredString(value, "behavior", kSplit));
        OFFSITE_ASSIGN_OR_RETURN(step.behavior, parseBehavior(behavior));
        OFFSITE_ASSIGN_OR_RETURN(step.invert, fields::optionalBool(value, "invert", false, kSplit));
        steps.emplace_back(std::move(step));
        return {};
    }
    if (type == "Digits") {
        SplitStep step;
        step.regex = numericRegex();
        OFFSITE_ASSIGN_OR_RETURN(
            const bool individual,
            fields::optionalBool(value, "individual_digits", false, "the Digits pre_tokenizer"));
        step.behavior = individual ? SplitBehavior::Isolated : SplitBehavior::Contiguous;
        step.invert = false;
        steps.emplace_back(std::move(step));
        return {};
    }
    return makeError(
        ErrorKind::Unsupported,
        "the pre_tokenizer type " + fields::quoted(type) +
            " is not supported; Offsite Studio reads byte-level BPE tokenizers (GPT-2, OPT, Llama 3, "
            "SmolLM2), whose pre-tokenizers are ByteLevel, Split and Digits");
}

}  // namespace

struct PreTokenizer::Steps {
    std::vector<Step> steps;
};

PreTokenizer::PreTokenizer(std::unique_ptr<Steps> steps) : steps_(std::move(steps)) {}
PreTokenizer::PreTokenizer(PreTokenizer&&) noexcept = default;
PreTokenizer& PreTokenizer::operator=(PreTokenizer&&) noexcept = default;
PreTokenizer::~PreTokenizer() = default;

Result<PreTokenizer> PreTokenizer::fromJson(const json::Value& value) {
    auto steps = std::make_unique<Steps>();
    if (!value.isNull()) OFFSITE_TRY(parseStep(value, steps->steps, 0));
    return PreTokenizer(std::move(steps));
}

void PreTokenizer::apply(std::string_view text, std::vector<std::string>& words) const {
    words.clear();
    if (text.empty()) return;
    words.emplace_back(text);
    std::vector<std::string> next;
    std::vector<Run> runs;
    std::vector<ByteSpan> spans;
    for (const Step& step : steps_->steps) {
        next.clear();
        for (const std::string& word : words) {
            if (const auto* byteLevel = std::get_if<ByteLevelStep>(&step)) {
                byteLevelPiece(word, *byteLevel, spans, next);
            } else {
                splitPiece(word, std::get<SplitStep>(step), runs, next);
            }
        }
        words.swap(next);
    }
}

}  // namespace offsite::tokenizer
