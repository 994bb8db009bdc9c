// Wizard step 3, Settings: a preset (Quick, Balanced, Thorough), an Advanced section for the numbers behind it,
// and the fit check: the memory the run needs on the chosen device against what is free, with a suggested
// batch size.
#pragma once

#include <QWizardPage>
#include <optional>

#include "ui/wizard/fit_check.h"

class QButtonGroup;
class QDoubleSpinBox;
class QGroupBox;
class QPushButton;
class QSpinBox;
class QLabel;

namespace offsite::ui {

struct WizardContext;
class StatusLabel;

class TrainingSettingsPage : public QWizardPage {
    Q_OBJECT

public:
    enum class Preset { Quick = 1, Balanced, Thorough };

    TrainingSettingsPage(WizardContext& context, QWidget* parent = nullptr);

    void initializePage() override;
    [[nodiscard]] bool validatePage() override;
    [[nodiscard]] bool isComplete() const override;
    void setPreset(Preset preset);
    [[nodiscard]] int suggestedBatch() const { return suggested_; }
    // Test seam: the free memory the fit check compares against (instead of the device's).
    void setFreeMemoryForTests(std::optional<std::int64_t> bytes);

private:
    void updateFit();
    void writeParams();

    WizardContext& context_;
    QButtonGroup* presets_;
    QGroupBox* advanced_;
    QSpinBox* steps_;
    QDoubleSpinBox* learningRate_;
    QSpinBox* batch_;
    QSpinBox* blockSize_;
    QLabel* deviceLabel_;
    StatusLabel* fit_;
    QPushButton* useSuggestion_;
    std::optional<ModelShape> shape_;
    std::optional<std::int64_t> freeOverride_;
    bool fitsNow_ = true;
    int suggested_ = 0;
};

}  // namespace offsite::ui
