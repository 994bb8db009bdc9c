// AddedVocabulary as Hugging Face builds it when reading tokenizer.json: tokens are added one by one in file
// order, keeping the model's id when the content is in the vocabulary and otherwise taking the next free id
// (the "id" written in the file is not trusted, exactly like HF, which only warns when they differ).
#include "core/tokenizer/added_tokens.h"

#include <algorithm>

#include "core/tokenizer/json_fields.h"
#include "core/tokenizer/utf8.h"

namespace offsite::tokenizer {

void AddedVocabulary::Trie::insert(std::string_view content, std::int32_t id) {
    std::int32_t node = 0;
    for (const char c : content) {
        const auto byte = static_cast<unsigned char>(c);
        auto& children = nodes[static_cast<std::size_t>(node)].children;
        const auto it = children.find(byte);
        if (it != children.end()) {
            node = it->second;
        } else {
            const auto fresh = static_cast<std::int32_t>(nodes.size());
            children.emplace(byte, fresh);
            nodes.emplace_back();
            node = fresh;
        }
    }
    // First inserted wins for identical contents, like aho-corasick's lowest pattern index.
    if (nodes[static_cast<std::size_t>(node)].tokenId < 0) nodes[static_cast<std::size_t>(node)].tokenId = id;
    firstBytes[static_cast<unsigned char>(content[0])] = true;
    empty = false;
}

std::optional<Segment> AddedVocabulary::Trie::find(std::string_view text, std::size_t from) const {
    if (empty) return std::nullopt;
    for (std::size_t start = from; start < text.size(); ++start) {
        if (!firstBytes[static_cast<unsigned char>(text[start])]) continue;
        std::int32_t node = 0;
        std::optional<Segment> best;
        for (std::size_t i = start; i < text.size(); ++i) {
            const auto& children = nodes[static_cast<std::size_t>(node)].children;
            const auto it = children.find(static_cast<unsigned char>(text[i]));
            if (it == children.end()) break;
            node = it->second;
            if (nodes[static_cast<std::size_t>(node)].tokenId >= 0) {
                best = Segment{start, i + 1, nodes[static_cast<std::size_t>(node)].tokenId};
            }
        }
        if (best) return best;
    }
    return std::nullopt;
}

Result<AddedVocabulary> AddedVocabulary::fromJson(const json::Value* addedTokens, const BpeModel& model) {
    AddedVocabulary vocab;
    vocab.modelEntries_ = model.entryCount();
    OFFSITE_ASSIGN_OR_RETURN(Regex word,
                             Regex::compilePcre2("[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]"));
    OFFSITE_ASSIGN_OR_RETURN(Regex space, Regex::compilePcre2("\\p{White_Space}"));
    vocab.wordChar_ = std::move(word);
    vocab.spaceChar_ = std::move(space);
    if (addedTokens != nullptr && !addedTokens->isNull()) {
        if (!addedTokens->isArray()) {
            return makeError(ErrorKind::InvalidInput, "\"added_tokens\" must be a list of token objects");
        }
        if (addedTokens->size() > kMaxVocabEntries) {
            return makeError(ErrorKind::LimitExceeded, "there are " + std::to_string(addedTokens->size()) +
                                                           " added tokens; Offsite Studio accepts at most " +
                                                           std::to_string(kMaxVocabEntries));
        }
        std::size_t index = 0;
        for (const json::Value& item : addedTokens->items()) {
            const std::string where = "added token " + std::to_string(index++);
            AddedToken token;
            OFFSITE_ASSIGN_OR_RETURN(token.content, fields::requiredString(item, "content", where));
            OFFSITE_ASSIGN_OR_RETURN(token.special, fields::optionalBool(item, "special", false, where));
            OFFSITE_ASSIGN_OR_RETURN(token.singleWord,
                                     fields::optionalBool(item, "single_word", false, where));
            OFFSITE_ASSIGN_OR_RETURN(token.lstrip, fields::optionalBool(item, "lstrip", false, where));
            OFFSITE_ASSIGN_OR_RETURN(token.rstrip, fields::optionalBool(item, "rstrip", false, where));
            OFFSITE_ASSIGN_OR_RETURN(token.normalized,
                                     fields::optionalBool(item, "normalized", !token.special, where));
            OFFSITE_TRY(vocab.add(token, model));
        }
    }
    vocab.buildTries();
    return vocab;
}

Status AddedVocabulary::add(const AddedToken& token, const BpeModel& model) {
    if (token.content.empty()) return {};  // HF ignores empty added tokens
    if (token.special && specialSet_.insert(token.content).second) {
        specialTokens_.push_back(token);
        specialOrder_.push_back(token.content);
    }
    // An identical token (all flags equal) is ignored. Such a token can only be stored under the id its
    // content already maps to, so one lookup answers what HF answers by scanning every added token.
    const std::optional<std::int32_t> known = tokenToId(token.content);
    if (known && byId_.find(*known)->second == token) return {};
    std::int32_t id = 0;
    if (known) {
        id = *known;
    } else if (const auto inModel = model.tokenToId(token.content)) {
        id = *inModel;
    } else {
        // HF: the model's entry count, or one past the largest added id once that reaches it.
        const auto entries = static_cast<std::int64_t>(modelEntries_);
        std::int64_t next = entries;
        if (maxAddedId_ >= 0 && (maxAddedId_ >= entries || entries == 0)) next = maxAddedId_ + 1;
        if (next >= kMaxTokenId) {
            return makeError(ErrorKind::LimitExceeded, "the added token " + fields::quoted(token.content) +
                                                           " would get an id above " +
                                                           std::to_string(kMaxTokenId));
        }
        id = static_cast<std::int32_t>(next);
    }
    maxAddedId_ = std::max<std::int64_t>(maxAddedId_, id);
    byContent_.insert_or_assign(token.content, id);
    byId_.insert_or_assign(id, token);
    if (!specialSet_.contains(token.content)) plainTokens_.push_back(token);
    return {};
}

void AddedVocabulary::buildTries() {
    // Specials first, then the others, each in order of addition (HF's trie pattern order).
    for (const std::vector<AddedToken>* list : {&specialTokens_, &plainTokens_}) {
        for (const AddedToken& token : *list) {
            // Partitioned by the listed token's flag; matches then use the flags stored for the id.
            const std::int32_t id = byContent_.find(token.content)->second;
            (token.normalized ? normalizedTrie_ : rawTrie_).insert(token.content, id);
        }
    }
}

void AddedVocabulary::findMatches(std::string_view sentence, std::size_t base, const Trie& trie,
                                  std::vector<Segment>& out) const {
    std::size_t startOffset = 0;
    std::size_t searchFrom = 0;
    while (const std::optional<Segment> match = trie.find(sentence, searchFrom)) {
        searchFrom = match->end;
        std::size_t start = match->begin;
        std::size_t stop = match->end;
        const AddedToken& token = byId_.find(match->id)->second;
        if (token.singleWord) {
            const bool wordBefore =
                start > 0 &&
                wordChar_->matchLengthAt(sentence, utf8::previousCharStart(sentence, start)).has_value();
            const bool wordAfter =
                stop < sentence.size() && wordChar_->matchLengthAt(sentence, stop).has_value();
            if (wordBefore || wordAfter) continue;
        }
        if (token.lstrip) {
            std::size_t newStart = start;
            while (newStart > 0) {
                const std::size_t prev = utf8::previousCharStart(sentence, newStart);
                if (!spaceChar_->matchLengthAt(sentence, prev)) break;
                newStart = prev;
            }
            start = std::max(newStart, startOffset);
        }
        if (token.rstrip) {
            while (stop < sentence.size()) {
                const std::optional<std::size_t> length = spaceChar_->matchLengthAt(sentence, stop);
                if (!length || *length == 0) break;
                stop += *length;
            }
        }
        if (startOffset < start)
            out.push_back(Segment{base + startOffset, base + start, Segment::kTextSegment});
        out.push_back(Segment{base + start, base + stop, match->id});
        startOffset = stop;
    }
    if (startOffset < sentence.size()) {
        out.push_back(Segment{base + startOffset, base + sentence.size(), Segment::kTextSegment});
    }
}

void AddedVocabulary::split(std::string_view text, std::vector<Segment>& out) const {
    std::vector<Segment> first;
    findMatches(text, 0, rawTrie_, first);
    for (const Segment& segment : first) {
        if (segment.id != Segment::kTextSegment) {
            out.push_back(segment);
            continue;
        }
        // Without a normalizer the normalized text is the text itself.
        findMatches(text.substr(segment.begin, segment.end - segment.begin), segment.begin, normalizedTrie_,
                    out);
    }
}

std::optional<std::int32_t> AddedVocabulary::tokenToId(std::string_view content) const {
    const auto it = byContent_.find(content);
    if (it == byContent_.end()) return std::nullopt;
    return it->second;
}

const AddedToken* AddedVocabulary::byId(std::int32_t id) const {
    const auto it = byId_.find(id);
    return it == byId_.end() ? nullptr : &it->second;
}

bool AddedVocabulary::isSpecialContent(std::string_view content) const {
    return specialSet_.contains(content);
}

std::int32_t AddedVocabulary::maxId() const {
    return byId_.empty() ? -1 : byId_.rbegin()->first;
}

}  // namespace offsite::tokenizer
