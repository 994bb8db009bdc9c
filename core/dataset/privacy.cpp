// Personal-data scan and salted fingerprint. The scan walks the text once per kind, blanking what it has
// counted (an IBAN's digits are not also a phone number), and never stores what it found.
#include "core/dataset/privacy.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>

#include "core/dataset/split.h"

namespace offsite::dataset {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool isAlnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// IBAN lengths by country (ISO 13616 registry, the countries users are most likely to meet).
int ibanLength(std::string_view country) {
    static const std::map<std::string_view, int> kLengths = {
        {"AD", 24}, {"AE", 23}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22}, {"CH", 21}, {"CY", 28},
        {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
        {"GB", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23},
        {"IS", 26}, {"IT", 27}, {"KW", 30}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27},
        {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"SA", 24},
        {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"TR", 26}, {"UA", 29},
    };
    auto it = kLengths.find(country);
    return it == kLengths.end() ? 0 : it->second;
}

void blank(std::string& text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) text[i] = ' ';
}

std::uint64_t countIbans(std::string& text) {
    std::uint64_t count = 0;
    for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        if (i > 0 && isAlnum(text[i - 1])) continue;
        if (!isUpper(text[i]) || !isUpper(text[i + 1]) || !isDigit(text[i + 2]) || !isDigit(text[i + 3]))
            continue;
        const int length = ibanLength(std::string_view(text).substr(i, 2));
        if (length == 0) continue;
        // Collect alphanumerics, allowing single spaces between groups, up to the country's length.
        std::string compact;
        std::size_t j = i;
        while (j < text.size() && static_cast<int>(compact.size()) < length) {
            const char c = text[j];
            if (isDigit(c) || isUpper(c)) {
                compact.push_back(c);
                ++j;
            } else if (c == ' ' && j + 1 < text.size() && isAlnum(text[j + 1])) {
                ++j;
            } else {
                break;
            }
        }
        if (static_cast<int>(compact.size()) != length) continue;
        if (j < text.size() && isAlnum(text[j])) continue;
        if (!isValidIban(compact)) continue;
        ++count;
        blank(text, i, j);
        i = j;
    }
    return count;
}

bool isLocalChar(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool isDomainChar(char c) {
    return isAlnum(c) || c == '.' || c == '-';
}

std::uint64_t countEmails(std::string& text) {
    std::uint64_t count = 0;
    for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
        std::size_t begin = at;
        while (begin > 0 && isLocalChar(text[begin - 1])) --begin;
        std::size_t end = at + 1;
        while (end < text.size() && isDomainChar(text[end])) ++end;
        while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;  // sentence punctuation
        if (begin == at || end == at + 1) continue;
        const std::string_view domain = std::string_view(text).substr(at + 1, end - at - 1);
        const auto dot = domain.rfind('.');
        if (dot == std::string_view::npos || dot == 0) continue;
        const std::string_view tld = domain.substr(dot + 1);
        if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), [](char c) {
                return std::isalpha(static_cast<unsigned char>(c)) != 0;
            })) {
            continue;
        }
        ++count;
        blank(text, begin, end);
        at = end - 1;
    }
    return count;
}

bool isNumberSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}

void countNumbers(std::string& text, PersonalDataCounts& counts) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        const bool starts =
            isDigit(c) || ((c == '+' || c == '(') && i + 1 < text.size() && isDigit(text[i + 1]));
        if (!starts || (i > 0 && (isAlnum(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '-'))) {
            ++i;
            continue;
        }
        // A run of digits with single separators between them.
        std::size_t j = i;
        std::string digits;
        bool separated = false;
        bool cardSeparatorsOnly = true;
        std::size_t groups = 0;
        std::size_t group = 0;
        std::size_t longestGroup = 0;
        while (j < text.size()) {
            const char d = text[j];
            if (isDigit(d)) {
                digits.push_back(d);
                if (group++ == 0) ++groups;
                longestGroup = std::max(longestGroup, group);
                ++j;
                if (j < text.size() && !isDigit(text[j])) group = 0;
            } else if ((d == '+' && j == i) || (d == '(' && (j == i || isNumberSeparator(text[j - 1])))) {
                ++j;
            } else if (isNumberSeparator(d) && j + 1 < text.size() &&
                       (isDigit(text[j + 1]) || text[j + 1] == '(') && j > i) {
                separated = true;
                if (d != ' ' && d != '-') cardSeparatorsOnly = false;
                ++j;
            } else if (d == ')' && j > i) {
                separated = true;
                cardSeparatorsOnly = false;
                ++j;
            } else {
                break;
            }
        }
        const bool glued = j < text.size() && isAlnum(text[j]);
        const bool plus = c == '+';
        if (!glued) {
            if (!plus && cardSeparatorsOnly && digits.size() >= 13 && digits.size() <= 19 &&
                passesLuhn(digits)) {
                ++counts.cardNumbers;
            } else if ((plus && digits.size() >= 8 && digits.size() <= 15) ||
                       (separated && groups >= 3 && longestGroup <= 4 && digits.size() >= 10 &&
                        digits.size() <= 13)) {
                ++counts.phoneNumbers;
            }
        }
        i = j > i ? j : i + 1;
    }
}

}  // namespace

bool passesLuhn(std::string_view digits) {
    int sum = 0;
    int count = 0;
    bool doubleIt = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (!isDigit(*it)) continue;
        int d = *it - '0';
        if (doubleIt) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        doubleIt = !doubleIt;
        ++count;
    }
    return count > 0 && sum % 10 == 0;
}

bool isValidIban(std::string_view compact) {
    if (compact.size() < 15 || compact.size() > 34) return false;
    if (!isUpper(compact[0]) || !isUpper(compact[1]) || !isDigit(compact[2]) || !isDigit(compact[3]))
        return false;
    // Move the first four characters to the end, letters to 10..35, and take the number mod 97 piecewise.
    int remainder = 0;
    for (std::size_t k = 0; k < compact.size(); ++k) {
        const char c = compact[(k + 4) % compact.size()];
        if (isDigit(c)) {
            remainder = (remainder * 10 + (c - '0')) % 97;
        } else if (isUpper(c)) {
            remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
        } else {
            return false;
        }
    }
    return remainder == 1;
}

void scanPersonalData(std::string_view text, PersonalDataCounts& counts) {
    std::string work(text);
    counts.ibans += countIbans(work);
    counts.emails += countEmails(work);
    countNumbers(work, counts);
}

std::string makeFingerprintSalt() {
    std::array<unsigned char, 32> salt{};
    if (sodium_init() < 0) {
        // randombytes_buf still works without sodium_init on Linux (getrandom); init only picks the fast
        // path.
    }
    randombytes_buf(salt.data(), salt.size());
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), salt.data(), salt.size());
    return std::string(hex.data(), 64);
}

struct Fingerprinter::State {
    crypto_hash_sha256_state sha;
};

Fingerprinter::Fingerprinter(std::string_view salt) : state_(std::make_unique<State>()) {
    crypto_hash_sha256_init(&state_->sha);
    const std::string prefix = "offsite-dataset-fingerprint-v1|" + std::to_string(salt.size()) + ":";
    crypto_hash_sha256_update(&state_->sha, reinterpret_cast<const unsigned char*>(prefix.data()),
                              prefix.size());
    crypto_hash_sha256_update(&state_->sha, reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
}
Fingerprinter::Fingerprinter(Fingerprinter&&) noexcept = default;
Fingerprinter& Fingerprinter::operator=(Fingerprinter&&) noexcept = default;
Fingerprinter::~Fingerprinter() = default;

void Fingerprinter::addRow(const Example& example, TaskType task) {
    const std::string row = normalizedRow(example, task);
    const std::string length = std::to_string(row.size()) + ":";
    crypto_hash_sha256_update(&state_->sha, reinterpret_cast<const unsigned char*>(length.data()),
                              length.size());
    crypto_hash_sha256_update(&state_->sha, reinterpret_cast<const unsigned char*>(row.data()), row.size());
}

std::string Fingerprinter::finishHex() {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state_->sha, digest.data());
    std::array<char, 2 * crypto_hash_sha256_BYTES + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), 2 * crypto_hash_sha256_BYTES);
}

}  // namespace offsite::dataset
