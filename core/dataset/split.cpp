// Split and row normalization: SHA-256 (libsodium) over the seed and the normalized row; the first 8 bytes,
// read as a fraction of 2^64, are compared with the validation fraction.
#include "core/dataset/split.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace offsite::dataset {
namespace {

std::string normalizeValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\r' && i + 1 < value.size() && value[i + 1] == '\n') continue;
        out.push_back(value[i] == '\r' ? '\n' : value[i]);
    }
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
    const auto begin = std::find_if_not(out.begin(), out.end(), isSpace);
    const auto end = std::find_if_not(out.rbegin(), out.rend(), isSpace).base();
    return begin < end ? std::string(begin, end) : std::string();
}

void appendField(std::string& out, std::string_view value) {
    const std::string normalized = normalizeValue(value);
    out += std::to_string(normalized.size());
    out.push_back(':');
    out += normalized;
}

}  // namespace

std::string normalizedRow(const Example& example, TaskType task) {
    std::string out = std::to_string(static_cast<int>(task));
    out.push_back('|');
    switch (task) {
        case TaskType::PlainText:
            appendField(out, example.text);
            break;
        case TaskType::PromptCompletion:
            appendField(out, example.prompt);
            appendField(out, example.completion);
            break;
        case TaskType::Classification:
            appendField(out, example.text);
            appendField(out, example.label);
            break;
        case TaskType::MultipleChoice:
            appendField(out, example.context);
            out += std::to_string(example.choices.size());
            out.push_back('#');
            for (const auto& choice : example.choices) appendField(out, choice);
            out += std::to_string(example.answer);
            break;
    }
    return out;
}

SplitSide assignSplit(const Example& example, TaskType task, const SplitOptions& options) {
    const double fraction = std::clamp(options.validationFraction, 0.0, 1.0);
    if (fraction <= 0.0) return SplitSide::Train;
    if (fraction >= 1.0) return SplitSide::Validation;
    std::array<unsigned char, 8> seedBytes{};
    for (std::size_t i = 0; i < seedBytes.size(); ++i) {
        seedBytes[i] = static_cast<unsigned char>(options.seed >> (8 * i));
    }
    const std::string row = normalizedRow(example, task);
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, seedBytes.data(), seedBytes.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(row.data()), row.size());
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    std::uint64_t bucket = 0;
    for (std::size_t i = 0; i < 8; ++i) bucket = (bucket << 8) | digest[i];
    // 2^-64 * bucket is in [0, 1).
    const double position = static_cast<double>(bucket) * 0x1p-64;
    return position < fraction ? SplitSide::Validation : SplitSide::Train;
}

}  // namespace offsite::dataset
