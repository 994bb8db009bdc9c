// Training on an imported data set through the job layer, and resuming such a run after a restart from its row
// alone (settings from the configuration JSON, data from the tokenized cache): bitwise equal to a straight run. The
// tiny Llama is written here with the safetensors writer (vocabulary large enough for the GPT-2 test tokenizer).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/base/file_io.h"
#include "core/dataset/import.h"
#include "core/jobs/run_setup.h"
#include "core/json/json.h"
#include "tests/jobs/tiny_llama.h"

namespace offsite::jobs {
namespace {

namespace fs = std::filesystem;
using workspace::RunState;
const fs::path kData = OFFSITE_TEST_DATA;

class RunSetupTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("offsite_runsetup_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        const Status model = writeTinyLlama(dir_ / "model", 2048, kData);
        ASSERT_TRUE(model.ok()) << model.error().message;
        std::ofstream data(dir_ / "notes.jsonl");
        for (int i = 0; i < 80; ++i)
            data << "{\"text\": \"Note " << i << ": the workspace keeps run " << i % 7 << " safe.\"}\n";
        data.close();
        open();
    }
    void TearDown() override {
        shared_.reset();
        if (!HasFailure()) fs::remove_all(dir_);
    }
    void open() {
        shared_.reset();
        auto ws = workspace::Workspace::open(dir_ / "ws");
        ASSERT_TRUE(ws.ok()) << ws.error().message;
        shared_ = std::make_unique<SharedWorkspace>(std::move(ws).value());
    }
    TrainingJobParams params(std::int64_t datasetId, const fs::path& out) {
        TrainingJobParams j;
        j.name = "notes";
        auto& p = j.training;
        p.modelFolder = dir_ / "model";
        p.blockSize = 16;
        p.microBatch = 2;
        p.maxSteps = 4;
        p.learningRate = 1e-3;
        p.evalEvery = 2;
        p.trainable = trainer::TrainableSet::AllBlocks;
        p.threads = 1;
        p.outputAdapter = out;
        DatasetTrainingSetup setup;
        setup.datasetId = datasetId;
        setup.tokenizerFile = dir_ / "model" / "tokenizer.json";
        setup.split.validationFraction = 0.2;
        const Status attached = attachDataset(*shared_, setup, j);
        EXPECT_TRUE(attached.ok()) << attached.error().message;
        return j;
    }
    fs::path dir_;
    std::unique_ptr<SharedWorkspace> shared_;
};

TEST_F(RunSetupTest, RunOnAnImportedDataSetResumesFromItsRowAloneBitwise) {
    dataset::DatasetImportParams imp;
    imp.source = dir_ / "notes.jsonl";
    auto imported = dataset::importDataset(shared_->unguarded(), imp);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    const std::int64_t datasetId = imported->datasetId;

    auto straightParams = params(datasetId, dir_ / "straight.safetensors");
    ASSERT_FALSE(straightParams.training.trainTokens.empty());
    ASSERT_FALSE(straightParams.training.validationTokens.empty());
    auto straight = TrainingJob::create(*shared_, straightParams);
    ASSERT_TRUE(straight.ok()) << straight.error().message;
    ASSERT_TRUE((*straight)->start().ok());
    ASSERT_EQ((*straight)->wait(), RunState::Completed) << (*straight)->snapshot().message;
    EXPECT_EQ(shared_->unguarded().run((*straight)->runId())->datasetId, datasetId);

    std::int64_t id = 0;
    {
        auto job = TrainingJob::create(*shared_, params(datasetId, dir_ / "resumed.safetensors"));
        ASSERT_TRUE(job.ok());
        TrainingJob* j = job->get();
        id = j->runId();
        j->setObserver([j](const JobProgress& p) {
            if (p.step == 1) j->pause();
        });
        ASSERT_TRUE(j->start().ok());
        ASSERT_EQ(j->wait(), RunState::Paused);
    }
    open();  // a restart: only the workspace remembers the run
    auto restored = jobParamsForRun(*shared_, id);
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    EXPECT_EQ(restored->training.outputAdapter, dir_ / "resumed.safetensors");
    EXPECT_EQ(restored->training.trainTokens, straightParams.training.trainTokens);
    auto resumed = TrainingJob::resume(*shared_, id, std::move(restored).value());
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    ASSERT_TRUE((*resumed)->start().ok());
    ASSERT_EQ((*resumed)->wait(), RunState::Completed) << (*resumed)->snapshot().message;
    const std::string a = readFile(dir_ / "straight.safetensors", 1 << 26).value();
    const std::string b = readFile(dir_ / "resumed.safetensors", 1 << 26).value();
    ASSERT_GT(a.size(), 1000u);
    EXPECT_EQ(a, b);

    // A run not started on a data set cannot be restored from the workspace alone.
    TrainingJobParams bare = straightParams;
    bare.extraConfigJson = "{}";
    auto bareJob = TrainingJob::create(*shared_, bare);
    ASSERT_TRUE(bareJob.ok());
    auto refused = jobParamsForRun(*shared_, (*bareJob)->runId());
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("not started on an imported data set"), std::string::npos);
}

// A prompt -> completion data set trains as examples (loss on the completion only), and a paused run restores them.
TEST_F(RunSetupTest, SupervisedDataSetTrainsAsExamplesAndResumesWithThem) {
    dataset::DatasetImportParams imp;
    imp.source = kData / "trainer" / "tiny_qa.jsonl";
    imp.task = dataset::TaskType::PromptCompletion;
    auto imported = dataset::importDataset(shared_->unguarded(), imp);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    TrainingJobParams j;
    j.name = "qa";
    j.training.modelFolder = dir_ / "model";
    j.training.blockSize = 32;
    j.training.maxSteps = 2;
    j.training.trainable = trainer::TrainableSet::AllBlocks;
    j.training.threads = 1;
    DatasetTrainingSetup setup;
    setup.datasetId = imported->datasetId;
    setup.tokenizerFile = dir_ / "model" / "tokenizer.json";
    setup.split.validationFraction = 0.0;
    ASSERT_TRUE(attachDataset(*shared_, setup, j).ok());
    EXPECT_TRUE(j.training.trainTokens.empty());
    ASSERT_EQ(j.training.trainExamples.size(), 12u);
    EXPECT_TRUE(j.training.validationExamples.empty());
    // "Question: what is 1 plus 2? Answer:" -> " 3" in the GPT-2 test tokenizer.
    EXPECT_EQ(j.training.trainExamples[0].prompt.size(), 21u);
    EXPECT_EQ(j.training.trainExamples[0].completion, (std::vector<std::int32_t>{422}));

    // Read back from the cache, the same examples.
    TrainingJobParams again = j;
    again.training.trainExamples.clear();
    ASSERT_TRUE(attachDataset(*shared_, setup, again).ok());
    ASSERT_EQ(again.training.trainExamples.size(), 12u);
    for (std::size_t i = 0; i < 12; ++i) {
        EXPECT_EQ(again.training.trainExamples[i].prompt, j.training.trainExamples[i].prompt);
        EXPECT_EQ(again.training.trainExamples[i].completion, j.training.trainExamples[i].completion);
    }

    auto job = TrainingJob::create(*shared_, j);
    ASSERT_TRUE(job.ok()) << job.error().message;
    auto restored = jobParamsForRun(*shared_, (*job)->runId());
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    EXPECT_TRUE(restored->training.trainTokens.empty());
    EXPECT_EQ(restored->training.trainExamples.size(), 12u);

    // --task text: the whole text of every row as a token stream; another task is refused.
    TrainingJobParams text = j;
    setup.task = dataset::TaskType::PlainText;
    ASSERT_TRUE(attachDataset(*shared_, setup, text).ok());
    EXPECT_TRUE(text.training.trainExamples.empty());
    EXPECT_FALSE(text.training.trainTokens.empty());
    setup.task = dataset::TaskType::Classification;
    const Status refused = attachDataset(*shared_, setup, text);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("was imported as prompt_completion data"), std::string::npos)
        << refused.error().message;
}

}  // namespace
}  // namespace offsite::jobs
