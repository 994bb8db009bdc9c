// Wizard step 6, Export: exactly what will leave this computer (the adapter file: its tensors, sizes and
// SHA-256, and the statement that none of your data is included), the destination, and the export itself:
// the adapter encrypted with age to the owner's recipient from the signed manifest, recorded in the workspace.
#pragma once

#include <QWizardPage>

#include "ui/wizard/background_task.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace offsite::ui {

struct WizardContext;
class StatusLabel;
class TensorTableModel;

class ExportPage : public QWizardPage {
    Q_OBJECT

public:
    ExportPage(WizardContext& context, QWidget* parent = nullptr);
    ~ExportPage() override;
    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] TensorTableModel* tensorModel() const { return tensors_; }
    void exportNow();

signals:
    void exportFinished(bool ok);

private:
    WizardContext& context_;
    QLabel* fileSummary_;
    QLabel* recipient_;
    QTableView* tensorView_;
    TensorTableModel* tensors_;
    QLineEdit* destination_;
    QPushButton* exportButton_;
    StatusLabel* status_;
    bool exported_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui
