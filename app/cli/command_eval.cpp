// `offsite eval`: zero-shot multiple choice (acc, acc_norm) from a JSONL file, or perplexity of a text file.
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "app/cli/text_model.h"
#include "core/base/file_io.h"
#include "core/evaluation/evaluation.h"
#include "core/json/json.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::cli {
namespace {

Result<int> runEval(const Arguments& args) {
    const std::filesystem::path folder = args.valueOr("model", demoModelFolder().string());
    OFFSITE_ASSIGN_OR_RETURN(auto load, loadOptions(args));
    evaluation::EvaluationOptions options;
    options.device = load.device;
    options.threads = load.threads;
    OFFSITE_ASSIGN_OR_RETURN(auto batch, args.integer("batch", 8, 1, 4096));
    options.batchSize = static_cast<int>(batch);
    ProgressBar bar("evaluating");
    options.progress = [&](std::size_t done, std::size_t total) {
        bar.update(double(done) / double(total), std::to_string(done) + "/" + std::to_string(total) + " sequences");
        return true;
    };
    const bool asJson = args.flag("json");
    json::Value out = json::Value::object();
    out.set("model", json::Value::string(folder.string()));
    if (auto mc = args.value("multiple-choice")) {
        OFFSITE_ASSIGN_OR_RETURN(auto items, evaluation::readMultipleChoiceJsonl(*mc));
        OFFSITE_ASSIGN_OR_RETURN(auto result, evaluation::evaluateMultipleChoice(folder, items, options));
        bar.finish();
        out.set("items", json::Value::integer(static_cast<std::int64_t>(result.items)));
        out.set("acc", json::Value::number(result.accuracy));
        out.set("acc_norm", json::Value::number(result.normalizedAccuracy));
        if (!asJson) {
            std::printf("%zu questions: acc %.4f, acc_norm %.4f\n", result.items, result.accuracy,
                        result.normalizedAccuracy);
        }
    } else if (auto text = args.value("text")) {
        OFFSITE_ASSIGN_OR_RETURN(auto tok, tokenizer::Tokenizer::fromFile(folder / "tokenizer.json"));
        OFFSITE_ASSIGN_OR_RETURN(auto content, readFile(*text, std::size_t{2} << 30));
        auto tokens = tok.encode(content, tokenizer::SpecialTokens::Skip);
        OFFSITE_ASSIGN_OR_RETURN(auto blockSize, args.integer("block-size", 512, 2, 1'000'000));
        OFFSITE_ASSIGN_OR_RETURN(auto result, evaluation::evaluatePerplexity(folder, tokens, static_cast<int>(blockSize), options));
        bar.finish();
        out.set("tokens", json::Value::integer(result.tokens));
        out.set("loss", json::Value::number(result.meanLoss));
        out.set("perplexity", json::Value::number(result.perplexity));
        if (!asJson) {
            std::printf("%lld tokens: loss %.4f, perplexity %.2f\n", static_cast<long long>(result.tokens),
                        result.meanLoss, result.perplexity);
        }
    } else {
        return makeError(ErrorKind::InvalidInput, "give --multiple-choice FILE.jsonl or --text FILE");
    }
    if (asJson) std::printf("%s\n", json::serialize(out).c_str());
    return kExitOk;
}

}  // namespace

Command evalCommand() {
    return Command{
        CommandSpec{"eval", "evaluate a model: multiple-choice accuracy or perplexity",
                    "offsite eval --model DIR (--multiple-choice FILE.jsonl | --text FILE) [options]",
                    {{"model", OptionKind::Value, "DIR", "model folder (default: the demo model)"},
                     {"multiple-choice", OptionKind::Value, "FILE", "JSONL of {context, choices, gold}"},
                     {"text", OptionKind::Value, "FILE", "text whose perplexity to measure"},
                     {"block-size", OptionKind::Value, "N", "tokens per perplexity block (default 512)"},
                     {"batch", OptionKind::Value, "N", "sequences per forward pass (default 8)"},
                     {"device", OptionKind::Value, "auto|cpu|cuda", "where to run (default auto)"},
                     {"threads", OptionKind::Value, "N", "CPU threads (default: all cores)"},
                     {"json", OptionKind::Flag, "", "machine-readable output"}},
                    0, 0},
        runEval};
}

}  // namespace offsite::cli
