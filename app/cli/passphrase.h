// Passphrases for the key files: from a no-echo prompt on the controlling terminal, or from --passphrase-file
// for automation. Never from the command line (it would show in `ps` and the shell history). The passphrase
// goes straight into guarded memory; the read buffers are wiped.
#pragma once

#include <string_view>

#include "app/cli/arguments.h"
#include "core/base/result.h"
#include "core/crypto/secret_bytes.h"

namespace offsite::cli {

enum class PassphrasePurpose { OpenKey = 1, NewKey };

// The option every command that opens a key file offers.
[[nodiscard]] OptionSpec passphraseFileOption();

// NewKey asks twice on a terminal and refuses an empty passphrase.
[[nodiscard]] Result<crypto::SecretBytes> readPassphrase(const Arguments& args,
                                                         std::string_view keyDescription,
                                                         PassphrasePurpose purpose);

}  // namespace offsite::cli
