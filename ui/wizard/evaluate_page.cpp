// Wizard step 5: Evaluate on the emulator (see evaluate_page.h).
#include "ui/wizard/evaluate_page.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "core/evaluation/evaluation.h"
#include "core/jobs/training_job.h"
#include "core/json/json.h"
#include "core/workspace/workspace.h"
#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
struct Scores {
    Result<evaluation::PerplexityResult> before = makeError(ErrorKind::Internal, "not run");
    Result<evaluation::PerplexityResult> after = makeError(ErrorKind::Internal, "not run");
    Result<std::vector<SamplePrediction>> samples = makeError(ErrorKind::Internal, "not run");
};
QString number(double value) { return QLocale().toString(value, 'f', 2); }
}  // namespace

SamplePredictionModel::SamplePredictionModel(QObject* parent) : QAbstractTableModel(parent) {}

void SamplePredictionModel::setSamples(std::vector<SamplePrediction> samples, bool labels) {
    beginResetModel();
    samples_ = std::move(samples);
    labels_ = labels;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void SamplePredictionModel::clear() {
    beginResetModel();
    samples_.clear();
    endResetModel();
}

int SamplePredictionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(samples_.size());
}

int SamplePredictionModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SamplePredictionModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const SamplePrediction& s = samples_[static_cast<std::size_t>(index.row())];
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole) return {};
    switch (index.column()) {
        case InputColumn: return QString::fromStdString(s.input);
        case ExpectedColumn: return QString::fromStdString(s.expected);
        case PredictedColumn:
            return s.predicted.empty() ? tr("(nothing generated)") : QString::fromStdString(s.predicted);
        case MatchColumn: return s.match ? tr("Yes") : tr("No");
        default: return {};
    }
}

QVariant SamplePredictionModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case InputColumn: return labels_ ? tr("Example") : tr("Prompt");
        case ExpectedColumn: return labels_ ? tr("Correct label") : tr("Expected completion");
        case PredictedColumn: return labels_ ? tr("Predicted label (emulator)") : tr("Generated (emulator)");
        case MatchColumn: return tr("Same");
        default: return {};
    }
}

EvaluatePage::EvaluatePage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      before_(new QLabel(this)),
      after_(new QLabel(this)),
      change_(new QLabel(this)),
      status_(new StatusLabel(QStringLiteral("evalStatus"), this)),
      samplesNote_(new QLabel(this)),
      samplesView_(new QTableView(this)),
      samples_(new SamplePredictionModel(this)) {
    setObjectName(QStringLiteral("evaluatePage"));
    setTitle(tr("Check the result"));
    setSubTitle(tr("How well the model predicts the examples it did not train on. Lower is better."));
    auto* note = new QLabel(tr("<b>Measured on the emulator.</b> These numbers come from the compressed stand-in "
                               "model in the package, not the owner's full model. The owner measures the final "
                               "model after adding your adapter."),
                            this);
    note->setObjectName(QStringLiteral("evalEmulatorNote"));
    note->setWordWrap(true);
    note->setFrameShape(QFrame::StyledPanel);
    note->setMargin(8);
    before_->setObjectName(QStringLiteral("evalBefore"));
    after_->setObjectName(QStringLiteral("evalAfter"));
    change_->setObjectName(QStringLiteral("evalChange"));
    for (QLabel* l : {before_, after_, change_}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        l->setFocusPolicy(Qt::TabFocus);
    }
    auto* form = new QFormLayout;
    form->addRow(tr("Perplexity before training (emulator):"), before_);
    form->addRow(tr("Perplexity after training (emulator):"), after_);
    form->addRow(tr("Change:"), change_);
    auto* samplesTitle = new QLabel(tr("&Sample predictions on held-out examples (measured on the emulator)"), this);
    samplesTitle->setObjectName(QStringLiteral("evalSamplesTitle"));
    samplesTitle->setBuddy(samplesView_);
    samplesNote_->setObjectName(QStringLiteral("evalSamplesNote"));
    samplesNote_->setWordWrap(true);
    samplesView_->setObjectName(QStringLiteral("evalSamples"));
    samplesView_->setAccessibleName(tr("Sample predictions of the tuned emulator"));
    samplesView_->setAccessibleDescription(
        tr("Held-out examples with the expected answer and the tuned emulator's answer. The owner's final model "
           "may answer differently."));
    samplesView_->setModel(samples_);
    samplesView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    samplesView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    samplesView_->setTabKeyNavigation(false);
    samplesView_->setWordWrap(true);
    samplesView_->setAlternatingRowColors(true);
    samplesView_->verticalHeader()->hide();
    samplesView_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    samplesView_->horizontalHeader()->setSectionResizeMode(SamplePredictionModel::MatchColumn,
                                                           QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(status_);
    layout->addWidget(samplesTitle);
    layout->addWidget(samplesNote_);
    layout->addWidget(samplesView_, 1);
}

EvaluatePage::~EvaluatePage() = default;

void EvaluatePage::initializePage() {
    if (evaluatedRun_ == context_.runId && (done_ || task_.running())) return;
    done_ = false;
    evaluatedRun_ = context_.runId;
    before_->setText(QStringLiteral("\u2026"));
    after_->setText(QStringLiteral("\u2026"));
    change_->clear();
    samples_->clear();
    samplesNote_->clear();
    if (context_.validationTokens.size() < 2 || !context_.result) {
        status_->announce(tr("There is no held-out data to measure."), Verdict::Warning);
        done_ = true;
        emit completeChanged();
        return;
    }
    status_->announce(tr("Measuring on the emulator\u2026"));
    const int blockSize = std::min<int>(context_.training.blockSize, static_cast<int>(context_.validationTokens.size()));
    std::optional<SamplePredictionParams> sampling;
    if (context_.dataset) {
        SamplePredictionParams p;
        p.spec = *context_.dataset;
        p.split.validationFraction = context_.validationShare;
        p.tunedModel = context_.tunedModelFolder();
        p.tokenizerFile = context_.modelFolder / "tokenizer.json";
        p.count = kSampleCount;
        sampling = std::move(p);
    }
    task_.start(
        this,
        [base = context_.modelFolder, tuned = context_.tunedModelFolder(), tokens = context_.validationTokens,
         blockSize, sampling](const std::atomic<bool>& stop) {
            Scores scores;
            evaluation::EvaluationOptions options;
            options.device = model::Device::Cpu;
            options.progress = [&stop](std::size_t, std::size_t) { return !stop.load(); };
            scores.before = evaluation::evaluatePerplexity(base, tokens, blockSize, options);
            if (scores.before.ok()) scores.after = evaluation::evaluatePerplexity(tuned, tokens, blockSize, options);
            if (scores.after.ok() && sampling) {
                scores.samples = predictSamples(*sampling, stop);
            } else if (!sampling) {
                scores.samples = makeError(ErrorKind::NotFound, "the run's data set is not known");
            }
            return scores;
        },
        [this](Scores scores) {
            done_ = true;
            if (scores.samples.ok()) {
                const bool labels = context_.dataset && (context_.dataset->task == dataset::TaskType::Classification ||
                                                         context_.dataset->task == dataset::TaskType::MultipleChoice);
                const std::size_t shown = scores.samples->size();
                samples_->setSamples(std::move(scores.samples).value(), labels);
                samplesNote_->setText(
                    shown == 0 ? tr("The held-out part of your data has no examples to show.")
                               : tr("%n held-out example(s) with the tuned emulator's answer. The owner's final "
                                    "model may answer differently.",
                                    nullptr, static_cast<int>(shown)));
            } else if (scores.before.ok() && scores.after.ok()) {
                samplesNote_->setText(tr("No sample predictions: %1")
                                          .arg(QString::fromStdString(scores.samples.error().message)));
            }
            if (!scores.before.ok() || !scores.after.ok()) {
                const Error& e = scores.before.ok() ? scores.after.error() : scores.before.error();
                before_->setText(QStringLiteral("\u2014"));
                after_->setText(QStringLiteral("\u2014"));
                status_->announce(tr("Could not measure: %1").arg(QString::fromStdString(e.message)), Verdict::Bad);
                emit completeChanged();
                emit evaluationFinished(false);
                return;
            }
            const double b = scores.before->perplexity;
            const double a = scores.after->perplexity;
            before_->setText(number(b));
            after_->setText(number(a));
            const double percent = b > 0 ? (a - b) / b * 100.0 : 0.0;
            change_->setText(tr("%1 %").arg(QLocale().toString(percent, 'f', 1)));
            if (context_.shared != nullptr) {
                json::Value metrics = json::Value::object();
                metrics.set("measured_on", json::Value::string("emulator"));
                metrics.set("perplexity_before", json::Value::number(b));
                metrics.set("perplexity_after", json::Value::number(a));
                metrics.set("tokens", json::Value::integer(scores.after->tokens));
                const auto runId = context_.runId;
                const auto datasetId = context_.datasetId;
                (void)context_.shared->with([&](workspace::Workspace& ws) {
                    return ws.recordEvaluation(runId, std::nullopt,
                                               datasetId ? std::optional<std::int64_t>(datasetId) : std::nullopt,
                                               json::serialize(metrics));
                });
            }
            status_->announce(a < b ? tr("Training helped: the emulator predicts your held-out examples better.")
                                    : tr("Training did not improve the emulator's predictions. Try the Balanced or "
                                         "Thorough preset or add more examples."),
                              a < b ? Verdict::Good : Verdict::Warning);
            emit completeChanged();
            emit evaluationFinished(true);
        });
}

bool EvaluatePage::isComplete() const { return done_ && !task_.running(); }

}  // namespace offsite::ui
