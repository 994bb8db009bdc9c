// Wizard step 4, Train: the run belongs to the core's training job (core/jobs/training_job.h), which records it
// in the workspace, trains on its own worker thread, writes metrics and checkpoints and acts on Pause, Stop and
// save and Cancel at the next step. This page only observes and commands it: the job's progress arrives on the
// worker thread and crosses to the GUI thread as queued calls, reaching the chart (which batches its repaints),
// the progress bar with the time left and the announced status. Preparing the data (the data set's tokenized
// cache) and creating or reopening the job happen off the GUI thread too.
//
// Resume continues a paused run from its newest verified checkpoint through a new job; resumeRun() does the same
// for a run of the workspace that this window did not start (paused, or interrupted when the app was closed),
// rebuilding its settings from the run's row (jobs::jobParamsForRun). Destroying the page while a run trains
// pauses it with a checkpoint and waits for that (the job's destructor); pauseForClose() asks for the same
// without blocking, for a window that wants to close once the checkpoint is saved.
#pragma once

#include <QWizardPage>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "ui/wizard/background_task.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace offsite::jobs {
class TrainingJob;
struct JobProgress;
}  // namespace offsite::jobs

namespace offsite::ui {

struct WizardContext;
struct GpuReading;
class GpuSampler;
class MetricChart;
class StatusLabel;

class TrainPage : public QWizardPage {
    Q_OBJECT

public:
    TrainPage(WizardContext& context, QWidget* parent = nullptr);
    ~TrainPage() override;

    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    // True while the data are prepared or the job trains (until its final progress reached this page).
    [[nodiscard]] bool running() const { return preparing_ || runningUi_; }
    [[nodiscard]] bool paused() const { return paused_; }
    [[nodiscard]] std::int64_t runId() const;
    [[nodiscard]] MetricChart* chart() const { return chart_; }
    void start();
    void pause();
    void resume();
    void stopAndSave();
    void cancel();
    // Reopens a paused or interrupted run of the workspace and resumes it from its newest verified checkpoint.
    void resumeRun(std::int64_t runId);
    // Asks a training run to pause with a checkpoint (for a closing window); false when nothing trains.
    // trainingFinished follows once the checkpoint is saved.
    bool pauseForClose();
    // Test seam: NVML's library file for the GPU monitor (a test double of the driver), used by the next run.
    void setGpuLibraryForTests(std::filesystem::path library) { gpuLibrary_ = std::move(library); }

signals:
    // The run left the running state: completed (or stopped and saved) when `completed`, else paused,
    // cancelled or failed.
    void trainingFinished(bool completed);

private:
    struct Prepared;
    void prepare(std::int64_t resumeRunId);
    void launch(std::shared_ptr<Prepared> prepared);
    void onProgress(const jobs::JobProgress& progress, const GpuReading& gpu);
    void finish(const jobs::JobProgress& progress);
    void setRunningUi(bool running);

    WizardContext& context_;
    MetricChart* chart_;
    QProgressBar* progress_;
    QLabel* eta_;
    QLabel* gpuMonitor_;  // what the memory chart shows: the GPU's (from its driver) or this app's memory
    StatusLabel* status_;
    QPushButton* startButton_;
    QPushButton* pauseButton_;
    QPushButton* resumeButton_;
    QPushButton* stopButton_;
    QPushButton* cancelButton_;
    bool preparing_ = false;
    bool runningUi_ = false;
    bool completed_ = false;
    bool paused_ = false;
    bool resumingFromLibrary_ = false;
    bool pauseRequested_ = false;
    int stepsAtLaunch_ = 0;
    std::int64_t runId_ = 0;
    bool gpuCharted_ = false;  // this run's GPU is monitored: its memory replaces the process's on the chart
    std::filesystem::path gpuLibrary_;
    std::shared_ptr<GpuSampler> gpu_;  // sampled on the job's worker thread
    BackgroundTask task_;                   // prepares the data and creates (or reopens) the job
    std::unique_ptr<jobs::TrainingJob> job_;  // destroyed first: pauses a running job and joins its worker
};

}  // namespace offsite::ui
