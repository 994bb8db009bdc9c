// Wizard step 4, Train: starts the run (recorded in the workspace), shows live charts, a progress bar with the
// time left and announces state changes; Cancel stops at the next step. Training runs on a worker thread owned
// by this page's BackgroundTask (joined when the page goes away); step metrics cross to the GUI thread as
// queued calls and reach the chart, which batches its repaints.
#pragma once

#include <QElapsedTimer>
#include <QWizardPage>
#include <memory>

#include "core/base/result.h"
#include "ui/wizard/background_task.h"

class QLabel;
class QProgressBar;
class QPushButton;

namespace offsite::workspace {
class MetricsBatcher;
}
namespace offsite::trainer {
struct StepMetrics;
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
    [[nodiscard]] MetricChart* chart() const { return chart_; }
    void start();
    void cancel();

signals:
    void trainingFinished(bool completed);

private:
    void onStep(const trainer::StepMetrics& metrics, double memoryMiB);
    void finish(const Status& status);
    void setRunningUi(bool running);

    WizardContext& context_;
    MetricChart* chart_;
    QProgressBar* progress_;
    QLabel* eta_;
    StatusLabel* status_;
    QPushButton* startButton_;
    QPushButton* cancelButton_;
    std::unique_ptr<workspace::MetricsBatcher> batcher_;
    QElapsedTimer clock_;
    bool runningUi_ = false;
    bool completed_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui
