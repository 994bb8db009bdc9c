// Wizard step 2, Choose data: a data file (or one already in the workspace), its format and task, a preview of
// the first rows and the validation report with its findings. Training may start only when no finding is an
// error; the data set and its report are recorded in the workspace (its rows never leave this computer).
#pragma once

#include <QWizardPage>
#include <optional>

#include "core/dataset/dataset.h"
#include "core/dataset/validation.h"
#include "ui/wizard/background_task.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace offsite::ui {

struct WizardContext;
class StatusLabel;
class DatasetPreviewModel;
class FindingTableModel;

class ChooseDataPage : public QWizardPage {
    Q_OBJECT

public:
    ChooseDataPage(WizardContext& context, QWidget* parent = nullptr);
    ~ChooseDataPage() override;

    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    void setDataPath(const QString& path);
    // The app's --task option (the demo preselects its data set): text, prompt_completion, classification or
    // multiple_choice, as the workspace names them; false for another name.
    [[nodiscard]] bool setTaskName(const QString& name);
    [[nodiscard]] DatasetPreviewModel* previewModel() const { return preview_; }
    [[nodiscard]] FindingTableModel* findingModel() const { return findings_; }
    // The bundled demo data (resources/demo/fine_foods/train.csv: product reviews labelled great or other, as a
    // classification of the review column by the score column); empty when this installation has none.
    [[nodiscard]] static QString demoDataPath();
    void useDemoData();

private:
    struct CheckResult;
    void check();
    void showCheck(CheckResult result);
    void pickExisting(int index);

    WizardContext& context_;
    QComboBox* existing_;
    QLineEdit* path_;
    QComboBox* format_;
    QComboBox* taskCombo_;
    QPushButton* checkButton_;
    StatusLabel* summary_;
    QTableView* previewView_;
    QTableView* findingView_;
    DatasetPreviewModel* preview_;
    FindingTableModel* findings_;
    dataset::ColumnMapping columns_;  // the column mapping of `columnsPath_` (the demo's CSV columns)
    QString columnsPath_;
    bool ready_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui
