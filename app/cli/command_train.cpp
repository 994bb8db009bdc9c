// `offsite train`: fine-tune the adapter of a split model folder on a local text file (causal language modelling)
// or a JSONL data set (prompt -> completion, classification as text -> label word, multiple choice as context ->
// correct choice), with checkpoints, resume, and Ctrl-C as a pause (with a checkpoint folder) or a stop.
#include <csignal>
#include <cmath>
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "app/cli/train_settings.h"
#include "core/base/file_io.h"
#include "core/dataset/reader.h"
#include "core/dataset/validation.h"
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

// Reads a JSONL data set of the task and turns every record into prompt/completion token ids. The first record
// that cannot be used stops the run with its line and what to do.
Result<std::vector<trainer::Example>> readExamples(const tokenizer::Tokenizer& tok, const std::filesystem::path& path,
                                                   dataset::TaskType task, const std::string& pattern) {
    dataset::DatasetSpec spec;
    spec.path = path;
    spec.format = dataset::SourceFormat::Jsonl;
    spec.task = task;
    OFFSITE_ASSIGN_OR_RETURN(auto reader, dataset::RowReader::open(spec));
    for (const auto& finding : reader.sourceFindings()) {
        if (finding.severity == dataset::Severity::Error) {
            return makeError(ErrorKind::InvalidInput, path.string() + ": " + finding.message + "; " + finding.fix);
        }
    }
    std::vector<trainer::Example> out;
    while (true) {
        OFFSITE_ASSIGN_OR_RETURN(auto row, reader.next());
        if (!row) break;
        if (!row->usable) {
            std::string why = row->findings.empty() ? std::string("it cannot be used") : row->findings.front().message;
            std::string fix = row->findings.empty() ? std::string() : "; " + row->findings.front().fix;
            return makeError(ErrorKind::InvalidInput,
                             path.string() + " line " + std::to_string(row->line) + ": " + why + fix);
        }
        const auto texts = dataset::exampleTexts(row->example, task, pattern);
        if (!texts) break;
        trainer::Example example;
        example.prompt = tok.encode(texts->prompt, tokenizer::SpecialTokens::Skip);
        example.completion = tok.encode(texts->completion, tokenizer::SpecialTokens::Skip);
        out.push_back(std::move(example));
    }
    if (out.empty()) return makeError(ErrorKind::InvalidInput, path.string() + " holds no examples");
    return out;
}

trainer::TrainingControl* gControl = nullptr;
bool gPauseOnSignal = false;

extern "C" void onInterrupt(int) {
    // An atomic store: safe in a signal handler. The loop acts on it at the next step boundary.
    if (gControl) gPauseOnSignal ? gControl->requestPause() : gControl->requestStop();
}

Result<int> runTrain(const Arguments& args) {
    if (args.value("dataset") || args.value("resume-run")) return runTrainInWorkspace(args);
    OFFSITE_TRY(readDevice(args));  // before any file is read or written
    trainer::TrainingParams p;
    p.modelFolder = args.value("model").value_or("");
    if (p.modelFolder.empty()) return makeError(ErrorKind::InvalidInput, "give the split model folder with --model DIR");
    auto data = args.value("data");
    if (!data) return makeError(ErrorKind::InvalidInput, "give the training data with --data FILE");
    const std::string taskName = args.valueOr("task", "text");
    dataset::TaskType task = dataset::TaskType::PlainText;
    if (taskName == "prompt-completion") task = dataset::TaskType::PromptCompletion;
    else if (taskName == "classification") task = dataset::TaskType::Classification;
    else if (taskName == "multiple-choice") task = dataset::TaskType::MultipleChoice;
    else if (taskName != "text") {
        return makeError(ErrorKind::InvalidInput, "--task must be text, prompt-completion, classification or multiple-choice");
    }
    const std::string pattern = args.valueOr("template", "");
    OFFSITE_ASSIGN_OR_RETURN(auto tok, tokenizer::Tokenizer::fromFile(p.modelFolder / "tokenizer.json"));
    if (task != dataset::TaskType::PlainText) {
        OFFSITE_ASSIGN_OR_RETURN(auto examples, readExamples(tok, *data, task, pattern));
        if (auto validation = args.value("validation")) {
            OFFSITE_ASSIGN_OR_RETURN(p.validationExamples, readExamples(tok, *validation, task, pattern));
        } else {
            OFFSITE_ASSIGN_OR_RETURN(double fraction, args.number("validation-fraction", 0.1, 0.0, 0.5));
            auto held = static_cast<std::size_t>(std::floor(fraction * static_cast<double>(examples.size())));
            if (held == examples.size()) held = 0;
            p.validationExamples.assign(examples.end() - static_cast<std::ptrdiff_t>(held), examples.end());
            examples.resize(examples.size() - held);
        }
        p.trainExamples = std::move(examples);
    }
    if (task == dataset::TaskType::PlainText) {
        OFFSITE_ASSIGN_OR_RETURN(auto tokens, tokenizeFile(tok, *data));
        if (auto validation = args.value("validation")) {
            OFFSITE_ASSIGN_OR_RETURN(p.validationTokens, tokenizeFile(tok, *validation));
        } else {
            // Hold out the last part of the text for validation (deterministic, no overlap).
            OFFSITE_ASSIGN_OR_RETURN(double fraction, args.number("validation-fraction", 0.1, 0.0, 0.5));
            auto held = static_cast<std::size_t>(std::floor(fraction * static_cast<double>(tokens.size())));
            p.validationTokens.assign(tokens.end() - static_cast<std::ptrdiff_t>(held), tokens.end());
            tokens.resize(tokens.size() - held);
        }
        p.trainTokens = std::move(tokens);
    }
    OFFSITE_TRY(readTrainingSettings(args, p));
    p.checkpointFolder = args.valueOr("checkpoint-dir", "");
    OFFSITE_ASSIGN_OR_RETURN(auto checkpointEvery, args.integer("checkpoint-every", 0, 0, 10'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto keep, args.integer("keep-checkpoints", 2, 2, 1000));
    p.checkpointEvery = static_cast<int>(checkpointEvery);
    p.keepCheckpoints = static_cast<int>(keep);
    p.resumeFrom = args.valueOr("resume", "");
    if (p.checkpointEvery > 0 && p.checkpointFolder.empty()) {
        return makeError(ErrorKind::InvalidInput, "--checkpoint-every needs --checkpoint-dir DIR");
    }
    p.outputAdapter = args.valueOr("out", "");
    p.outputModel = args.valueOr("out-model", "");
    if (p.outputAdapter.empty() && p.outputModel.empty()) {
        return makeError(ErrorKind::InvalidInput, "say where the tuned adapter goes: --out adapter.safetensors");
    }

    trainer::TrainingControl control;
    p.control = &control;
    gControl = &control;
    gPauseOnSignal = !p.checkpointFolder.empty();
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);

    const bool asJson = args.flag("json");
    // What the trainer will resolve Auto to (the same call); the result's device is printed at the end.
    OFFSITE_ASSIGN_OR_RETURN(const model::Device device, model::resolveDevice(p.device));
    ProgressBar bar("training");
    auto result = trainer::train(p, [&](const trainer::StepMetrics& m) {
        if (asJson) {
            json::Value line = stepJson(m.step, device, m.loss, m.learningRate, m.gradNorm, m.tokensPerSecond);
            if (m.validationLoss >= 0) line.set("validation_loss", json::Value::number(m.validationLoss));
            if (m.validationAccuracy >= 0) line.set("validation_accuracy", json::Value::number(m.validationAccuracy));
            line.set("memory_bytes", json::Value::integer(m.memoryBytes));
            line.set("memory_peak_bytes", json::Value::integer(m.peakMemoryBytes));
            if (!m.checkpoint.empty()) line.set("checkpoint", json::Value::string(m.checkpoint.string()));
            std::printf("%s\n", json::serialize(line).c_str());
            std::fflush(stdout);
        } else {
            bar.update(double(m.step) / double(m.totalSteps),
                       stepText(m.step, m.totalSteps, m.loss, "", m.learningRate, m.tokensPerSecond));
            if (m.validationLoss >= 0 && !isTerminal(2)) {
                std::fprintf(stderr, "step %d: validation loss %.4f (perplexity %.2f)", m.step, m.validationLoss,
                             std::exp(m.validationLoss));
                if (m.validationAccuracy >= 0) std::fprintf(stderr, ", accuracy %.3f", m.validationAccuracy);
                std::fprintf(stderr, "\n");
            }
        }
        return true;
    });
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    gControl = nullptr;
    if (!result.ok()) return result.error();
    bar.finish();
    for (const auto& warning : result->warnings) std::fprintf(stderr, "warning: %s\n", warning.c_str());
    if (result->outcome == trainer::TrainingOutcome::Paused) {
        if (!result->pauseReason.empty()) std::fprintf(stderr, "paused: %s\n", result->pauseReason.c_str());
        std::printf("paused at step %d; checkpoint %s; continue with --resume %s and the same options\n",
                    result->steps, result->lastCheckpoint.string().c_str(), p.checkpointFolder.string().c_str());
        return kExitOk;
    }
    if (!asJson && !result->losses.empty()) {
        if (result->outcome == trainer::TrainingOutcome::Stopped) std::printf("stopped on request: ");
        if (result->stoppedEarly) std::printf("stopped early (no better validation loss): ");
        if (result->resumedFromStep > 0) std::printf("resumed at step %d; ", result->resumedFromStep);
        const std::size_t items = p.trainExamples.empty() ? p.trainTokens.size() : p.trainExamples.size();
        std::printf("trained %d steps on %zu %s (device %s): loss %.4f -> %.4f", result->steps, items,
                    p.trainExamples.empty() ? "tokens" : "examples",
                    std::string(model::deviceName(result->device)).c_str(), result->losses.front(),
                    result->losses.back());
        if (result->bestValidationLoss >= 0) {
            std::printf("; best validation loss %.4f (perplexity %.2f) at step %d", result->bestValidationLoss,
                        std::exp(result->bestValidationLoss), result->bestStep);
        }
        if (result->finalValidationAccuracy >= 0) {
            std::printf("; validation accuracy %.3f", result->finalValidationAccuracy);
        }
        std::printf("\n%s trainable parameters, %s frozen\n", humanCount(result->trainableParameters).c_str(),
                    humanCount(result->frozenParameters).c_str());
    }
    return kExitOk;
}

}  // namespace

Result<model::Device> readDevice(const Arguments& args) {
    const std::string name = args.valueOr("device", "auto");
    const auto device = model::parseDevice(name);
    if (!device) return makeError(ErrorKind::InvalidInput, "--device must be auto, cpu or cuda");
    if (!model::resolveDevice(*device).ok()) {
        return makeError(ErrorKind::Unsupported,
                         "--device cuda was asked for, but this build of offsite found no usable NVIDIA GPU or driver "
                         "(no graphics card, no driver, or a LibTorch without CUDA); use --device cpu or auto");
    }
    return *device;
}

Result<LoopSettings> readLoopSettings(const Arguments& args, const LoopDefaults& defaults) {
    LoopSettings s;
    OFFSITE_ASSIGN_OR_RETURN(s.device, readDevice(args));
    OFFSITE_ASSIGN_OR_RETURN(auto steps, args.integer("steps", defaults.steps, 1, 100'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto block, args.integer("block-size", defaults.blockSize, 2, 1'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto batch, args.integer("batch", 4, 1, 4096));
    OFFSITE_ASSIGN_OR_RETURN(auto warmup, args.integer("warmup", 0, 0, 100'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto evalEvery, args.integer("eval-every", 0, 0, 100'000'000));
    OFFSITE_ASSIGN_OR_RETURN(auto seed, args.integer("seed", 42, 0, 1LL << 62));
    OFFSITE_ASSIGN_OR_RETURN(auto threads, args.integer("threads", 0, 0, 1024));
    s.steps = static_cast<int>(steps);
    s.blockSize = static_cast<int>(block);
    s.batch = static_cast<int>(batch);
    s.warmup = static_cast<int>(warmup);
    s.evalEvery = static_cast<int>(evalEvery);
    s.seed = static_cast<std::uint64_t>(seed);
    s.threads = static_cast<int>(threads);
    OFFSITE_ASSIGN_OR_RETURN(s.learningRate, args.number("lr", 1e-4, 1e-12, 10.0));
    OFFSITE_ASSIGN_OR_RETURN(s.weightDecay, args.number("weight-decay", 0.0, 0.0, 10.0));
    OFFSITE_ASSIGN_OR_RETURN(s.clipNorm, args.number("clip", 1.0, 0.0, 1e9));
    const std::string schedule = args.valueOr("schedule", defaults.schedule);
    if (schedule == "linear") s.schedule = trainer::Schedule::Linear;
    else if (schedule == "cosine") s.schedule = trainer::Schedule::Cosine;
    else if (schedule == "constant") s.schedule = trainer::Schedule::Constant;
    else return makeError(ErrorKind::InvalidInput, "--schedule must be linear, cosine or constant");
    s.sequential = args.flag("sequential");
    return s;
}

json::Value stepJson(int step, model::Device device, double loss, double learningRate, double gradNorm,
                     double tokensPerSecond) {
    json::Value line = json::Value::object();
    line.set("step", json::Value::integer(step));
    line.set("device", json::Value::string(std::string(model::deviceName(device))));
    line.set("loss", json::Value::number(loss));
    line.set("lr", json::Value::number(learningRate));
    line.set("grad_norm", json::Value::number(gradNorm));
    line.set("tokens_per_s", json::Value::number(tokensPerSecond));
    return line;
}

std::string stepText(int step, int totalSteps, double loss, const std::string& extra, double learningRate,
                     double tokensPerSecond) {
    char head[64];
    char tail[64];
    std::snprintf(head, sizeof head, "step %d/%d loss %.4f", step, totalSteps, loss);
    std::snprintf(tail, sizeof tail, " lr %.2e %.0f tok/s", learningRate, tokensPerSecond);
    return head + extra + tail;
}

Status readTrainingSettings(const Arguments& args, trainer::TrainingParams& p) {
    OFFSITE_ASSIGN_OR_RETURN(const LoopSettings s, readLoopSettings(args, LoopDefaults{}));
    OFFSITE_ASSIGN_OR_RETURN(auto accumulation, args.integer("accumulation", 1, 1, 4096));
    p.device = s.device;
    p.maxSteps = s.steps;
    p.blockSize = s.blockSize;
    p.microBatch = s.batch;
    p.accumulation = static_cast<int>(accumulation);
    p.warmupSteps = s.warmup;
    p.evalEvery = s.evalEvery;
    p.seed = s.seed;
    p.threads = s.threads;
    p.learningRate = s.learningRate;
    p.weightDecay = s.weightDecay;
    p.clipNorm = s.clipNorm;
    p.schedule = s.schedule;
    p.order = s.sequential ? trainer::DataOrder::Sequential : trainer::DataOrder::Shuffled;
    const std::string trainable = args.valueOr("trainable", "adapter");
    if (trainable == "adapter") p.trainable = trainer::TrainableSet::AdapterBlocks;
    else if (trainable == "top") p.trainable = trainer::TrainableSet::TopAdapterOnly;
    else if (trainable == "bitfit") p.trainable = trainer::TrainableSet::AdapterBitFit;
    else if (trainable == "all") p.trainable = trainer::TrainableSet::AllBlocks;
    else if (trainable == "lora") p.trainable = trainer::TrainableSet::AdapterLora;
    else if (trainable == "all-lora") p.trainable = trainer::TrainableSet::AllBlocksLora;
    else return makeError(ErrorKind::InvalidInput, "--trainable must be adapter, top, bitfit, all, lora or all-lora");
    OFFSITE_ASSIGN_OR_RETURN(auto loraRank, args.integer("lora-rank", 4, 1, 4096));
    p.lora.rank = static_cast<int>(loraRank);
    OFFSITE_ASSIGN_OR_RETURN(p.lora.alpha, args.number("lora-alpha", 32.0, 1e-6, 1e6));
    OFFSITE_ASSIGN_OR_RETURN(p.lora.dropout, args.number("lora-dropout", 0.0, 0.0, 0.9));
    OFFSITE_ASSIGN_OR_RETURN(auto patience, args.integer("patience", 0, 0, 1'000'000));
    p.patience = static_cast<int>(patience);
    p.activationCheckpointing = args.flag("activation-checkpointing");
    p.autocastBf16 = args.flag("bf16");
    const std::string truncate = args.valueOr("truncate", "none");
    if (truncate == "none") p.truncation = trainer::Truncation::None;
    else if (truncate == "left") p.truncation = trainer::Truncation::Left;
    else return makeError(ErrorKind::InvalidInput, "--truncate must be none or left");
    return {};
}

Command trainCommand() {
    return Command{
        CommandSpec{"train", "fine-tune the adapter of a split model on a text file or a JSONL data set",
                    "offsite train --model SPLIT_DIR --data FILE --out ADAPTER.safetensors [options]",
                    {{"model", OptionKind::Value, "DIR", "split model folder (from `offsite owner split`)"},
                     {"data", OptionKind::Value, "FILE", "training text (UTF-8), or JSONL for the other tasks"},
                     {"task", OptionKind::Value, "text|prompt-completion|classification|multiple-choice",
                      "what the data is (default text; with --dataset the data set's own task); JSONL keys: prompt/completion, text/label, "
                      "context/choices/answer"},
                     {"template", OptionKind::Value, "TEXT",
                      "prompt template: {text} for classification (default \"{text}\\nAnswer:\"), {context} for "
                      "multiple choice"},
                     {"validation", OptionKind::Value, "FILE", "validation data (default: hold out the end of --data)"},
                     {"validation-fraction", OptionKind::Value, "F", "share of --data held out (default 0.1)"},
                     {"out", OptionKind::Value, "FILE", "where the tuned adapter goes (safetensors)"},
                     {"out-model", OptionKind::Value, "DIR", "also write the whole tuned emulated model"},
                     {"steps", OptionKind::Value, "N", "optimizer steps (default 100)"},
                     {"lr", OptionKind::Value, "RATE", "peak learning rate (default 1e-4)"},
                     {"schedule", OptionKind::Value, "linear|cosine|constant", "learning-rate schedule"},
                     {"warmup", OptionKind::Value, "N", "warm-up steps (default 0)"},
                     {"block-size", OptionKind::Value, "N", "tokens per sequence (default 128)"},
                     {"truncate", OptionKind::Value, "none|left",
                      "examples longer than the block size: refuse them (none, the default) or keep the "
                      "completion and cut the prompt from the left (left)"},
                     {"batch", OptionKind::Value, "N", "sequences per micro-batch (default 4)"},
                     {"accumulation", OptionKind::Value, "N", "micro-batches per step (default 1)"},
                     {"weight-decay", OptionKind::Value, "W", "AdamW weight decay on matrices (default 0)"},
                     {"clip", OptionKind::Value, "NORM", "gradient clipping norm, 0 = off (default 1)"},
                     {"trainable", OptionKind::Value, "adapter|top|bitfit|all|lora|all-lora",
                      "what trains (default adapter; lora: LoRA on the adapter blocks' linears)"},
                     {"lora-rank", OptionKind::Value, "R", "LoRA rank (default 4)"},
                     {"lora-alpha", OptionKind::Value, "A", "LoRA alpha; the update is scaled by alpha/rank (default 32)"},
                     {"lora-dropout", OptionKind::Value, "P", "LoRA dropout (only 0 is supported)"},
                     {"eval-every", OptionKind::Value, "N", "validate every N steps (default: at the end)"},
                     {"patience", OptionKind::Value, "N",
                      "stop after N validations without a better loss (default 0: never)"},
                     {"sequential", OptionKind::Flag, "", "take blocks in order instead of shuffled"},
                     {"activation-checkpointing", OptionKind::Flag, "",
                      "recompute block activations in the backward pass: less memory, about a third slower"},
                     {"bf16", OptionKind::Flag, "", "bf16 autocast for the training forward pass (for GPUs)"},
                     {"seed", OptionKind::Value, "N", "random seed (default 42)"},
                     {"checkpoint-dir", OptionKind::Value, "DIR",
                      "write checkpoints here (on pause, Ctrl-C, and with --checkpoint-every)"},
                     {"checkpoint-every", OptionKind::Value, "N", "checkpoint every N steps (default: only on pause)"},
                     {"keep-checkpoints", OptionKind::Value, "N", "newest checkpoints kept (default 2; for a workspace run 3, older rows and folders retired)"},
                     {"resume", OptionKind::Value, "DIR",
                      "continue from a checkpoint (a ckpt-N folder, or the newest usable one in DIR)"},
                     {"threads", OptionKind::Value, "N", "CPU threads (default: all cores)"},
                     {"device", OptionKind::Value, "auto|cpu|cuda",
                      "where to train (default auto: the NVIDIA GPU when usable, else the CPU)"},
                     {"json", OptionKind::Flag, "", "one JSON line per step"},
                     workspaceOption(),
                     {"dataset", OptionKind::Value, "ID",
                      "train on a data set imported into the workspace, recorded as a run (`offsite runs list`)"},
                     {"resume-run", OptionKind::Value, "ID", "continue a paused run of the workspace"},
                     {"name", OptionKind::Value, "NAME", "the run's name in the workspace"},
                     {"split-seed", OptionKind::Value, "N", "seed of the data set's train/validation split (default 0)"}},
                    0, 0},
        runTrain};
}

}  // namespace offsite::cli
