// Privacy aids for data sets: a scan that counts likely personal data (e-mail addresses, phone numbers,
// payment card numbers that pass the Luhn check, IBANs that pass the mod-97 check) without keeping any of it,
// and a salted fingerprint that identifies a data set's content for provenance without revealing it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/dataset/dataset.h"

namespace offsite::dataset {

struct PersonalDataCounts {
    std::uint64_t emails = 0;
    std::uint64_t phoneNumbers = 0;
    std::uint64_t cardNumbers = 0;
    std::uint64_t ibans = 0;
    // Rows with at least one hit.
    std::uint64_t rowsWithPersonalData = 0;
};

// Adds what `text` contains to `counts` (not rowsWithPersonalData). Heuristics, tuned against false alarms:
// phone numbers need a leading "+" or three or more groups of at most 4 digits (a bare run of digits is an
// id, not a phone number); card numbers are 13-19 digits passing Luhn; IBANs need the right length for their
// country and mod 97 == 1.
void scanPersonalData(std::string_view text, PersonalDataCounts& counts);

// The Luhn check over the digits of `digits` (non-digits ignored).
[[nodiscard]] bool passesLuhn(std::string_view digits);
// The ISO 13616 check of a compact IBAN ("DE89370400440532013000").
[[nodiscard]] bool isValidIban(std::string_view compact);

// 32 random bytes as lowercase hex, generated once per workspace and stored with it.
[[nodiscard]] std::string makeFingerprintSalt();

// SHA-256 over the salt and each normalized row in order; the hex digest is the fingerprint. Without the salt
// nobody can confirm a guess of the content from the fingerprint.
class Fingerprinter {
public:
    explicit Fingerprinter(std::string_view salt);
    Fingerprinter(Fingerprinter&&) noexcept;
    Fingerprinter& operator=(Fingerprinter&&) noexcept;
    Fingerprinter(const Fingerprinter&) = delete;
    Fingerprinter& operator=(const Fingerprinter&) = delete;
    ~Fingerprinter();

    void addRow(const Example& example, TaskType task);
    [[nodiscard]] std::string finishHex();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace offsite::dataset
