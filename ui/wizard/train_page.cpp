// Wizard step 4: Train through the core's training job (see train_page.h).
#include "ui/wizard/train_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/dataset/import.h"
#include "core/jobs/run_setup.h"
#include "core/jobs/training_job.h"
#include "core/json/json.h"
#include "core/workspace/workspace.h"
#include "ui/charts/metric_chart.h"
#include "ui/wizard/gpu_sampler.h"
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
}  // namespace

// What the preparation worker hands back: the job (created or reopened, not started) and what the later pages
// need to know about its run.
struct TrainPage::Prepared {
    Result<std::unique_ptr<jobs::TrainingJob>> job = makeError(ErrorKind::Internal, "not prepared");
    bool resumed = false;
    trainer::TrainingParams settings;  // the run's settings, without the token streams
    std::vector<std::int32_t> validationTokens;
    std::int64_t datasetId = 0;
    std::int64_t packageId = 0;
    std::optional<dataset::DatasetSpec> spec;
    dataset::SplitOptions split;  // the run's train/validation split (from its configuration)
};

TrainPage::TrainPage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      chart_(new MetricChart(this)),
      progress_(new QProgressBar(this)),
      eta_(new QLabel(this)),
      gpuMonitor_(new QLabel(this)),
      status_(new StatusLabel(QStringLiteral("trainStatus"), this)),
      startButton_(new QPushButton(tr("&Start training"), this)),
      pauseButton_(new QPushButton(tr("&Pause"), this)),
      resumeButton_(new QPushButton(tr("&Resume"), this)),
      stopButton_(new QPushButton(tr("Stop and s&ave"), this)),
      cancelButton_(new QPushButton(tr("&Cancel training"), this)) {
    setObjectName(QStringLiteral("trainPage"));
    setTitle(tr("Train"));
    setSubTitle(tr("The adapter learns from your data on this computer. You can keep using the app meanwhile; "
                   "closing it pauses training, and the library resumes it later."));
    progress_->setObjectName(QStringLiteral("trainProgress"));
    progress_->setAccessibleName(tr("Training progress"));
    progress_->setFormat(tr("Step %v of %m"));
    progress_->setValue(0);
    eta_->setObjectName(QStringLiteral("trainEta"));
    gpuMonitor_->setObjectName(QStringLiteral("trainGpuMonitor"));
    gpuMonitor_->setWordWrap(true);
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
    layout->addWidget(gpuMonitor_);
    layout->addLayout(progressRow);
    layout->addLayout(buttons);
    setRunningUi(false);
}

TrainPage::~TrainPage() {
    // Closing mid-run keeps the work: the job pauses at the next step with a checkpoint and joins its worker
    // (its last progress, posted to this page, is dropped with it). Then the preparation worker is stopped.
    job_.reset();
    task_.stopAndJoin();
}

std::int64_t TrainPage::runId() const { return runId_; }

void TrainPage::initializePage() {
    if (resumingFromLibrary_) return;  // resumeRun() set the page up
    if (!running() && !completed_ && !paused_) {
        progress_->setRange(0, context_.training.maxSteps);
        progress_->setValue(0);
        status_->announce(tr("Ready to train for %n step(s).", nullptr, context_.training.maxSteps));
    }
}

void TrainPage::setRunningUi(bool running) {
    runningUi_ = running;
    const bool busy = running || preparing_;
    startButton_->setEnabled(!busy && !completed_ && !paused_);
    pauseButton_->setEnabled(running || preparing_);
    stopButton_->setEnabled(running);
    resumeButton_->setVisible(paused_);
    resumeButton_->setEnabled(!busy && paused_);
    pauseButton_->setVisible(!paused_);
    cancelButton_->setEnabled(running || (paused_ && !busy));
    emit completeChanged();
}

void TrainPage::start() {
    if (running()) return;
    if (context_.shared == nullptr || context_.datasetId == 0 || context_.modelFolder.empty()) {
        status_->announce(tr("Import a package and choose data first."), Verdict::Warning);
        return;
    }
    chart_->clear();
    progress_->setRange(0, context_.training.maxSteps);
    progress_->setValue(0);
    completed_ = false;
    paused_ = false;
    context_.result.reset();
    prepare(0);
}

void TrainPage::resume() {
    if (running() || !paused_ || runId_ == 0) return;
    prepare(runId_);
}

void TrainPage::resumeRun(std::int64_t runId) {
    if (running() || context_.shared == nullptr) return;
    resumingFromLibrary_ = true;
    chart_->clear();
    completed_ = false;
    paused_ = true;
    runId_ = runId;
    context_.result.reset();
    // The chart shows the run's history so far; the job replays the steps after its checkpoint.
    auto metrics = context_.shared->with([&](workspace::Workspace& ws) { return ws.metrics(runId); });
    if (metrics.ok()) {
        for (const auto& point : metrics.value()) {
            if (point.name == "train/memory_bytes") {
                chart_->append(Metric::MemoryMiB, static_cast<double>(point.step), point.value / (1024.0 * 1024.0));
            } else if (auto metric = metricFromKey(point.name)) {
                chart_->append(*metric, static_cast<double>(point.step), point.value);
            }
        }
        chart_->flush();
    }
    prepare(runId);
}

bool TrainPage::pauseForClose() {
    if (job_ && job_->running()) {
        pause();
        return true;
    }
    if (preparing_) {
        pause();
        return true;
    }
    return false;
}

void TrainPage::prepare(std::int64_t resumeRunId) {
    preparing_ = true;
    pauseRequested_ = false;
    eta_->clear();
    status_->announce(resumeRunId != 0 ? tr("Resuming from the newest checkpoint\u2026")
                                       : tr("Preparing your data\u2026"));
    setRunningUi(false);

    jobs::SharedWorkspace* shared = context_.shared;
    jobs::TrainingJobParams fresh;
    if (resumeRunId == 0) {
        fresh.name = context_.package ? context_.package->manifest.modelId + " fine-tuning" : "fine-tuning";
        if (context_.packageId != 0) fresh.packageId = context_.packageId;
        fresh.training = context_.training;
        fresh.training.modelFolder = context_.modelFolder;
        fresh.training.trainTokens.clear();
        fresh.training.validationTokens.clear();
        fresh.training.outputAdapter.clear();  // the job writes <run folder>/adapter.safetensors
        fresh.training.outputModel.clear();
    }
    const std::int64_t datasetId = context_.datasetId;
    const double validationShare = context_.validationShare;
    task_.start(
        this,
        [shared, resumeRunId, fresh = std::move(fresh), datasetId, validationShare](
            const std::atomic<bool>& stop) mutable {
            auto prepared = std::make_shared<Prepared>();
            Result<jobs::TrainingJobParams> params = makeError(ErrorKind::Internal, "not prepared");
            if (resumeRunId != 0) {
                params = jobs::jobParamsForRun(*shared, resumeRunId);
            } else {
                jobs::DatasetTrainingSetup setup;
                setup.datasetId = datasetId;
                setup.tokenizerFile = fresh.training.modelFolder / "tokenizer.json";
                setup.split.validationFraction = validationShare;
                Status attached = jobs::attachDataset(*shared, setup, fresh);
                if (attached.ok()) {
                    params = std::move(fresh);
                } else {
                    params = attached.error();
                }
            }
            if (!params.ok()) {
                prepared->job = params.error();
                return prepared;
            }
            if (stop.load()) {
                prepared->job = makeError(ErrorKind::Cancelled, "preparing the training data was cancelled");
                return prepared;
            }
            params->tunedModelInRunFolder = true;
            prepared->settings = params->training;
            prepared->settings.trainTokens.clear();
            prepared->settings.validationTokens.clear();
            prepared->validationTokens = params->training.validationTokens;
            // A prompt -> completion data set is held out as examples; the evaluate step measures the held-out
            // text's perplexity on them joined end to end.
            for (const trainer::Example& e : params->training.validationExamples) {
                prepared->validationTokens.insert(prepared->validationTokens.end(), e.prompt.begin(), e.prompt.end());
                prepared->validationTokens.insert(prepared->validationTokens.end(), e.completion.begin(),
                                                  e.completion.end());
            }
            prepared->datasetId = params->datasetId.value_or(0);
            prepared->packageId = params->packageId.value_or(0);
            if (prepared->datasetId != 0) {
                auto loaded = shared->with(
                    [&](workspace::Workspace& ws) { return dataset::loadImportedDataset(ws, prepared->datasetId); });
                if (loaded.ok()) prepared->spec = loaded->spec;
            }
            if (auto config = json::parse(params->extraConfigJson); config.ok()) {
                if (const json::Value* ds = config->find("dataset")) {
                    if (const json::Value* seed = ds->find("splitSeed"); seed != nullptr && seed->asUint64())
                        prepared->split.seed = *seed->asUint64();
                    if (const json::Value* f = ds->find("validationFraction"); f != nullptr && f->asDouble())
                        prepared->split.validationFraction = *f->asDouble();
                }
            }
            prepared->resumed = resumeRunId != 0;
            prepared->job = resumeRunId != 0 ? jobs::TrainingJob::resume(*shared, resumeRunId, std::move(*params))
                                             : jobs::TrainingJob::create(*shared, std::move(*params));
            return prepared;
        },
        [this](std::shared_ptr<Prepared> prepared) { launch(std::move(prepared)); });
}

void TrainPage::launch(std::shared_ptr<Prepared> prepared) {
    preparing_ = false;
    if (!prepared->job.ok()) {
        const Error& error = prepared->job.error();
        if (error.kind == ErrorKind::Cancelled) {
            status_->announce(tr("Training was cancelled. You can start again."), Verdict::Warning);
        } else {
            status_->announce(tr("Could not start: %1").arg(q(error.message)), Verdict::Bad);
        }
        setRunningUi(false);
        emit trainingFinished(false);
        return;
    }
    job_ = std::move(prepared->job).value();
    runId_ = job_->runId();
    // What the evaluate and export steps need about this run.
    context_.runId = runId_;
    context_.runFolder = job_->runFolder();
    context_.validationTokens = std::move(prepared->validationTokens);
    if (prepared->resumed) {
        context_.training = prepared->settings;
        context_.modelFolder = prepared->settings.modelFolder;
        context_.datasetId = prepared->datasetId;
        // The verified package of an earlier step belongs to this run only when it is the run's package (the
        // export step encrypts to its recipient).
        if (prepared->packageId == 0 || prepared->packageId != context_.packageId) context_.package.reset();
        context_.packageId = prepared->packageId;
        context_.validationShare = prepared->split.validationFraction;
    }
    if (prepared->spec) context_.dataset = prepared->spec;  // as imported (stored copy, column mapping)
    progress_->setRange(0, prepared->settings.maxSteps);
    stepsAtLaunch_ = progress_->value();

    // Progress arrives on the job's worker thread: hand a copy to this page's thread. The page outlives the job
    // (job_ is reset first in the destructor), so the posted call never reaches a destroyed page.
    // The GPU is sampled on the job's worker too (a few times a second at most), never on the GUI thread.
    gpu_ = std::make_shared<GpuSampler>(context_.device != ComputeDevice::Cpu, gpuLibrary_);
    gpuCharted_ = false;
    job_->setObserver([this, gpu = gpu_](const jobs::JobProgress& p) {
        GpuReading reading = gpu->poll();
        QMetaObject::invokeMethod(this, [this, p, reading] { onProgress(p, reading); }, Qt::QueuedConnection);
    });
    if (Status started = job_->start(); !started.ok()) {
        job_.reset();
        status_->announce(tr("Could not start: %1").arg(q(started.error().message)), Verdict::Bad);
        setRunningUi(false);
        emit trainingFinished(false);
        return;
    }
    paused_ = false;
    resumingFromLibrary_ = false;
    status_->announce(prepared->resumed ? tr("Resumed run %1; continuing from its newest checkpoint\u2026")
                                              .arg(runId_)
                                        : tr("Training\u2026"));
    setRunningUi(true);
    if (pauseRequested_) pause();
}

void TrainPage::pause() {
    if (preparing_) {
        pauseRequested_ = true;  // acted on as soon as the job starts (a checkpoint at its first step)
        status_->announce(tr("Pausing at the next step and saving a checkpoint\u2026"));
        return;
    }
    if (!job_ || !job_->running()) return;
    job_->pause();
    status_->announce(tr("Pausing at the next step and saving a checkpoint\u2026"));
}

void TrainPage::stopAndSave() {
    if (!job_ || !job_->running()) return;
    job_->stop();
    status_->announce(tr("Stopping at the next step and saving the adapter\u2026"));
}

void TrainPage::cancel() {
    if (preparing_) {
        task_.requestStop();
        status_->announce(tr("Cancelling\u2026"));
        return;
    }
    if (job_ && job_->running()) {
        job_->cancel();
        status_->announce(tr("Cancelling at the next step\u2026"));
        return;
    }
    if (paused_ && context_.shared != nullptr && runId_ != 0) {
        // A paused run has no job: the core's state machine records the cancellation.
        Status moved = context_.shared->with([&](workspace::Workspace& ws) {
            return ws.transitionRun(runId_, workspace::RunState::Cancelled, "cancelled by the user");
        });
        if (!moved.ok()) {
            status_->announce(tr("Could not cancel: %1").arg(q(moved.error().message)), Verdict::Bad);
            return;
        }
        paused_ = false;
        status_->announce(tr("Training was cancelled. You can start again."), Verdict::Warning);
        setRunningUi(false);
        emit trainingFinished(false);
    }
}

void TrainPage::onProgress(const jobs::JobProgress& p, const GpuReading& gpu) {
    if (!gpu.unavailable.empty()) {
        gpuMonitor_->setText(tr("No NVIDIA GPU monitor: showing this app's memory (%1).").arg(q(gpu.unavailable)));
    } else if (!gpu.device.empty()) {
        gpuCharted_ = true;
        gpuMonitor_->setText(tr("GPU memory and utilisation of %1, from NVIDIA's driver.").arg(q(gpu.device)));
    }
    if (p.state != workspace::RunState::Running) {
        finish(p);
        return;
    }
    chart_->append(Metric::TrainingLoss, p.step, p.loss);
    chart_->append(Metric::LearningRate, p.step, p.learningRate);
    chart_->append(Metric::TokensPerSecond, p.step, p.tokensPerSecond);
    if (gpu.sample) {
        constexpr double kMiB = 1024.0 * 1024.0;
        chart_->append(Metric::GpuMemoryMiB, p.step, static_cast<double>(gpu.sample->memoryUsedBytes) / kMiB);
        chart_->append(Metric::GpuUtilisation, p.step, gpu.sample->utilisationPercent);
    }
    if (!gpuCharted_) chart_->append(Metric::MemoryMiB, p.step, static_cast<double>(p.memoryBytes) / (1024.0 * 1024.0));
    if (p.validationLoss >= 0) chart_->append(Metric::ValidationLoss, p.step, p.validationLoss);
    progress_->setMaximum(p.totalSteps);
    progress_->setValue(p.step);
    if (p.remainingSeconds >= 0 && p.step < p.totalSteps) {
        eta_->setText(tr("About %1 left").arg(duration(static_cast<qint64>(p.remainingSeconds + 0.5))));
    }
}

void TrainPage::finish(const jobs::JobProgress& p) {
    chart_->flush();
    eta_->clear();
    // The worker has published its last progress and is about to end; wait for it so the job is idle.
    if (job_) job_->wait();
    bool completed = false;
    switch (p.state) {
        case workspace::RunState::Paused:
            paused_ = true;
            status_->announce(tr("Paused after step %1. Resume continues exactly where training stopped; the "
                                 "checkpoint is saved in the workspace.")
                                  .arg(p.step),
                              Verdict::Neutral);
            break;
        case workspace::RunState::Completed: {
            completed = true;
            completed_ = true;
            paused_ = false;
            trainer::TrainingResult result;
            result.steps = p.step;
            result.finalValidationLoss = p.validationLoss;
            result.lastCheckpoint = p.lastCheckpoint;
            const bool stopped = p.message.rfind("stopped early", 0) == 0;  // the job's message for Stop
            result.outcome = stopped ? trainer::TrainingOutcome::Stopped : trainer::TrainingOutcome::Completed;
            context_.result = result;
            QString text = stopped ? tr("Stopped after %n step(s); the adapter so far is saved.", nullptr, p.step)
                                   : tr("Finished %n step(s).", nullptr, p.step);
            if (p.validationLoss >= 0) {
                text += QLatin1Char(' ') +
                        tr("Validation loss %1.").arg(QLocale().toString(p.validationLoss, 'f', 3));
            }
            status_->announce(text, Verdict::Good);
            break;
        }
        case workspace::RunState::Cancelled:
            paused_ = false;
            status_->announce(tr("Training was cancelled at step %1; no adapter was saved. You can start again.")
                                  .arg(p.step),
                              Verdict::Warning);
            break;
        default:
            paused_ = false;
            status_->announce(tr("Training stopped with a problem: %1").arg(q(p.message)), Verdict::Bad);
            break;
    }
    setRunningUi(false);
    emit trainingFinished(completed);
}

bool TrainPage::isComplete() const { return completed_ && !running(); }

}  // namespace offsite::ui
