// The signing key's passphrase dialog (see passphrase_dialog.h).
#include "ui/wizard/passphrase_dialog.h"

#include <sodium.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
PassphraseDialog::TestHook& testHook() {
    static PassphraseDialog::TestHook hook;
    return hook;
}
}  // namespace

PassphraseDialog::PassphraseDialog(Purpose purpose, const QString& keyDescription, QWidget* parent)
    : QDialog(parent),
      purpose_(purpose),
      passphrase_(new QLineEdit(this)),
      confirm_(new QLineEdit(this)),
      hint_(new StatusLabel(QStringLiteral("passphraseHint"), this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("passphraseDialog"));
    setWindowTitle(purpose == Purpose::NewKey ? tr("Create your signing key") : tr("Open your signing key"));
    auto* intro = new QLabel(
        purpose == Purpose::NewKey
            ? tr("Choose a passphrase for your new signing key (%1). It protects the key on this computer; "
                 "nobody can recover it if you forget it.")
                  .arg(keyDescription)
            : tr("Enter the passphrase of your signing key (%1).").arg(keyDescription),
        this);
    intro->setWordWrap(true);
    passphrase_->setObjectName(QStringLiteral("passphraseEdit"));
    passphrase_->setEchoMode(QLineEdit::Password);
    passphrase_->setAccessibleName(tr("Passphrase"));
    confirm_->setObjectName(QStringLiteral("passphraseConfirm"));
    confirm_->setEchoMode(QLineEdit::Password);
    confirm_->setAccessibleName(tr("Passphrase again"));
    buttons_->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("passphraseOk"));
    buttons_->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("passphraseCancel"));
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(passphrase_, &QLineEdit::textChanged, this, &PassphraseDialog::updateOk);
    connect(confirm_, &QLineEdit::textChanged, this, &PassphraseDialog::updateOk);

    auto* form = new QFormLayout;
    form->addRow(tr("&Passphrase:"), passphrase_);
    if (purpose == Purpose::NewKey) {
        form->addRow(tr("&Again:"), confirm_);
    } else {
        confirm_->setVisible(false);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(hint_);
    layout->addWidget(buttons_);
    updateOk();
}

PassphraseDialog::~PassphraseDialog() {
    passphrase_->clear();
    confirm_->clear();
}

void PassphraseDialog::updateOk() {
    bool ok = !passphrase_->text().isEmpty();
    if (purpose_ == Purpose::NewKey) {
        if (passphrase_->text().isEmpty()) {
            hint_->announce(tr("A key needs a passphrase."), Verdict::Neutral);
        } else if (confirm_->text() != passphrase_->text()) {
            hint_->announce(tr("The two passphrases differ."), Verdict::Warning);
            ok = false;
        } else {
            hint_->announce(tr("The passphrases match."), Verdict::Good);
        }
    }
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

std::optional<crypto::SecretBytes> PassphraseDialog::takePassphrase() {
    QByteArray utf8 = passphrase_->text().toUtf8();
    passphrase_->clear();
    confirm_->clear();
    auto secret = crypto::SecretBytes::copyOf(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(utf8.constData()),
                                      static_cast<std::size_t>(utf8.size())));
    sodium_memzero(utf8.data(), static_cast<std::size_t>(utf8.size()));
    if (!secret.ok()) return std::nullopt;
    return std::move(secret).value();
}

std::optional<crypto::SecretBytes> PassphraseDialog::ask(QWidget* parent, Purpose purpose,
                                                         const QString& keyDescription) {
    PassphraseDialog dialog(purpose, keyDescription, parent);
    if (testHook()) {
        testHook()(dialog);
    } else {
        dialog.exec();
    }
    if (dialog.result() != QDialog::Accepted) return std::nullopt;
    return dialog.takePassphrase();
}

void PassphraseDialog::setTestHook(TestHook hook) { testHook() = std::move(hook); }

}  // namespace offsite::ui
