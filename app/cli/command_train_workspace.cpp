// `offsite train --workspace DIR --dataset ID` and `--resume-run ID`: training recorded as a run of the workspace
// through the core's job layer (state, metrics, checkpoints), with Ctrl-C as a pause that `--resume-run` continues.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "app/cli/train_settings.h"
#include "core/jobs/run_setup.h"
#include "core/jobs/training_job.h"
#include "core/json/json.h"

namespace offsite::cli {
namespace {

std::atomic<int> gInterrupts{0};
extern "C" void onWorkspaceInterrupt(int) { gInterrupts.fetch_add(1); }

Result<std::int64_t> idValue(const Arguments& args, const char* name) {
    OFFSITE_ASSIGN_OR_RETURN(const long long id, args.integer(name, 0, 1, 1LL << 62));
    return static_cast<std::int64_t>(id);
}

Result<int> drive(jobs::TrainingJob& job, const std::filesystem::path& workspaceFolder, bool asJson) {
    ProgressBar bar("run " + std::to_string(job.runId()));
    job.setObserver([&](const jobs::JobProgress& p) {
        if (p.state != workspace::RunState::Running) return;  // the end is reported below
        if (asJson) {
            json::Value line = json::Value::object();
            line.set("run", json::Value::integer(p.runId));
            line.set("step", json::Value::integer(p.step));
            line.set("device", json::Value::string(std::string(model::deviceName(p.device))));
            line.set("loss", json::Value::number(p.loss));
            line.set("lr", json::Value::number(p.learningRate));
            line.set("tokens_per_s", json::Value::number(p.tokensPerSecond));
            if (p.validationLoss >= 0) line.set("validation_loss", json::Value::number(p.validationLoss));
            std::printf("%s\n", json::serialize(line).c_str());
            std::fflush(stdout);
            return;
        }
        char detail[160];
        std::snprintf(detail, sizeof detail, "step %d/%d loss %.4f %.0f tok/s", p.step, p.totalSteps, p.loss,
                      p.tokensPerSecond);
        bar.update(p.totalSteps > 0 ? double(p.step) / double(p.totalSteps) : 0.0, detail);
    });
    gInterrupts.store(0);
    auto previousInt = std::signal(SIGINT, onWorkspaceInterrupt);
    auto previousTerm = std::signal(SIGTERM, onWorkspaceInterrupt);
    OFFSITE_TRY(job.start());
    int acted = 0;
    while (job.running()) {
        const int interrupts = gInterrupts.load();
        if (interrupts > acted) {
            // First Ctrl-C: pause with a checkpoint (resumable); a second one cancels.
            if (acted == 0) job.pause();
            else job.cancel();
            acted = interrupts;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const workspace::RunState state = job.wait();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    const jobs::JobProgress end = job.snapshot();
    if (!asJson) bar.finish();
    switch (state) {
        case workspace::RunState::Completed:
            std::printf("run %lld completed: %s; adapter %s; device %s\n", static_cast<long long>(job.runId()),
                        end.message.c_str(), end.adapter.string().c_str(),
                        std::string(model::deviceName(end.device)).c_str());
            return kExitOk;
        case workspace::RunState::Paused:
            std::printf("run %lld %s; continue with `offsite train --workspace %s --resume-run %lld`\n",
                        static_cast<long long>(job.runId()), end.message.c_str(), workspaceFolder.string().c_str(),
                        static_cast<long long>(job.runId()));
            return kExitCancelled;
        case workspace::RunState::Cancelled:
            return makeError(ErrorKind::Cancelled, end.message);
        default:
            return makeError(ErrorKind::InvalidInput, "run " + std::to_string(job.runId()) + " failed: " + end.message);
    }
}

}  // namespace

Result<int> runTrainInWorkspace(const Arguments& args) {
    if (args.value("data")) {
        return makeError(ErrorKind::InvalidInput, "give either --data FILE or a workspace data set (--dataset ID), not both");
    }
    // Checked before the workspace is opened: a device that cannot train changes nothing.
    OFFSITE_ASSIGN_OR_RETURN(const model::Device device, readDevice(args));
    OFFSITE_ASSIGN_OR_RETURN(workspace::Workspace opened, openWorkspace(args, WorkspaceAccess::OpenExisting));
    jobs::SharedWorkspace shared(std::move(opened));
    const bool asJson = args.flag("json");

    if (args.value("resume-run")) {
        OFFSITE_ASSIGN_OR_RETURN(const std::int64_t runId, idValue(args, "resume-run"));
        OFFSITE_ASSIGN_OR_RETURN(jobs::TrainingJobParams params, jobs::jobParamsForRun(shared, runId));
        // The run's own device unless --device is given (a checkpoint resumes on either device).
        if (args.value("device")) params.training.device = device;
        OFFSITE_ASSIGN_OR_RETURN(auto job, jobs::TrainingJob::resume(shared, runId, std::move(params)));
        return drive(*job, shared.folder(), asJson);
    }

    OFFSITE_ASSIGN_OR_RETURN(const std::int64_t datasetId, idValue(args, "dataset"));
    jobs::TrainingJobParams params;
    trainer::TrainingParams& p = params.training;
    p.modelFolder = args.value("model").value_or("");
    if (p.modelFolder.empty()) return makeError(ErrorKind::InvalidInput, "give the split model folder with --model DIR");
    OFFSITE_TRY(readTrainingSettings(args, p));
    OFFSITE_ASSIGN_OR_RETURN(const long long every, args.integer("checkpoint-every", 0, 0, 10'000'000));
    p.checkpointEvery = static_cast<int>(every);
    OFFSITE_ASSIGN_OR_RETURN(const long long keep, args.integer("keep-checkpoints", 3, 1, 1'000'000));
    params.keepCheckpoints = static_cast<std::size_t>(keep);
    p.outputAdapter = args.valueOr("out", "");
    p.outputModel = args.valueOr("out-model", "");
    params.name = args.valueOr("name", "data set " + std::to_string(datasetId));
    jobs::DatasetTrainingSetup setup;
    setup.datasetId = datasetId;
    setup.tokenizerFile = p.modelFolder / "tokenizer.json";
    OFFSITE_ASSIGN_OR_RETURN(const long long splitSeed, args.integer("split-seed", 0, 0, 1LL << 62));
    setup.split.seed = static_cast<std::uint64_t>(splitSeed);
    OFFSITE_ASSIGN_OR_RETURN(setup.split.validationFraction, args.number("validation-fraction", 0.1, 0.0, 0.5));
    // Without --task: the data set's own task (prompt -> completion, classification and multiple choice train on
    // the completion only); --task text trains every row's whole text.
    if (const auto task = args.value("task")) {
        if (*task == "text") setup.task = dataset::TaskType::PlainText;
        else if (*task == "prompt-completion") setup.task = dataset::TaskType::PromptCompletion;
        else if (*task == "classification") setup.task = dataset::TaskType::Classification;
        else if (*task == "multiple-choice") setup.task = dataset::TaskType::MultipleChoice;
        else return makeError(ErrorKind::InvalidInput, "--task must be text, prompt-completion, classification or multiple-choice");
    }
    setup.promptTemplate = args.valueOr("template", "");
    OFFSITE_TRY(jobs::attachDataset(shared, setup, params));
    OFFSITE_ASSIGN_OR_RETURN(auto job, jobs::TrainingJob::create(shared, std::move(params)));
    if (!asJson) {
        std::printf("run %lld on data set %lld in %s\n", static_cast<long long>(job->runId()),
                    static_cast<long long>(datasetId), shared.folder().string().c_str());
    }
    return drive(*job, shared.folder(), asJson);
}

}  // namespace offsite::cli
