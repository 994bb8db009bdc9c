// Wizard step 4: Train (see train_page.h).
#include "ui/wizard/train_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <unistd.h>

#include <fstream>

#include "core/json/json.h"
#include "core/trainer/trainer.h"
#include "core/workspace/workspace.h"
#include "ui/charts/metric_chart.h"
#include "ui/wizard/training_data.h"
#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }

// Resident memory of this process (what training costs on the CPU).
double residentMiB() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0;
    long resident = 0;
    if (!(statm >> pages >> resident)) return 0.0;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

QString duration(qint64 seconds) {
    if (seconds < 60) return TrainPage::tr("%n second(s)", nullptr, static_cast<int>(seconds));
    if (seconds < 3600) return TrainPage::tr("%n minute(s)", nullptr, static_cast<int>((seconds + 30) / 60));
    return TrainPage::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

std::string configJson(const trainer::TrainingParams& p) {
    json::Value v = json::Value::object();
    v.set("steps", json::Value::integer(p.maxSteps));
    v.set("learning_rate", json::Value::number(p.learningRate));
    v.set("micro_batch", json::Value::integer(p.microBatch));
    v.set("block_size", json::Value::integer(p.blockSize));
    return json::serialize(v);
}

struct TrainOutcome {
    Result<trainer::TrainingResult> result = makeError(ErrorKind::Internal, "not run");
    std::vector<std::int32_t> validationTokens;
};
}  // namespace

TrainPage::TrainPage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      chart_(new MetricChart(this)),
      progress_(new QProgressBar(this)),
      eta_(new QLabel(this)),
      status_(new StatusLabel(QStringLiteral("trainStatus"), this)),
      startButton_(new QPushButton(tr("&Start training"), this)),
      cancelButton_(new QPushButton(tr("&Cancel training"), this)) {
    setObjectName(QStringLiteral("trainPage"));
    setTitle(tr("Train"));
    setSubTitle(tr("The adapter learns from your data on this computer. You can keep using the app meanwhile."));
    progress_->setObjectName(QStringLiteral("trainProgress"));
    progress_->setAccessibleName(tr("Training progress"));
    progress_->setFormat(tr("Step %v of %m"));
    progress_->setValue(0);
    eta_->setObjectName(QStringLiteral("trainEta"));
    startButton_->setObjectName(QStringLiteral("trainStart"));
    cancelButton_->setObjectName(QStringLiteral("trainCancel"));
    cancelButton_->setAccessibleDescription(tr("Stops at the next step; nothing of this run is kept."));
    connect(startButton_, &QPushButton::clicked, this, &TrainPage::start);
    connect(cancelButton_, &QPushButton::clicked, this, &TrainPage::cancel);

    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(progress_, 1);
    progressRow->addWidget(eta_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(status_, 1);
    buttons->addWidget(startButton_);
    buttons->addWidget(cancelButton_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(chart_, 1);
    layout->addLayout(progressRow);
    layout->addLayout(buttons);
    setRunningUi(false);
}

TrainPage::~TrainPage() = default;

void TrainPage::initializePage() {
    if (!running() && !completed_) {
        progress_->setRange(0, context_.training.maxSteps);
        progress_->setValue(0);
        status_->announce(tr("Ready to train for %n step(s).", nullptr, context_.training.maxSteps));
    }
}

void TrainPage::setRunningUi(bool running) {
    runningUi_ = running;
    startButton_->setEnabled(!running && !completed_);
    cancelButton_->setEnabled(running);
    emit completeChanged();
}

void TrainPage::start() {
    if (running() || context_.workspace == nullptr || !context_.dataset || context_.modelFolder.empty()) {
        if (!running()) status_->announce(tr("Import a package and choose data first."), Verdict::Warning);
        return;
    }
    workspace::Workspace& ws = *context_.workspace;
    auto run = ws.createRun({context_.package ? context_.package->manifest.modelId + " fine-tuning" : "fine-tuning",
                             context_.packageId ? std::optional<std::int64_t>(context_.packageId) : std::nullopt,
                             context_.datasetId ? std::optional<std::int64_t>(context_.datasetId) : std::nullopt,
                             configJson(context_.training)});
    if (!run.ok()) {
        status_->announce(tr("Could not start: %1").arg(q(run.error().message)), Verdict::Bad);
        return;
    }
    context_.runId = run.value();
    context_.runFolder = ws.folder() / "runs" / std::to_string(context_.runId);
    std::error_code ec;
    std::filesystem::create_directories(context_.runFolder, ec);
    if (Status s = ws.transitionRun(context_.runId, workspace::RunState::Running, ""); !s.ok()) {
        status_->announce(tr("Could not start: %1").arg(q(s.error().message)), Verdict::Bad);
        return;
    }
    batcher_ = std::make_unique<workspace::MetricsBatcher>(ws, context_.runId);
    chart_->clear();
    progress_->setRange(0, context_.training.maxSteps);
    progress_->setValue(0);
    eta_->clear();
    clock_.start();
    status_->announce(tr("Preparing your data\u2026"));
    setRunningUi(true);

    trainer::TrainingParams params = context_.training;
    params.modelFolder = context_.modelFolder;
    params.outputAdapter = context_.adapterPath();
    params.outputModel = context_.tunedModelFolder();
    const dataset::DatasetSpec spec = *context_.dataset;
    const double share = context_.validationShare;
    task_.start(
        this,
        [this, params, spec, share](const std::atomic<bool>& stop) mutable {
            TrainOutcome outcome;
            auto tokens = tokenizeDataset(spec, params.modelFolder / "tokenizer.json", share, stop);
            if (!tokens.ok()) {
                outcome.result = tokens.error();
                return outcome;
            }
            params.trainTokens = std::move(tokens->train);
            params.validationTokens = tokens->validation;
            outcome.validationTokens = std::move(tokens->validation);
            outcome.result = trainer::train(params, [this, &stop](const trainer::StepMetrics& m) {
                const double memory = residentMiB();
                QMetaObject::invokeMethod(this, [this, m, memory] { onStep(m, memory); }, Qt::QueuedConnection);
                return !stop.load();
            });
            return outcome;
        },
        [this](TrainOutcome outcome) {
            context_.validationTokens = std::move(outcome.validationTokens);
            if (outcome.result.ok()) {
                context_.result = std::move(outcome.result).value();
                finish({});
            } else {
                finish(outcome.result.error());
            }
        });
}

void TrainPage::onStep(const trainer::StepMetrics& m, double memoryMiB) {
    if (progress_->value() == 0) status_->announce(tr("Training\u2026"));
    chart_->append(Metric::TrainingLoss, m.step, m.loss);
    chart_->append(Metric::LearningRate, m.step, m.learningRate);
    chart_->append(Metric::TokensPerSecond, m.step, m.tokensPerSecond);
    chart_->append(Metric::MemoryMiB, m.step, memoryMiB);
    if (batcher_) {
        auto add = [this, &m](Metric metric, double value) {
            (void)batcher_->add({std::string(metricKey(metric)), m.step, value});
        };
        add(Metric::TrainingLoss, m.loss);
        add(Metric::LearningRate, m.learningRate);
        add(Metric::TokensPerSecond, m.tokensPerSecond);
        add(Metric::MemoryMiB, memoryMiB);
        if (m.validationLoss >= 0) add(Metric::ValidationLoss, m.validationLoss);
    }
    if (m.validationLoss >= 0) chart_->append(Metric::ValidationLoss, m.step, m.validationLoss);
    progress_->setMaximum(m.totalSteps);
    progress_->setValue(m.step);
    if (m.step > 0 && m.step < m.totalSteps) {
        const qint64 left = clock_.elapsed() / 1000 * (m.totalSteps - m.step) / m.step;
        eta_->setText(tr("About %1 left").arg(duration(left)));
    }
}

void TrainPage::cancel() {
    if (!task_.running()) return;
    task_.requestStop();
    status_->announce(tr("Cancelling at the next step\u2026"));
}

void TrainPage::finish(const Status& status) {
    chart_->flush();
    workspace::Workspace* ws = context_.workspace;
    if (batcher_) {
        (void)batcher_->flush();
        batcher_.reset();
    }
    eta_->clear();
    if (status.ok()) {
        completed_ = true;
        if (ws != nullptr) (void)ws->transitionRun(context_.runId, workspace::RunState::Completed, "");
        QString text = tr("Finished %n step(s).", nullptr, context_.result->steps);
        if (context_.result->finalValidationLoss >= 0) {
            text += QLatin1Char(' ') + tr("Validation loss %1.").arg(QLocale().toString(context_.result->finalValidationLoss, 'f', 3));
        }
        status_->announce(text, Verdict::Good);
    } else if (status.error().kind == ErrorKind::Cancelled) {
        if (ws != nullptr) (void)ws->transitionRun(context_.runId, workspace::RunState::Cancelled, "cancelled by the user");
        status_->announce(tr("Training was cancelled. You can start again."), Verdict::Warning);
    } else {
        if (ws != nullptr) (void)ws->transitionRun(context_.runId, workspace::RunState::Failed, status.error().message);
        status_->announce(tr("Training stopped with a problem: %1").arg(q(status.error().message)), Verdict::Bad);
    }
    setRunningUi(false);
    emit trainingFinished(status.ok());
}

bool TrainPage::isComplete() const { return completed_ && !running(); }

}  // namespace offsite::ui
