// `offsite tokenize`: token ids (and their pieces) of a text under a model's tokenizer.json, or the text of ids.
#include <cstdio>
#include <sstream>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::cli {
namespace {

Result<int> runTokenize(const Arguments& args) {
    std::filesystem::path path = args.valueOr("tokenizer", demoModelFolder().string());
    if (std::filesystem::is_directory(path)) path /= "tokenizer.json";
    OFFSITE_ASSIGN_OR_RETURN(auto tok, tokenizer::Tokenizer::fromFile(path));

    if (auto ids = args.value("decode")) {
        std::vector<std::int32_t> tokens;
        std::istringstream in(*ids);
        std::string word;
        while (in >> word) {
            try {
                tokens.push_back(static_cast<std::int32_t>(std::stol(word)));
            } catch (const std::exception&) {
                return makeError(ErrorKind::InvalidInput, "--decode expects token ids separated by spaces");
            }
        }
        std::printf("%s\n", tok.decode(tokens, tokenizer::SkipSpecial::No).c_str());
        return kExitOk;
    }

    std::string text;
    if (auto file = args.value("file")) {
        OFFSITE_ASSIGN_OR_RETURN(text, readFile(*file, 256u << 20));
    } else if (!args.positionals().empty()) {
        text = args.positionals()[0];
    } else {
        return makeError(ErrorKind::InvalidInput, "give a text: offsite tokenize \"Hello world\" (or --file F)");
    }
    auto special = args.flag("no-special") ? tokenizer::SpecialTokens::Skip : tokenizer::SpecialTokens::Add;
    auto ids = tok.encode(text, special);
    if (args.flag("json")) {
        json::Value list = json::Value::array();
        for (auto id : ids) list.push(json::Value::integer(id));
        std::printf("%s\n", json::serialize(list).c_str());
    } else if (args.flag("ids")) {
        for (std::size_t i = 0; i < ids.size(); ++i) std::printf("%s%d", i ? " " : "", ids[i]);
        std::printf("\n");
    } else {
        std::vector<std::vector<std::string>> rows;
        for (auto id : ids) {
            rows.push_back({std::to_string(id), tok.idToToken(id).value_or("?"),
                            tok.decode(std::vector<std::int32_t>{id}, tokenizer::SkipSpecial::No)});
        }
        printTable({"id", "token", "text"}, rows);
        std::printf("\n%zu tokens, %zu bytes\n", ids.size(), text.size());
    }
    return kExitOk;
}

}  // namespace

Command tokenizeCommand() {
    return Command{
        CommandSpec{"tokenize", "show the token ids of a text (or the text of token ids)",
                    "offsite tokenize TEXT [--tokenizer PATH] [--ids|--json] [--no-special] | --decode \"IDS\"",
                    {{"tokenizer", OptionKind::Value, "PATH", "tokenizer.json or a model folder (default: demo model)"},
                     {"file", OptionKind::Value, "FILE", "tokenize the contents of FILE"},
                     {"ids", OptionKind::Flag, "", "print only the ids"},
                     {"json", OptionKind::Flag, "", "print the ids as a JSON list"},
                     {"no-special", OptionKind::Flag, "", "do not add the special tokens the tokenizer adds"},
                     {"decode", OptionKind::Value, "IDS", "decode space-separated token ids instead"}},
                    0, 1},
        runTokenize};
}

}  // namespace offsite::cli
