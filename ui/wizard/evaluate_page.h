// Wizard step 5, Evaluate: perplexity on the held-out part of your data, before and after training, measured on
// the emulator (the lossy stand-in for the model that the owner sent). The owner measures the final model
// after plugging your adapter in, so these numbers say whether training helped, not how good the final model is.
#pragma once

#include <QWizardPage>

#include "ui/wizard/background_task.h"

class QLabel;

namespace offsite::ui {

struct WizardContext;
class StatusLabel;

class EvaluatePage : public QWizardPage {
    Q_OBJECT

public:
    EvaluatePage(WizardContext& context, QWidget* parent = nullptr);
    ~EvaluatePage() override;
    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] bool busy() const { return task_.running(); }

signals:
    void evaluationFinished(bool ok);

private:
    WizardContext& context_;
    QLabel* before_;
    QLabel* after_;
    QLabel* change_;
    StatusLabel* status_;
    std::int64_t evaluatedRun_ = 0;
    bool done_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui
