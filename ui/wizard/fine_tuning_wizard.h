// The fine-tuning wizard: import a package, choose data, settings, train, evaluate, export. Embedded in the main
// window (not a modal dialog). The pages share a WizardContext; the workspace belongs to the main window.
#pragma once

#include <QWizard>

#include "ui/wizard/wizard_context.h"

namespace offsite::ui {

class ImportPackagePage;
class ChooseDataPage;
class TrainingSettingsPage;
class TrainPage;
class EvaluatePage;
class ExportPage;

class FineTuningWizard : public QWizard {
    Q_OBJECT

public:
    enum PageId { ImportId = 0, DataId, SettingsId, TrainId, EvaluateId, ExportId };

    explicit FineTuningWizard(QWidget* parent = nullptr);
    ~FineTuningWizard() override;

    void setWorkspace(workspace::Workspace* workspace);
    // The workspace behind the lock the training job uses (also sets the plain workspace pointer).
    void setSharedWorkspace(jobs::SharedWorkspace* shared);
    // Shows the train step on this run of the workspace (paused or interrupted) and resumes it through a job.
    void resumeRun(qint64 runId);
    void setComputeDevice(ComputeDevice device) { context_.device = device; }
    // Starts over at the import step with this package (the app's file argument, a double-clicked .otpkg).
    void openPackage(const QString& path);
    [[nodiscard]] WizardContext& context() { return context_; }

    [[nodiscard]] ImportPackagePage* importPage() const { return import_; }
    [[nodiscard]] ChooseDataPage* dataPage() const { return data_; }
    [[nodiscard]] TrainingSettingsPage* settingsPage() const { return settings_; }
    [[nodiscard]] TrainPage* trainPage() const { return train_; }
    [[nodiscard]] EvaluatePage* evaluatePage() const { return evaluate_; }
    [[nodiscard]] ExportPage* exportPage() const { return export_; }

signals:
    // The workspace changed (a package, data set, run or export was added).
    void workspaceChanged();

private:
    WizardContext context_;
    ImportPackagePage* import_;
    ChooseDataPage* data_;
    TrainingSettingsPage* settings_;
    TrainPage* train_;
    EvaluatePage* evaluate_;
    ExportPage* export_;
};

}  // namespace offsite::ui
