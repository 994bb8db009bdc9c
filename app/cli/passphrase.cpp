// No-echo passphrase prompt (termios on /dev/tty) and --passphrase-file.
#include "app/cli/passphrase.h"

#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/base/file_io.h"

namespace offsite::cli {
namespace {

constexpr std::size_t kPassphraseMaxBytes = 1024;

// Wipes a std::string's bytes before it is released.
struct WipedString {
    std::string text;
    ~WipedString() { sodium_memzero(text.data(), text.size()); }
};

void stripLineEnd(std::string& text) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    if (!text.empty() && text.back() == '\r') text.pop_back();
}

Result<crypto::SecretBytes> toSecret(const std::string& text) {
    return crypto::SecretBytes::copyOf(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

// Reads one line from the terminal with echo off. The terminal settings are restored even on error.
Result<bool> promptLine(int fd, std::string_view prompt, std::string& out) {
    if (::write(fd, prompt.data(), prompt.size()) < 0) {
        return makeError(ErrorKind::Io, "cannot write the passphrase prompt to the terminal");
    }
    termios saved{};
    if (::tcgetattr(fd, &saved) != 0) return makeError(ErrorKind::Io, "cannot read the terminal settings");
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    if (::tcsetattr(fd, TCSAFLUSH, &quiet) != 0)
        return makeError(ErrorKind::Io, "cannot turn terminal echo off");
    bool ended = false;
    while (out.size() <= kPassphraseMaxBytes) {
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (c == '\n' || c == '\r') {
            ended = true;
            break;
        }
        out.push_back(c);
    }
    ::tcsetattr(fd, TCSAFLUSH, &saved);
    sodium_memzero(&quiet, sizeof quiet);
    if (out.size() > kPassphraseMaxBytes) {
        return makeError(ErrorKind::LimitExceeded, "the passphrase is longer than 1024 bytes");
    }
    return ended;
}

}  // namespace

OptionSpec passphraseFileOption() {
    return {"passphrase-file", OptionKind::Value, "FILE",
            "read the key's passphrase from the first line of FILE (for scripts; otherwise you are asked)"};
}

Result<crypto::SecretBytes> readPassphrase(const Arguments& args, std::string_view keyDescription,
                                           PassphrasePurpose purpose) {
    if (auto file = args.value("passphrase-file")) {
        auto text = readFile(*file, kPassphraseMaxBytes + 2);
        if (!text.ok()) return text.error().withContext("reading the passphrase file");
        WipedString line{std::move(text).value()};
        const std::size_t nl = line.text.find('\n');
        if (nl != std::string::npos) line.text.resize(nl + 1);
        stripLineEnd(line.text);
        if (purpose == PassphrasePurpose::NewKey && line.text.empty()) {
            return makeError(ErrorKind::InvalidInput,
                             *file + ": the passphrase file is empty; a key needs a passphrase");
        }
        return toSecret(line.text);
    }
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        return makeError(ErrorKind::InvalidInput, "there is no terminal to ask for the passphrase of " +
                                                      std::string(keyDescription) +
                                                      "; give it with --passphrase-file FILE");
    }
    struct CloseFd {
        int fd;
        ~CloseFd() { ::close(fd); }
    } closer{fd};
    WipedString first;
    OFFSITE_ASSIGN_OR_RETURN(
        const bool ended, promptLine(fd, "Passphrase for " + std::string(keyDescription) + ": ", first.text));
    if (!ended) return makeError(ErrorKind::Cancelled, "no passphrase was entered");
    if (purpose == PassphrasePurpose::NewKey) {
        if (first.text.empty())
            return makeError(ErrorKind::InvalidInput, "a key needs a passphrase; nothing was written");
        WipedString second;
        OFFSITE_ASSIGN_OR_RETURN(const bool again, promptLine(fd, "Same passphrase again: ", second.text));
        if (!again || second.text != first.text) {
            return makeError(ErrorKind::InvalidInput, "the two passphrases differ; nothing was written");
        }
    }
    return toSecret(first.text);
}

}  // namespace offsite::cli
