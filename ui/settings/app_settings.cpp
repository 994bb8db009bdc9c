// QSettings-backed preferences (see app_settings.h).
#include "ui/settings/app_settings.h"

#include <QDir>
#include <QLocale>
#include <QStandardPaths>

namespace offsite::ui {

namespace {
const QString kWorkspaceKey = QStringLiteral("workspace/folder");
const QString kDeviceKey = QStringLiteral("training/device");
const QString kLanguageKey = QStringLiteral("interface/language");
const QString kSigningKeyKey = QStringLiteral("export/signing_key_file");
}  // namespace

QString AppSettings::defaultWorkspaceFolder() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("workspace"));
}

QString AppSettings::workspaceFolder() const {
    QString folder = store_.value(kWorkspaceKey).toString();
    return folder.isEmpty() ? defaultWorkspaceFolder() : folder;
}

void AppSettings::setWorkspaceFolder(const QString& folder) { store_.setValue(kWorkspaceKey, folder); }

QString AppSettings::signingKeyFile() const { return store_.value(kSigningKeyKey).toString(); }

void AppSettings::setSigningKeyFile(const QString& path) { store_.setValue(kSigningKeyKey, path); }

QString AppSettings::defaultSigningKeyFile() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("keys/data-owner.offsitekey"));
}

ComputeDevice AppSettings::computeDevice() const {
    const QString value = store_.value(kDeviceKey).toString();
    if (value == QLatin1String("cpu")) return ComputeDevice::Cpu;
    if (value == QLatin1String("cuda")) return ComputeDevice::Cuda;
    return ComputeDevice::Auto;
}

void AppSettings::setComputeDevice(ComputeDevice device) {
    switch (device) {
        case ComputeDevice::Auto: store_.setValue(kDeviceKey, QStringLiteral("auto")); break;
        case ComputeDevice::Cpu: store_.setValue(kDeviceKey, QStringLiteral("cpu")); break;
        case ComputeDevice::Cuda: store_.setValue(kDeviceKey, QStringLiteral("cuda")); break;
    }
}

QString AppSettings::language() const {
    const QString code = store_.value(kLanguageKey).toString();
    return availableLanguages().contains(code) ? code : QString();
}

void AppSettings::setLanguage(const QString& code) { store_.setValue(kLanguageKey, code); }

QStringList AppSettings::availableLanguages() {
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("es"),
            QStringLiteral("zh_CN"), QStringLiteral("ja")};
}

QString AppSettings::nativeLanguageName(const QString& code) {
    QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (!name.isEmpty()) name[0] = name[0].toUpper();
    return name;
}

}  // namespace offsite::ui
