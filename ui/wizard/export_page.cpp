// Wizard step 6: Export (see export_page.h).
#include "ui/wizard/export_page.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include "core/base/file_io.h"
#include "core/crypto/fingerprint.h"
#include "core/json/json.h"
#include "core/workspace/packages.h"
#include "core/workspace/workspace.h"
#include "ui/models/tensor_table_model.h"
#include "ui/wizard/passphrase_dialog.h"
#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
namespace fs = std::filesystem;

QString q(const std::string& text) { return QString::fromStdString(text); }
QString native(const fs::path& path) { return QDir::toNativeSeparators(q(path.string())); }

// The run's settings that describe how the adapter was trained, from its configuration JSON; never paths or
// anything about the data (the provenance leaves the machine).
std::string hyperparametersOf(const std::string& configJson) {
    static const char* const kKeys[] = {
        "steps",       "maxSteps",   "learning_rate", "learningRate", "micro_batch", "microBatch",
        "block_size",  "blockSize",  "accumulation",  "weightDecay",  "schedule",    "warmupSteps",
        "clipNorm",    "order",      "seed",          "evalEvery",    "patience",    "trainable",
        "loraRank",    "loraAlpha",  "loraDropout"};
    json::Value out = json::Value::object();
    auto parsed = json::parse(configJson);
    if (parsed.ok() && parsed->isObject()) {
        for (const char* key : kKeys) {
            if (const json::Value* value = parsed->find(key)) out.set(key, *value);
        }
    }
    return json::serialize(out);
}

// The three files of a key pair, as `offsite keygen --out PREFIX` names them.
struct KeyFiles {
    fs::path secret;
    fs::path publicKey;
    fs::path recipient;
};
KeyFiles keyFilesFor(QString path) {
    const QString suffix = QStringLiteral(".offsitekey");
    if (path.endsWith(suffix)) path.chop(suffix.size());
    const std::string prefix = QDir::fromNativeSeparators(path).toStdString();
    return {prefix + ".offsitekey", prefix + ".pub", prefix + ".age-recipient.txt"};
}
}  // namespace

ExportPage::ExportPage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      fileSummary_(new QLabel(this)),
      recipient_(new QLabel(this)),
      tensorView_(new QTableView(this)),
      tensors_(new TensorTableModel(this)),
      showListing_(new QPushButton(tr("Show the full &listing"), this)),
      listingText_(new QPlainTextEdit(this)),
      keyPath_(new QLineEdit(this)),
      createKey_(new QPushButton(tr("&Create key\u2026"), this)),
      keyStatus_(new StatusLabel(QStringLiteral("exportKeyStatus"), this)),
      destination_(new QLineEdit(this)),
      exportButton_(new QPushButton(tr("&Export"), this)),
      status_(new StatusLabel(QStringLiteral("exportStatus"), this)) {
    setObjectName(QStringLiteral("exportPage"));
    setTitle(tr("Export the tuned adapter"));
    setSubTitle(tr("This is everything that will leave this computer. Check it, then export."));

    auto* noData = new QLabel(tr("<b>No data are included.</b> The export holds only the adapter's numbers listed "
                                 "below. Your examples, their file names and the evaluation stay on this computer."),
                              this);
    noData->setObjectName(QStringLiteral("exportNoData"));
    noData->setWordWrap(true);
    noData->setFrameShape(QFrame::StyledPanel);
    noData->setMargin(8);
    fileSummary_->setObjectName(QStringLiteral("exportFileSummary"));
    fileSummary_->setWordWrap(true);
    fileSummary_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    recipient_->setObjectName(QStringLiteral("exportRecipient"));
    recipient_->setWordWrap(true);
    recipient_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    tensorView_->setObjectName(QStringLiteral("exportTensors"));
    tensorView_->setAccessibleName(tr("Tensors in the export"));
    tensorView_->setModel(tensors_);
    tensorView_->setTabKeyNavigation(false);
    tensorView_->setAlternatingRowColors(true);
    tensorView_->verticalHeader()->hide();
    tensorView_->horizontalHeader()->setStretchLastSection(true);
    tensorView_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    // The exact listing.txt that goes inside the export.
    showListing_->setObjectName(QStringLiteral("exportShowListing"));
    showListing_->setCheckable(true);
    listingText_->setObjectName(QStringLiteral("exportListing"));
    listingText_->setReadOnly(true);
    listingText_->setTabChangesFocus(true);
    listingText_->setAccessibleName(tr("The listing written into the export"));
    listingText_->setVisible(false);
    connect(showListing_, &QPushButton::toggled, listingText_, &QWidget::setVisible);

    keyPath_->setObjectName(QStringLiteral("exportKeyPath"));
    keyPath_->setPlaceholderText(tr("Your key pair file (.offsitekey)"));
    keyPath_->setAccessibleName(tr("Your signing key file"));
    connect(keyPath_, &QLineEdit::textChanged, this, &ExportPage::updateKeyStatus);
    auto* keyBrowse = new QPushButton(tr("Bro&wse\u2026"), this);
    keyBrowse->setObjectName(QStringLiteral("exportKeyBrowse"));
    keyBrowse->setAccessibleName(tr("Browse for your signing key file"));
    connect(keyBrowse, &QPushButton::clicked, this, [this] {
        QString file = QFileDialog::getOpenFileName(this, tr("Choose your signing key"), keyPath_->text(),
                                                    tr("Offsite key pairs (*.offsitekey);;All files (*)"));
        if (!file.isEmpty()) keyPath_->setText(QDir::toNativeSeparators(file));
    });
    createKey_->setObjectName(QStringLiteral("exportCreateKey"));
    createKey_->setAccessibleDescription(
        tr("Creates a key pair protected by a passphrase; the model owner uses its public half to check that "
           "exports come from you."));
    connect(createKey_, &QPushButton::clicked, this, &ExportPage::createKey);
    auto* keyRowWidget = new QWidget(this);
    auto* keyRow = new QHBoxLayout(keyRowWidget);
    keyRow->setContentsMargins(0, 0, 0, 0);
    keyRow->addWidget(keyPath_, 1);
    keyRow->addWidget(keyBrowse);
    keyRow->addWidget(createKey_);

    destination_->setObjectName(QStringLiteral("exportDestination"));
    destination_->setAccessibleName(tr("Where to save the export"));
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("exportBrowse"));
    connect(browse, &QPushButton::clicked, this, [this] {
        QString file = QFileDialog::getSaveFileName(this, tr("Save the export"), destination_->text(),
                                                    tr("Encrypted exports (*.age)"));
        if (!file.isEmpty()) destination_->setText(QDir::toNativeSeparators(file));
    });
    auto* destinationRowWidget = new QWidget(this);
    auto* destinationRow = new QHBoxLayout(destinationRowWidget);
    destinationRow->setContentsMargins(0, 0, 0, 0);
    destinationRow->addWidget(destination_, 1);
    destinationRow->addWidget(browse);
    exportButton_->setObjectName(QStringLiteral("exportButton"));
    connect(exportButton_, &QPushButton::clicked, this, &ExportPage::exportNow);

    auto* form = new QFormLayout;
    form->addRow(tr("Files:"), fileSummary_);
    form->addRow(tr("Encrypted for:"), recipient_);
    form->addRow(tr("Si&gned with:"), keyRowWidget);
    static_cast<QLabel*>(form->labelForField(keyRowWidget))->setBuddy(keyPath_);
    form->addRow(QString(), keyStatus_);
    form->addRow(tr("&Save to:"), destinationRowWidget);
    static_cast<QLabel*>(form->labelForField(destinationRowWidget))->setBuddy(destination_);

    auto* actions = new QHBoxLayout;
    actions->addWidget(status_, 1);
    actions->addWidget(exportButton_, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(noData);
    layout->addWidget(tensorView_, 1);
    layout->addWidget(showListing_, 0, Qt::AlignLeft);
    layout->addWidget(listingText_, 1);
    layout->addLayout(form);
    layout->addLayout(actions);
}

ExportPage::~ExportPage() = default;

Result<exports::ExportParams> ExportPage::exportParams() const {
    exports::ExportParams params;
    params.adapterPath = context_.adapterPath();
    params.packageFolder = context_.modelFolder;
    params.runId = std::to_string(context_.runId);
    const QString version = QCoreApplication::applicationVersion();
    params.appVersion = version.isEmpty() ? std::string("unknown") : version.toStdString();
    if (context_.workspace != nullptr) {
        OFFSITE_TRY(context_.withWorkspace([&](workspace::Workspace& ws) -> Status {
            if (context_.packageId != 0) {
                OFFSITE_ASSIGN_OR_RETURN(params.packageFolder, workspace::packageModelFolder(ws, context_.packageId));
            }
            if (context_.runId != 0) {
                OFFSITE_ASSIGN_OR_RETURN(const workspace::RunRecord run, ws.run(context_.runId));
                params.hyperparametersJson = hyperparametersOf(run.configJson);
            }
            if (context_.datasetId != 0) {
                OFFSITE_ASSIGN_OR_RETURN(const workspace::DatasetRecord dataset, ws.dataset(context_.datasetId));
                if (!dataset.fingerprint.empty()) params.datasetFingerprints.push_back(dataset.fingerprint);
            }
            return {};
        }));
    }
    return params;
}

void ExportPage::initializePage() {
    exported_ = false;
    exportId_ = 0;
    listing_.reset();
    tensors_->clear();
    listingText_->clear();
    recipient_->clear();
    if (keyPath_->text().isEmpty() && context_.settings != nullptr) {
        keyPath_->setText(QDir::toNativeSeparators(context_.settings->signingKeyFile()));
    }
    updateKeyStatus();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString model = context_.package ? q(context_.package->manifest.modelId) : QStringLiteral("model");
    if (destination_->text().isEmpty()) {
        destination_->setText(QDir::toNativeSeparators(
            QDir(documents).filePath(QStringLiteral("%1-adapter-run%2.age").arg(model).arg(context_.runId))));
    }
    auto params = exportParams();
    if (!params.ok()) {
        showListing(params.error());
        return;
    }
    fileSummary_->setText(tr("Checking what will be exported\u2026"));
    status_->announce(tr("Checking what will be exported\u2026"));
    task_.start(
        this, [p = std::move(params).value()](const std::atomic<bool>&) { return exports::describeExport(p); },
        [this](Result<exports::ExportListing> listing) { showListing(std::move(listing)); });
    updateButtons();
}

void ExportPage::showListing(Result<exports::ExportListing> listing) {
    if (!listing.ok()) {
        // Core's reasons, e.g. an adapter whose tensors are not the package's layout (a LoRA run, say).
        fileSummary_->setText(tr("Nothing can be exported."));
        status_->announce(tr("This adapter cannot be exported: %1").arg(q(listing.error().message)), Verdict::Bad);
        updateButtons();
        return;
    }
    const exports::ExportListing& l = listing.value();
    tensors_->setTensors(l.tensors);
    QStringList files;
    for (const auto& file : l.files) {
        // The listing and the provenance record are written with the export; their text is shown below.
        files << (file.sha256.empty()
                      ? tr("%1 \u2014 written with the export (see the full listing)").arg(q(file.name))
                      : tr("%1 \u2014 %2, SHA-256 %3")
                            .arg(q(file.name), QLocale().formattedDataSize(static_cast<qint64>(file.size)),
                                 q(file.sha256)));
    }
    fileSummary_->setText(files.join(QLatin1Char('\n')));
    recipient_->setText(tr("%1, key fingerprint %2 (only the holder of this key can open the export)")
                            .arg(q(l.publisher), q(l.recipientFingerprint)));
    listingText_->setPlainText(q(l.text()));
    listing_ = std::move(listing).value();
    status_->announce(tr("Ready to export."));
    updateButtons();
}

void ExportPage::updateKeyStatus() {
    const QString path = keyPath_->text().trimmed();
    if (path.isEmpty()) {
        keyStatus_->announce(tr("You need a signing key: the model owner checks with it that the export comes from "
                                "you. Create one, or choose the key file that `offsite keygen --role data-owner` "
                                "made."),
                             Verdict::Warning);
    } else if (!QFileInfo::exists(path)) {
        keyStatus_->announce(tr("There is no key file at %1. Create a key there, or choose another file.").arg(path),
                             Verdict::Warning);
    } else {
        const KeyFiles files = keyFilesFor(path);
        keyStatus_->announce(tr("Exports are signed with this key. The model owner needs its public half, %1, "
                                "once.")
                                 .arg(native(files.publicKey)),
                             Verdict::Good);
    }
    updateButtons();
}

void ExportPage::createKey() {
    if (task_.running()) return;
    QString path = keyPath_->text().trimmed();
    if (path.isEmpty() || QFileInfo::exists(path)) path = AppSettings::defaultSigningKeyFile();
    const KeyFiles files = keyFilesFor(path);
    for (const fs::path& file : {files.secret, files.publicKey, files.recipient}) {
        std::error_code ec;
        if (fs::exists(fs::symlink_status(file, ec))) {
            keyStatus_->announce(tr("%1 already exists, and a key is never overwritten. Choose it with Browse, or "
                                    "type another file name.")
                                     .arg(native(file)),
                                 Verdict::Bad);
            return;
        }
    }
    auto passphrase = PassphraseDialog::ask(this, PassphraseDialog::Purpose::NewKey, native(files.secret));
    if (!passphrase) {
        keyStatus_->announce(tr("No key was created."), Verdict::Neutral);
        return;
    }
    keyStatus_->announce(tr("Creating your signing key\u2026"));
    task_.start(
        this,
        [files, kdf = keyKdf_, pass = std::move(*passphrase)](const std::atomic<bool>&) -> Result<std::string> {
            std::error_code ec;
            fs::create_directories(files.secret.parent_path(), ec);
            OFFSITE_ASSIGN_OR_RETURN(crypto::KeyPair pair, crypto::KeyPair::generate());
            {
                const crypto::SecretBytes::Access access(pass);
                OFFSITE_TRY(crypto::writeKeyPairFile(files.secret, pair, crypto::KeyRole::DataOwner, access.bytes(),
                                                     kdf));
            }
            const std::string keyId = pair.signing.keyId().display();
            OFFSITE_TRY(writeFileAtomic(files.publicKey, crypto::formatMinisignPublicKey(pair.signing.publicKey())));
            OFFSITE_TRY(writeFileAtomic(files.recipient, "# offsite data-owner encryption key (age recipient), "
                                                         "signing key " +
                                                             keyId + "\n" + pair.encryption.recipient().toString() +
                                                             "\n"));
            return crypto::keyFingerprint(pair.signing.publicKey());
        },
        [this, files](Result<std::string> fingerprint) {
            if (!fingerprint.ok()) {
                keyStatus_->announce(tr("The key was not created: %1").arg(q(fingerprint.error().message)),
                                     Verdict::Bad);
                updateButtons();
                return;
            }
            if (context_.settings != nullptr) context_.settings->setSigningKeyFile(native(files.secret));
            keyPath_->setText(native(files.secret));
            keyStatus_->announce(tr("Your signing key was created (fingerprint %1). Send %2 to the model owner, so "
                                    "they can check that exports come from you.")
                                     .arg(q(fingerprint.value()), native(files.publicKey)),
                                 Verdict::Good);
            updateButtons();
        });
    updateButtons();
}

void ExportPage::exportNow() {
    if (task_.running() || !listing_) return;
    const QString keyFile = keyPath_->text().trimmed();
    if (keyFile.isEmpty() || !QFileInfo::exists(keyFile)) {
        status_->announce(tr("Create or choose your signing key first."), Verdict::Warning);
        keyPath_->setFocus();
        return;
    }
    const fs::path output = QDir::fromNativeSeparators(destination_->text().trimmed()).toStdString();
    if (output.empty()) {
        status_->announce(tr("Choose where to save the export."), Verdict::Warning);
        return;
    }
    auto params = exportParams();
    if (!params.ok()) {
        status_->announce(tr("The export failed: %1").arg(q(params.error().message)), Verdict::Bad);
        return;
    }
    auto passphrase = PassphraseDialog::ask(this, PassphraseDialog::Purpose::OpenKey, keyFile);
    if (!passphrase) {
        status_->announce(tr("Not exported."), Verdict::Neutral);
        return;
    }
    params->outputPath = output;
    status_->announce(tr("Encrypting and signing\u2026"));
    task_.start(
        this,
        [p = std::move(params).value(), key = fs::path(QDir::fromNativeSeparators(keyFile).toStdString()),
         pass = std::move(*passphrase)](const std::atomic<bool>& stop) mutable -> Result<exports::ExportResult> {
            Result<crypto::SigningKey> signing = [&] {
                const crypto::SecretBytes::Access access(pass);
                return crypto::readSigningKeyFile(key, access.bytes());
            }();
            if (!signing.ok()) return signing.error();
            std::error_code ec;
            fs::create_directories(p.outputPath.parent_path(), ec);
            p.signingKey = &signing.value();
            p.progress = [&stop](std::uint64_t, std::uint64_t) { return !stop.load(); };
            return exports::writeExport(p);
        },
        [this](Result<exports::ExportResult> result) {
            if (!result.ok()) {
                status_->announce(result.error().kind == ErrorKind::Cancelled
                                      ? tr("The export was stopped; nothing was written.")
                                      : tr("The export failed: %1").arg(q(result.error().message)),
                                  Verdict::Bad);
                updateButtons();
                emit exportFinished(false);
                return;
            }
            // The receipt: the encrypted file in the workspace's store and a row for the run's history.
            QString recorded;
            if (context_.workspace != nullptr) {
                auto bytes = readFile(result->encryptedPath, exports::kExportMaxBytes);
                auto id = bytes.ok() ? context_.withWorkspace([&](workspace::Workspace& ws) {
                    return ws.recordExport({context_.runId, std::nullopt, result->listing.recipient}, bytes.value());
                })
                                     : Result<std::int64_t>(bytes.error());
                if (id.ok()) {
                    exportId_ = id.value();
                } else {
                    recorded = QLatin1Char(' ') +
                               tr("It was not recorded in the workspace: %1").arg(q(id.error().message));
                }
            }
            exported_ = true;
            status_->announce(tr("Exported to %1, signed in %2. Send both files to the publisher.")
                                      .arg(native(result->encryptedPath), native(result->signaturePath)) +
                                  recorded,
                              recorded.isEmpty() ? Verdict::Good : Verdict::Warning);
            updateButtons();
            emit completeChanged();
            emit exportFinished(true);
        });
    updateButtons();
}

void ExportPage::updateButtons() {
    const bool idle = !task_.running();
    exportButton_->setEnabled(idle && listing_.has_value());
    createKey_->setEnabled(idle);
}

bool ExportPage::isComplete() const { return exported_; }

}  // namespace offsite::ui
