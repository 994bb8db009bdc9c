// `offsite train`: fine-tune the adapter of a split model folder on a local text file (causal language modelling).
#include <cmath>
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/tokenizer/tokenizer.h"
#include "core/trainer/trainer.h"

namespace offsite::cli {
namespace {

constexpr std::size_t kMaxTextBytes = std::size_t{2} << 30;

Result<std::vector<std::int32_t>> tokenizeFile(const tokenizer::Tokenizer& tok, const std::filesystem::path& path) {
    OFFSITE_ASSIGN_OR_RETURN(auto text, readFile(path, kMaxTextBytes));
    return tok.encode(text, tokenizer::SpecialTokens::Skip);
}

Result<int> runTrain(const Arguments& args) {
    trainer::TrainingParams p;
    p.modelFolder = args.value("model").value_or("");
    if (p.modelFolder.empty()) return makeError(ErrorKind::InvalidInput, "give the split model folder with --model DIR");
    auto data = args.value("data");
    if (!data) return makeError(ErrorKind::InvalidInput, "give the training text with --data FILE");
    OFFSITE_ASSIGN_OR_RETURN(auto tok, tokenizer::Tokenizer::fromFile(p.modelFolder / "tokenizer.json"));
    OFFSITE_ASSIGN_OR_RETURN(auto tokens, tokenizeFile(tok, *data));
    if (auto validation = args.value("validation")) {
        OFFSITE_ASSIGN_OR_RETURN(p.validationTokens, tokenizeFile(tok, *validation));
        p.trainTokens = std::move(tokens);
    } else {
        // Hold out the last part of the text for validation (deterministic, no overlap).
        OFFSITE_ASSIGN_OR_RETURN(double fraction, args.number("validation-fraction", 0.1, 0.0, 0.5));
        auto held = static_cast<std::size_t>(std::floor(fraction * static_cast<double>(tokens.size())));
        p.validationTokens.assign(tokens.end() - static_cast<std::ptrdiff_t>(held), tokens.end());
        tokens.resize(tokens.size() - held);
        p.trainTokens = std::move(tokens);
    }
    OFFSITE_ASSIGN_OR_RETURN(auto steps, args.integer("steps", 100, 1, 10'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto block, args.integer("block-size", 128, 2, 1'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto batch, args.integer("batch", 4, 1, 4096));
    OFFSITE_ASSIGN_OR_RETURN(auto accumulation, args.integer("accumulation", 1, 1, 4096));
    OFFSITE_ASSIGN_OR_RETURN(auto warmup, args.integer("warmup", 0, 0, 10'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto evalEvery, args.integer("eval-every", 0, 0, 10'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto seed, args.integer("seed", 42, 0, 1LL << 62));
    OFFSITE_ASSIGN_OR_RETURN(auto threads, args.integer("threads", 0, 0, 1024));
    p.maxSteps = static_cast<int>(steps);
    p.blockSize = static_cast<int>(block);
    p.microBatch = static_cast<int>(batch);
    p.accumulation = static_cast<int>(accumulation);
    p.warmupSteps = static_cast<int>(warmup);
    p.evalEvery = static_cast<int>(evalEvery);
    p.seed = static_cast<std::uint64_t>(seed);
    p.threads = static_cast<int>(threads);
    OFFSITE_ASSIGN_OR_RETURN(p.learningRate, args.number("lr", 1e-4, 1e-12, 10.0));
    OFFSITE_ASSIGN_OR_RETURN(p.weightDecay, args.number("weight-decay", 0.0, 0.0, 10.0));
    OFFSITE_ASSIGN_OR_RETURN(p.clipNorm, args.number("clip", 1.0, 0.0, 1e9));
    const std::string schedule = args.valueOr("schedule", "linear");
    if (schedule == "linear") p.schedule = trainer::Schedule::Linear;
    else if (schedule == "cosine") p.schedule = trainer::Schedule::Cosine;
    else if (schedule == "constant") p.schedule = trainer::Schedule::Constant;
    else return makeError(ErrorKind::InvalidInput, "--schedule must be linear, cosine or constant");
    const std::string trainable = args.valueOr("trainable", "adapter");
    if (trainable == "adapter") p.trainable = trainer::TrainableSet::AdapterBlocks;
    else if (trainable == "top") p.trainable = trainer::TrainableSet::TopAdapterOnly;
    else if (trainable == "bitfit") p.trainable = trainer::TrainableSet::AdapterBitFit;
    else if (trainable == "all") p.trainable = trainer::TrainableSet::AllBlocks;
    else return makeError(ErrorKind::InvalidInput, "--trainable must be adapter, top, bitfit or all");
    p.order = args.flag("sequential") ? trainer::DataOrder::Sequential : trainer::DataOrder::Shuffled;
    p.outputAdapter = args.valueOr("out", "");
    p.outputModel = args.valueOr("out-model", "");
    if (p.outputAdapter.empty() && p.outputModel.empty()) {
        return makeError(ErrorKind::InvalidInput, "say where the tuned adapter goes: --out adapter.safetensors");
    }

    const bool asJson = args.flag("json");
    ProgressBar bar("training");
    auto result = trainer::train(p, [&](const trainer::StepMetrics& m) {
        if (asJson) {
            json::Value line = json::Value::object();
            line.set("step", json::Value::integer(m.step));
            line.set("loss", json::Value::number(m.loss));
            line.set("lr", json::Value::number(m.learningRate));
            line.set("grad_norm", json::Value::number(m.gradNorm));
            line.set("tokens_per_s", json::Value::number(m.tokensPerSecond));
            if (m.validationLoss >= 0) line.set("validation_loss", json::Value::number(m.validationLoss));
            std::printf("%s\n", json::serialize(line).c_str());
            std::fflush(stdout);
        } else {
            char detail[160];
            std::snprintf(detail, sizeof detail, "step %d/%d loss %.4f lr %.2e %.0f tok/s", m.step, m.totalSteps,
                          m.loss, m.learningRate, m.tokensPerSecond);
            bar.update(double(m.step) / double(m.totalSteps), detail);
            if (m.validationLoss >= 0 && !isTerminal(2)) {
                std::fprintf(stderr, "step %d: validation loss %.4f (perplexity %.2f)\n", m.step, m.validationLoss,
                             std::exp(m.validationLoss));
            }
        }
        return true;
    });
    if (!result.ok()) return result.error();
    bar.finish();
    if (!asJson) {
        std::printf("trained %d steps on %zu tokens: loss %.4f -> %.4f", result->steps, p.trainTokens.size(),
                    result->losses.front(), result->losses.back());
        if (result->bestValidationLoss >= 0) {
            std::printf("; best validation loss %.4f (perplexity %.2f) at step %d", result->bestValidationLoss,
                        std::exp(result->bestValidationLoss), result->bestStep);
        }
        std::printf("\n%s trainable parameters, %s frozen\n", humanCount(result->trainableParameters).c_str(),
                    humanCount(result->frozenParameters).c_str());
    }
    return kExitOk;
}

}  // namespace

Command trainCommand() {
    return Command{
        CommandSpec{"train", "fine-tune the adapter of a split model on a text file",
                    "offsite train --model SPLIT_DIR --data TEXT --out ADAPTER.safetensors [options]",
                    {{"model", OptionKind::Value, "DIR", "split model folder (from `offsite owner split`)"},
                     {"data", OptionKind::Value, "FILE", "training text (UTF-8)"},
                     {"validation", OptionKind::Value, "FILE", "validation text (default: hold out the end of --data)"},
                     {"validation-fraction", OptionKind::Value, "F", "share of --data held out (default 0.1)"},
                     {"out", OptionKind::Value, "FILE", "where the tuned adapter goes (safetensors)"},
                     {"out-model", OptionKind::Value, "DIR", "also write the whole tuned emulated model"},
                     {"steps", OptionKind::Value, "N", "optimizer steps (default 100)"},
                     {"lr", OptionKind::Value, "RATE", "peak learning rate (default 1e-4)"},
                     {"schedule", OptionKind::Value, "linear|cosine|constant", "learning-rate schedule"},
                     {"warmup", OptionKind::Value, "N", "warm-up steps (default 0)"},
                     {"block-size", OptionKind::Value, "N", "tokens per sequence (default 128)"},
                     {"batch", OptionKind::Value, "N", "sequences per micro-batch (default 4)"},
                     {"accumulation", OptionKind::Value, "N", "micro-batches per step (default 1)"},
                     {"weight-decay", OptionKind::Value, "W", "AdamW weight decay on matrices (default 0)"},
                     {"clip", OptionKind::Value, "NORM", "gradient clipping norm, 0 = off (default 1)"},
                     {"trainable", OptionKind::Value, "adapter|top|bitfit|all", "what trains (default adapter)"},
                     {"eval-every", OptionKind::Value, "N", "validate every N steps (default: at the end)"},
                     {"sequential", OptionKind::Flag, "", "take blocks in order instead of shuffled"},
                     {"seed", OptionKind::Value, "N", "random seed (default 42)"},
                     {"threads", OptionKind::Value, "N", "CPU threads (default: all cores)"},
                     {"json", OptionKind::Flag, "", "one JSON line per step"}},
                    0, 0},
        runTrain};
}

}  // namespace offsite::cli
