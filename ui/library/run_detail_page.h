// One run's page: its name and state, the charts of its stored metrics and its history (state changes,
// checkpoints, evaluations) from the workspace's audit log; Resume for a run that is paused or was interrupted.
#pragma once

#include <QWidget>

#include "core/base/result.h"

class QLabel;
class QListWidget;
class QPushButton;

namespace offsite::workspace {
class Workspace;
}

namespace offsite::ui {

class MetricChart;

class RunDetailPage : public QWidget {
    Q_OBJECT

public:
    explicit RunDetailPage(QWidget* parent = nullptr);

    [[nodiscard]] Status showRun(workspace::Workspace& workspace, qint64 runId);
    [[nodiscard]] qint64 runId() const { return runId_; }
    [[nodiscard]] MetricChart* chart() const { return chart_; }

signals:
    void backRequested();
    void resumeRunRequested(qint64 runId);

private:
    qint64 runId_ = 0;
    QLabel* title_;
    QLabel* state_;
    QPushButton* resume_;
    MetricChart* chart_;
    QListWidget* history_;
};

}  // namespace offsite::ui
