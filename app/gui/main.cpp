// offsite-studio: the data owner's desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include "app/gui/main_window.h"
#include "ui/inspector/model_inspector.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Offsite Studio"));
    QApplication::setOrganizationName(QStringLiteral("Offsite Studio"));
    QApplication::setApplicationVersion(QStringLiteral(OFFSITE_VERSION));

    // Qt's own strings (standard buttons and dialogs) in the user's language.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Offsite Studio desktop app"));
    parser.addHelpOption();
    parser.addVersionOption();
    // Installers' check (scripts/test-deb-clean-root.sh): build the window, run the event loop once, exit 0.
    const QCommandLineOption smokeTest(QStringLiteral("smoke-test"),
                                       QApplication::translate("main", "open the main window, then quit at once"));
    parser.addOption(smokeTest);
    parser.addPositionalArgument(QStringLiteral("model"), QApplication::translate("main", "model folder to open"));
    parser.process(app);

    offsite::gui::MainWindow window;
    if (!parser.positionalArguments().isEmpty()) {
        window.inspector()->openModel(parser.positionalArguments().front().toStdString());
    }
    window.show();
    if (parser.isSet(smokeTest)) {
        QApplication::processEvents();
        return 0;
    }
    return QApplication::exec();
}
