// A run's detail page (see run_detail_page.h).
#include "ui/library/run_detail_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "core/workspace/listing.h"
#include "core/workspace/workspace.h"
#include "ui/charts/metric_chart.h"
#include "ui/library/library_table_model.h"

namespace offsite::ui {

namespace {
QString historyLine(const workspace::RunHistoryEntry& entry) {
    const QString when = displayTime(entry.at);
    if (entry.action == "run.created") return RunDetailPage::tr("%1  Run created").arg(when);
    if (entry.action == "run.state") {
        QString line = RunDetailPage::tr("%1  %2 \u2192 %3")
                           .arg(when, runStateDisplayName(QString::fromStdString(entry.fromState)),
                                runStateDisplayName(QString::fromStdString(entry.toState)));
        if (!entry.message.empty()) line += QStringLiteral(" \u2014 ") + QString::fromStdString(entry.message);
        return line;
    }
    if (entry.action == "checkpoint.saved") {
        return RunDetailPage::tr("%1  Checkpoint saved at step %2").arg(when).arg(entry.step.value_or(0));
    }
    if (entry.action == "evaluation.recorded") return RunDetailPage::tr("%1  Evaluated").arg(when);
    if (entry.action == "export.created") {
        return RunDetailPage::tr("%1  Exported, encrypted for the model owner").arg(when);
    }
    return QStringLiteral("%1  %2").arg(when, QString::fromStdString(entry.action));
}
}  // namespace

RunDetailPage::RunDetailPage(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(this)),
      state_(new QLabel(this)),
      resume_(new QPushButton(tr("&Resume"), this)),
      chart_(new MetricChart(this)),
      history_(new QListWidget(this)) {
    setObjectName(QStringLiteral("runDetailPage"));
    title_->setObjectName(QStringLiteral("runDetailTitle"));
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    state_->setObjectName(QStringLiteral("runDetailState"));
    history_->setObjectName(QStringLiteral("runDetailHistory"));
    history_->setAccessibleName(tr("Run history"));

    auto* back = new QPushButton(tr("\u2190 &Library"), this);
    back->setObjectName(QStringLiteral("runDetailBack"));
    back->setAccessibleName(tr("Back to the library"));
    connect(back, &QPushButton::clicked, this, &RunDetailPage::backRequested);

    resume_->setObjectName(QStringLiteral("runDetailResume"));
    resume_->setAccessibleDescription(tr("Continues this run from its newest checkpoint in the fine-tuning "
                                         "assistant."));
    resume_->setVisible(false);
    connect(resume_, &QPushButton::clicked, this, [this] { emit resumeRunRequested(runId_); });

    auto* header = new QHBoxLayout;
    header->addWidget(back);
    header->addWidget(title_, 1);
    header->addWidget(state_);
    header->addWidget(resume_);

    auto* historyBox = new QWidget(this);
    auto* historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    auto* historyLabel = new QLabel(tr("&History"), historyBox);
    historyLabel->setBuddy(history_);
    historyLayout->addWidget(historyLabel);
    historyLayout->addWidget(history_);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(chart_);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(splitter, 1);
}

Status RunDetailPage::showRun(workspace::Workspace& workspace, qint64 runId) {
    OFFSITE_ASSIGN_OR_RETURN(workspace::RunRecord run, workspace.run(runId));
    OFFSITE_ASSIGN_OR_RETURN(auto metrics, workspace.metrics(runId));
    OFFSITE_ASSIGN_OR_RETURN(auto history, workspace::runHistory(workspace, runId));
    runId_ = runId;
    title_->setText(QString::fromStdString(run.name));
    QString state = runStateDisplayName(QString::fromStdString(std::string(workspace::runStateName(run.state))));
    if (!run.stateMessage.empty()) state += QStringLiteral(" \u2014 ") + QString::fromStdString(run.stateMessage);
    state_->setText(state);
    const QString stored = QString::fromStdString(std::string(workspace::runStateName(run.state)));
    resume_->setVisible(runStateResumable(stored));
    chart_->clear();
    for (const auto& point : metrics) {
        // The training job stores memory in bytes; the chart shows MiB.
        if (point.name == "train/memory_bytes") {
            chart_->append(Metric::MemoryMiB, static_cast<double>(point.step), point.value / (1024.0 * 1024.0));
            continue;
        }
        if (auto metric = metricFromKey(point.name)) {
            chart_->append(*metric, static_cast<double>(point.step), point.value);
        }
    }
    chart_->flush();
    history_->clear();
    for (const auto& entry : history) history_->addItem(historyLine(entry));
    return {};
}

}  // namespace offsite::ui
