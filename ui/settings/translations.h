// Installs the app's translations (built from translations/*.ts by qt_add_translations and embedded under
// :/i18n) and Qt's own qtbase translations for one language, so standard buttons and dialogs match.
#pragma once

#include <QString>

class QCoreApplication;

namespace offsite::ui {

// `language` is a code from AppSettings::availableLanguages() or empty for the system language. Returns false
// when no translation of the app exists for it (the app then stays in English). Replaces earlier translators.
bool installTranslations(const QString& language);

}  // namespace offsite::ui
