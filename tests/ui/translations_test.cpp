// The shipped translations load from the embedded resources and change what the widgets say; Qt's own qtbase
// translation loads alongside.
#include <gtest/gtest.h>

#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>

#include "tests/ui/qt_test_app.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/settings_dialog.h"
#include "ui/settings/translations.h"

namespace offsite::ui {
namespace {

using testing::app;

QString dialogTitle() {
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    AppSettings settings(store);
    SettingsDialog dialog(settings);
    return dialog.windowTitle();
}

TEST(Translations, EveryShippedLanguageLoadsAndTranslates) {
    app();
    const std::pair<const char*, const char*> expected[] = {
        {"de", "Einstellungen"}, {"fr", "Paramètres"}, {"es", "Configuración"}, {"zh_CN", "设置"}, {"ja", "設定"}};
    for (const auto& [code, title] : expected) {
        ASSERT_TRUE(installTranslations(QString::fromLatin1(code))) << code;
        EXPECT_EQ(dialogTitle(), QString::fromUtf8(title)) << code;
    }
    // Qt's own strings follow (standard buttons), from the qtbase translation installed with Qt.
    ASSERT_TRUE(installTranslations(QStringLiteral("de")));
    QDialogButtonBox box(QDialogButtonBox::Cancel);
    EXPECT_EQ(box.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')), QStringLiteral("Abbrechen"));
    // English is the source language: no translation file, the source strings show.
    EXPECT_FALSE(installTranslations(QStringLiteral("en")));
    EXPECT_EQ(dialogTitle(), QStringLiteral("Settings"));
}

}  // namespace
}  // namespace offsite::ui
