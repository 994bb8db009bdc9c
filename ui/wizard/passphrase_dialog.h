// The passphrase of the data owner's signing key, asked in a small modal dialog: once to open the key, or twice
// (the second time to confirm) to create one. The passphrase goes into guarded memory (crypto::SecretBytes) and
// the fields are cleared. Test seam (KeePassXC's MessageBox::setNextAnswer idea): with a hook set, ask() hands
// the live dialog to the hook instead of running exec(), so tests type into its real fields by objectName and
// press its real buttons.
#pragma once

#include <QDialog>
#include <functional>
#include <optional>

#include "core/crypto/secret_bytes.h"

class QDialogButtonBox;
class QLineEdit;

namespace offsite::ui {

class StatusLabel;

class PassphraseDialog : public QDialog {
    Q_OBJECT

public:
    enum class Purpose { OpenKey = 1, NewKey };

    PassphraseDialog(Purpose purpose, const QString& keyDescription, QWidget* parent = nullptr);
    ~PassphraseDialog() override;

    // The passphrase, or nothing when the person cancelled (or guarded memory could not be had).
    [[nodiscard]] static std::optional<crypto::SecretBytes> ask(QWidget* parent, Purpose purpose,
                                                                const QString& keyDescription);

    using TestHook = std::function<void(PassphraseDialog&)>;
    // Tests only: called with the dialog in place of exec(); an empty hook restores the modal dialog.
    static void setTestHook(TestHook hook);

private:
    void updateOk();
    [[nodiscard]] std::optional<crypto::SecretBytes> takePassphrase();

    Purpose purpose_;
    QLineEdit* passphrase_;
    QLineEdit* confirm_;
    StatusLabel* hint_;
    QDialogButtonBox* buttons_;
};

}  // namespace offsite::ui
