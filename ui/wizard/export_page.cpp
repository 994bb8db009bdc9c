// Wizard step 6: Export (see export_page.h).
#include "ui/wizard/export_page.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include "core/base/file_io.h"
#include "core/crypto/age.h"
#include "core/safetensors/index.h"
#include "core/workspace/sha256.h"
#include "core/workspace/workspace.h"
#include "ui/models/tensor_table_model.h"
#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }
}  // namespace

ExportPage::ExportPage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      fileSummary_(new QLabel(this)),
      recipient_(new QLabel(this)),
      tensorView_(new QTableView(this)),
      tensors_(new TensorTableModel(this)),
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

    tensorView_->setObjectName(QStringLiteral("exportTensors"));
    tensorView_->setAccessibleName(tr("Tensors in the export"));
    tensorView_->setModel(tensors_);
    tensorView_->setTabKeyNavigation(false);
    tensorView_->setAlternatingRowColors(true);
    tensorView_->verticalHeader()->hide();
    tensorView_->horizontalHeader()->setStretchLastSection(true);
    tensorView_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

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
    form->addRow(tr("File:"), fileSummary_);
    form->addRow(tr("Encrypted for:"), recipient_);
    form->addRow(tr("&Save to:"), destinationRowWidget);
    static_cast<QLabel*>(form->labelForField(destinationRowWidget))->setBuddy(destination_);

    auto* actions = new QHBoxLayout;
    actions->addWidget(status_, 1);
    actions->addWidget(exportButton_, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(noData);
    layout->addWidget(tensorView_, 1);
    layout->addLayout(form);
    layout->addLayout(actions);
}

ExportPage::~ExportPage() = default;

void ExportPage::initializePage() {
    exported_ = false;
    tensors_->clear();
    const std::filesystem::path adapter = context_.adapterPath();
    auto files = safetensors::ModelFiles::open(adapter);
    if (!files.ok()) {
        fileSummary_->setText(tr("The tuned adapter is missing: %1").arg(q(files.error().message)));
        exportButton_->setEnabled(false);
        return;
    }
    tensors_->setTensors(files.value());
    auto bytes = readFile(adapter, std::size_t{1} << 34);
    const QString sha = bytes.ok() ? q(workspace::sha256Hex(bytes.value())) : tr("unknown");
    fileSummary_->setText(tr("adapter.safetensors \u2014 %1, %n tensor(s), SHA-256 %2", nullptr,
                             tensors_->rowCount())
                              .arg(QLocale().formattedDataSize(static_cast<qint64>(tensors_->totalBytes())), sha));
    if (context_.package) {
        recipient_->setText(tr("%1 (only the publisher's key can open it)")
                                .arg(q(context_.package->publisherId)));
    }
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString model = context_.package ? q(context_.package->manifest.modelId) : QStringLiteral("model");
    if (destination_->text().isEmpty()) {
        destination_->setText(QDir::toNativeSeparators(
            QDir(documents).filePath(QStringLiteral("%1-adapter-run%2.age").arg(model).arg(context_.runId))));
    }
    exportButton_->setEnabled(true);
    status_->announce(tr("Ready to export."));
    emit completeChanged();
}

void ExportPage::exportNow() {
    if (task_.running() || !context_.package) return;
    auto recipient = crypto::AgeRecipient::parse(context_.package->manifest.exportRecipient);
    if (!recipient.ok()) {
        status_->announce(tr("The package names no usable recipient: %1").arg(q(recipient.error().message)),
                          Verdict::Bad);
        return;
    }
    const std::filesystem::path input = context_.adapterPath();
    const std::filesystem::path output = destination_->text().trimmed().toStdString();
    if (output.empty()) {
        status_->announce(tr("Choose where to save the export."), Verdict::Warning);
        return;
    }
    exportButton_->setEnabled(false);
    status_->announce(tr("Encrypting\u2026"));
    task_.start(
        this,
        [input, output, r = recipient.value()](const std::atomic<bool>& stop) -> Status {
            std::error_code ec;
            std::filesystem::create_directories(output.parent_path(), ec);
            const crypto::AgeRecipient recipients[] = {r};
            return crypto::ageEncryptFile(input, output, recipients,
                                          [&stop](std::uint64_t) { return !stop.load(); });
        },
        [this, output](Status status) {
            if (!status.ok()) {
                exportButton_->setEnabled(true);
                status_->announce(tr("The export failed: %1").arg(q(status.error().message)), Verdict::Bad);
                emit exportFinished(false);
                return;
            }
            if (context_.workspace != nullptr) {
                auto bytes = readFile(output, std::size_t{1} << 34);
                if (bytes.ok()) {
                    auto id = context_.workspace->recordExport(
                        {context_.runId, std::nullopt, context_.package->manifest.exportRecipient}, bytes.value());
                    if (!id.ok()) {
                        status_->announce(tr("Exported, but not recorded in the workspace: %1")
                                              .arg(q(id.error().message)),
                                          Verdict::Warning);
                    }
                }
            }
            exported_ = true;
            status_->announce(tr("Exported to %1. Send this file to the publisher.")
                                  .arg(QDir::toNativeSeparators(q(output.string()))),
                              Verdict::Good);
            emit completeChanged();
            emit exportFinished(true);
        });
}

bool ExportPage::isComplete() const { return exported_; }

}  // namespace offsite::ui
