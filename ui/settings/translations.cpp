// Loading the app's and Qt's translations (see translations.h).
#include "ui/settings/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>

namespace offsite::ui {

namespace {
// The installed translators live as long as the application; reinstalling replaces them.
std::unique_ptr<QTranslator>& appTranslator() {
    static std::unique_ptr<QTranslator> translator;
    return translator;
}
std::unique_ptr<QTranslator>& qtTranslator() {
    static std::unique_ptr<QTranslator> translator;
    return translator;
}
}  // namespace

bool installTranslations(const QString& language) {
    for (auto* slot : {&appTranslator(), &qtTranslator()}) {
        if (*slot) QCoreApplication::removeTranslator(slot->get());
        slot->reset();
    }
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    auto app = std::make_unique<QTranslator>();
    if (!app->load(locale, QStringLiteral("offsite_studio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        return false;
    }
    QCoreApplication::installTranslator(app.get());
    appTranslator() = std::move(app);
    return true;
}

}  // namespace offsite::ui
