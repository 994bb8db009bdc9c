// offsite-studio: the data owner's desktop app.
#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <cstdio>

#include "core/crypto/process_hardening.h"
#include "ui/inspector/model_inspector.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/translations.h"
#include "ui/shell/main_window.h"
#include "ui/wizard/choose_data_page.h"
#include "ui/wizard/fine_tuning_wizard.h"

int main(int argc, char** argv) {
    // KEY-2: secret keys must never reach a core file; release builds turn core dumps off before anything else.
    if (offsite::crypto::hardenProcessAtStart()) {
        if (const auto hardened = offsite::crypto::disableCoreDumps(); !hardened.ok()) {
            std::fprintf(stderr, "offsite-studio: warning: %s\n", hardened.error().message.c_str());
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Offsite Studio"));
    QApplication::setOrganizationName(QStringLiteral("Offsite Studio"));
    QApplication::setApplicationVersion(QStringLiteral(OFFSITE_VERSION));

    QSettings store;
    offsite::ui::AppSettings settings(store);

    // The language chosen in Settings (or the system's), with Qt's own qtbase strings to match.
    offsite::ui::installTranslations(settings.language());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Offsite Studio desktop app"));
    parser.addHelpOption();
    parser.addVersionOption();
    // Installers' check (scripts/test-deb-clean-root.sh): build the window, run the event loop once, exit 0.
    const QCommandLineOption smokeTest(QStringLiteral("smoke-test"),
                                       QApplication::translate("main", "open the main window, then quit at once"));
    parser.addOption(smokeTest);
    // The demo (scripts/demo-offsite-tuning.sh): its package opens at the import step, its data set chosen.
    const QString datasetHelp =
        QApplication::translate("main", "choose this data set in the wizard's data step");
    const QCommandLineOption datasetOption(QStringLiteral("dataset"), datasetHelp, QStringLiteral("file"));
    const QString taskHelp = QApplication::translate(
        "main", "what the data set is: text, prompt_completion, classification or multiple_choice");
    const QCommandLineOption taskOption(QStringLiteral("task"), taskHelp, QStringLiteral("task"));
    parser.addOption(datasetOption);
    parser.addOption(taskOption);
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "a package (.otpkg) to import, or a model folder to inspect"));
    parser.process(app);

    offsite::ui::MainWindow window(settings);
    if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().front();
        if (path.endsWith(QLatin1String(".otpkg"), Qt::CaseInsensitive)) {
            window.openPackage(path);  // a double-clicked package opens the import step
        } else {
            window.inspector()->openModel(path.toStdString());
            window.showPage(offsite::ui::MainWindow::Page::Inspector);
        }
    }
    // The task first: choosing the data set checks it at once, as that task.
    if (parser.isSet(taskOption) && !window.wizard()->dataPage()->setTaskName(parser.value(taskOption))) {
        const QString message =
            QApplication::translate("main", "unknown task \"%1\"").arg(parser.value(taskOption));
        std::fprintf(stderr, "offsite-studio: %s\n", qPrintable(message));
        return 2;
    }
    if (parser.isSet(datasetOption)) {
        window.showPage(offsite::ui::MainWindow::Page::FineTuning);
        window.wizard()->dataPage()->setDataPath(parser.value(datasetOption));
    }
    window.show();
    if (parser.isSet(smokeTest)) {
        QApplication::processEvents();
        return 0;
    }
    return QApplication::exec();
}
