// The settings dialog: workspace folder, compute device and language, applied to AppSettings on OK.
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace offsite::ui {

class AppSettings;

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    SettingsDialog(AppSettings& settings, QWidget* parent = nullptr);
    // Writes the dialog's values to the settings (what OK does).
    void apply();

private:
    AppSettings& settings_;
    QLineEdit* folder_;
    QComboBox* device_;
    QComboBox* language_;
};

}  // namespace offsite::ui
