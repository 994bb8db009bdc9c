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
#include <QProgressBar>
#include <QPushButton>
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
    PackageCheck check;
    std::optional<crypto::MinisignPublicKey> presentedKey;
    bool needsKey = false;  // signed by a key that is not pinned, and no key file was chosen
    bool wrongKey = false;  // signed by a key that is not pinned, and not by the chosen key file either
};

struct ImportPackagePage::ImportRun {
    Result<trust::ImportOutcome> outcome = makeError(ErrorKind::Cancelled, "not imported");
    bool declined = false;  // the person declined a question asked during the import
};

ImportPackagePage::ImportPackagePage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      path_(new QLineEdit(this)),
      keyPath_(new QLineEdit(this)),
      keyRow_(nullptr),
      checkButton_(new QPushButton(tr("&Check package"), this)),
      verdict_(new StatusLabel(QStringLiteral("importVerdict"), this)),
      keyChange_(new StatusLabel(QStringLiteral("importKeyChange"), this)),
      declineButton_(new QPushButton(tr("&Do not import"), this)),
      licenceBox_(new QGroupBox(tr("Licence"), this)),
      licence_(new QPlainTextEdit(this)),
      licenceAccept_(new QCheckBox(tr("I &accept the licence"), this)),
      importButton_(new QPushButton(tr("&Import package"), this)),
      cancelButton_(new QPushButton(tr("Ca&ncel import"), this)),
      progress_(new QProgressBar(this)),
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
    checkButton_->setAccessibleDescription(tr("Checks the signature, the publisher's key and the expiry date."));
    connect(checkButton_, &QPushButton::clicked, this, &ImportPackagePage::check);
    connect(path_, &QLineEdit::returnPressed, this, &ImportPackagePage::check);
    connect(path_, &QLineEdit::textChanged, this, [this] {
        if (importing_) return;
        signed_.reset();
        resetQuestions();
        imported_ = false;
        updateButtons();
    });

    auto* form = new QFormLayout;
    form->addRow(tr("&Package:"), pathRow(path_, browse, this));
    keyChange_->setVisible(false);

    firstTrust_ = makeQuestion(
        tr("New publisher"), QStringLiteral("importFirstTrust"), QStringLiteral("importFingerprint"),
        QStringLiteral("importTrustConfirm"), tr("I compared this fingerprint with the publisher and &trust this key"),
        tr("Only tick this after the publisher told you the same fingerprint by phone, in person or another "
           "channel you trust."),
        nullptr);
    declineButton_->setObjectName(QStringLiteral("importDecline"));
    declineButton_->setAccessibleDescription(tr("Leaves your workspace as it is."));
    connect(declineButton_, &QPushButton::clicked, this, &ImportPackagePage::decline);
    changes_ = makeQuestion(
        tr("Changed since the version you imported before"), QStringLiteral("importChanges"),
        QStringLiteral("importChangesText"), QStringLiteral("importChangesConfirm"),
        tr("The publisher confirmed these changes to me; import any&way"),
        tr("Only tick this after the publisher told you about these changes by phone, in person or another "
           "channel you trust. A changed export key means your exports go to whoever holds the new key."),
        declineButton_);

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
    cancelButton_->setObjectName(QStringLiteral("importCancel"));
    cancelButton_->setAccessibleDescription(tr("Stops the import; nothing in your workspace changes."));
    cancelButton_->setVisible(false);
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        task_.requestStop();
        cancelButton_->setEnabled(false);
    });
    progress_->setObjectName(QStringLiteral("importProgress"));
    progress_->setAccessibleName(tr("Import progress"));
    progress_->setRange(0, 1000);
    progress_->setVisible(false);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(checkButton_);
    buttons->addStretch(1);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(importButton_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(keyRow_);
    layout->addWidget(verdict_);
    layout->addWidget(keyChange_);
    layout->addWidget(firstTrust_.box);
    layout->addWidget(changes_.box);
    layout->addWidget(licenceBox_);
    layout->addStretch(1);
    layout->addWidget(progress_);
    layout->addWidget(importStatus_);
    layout->addLayout(buttons);
    updateButtons();
}

ImportPackagePage::~ImportPackagePage() = default;

ImportPackagePage::Question ImportPackagePage::makeQuestion(const QString& title, const QString& boxName,
                                                            const QString& textName, const QString& confirmName,
                                                            const QString& confirmText, const QString& description,
                                                            QWidget* extraButton) {
    Question question;
    question.box = new QGroupBox(title, this);
    question.box->setObjectName(boxName);
    question.text = new StatusLabel(textName, question.box);
    question.confirm = new QCheckBox(confirmText, question.box);
    question.confirm->setObjectName(confirmName);
    question.confirm->setAccessibleDescription(description);
    auto* row = new QHBoxLayout;
    row->addWidget(question.confirm, 1);
    if (extraButton != nullptr) row->addWidget(extraButton);
    auto* layout = new QVBoxLayout(question.box);
    layout->addWidget(question.text);
    layout->addLayout(row);
    question.box->setVisible(false);
    connect(question.confirm, &QCheckBox::toggled, this, &ImportPackagePage::updateButtons);
    return question;
}

void ImportPackagePage::showQuestion(Question& question, const QString& text) {
    question.text->announce(text, Verdict::Warning);
    question.confirm->setChecked(false);
    question.box->setVisible(true);
}

void ImportPackagePage::setPackagePath(const QString& path) {
    if (importing_) return;
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
    if (importing_) return;
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
    signed_.reset();
    resetQuestions();
    imported_ = false;
    keyChange_->setVisible(false);
    verdict_->announce(tr("Checking the package\u2026"));
    // The worker uses the workspace under the jobs' lock; the pointers outlive the page (the main window
    // deletes the wizard before the workspace).
    workspace::Workspace* ws = context_.workspace;
    jobs::SharedWorkspace* shared = context_.shared;
    task_.start(
        this,
        [packagePath, presented, ws, shared](const std::atomic<bool>&) {
            CheckResult result;
            result.presentedKey = presented;
            const auto run = [&](workspace::Workspace& w) { return checkPackage(w, packagePath, presented); };
            result.check = shared != nullptr ? shared->with(run) : run(*ws);
            const auto& decisions = result.check.decisions;
            // An unknown key the workspace cannot place; a key dropped in a signed key change has core's message.
            const bool unknownKey = !decisions.ok() &&
                                    decisions.error().message.find("unknown key id") != std::string::npos &&
                                    decisions.error().message.find("dropped") == std::string::npos;
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
    keyChange_->setVisible(false);
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
    PackageCheck& check = result.check;
    const bool noQuestion = !check.decisions.ok() && check.decisions.error().kind == ErrorKind::Cancelled;
    if (!check.alreadyImported && !check.decisions.ok() && !noQuestion) {
        verdict_->announce(tr("Do not use this package. %1").arg(q(check.decisions.error().message)), Verdict::Bad);
        updateButtons();
        return;
    }
    if (!check.facts) {  // cannot happen: the importer reports the signed facts before any decision
        verdict_->announce(tr("The check was stopped."), Verdict::Neutral);
        updateButtons();
        return;
    }
    presentedKey_ = result.presentedKey;
    const trust::SignedFacts& facts = *check.facts;
    const package::Manifest& m = facts.signedPart.manifest;
    QString verdict = tr("Genuine: %1 version %2 from %3, signed by the key with fingerprint %4. Each of its %n "
                         "file(s) is checked against what the publisher signed while it is imported.",
                         nullptr, static_cast<int>(m.files.size()))
                          .arg(q(m.modelId))
                          .arg(m.packageVersion)
                          .arg(q(facts.signedPart.publisherId), q(facts.keyFingerprint));
    const qint64 daysLeft = (m.expiresAt - static_cast<std::int64_t>(std::time(nullptr))) / 86400;
    verdict += QLatin1Char(' ') + tr("Usable until %1 (%n day(s) left).", nullptr, static_cast<int>(daysLeft))
                                      .arg(dateOf(m.expiresAt));
    if (!facts.keyChanges.empty()) {
        QStringList lines;
        for (const trust::KeyChangeFacts& change : facts.keyChanges) {
            QStringList added;
            for (const auto& key : change.addedKeys) added << q(key);
            QStringList before;
            for (const auto& key : change.authorisedBy) before << q(key);
            lines << tr("Publisher \u201c%1\u201d changed its signing key (key set version %2): the new key %3 was "
                        "authorised by the key you trusted before, %4.")
                         .arg(q(change.publisherId))
                         .arg(change.version)
                         .arg(added.join(QStringLiteral(", ")), before.join(QStringLiteral(", ")));
        }
        keyChange_->announce(lines.join(QLatin1Char('\n')), Verdict::Good);
        keyChange_->setVisible(true);
    }
    if (check.alreadyImported) {
        alreadyImported_ = check.alreadyImported;
        verdict += QLatin1Char(' ') + tr("This package is already in your workspace; you can continue with it.");
    } else if (check.decisions.ok()) {
        ask(check.decisions.value());
        if (check.changesAfterTrust) showQuestion(changes_, changesText(*check.changesAfterTrust));
        askChanges_ = askChanges_ || check.changesAfterTrust.has_value();
    }
    licence_->setPlainText(q(m.licence));
    signed_ = std::move(check.facts);
    verdict_->announce(verdict, Verdict::Good);
    licenceAccept_->setChecked(false);
    licenceBox_->setVisible(true);
    updateButtons();
}

QString ImportPackagePage::firstTrustText(const trust::FirstTrustRequest& request) const {
    return tr("Publisher \u201c%1\u201d, key fingerprint %2. This is the first package from this key. Ask the "
              "publisher to read you the fingerprint and compare it.")
        .arg(q(request.publisherId), q(request.fingerprint));
}

QString ImportPackagePage::changesText(const trust::ConfirmationRequest& request) const {
    QString text = tr("This package differs from what you imported before from this publisher:");
    for (const std::string& change : request.changes) text += QStringLiteral("\n\u2022 ") + q(change);
    text += QLatin1Char('\n') + tr("Import it only if the publisher told you about these changes. Otherwise "
                                   "choose “Do not import”: nothing in your workspace changes.");
    return text;
}

bool ImportPackagePage::ask(const trust::ImportOutcome& outcome) {
    if (outcome.status == trust::ImportStatus::NeedsFirstTrust && outcome.firstTrust) {
        showQuestion(firstTrust_, firstTrustText(*outcome.firstTrust));
        askFirstTrust_ = true;
        return true;
    }
    if (outcome.status == trust::ImportStatus::NeedsConfirmation && outcome.confirmation) {
        showQuestion(changes_, changesText(*outcome.confirmation));
        askChanges_ = true;
        return true;
    }
    return false;
}

void ImportPackagePage::import() {
    if (waitingForAnswer_) {  // the import's worker waits for this answer
        waitingForAnswer_ = false;
        answer_->give(true);
        importStatus_->announce(tr("Importing\u2026"));
        updateButtons();
        return;
    }
    if (!signed_ || context_.workspace == nullptr || imported_ || task_.running()) return;
    if ((askFirstTrust_ && !firstTrust_.confirm->isChecked()) || (askChanges_ && !changes_.confirm->isChecked())) {
        return;
    }
    if (alreadyImported_) {
        finishImport(*alreadyImported_, std::nullopt);
        return;
    }
    const std::filesystem::path packagePath = path_->text().trimmed().toStdString();
    const TrustAnswers answers{presentedKey_, askFirstTrust_ && firstTrust_.confirm->isChecked(),
                               askChanges_ && changes_.confirm->isChecked()};
    workspace::Workspace* ws = context_.workspace;
    jobs::SharedWorkspace* shared = context_.shared;
    std::shared_ptr<AnswerSlot> slot = answer_;
    importing_ = true;
    waitingForAnswer_ = false;
    progress_->setValue(0);
    progress_->setFormat(QString());
    progress_->setVisible(true);
    cancelButton_->setVisible(true);
    cancelButton_->setEnabled(true);
    importStatus_->announce(tr("Checking and unpacking the package\u2026"));
    task_.start(
        this,
        [this, packagePath, answers, ws, shared, slot](const std::atomic<bool>& stop) {
            TrustAnswers given = answers;
            // A few updates a second at most: every 1 MiB or at the end, whichever comes first.
            std::uint64_t posted = 0;
            const auto progress = [&](std::uint64_t done, std::uint64_t total) {
                if (done == total || done - posted >= (1u << 20)) {
                    posted = done;
                    QMetaObject::invokeMethod(this, [this, done, total] { showProgress(done, total); },
                                              Qt::QueuedConnection);
                }
                return !stop.load();
            };
            for (;;) {
                const auto run = [&](workspace::Workspace& w) {
                    return importWithAnswers(w, packagePath, given, progress);
                };
                ImportRun result;
                result.outcome = shared != nullptr ? shared->with(run) : run(*ws);
                if (!result.outcome.ok() || result.outcome->status == trust::ImportStatus::Imported) return result;
                // A question the check did not ask (the workspace changed since): asked on the GUI thread while
                // this thread waits, outside the workspace's lock. No payload byte was read yet.
                slot->reset();
                QMetaObject::invokeMethod(
                    this, [this, question = result.outcome.value()] { askDuringImport(question); },
                    Qt::QueuedConnection);
                const std::optional<bool> answer = slot->wait(stop);
                if (!answer) return ImportRun{makeError(ErrorKind::Cancelled, "cancelled"), false};
                if (!*answer) return ImportRun{makeError(ErrorKind::Cancelled, "declined"), true};
                if (result.outcome->status == trust::ImportStatus::NeedsFirstTrust) given.fingerprintCompared = true;
                if (result.outcome->status == trust::ImportStatus::NeedsConfirmation) given.changesConfirmed = true;
            }
        },
        [this](ImportRun run) { showImport(std::move(run)); });
    updateButtons();
}

void ImportPackagePage::showProgress(std::uint64_t done, std::uint64_t total) {
    if (!importing_ || total == 0) return;
    progress_->setValue(static_cast<int>(done * 1000 / total));
    const QLocale locale;
    progress_->setFormat(tr("%1 of %2 checked")
                             .arg(locale.formattedDataSize(static_cast<qint64>(done)),
                                  locale.formattedDataSize(static_cast<qint64>(total))));
}

void ImportPackagePage::askDuringImport(const trust::ImportOutcome& outcome) {
    if (!importing_ || !ask(outcome)) return;
    waitingForAnswer_ = true;
    importStatus_->announce(tr("Answer the question above to continue the import, or choose “Do not import”."),
                            Verdict::Warning);
    updateButtons();
}

void ImportPackagePage::showImport(ImportRun run) {
    importing_ = false;
    waitingForAnswer_ = false;
    progress_->setVisible(false);
    cancelButton_->setVisible(false);
    if (run.declined) {
        decline();
        return;
    }
    if (!run.outcome.ok()) {
        if (run.outcome.error().kind == ErrorKind::Cancelled) {
            importStatus_->announce(tr("Import cancelled. Nothing in your workspace was changed."), Verdict::Neutral);
        } else {
            importStatus_->announce(tr("The package was not imported: %1").arg(q(run.outcome.error().message)),
                                    Verdict::Bad);
        }
        updateButtons();
        return;
    }
    if (run.outcome->imported) finishImport(run.outcome->imported->packageId, run.outcome->imported);
}

void ImportPackagePage::finishImport(std::int64_t packageId, const std::optional<trust::ImportedPackage>& imported) {
    const auto fail = [this](const Error& error) {
        importStatus_->announce(tr("The package was not imported: %1").arg(q(error.message)), Verdict::Bad);
        updateButtons();
    };
    auto folder = context_.withWorkspace([&](workspace::Workspace& ws) { return workspace::packageModelFolder(ws, packageId); });
    if (!folder.ok()) return fail(folder.error());
    package::VerifiedPackage package = signed_->signedPart;
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
    if (waitingForAnswer_) {  // the import's worker ends without importing
        waitingForAnswer_ = false;
        answer_->give(false);
        return;  // showImport comes back here once the worker has ended
    }
    signed_.reset();
    resetQuestions();
    licenceBox_->setVisible(false);
    keyChange_->setVisible(false);
    verdict_->announce(tr("Not imported. Nothing in your workspace was changed."), Verdict::Neutral);
    importStatus_->announce(QString());
    updateButtons();
}

void ImportPackagePage::resetQuestions() {
    askFirstTrust_ = false;
    askChanges_ = false;
    alreadyImported_.reset();
    firstTrust_.box->setVisible(false);
    changes_.box->setVisible(false);
}

void ImportPackagePage::updateButtons() {
    const bool idle = !task_.running() && !importing_;
    const bool answered = (!askFirstTrust_ || firstTrust_.confirm->isChecked()) &&
                          (!askChanges_ || changes_.confirm->isChecked());
    checkButton_->setEnabled(idle && !path_->text().trimmed().isEmpty());
    path_->setReadOnly(importing_);
    importButton_->setEnabled((waitingForAnswer_ && answered) ||
                              (idle && signed_.has_value() && !imported_ && licenceAccept_->isChecked() && answered));
    licenceAccept_->setEnabled(!importing_);
    emit completeChanged();
}

bool ImportPackagePage::isComplete() const { return imported_ && licenceAccept_->isChecked() && !importing_; }

}  // namespace offsite::ui
