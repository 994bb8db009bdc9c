// The fine-tuning wizard (see fine_tuning_wizard.h).
#include "ui/wizard/fine_tuning_wizard.h"

#include <QAbstractButton>

#include "core/jobs/training_job.h"
#include "ui/wizard/choose_data_page.h"
#include "ui/wizard/evaluate_page.h"
#include "ui/wizard/export_page.h"
#include "ui/wizard/import_package_page.h"
#include "ui/wizard/train_page.h"
#include "ui/wizard/training_settings_page.h"

namespace offsite::ui {

FineTuningWizard::FineTuningWizard(QWidget* parent)
    : QWizard(parent),
      import_(new ImportPackagePage(context_, this)),
      data_(new ChooseDataPage(context_, this)),
      settings_(new TrainingSettingsPage(context_, this)),
      train_(new TrainPage(context_, this)),
      evaluate_(new EvaluatePage(context_, this)),
      export_(new ExportPage(context_, this)) {
    setObjectName(QStringLiteral("fineTuningWizard"));
    setWindowFlags(Qt::Widget);  // a page of the main window, not a dialog
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoCancelButton);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveFinishButtonOnEarlyPages, false);
    setPage(ImportId, import_);
    setPage(DataId, data_);
    setPage(SettingsId, settings_);
    setPage(TrainId, train_);
    setPage(EvaluateId, evaluate_);
    setPage(ExportId, export_);
    setButtonText(QWizard::FinishButton, tr("&Done"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNext"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBack"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinish"));
    connect(this, &QWizard::currentIdChanged, this, &FineTuningWizard::workspaceChanged);
    connect(train_, &TrainPage::trainingFinished, this, &FineTuningWizard::workspaceChanged);
    connect(export_, &ExportPage::exportFinished, this, &FineTuningWizard::workspaceChanged);
    // Done starts over, ready for the next run; an embedded wizard has nothing to close.
    connect(this, &QWizard::finished, this, [this] {
        setVisible(true);
        setStartId(ImportId);  // after a run resumed from the library
        restart();
    });
}

FineTuningWizard::~FineTuningWizard() = default;

void FineTuningWizard::setWorkspace(workspace::Workspace* workspace) { context_.workspace = workspace; }

void FineTuningWizard::setSharedWorkspace(jobs::SharedWorkspace* shared) {
    context_.shared = shared;
    context_.workspace = shared != nullptr ? &shared->unguarded() : nullptr;
}

void FineTuningWizard::resumeRun(qint64 runId) {
    // The run's settings, data and model come from its row: start the wizard at the train step.
    setStartId(TrainId);
    restart();
    train_->resumeRun(runId);
}

void FineTuningWizard::openPackage(const QString& path) {
    if (startId() != ImportId) setStartId(ImportId);
    if (currentId() != ImportId) restart();
    import_->setPackagePath(path);
}

}  // namespace offsite::ui
