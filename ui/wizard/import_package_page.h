// Wizard step 1, Import a package: choose or drop a .otpkg, check it through the core importer's decisions
// (signature with a pinned key, a signed key change or the publisher's public key; expiry against the
// workspace's clock floor; no payload read yet), ask its questions (first trust of a key; changed export key,
// publisher or lineage) or show its refusal (rollback, equivocation), read and accept the licence, then import
// through core/trust on a worker thread: every file hashed once while it is unpacked, with a progress bar and
// Cancel (packages/<manifest sha256>/, the acceptance recorded in the audit log).
#pragma once

#include <QWizardPage>
#include <memory>
#include <optional>

#include "ui/wizard/background_task.h"
#include "ui/wizard/package_trust.h"

class QCheckBox;
class QGroupBox;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace offsite::ui {

struct WizardContext;
class StatusLabel;

class ImportPackagePage : public QWizardPage {
    Q_OBJECT

public:
    ImportPackagePage(WizardContext& context, QWidget* parent = nullptr);
    ~ImportPackagePage() override;

    void setPackagePath(const QString& path);  // also what drag and drop and the app's file argument do
    [[nodiscard]] bool isComplete() const override;
    [[nodiscard]] bool busy() const { return task_.running(); }
    [[nodiscard]] bool importing() const { return importing_; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct CheckResult;
    struct ImportRun;
    // One of the importer's questions: a titled box with the question and the tick box that answers it.
    struct Question {
        QGroupBox* box = nullptr;
        StatusLabel* text = nullptr;
        QCheckBox* confirm = nullptr;
    };
    Question makeQuestion(const QString& title, const QString& boxName, const QString& textName,
                          const QString& confirmName, const QString& confirmText, const QString& description,
                          QWidget* extraButton);
    void showQuestion(Question& question, const QString& text);
    void check();
    void showCheck(CheckResult result);
    QString firstTrustText(const trust::FirstTrustRequest& request) const;
    QString changesText(const trust::ConfirmationRequest& request) const;
    // Shows the importer's question (first trust, changes); returns false for an outcome that is not one.
    bool ask(const trust::ImportOutcome& outcome);
    void import();
    void showProgress(std::uint64_t done, std::uint64_t total);
    void askDuringImport(const trust::ImportOutcome& outcome);
    void showImport(ImportRun run);
    void finishImport(std::int64_t packageId, const std::optional<trust::ImportedPackage>& imported);
    void decline();
    void resetQuestions();
    void updateButtons();

    WizardContext& context_;
    QLineEdit* path_;
    QLineEdit* keyPath_;
    QWidget* keyRow_;
    QPushButton* checkButton_;
    StatusLabel* verdict_;
    StatusLabel* keyChange_;
    QPushButton* declineButton_;
    Question firstTrust_;
    Question changes_;
    QGroupBox* licenceBox_;
    QPlainTextEdit* licence_;
    QCheckBox* licenceAccept_;
    QPushButton* importButton_;
    QPushButton* cancelButton_;
    QProgressBar* progress_;
    StatusLabel* importStatus_;
    std::optional<trust::SignedFacts> signed_;  // what the check verified (signature, manifest, key changes)
    std::optional<crypto::MinisignPublicKey> presentedKey_;  // the key file's key, when one was chosen
    std::optional<std::int64_t> alreadyImported_;           // this very package is in the workspace already
    bool askFirstTrust_ = false;
    bool askChanges_ = false;
    bool imported_ = false;
    bool importing_ = false;
    bool waitingForAnswer_ = false;  // the import's worker waits for the question shown
    std::shared_ptr<AnswerSlot> answer_ = std::make_shared<AnswerSlot>();
    BackgroundTask task_;
};

}  // namespace offsite::ui
