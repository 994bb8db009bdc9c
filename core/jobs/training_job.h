// A training run owned end to end by the core, so that a window closing or the app restarting never loses it: the
// job creates (or reopens) the run's row, moves it through the workspace's state machine, runs the trainer on its
// own worker thread, writes metrics in batches, records every checkpoint the trainer publishes as a row, and offers
// pause, stop and cancel; a paused run (or one the workspace found `running` after a crash and paused) is resumed
// by a new job from its newest verified checkpoint, bitwise equal on CPU to a run that never stopped.
//
// Threads: the job's worker writes to the workspace through SharedWorkspace, which serialises every thread's use
// of the one Workspace of the process (SQLite transactions on one connection must not interleave). Observers get
// progress either by polling snapshot() or from the callback, which runs on the worker thread (a GUI marshals it
// to its own thread). Torch-free header.
//
// Loss window: metric points go through MetricsBatcher (default at most 256 points or 2 s per batch) and are also
// flushed whenever a checkpoint is recorded and when the run ends, pauses or fails. A crash therefore loses at most
// the points of one unflushed batch; since a resumed run replays every step after its checkpoint and metrics are
// keyed by (run, name, step), those steps' points are written again when the run is resumed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/base/result.h"
#include "core/trainer/trainer.h"
#include "core/workspace/workspace.h"

namespace offsite::jobs {

// The process's one Workspace with the lock every thread takes to use it.
class SharedWorkspace {
public:
    explicit SharedWorkspace(workspace::Workspace workspace) : workspace_(std::move(workspace)) {}
    SharedWorkspace(const SharedWorkspace&) = delete;
    SharedWorkspace& operator=(const SharedWorkspace&) = delete;

    template <typename F>
    auto with(F&& f) -> decltype(f(std::declval<workspace::Workspace&>())) {
        std::lock_guard<std::mutex> lock(mutex_);
        return f(workspace_);
    }
    // Without the lock: only where no job of this workspace runs (start-up, tests).
    [[nodiscard]] workspace::Workspace& unguarded() { return workspace_; }
    [[nodiscard]] const std::filesystem::path& folder() const { return workspace_.folder(); }

private:
    std::mutex mutex_;
    workspace::Workspace workspace_;
};

// What observers see; a copy taken under the job's lock.
struct JobProgress {
    std::int64_t runId = 0;
    workspace::RunState state = workspace::RunState::Created;
    int step = 0;
    int totalSteps = 0;
    double loss = -1.0;
    double learningRate = 0.0;
    double tokensPerSecond = 0.0;
    double validationLoss = -1.0;      // the latest validation, negative before the first
    std::int64_t memoryBytes = 0;      // see trainer::StepMetrics::memoryBytes (RSS on the CPU, allocated on CUDA)
    model::Device device = model::Device::Auto;  // the device the run trains on, once start() has resolved it
    double elapsedSeconds = 0.0;       // of this session of the run (since start() or resume)
    double remainingSeconds = -1.0;    // estimate from this session's pace; negative until known
    std::string message;               // the state message (why it failed, where it paused)
    std::filesystem::path lastCheckpoint;
    std::filesystem::path adapter;     // where the tuned adapter is (written when the run completes)
};

using ProgressObserver = std::function<void(const JobProgress&)>;

struct TrainingJobParams {
    std::string name;  // the run's name in the library
    std::optional<std::int64_t> packageId;
    std::optional<std::int64_t> datasetId;
    // The model, data and settings. The job sets control and checkpointFolder (<workspace>/runs/<id>/checkpoints)
    // and writes the adapter to <workspace>/runs/<id>/adapter.safetensors unless outputAdapter is set. On resume
    // these must describe the same training (the trainer refuses otherwise).
    trainer::TrainingParams training;
    // After each checkpoint is recorded, the newest keepCheckpoints verified ones of the run are kept and older
    // rows and folders retired (Workspace::retireCheckpoints); at least 1. Stored in the run's configuration, so
    // a resumed run keeps the same number.
    std::size_t keepCheckpoints = 3;
    // Also write the whole tuned (emulated) model to <workspace>/runs/<id>/tuned-model when training.outputModel
    // is empty (what the desktop app evaluates on; the run's id is only known once the job created it).
    bool tunedModelInRunFolder = false;
    workspace::MetricsBatchPolicy metrics;
    // Extra fields stored in the run's configuration JSON (e.g. the tokenizer and split used for the data set).
    std::string extraConfigJson = "{}";
};

class TrainingJob {
public:
    // A new run: inserts its row (created). Nothing trains until start(). A device that cannot be used (CUDA
    // without a usable GPU) is refused before the row is inserted.
    [[nodiscard]] static Result<std::unique_ptr<TrainingJob>> create(SharedWorkspace& shared,
                                                                     TrainingJobParams params);
    // An existing run in the created or paused state (e.g. after a restart): continues from the newest checkpoint
    // in the run's checkpoint folder that verifies, or from the beginning when there is none. Checkpoint folders
    // that verify but have no row (a crash between publishing and recording) are recorded first.
    [[nodiscard]] static Result<std::unique_ptr<TrainingJob>> resume(SharedWorkspace& shared, std::int64_t runId,
                                                                     TrainingJobParams params);

    TrainingJob(const TrainingJob&) = delete;
    TrainingJob& operator=(const TrainingJob&) = delete;
    // A job still running when destroyed is paused (a checkpoint is written, the run becomes resumable) and joined.
    ~TrainingJob();

    // Set before start(); called on the worker thread after every step and once when the run leaves `running`.
    void setObserver(ProgressObserver observer);
    // running, then the trainer on the worker thread.
    [[nodiscard]] Status start();
    // Requests, acted on at the next optimizer-step boundary:
    void pause();   // checkpoint, then paused (resumable)
    void stop();    // write the adapter as if done, then completed ("stopped early")
    void cancel();  // no outputs, then cancelled (checkpoints already written stay)
    // Waits for the worker to finish; returns the run's final state for this session.
    workspace::RunState wait();
    [[nodiscard]] bool running() const;

    [[nodiscard]] std::int64_t runId() const { return runId_; }
    [[nodiscard]] JobProgress snapshot() const;
    [[nodiscard]] std::filesystem::path runFolder() const;
    [[nodiscard]] std::filesystem::path checkpointFolder() const;

private:
    TrainingJob(SharedWorkspace& shared, std::int64_t runId, TrainingJobParams params, bool resuming);
    void work();
    void publish(const JobProgress& progress);
    [[nodiscard]] Status recordCheckpoint(const std::filesystem::path& folder);
    [[nodiscard]] Status recordUnrecordedCheckpoints();
    void finish(workspace::RunState state, const std::string& message);

    SharedWorkspace& shared_;
    std::int64_t runId_ = 0;
    TrainingJobParams params_;
    bool resuming_ = false;
    trainer::TrainingControl control_;
    std::atomic<bool> cancelRequested_{false};
    std::atomic<bool> running_{false};
    std::optional<workspace::MetricsBatcher> batcher_;  // used only under the SharedWorkspace lock
    std::optional<Error> storageError_;                 // a workspace write that failed during the run
    mutable std::mutex progressMutex_;
    JobProgress progress_;
    ProgressObserver observer_;
    std::chrono::steady_clock::time_point started_{};
    int firstStepThisSession_ = 0;
    std::thread worker_;
};

// The run's configuration JSON: every training setting (not the data) plus `extraConfigJson`'s fields.
[[nodiscard]] std::string trainingConfigJson(const trainer::TrainingParams& params, std::string_view extraConfigJson);
// The settings back from a configuration JSON (model folder and hyperparameters; the data are not stored).
[[nodiscard]] Result<trainer::TrainingParams> trainingParamsFromConfig(std::string_view configJson);

}  // namespace offsite::jobs
