// Fingerprints of public keys, for the first-trust ceremony (PKG-7): what a person reads aloud or compares
// over another channel (phone, paper) before trusting a key. Derived from the key itself, unlike minisign's
// key id, which is random and says nothing about the key bytes.
#pragma once

#include <string>

#include "core/crypto/age.h"
#include "core/crypto/minisign.h"

namespace offsite::crypto {

// SHA-256 of the minisign public key blob ("Ed" || key id || Ed25519 key), the first 128 bits as 8 groups of
// four upper-case hex digits: "3F2A 91C0 ...".
[[nodiscard]] std::string keyFingerprint(const MinisignPublicKey& key);
// The same for an age recipient's X25519 key.
[[nodiscard]] std::string keyFingerprint(const AgeRecipient& recipient);

}  // namespace offsite::crypto
