// `offsite owner distill`: the model owner trains the emulator of a split against the full model's original middle
// blocks on a local text corpus and writes a new split folder with the distilled emulator.
#include <cmath>
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "app/cli/train_settings.h"
#include "core/base/file_io.h"
#include "core/distill/distill.h"
#include "core/json/json.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::cli {
namespace {

constexpr std::size_t kMaxTextBytes = std::size_t{2} << 30;

Result<std::vector<std::int32_t>> tokenizeFile(const tokenizer::Tokenizer& tok, const std::filesystem::path& path) {
    OFFSITE_ASSIGN_OR_RETURN(auto text, readFile(path, kMaxTextBytes));
    return tok.encode(text, tokenizer::SpecialTokens::Skip);
}

std::string perplexityText(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

Result<int> runDistill(const Arguments& args) {
    distill::DistillParams p;
    OFFSITE_ASSIGN_OR_RETURN(p.device, readDevice(args));  // before any file is read or written
    p.fullModel = args.valueOr("full", "");
    p.splitFolder = args.valueOr("split", "");
    p.output = args.valueOr("output", "");
    if (p.fullModel.empty()) return makeError(ErrorKind::InvalidInput, "give the full model folder with --full DIR");
    if (p.splitFolder.empty()) {
        return makeError(ErrorKind::InvalidInput, "give the split folder (from `offsite owner split`) with --split DIR");
    }
    if (p.output.empty()) return makeError(ErrorKind::InvalidInput, "say where the distilled split goes: --output DIR");
    auto train = args.value("train");
    if (!train) return makeError(ErrorKind::InvalidInput, "give the training text with --train FILE");

    const auto tokenizerFile = p.splitFolder / "tokenizer.json";
    auto tok = tokenizer::Tokenizer::fromFile(tokenizerFile);
    if (!tok.ok()) return tok.error().withContext("the split folder needs the model's tokenizer.json");
    OFFSITE_ASSIGN_OR_RETURN(auto tokens, tokenizeFile(tok.value(), *train));
    if (auto validation = args.value("validation")) {
        OFFSITE_ASSIGN_OR_RETURN(p.validationTokens, tokenizeFile(tok.value(), *validation));
        p.trainTokens = std::move(tokens);
    } else {
        // Hold out the end of the text for validation (deterministic, no overlap).
        OFFSITE_ASSIGN_OR_RETURN(double fraction, args.number("validation-fraction", 0.1, 0.0, 0.5));
        auto held = static_cast<std::size_t>(std::floor(fraction * static_cast<double>(tokens.size())));
        p.validationTokens.assign(tokens.end() - static_cast<std::ptrdiff_t>(held), tokens.end());
        tokens.resize(tokens.size() - held);
        p.trainTokens = std::move(tokens);
    }
    OFFSITE_ASSIGN_OR_RETURN(const LoopSettings s, readLoopSettings(args, LoopDefaults{1000, 512, "cosine"}));
    OFFSITE_ASSIGN_OR_RETURN(auto maxValidation, args.integer("max-validation-blocks", 0, 0, 100'000'000));
    p.maxSteps = s.steps;
    p.blockSize = s.blockSize;
    p.batchSize = s.batch;
    p.warmupSteps = s.warmup;
    p.evalEvery = s.evalEvery;
    p.maxValidationBlocks = static_cast<int>(maxValidation);
    p.seed = s.seed;
    p.threads = s.threads;
    p.learningRate = s.learningRate;
    p.weightDecay = s.weightDecay;
    p.clipNorm = s.clipNorm;
    p.schedule = s.schedule;
    p.order = s.sequential ? distill::DataOrder::Sequential : distill::DataOrder::Shuffled;
    OFFSITE_ASSIGN_OR_RETURN(p.lmWeight, args.number("lm-weight", 1.0, 0.0, 1e6));
    OFFSITE_ASSIGN_OR_RETURN(p.kdWeight, args.number("kd-weight", 30.0, 0.0, 1e6));

    const bool asJson = args.flag("json");
    OFFSITE_ASSIGN_OR_RETURN(const model::Device device, model::resolveDevice(p.device));  // as distill() will
    ProgressBar bar("distilling");
    auto result = distill::distill(p, [&](const distill::DistillStep& m) {
        if (asJson) {
            json::Value line = stepJson(m.step, device, m.loss, m.learningRate, m.gradNorm, m.tokensPerSecond);
            line.set("lm", json::Value::number(m.lm));
            line.set("kd", json::Value::number(m.kd));
            if (m.validationPerplexity >= 0) {
                line.set("validation_perplexity", json::Value::number(m.validationPerplexity));
            }
            std::printf("%s\n", json::serialize(line).c_str());
            std::fflush(stdout);
        } else {
            char parts[64];
            std::snprintf(parts, sizeof parts, " (LM %.4f, KD %.4f)", m.lm, m.kd);
            bar.update(double(m.step) / double(m.totalSteps),
                       stepText(m.step, m.totalSteps, m.loss, parts, m.learningRate, m.tokensPerSecond));
            if (m.validationPerplexity >= 0 && !isTerminal(2)) {
                std::fprintf(stderr, "step %d: emulator validation perplexity %.3f\n", m.step, m.validationPerplexity);
            }
        }
        return true;
    });
    if (!result.ok()) return result.error();
    bar.finish();
    const auto& r = result.value();
    if (asJson) {
        json::Value out = json::Value::object();
        out.set("done", json::Value::boolean(true));
        out.set("steps", json::Value::integer(r.steps));
        out.set("kept_step", json::Value::integer(r.bestStep));
        out.set("student_parameters", json::Value::integer(r.studentParameters));
        out.set("teacher_parameters", json::Value::integer(r.teacherParameters));
        if (r.bestPerplexity > 0) {
            out.set("validation_perplexity_before", json::Value::number(r.initialPerplexity));
            out.set("validation_perplexity_after", json::Value::number(r.bestPerplexity));
            out.set("validation_perplexity_full", json::Value::number(r.fullPerplexity));
        }
        out.set("seconds", json::Value::number(r.seconds));
        out.set("device", json::Value::string(std::string(model::deviceName(r.device))));
        out.set("output", json::Value::string(p.output.string()));
        std::printf("%s\n", json::serialize(out).c_str());
    } else {
        std::printf("distilled %d steps on %zu tokens in %.0f s (device %s): loss %.4f -> %.4f (LM %.4f -> %.4f, KD %.4f -> %.4f)\n",
                    r.steps, p.trainTokens.size(), r.seconds, std::string(model::deviceName(r.device)).c_str(),
                    r.losses.front(), r.losses.back(), r.lm.front(),
                    r.lm.back(), r.kd.front(), r.kd.back());
        if (r.bestPerplexity > 0) {
            std::printf("emulator validation perplexity %s before, %s after (kept step %d); full model %s\n",
                        perplexityText(r.initialPerplexity).c_str(), perplexityText(r.bestPerplexity).c_str(),
                        r.bestStep, perplexityText(r.fullPerplexity).c_str());
        }
        std::printf("student %s parameters (teacher %s); wrote %s\n", humanCount(r.studentParameters).c_str(),
                    humanCount(r.teacherParameters).c_str(), p.output.string().c_str());
    }
    return kExitOk;
}

}  // namespace

Command ownerDistillCommand() {
    return Command{
        CommandSpec{"owner distill", "distil the emulator of a split against the full model (model owner)",
                    "offsite owner distill --full MODEL_DIR --split SPLIT_DIR --train TEXT --output OUT_DIR [options]",
                    {{"full", OptionKind::Value, "DIR", "the full model folder the split was made from (the teacher)"},
                     {"split", OptionKind::Value, "DIR", "split folder from `offsite owner split` (not modified)"},
                     {"train", OptionKind::Value, "FILE", "general text to distil on (UTF-8)"},
                     {"validation", OptionKind::Value, "FILE", "held-out text (default: hold out the end of --train)"},
                     {"validation-fraction", OptionKind::Value, "F", "share of --train held out (default 0.1)"},
                     {"output", OptionKind::Value, "DIR", "where the distilled split goes (must not exist)"},
                     {"steps", OptionKind::Value, "N", "optimizer steps (default 1000)"},
                     {"lr", OptionKind::Value, "RATE", "peak learning rate (default 1e-4)"},
                     {"schedule", OptionKind::Value, "cosine|linear|constant", "learning-rate schedule (default cosine)"},
                     {"warmup", OptionKind::Value, "N", "warm-up steps (default 0)"},
                     {"block-size", OptionKind::Value, "N", "tokens per sequence (default 512)"},
                     {"batch", OptionKind::Value, "N", "sequences per step (default 4)"},
                     {"lm-weight", OptionKind::Value, "W", "weight of the language-modelling loss (default 1)"},
                     {"kd-weight", OptionKind::Value, "W", "weight of the distillation loss (default 30)"},
                     {"weight-decay", OptionKind::Value, "W", "AdamW weight decay on matrices (default 0)"},
                     {"clip", OptionKind::Value, "NORM", "gradient clipping norm, 0 = off (default 1)"},
                     {"eval-every", OptionKind::Value, "N", "validate every N steps (default: at the end)"},
                     {"max-validation-blocks", OptionKind::Value, "N", "validate on at most N blocks (default all)"},
                     {"sequential", OptionKind::Flag, "", "take blocks in order instead of shuffled"},
                     {"seed", OptionKind::Value, "N", "random seed (default 42)"},
                     {"threads", OptionKind::Value, "N", "CPU threads (default: all cores)"},
                     {"device", OptionKind::Value, "auto|cpu|cuda",
                      "where to distil (default auto: the NVIDIA GPU when usable, else the CPU)"},
                     {"json", OptionKind::Flag, "", "one JSON line per step and a summary line"}},
                    0, 0},
        runDistill};
}

}  // namespace offsite::cli
