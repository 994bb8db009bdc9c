// jobs_crash_child WORKSPACE MODEL DATA: what the job kill harness SIGKILLs at random moments. It imports DATA once,
// then continues the newest created or paused run of the workspace (from its row alone), or starts a new one; every
// step writes a checkpoint, so a kill can land in any part of a step, a checkpoint or its row.
#include <cstdio>
#include <filesystem>

#include "core/dataset/import.h"
#include "core/jobs/run_setup.h"
#include "core/jobs/training_job.h"

using namespace offsite;

namespace {

int fail(const char* what, const Error& e) {
    std::fprintf(stderr, "jobs_crash_child: %s: %s\n", what, e.message.c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: jobs_crash_child WORKSPACE MODEL DATA\n");
        return 2;
    }
    const std::filesystem::path model = argv[2];
    auto opened = workspace::Workspace::open(argv[1]);
    if (!opened.ok()) return fail("open", opened.error());
    jobs::SharedWorkspace shared(std::move(opened).value());
    auto& ws = shared.unguarded();

    auto datasetCount = ws.database().queryInt("SELECT count(*) FROM datasets");
    if (!datasetCount.ok()) return fail("count", datasetCount.error());
    if (*datasetCount == 0) {
        dataset::DatasetImportParams imp;
        imp.source = argv[3];
        imp.copy = dataset::CopyPolicy::CopyIntoStore;
        auto imported = dataset::importDataset(ws, imp);
        if (!imported.ok()) return fail("import", imported.error());
    }
    auto runs = ws.runs();
    if (!runs.ok()) return fail("runs", runs.error());
    std::unique_ptr<jobs::TrainingJob> job;
    for (auto it = runs->rbegin(); it != runs->rend(); ++it) {
        if (it->state != workspace::RunState::Created && it->state != workspace::RunState::Paused) continue;
        auto params = jobs::jobParamsForRun(shared, it->id);
        if (!params.ok()) return fail("restore", params.error());
        auto resumed = jobs::TrainingJob::resume(shared, it->id, std::move(params).value());
        if (!resumed.ok()) return fail("resume", resumed.error());
        job = std::move(resumed).value();
        break;
    }
    if (!job) {
        jobs::TrainingJobParams params;
        params.name = "kill harness";
        auto& p = params.training;
        p.modelFolder = model;
        p.blockSize = 16;
        p.microBatch = 2;
        p.maxSteps = 12;
        p.learningRate = 1e-3;
        p.evalEvery = 4;
        p.trainable = trainer::TrainableSet::AllBlocks;
        p.threads = 1;
        p.checkpointEvery = 1;
        jobs::DatasetTrainingSetup setup;
        setup.datasetId = 1;
        setup.tokenizerFile = model / "tokenizer.json";
        setup.split.validationFraction = 0.2;
        const Status attached = jobs::attachDataset(shared, setup, params);
        if (!attached.ok()) return fail("data", attached.error());
        auto created = jobs::TrainingJob::create(shared, std::move(params));
        if (!created.ok()) return fail("create", created.error());
        job = std::move(created).value();
    }
    const Status started = job->start();
    if (!started.ok()) return fail("start", started.error());
    // Tells the harness that training is under way (so its kills land in steps and checkpoints, not only start-up).
    std::printf("running run %lld\n", static_cast<long long>(job->runId()));
    std::fflush(stdout);
    const workspace::RunState state = job->wait();
    std::printf("run %lld %s: %s\n", static_cast<long long>(job->runId()),
                std::string(workspace::runStateName(state)).c_str(), job->snapshot().message.c_str());
    return state == workspace::RunState::Completed ? 0 : 1;
}
