// The settings dialog (see settings_dialog.h).
#include "ui/settings/settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/settings/app_settings.h"

namespace offsite::ui {

SettingsDialog::SettingsDialog(AppSettings& settings, QWidget* parent)
    : QDialog(parent), settings_(settings), folder_(new QLineEdit(this)), device_(new QComboBox(this)),
      language_(new QComboBox(this)) {
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    folder_->setObjectName(QStringLiteral("settingsWorkspaceFolder"));
    folder_->setText(settings_.workspaceFolder());
    folder_->setAccessibleName(tr("Workspace folder"));
    folder_->setAccessibleDescription(tr("Where packages, data sets, runs and exports are kept on this computer."));
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("settingsBrowseWorkspace"));
    connect(browse, &QPushButton::clicked, this, [this] {
        QString folder = QFileDialog::getExistingDirectory(this, tr("Choose the workspace folder"), folder_->text());
        if (!folder.isEmpty()) folder_->setText(folder);
    });
    auto* folderRowWidget = new QWidget(this);
    auto* folderRow = new QHBoxLayout(folderRowWidget);
    folderRow->setContentsMargins(0, 0, 0, 0);
    folderRow->addWidget(folder_, 1);
    folderRow->addWidget(browse);

    device_->setObjectName(QStringLiteral("settingsDevice"));
    device_->setAccessibleName(tr("Compute device"));
    device_->addItem(tr("Automatic (graphics card when available)"), static_cast<int>(ComputeDevice::Auto));
    device_->addItem(tr("Processor (CPU) only"), static_cast<int>(ComputeDevice::Cpu));
    device_->addItem(tr("NVIDIA graphics card (CUDA)"), static_cast<int>(ComputeDevice::Cuda));
    device_->setCurrentIndex(device_->findData(static_cast<int>(settings_.computeDevice())));

    language_->setObjectName(QStringLiteral("settingsLanguage"));
    language_->setAccessibleName(tr("Language"));
    language_->addItem(tr("System language"), QString());
    for (const QString& code : AppSettings::availableLanguages()) {
        language_->addItem(AppSettings::nativeLanguageName(code), code);
    }
    language_->setCurrentIndex(std::max(0, language_->findData(settings_.language())));

    auto* form = new QFormLayout;
    form->addRow(tr("&Workspace folder:"), folderRowWidget);
    static_cast<QLabel*>(form->labelForField(folderRowWidget))->setBuddy(folder_);
    form->addRow(tr("&Compute device:"), device_);
    form->addRow(tr("&Language:"), language_);
    auto* note = new QLabel(tr("Light and dark appearance follow your system. A new language applies the next "
                               "time Offsite Studio starts."),
                            this);
    note->setWordWrap(true);
    note->setObjectName(QStringLiteral("settingsNote"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(560, 260);
}

void SettingsDialog::apply() {
    settings_.setWorkspaceFolder(folder_->text().trimmed());
    settings_.setComputeDevice(static_cast<ComputeDevice>(device_->currentData().toInt()));
    settings_.setLanguage(language_->currentData().toString());
}

}  // namespace offsite::ui
