// The fine-tuning wizard driven end to end offscreen through widgets found by objectName: a tiny signed
// package made here (a split of the 3-block test Llama with a 96-token tokenizer), the first-trust step, the
// licence, a data set with its preview and findings, the fit check, a few training steps, evaluation on the
// emulator and the encrypted, signed export (core/export), which the owner then opens with openExport. File
// dialogs are bypassed by typing paths (the test seam: every picker has an editable path field); the passphrase
// dialog through PassphraseDialog::setTestHook.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QGroupBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWizardPage>
#include <ctime>
#include <fstream>

#include "core/base/file_io.h"
#include "core/crypto/age.h"
#include "core/crypto/fingerprint.h"
#include "core/crypto/minisign.h"
#include "core/dataset/import.h"
#include "core/crypto/sha256.h"
#include "core/dataset/reader.h"
#include "core/dataset/split.h"
#include "core/emulator/split.h"
#include "core/export/export.h"
#include "core/package/package.h"
#include "core/workspace/listing.h"
#include "core/workspace/packages.h"
#include "core/trust/import.h"
#include "tests/ui/wizard_test_support.h"
#include "tests/ui/qt_test_app.h"
#include "ui/charts/metric_chart.h"
#include "ui/library/library_page.h"
#include "ui/models/tensor_table_model.h"
#include "ui/settings/app_settings.h"
#include "ui/shell/main_window.h"
#include "ui/wizard/choose_data_page.h"
#include "ui/wizard/dataset_models.h"
#include "ui/wizard/evaluate_page.h"
#include "ui/wizard/export_page.h"
#include "ui/wizard/fine_tuning_wizard.h"
#include "ui/wizard/fit_check.h"
#include "ui/wizard/import_package_page.h"
#include "ui/wizard/passphrase_dialog.h"
#include "ui/wizard/train_page.h"
#include "ui/wizard/training_settings_page.h"

namespace offsite::ui {
namespace {

namespace fs = std::filesystem;
using namespace testing;

struct Owner {
    fs::path package;
    fs::path publicKey;
    std::shared_ptr<Publisher> publisher;  // its age identity opens the export
};

// What the model owner does: split, sign, package.
Owner makePackage(const fs::path& root) {
    Owner owner;
    owner.publisher = std::make_shared<Publisher>(root);
    owner.package = owner.publisher->pack(Publisher::PackOptions{});
    owner.publicKey = owner.publisher->publicKey();
    return owner;
}

TEST(FitCheck, EstimatesFromTheFormulaAndSuggestsABatch) {
    ModelShape shape;
    shape.parameters = 1'000'000;
    shape.trainableParameters = 200'000;
    shape.layers = 4;
    shape.hidden = 64;
    shape.heads = 4;
    shape.vocab = 1000;
    const MemoryEstimate e = estimateTrainingMemory(shape, 2, 32);
    EXPECT_EQ(e.weights, 4'000'000);
    EXPECT_EQ(e.gradients, 800'000);
    EXPECT_EQ(e.optimizer, 1'600'000);
    EXPECT_EQ(e.activations, 4 * 2 * 32 * (34 * 64 + 5 * 4 * 32) * 2 + 8 * 2 * 32 * 1000);
    EXPECT_EQ(e.total, (e.weights + e.gradients + e.optimizer + e.activations) * 11 / 10);
    // With 10 MB free, the largest power of two that stays under 85 %.
    const int suggested = suggestMicroBatch(shape, 32, 10'000'000);
    EXPECT_GT(suggested, 0);
    EXPECT_TRUE(fits(estimateTrainingMemory(shape, suggested, 32), 10'000'000));
    EXPECT_FALSE(fits(estimateTrainingMemory(shape, suggested * 2, 32), 10'000'000));
    EXPECT_EQ(suggestMicroBatch(shape, 32, 1000), 0);
}

TEST(FineTuningWizard, ImportsTrainsEvaluatesAndExportsEndToEnd) {
    app();
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    Owner owner = makePackage(root);
    ASSERT_TRUE(fs::exists(owner.package));

    // The data owner's examples: short sentences, one duplicate (a warning, not a blocker).
    std::string jsonl;
    for (int i = 0; i < 40; ++i) {
        jsonl += "{\"text\": \"order " + std::to_string(i) + " shipped on time, thank you for your patience\"}\n";
    }
    jsonl += "{\"text\": \"order 1 shipped on time, thank you for your patience\"}\n";
    writeText(root / "tickets.jsonl", jsonl);

    QSettings store(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    AppSettings settings(store);
    settings.setWorkspaceFolder(dir.filePath(QStringLiteral("workspace")));
    settings.setComputeDevice(ComputeDevice::Cpu);
    MainWindow window(settings);
    ASSERT_NE(window.workspace(), nullptr);
    window.resize(1100, 760);
    window.show();
    FineTuningWizard* wizard = window.wizard();
    auto next = [&] { child<QPushButton>(wizard, "wizardNext")->click(); };

    // 1. Import: the app's file argument opens the import step, which finds an untrusted key.
    window.openPackage(QString::fromStdString(owner.package.string()));
    EXPECT_EQ(window.currentPage(), MainWindow::Page::FineTuning);
    ImportPackagePage* import = wizard->importPage();
    ASSERT_TRUE(QTest::qWaitFor([&] { return textOf(import, "importVerdict").contains("not trusted yet"); }, 20000))
        << textOf(import, "importVerdict").toStdString();
    EXPECT_FALSE(child<QPushButton>(import, "importButton")->isEnabled());
    child<QLineEdit>(import, "importKeyPath")->setText(QString::fromStdString(owner.publicKey.string()));
    child<QPushButton>(import, "importCheck")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return textOf(import, "importVerdict").contains("Genuine"); }, 20000))
        << textOf(import, "importVerdict").toStdString();
    EXPECT_TRUE(textOf(import, "importVerdict").contains("example-labs"));
    EXPECT_TRUE(child<QGroupBox>(import, "importFirstTrust")->isVisible());
    EXPECT_TRUE(textOf(import, "importFingerprint").contains("example-labs"));
    // The fingerprint shown is the one `offsite keygen` and `offsite verify` print (SHA-256 of the key), not
    // minisign's random key id.
    auto publisherKey = crypto::readMinisignPublicKeyFile(owner.publicKey);
    ASSERT_TRUE(publisherKey.ok());
    EXPECT_TRUE(textOf(import, "importFingerprint")
                    .contains(QString::fromStdString(crypto::keyFingerprint(publisherKey.value()))))
        << textOf(import, "importFingerprint").toStdString();
    child<QCheckBox>(import, "importLicenceAccept")->setChecked(true);
    EXPECT_FALSE(child<QPushButton>(import, "importButton")->isEnabled());  // the key is not trusted yet
    child<QCheckBox>(import, "importTrustConfirm")->setChecked(true);
    ASSERT_TRUE(child<QPushButton>(import, "importButton")->isEnabled());
    child<QPushButton>(import, "importButton")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return import->isComplete(); }, 20000))
        << textOf(import, "importStatus").toStdString();
    EXPECT_TRUE(fs::exists(wizard->context().modelFolder / "adapter.safetensors"));
    // Imported by core/trust: the folder is packages/<manifest sha256>/, the one core keeps.
    {
        auto folder = workspace::packageModelFolder(*window.workspace(), wizard->context().packageId);
        ASSERT_TRUE(folder.ok()) << folder.error().message;
        EXPECT_EQ(wizard->context().modelFolder, folder.value());
    }
    snap(&window, "1-import");
    next();

    // 2. Choose data: preview, findings (the duplicate), recorded in the workspace.
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::DataId);
    ChooseDataPage* data = wizard->dataPage();
    QAbstractItemModelTester previewTester(data->previewModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester findingTester(data->findingModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    data->setDataPath(QString::fromStdString((root / "tickets.jsonl").string()));
    ASSERT_TRUE(QTest::qWaitFor([&] { return data->isComplete(); }, 20000)) << textOf(data, "dataSummary").toStdString();
    EXPECT_EQ(data->previewModel()->rowCount(), 41);
    EXPECT_GE(data->findingModel()->rowCount(), 1);
    EXPECT_TRUE(textOf(data, "dataSummary").contains("41")) << textOf(data, "dataSummary").toStdString();
    // Checking again refreshes the same data set (the library keeps one entry).
    child<QPushButton>(data, "dataCheck")->click();
    EXPECT_FALSE(data->isComplete());
    ASSERT_TRUE(QTest::qWaitFor([&] { return data->isComplete(); }, 20000));
    snap(&window, "2-data");
    next();

    // 3. Settings: the Quick preset, then a handful of steps from the Advanced section; the fit check passes.
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::SettingsId);
    TrainingSettingsPage* settingsPage = wizard->settingsPage();
    child<QRadioButton>(settingsPage, "settingsPresetQuick")->click();
    child<QGroupBox>(settingsPage, "settingsAdvanced")->setChecked(true);
    child<QSpinBox>(settingsPage, "settingsSteps")->setValue(6);
    child<QSpinBox>(settingsPage, "settingsBatch")->setValue(2);
    child<QSpinBox>(settingsPage, "settingsBlockSize")->setValue(16);
    EXPECT_TRUE(textOf(settingsPage, "settingsFit").contains("fits")) << textOf(settingsPage, "settingsFit").toStdString();
    settingsPage->setFreeMemoryForTests(1000);  // far too little: the check blocks and says why
    EXPECT_FALSE(settingsPage->isComplete());
    settingsPage->setFreeMemoryForTests(std::nullopt);
    EXPECT_TRUE(settingsPage->isComplete());
    snap(&window, "3-settings");
    next();

    // 4. Train on the worker thread: pause at the first step (a checkpoint), resume, finish; metrics reach the
    // chart and the workspace.
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::TrainId);
    TrainPage* train = wizard->trainPage();
    child<QPushButton>(train, "trainStart")->click();
    child<QPushButton>(train, "trainPause")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !train->running(); }, 120000));
    ASSERT_TRUE(train->paused()) << textOf(train, "trainStatus").toStdString();
    EXPECT_FALSE(train->isComplete());
    EXPECT_TRUE(textOf(train, "trainStatus").contains("Paused after step 1")) << textOf(train, "trainStatus").toStdString();
    {
        auto paused = window.workspace()->runs();
        ASSERT_TRUE(paused.ok() && paused->size() == 1u);
        EXPECT_EQ(paused->front().state, workspace::RunState::Paused);
        // The core's training job ran it: the pause's checkpoint has its row in the workspace.
        EXPECT_EQ(paused->front().stateMessage, "paused at step 1");
        auto checkpoints = window.workspace()->checkpoints(paused->front().id);
        ASSERT_TRUE(checkpoints.ok());
        ASSERT_EQ(checkpoints->size(), 1u);
        EXPECT_EQ(checkpoints->front().step, 1);
    }
    ASSERT_TRUE(fs::exists(wizard->context().runFolder / "checkpoints"));
    auto* resume = child<QPushButton>(train, "trainResume");
    ASSERT_TRUE(resume->isVisible() && resume->isEnabled());
    resume->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !train->running(); }, 120000));
    ASSERT_TRUE(train->isComplete()) << textOf(train, "trainStatus").toStdString();
    EXPECT_EQ(wizard->context().result->steps, 6);
    EXPECT_EQ(train->chart()->drawnPointCount(Metric::TrainingLoss), 6);
    // Training on the CPU: the memory chart is the process's, and the page says why there are no GPU numbers.
    EXPECT_TRUE(textOf(train, "trainGpuMonitor").contains("No NVIDIA GPU monitor"))
        << textOf(train, "trainGpuMonitor").toStdString();
    EXPECT_GT(train->chart()->drawnPointCount(Metric::MemoryMiB), 0);
    EXPECT_EQ(train->chart()->drawnPointCount(Metric::GpuMemoryMiB), 0);
    EXPECT_TRUE(fs::exists(wizard->context().adapterPath()));
    auto runs = window.workspace()->runs();
    ASSERT_TRUE(runs.ok());
    ASSERT_EQ(runs->size(), 1u);
    EXPECT_EQ(runs->front().state, workspace::RunState::Completed);
    auto metrics = window.workspace()->metrics(runs->front().id);
    ASSERT_TRUE(metrics.ok());
    EXPECT_GE(metrics->size(), 24u);
    auto history = workspace::runHistory(*window.workspace(), runs->front().id);
    ASSERT_TRUE(history.ok());
    std::vector<std::string> states;
    for (const auto& h : history.value()) {
        if (h.action == "run.state") states.push_back(h.toState);
    }
    EXPECT_EQ(states, (std::vector<std::string>{"running", "paused", "running", "completed"}));
    EXPECT_EQ(runs->front().stateMessage, "trained 6 steps");
    EXPECT_NE(runs->front().configJson.find("\"dataset\""), std::string::npos);  // resumable from its row
    snap(&window, "4-train");
    next();

    // 5. Evaluate on the emulator.
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::EvaluateId);
    QWizardPage* evaluate = wizard->currentPage();
    ASSERT_TRUE(QTest::qWaitFor([&] { return evaluate->isComplete(); }, 60000));
    EXPECT_TRUE(textOf(evaluate, "evalEmulatorNote").contains("emulator"));
    bool number = false;
    QLocale().toDouble(textOf(evaluate, "evalAfter"), &number);
    EXPECT_TRUE(number) << textOf(evaluate, "evalAfter").toStdString() << " / " << textOf(evaluate, "evalStatus").toStdString();
    // Sample predictions: the first held-out examples (the core's split) with the tuned emulator's continuation.
    {
        SamplePredictionModel* samples = wizard->evaluatePage()->sampleModel();
        QAbstractItemModelTester samplesTester(samples, QAbstractItemModelTester::FailureReportingMode::Fatal);
        std::size_t heldOut = 0;
        auto reader = dataset::RowReader::open(*wizard->context().dataset);
        ASSERT_TRUE(reader.ok());
        for (auto row = reader->next(); row.ok() && row.value(); row = reader->next()) {
            dataset::SplitOptions split;
            split.validationFraction = wizard->context().validationShare;
            if ((*row)->usable && dataset::assignSplit((*row)->example, dataset::TaskType::PlainText, split) ==
                                      dataset::SplitSide::Validation) {
                ++heldOut;
            }
        }
        ASSERT_GT(heldOut, 0u);
        EXPECT_EQ(samples->rowCount(),
                  static_cast<int>(std::min<std::size_t>(heldOut, EvaluatePage::kSampleCount)))
            << textOf(evaluate, "evalSamplesNote").toStdString();
        EXPECT_TRUE(textOf(evaluate, "evalSamplesTitle").contains("emulator"));
    }
    snap(&window, "5-evaluate");
    next();

    // 6. Export: what leaves the machine (core/export's listing), a signing key made on the spot, then the
    // encrypted and signed export, which the owner opens.
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::ExportId);
    ExportPage* exportPage = wizard->exportPage();
    QAbstractItemModelTester tensorTester(exportPage->tensorModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(QTest::qWaitFor([&] { return exportPage->described(); }, 20000))
        << textOf(exportPage, "exportStatus").toStdString();
    EXPECT_GT(exportPage->tensorModel()->rowCount(), 0);
    EXPECT_TRUE(textOf(exportPage, "exportNoData").contains("No data are included"));
    EXPECT_TRUE(textOf(exportPage, "exportFileSummary").contains("adapter.safetensors"));
    EXPECT_TRUE(textOf(exportPage, "exportFileSummary").contains("provenance.json"));
    EXPECT_TRUE(textOf(exportPage, "exportFileSummary").contains("SHA-256"));
    EXPECT_TRUE(child<QPlainTextEdit>(exportPage, "exportListing")->toPlainText().contains("No training data is included"));
    PassphraseDialog::setTestHook([](PassphraseDialog& dialog) {
        dialog.findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QStringLiteral("data owner passphrase"));
        dialog.findChild<QLineEdit*>(QStringLiteral("passphraseConfirm"))->setText(QStringLiteral("data owner passphrase"));
        dialog.findChild<QPushButton*>(QStringLiteral("passphraseOk"))->click();
    });
    const fs::path keyFile = root / "keys" / "alice.offsitekey";
    exportPage->setKeyKdfForTests(crypto::KdfParams::fastForTestsOnly());
    child<QLineEdit>(exportPage, "exportKeyPath")->setText(QString::fromStdString(keyFile.string()));
    child<QPushButton>(exportPage, "exportCreateKey")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return textOf(exportPage, "exportKeyStatus").contains("created"); }, 20000))
        << textOf(exportPage, "exportKeyStatus").toStdString();
    EXPECT_EQ(settings.signingKeyFile().toStdString(), keyFile.string());
    const fs::path exported = root / "out" / "adapter.age";
    child<QLineEdit>(exportPage, "exportDestination")->setText(QString::fromStdString(exported.string()));
    child<QPushButton>(exportPage, "exportButton")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return exportPage->isComplete(); }, 20000))
        << textOf(exportPage, "exportStatus").toStdString();
    PassphraseDialog::setTestHook({});
    ASSERT_TRUE(fs::exists(fs::path(exported.string() + ".minisig")));
    // The owner's side: the data owner's signature, decryption, the provenance against the adapter and the package.
    auto dataOwnerKey = crypto::readMinisignPublicKeyFile(root / "keys" / "alice.pub");
    ASSERT_TRUE(dataOwnerKey.ok()) << dataOwnerKey.error().message;
    exports::OpenParams open;
    open.exportPath = exported;
    open.dataOwnerKey = dataOwnerKey.value();
    open.identity = &owner.publisher->identity();
    open.packagePath = owner.package;
    open.packageKey = publisherKey.value();
    open.outputAdapterPath = root / "opened.safetensors";
    auto openedExport = exports::openExport(open);
    ASSERT_TRUE(openedExport.ok()) << openedExport.error().message;
    EXPECT_EQ(openedExport->listing.runId, std::to_string(wizard->context().runId));
    EXPECT_EQ(openedExport->listing.modelId, "tiny-llama");
    EXPECT_EQ(openedExport->listing.packageManifestSha256, wizard->context().modelFolder.filename().string());
    EXPECT_FALSE(openedExport->listing.containsTrainingData);
    const std::string& hyper = openedExport->listing.hyperparametersJson;
    EXPECT_TRUE(hyper.find("learning_rate") != std::string::npos || hyper.find("learningRate") != std::string::npos)
        << hyper;
    auto opened = readFile(root / "opened.safetensors", 1 << 26);
    auto original = readFile(wizard->context().adapterPath(), 1 << 26);
    ASSERT_TRUE(opened.ok() && original.ok());
    EXPECT_EQ(opened.value(), original.value());
    EXPECT_EQ(openedExport->adapterSha256, crypto::sha256Hex(original.value()));
    snap(&window, "6-export");

    // The export is the run's receipt: in the workspace's exports (the encrypted bytes) and in the run's history.
    {
        auto exports = workspace::listExports(*window.workspace());
        ASSERT_TRUE(exports.ok());
        ASSERT_EQ(exports->size(), 1u);
        EXPECT_EQ(exports->front().id, exportPage->exportId());
        EXPECT_EQ(exports->front().runId, wizard->context().runId);
        auto encrypted = readFile(exported, 1 << 26);
        ASSERT_TRUE(encrypted.ok());
        EXPECT_EQ(exports->front().contentSha256, crypto::sha256Hex(encrypted.value()));
        auto runHistory = workspace::runHistory(*window.workspace(), wizard->context().runId);
        ASSERT_TRUE(runHistory.ok());
        ASSERT_FALSE(runHistory->empty());
        EXPECT_EQ(runHistory->back().action, "export.created");
    }

    // The library shows everything the run produced.
    window.reloadLibrary();
    using Shelf = LibraryTableModel::Shelf;
    EXPECT_EQ(window.library()->model(Shelf::Packages)->rowCount(), 1);
    EXPECT_EQ(window.library()->model(Shelf::Datasets)->rowCount(), 1);
    EXPECT_EQ(window.library()->model(Shelf::Runs)->rowCount(), 1);
    EXPECT_EQ(window.library()->model(Shelf::Exports)->rowCount(), 1);
    window.showPage(MainWindow::Page::Library);
    window.library()->showShelf(Shelf::Runs);
    snap(&window, "0-library");
    window.openRun(runs->front().id);
    EXPECT_EQ(window.currentPage(), MainWindow::Page::RunDetail);
    snap(&window, "7-run-detail");
}

// A run paused in one window, resumed from the library's Resume in another, finished there and exported: the
// export step knows the run's package from the run's row, and the owner opens the export.
TEST(FineTuningWizard, ExportsARunResumedFromTheLibrary) {
    app();
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    Owner owner = makePackage(root);
    std::string jsonl;
    for (int i = 0; i < 40; ++i) jsonl += "{\"text\": \"ticket " + std::to_string(i) + " was answered within a day\"}\n";
    writeText(root / "tickets.jsonl", jsonl);
    QSettings store(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    AppSettings settings(store);
    settings.setWorkspaceFolder(dir.filePath(QStringLiteral("workspace")));
    settings.setComputeDevice(ComputeDevice::Cpu);

    // Window 1: the package and the data through the core, a run paused after its first step.
    std::int64_t runId = 0;
    {
        MainWindow window(settings);
        window.show();
        trust::ImportOptions options;
        auto key = crypto::readMinisignPublicKeyFile(owner.publicKey);
        ASSERT_TRUE(key.ok());
        options.presentedKey = key.value();
        options.keyDecision = trust::KeyDecision::TrustPresentedKey;
        auto imported = trust::importPackage(*window.workspace(), owner.package, options);
        ASSERT_TRUE(imported.ok() && imported->imported) << (imported.ok() ? "" : imported.error().message);
        dataset::DatasetImportParams data;
        data.source = root / "tickets.jsonl";
        data.task = dataset::TaskType::PlainText;
        auto dataset = dataset::importDataset(*window.workspace(), data);
        ASSERT_TRUE(dataset.ok()) << dataset.error().message;
        WizardContext& context = window.wizard()->context();
        context.packageId = imported->imported->packageId;
        context.modelFolder = imported->imported->modelFolder;
        context.datasetId = dataset->datasetId;
        context.training.maxSteps = 6;
        context.training.microBatch = 2;
        context.training.blockSize = 16;
        TrainPage* train = window.wizard()->trainPage();
        child<QPushButton>(train, "trainStart")->click();
        child<QPushButton>(train, "trainPause")->click();
        ASSERT_TRUE(QTest::qWaitFor([&] { return !train->running(); }, 120000));
        ASSERT_TRUE(train->paused()) << textOf(train, "trainStatus").toStdString();
        runId = train->runId();
    }

    // Window 2: Resume from the library, finish, evaluate, export.
    MainWindow window(settings);
    window.show();
    LibraryPage* library = window.library();
    library->showShelf(LibraryTableModel::Shelf::Runs);
    ASSERT_TRUE(library->selectRun(runId));
    child<QPushButton>(library, "libraryResumeRun")->click();
    FineTuningWizard* wizard = window.wizard();
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::TrainId);
    TrainPage* train = wizard->trainPage();
    ASSERT_TRUE(QTest::qWaitFor([&] { return train->isComplete(); }, 120000)) << textOf(train, "trainStatus").toStdString();
    EXPECT_EQ(wizard->context().result->steps, 6);
    child<QPushButton>(wizard, "wizardNext")->click();
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::EvaluateId);
    ASSERT_TRUE(QTest::qWaitFor([&] { return wizard->currentPage()->isComplete(); }, 60000));
    child<QPushButton>(wizard, "wizardNext")->click();
    ASSERT_EQ(wizard->currentId(), FineTuningWizard::ExportId);
    ExportPage* exportPage = wizard->exportPage();
    ASSERT_TRUE(QTest::qWaitFor([&] { return exportPage->described(); }, 20000))
        << textOf(exportPage, "exportStatus").toStdString();
    PassphraseDialog::setTestHook([](PassphraseDialog& dialog) {
        dialog.findChild<QLineEdit*>(QStringLiteral("passphraseEdit"))->setText(QStringLiteral("resumed passphrase"));
        dialog.findChild<QLineEdit*>(QStringLiteral("passphraseConfirm"))->setText(QStringLiteral("resumed passphrase"));
        dialog.findChild<QPushButton*>(QStringLiteral("passphraseOk"))->click();
    });
    exportPage->setKeyKdfForTests(crypto::KdfParams::fastForTestsOnly());
    child<QLineEdit>(exportPage, "exportKeyPath")->setText(QString::fromStdString((root / "keys" / "bob.offsitekey").string()));
    child<QPushButton>(exportPage, "exportCreateKey")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return textOf(exportPage, "exportKeyStatus").contains("created"); }, 20000))
        << textOf(exportPage, "exportKeyStatus").toStdString();
    const fs::path exported = root / "out" / "resumed.age";
    child<QLineEdit>(exportPage, "exportDestination")->setText(QString::fromStdString(exported.string()));
    child<QPushButton>(exportPage, "exportButton")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return exportPage->isComplete(); }, 20000))
        << textOf(exportPage, "exportStatus").toStdString();
    PassphraseDialog::setTestHook({});

    auto dataOwnerKey = crypto::readMinisignPublicKeyFile(root / "keys" / "bob.pub");
    auto publisherKey = crypto::readMinisignPublicKeyFile(owner.publicKey);
    ASSERT_TRUE(dataOwnerKey.ok() && publisherKey.ok());
    exports::OpenParams open;
    open.exportPath = exported;
    open.dataOwnerKey = dataOwnerKey.value();
    open.identity = &owner.publisher->identity();
    open.packagePath = owner.package;
    open.packageKey = publisherKey.value();
    open.outputAdapterPath = root / "opened.safetensors";
    auto opened = exports::openExport(open);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(opened->listing.runId, std::to_string(runId));
    EXPECT_EQ(opened->listing.modelId, "tiny-llama");
    auto adapter = readFile(root / "opened.safetensors", 1 << 26);
    auto trained = readFile(window.workspace()->folder() / "runs" / std::to_string(runId) / "adapter.safetensors", 1 << 26);
    ASSERT_TRUE(adapter.ok() && trained.ok());
    EXPECT_EQ(adapter.value(), trained.value());
}

}  // namespace
}  // namespace offsite::ui
