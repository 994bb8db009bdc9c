// Wizard step 1: Import a package (see import_package_page.h).
#include "ui/wizard/import_package_page.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <ctime>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/workspace/packages.h"
#include "core/workspace/workspace.h"
#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }

QString dateOf(std::int64_t unixSeconds) {
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(unixSeconds).date(), QLocale::LongFormat);
}

// A row of [line edit][Browse…].
QWidget* pathRow(QLineEdit* edit, QPushButton* browse, QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}
}  // namespace

struct ImportPackagePage::CheckResult {
    Result<package::VerifiedPackage> verified = makeError(ErrorKind::Internal, "not checked");
    std::optional<crypto::MinisignPublicKey> presentedKey;
    bool needsKey = false;  // signed by a key that is not pinned, and no key file was chosen
    bool wrongKey = false;  // signed by a key that is not pinned, and not by the chosen key file either
};

ImportPackagePage::ImportPackagePage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      path_(new QLineEdit(this)),
      keyPath_(new QLineEdit(this)),
      keyRow_(nullptr),
      checkButton_(new QPushButton(tr("&Check package"), this)),
      verdict_(new StatusLabel(QStringLiteral("importVerdict"), this)),
      firstTrust_(new QGroupBox(tr("New publisher"), this)),
      fingerprint_(new StatusLabel(QStringLiteral("importFingerprint"), this)),
      trustConfirm_(new QCheckBox(tr("I compared this fingerprint with the publisher and &trust this key"), this)),
      changesBox_(new QGroupBox(tr("Changed since the version you imported before"), this)),
      changesText_(new StatusLabel(QStringLiteral("importChangesText"), this)),
      changesConfirm_(new QCheckBox(tr("The publisher confirmed these changes to me; import any&way"), this)),
      declineButton_(new QPushButton(tr("&Do not import"), this)),
      licenceBox_(new QGroupBox(tr("Licence"), this)),
      licence_(new QPlainTextEdit(this)),
      licenceAccept_(new QCheckBox(tr("I &accept the licence"), this)),
      importButton_(new QPushButton(tr("&Import package"), this)),
      importStatus_(new StatusLabel(QStringLiteral("importStatus"), this)) {
    setObjectName(QStringLiteral("importPackagePage"));
    setTitle(tr("Import a model package"));
    setSubTitle(tr("The model's owner sends you a signed package (.otpkg). Choose it or drop it here; it is checked "
                   "before anything is unpacked."));
    setAcceptDrops(true);

    path_->setObjectName(QStringLiteral("importPackagePath"));
    path_->setPlaceholderText(tr("Choose a .otpkg file or drop it on this page"));
    path_->setAccessibleName(tr("Package file"));
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("importBrowse"));
    browse->setAccessibleName(tr("Browse for a package file"));
    connect(browse, &QPushButton::clicked, this, [this] {
        QString file = QFileDialog::getOpenFileName(this, tr("Choose a model package"), QString(),
                                                    tr("Offsite packages (*.otpkg)"));
        if (!file.isEmpty()) setPackagePath(file);
    });

    keyPath_->setObjectName(QStringLiteral("importKeyPath"));
    keyPath_->setPlaceholderText(tr("The publisher's public key file (.pub)"));
    keyPath_->setAccessibleName(tr("Publisher's public key file"));
    auto* keyBrowse = new QPushButton(tr("B&rowse\u2026"), this);
    keyBrowse->setObjectName(QStringLiteral("importKeyBrowse"));
    keyBrowse->setAccessibleName(tr("Browse for the publisher's public key file"));
    connect(keyBrowse, &QPushButton::clicked, this, [this] {
        QString file = QFileDialog::getOpenFileName(this, tr("Choose the publisher's public key"), QString(),
                                                    tr("Public keys (*.pub);;All files (*)"));
        if (!file.isEmpty()) {
            keyPath_->setText(file);
            check();
        }
    });
    keyRow_ = new QWidget(this);
    auto* keyLayout = new QHBoxLayout(keyRow_);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    auto* keyLabel = new QLabel(tr("Publisher's public &key:"), keyRow_);
    keyLabel->setBuddy(keyPath_);
    keyLayout->addWidget(keyLabel);
    keyLayout->addWidget(keyPath_, 1);
    keyLayout->addWidget(keyBrowse);
    keyRow_->setVisible(false);

    checkButton_->setObjectName(QStringLiteral("importCheck"));
    checkButton_->setAccessibleDescription(tr("Checks the signature, every file's hash and the expiry date."));
    connect(checkButton_, &QPushButton::clicked, this, &ImportPackagePage::check);
    connect(path_, &QLineEdit::returnPressed, this, &ImportPackagePage::check);
    connect(path_, &QLineEdit::textChanged, this, [this] {
        verified_.reset();
        resetQuestions();
        imported_ = false;
        updateButtons();
    });

    auto* form = new QFormLayout;
    form->addRow(tr("&Package:"), pathRow(path_, browse, this));

    firstTrust_->setObjectName(QStringLiteral("importFirstTrust"));
    trustConfirm_->setObjectName(QStringLiteral("importTrustConfirm"));
    trustConfirm_->setAccessibleDescription(
        tr("Only tick this after the publisher told you the same fingerprint by phone, in person or another "
           "channel you trust."));
    auto* trustLayout = new QVBoxLayout(firstTrust_);
    trustLayout->addWidget(fingerprint_);
    trustLayout->addWidget(trustConfirm_);
    firstTrust_->setVisible(false);
    connect(trustConfirm_, &QCheckBox::toggled, this, &ImportPackagePage::updateButtons);

    changesBox_->setObjectName(QStringLiteral("importChanges"));
    changesConfirm_->setObjectName(QStringLiteral("importChangesConfirm"));
    changesConfirm_->setAccessibleDescription(
        tr("Only tick this after the publisher told you about these changes by phone, in person or another "
           "channel you trust. A changed export key means your exports go to whoever holds the new key."));
    declineButton_->setObjectName(QStringLiteral("importDecline"));
    declineButton_->setAccessibleDescription(tr("Leaves your workspace as it is."));
    connect(declineButton_, &QPushButton::clicked, this, &ImportPackagePage::decline);
    auto* changesButtons = new QHBoxLayout;
    changesButtons->addWidget(changesConfirm_, 1);
    changesButtons->addWidget(declineButton_);
    auto* changesLayout = new QVBoxLayout(changesBox_);
    changesLayout->addWidget(changesText_);
    changesLayout->addLayout(changesButtons);
    changesBox_->setVisible(false);
    connect(changesConfirm_, &QCheckBox::toggled, this, &ImportPackagePage::updateButtons);

    licenceBox_->setObjectName(QStringLiteral("importLicenceBox"));
    licence_->setObjectName(QStringLiteral("importLicence"));
    licence_->setReadOnly(true);
    licence_->setAccessibleName(tr("Licence text"));
    licence_->setTabChangesFocus(true);
    licence_->setMaximumHeight(110);
    licenceAccept_->setObjectName(QStringLiteral("importLicenceAccept"));
    auto* licenceLayout = new QVBoxLayout(licenceBox_);
    licenceLayout->addWidget(licence_);
    licenceLayout->addWidget(licenceAccept_);
    licenceBox_->setVisible(false);
    connect(licenceAccept_, &QCheckBox::toggled, this, &ImportPackagePage::updateButtons);

    importButton_->setObjectName(QStringLiteral("importButton"));
    connect(importButton_, &QPushButton::clicked, this, &ImportPackagePage::import);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(checkButton_);
    buttons->addStretch(1);
    buttons->addWidget(importButton_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(keyRow_);
    layout->addWidget(verdict_);
    layout->addWidget(firstTrust_);
    layout->addWidget(changesBox_);
    layout->addWidget(licenceBox_);
    layout->addStretch(1);
    layout->addWidget(importStatus_);
    layout->addLayout(buttons);
    updateButtons();
}

ImportPackagePage::~ImportPackagePage() = default;

void ImportPackagePage::setPackagePath(const QString& path) {
    path_->setText(QDir::toNativeSeparators(path));
    check();
}

void ImportPackagePage::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) event->acceptProposedAction();
}

void ImportPackagePage::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) setPackagePath(urls.front().toLocalFile());
}

void ImportPackagePage::check() {
    if (context_.workspace == nullptr) {
        verdict_->announce(tr("No workspace is open. Choose a workspace folder in Settings."), Verdict::Bad);
        return;
    }
    const std::filesystem::path packagePath = path_->text().trimmed().toStdString();
    if (packagePath.empty()) {
        verdict_->announce(tr("Choose a package file first."), Verdict::Warning);
        return;
    }
    std::optional<crypto::MinisignPublicKey> presented;
    const std::filesystem::path keyFile = keyPath_->text().trimmed().toStdString();
    if (!keyFile.empty()) {
        auto key = crypto::readMinisignPublicKeyFile(keyFile);
        if (!key.ok()) {
            verdict_->announce(tr("Do not use this package. %1").arg(q(key.error().message)), Verdict::Bad);
            return;
        }
        presented = key.value();
    }
    // The pinned keys and the clock floor are read here, on the workspace's thread; the worker only reads the
    // package file.
    auto inputs = context_.withWorkspace([&](workspace::Workspace& ws) { return checkInputs(ws, presented); });
    if (!inputs.ok()) {
        verdict_->announce(tr("Could not read the trusted keys: %1").arg(q(inputs.error().message)), Verdict::Bad);
        return;
    }
    verified_.reset();
    resetQuestions();
    imported_ = false;
    verdict_->announce(tr("Checking the package\u2026"));
    task_.start(
        this,
        [packagePath, presented, checked = std::move(inputs).value()](const std::atomic<bool>& stop) {
            CheckResult result;
            result.presentedKey = presented;
            package::VerifyParams params;
            params.trustedKeys = &checked.keys;
            params.now = static_cast<std::int64_t>(std::time(nullptr));
            params.trustedTimeFloor = checked.timeFloor;
            params.progress = [&stop](std::uint64_t, std::uint64_t) { return !stop.load(); };
            result.verified = package::verifyPackage(packagePath, params);
            const bool unknownKey = !result.verified.ok() &&
                                    result.verified.error().message.find("unknown key id") != std::string::npos;
            result.needsKey = unknownKey && !presented;
            result.wrongKey = unknownKey && presented;
            return result;
        },
        [this](CheckResult result) { showCheck(std::move(result)); });
    updateButtons();
}

void ImportPackagePage::showCheck(CheckResult result) {
    keyRow_->setVisible(result.needsKey || result.wrongKey || !keyPath_->text().isEmpty());
    resetQuestions();
    licenceBox_->setVisible(false);
    if (result.needsKey) {
        verdict_->announce(tr("This package is signed by a publisher you have not trusted yet. Choose the public "
                              "key file (.pub) the publisher gave you, then check again."),
                           Verdict::Warning);
        keyPath_->setFocus();
        updateButtons();
        return;
    }
    if (result.wrongKey) {
        verdict_->announce(tr("The public key file you chose did not sign this package. Ask the publisher for the "
                              "key that matches this package, then check again."),
                           Verdict::Bad);
        keyPath_->setFocus();
        updateButtons();
        return;
    }
    if (!result.verified.ok()) {
        const Error& error = result.verified.error();
        if (error.kind == ErrorKind::Cancelled) {
            verdict_->announce(tr("The check was stopped."), Verdict::Neutral);
        } else {
            verdict_->announce(tr("Do not use this package. %1").arg(q(error.message)), Verdict::Bad);
        }
        updateButtons();
        return;
    }
    package::VerifiedPackage verified = std::move(result.verified).value();
    presentedKey_ = result.presentedKey;
    alreadyImported_.reset();
    const package::Manifest& m = verified.manifest;
    QString verdict = tr("Genuine: %1 version %2 from %3. The signature is valid and all %n file(s) match what "
                         "the publisher signed.",
                         nullptr, static_cast<int>(m.files.size()))
                          .arg(q(m.modelId))
                          .arg(m.packageVersion)
                          .arg(q(verified.publisherId));
    const qint64 daysLeft = (m.expiresAt - static_cast<std::int64_t>(std::time(nullptr))) / 86400;
    verdict += QLatin1Char(' ') + tr("Usable until %1 (%n day(s) left).", nullptr, static_cast<int>(daysLeft))
                                      .arg(dateOf(m.expiresAt));

    // The importer decides the rest (rollback, equivocation, first trust, changes) before it reads any payload.
    const std::filesystem::path packagePath = path_->text().trimmed().toStdString();
    auto existing = context_.withWorkspace([&](workspace::Workspace& ws) {
        return importedPackageId(ws, crypto::sha256Hex(verified.manifestBytes));
    });
    if (!existing.ok()) {
        verdict_->announce(tr("Could not read the trusted keys: %1").arg(q(existing.error().message)), Verdict::Bad);
        updateButtons();
        return;
    }
    if (existing->has_value()) {
        alreadyImported_ = existing->value();
        verdict += QLatin1Char(' ') + tr("This package is already in your workspace; you can continue with it.");
    } else {
        auto decisions = context_.withWorkspace([&](workspace::Workspace& ws) {
            return importDecisions(ws, packagePath, m, TrustAnswers{presentedKey_, false, false});
        });
        if (decisions.ok()) {
            ask(decisions.value());
        } else if (decisions.error().kind != ErrorKind::Cancelled) {  // Cancelled: nothing to ask, nothing refused
            verdict_->announce(tr("Do not use this package. %1").arg(q(decisions.error().message)), Verdict::Bad);
            updateButtons();
            return;
        }
    }
    licence_->setPlainText(q(m.licence));
    verified_ = std::move(verified);  // `m` refers to the moved-from manifest from here on
    verdict_->announce(verdict, Verdict::Good);
    licenceAccept_->setChecked(false);
    licenceBox_->setVisible(true);
    updateButtons();
}

bool ImportPackagePage::ask(const trust::ImportOutcome& outcome) {
    if (outcome.status == trust::ImportStatus::NeedsFirstTrust && outcome.firstTrust) {
        const trust::FirstTrustRequest& request = *outcome.firstTrust;
        fingerprint_->announce(tr("Publisher \u201c%1\u201d, key fingerprint %2. This is the first package from "
                                  "this key. Ask the publisher to read you the fingerprint and compare it.")
                                   .arg(q(request.publisherId), q(request.fingerprint)),
                               Verdict::Warning);
        trustConfirm_->setChecked(false);
        askFirstTrust_ = true;
        firstTrust_->setVisible(true);
        return true;
    }
    if (outcome.status == trust::ImportStatus::NeedsConfirmation && outcome.confirmation) {
        QString text = tr("This package differs from what you imported before from this publisher:");
        for (const std::string& change : outcome.confirmation->changes) {
            text += QStringLiteral("\n\u2022 ") + q(change);
        }
        text += QLatin1Char('\n') + tr("Import it only if the publisher told you about these changes. Otherwise "
                                       "choose “Do not import”: nothing in your workspace changes.");
        changesText_->announce(text, Verdict::Warning);
        changesConfirm_->setChecked(false);
        askChanges_ = true;
        changesBox_->setVisible(true);
        return true;
    }
    return false;
}

void ImportPackagePage::import() {
    if (!verified_ || context_.workspace == nullptr || imported_) return;
    if ((askFirstTrust_ && !trustConfirm_->isChecked()) || (askChanges_ && !changesConfirm_->isChecked())) return;
    if (alreadyImported_) {
        finishImport(*alreadyImported_, std::nullopt);
        return;
    }
    importStatus_->announce(tr("Unpacking the package\u2026"));
    importButton_->setEnabled(false);
    // The importer writes the workspace, which lives on this thread; the status above is painted first.
    QTimer::singleShot(0, this, &ImportPackagePage::runImport);
}

void ImportPackagePage::runImport() {
    if (!verified_ || context_.workspace == nullptr) return;
    const std::filesystem::path packagePath = path_->text().trimmed().toStdString();
    const TrustAnswers answers{presentedKey_, askFirstTrust_ && trustConfirm_->isChecked(),
                               askChanges_ && changesConfirm_->isChecked()};
    auto outcome = context_.withWorkspace(
        [&](workspace::Workspace& ws) { return importWithAnswers(ws, packagePath, answers); });
    if (!outcome.ok()) {
        importStatus_->announce(tr("The package was not imported: %1").arg(q(outcome.error().message)),
                                Verdict::Bad);
        updateButtons();
        return;
    }
    if (outcome->status == trust::ImportStatus::Imported && outcome->imported) {
        finishImport(outcome->imported->packageId, outcome->imported);
        return;
    }
    // A question the check did not reach yet (the changes come after first trust), or one asked again.
    if (ask(outcome.value())) {
        importStatus_->announce(tr("Answer the question above, then import again."), Verdict::Warning);
    }
    updateButtons();
}

void ImportPackagePage::finishImport(std::int64_t packageId, const std::optional<trust::ImportedPackage>& imported) {
    const auto fail = [this](const Error& error) {
        importStatus_->announce(tr("The package was not imported: %1").arg(q(error.message)), Verdict::Bad);
        updateButtons();
    };
    auto folder = context_.withWorkspace([&](workspace::Workspace& ws) { return workspace::packageModelFolder(ws, packageId); });
    if (!folder.ok()) return fail(folder.error());
    package::VerifiedPackage package = *verified_;
    if (imported) {
        // What the importer verified and stored is what the next steps use.
        package.manifest = imported->manifest;
        auto bytes = readFile(folder.value() / package::kManifestName, package::kManifestMaxBytes);
        if (!bytes.ok()) return fail(bytes.error());
        package.manifestBytes = std::move(bytes).value();
    }
    const std::string details =
        "{\"licence_sha256\":\"" + crypto::sha256Hex(package.manifest.licence) + "\"}";
    if (Status accepted = context_.withWorkspace([&](workspace::Workspace& ws) {
            return ws.appendAudit({"user", "licence.accepted", "package:" + std::to_string(packageId), details});
        });
        !accepted.ok()) {
        return fail(accepted.error());
    }
    context_.package = std::move(package);
    context_.packageId = packageId;
    context_.modelFolder = folder.value();
    imported_ = true;
    resetQuestions();
    importStatus_->announce(tr("Imported. The licence acceptance is recorded in your workspace's history."),
                            Verdict::Good);
    updateButtons();
    emit completeChanged();
}

void ImportPackagePage::decline() {
    verified_.reset();
    resetQuestions();
    licenceBox_->setVisible(false);
    verdict_->announce(tr("Not imported. Nothing in your workspace was changed."), Verdict::Neutral);
    importStatus_->announce(QString());
    updateButtons();
}

void ImportPackagePage::resetQuestions() {
    askFirstTrust_ = false;
    askChanges_ = false;
    alreadyImported_.reset();
    firstTrust_->setVisible(false);
    changesBox_->setVisible(false);
}

void ImportPackagePage::updateButtons() {
    const bool idle = !task_.running();
    checkButton_->setEnabled(idle && !path_->text().trimmed().isEmpty());
    importButton_->setEnabled(idle && verified_.has_value() && !imported_ && licenceAccept_->isChecked() &&
                              (!askFirstTrust_ || trustConfirm_->isChecked()) &&
                              (!askChanges_ || changesConfirm_->isChecked()));
    emit completeChanged();
}

bool ImportPackagePage::isComplete() const { return imported_ && licenceAccept_->isChecked(); }

}  // namespace offsite::ui
