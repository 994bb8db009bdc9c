// Wizard step 4: Train (see train_page.h).
#include "ui/wizard/train_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

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
      pauseButton_(new QPushButton(tr("&Pause"), this)),
      resumeButton_(new QPushButton(tr("&Resume"), this)),
      stopButton_(new QPushButton(tr("Stop and s&ave"), this)),
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
    pauseButton_->setObjectName(QStringLiteral("trainPause"));
    pauseButton_->setAccessibleDescription(tr("Saves a checkpoint at the next step; Resume continues exactly there."));
    resumeButton_->setObjectName(QStringLiteral("trainResume"));
    stopButton_->setObjectName(QStringLiteral("trainStop"));
    stopButton_->setAccessibleDescription(tr("Ends training at the next step and keeps the adapter trained so far."));
    cancelButton_->setObjectName(QStringLiteral("trainCancel"));
    cancelButton_->setAccessibleDescription(tr("Stops at the next step; nothing of this run is kept."));
    connect(startButton_, &QPushButton::clicked, this, &TrainPage::start);
    connect(pauseButton_, &QPushButton::clicked, this, &TrainPage::pause);
    connect(resumeButton_, &QPushButton::clicked, this, &TrainPage::resume);
    connect(stopButton_, &QPushButton::clicked, this, &TrainPage::stopAndSave);
    connect(cancelButton_, &QPushButton::clicked, this, &TrainPage::cancel);

    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(progress_, 1);
    progressRow->addWidget(eta_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(status_, 1);
    buttons->addWidget(startButton_);
    buttons->addWidget(pauseButton_);
    buttons->addWidget(resumeButton_);
    buttons->addWidget(stopButton_);
    buttons->addWidget(cancelButton_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(chart_, 1);
    layout->addLayout(progressRow);
    layout->addLayout(buttons);
    setRunningUi(false);
}

TrainPage::~TrainPage() {
    // Closing mid-run keeps the work: pause at the next step (a checkpoint) rather than cancel.
    if (task_.running()) {
        control_.requestPause();
        task_.join();
    }
}

void TrainPage::initializePage() {
    if (!running() && !completed_) {
        progress_->setRange(0, context_.training.maxSteps);
        progress_->setValue(0);
        status_->announce(tr("Ready to train for %n step(s).", nullptr, context_.training.maxSteps));
    }
}

void TrainPage::setRunningUi(bool running) {
    runningUi_ = running;
    startButton_->setEnabled(!running && !completed_ && !paused_);
    pauseButton_->setEnabled(running);
    stopButton_->setEnabled(running);
    resumeButton_->setVisible(paused_);
    resumeButton_->setEnabled(!running && paused_);
    pauseButton_->setVisible(!paused_);
    cancelButton_->setEnabled(running || paused_);
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
    chart_->clear();
    progress_->setRange(0, context_.training.maxSteps);
    progress_->setValue(0);
    launch({});
}

void TrainPage::resume() {
    if (running() || !paused_ || lastCheckpoint_.empty()) return;
    launch(lastCheckpoint_);
}

void TrainPage::launch(const std::filesystem::path& resumeFrom) {
    workspace::Workspace& ws = *context_.workspace;
    if (Status s = ws.transitionRun(context_.runId, workspace::RunState::Running, resumeFrom.empty() ? "" : "resumed");
        !s.ok()) {
        status_->announce(tr("Could not start: %1").arg(q(s.error().message)), Verdict::Bad);
        return;
    }
    batcher_ = std::make_unique<workspace::MetricsBatcher>(ws, context_.runId);
    eta_->clear();
    clock_.start();
    stepsAtLaunch_ = progress_->value();
    paused_ = false;
    control_.clear();
    status_->announce(resumeFrom.empty() ? tr("Preparing your data\u2026") : tr("Resuming from the checkpoint\u2026"));
    setRunningUi(true);

    trainer::TrainingParams params = context_.training;
    params.modelFolder = context_.modelFolder;
    params.outputAdapter = context_.adapterPath();
    params.outputModel = context_.tunedModelFolder();
    params.control = &control_;
    params.checkpointFolder = context_.runFolder / "checkpoints";
    params.resumeFrom = resumeFrom;
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
                QMetaObject::invokeMethod(this, [this, m] { onStep(m); }, Qt::QueuedConnection);
                return !stop.load();
            });
            return outcome;
        },
        [this](TrainOutcome outcome) {
            context_.validationTokens = std::move(outcome.validationTokens);
            finish(std::move(outcome.result));
        });
}

void TrainPage::pause() {
    if (!task_.running()) return;
    control_.requestPause();
    status_->announce(tr("Pausing at the next step\u2026"));
}

void TrainPage::stopAndSave() {
    if (!task_.running()) return;
    control_.requestStop();
    status_->announce(tr("Stopping at the next step and saving the adapter\u2026"));
}

void TrainPage::onStep(const trainer::StepMetrics& m) {
    const double memoryMiB = static_cast<double>(m.memoryBytes) / (1024.0 * 1024.0);
    if (progress_->value() == stepsAtLaunch_) status_->announce(tr("Training\u2026"));
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
    if (m.step > stepsAtLaunch_ && m.step < m.totalSteps) {
        const qint64 left = clock_.elapsed() / 1000 * (m.totalSteps - m.step) / (m.step - stepsAtLaunch_);
        eta_->setText(tr("About %1 left").arg(duration(left)));
    }
}

void TrainPage::cancel() {
    if (paused_ && !task_.running()) {
        paused_ = false;
        if (context_.workspace != nullptr) {
            (void)context_.workspace->transitionRun(context_.runId, workspace::RunState::Cancelled,
                                                    "cancelled by the user");
        }
        status_->announce(tr("Training was cancelled. You can start again."), Verdict::Warning);
        setRunningUi(false);
        return;
    }
    if (!task_.running()) return;
    task_.requestStop();
    status_->announce(tr("Cancelling at the next step\u2026"));
}

void TrainPage::finish(Result<trainer::TrainingResult> result) {
    chart_->flush();
    workspace::Workspace* ws = context_.workspace;
    if (batcher_) {
        (void)batcher_->flush();
        batcher_.reset();
    }
    eta_->clear();
    const auto transition = [&](workspace::RunState to, const std::string& message) {
        if (ws != nullptr) (void)ws->transitionRun(context_.runId, to, message);
    };
    bool completed = false;
    if (result.ok() && result->outcome == trainer::TrainingOutcome::Paused) {
        paused_ = true;
        lastCheckpoint_ = result->lastCheckpoint;
        transition(workspace::RunState::Paused, "paused by the user");
        status_->announce(tr("Paused after step %1. Resume continues exactly where training stopped.")
                              .arg(result->steps),
                          Verdict::Neutral);
    } else if (result.ok()) {
        completed = true;
        completed_ = true;
        const bool stopped = result->outcome == trainer::TrainingOutcome::Stopped;
        transition(workspace::RunState::Completed, stopped ? "stopped early by the user" : "");
        QString text = stopped ? tr("Stopped after %n step(s); the adapter so far is saved.", nullptr, result->steps)
                               : tr("Finished %n step(s).", nullptr, result->steps);
        if (result->finalValidationLoss >= 0) {
            text += QLatin1Char(' ') +
                    tr("Validation loss %1.").arg(QLocale().toString(result->finalValidationLoss, 'f', 3));
        }
        context_.result = std::move(result).value();
        status_->announce(text, Verdict::Good);
    } else if (result.error().kind == ErrorKind::Cancelled) {
        paused_ = false;
        transition(workspace::RunState::Cancelled, "cancelled by the user");
        status_->announce(tr("Training was cancelled. You can start again."), Verdict::Warning);
    } else {
        paused_ = false;
        transition(workspace::RunState::Failed, result.error().message);
        status_->announce(tr("Training stopped with a problem: %1").arg(q(result.error().message)), Verdict::Bad);
    }
    setRunningUi(false);
    emit trainingFinished(completed);
}

bool TrainPage::isComplete() const { return completed_ && !running(); }

}  // namespace offsite::ui
