// Wizard step 4, Train: starts the run (recorded in the workspace), shows live charts, a progress bar with the
// time left and announces state changes. Pause writes a checkpoint at the next step and Resume continues from
// it exactly; Stop and save ends early keeping the adapter so far; Cancel discards the run. Training runs on a
// worker thread owned by this page's BackgroundTask (on destruction it asks for a pause and joins, so a closed
// window leaves a resumable checkpoint and a run the workspace marks paused at the next start); step metrics
// cross to the GUI thread as queued calls and reach the chart, which batches its repaints.
#pragma once

#include <QElapsedTimer>
#include <QWizardPage>
#include <filesystem>
#include <memory>

#include "core/base/result.h"
#include "core/trainer/trainer.h"
#include "ui/wizard/background_task.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace offsite::workspace {
class MetricsBatcher;
}

namespace offsite::ui {

struct WizardContext;
class MetricChart;
class StatusLabel;

class TrainPage : public QWizardPage {
    Q_OBJECT

public:
    TrainPage(WizardContext& context, QWidget* parent = nullptr);
    ~TrainPage() override;

    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] bool running() const { return task_.running() || runningUi_; }
    [[nodiscard]] bool paused() const { return paused_; }
    [[nodiscard]] MetricChart* chart() const { return chart_; }
    void start();
    void pause();
    void resume();
    void stopAndSave();
    void cancel();

signals:
    void trainingFinished(bool completed);

private:
    void launch(const std::filesystem::path& resumeFrom);
    void onStep(const trainer::StepMetrics& metrics);
    void finish(Result<trainer::TrainingResult> result);
    void setRunningUi(bool running);

    WizardContext& context_;
    MetricChart* chart_;
    QProgressBar* progress_;
    QLabel* eta_;
    StatusLabel* status_;
    QPushButton* startButton_;
    QPushButton* pauseButton_;
    QPushButton* resumeButton_;
    QPushButton* stopButton_;
    QPushButton* cancelButton_;
    std::unique_ptr<workspace::MetricsBatcher> batcher_;
    QElapsedTimer clock_;
    bool runningUi_ = false;
    bool completed_ = false;
    bool paused_ = false;
    int stepsAtLaunch_ = 0;
    std::filesystem::path lastCheckpoint_;
    trainer::TrainingControl control_;  // outlives task_ (declared before it), which the worker reads
    BackgroundTask task_;
};

}  // namespace offsite::ui
