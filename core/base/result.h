// Errors as values at module boundaries: Result<T> holds either a T or an Error whose message a
// non-expert can act on (what failed, which file, what to do). Library code never throws across a
// module boundary and never exits.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace offsite {

// What kind of failure, so callers can react without parsing messages. 0 is deliberately not a valid kind.
enum class ErrorKind {
    InvalidInput = 1,   // a file or argument is malformed or violates a rule
    Unsupported,        // well-formed, but a kind/version/feature we do not handle
    NotFound,           // a file, tensor or key that should exist does not
    Io,                 // the operating system refused a read/write/rename/fsync
    LimitExceeded,      // a size, count or depth limit protects us from this input
    Integrity,          // a hash, signature or invariant does not match
    Cancelled,          // the user or a callback asked to stop; not a failure
    Internal,           // a bug or an unexpected library failure (with context)
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;

    // Prefixes context ("reading model.safetensors: ") while keeping the kind.
    [[nodiscard]] Error withContext(const std::string& context) const {
        return Error{kind, context + ": " + message};
    }
};

[[nodiscard]] inline Error makeError(ErrorKind kind, std::string message) {
    return Error{kind, std::move(message)};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
    Result(Error error) : state_(std::move(error)) {}        // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T& value() & { assert(ok()); return std::get<T>(state_); }
    [[nodiscard]] const T& value() const& { assert(ok()); return std::get<T>(state_); }
    [[nodiscard]] T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const Error& error() const { assert(!ok()); return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

// Result<void>: success or an Error.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : error_(std::move(error)) {}         // NOLINT(google-explicit-constructor)
    [[nodiscard]] bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { assert(!ok()); return *error_; }

private:
    std::optional<Error> error_;
};

}  // namespace offsite

// Propagates an error from an expression returning Result<T> or Status.
#define OFFSITE_TRY(expr)                                   \
    do {                                                    \
        auto&& offsite_try_result_ = (expr);                \
        if (!offsite_try_result_.ok()) return offsite_try_result_.error(); \
    } while (false)

#define OFFSITE_CONCAT_INNER(a, b) a##b
#define OFFSITE_CONCAT(a, b) OFFSITE_CONCAT_INNER(a, b)
// Assigns the value of a Result<T> expression to `lhs` or returns its error.
#define OFFSITE_ASSIGN_OR_RETURN(lhs, expr) \
    OFFSITE_ASSIGN_OR_RETURN_IMPL(OFFSITE_CONCAT(offsite_result_, __LINE__), lhs, expr)
#define OFFSITE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                                 \
    if (!tmp.ok()) return tmp.error();                 \
    lhs = std::move(tmp).value()
