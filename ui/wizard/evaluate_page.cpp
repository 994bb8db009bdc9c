// Wizard step 5: Evaluate on the emulator (see evaluate_page.h).
#include "ui/wizard/evaluate_page.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>

#include "core/evaluation/evaluation.h"
#include "core/json/json.h"
#include "core/workspace/workspace.h"
#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
struct Scores {
    Result<evaluation::PerplexityResult> before = makeError(ErrorKind::Internal, "not run");
    Result<evaluation::PerplexityResult> after = makeError(ErrorKind::Internal, "not run");
};
QString number(double value) { return QLocale().toString(value, 'f', 2); }
}  // namespace

EvaluatePage::EvaluatePage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      before_(new QLabel(this)),
      after_(new QLabel(this)),
      change_(new QLabel(this)),
      status_(new StatusLabel(QStringLiteral("evalStatus"), this)) {
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
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(status_);
    layout->addStretch(1);
}

EvaluatePage::~EvaluatePage() = default;

void EvaluatePage::initializePage() {
    if (evaluatedRun_ == context_.runId && (done_ || task_.running())) return;
    done_ = false;
    evaluatedRun_ = context_.runId;
    before_->setText(QStringLiteral("\u2026"));
    after_->setText(QStringLiteral("\u2026"));
    change_->clear();
    if (context_.validationTokens.size() < 2 || !context_.result) {
        status_->announce(tr("There is no held-out data to measure."), Verdict::Warning);
        done_ = true;
        emit completeChanged();
        return;
    }
    status_->announce(tr("Measuring on the emulator\u2026"));
    const int blockSize = std::min<int>(context_.training.blockSize, static_cast<int>(context_.validationTokens.size()));
    task_.start(
        this,
        [base = context_.modelFolder, tuned = context_.tunedModelFolder(), tokens = context_.validationTokens,
         blockSize](const std::atomic<bool>& stop) {
            Scores scores;
            evaluation::EvaluationOptions options;
            options.device = model::Device::Cpu;
            options.progress = [&stop](std::size_t, std::size_t) { return !stop.load(); };
            scores.before = evaluation::evaluatePerplexity(base, tokens, blockSize, options);
            if (scores.before.ok()) scores.after = evaluation::evaluatePerplexity(tuned, tokens, blockSize, options);
            return scores;
        },
        [this](Scores scores) {
            done_ = true;
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
            if (context_.workspace != nullptr) {
                json::Value metrics = json::Value::object();
                metrics.set("measured_on", json::Value::string("emulator"));
                metrics.set("perplexity_before", json::Value::number(b));
                metrics.set("perplexity_after", json::Value::number(a));
                metrics.set("tokens", json::Value::integer(scores.after->tokens));
                (void)context_.workspace->recordEvaluation(
                    context_.runId, std::nullopt,
                    context_.datasetId ? std::optional<std::int64_t>(context_.datasetId) : std::nullopt,
                    json::serialize(metrics));
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
