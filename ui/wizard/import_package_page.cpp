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
#include <QVBoxLayout>
#include <ctime>

#include "core/crypto/fingerprint.h"
#include "core/workspace/listing.h"
#include "core/workspace/sha256.h"
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
    std::optional<SignerPreview> newSigner;
    bool needsKey = false;  // signed by a key that is not pinned, and no key file was chosen
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
        newSigner_.reset();
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
    auto keys = pinnedKeys(*context_.workspace);
    if (!keys.ok()) {
        verdict_->announce(tr("Could not read the trusted keys: %1").arg(q(keys.error().message)), Verdict::Bad);
        return;
    }
    const std::filesystem::path keyFile = keyPath_->text().trimmed().toStdString();
    verified_.reset();
    newSigner_.reset();
    imported_ = false;
    verdict_->announce(tr("Checking the package\u2026"));
    task_.start(
        this,
        [packagePath, keyFile, trusted = std::move(keys).value()](const std::atomic<bool>& stop) {
            CheckResult result;
            package::VerifyParams params;
            params.now = static_cast<std::int64_t>(std::time(nullptr));
            params.progress = [&stop](std::uint64_t, std::uint64_t) { return !stop.load(); };
            package::TrustedKeys withNew = trusted;
            if (!keyFile.empty()) {
                auto key = crypto::readMinisignPublicKeyFile(keyFile);
                if (!key.ok()) {
                    result.verified = key.error();
                    return result;
                }
                if (withNew.findByKeyId(key->keyId) == nullptr) {
                    auto signer = previewSigner(packagePath, key.value());
                    if (!signer.ok()) {
                        result.verified = signer.error();
                        return result;
                    }
                    withNew.keys.push_back({signer->manifest.publisherId, signer->key});
                    result.newSigner = std::move(signer).value();
                }
            }
            params.trustedKeys = &withNew;
            result.verified = package::verifyPackage(packagePath, params);
            result.needsKey = !result.verified.ok() && !result.newSigner &&
                              result.verified.error().message.find("unknown key id") != std::string::npos;
            return result;
        },
        [this](CheckResult result) { showCheck(std::move(result)); });
    updateButtons();
}

void ImportPackagePage::showCheck(CheckResult result) {
    keyRow_->setVisible(result.needsKey || result.newSigner || !keyPath_->text().isEmpty());
    firstTrust_->setVisible(false);
    licenceBox_->setVisible(false);
    if (result.needsKey) {
        verdict_->announce(tr("This package is signed by a publisher you have not trusted yet. Choose the public "
                              "key file (.pub) the publisher gave you, then check again."),
                           Verdict::Warning);
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
    verified_ = std::move(result.verified).value();
    newSigner_ = std::move(result.newSigner);
    const package::Manifest& m = verified_->manifest;
    const qint64 daysLeft = (m.expiresAt - static_cast<std::int64_t>(std::time(nullptr))) / 86400;
    QString verdict = tr("Genuine: %1 version %2 from %3. The signature is valid and all %n file(s) match what "
                         "the publisher signed.",
                         nullptr, static_cast<int>(m.files.size()))
                          .arg(q(m.modelId))
                          .arg(m.packageVersion)
                          .arg(q(verified_->publisherId));
    verdict += QLatin1Char(' ') + tr("Usable until %1 (%n day(s) left).", nullptr, static_cast<int>(daysLeft))
                                      .arg(dateOf(m.expiresAt));
    verdict_->announce(verdict, Verdict::Good);
    if (newSigner_) {
        fingerprint_->announce(tr("Publisher \u201c%1\u201d, key fingerprint %2. This is the first package from "
                                  "this key. Ask the publisher to read you the fingerprint and compare it.")
                                   .arg(q(newSigner_->manifest.publisherId), q(crypto::keyFingerprint(newSigner_->key))),
                               Verdict::Warning);
        trustConfirm_->setChecked(false);
        firstTrust_->setVisible(true);
    }
    licence_->setPlainText(q(m.licence));
    licenceAccept_->setChecked(false);
    licenceBox_->setVisible(true);
    updateButtons();
}

void ImportPackagePage::import() {
    if (!verified_ || context_.workspace == nullptr) return;
    if (newSigner_ && !trustConfirm_->isChecked()) return;
    workspace::Workspace& workspace = *context_.workspace;
    const std::string manifestSha = workspace::sha256Hex(verified_->manifestBytes);
    const std::filesystem::path packagePath = path_->text().trimmed().toStdString();
    const std::filesystem::path destination = workspace.folder() / "packages" / manifestSha.substr(0, 16);
    std::error_code ec;
    std::filesystem::create_directories(destination.parent_path(), ec);
    auto keys = pinnedKeys(workspace);
    if (!keys.ok()) {
        importStatus_->announce(tr("Could not read the trusted keys: %1").arg(q(keys.error().message)), Verdict::Bad);
        return;
    }
    package::TrustedKeys trusted = std::move(keys).value();
    if (newSigner_) trusted.keys.push_back({newSigner_->manifest.publisherId, newSigner_->key});
    importStatus_->announce(tr("Unpacking the package\u2026"));
    task_.start(
        this,
        [packagePath, destination, trusted](const std::atomic<bool>& stop) -> Status {
            if (std::filesystem::exists(destination)) return {};  // unpacked by an earlier import of this package
            package::VerifyParams params;
            params.trustedKeys = &trusted;
            params.now = static_cast<std::int64_t>(std::time(nullptr));
            params.progress = [&stop](std::uint64_t, std::uint64_t) { return !stop.load(); };
            auto extracted = package::extractPackage(packagePath, destination, params);
            if (!extracted.ok()) return extracted.error();
            return {};
        },
        [this, destination, manifestSha, packagePath](Status status) {
            if (!status.ok()) {
                importStatus_->announce(tr("The package was not imported: %1").arg(q(status.error().message)),
                                        Verdict::Bad);
                updateButtons();
                return;
            }
            workspace::Workspace& ws = *context_.workspace;
            const auto fail = [this](const Error& error) {
                importStatus_->announce(tr("The package was not imported: %1").arg(q(error.message)), Verdict::Bad);
                updateButtons();
            };
            if (newSigner_) {
                if (Status pinned = pinPublisher(ws, *newSigner_); !pinned.ok()) return fail(pinned.error());
            }
            auto listed = workspace::listPackages(ws);
            if (!listed.ok()) return fail(listed.error());
            std::int64_t packageId = 0;
            std::optional<std::int64_t> publisherRow;
            for (const auto& p : listed.value()) {
                if (p.package.manifestSha256 == manifestSha) packageId = p.package.id;
            }
            if (packageId == 0) {
                auto st = ws.database().prepare("SELECT id FROM publishers WHERE name = ?");
                if (!st.ok()) return fail(st.error());
                if (Status b = st->bindAll(verified_->publisherId); !b.ok()) return fail(b.error());
                auto row = st->step();
                if (!row.ok()) return fail(row.error());
                if (row.value() == workspace::StepResult::Row) publisherRow = st->columnInt(0);
                const package::Manifest& m = verified_->manifest;
                auto id = ws.importPackageFile({m.modelId, std::to_string(m.packageVersion), publisherRow, manifestSha,
                                                packagePath.string()},
                                               packagePath);
                if (!id.ok()) return fail(id.error());
                packageId = id.value();
            }
            const std::string details = "{\"licence_sha256\":\"" +
                                        workspace::sha256Hex(verified_->manifest.licence) + "\"}";
            if (Status accepted = ws.appendAudit({"user", "licence.accepted", "package:" + std::to_string(packageId),
                                                  details});
                !accepted.ok()) {
                return fail(accepted.error());
            }
            context_.package = verified_;
            context_.packageId = packageId;
            context_.modelFolder = destination;
            imported_ = true;
            importStatus_->announce(tr("Imported. The licence acceptance is recorded in your workspace's history."),
                                    Verdict::Good);
            updateButtons();
            emit completeChanged();
        });
    updateButtons();
}

void ImportPackagePage::updateButtons() {
    const bool idle = !task_.running();
    checkButton_->setEnabled(idle && !path_->text().trimmed().isEmpty());
    importButton_->setEnabled(idle && verified_.has_value() && !imported_ && licenceAccept_->isChecked() &&
                              (!newSigner_ || trustConfirm_->isChecked()));
    emit completeChanged();
}

bool ImportPackagePage::isComplete() const { return imported_ && licenceAccept_->isChecked(); }

}  // namespace offsite::ui
