// Wizard step 5, Evaluate: perplexity on the held-out part of your data, before and after training, measured on
// the emulator (the lossy stand-in for the model that the owner sent). The owner measures the final model
// after plugging your adapter in, so these numbers say whether training helped, not how good the final model is.
// Below them, sample predictions: a few held-out examples with the expected answer and the tuned emulator's
// (greedy generation, or the label it scores highest), also labelled as measured on the emulator. Both run on
// a worker thread.
#pragma once

#include <QAbstractTableModel>
#include <QWizardPage>
#include <vector>

#include "ui/wizard/background_task.h"
#include "ui/wizard/training_data.h"

class QLabel;
class QTableView;

namespace offsite::ui {

struct WizardContext;
class StatusLabel;

// The sample predictions as a table: input, expected, the emulator's answer, whether they match.
class SamplePredictionModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { InputColumn = 0, ExpectedColumn, PredictedColumn, MatchColumn, ColumnCount };
    explicit SamplePredictionModel(QObject* parent = nullptr);
    // `labels`: classification or multiple choice (the headers then say label rather than completion).
    void setSamples(std::vector<SamplePrediction> samples, bool labels);
    void clear();
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    std::vector<SamplePrediction> samples_;
    bool labels_ = false;
};

class EvaluatePage : public QWizardPage {
    Q_OBJECT

public:
    EvaluatePage(WizardContext& context, QWidget* parent = nullptr);
    ~EvaluatePage() override;
    void initializePage() override;
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] bool busy() const { return task_.running(); }
    [[nodiscard]] SamplePredictionModel* sampleModel() const { return samples_; }
    // How many held-out examples the sample table shows at most.
    static constexpr std::size_t kSampleCount = 5;

signals:
    void evaluationFinished(bool ok);

private:
    WizardContext& context_;
    QLabel* before_;
    QLabel* after_;
    QLabel* change_;
    StatusLabel* status_;
    QLabel* samplesNote_;
    QTableView* samplesView_;
    SamplePredictionModel* samples_;
    std::int64_t evaluatedRun_ = 0;
    bool done_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui
