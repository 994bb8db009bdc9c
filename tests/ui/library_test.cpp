// The main window's library, run detail page and settings, driven offscreen over a real workspace in a
// temporary folder; every item model under QAbstractItemModelTester.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "core/workspace/listing.h"
#include "core/workspace/workspace.h"
#include "tests/ui/qt_test_app.h"
#include "ui/charts/metric.h"
#include "ui/charts/metric_chart.h"
#include "ui/charts/metric_table_model.h"
#include "ui/library/library_page.h"
#include "ui/library/library_table_model.h"
#include "ui/library/run_detail_page.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/settings_dialog.h"
#include "ui/shell/main_window.h"

namespace offsite::ui {
namespace {

using testing::app;
using Shelf = LibraryTableModel::Shelf;

template <typename T>
T must(Result<T> result) {
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return std::move(result).value();
}
void must(const Status& status) { ASSERT_TRUE(status.ok()) << status.error().message; }

// A workspace with one of everything: a package from a publisher, a data set, a run with metrics, a
// checkpoint and an export.
std::int64_t fillWorkspace(const QString& folder) {
    auto w = must(workspace::Workspace::open(folder.toStdString()));
    const auto publisher = must(w.addPublisher("Example Labs"));
    must(w.importPackage({"tiny-llama", "1", publisher, std::string(64, 'a'), "/tmp/tiny.otpkg"}, "package bytes"));
    workspace::DatasetRecord dataset;
    dataset.name = "support tickets";
    dataset.sourcePath = "/data/tickets.jsonl";
    dataset.format = "jsonl";
    dataset.task = "prompt_completion";
    dataset.fingerprint = std::string(64, 'f');
    const auto datasetId = must(w.addDataset(dataset));
    const auto run = must(w.createRun({"first run", std::nullopt, datasetId, "{}"}));
    must(w.transitionRun(run, workspace::RunState::Running, ""));
    std::vector<workspace::MetricPoint> points;
    for (int step = 1; step <= 30; ++step) {
        points.push_back({std::string(metricKey(Metric::TrainingLoss)), step, 3.0 - step * 0.05});
        points.push_back({std::string(metricKey(Metric::LearningRate)), step, 1e-4});
    }
    points.push_back({std::string(metricKey(Metric::ValidationLoss)), 30, 2.1});
    points.push_back({"something/else", 30, 1.0});  // unknown metrics are skipped, not drawn
    must(w.appendMetrics(run, points));
    const auto checkpoint =
        must(w.recordCheckpoint({run, 20, "checkpoints/20", workspace::CheckpointVerification::Verified}, "{}"));
    must(w.transitionRun(run, workspace::RunState::Completed, "finished"));
    must(w.recordExport({run, checkpoint, "age1example"}, "encrypted adapter bytes"));
    return run;
}

TEST(WorkspaceListing, ListsEveryShelfAndTheRunHistory) {
    QTemporaryDir dir;
    const auto run = fillWorkspace(dir.path());
    auto w = must(workspace::Workspace::open(dir.path().toStdString()));
    auto packages = must(workspace::listPackages(w));
    ASSERT_EQ(packages.size(), 1u);
    EXPECT_EQ(packages[0].publisherName, "Example Labs");
    EXPECT_EQ(must(workspace::listDatasets(w)).size(), 1u);
    auto exports = must(workspace::listExports(w));
    ASSERT_EQ(exports.size(), 1u);
    EXPECT_EQ(exports[0].runName, "first run");
    EXPECT_EQ(exports[0].sizeBytes, 23);
    auto history = must(workspace::runHistory(w, run));
    ASSERT_EQ(history.size(), 5u);  // created, running, checkpoint, completed, exported
    EXPECT_EQ(history[1].toState, "running");
    EXPECT_EQ(history[2].action, "checkpoint.saved");
    EXPECT_EQ(history[2].step, 20);
    EXPECT_EQ(history[3].message, "finished");
    EXPECT_EQ(history[4].action, "export.created");  // the export's receipt is part of the run's history
}

TEST(MainWindow, LibraryShowsTheWorkspaceAndOpensARun) {
    app();
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("workspace"));
    QDir().mkpath(folder);
    const auto run = fillWorkspace(folder);
    QSettings store(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    AppSettings settings(store);
    settings.setWorkspaceFolder(folder);

    MainWindow window(settings);
    ASSERT_NE(window.workspace(), nullptr);
    LibraryPage* library = window.library();
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (Shelf shelf : {Shelf::Packages, Shelf::Datasets, Shelf::Runs, Shelf::Exports}) {
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            library->model(shelf), QAbstractItemModelTester::FailureReportingMode::Fatal));
        EXPECT_EQ(library->model(shelf)->rowCount(), 1);
    }
    window.reloadLibrary();  // a reload under the testers
    auto* packages = window.findChild<QTableView*>(QStringLiteral("libraryPackages"));
    ASSERT_NE(packages, nullptr);
    EXPECT_EQ(packages->model()->index(0, 2).data().toString(), QStringLiteral("Example Labs"));
    auto* runs = window.findChild<QTableView*>(QStringLiteral("libraryRuns"));
    ASSERT_NE(runs, nullptr);
    EXPECT_EQ(runs->model()->index(0, 1).data().toString(), QStringLiteral("Completed"));

    // Enter on the run opens its page, from the keyboard.
    window.show();
    library->showShelf(Shelf::Runs);
    runs->setFocus();
    runs->setCurrentIndex(runs->model()->index(0, 0));
    QTest::keyClick(runs, Qt::Key_Return);
    EXPECT_EQ(window.currentPage(), MainWindow::Page::RunDetail);
    EXPECT_EQ(window.runDetail()->runId(), run);
    MetricChart* chart = window.runDetail()->chart();
    EXPECT_EQ(chart->drawnPointCount(Metric::TrainingLoss), 30);
    EXPECT_EQ(chart->drawnPointCount(Metric::ValidationLoss), 1);
    EXPECT_EQ(chart->tableModel()->rowCount(), 61);
    auto* history = window.findChild<QListWidget*>(QStringLiteral("runDetailHistory"));
    ASSERT_NE(history, nullptr);
    EXPECT_EQ(history->count(), 5);
    EXPECT_TRUE(history->item(2)->text().contains(QStringLiteral("step 20")));
    EXPECT_TRUE(history->item(4)->text().contains(QStringLiteral("Exported")));  // the export's receipt
}

TEST(MainWindow, ReportsAWorkspaceItCannotOpen) {
    app();
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QSettings store(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    AppSettings settings(store);
    settings.setWorkspaceFolder(blocker.fileName());
    MainWindow window(settings);
    EXPECT_EQ(window.workspace(), nullptr);
    auto* status = window.findChild<QLabel*>(QStringLiteral("statusMessage"));
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().contains(QStringLiteral("Settings"))) << status->text().toStdString();
}

TEST(Settings, DialogWritesTheChoicesAndTheyPersist) {
    app();
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    {
        QSettings store(ini, QSettings::IniFormat);
        AppSettings settings(store);
        EXPECT_EQ(settings.computeDevice(), ComputeDevice::Auto);
        EXPECT_TRUE(settings.language().isEmpty());
        SettingsDialog dialog(settings);
        dialog.findChild<QLineEdit*>(QStringLiteral("settingsWorkspaceFolder"))->setText(dir.filePath("ws"));
        auto* device = dialog.findChild<QComboBox*>(QStringLiteral("settingsDevice"));
        device->setCurrentIndex(device->findData(static_cast<int>(ComputeDevice::Cpu)));
        auto* language = dialog.findChild<QComboBox*>(QStringLiteral("settingsLanguage"));
        language->setCurrentIndex(language->findData(QStringLiteral("de")));
        EXPECT_EQ(language->currentText(), QStringLiteral("Deutsch"));
        dialog.apply();
    }
    QSettings store(ini, QSettings::IniFormat);
    AppSettings settings(store);
    EXPECT_EQ(settings.workspaceFolder(), dir.filePath("ws"));
    EXPECT_EQ(settings.computeDevice(), ComputeDevice::Cpu);
    EXPECT_EQ(settings.language(), QStringLiteral("de"));
    settings.setLanguage(QStringLiteral("xx"));  // not shipped: falls back to the system language
    EXPECT_TRUE(settings.language().isEmpty());
}

}  // namespace
}  // namespace offsite::ui
