// Loading and running the BPE model. Loading validates everything Hugging Face validates (merge tokens and
// their concatenations must be in the vocabulary) plus size limits; tokenizing follows HF's merge order
// exactly so ids match token for token.
#include "core/tokenizer/bpe_model.h"

#include <mutex>
#include <queue>

#include "core/tokenizer/json_fields.h"
#include "core/tokenizer/utf8.h"

namespace offsite::tokenizer {

struct BpeModel::Cache {
    static constexpr std::size_t kCapacity = 10000;
    static constexpr std::size_t kMaxWordBytes = 256;
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<std::int32_t>, StringHash, std::equal_to<>> words;
};

namespace {

constexpr std::string_view kWhere = "the BPE model";

std::uint64_t pairKey(std::int32_t left, std::int32_t right) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) |
           static_cast<std::uint32_t>(right);
}

Status checkUnsupportedOptions(const json::Value& model) {
    const auto nonEmptyString = [&](std::string_view key) {
        const json::Value* v = model.find(key);
        return v != nullptr && !v->isNull() && !(v->isString() && v->asString()->empty());
    };
    for (const std::string_view key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
        if (nonEmptyString(key)) {
            return makeError(
                ErrorKind::Unsupported,
                "the BPE model sets " + fields::quoted(key) +
                    ", which byte-level BPE tokenizers (GPT-2, OPT, Llama 3, SmolLM2) do not use; "
                    "Offsite Studio does not support it");
        }
    }
    OFFSITE_ASSIGN_OR_RETURN(const bool byteFallback,
                             fields::optionalBool(model, "byte_fallback", false, kWhere));
    if (byteFallback) {
        return makeError(ErrorKind::Unsupported,
                         "the BPE model uses byte_fallback (SentencePiece-style, e.g. Llama 2 or Mistral); "
                         "Offsite Studio reads byte-level BPE tokenizers (GPT-2, OPT, Llama 3, SmolLM2)");
    }
    if (const json::Value* dropout = model.find("dropout"); dropout != nullptr && !dropout->isNull()) {
        const std::optional<double> d = dropout->asDouble();
        if (!d || *d != 0.0) {
            return makeError(ErrorKind::Unsupported,
                             "the BPE model sets a dropout, which makes tokenization random; set \"dropout\" "
                             "to null for inference and training data preparation");
        }
    }
    return {};
}

}  // namespace

BpeModel::BpeModel() : cache_(std::make_unique<Cache>()) {}
BpeModel::BpeModel(BpeModel&&) noexcept = default;
BpeModel& BpeModel::operator=(BpeModel&&) noexcept = default;
BpeModel::~BpeModel() = default;

Result<BpeModel> BpeModel::fromJson(const json::Value& model) {
    OFFSITE_TRY(checkUnsupportedOptions(model));
    BpeModel bpe;
    OFFSITE_ASSIGN_OR_RETURN(bpe.ignoreMerges_, fields::optionalBool(model, "ignore_merges", false, kWhere));
    OFFSITE_ASSIGN_OR_RETURN(bpe.fuseUnk_, fields::optionalBool(model, "fuse_unk", false, kWhere));

    OFFSITE_ASSIGN_OR_RETURN(const json::Value* vocab, fields::required(model, "vocab", kWhere));
    if (!vocab->isObject()) {
        return makeError(ErrorKind::InvalidInput, "the BPE model's \"vocab\" must be an object of token: id");
    }
    if (vocab->size() > kMaxVocabEntries) {
        return makeError(ErrorKind::LimitExceeded, "the vocabulary has " + std::to_string(vocab->size()) +
                                                       " entries; Offsite Studio "
                                                       "accepts at most " +
                                                       std::to_string(kMaxVocabEntries));
    }
    bpe.vocab_.reserve(vocab->size());
    std::int32_t maxId = -1;
    for (const auto& [token, idValue] : vocab->members()) {
        OFFSITE_ASSIGN_OR_RETURN(const std::int32_t id,
                                 fields::tokenId(idValue, "the vocabulary entry " + fields::quoted(token)));
        if (id >= kMaxTokenId) {
            return makeError(ErrorKind::LimitExceeded,
                             "the vocabulary gives " + fields::quoted(token) + " the id " +
                                 std::to_string(id) + "; ids must be below " + std::to_string(kMaxTokenId));
        }
        bpe.vocab_.emplace(token, id);
        maxId = std::max(maxId, id);
    }
    bpe.byId_.assign(static_cast<std::size_t>(maxId + 1), nullptr);
    for (const auto& entry : bpe.vocab_) {
        const std::string*& slot = bpe.byId_[static_cast<std::size_t>(entry.second)];
        if (slot != nullptr) {
            const bool firstIsSmaller = *slot < entry.first;
            return makeError(ErrorKind::InvalidInput,
                             "the vocabulary gives the id " + std::to_string(entry.second) + " to both " +
                                 fields::quoted(firstIsSmaller ? *slot : entry.first) + " and " +
                                 fields::quoted(firstIsSmaller ? entry.first : *slot) +
                                 "; each id must name one token");
        }
        slot = &entry.first;
    }

    if (const json::Value* unk = model.find("unk_token"); unk != nullptr && !unk->isNull()) {
        if (!unk->isString())
            return makeError(ErrorKind::InvalidInput, "the BPE model's \"unk_token\" must be a string");
        const auto it = bpe.vocab_.find(*unk->asString());
        if (it == bpe.vocab_.end()) {
            return makeError(ErrorKind::InvalidInput, "the BPE model's unk_token " +
                                                          fields::quoted(*unk->asString()) +
                                                          " is not in the vocabulary");
        }
        bpe.unkId_ = it->second;
    }

    OFFSITE_ASSIGN_OR_RETURN(const json::Value* merges, fields::required(model, "merges", kWhere));
    if (!merges->isArray()) {
        return makeError(ErrorKind::InvalidInput,
                         "the BPE model's \"merges\" must be a list of \"a b\" strings or [a, b] pairs");
    }
    if (merges->size() > kMaxMerges) {
        return makeError(ErrorKind::LimitExceeded, "the BPE model has " + std::to_string(merges->size()) +
                                                       " merges; Offsite Studio accepts at most " +
                                                       std::to_string(kMaxMerges));
    }
    bpe.merges_.reserve(merges->size());
    std::uint32_t rank = 0;
    std::string joined;
    for (const json::Value& item : merges->items()) {
        std::string_view left;
        std::string_view right;
        if (item.isString()) {
            const std::string& line = *item.asString();
            if (line.starts_with("#version")) continue;  // legacy merges.txt header, skipped by HF too
            const std::size_t space = line.find(' ');
            if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos) {
                return makeError(ErrorKind::InvalidInput, "merge " + std::to_string(rank + 1) + " " +
                                                              fields::quoted(line) +
                                                              " must be two tokens separated by one space");
            }
            left = std::string_view(line).substr(0, space);
            right = std::string_view(line).substr(space + 1);
        } else if (item.isArray() && item.size() == 2 && item.items()[0].isString() &&
                   item.items()[1].isString()) {
            left = *item.items()[0].asString();
            right = *item.items()[1].asString();
        } else {
            return makeError(ErrorKind::InvalidInput, "merge " + std::to_string(rank + 1) +
                                                          " must be an \"a b\" string or a pair of strings");
        }
        const auto find = [&](std::string_view token) -> Result<std::int32_t> {
            const auto it = bpe.vocab_.find(token);
            if (it == bpe.vocab_.end()) {
                return makeError(
                    ErrorKind::InvalidInput,
                    "merge " + std::to_string(rank + 1) + " (" + fields::quoted(left) + " + " +
                        fields::quoted(right) + ") refers to the token " + fields::quoted(token) +
                        ", which is not in the vocabulary; the merges and the vocab do not belong "
                        "together");
            }
            return it->second;
        };
        OFFSITE_ASSIGN_OR_RETURN(const std::int32_t leftId, find(left));
        OFFSITE_ASSIGN_OR_RETURN(const std::int32_t rightId, find(right));
        joined.assign(left);
        joined.append(right);
        OFFSITE_ASSIGN_OR_RETURN(const std::int32_t newId, find(joined));
        // Later duplicates overwrite earlier ones, as in HF's HashMap collect.
        bpe.merges_.insert_or_assign(pairKey(leftId, rightId), MergeInfo{rank, newId});
        ++rank;
    }
    return bpe;
}

std::optional<std::int32_t> BpeModel::tokenToId(std::string_view token) const {
    const auto it = vocab_.find(token);
    if (it == vocab_.end()) return std::nullopt;
    return it->second;
}

const std::string* BpeModel::idToToken(std::int32_t id) const {
    if (id < 0 || static_cast<std::size_t>(id) >= byId_.size()) return nullptr;
    return byId_[static_cast<std::size_t>(id)];
}

void BpeModel::tokenize(std::string_view word, std::vector<std::int32_t>& out) const {
    if (word.empty()) return;
    if (ignoreMerges_) {
        if (const auto it = vocab_.find(word); it != vocab_.end()) {
            out.push_back(it->second);
            return;
        }
    }
    const bool cacheable = word.size() < Cache::kMaxWordBytes;
    if (cacheable) {
        std::lock_guard lock(cache_->mutex);
        if (const auto it = cache_->words.find(word); it != cache_->words.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    const std::size_t mark = out.size();
    mergeWord(word, out);
    if (cacheable) {
        std::lock_guard lock(cache_->mutex);
        if (cache_->words.size() < Cache::kCapacity) {
            cache_->words.emplace(
                std::string(word),
                std::vector<std::int32_t>(out.begin() + static_cast<std::ptrdiff_t>(mark), out.end()));
        }
    }
}

void BpeModel::mergeWord(std::string_view word, std::vector<std::int32_t>& out) const {
    struct Symbol {
        std::int32_t id;
        std::int32_t prev;
        std::int32_t next;
        bool removed;
    };
    std::vector<Symbol> symbols;
    symbols.reserve(word.size());
    const auto add = [&](std::int32_t id) {
        const auto index = static_cast<std::int32_t>(symbols.size());
        symbols.push_back(Symbol{id, index - 1, index + 1, false});
    };
    // Characters missing from the vocabulary become the unknown token (fused if asked) or are dropped
    // when there is none, exactly like HF's BPE::merge_word.
    constexpr std::int32_t kNone = -1;
    std::int32_t pendingUnk = kNone;
    std::size_t pos = 0;
    while (pos < word.size()) {
        const std::size_t length = utf8::charLength(static_cast<unsigned char>(word[pos]));
        const auto it = vocab_.find(word.substr(pos, length));
        pos += length;
        if (it != vocab_.end()) {
            if (pendingUnk != kNone) {
                add(pendingUnk);
                pendingUnk = kNone;
            }
            add(it->second);
        } else if (unkId_) {
            if (pendingUnk != kNone && !fuseUnk_) add(pendingUnk);
            pendingUnk = *unkId_;
        }
    }
    if (pendingUnk != kNone) add(pendingUnk);
    if (symbols.empty()) return;
    symbols.back().next = -1;

    struct Candidate {
        std::uint32_t rank;
        std::int32_t pos;
        std::int32_t newId;
        bool operator>(const Candidate& other) const {
            return rank != other.rank ? rank > other.rank : pos > other.pos;
        }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    const auto lookup = [&](std::int32_t left, std::int32_t right) -> const MergeInfo* {
        const auto it = merges_.find(pairKey(left, right));
        return it == merges_.end() ? nullptr : &it->second;
    };
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
        if (const MergeInfo* m = lookup(symbols[i].id, symbols[i + 1].id)) {
            queue.push(Candidate{m->rank, static_cast<std::int32_t>(i), m->newId});
        }
    }
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        Symbol& current = symbols[static_cast<std::size_t>(top.pos)];
        if (current.removed || current.next == -1) continue;
        const std::int32_t nextPos = current.next;
        Symbol& right = symbols[static_cast<std::size_t>(nextPos)];
        const MergeInfo* still = lookup(current.id, right.id);
        if (still == nullptr || still->newId != top.newId) continue;  // stale entry

        current.id = top.newId;
        current.next = right.next;
        right.removed = true;
        if (right.next != -1) symbols[static_cast<std::size_t>(right.next)].prev = top.pos;

        if (current.prev >= 0) {
            const Symbol& prev = symbols[static_cast<std::size_t>(current.prev)];
            if (const MergeInfo* m = lookup(prev.id, current.id))
                queue.push(Candidate{m->rank, current.prev, m->newId});
        }
        if (current.next != -1) {
            const Symbol& next = symbols[static_cast<std::size_t>(current.next)];
            if (const MergeInfo* m = lookup(current.id, next.id))
                queue.push(Candidate{m->rank, top.pos, m->newId});
        }
    }
    for (const Symbol& s : symbols) {
        if (!s.removed) out.push_back(s.id);
    }
}

}  // namespace offsite::tokenizer
