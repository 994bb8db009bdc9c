// The training job: run row and state machine, the worker thread, batched metrics and checkpoint rows.
#include "core/jobs/training_job.h"

#include <algorithm>
#include <limits>
#include <set>

#include "core/base/file_io.h"
#include "core/json/json.h"
#include "core/trainer/checkpoint.h"

namespace offsite::jobs {
namespace fs = std::filesystem;
using workspace::RunState;

namespace {

constexpr std::size_t kMaxManifestBytes = std::size_t{4} << 20;

const char* trainableName(trainer::TrainableSet set) {
    switch (set) {
        case trainer::TrainableSet::AdapterBlocks:
            return "adapter";
        case trainer::TrainableSet::TopAdapterOnly:
            return "top";
        case trainer::TrainableSet::AdapterBitFit:
            return "bitfit";
        case trainer::TrainableSet::AllBlocks:
            return "all";
        case trainer::TrainableSet::AdapterLora:
            return "lora";
        case trainer::TrainableSet::AllBlocksLora:
            return "all-lora";
    }
    return "adapter";
}

const char* scheduleName(trainer::Schedule s) {
    switch (s) {
        case trainer::Schedule::Constant:
            return "constant";
        case trainer::Schedule::Linear:
            return "linear";
        case trainer::Schedule::Cosine:
            return "cosine";
    }
    return "linear";
}

std::string stepMessage(std::string_view what, int step) { return std::string(what) + " at step " + std::to_string(step); }

}  // namespace

// ---------------------------------------------------------------------------------------------------
// Configuration JSON

std::string trainingConfigJson(const trainer::TrainingParams& p, std::string_view extraConfigJson) {
    json::Value v = json::Value::object();
    auto extra = json::parse(extraConfigJson);
    if (extra.ok() && extra->isObject()) v = extra.value();
    v.set("modelFolder", json::Value::string(p.modelFolder.string()));
    v.set("trainTokens", json::Value::unsignedInteger(p.trainTokens.size()));
    v.set("validationTokens", json::Value::unsignedInteger(p.validationTokens.size()));
    v.set("trainExamples", json::Value::unsignedInteger(p.trainExamples.size()));
    v.set("validationExamples", json::Value::unsignedInteger(p.validationExamples.size()));
    v.set("blockSize", json::Value::integer(p.blockSize));
    v.set("truncation", json::Value::string(p.truncation == trainer::Truncation::Left ? "left" : "none"));
    v.set("microBatch", json::Value::integer(p.microBatch));
    v.set("accumulation", json::Value::integer(p.accumulation));
    v.set("maxSteps", json::Value::integer(p.maxSteps));
    v.set("learningRate", json::Value::number(p.learningRate));
    v.set("weightDecay", json::Value::number(p.weightDecay));
    v.set("schedule", json::Value::string(scheduleName(p.schedule)));
    v.set("warmupSteps", json::Value::integer(p.warmupSteps));
    v.set("clipNorm", json::Value::number(p.clipNorm));
    v.set("order", json::Value::string(p.order == trainer::DataOrder::Shuffled ? "shuffled" : "sequential"));
    v.set("seed", json::Value::unsignedInteger(p.seed));
    v.set("evalEvery", json::Value::integer(p.evalEvery));
    v.set("threads", json::Value::integer(p.threads));
    v.set("device", json::Value::string(std::string(model::deviceName(p.device))));
    v.set("trainable", json::Value::string(trainableName(p.trainable)));
    v.set("loraRank", json::Value::integer(p.lora.rank));
    v.set("loraAlpha", json::Value::number(p.lora.alpha));
    v.set("loraDropout", json::Value::number(p.lora.dropout));
    v.set("patience", json::Value::integer(p.patience));
    v.set("activationCheckpointing", json::Value::boolean(p.activationCheckpointing));
    v.set("autocastBf16", json::Value::boolean(p.autocastBf16));
    v.set("checkpointEvery", json::Value::integer(p.checkpointEvery));
    return json::serialize(v);
}

Result<trainer::TrainingParams> trainingParamsFromConfig(std::string_view configJson) {
    OFFSITE_ASSIGN_OR_RETURN(const json::Value v, json::parse(configJson));
    const auto str = [&](const char* key) -> std::string {
        const json::Value* f = v.find(key);
        return f != nullptr && f->asString() != nullptr ? *f->asString() : std::string();
    };
    const auto num = [&](const char* key, double fallback) {
        const json::Value* f = v.find(key);
        return f != nullptr && f->asDouble() ? *f->asDouble() : fallback;
    };
    const auto integer = [&](const char* key, int fallback) {
        const json::Value* f = v.find(key);
        return f != nullptr && f->asInt64() ? static_cast<int>(*f->asInt64()) : fallback;
    };
    trainer::TrainingParams p;
    p.modelFolder = str("modelFolder");
    if (p.modelFolder.empty()) {
        return makeError(ErrorKind::InvalidInput,
                         "the run's configuration names no model folder; start a new run instead");
    }
    p.blockSize = integer("blockSize", p.blockSize);
    p.truncation = str("truncation") == "left" ? trainer::Truncation::Left : trainer::Truncation::None;
    p.microBatch = integer("microBatch", p.microBatch);
    p.accumulation = integer("accumulation", p.accumulation);
    p.maxSteps = integer("maxSteps", p.maxSteps);
    p.learningRate = num("learningRate", p.learningRate);
    p.weightDecay = num("weightDecay", p.weightDecay);
    const std::string schedule = str("schedule");
    p.schedule = schedule == "constant" ? trainer::Schedule::Constant
                 : schedule == "cosine" ? trainer::Schedule::Cosine
                                        : trainer::Schedule::Linear;
    p.warmupSteps = integer("warmupSteps", p.warmupSteps);
    p.clipNorm = num("clipNorm", p.clipNorm);
    p.order = str("order") == "sequential" ? trainer::DataOrder::Sequential : trainer::DataOrder::Shuffled;
    if (const json::Value* seed = v.find("seed"); seed != nullptr && seed->asUint64()) p.seed = *seed->asUint64();
    p.evalEvery = integer("evalEvery", p.evalEvery);
    p.threads = integer("threads", p.threads);
    if (const auto device = model::parseDevice(str("device"))) p.device = *device;  // runs before it: Auto
    const std::string trainable = str("trainable");
    if (trainable.empty() || trainable == "adapter") {
        p.trainable = trainer::TrainableSet::AdapterBlocks;
    } else if (trainable == "top") {
        p.trainable = trainer::TrainableSet::TopAdapterOnly;
    } else if (trainable == "bitfit") {
        p.trainable = trainer::TrainableSet::AdapterBitFit;
    } else if (trainable == "all") {
        p.trainable = trainer::TrainableSet::AllBlocks;
    } else if (trainable == "lora") {
        p.trainable = trainer::TrainableSet::AdapterLora;
    } else if (trainable == "all-lora") {
        p.trainable = trainer::TrainableSet::AllBlocksLora;
    } else {
        return makeError(ErrorKind::InvalidInput, "the run's configuration names an unknown trainable set \"" +
                                                      trainable + "\"; start a new run instead");
    }
    p.lora.rank = integer("loraRank", p.lora.rank);
    p.lora.alpha = num("loraAlpha", p.lora.alpha);
    p.lora.dropout = num("loraDropout", p.lora.dropout);
    p.patience = integer("patience", p.patience);
    if (const json::Value* f = v.find("activationCheckpointing"); f != nullptr && f->asBool())
        p.activationCheckpointing = *f->asBool();
    if (const json::Value* f = v.find("autocastBf16"); f != nullptr && f->asBool()) p.autocastBf16 = *f->asBool();
    p.checkpointEvery = integer("checkpointEvery", p.checkpointEvery);
    return p;
}

// ---------------------------------------------------------------------------------------------------
// Creating and resuming

TrainingJob::TrainingJob(SharedWorkspace& shared, std::int64_t runId, TrainingJobParams params, bool resuming)
    : shared_(shared), runId_(runId), params_(std::move(params)), resuming_(resuming) {
    progress_.runId = runId;
    progress_.totalSteps = params_.training.maxSteps;
    progress_.adapter = params_.training.outputAdapter.empty() ? runFolder() / "adapter.safetensors"
                                                               : params_.training.outputAdapter;
}

Result<std::unique_ptr<TrainingJob>> TrainingJob::create(SharedWorkspace& shared, TrainingJobParams params) {
    OFFSITE_TRY(model::resolveDevice(params.training.device));  // no run row for a device that cannot train
    workspace::NewRun run;
    run.name = params.name.empty() ? std::string("training run") : params.name;
    run.packageId = params.packageId;
    run.datasetId = params.datasetId;
    {
        auto extra = json::parse(params.extraConfigJson);
        json::Value v = extra.ok() && extra->isObject() ? extra.value() : json::Value::object();
        v.set("keepCheckpoints", json::Value::unsignedInteger(std::max<std::size_t>(1, params.keepCheckpoints)));
        params.extraConfigJson = json::serialize(v);
    }
    run.configJson = trainingConfigJson(params.training, params.extraConfigJson);
    OFFSITE_ASSIGN_OR_RETURN(const std::int64_t id,
                             shared.with([&](workspace::Workspace& ws) { return ws.createRun(run); }));
    std::unique_ptr<TrainingJob> job(new TrainingJob(shared, id, std::move(params), false));
    job->progress_.state = RunState::Created;
    return job;
}

Result<std::unique_ptr<TrainingJob>> TrainingJob::resume(SharedWorkspace& shared, std::int64_t runId,
                                                         TrainingJobParams params) {
    OFFSITE_ASSIGN_OR_RETURN(const workspace::RunRecord run,
                             shared.with([&](workspace::Workspace& ws) { return ws.run(runId); }));
    if (run.state == RunState::Cancelled) {
        return makeError(ErrorKind::InvalidInput,
                         "run " + std::to_string(runId) + " was cancelled (" + run.stateMessage +
                             "), so it cannot be resumed; start a new run on the same data set instead");
    }
    if (run.state != RunState::Paused && run.state != RunState::Created) {
        return makeError(ErrorKind::InvalidInput, "run " + std::to_string(runId) + " is " +
                                                      std::string(workspace::runStateName(run.state)) +
                                                      "; only a paused run can be resumed");
    }
    std::unique_ptr<TrainingJob> job(new TrainingJob(shared, runId, std::move(params), true));
    job->progress_.state = run.state;
    job->progress_.message = run.stateMessage;
    OFFSITE_TRY(job->recordUnrecordedCheckpoints());
    return job;
}

TrainingJob::~TrainingJob() {
    if (worker_.joinable()) {
        if (running_.load()) control_.requestPause();
        worker_.join();
    }
}

fs::path TrainingJob::runFolder() const { return shared_.folder() / "runs" / std::to_string(runId_); }
fs::path TrainingJob::checkpointFolder() const { return runFolder() / "checkpoints"; }

void TrainingJob::setObserver(ProgressObserver observer) { observer_ = std::move(observer); }
void TrainingJob::pause() { control_.requestPause(); }
void TrainingJob::stop() { control_.requestStop(); }
void TrainingJob::cancel() { cancelRequested_.store(true); }
bool TrainingJob::running() const { return running_.load(); }

JobProgress TrainingJob::snapshot() const {
    std::lock_guard<std::mutex> lock(progressMutex_);
    return progress_;
}

RunState TrainingJob::wait() {
    if (worker_.joinable()) worker_.join();
    return snapshot().state;
}

void TrainingJob::publish(const JobProgress& progress) {
    {
        std::lock_guard<std::mutex> lock(progressMutex_);
        progress_ = progress;
    }
    if (observer_) observer_(progress);
}

// ---------------------------------------------------------------------------------------------------
// Checkpoint rows

Status TrainingJob::recordCheckpoint(const fs::path& folder) {
    OFFSITE_ASSIGN_OR_RETURN(const trainer::CheckpointInfo info, trainer::readCheckpointInfo(folder));
    OFFSITE_ASSIGN_OR_RETURN(const std::string manifest,
                             readFile(folder / trainer::kCheckpointManifest, kMaxManifestBytes));
    workspace::NewCheckpoint row;
    row.runId = runId_;
    row.step = info.step;
    row.folder = fs::relative(folder, shared_.folder()).generic_string();
    row.verification = workspace::CheckpointVerification::Verified;
    return shared_.with([&](workspace::Workspace& ws) -> Status {
        // The metrics up to this step are durable before the checkpoint that a resume would continue from.
        if (batcher_) OFFSITE_TRY(batcher_->flush());
        OFFSITE_TRY(ws.recordCheckpoint(row, manifest));
        // The new checkpoint is verified and recorded: older ones beyond the newest keepCheckpoints go. Folders
        // that could not be removed are only disk space (a later retirement tries again).
        OFFSITE_TRY(ws.retireCheckpoints(runId_, std::max<std::size_t>(1, params_.keepCheckpoints)));
        return {};
    });
}

Status TrainingJob::recordUnrecordedCheckpoints() {
    OFFSITE_ASSIGN_OR_RETURN(const auto rows,
                             shared_.with([&](workspace::Workspace& ws) { return ws.checkpoints(runId_); }));
    std::set<std::int64_t> recorded;
    for (const auto& r : rows) recorded.insert(r.step);
    for (const auto& [step, folder] : trainer::listCheckpoints(checkpointFolder())) {
        if (recorded.count(step) != 0) continue;
        // A folder that does not verify is left for the trainer, which skips it with a warning.
        if (!trainer::readCheckpointInfo(folder).ok()) continue;
        OFFSITE_TRY(recordCheckpoint(folder));
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------
// Running

Status TrainingJob::start() {
    if (worker_.joinable() || running_.load()) {
        return makeError(ErrorKind::InvalidInput, "run " + std::to_string(runId_) + " is already running");
    }
    std::error_code ec;
    fs::create_directories(checkpointFolder(), ec);
    if (ec) {
        return makeError(ErrorKind::Io, checkpointFolder().string() + ": cannot create the run's folder (" +
                                            ec.message() + "); check that the workspace folder is writable");
    }
    // The device is resolved here, once, so the run's history says where it trained ("started on cuda").
    OFFSITE_ASSIGN_OR_RETURN(const model::Device device, model::resolveDevice(params_.training.device));
    params_.training.device = device;
    OFFSITE_TRY(shared_.with([&](workspace::Workspace& ws) {
        return ws.transitionRun(runId_, RunState::Running,
                                std::string(resuming_ ? "resumed on " : "started on ") +
                                    std::string(model::deviceName(device)));
    }));
    batcher_.emplace(shared_.unguarded(), runId_, params_.metrics);
    {
        std::lock_guard<std::mutex> lock(progressMutex_);
        progress_.state = RunState::Running;
        progress_.device = device;
        progress_.message.clear();
    }
    started_ = std::chrono::steady_clock::now();
    running_.store(true);
    worker_ = std::thread([this] { work(); });
    return {};
}

void TrainingJob::finish(RunState state, const std::string& message) {
    Status flushed = shared_.with([&](workspace::Workspace&) -> Status {
        return batcher_ ? batcher_->flush() : Status{};
    });
    std::string text = message;
    if (!flushed.ok() && state != RunState::Failed) {
        text += " (the newest metrics could not be saved: " + flushed.error().message + ")";
    }
    Status moved = shared_.with([&](workspace::Workspace& ws) { return ws.transitionRun(runId_, state, text); });
    JobProgress p = snapshot();
    p.state = state;
    p.message = text;
    if (!moved.ok()) {
        // The run row still says running; the next start of the workspace pauses it, so it can be resumed.
        p.message += " (the workspace could not record this: " + moved.error().message + ")";
    }
    running_.store(false);
    publish(p);
}

void TrainingJob::work() {
    trainer::TrainingParams p = params_.training;
    p.control = &control_;
    p.checkpointFolder = checkpointFolder();
    // The trainer removes no checkpoint folder itself: every recorded one keeps its row valid until the
    // workspace retires the row and then the folder (recordCheckpoint).
    p.keepCheckpoints = std::numeric_limits<int>::max();
    if (p.outputAdapter.empty()) p.outputAdapter = runFolder() / "adapter.safetensors";
    if (p.outputModel.empty() && params_.tunedModelInRunFolder) p.outputModel = runFolder() / "tuned-model";
    if (resuming_ && !trainer::listCheckpoints(p.checkpointFolder).empty()) p.resumeFrom = p.checkpointFolder;

    const auto onStep = [&](const trainer::StepMetrics& m) -> bool {
        if (firstStepThisSession_ == 0) firstStepThisSession_ = m.step;
        const std::int64_t step = m.step;
        std::vector<workspace::MetricPoint> points = {{"train/loss", step, m.loss},
                                                      {"train/learning_rate", step, m.learningRate},
                                                      {"train/grad_norm", step, m.gradNorm},
                                                      {"train/tokens_per_second", step, m.tokensPerSecond},
                                                      {"train/memory_bytes", step, static_cast<double>(m.memoryBytes)}};
        if (m.validationLoss >= 0) points.push_back({"validation/loss", step, m.validationLoss});
        if (m.validationAccuracy >= 0) points.push_back({"validation/accuracy", step, m.validationAccuracy});
        Status saved = shared_.with([&](workspace::Workspace&) -> Status {
            for (auto& point : points) OFFSITE_TRY(batcher_->add(std::move(point)));
            return {};
        });
        if (saved.ok() && !m.checkpoint.empty()) saved = recordCheckpoint(m.checkpoint);
        if (!saved.ok() && !storageError_) {
            // Keep what was trained: pause (a checkpoint on disk) rather than train on without a record.
            storageError_ = saved.error();
            control_.requestPause();
        }
        JobProgress progress = snapshot();
        progress.step = m.step;
        progress.totalSteps = m.totalSteps;
        progress.loss = m.loss;
        progress.learningRate = m.learningRate;
        progress.tokensPerSecond = m.tokensPerSecond;
        if (m.validationLoss >= 0) progress.validationLoss = m.validationLoss;
        progress.memoryBytes = m.memoryBytes;
        if (!m.checkpoint.empty()) progress.lastCheckpoint = m.checkpoint;
        progress.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        const int done = m.step - firstStepThisSession_ + 1;
        if (done > 0) {
            progress.remainingSeconds = progress.elapsedSeconds / done * std::max(0, m.totalSteps - m.step);
        }
        publish(progress);
        return !cancelRequested_.load();
    };

    Result<trainer::TrainingResult> result = makeError(ErrorKind::Internal, "training did not run");
    try {
        result = trainer::train(p, onStep);
    } catch (const std::exception& e) {
        result = makeError(ErrorKind::Internal, std::string("training failed: ") + e.what());
    }
    if (!result.ok()) {
        if (result.error().kind == ErrorKind::Cancelled) {
            finish(RunState::Cancelled, "cancelled at step " + std::to_string(snapshot().step));
        } else {
            finish(RunState::Failed, result.error().message);
        }
        return;
    }
    const int steps = result->steps;
    switch (result->outcome) {
        case trainer::TrainingOutcome::Paused: {
            std::string message = stepMessage("paused", steps);
            if (!result->pauseReason.empty()) {
                message += ": " + result->pauseReason;  // CKPT-4: the disk is too full for a checkpoint
            } else if (storageError_) {
                message += " because the workspace could not save the run's progress (" + storageError_->message +
                           "); free some disk space, then resume";
            }
            finish(RunState::Paused, message);
            return;
        }
        case trainer::TrainingOutcome::Stopped:
            finish(RunState::Completed, stepMessage("stopped early and saved the adapter", steps));
            return;
        case trainer::TrainingOutcome::Completed:
            finish(RunState::Completed, "trained " + std::to_string(steps) + " steps");
            return;
    }
}

}  // namespace offsite::jobs
