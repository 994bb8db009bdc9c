// Wizard step 6, Export: exactly what will leave this computer, as core/export lists it (the files inside the
// export with sizes and SHA-256, every adapter tensor, the recipient and its fingerprint, and the statement that
// no training data is included), the data owner's signing key (created here on first use, or an existing key
// pair file from `offsite keygen --role data-owner`), the destination, and the export itself: core/export's
// encrypted (age, to the recipient in the signed manifest) and signed (minisign, by the data owner) file pair,
// recorded in the workspace as a receipt of the run.
#pragma once

#include <QWizardPage>
#include <optional>

#include "core/base/result.h"
#include "core/crypto/key_file.h"
#include "core/export/export.h"
#include "ui/wizard/background_task.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
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
    [[nodiscard]] bool busy() const { return task_.running(); }
    [[nodiscard]] bool described() const { return listing_.has_value(); }
    // The workspace's record of the last export (0 before one is written).
    [[nodiscard]] std::int64_t exportId() const { return exportId_; }
    void exportNow();
    void createKey();
    // Tests only: the Argon2id cost of keys this page creates (real keys use KdfParams::moderate()).
    void setKeyKdfForTests(const crypto::KdfParams& params) { keyKdf_ = params; }

signals:
    void exportFinished(bool ok);

private:
    // Everything the export needs except the signing key and the destination.
    [[nodiscard]] Result<exports::ExportParams> exportParams() const;
    void showListing(Result<exports::ExportListing> listing);
    void updateKeyStatus();
    void updateButtons();

    WizardContext& context_;
    QLabel* fileSummary_;
    QLabel* recipient_;
    QTableView* tensorView_;
    TensorTableModel* tensors_;
    QPushButton* showListing_;
    QPlainTextEdit* listingText_;
    QLineEdit* keyPath_;
    QPushButton* createKey_;
    StatusLabel* keyStatus_;
    QLineEdit* destination_;
    QPushButton* exportButton_;
    StatusLabel* status_;
    std::optional<exports::ExportListing> listing_;
    crypto::KdfParams keyKdf_ = crypto::KdfParams::moderate();
    std::int64_t exportId_ = 0;
    bool exported_ = false;
    BackgroundTask task_;
};

}  // namespace offsite::ui
