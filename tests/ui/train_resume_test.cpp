// The training job outlives the window: a run trains in one main window, which is closed mid-run (the close waits
// for the pause and its checkpoint, and says so); a second window on the same workspace resumes it from the
// library's Resume action and is destroyed mid-run (the job's destructor pauses it); a third resumes it from the
// run detail page and finishes it. The step count, the stored metrics and checkpoints, the run's state history
// and the evaluate step's sample predictions are checked against the workspace. Offscreen, widgets by objectName.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <set>

#include "core/dataset/import.h"
#include "core/dataset/reader.h"
#include "core/dataset/split.h"
#include "core/emulator/split.h"
#include "core/jobs/training_job.h"
#include "core/model/language_model.h"
#include "core/tokenizer/tokenizer.h"
#include "core/workspace/listing.h"
#include "core/workspace/workspace.h"
#include "tests/ui/wizard_test_support.h"
#include "ui/charts/metric_chart.h"
#include "ui/library/library_page.h"
#include "ui/library/run_detail_page.h"
#include "ui/settings/app_settings.h"
#include "ui/shell/main_window.h"
#include "ui/wizard/choose_data_page.h"
#include "ui/wizard/dataset_models.h"
#include "ui/wizard/evaluate_page.h"
#include "ui/wizard/fine_tuning_wizard.h"
#include "ui/wizard/train_page.h"

namespace offsite::ui {
namespace {

namespace fs = std::filesystem;

using namespace testing;

constexpr int kSteps = 400;

struct Fixture {
    QTemporaryDir dir;
    fs::path root;
    fs::path model;  // the split (emulated) model folder, as the import step extracts it
    fs::path data;
    std::unique_ptr<QSettings> store;
    std::unique_ptr<AppSettings> settings;

    Fixture() : root(dir.path().toStdString()) {
        model = writeTinySplit(root);
        // Prompt -> completion examples.
        std::string jsonl;
        for (int i = 0; i < 60; ++i) {
            jsonl += "{\"prompt\": \"where is order " + std::to_string(i) + "?\", \"completion\": \"order " +
                     std::to_string(i) + " ships today\"}\n";
        }
        data = root / "orders.jsonl";
        writeText(data, jsonl);
        store = std::make_unique<QSettings>(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        settings = std::make_unique<AppSettings>(*store);
        settings->setWorkspaceFolder(dir.filePath(QStringLiteral("workspace")));
        settings->setComputeDevice(ComputeDevice::Cpu);
    }
};

workspace::RunRecord onlyRun(MainWindow& window) {
    auto runs = window.workspace()->runs();
    EXPECT_TRUE(runs.ok() && runs->size() == 1u);
    return runs.ok() && !runs->empty() ? runs->front() : workspace::RunRecord{};
}

// The steps of the run's stored checkpoint rows.
std::set<std::int64_t> checkpointSteps(MainWindow& window, std::int64_t runId) {
    std::set<std::int64_t> steps;
    auto rows = window.workspace()->checkpoints(runId);
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
        for (const auto& r : rows.value()) steps.insert(r.step);
    }
    return steps;
}

TEST(TrainingJobInTheApp, SurvivesClosingAndDestroyingTheWindowAndResumesFromTheLibrary) {
    app();
    Fixture f;
    std::int64_t runId = 0;
    int pausedAt = 0;

    // Window 1: a run starts through the core's job; closing the window pauses it first and says so.
    {
        auto window = std::make_unique<MainWindow>(*f.settings);
        ASSERT_NE(window->shared(), nullptr);
        window->show();
        dataset::DatasetImportParams import;
        import.source = f.data;
        import.task = dataset::TaskType::PromptCompletion;
        auto imported = dataset::importDataset(*window->workspace(), import);
        ASSERT_TRUE(imported.ok()) << imported.error().message;
        WizardContext& context = window->wizard()->context();
        context.modelFolder = f.model;
        context.datasetId = imported->datasetId;
        context.training.maxSteps = kSteps;
        context.training.microBatch = 2;
        context.training.blockSize = 64;  // whole prompt -> completion examples (the job trains on the answer only)
        context.training.learningRate = 1e-3;
        TrainPage* train = window->wizard()->trainPage();
        child<QPushButton>(train, "trainStart")->click();
        ASSERT_TRUE(QTest::qWaitFor([&] { return train->runId() != 0 && train->running(); }, 60000))
            << textOf(train, "trainStatus").toStdString();
        auto* progress = train->findChild<QWidget*>(QStringLiteral("trainProgress"));
        ASSERT_NE(progress, nullptr);
        ASSERT_TRUE(QTest::qWaitFor([&] { return train->chart()->drawnPointCount(Metric::TrainingLoss) >= 2; },
                                    60000));
        runId = train->runId();
        EXPECT_EQ(onlyRun(*window).state, workspace::RunState::Running);

        window->close();
        // The window stays until the job has paused with a checkpoint, and tells the user why.
        EXPECT_TRUE(window->isVisible());
        EXPECT_TRUE(textOf(window.get(), "statusMessage").contains("Pausing the training run"))
            << textOf(window.get(), "statusMessage").toStdString();
        ASSERT_TRUE(QTest::qWaitFor([&] { return !window->isVisible(); }, 60000));
        EXPECT_FALSE(train->running());
        EXPECT_TRUE(train->paused());
        const workspace::RunRecord run = onlyRun(*window);
        EXPECT_EQ(run.state, workspace::RunState::Paused);
        ASSERT_EQ(run.stateMessage.rfind("paused at step ", 0), 0u) << run.stateMessage;
        pausedAt = std::stoi(run.stateMessage.substr(15));
        EXPECT_GE(pausedAt, 2);
        ASSERT_LT(pausedAt, kSteps) << "the run finished before the window closed; raise kSteps";
        EXPECT_EQ(*checkpointSteps(*window, runId).rbegin(), pausedAt);
    }

    // Window 2 on the same workspace: the library lists the paused run; Resume continues it in the train step.
    // Destroying the window mid-run pauses the run again (the job's destructor writes a checkpoint and waits).
    int pausedAgainAt = 0;
    {
        auto window = std::make_unique<MainWindow>(*f.settings);
        ASSERT_NE(window->shared(), nullptr);
        window->show();
        LibraryPage* library = window->library();
        using Shelf = LibraryTableModel::Shelf;
        QAbstractItemModelTester tester(library->model(Shelf::Runs),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        ASSERT_EQ(library->model(Shelf::Runs)->rowCount(), 1);
        EXPECT_EQ(library->model(Shelf::Runs)->index(0, 0).data(LibraryTableModel::StateRole).toString(),
                  QStringLiteral("paused"));
        QPushButton* resume = child<QPushButton>(library, "libraryResumeRun");
        library->showShelf(Shelf::Runs);
        EXPECT_FALSE(resume->isEnabled());  // nothing selected yet
        ASSERT_TRUE(library->selectRun(runId));
        ASSERT_TRUE(resume->isEnabled());
        resume->click();
        EXPECT_EQ(window->currentPage(), MainWindow::Page::FineTuning);
        EXPECT_EQ(window->wizard()->currentId(), FineTuningWizard::TrainId);
        TrainPage* train = window->wizard()->trainPage();
        ASSERT_TRUE(QTest::qWaitFor([&] { return train->running() && !train->paused(); }, 60000))
            << textOf(train, "trainStatus").toStdString();
        // The chart shows the history so far, then the resumed steps.
        ASSERT_TRUE(QTest::qWaitFor(
            [&] { return train->chart()->drawnPointCount(Metric::TrainingLoss) >= pausedAt + 2; }, 60000))
            << textOf(train, "trainStatus").toStdString();
        EXPECT_EQ(onlyRun(*window).state, workspace::RunState::Running);
        window.reset();  // mid-run
    }
    {
        auto opened = workspace::Workspace::open(f.settings->workspaceFolder().toStdString());
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        auto run = opened->run(runId);
        ASSERT_TRUE(run.ok());
        EXPECT_EQ(run->state, workspace::RunState::Paused) << run->stateMessage;
        ASSERT_EQ(run->stateMessage.rfind("paused at step ", 0), 0u) << run->stateMessage;
        pausedAgainAt = std::stoi(run->stateMessage.substr(15));
        EXPECT_GT(pausedAgainAt, pausedAt);
        ASSERT_LT(pausedAgainAt, kSteps);
    }

    // Window 3: the run detail page's Resume finishes the run.
    {
        MainWindow window(*f.settings);
        window.show();
        window.openRun(runId);
        ASSERT_EQ(window.currentPage(), MainWindow::Page::RunDetail);
        QPushButton* resume = child<QPushButton>(window.runDetail(), "runDetailResume");
        ASSERT_TRUE(resume->isVisible());
        resume->click();
        TrainPage* train = window.wizard()->trainPage();
        ASSERT_TRUE(QTest::qWaitFor([&] { return train->isComplete(); }, 120000))
            << textOf(train, "trainStatus").toStdString();
        FineTuningWizard* wizard = window.wizard();
        ASSERT_TRUE(wizard->context().result.has_value());
        EXPECT_EQ(wizard->context().result->steps, kSteps);
        EXPECT_TRUE(textOf(train, "trainStatus").contains(QString::number(kSteps)))
            << textOf(train, "trainStatus").toStdString();
        EXPECT_EQ(train->chart()->drawnPointCount(Metric::TrainingLoss), kSteps);

        const workspace::RunRecord run = onlyRun(window);
        EXPECT_EQ(run.state, workspace::RunState::Completed);
        EXPECT_TRUE(fs::exists(window.workspace()->folder() / "runs" / std::to_string(runId) / "adapter.safetensors"));
        const std::set<std::int64_t> checkpoints = checkpointSteps(window, runId);
        EXPECT_TRUE(checkpoints.count(pausedAt) == 1 && checkpoints.count(pausedAgainAt) == 1);
        // One training-loss point per step, each step once.
        auto metrics = window.workspace()->metrics(runId);
        ASSERT_TRUE(metrics.ok());
        std::set<std::int64_t> lossSteps;
        for (const auto& m : metrics.value()) {
            if (m.name == "train/loss") lossSteps.insert(m.step);
        }
        EXPECT_EQ(lossSteps.size(), static_cast<std::size_t>(kSteps));
        EXPECT_EQ(*lossSteps.rbegin(), kSteps);
        auto history = workspace::runHistory(*window.workspace(), runId);
        ASSERT_TRUE(history.ok());
        std::vector<std::string> states;
        for (const auto& h : history.value()) {
            if (h.action == "run.state") states.push_back(h.toState);
        }
        EXPECT_EQ(states, (std::vector<std::string>{"running", "paused", "running", "paused", "running", "completed"}));

        // Evaluate: sample predictions of the tuned emulator on held-out prompts.
        child<QPushButton>(wizard, "wizardNext")->click();
        ASSERT_EQ(wizard->currentId(), FineTuningWizard::EvaluateId);
        EvaluatePage* evaluate = wizard->evaluatePage();
        QAbstractItemModelTester samplesTester(evaluate->sampleModel(),
                                               QAbstractItemModelTester::FailureReportingMode::Fatal);
        ASSERT_TRUE(QTest::qWaitFor([&] { return evaluate->isComplete(); }, 120000));
        std::size_t heldOut = 0;
        std::vector<std::string> prompts;
        auto reader = dataset::RowReader::open({f.data, dataset::SourceFormat::Jsonl,
                                                dataset::TaskType::PromptCompletion, {}});
        ASSERT_TRUE(reader.ok());
        for (;;) {
            auto row = reader->next();
            ASSERT_TRUE(row.ok());
            if (!row.value()) break;
            dataset::SplitOptions split;
            split.validationFraction = wizard->context().validationShare;
            if (dataset::assignSplit((*row)->example, dataset::TaskType::PromptCompletion, split) ==
                dataset::SplitSide::Validation) {
                ++heldOut;
                if (prompts.size() < EvaluatePage::kSampleCount) prompts.push_back((*row)->example.prompt);
            }
        }
        ASSERT_GT(heldOut, 0u);
        const int expected = static_cast<int>(std::min<std::size_t>(heldOut, EvaluatePage::kSampleCount));
        SamplePredictionModel* samples = evaluate->sampleModel();
        ASSERT_EQ(samples->rowCount(), expected) << textOf(evaluate, "evalSamplesNote").toStdString();
        for (int i = 0; i < expected; ++i) {
            EXPECT_EQ(samples->index(i, SamplePredictionModel::InputColumn).data().toString().toStdString(),
                      prompts[static_cast<std::size_t>(i)]);
            EXPECT_TRUE(samples->index(i, SamplePredictionModel::ExpectedColumn).data().toString().startsWith("order"));
            EXPECT_FALSE(samples->index(i, SamplePredictionModel::PredictedColumn).data().toString().isEmpty());
        }
        // The first sample's answer is the core's greedy generation on the tuned emulator.
        auto lm = model::LanguageModel::load(window.workspace()->folder() / "runs" / std::to_string(runId) /
                                                 "tuned-model",
                                             {model::Device::Cpu, 0});
        auto tok = tokenizer::Tokenizer::fromFile(f.model / "tokenizer.json");
        ASSERT_TRUE(lm.ok() && tok.ok());
        model::GenerationOptions greedy;
        greedy.maxNewTokens = static_cast<int>(
            tok->encode(samples->index(0, SamplePredictionModel::ExpectedColumn).data().toString().toStdString(),
                        tokenizer::SpecialTokens::Skip)
                .size()) + 4;
        auto generated = lm->generate(tok->encode(prompts.front() + "\n", tokenizer::SpecialTokens::Skip), greedy);
        ASSERT_TRUE(generated.ok());
        QString want = QString::fromStdString(tok->decode(generated.value(), tokenizer::SkipSpecial::Yes)).trimmed();
        if (want.isEmpty()) want = QStringLiteral("(nothing generated)");
        EXPECT_EQ(samples->index(0, SamplePredictionModel::PredictedColumn).data().toString(), want);
        EXPECT_TRUE(samples->headerData(SamplePredictionModel::PredictedColumn, Qt::Horizontal)
                        .toString()
                        .contains("emulator"));
        EXPECT_TRUE(child<QLabel>(evaluate, "evalSamplesTitle")->text().contains("emulator"));
    }
}

// Cancel, Stop and save and a failing trainer each end with their own message and run state.
TEST(TrainingJobInTheApp, CancelStopAndFailureEachSayWhatHappened) {
    app();
    Fixture f;
    MainWindow window(*f.settings);
    window.show();
    dataset::DatasetImportParams import;
    import.source = f.data;
    import.task = dataset::TaskType::PromptCompletion;
    auto imported = dataset::importDataset(*window.workspace(), import);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    WizardContext& context = window.wizard()->context();
    context.modelFolder = f.model;
    context.datasetId = imported->datasetId;
    context.training.maxSteps = kSteps;
    context.training.microBatch = 2;
    context.training.blockSize = 64;  // whole prompt -> completion examples (the job trains on the answer only)
    TrainPage* train = window.wizard()->trainPage();
    auto runUntilStep = [&](int steps) {
        child<QPushButton>(train, "trainStart")->click();
        return QTest::qWaitFor(
            [&] { return train->running() && train->chart()->drawnPointCount(Metric::TrainingLoss) >= steps; },
            60000);
    };
    auto stateOf = [&](std::int64_t id) {
        auto run = window.workspace()->run(id);
        EXPECT_TRUE(run.ok());
        return run.ok() ? run->state : workspace::RunState::Created;
    };

    ASSERT_TRUE(runUntilStep(1));
    child<QPushButton>(train, "trainCancel")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !train->running(); }, 60000));
    EXPECT_TRUE(textOf(train, "trainStatus").contains("cancelled at step")) << textOf(train, "trainStatus").toStdString();
    EXPECT_EQ(stateOf(train->runId()), workspace::RunState::Cancelled);
    EXPECT_FALSE(train->isComplete());

    ASSERT_TRUE(runUntilStep(1));
    const std::int64_t stopped = train->runId();
    child<QPushButton>(train, "trainStop")->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !train->running(); }, 60000));
    EXPECT_TRUE(textOf(train, "trainStatus").contains("Stopped after")) << textOf(train, "trainStatus").toStdString();
    EXPECT_EQ(stateOf(stopped), workspace::RunState::Completed);
    EXPECT_TRUE(train->isComplete());
    EXPECT_TRUE(fs::exists(window.workspace()->folder() / "runs" / std::to_string(stopped) / "adapter.safetensors"));

    // A model folder whose weights are unreadable: the job fails with the core's message.
    const fs::path broken = f.root / "broken";
    fs::create_directories(broken);
    for (const auto& entry : fs::directory_iterator(f.model)) fs::copy(entry.path(), broken / entry.path().filename());
    for (const auto& entry : fs::directory_iterator(broken)) {
        if (entry.path().extension() == ".safetensors") writeText(entry.path(), "not a safetensors file");
    }
    context.modelFolder = broken;
    train->start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return train->runId() != stopped && !train->running(); }, 60000));
    EXPECT_TRUE(textOf(train, "trainStatus").contains("Training stopped with a problem:"))
        << textOf(train, "trainStatus").toStdString();
    auto failed = window.workspace()->run(train->runId());
    ASSERT_TRUE(failed.ok());
    EXPECT_EQ(failed->state, workspace::RunState::Failed);
    EXPECT_FALSE(failed->stateMessage.empty());
    EXPECT_TRUE(textOf(train, "trainStatus").contains(QString::fromStdString(failed->stateMessage)));
}

// The choose-data step offers the bundled fine-food reviews as a ready classification data set, imported
// through the core (so a training job can use it); checking it again keeps one entry.
TEST(ChooseDataPage, OffersTheBundledDemoReviews) {
    app();
    Fixture f;
    MainWindow window(*f.settings);
    window.show();
    ChooseDataPage* data = window.wizard()->dataPage();
    QAbstractItemModelTester previewTester(data->previewModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_FALSE(ChooseDataPage::demoDataPath().isEmpty());
    QPushButton* demo = child<QPushButton>(data, "dataUseDemo");
    window.showPage(MainWindow::Page::FineTuning);
    ASSERT_TRUE(demo->isEnabled());
    for (int round = 0; round < 2; ++round) {
        demo->click();
        ASSERT_TRUE(QTest::qWaitFor([&] { return data->isComplete(); }, 60000))
            << textOf(data, "dataSummary").toStdString();
    }
    EXPECT_EQ(data->previewModel()->rowCount(), 50);
    auto listed = workspace::listDatasets(*window.workspace());
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().task, "classification");
    EXPECT_EQ(window.wizard()->context().datasetId, listed->front().id);
    auto imported = dataset::loadImportedDataset(*window.workspace(), listed->front().id);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    EXPECT_EQ(imported->spec.columns.fields.at("text"), "review");
    EXPECT_EQ(imported->spec.columns.fields.at("label"), "score");
    EXPECT_TRUE(textOf(data, "dataSummary").contains(QLocale().toString(4000))) << textOf(data, "dataSummary").toStdString();
}

}  // namespace
}  // namespace offsite::ui
