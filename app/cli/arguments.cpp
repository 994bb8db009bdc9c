// Parsing of `--name value`, `--name=value`, flags and positionals against a CommandSpec.
#include "app/cli/arguments.h"

#include <charconv>
#include <cmath>

namespace offsite::cli {
namespace {

const OptionSpec* findOption(const CommandSpec& spec, const std::string& name) {
    for (const auto& option : spec.options) {
        if (option.name == name) return &option;
    }
    return nullptr;
}

}  // namespace

Result<Arguments> Arguments::parse(const CommandSpec& spec, const std::vector<std::string>& args) {
    Arguments out;
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg.size() < 2 || arg.rfind("--", 0) != 0) {
            if (!optionsEnded && arg.size() > 1 && arg[0] == '-' && arg != "-") {
                return makeError(ErrorKind::InvalidInput, "unknown option \"" + arg + "\" for `offsite " +
                                                              spec.name + "`; see `offsite " + spec.name + " --help`");
            }
            out.positionals_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        const OptionSpec* option = findOption(spec, name);
        if (option == nullptr) {
            return makeError(ErrorKind::InvalidInput, "unknown option \"--" + name + "\" for `offsite " + spec.name +
                                                          "`; see `offsite " + spec.name + " --help`");
        }
        if (option->kind == OptionKind::Flag) {
            if (inlineValue) {
                return makeError(ErrorKind::InvalidInput, "the option --" + name + " takes no value");
            }
            out.flags_[name] = true;
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                return makeError(ErrorKind::InvalidInput, "the option --" + name + " needs a value (" +
                                                              option->valueName + ")");
            }
            inlineValue = args[++i];
        }
        out.values_[name] = *inlineValue;
        out.repeated_[name].push_back(*inlineValue);
    }
    if (out.positionals_.size() < spec.minPositionals || out.positionals_.size() > spec.maxPositionals) {
        return makeError(ErrorKind::InvalidInput, "wrong number of arguments; usage: " + spec.usage);
    }
    return out;
}

std::optional<std::string> Arguments::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Arguments::values(const std::string& name) const {
    auto it = repeated_.find(name);
    return it == repeated_.end() ? std::vector<std::string>() : it->second;
}

std::string Arguments::valueOr(const std::string& name, const std::string& fallback) const {
    return value(name).value_or(fallback);
}

Result<long long> Arguments::integer(const std::string& name, long long fallback, long long lo, long long hi) const {
    auto text = value(name);
    if (!text) return fallback;
    long long parsed = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (ec != std::errc() || end != text->data() + text->size()) {
        return makeError(ErrorKind::InvalidInput, "--" + name + " expects a whole number, not \"" + *text + "\"");
    }
    if (parsed < lo || parsed > hi) {
        return makeError(ErrorKind::InvalidInput, "--" + name + " must be between " + std::to_string(lo) + " and " +
                                                      std::to_string(hi));
    }
    return parsed;
}

Result<double> Arguments::number(const std::string& name, double fallback, double lo, double hi) const {
    auto text = value(name);
    if (!text) return fallback;
    double parsed = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (ec != std::errc() || end != text->data() + text->size() || !std::isfinite(parsed)) {
        return makeError(ErrorKind::InvalidInput, "--" + name + " expects a number, not \"" + *text + "\"");
    }
    if (parsed < lo || parsed > hi) {
        return makeError(ErrorKind::InvalidInput, "--" + name + " must be between " + std::to_string(lo) + " and " +
                                                      std::to_string(hi));
    }
    return parsed;
}

std::string helpText(const CommandSpec& spec) {
    std::string text = spec.summary + "\n\nUsage: " + spec.usage + "\n";
    if (!spec.options.empty()) text += "\nOptions:\n";
    for (const auto& option : spec.options) {
        std::string left = "  --" + option.name;
        if (option.kind == OptionKind::Value) left += " " + option.valueName;
        if (left.size() < 28) left.resize(28, ' ');
        else left += "  ";
        text += left + option.help + "\n";
    }
    text += "  --help                    show this help\n";
    return text;
}

}  // namespace offsite::cli
