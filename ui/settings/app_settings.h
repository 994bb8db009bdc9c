// The desktop app's preferences (workspace folder, compute device, language), stored with QSettings. Light and
// dark appearance follow the system, so there is no theme setting. Tests pass their own QSettings (an .ini in
// a temporary folder).
#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

namespace offsite::ui {

enum class ComputeDevice { Auto = 1, Cpu, Cuda };

class AppSettings {
public:
    explicit AppSettings(QSettings& store) : store_(store) {}

    [[nodiscard]] QString workspaceFolder() const;
    void setWorkspaceFolder(const QString& folder);
    [[nodiscard]] ComputeDevice computeDevice() const;
    void setComputeDevice(ComputeDevice device);
    // A language code ("de", "zh_CN"); empty means the system's language.
    [[nodiscard]] QString language() const;
    void setLanguage(const QString& code);
    // The data owner's key pair file (.offsitekey, as `offsite keygen --role data-owner` writes it) that signs
    // exports; empty until one is created or chosen.
    [[nodiscard]] QString signingKeyFile() const;
    void setSigningKeyFile(const QString& path);
    // Where the app creates the signing key when none is chosen: <app data>/keys/data-owner.offsitekey.
    [[nodiscard]] static QString defaultSigningKeyFile();

    [[nodiscard]] static QString defaultWorkspaceFolder();
    // The languages the app ships translations for (English is the source language).
    [[nodiscard]] static QStringList availableLanguages();
    // The language's own name ("Deutsch"), for the settings list.
    [[nodiscard]] static QString nativeLanguageName(const QString& code);

private:
    QSettings& store_;
};

}  // namespace offsite::ui
