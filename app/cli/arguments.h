// Command-line arguments of one `offsite` subcommand: declared options (with help text), positional
// arguments, and a clear message for anything unknown or missing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace offsite::cli {

enum class OptionKind { Flag = 1, Value };

struct OptionSpec {
    std::string name;  // without the leading "--"
    OptionKind kind = OptionKind::Value;
    std::string valueName;  // "N", "PATH", ... for help
    std::string help;
};

struct CommandSpec {
    std::string name;
    std::string summary;
    std::string usage;  // e.g. "offsite inspect PATH [options]"
    std::vector<OptionSpec> options;
    std::size_t minPositionals = 0;
    std::size_t maxPositionals = 0;
};

class Arguments {
public:
    [[nodiscard]] static Result<Arguments> parse(const CommandSpec& spec, const std::vector<std::string>& args);

    [[nodiscard]] bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    [[nodiscard]] std::optional<std::string> value(const std::string& name) const;  // the last one given
    // Every value of an option that may be repeated (`--old A --old B`), in the order given.
    [[nodiscard]] std::vector<std::string> values(const std::string& name) const;
    [[nodiscard]] std::string valueOr(const std::string& name, const std::string& fallback) const;
    [[nodiscard]] Result<long long> integer(const std::string& name, long long fallback, long long lo, long long hi) const;
    [[nodiscard]] Result<double> number(const std::string& name, double fallback, double lo, double hi) const;
    [[nodiscard]] const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::map<std::string, bool> flags_;
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> repeated_;
    std::vector<std::string> positionals_;
};

[[nodiscard]] std::string helpText(const CommandSpec& spec);

}  // namespace offsite::cli
