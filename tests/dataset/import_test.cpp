// Data-set import into a real workspace: a good file becomes one row with its report and fingerprint and the source
// stays untouched; a refused file changes nothing (rows, audit log, store, salt); a copy lives in the store and
// survives the reconciler; the tokenized cache is re-used while the tokenizer and content match and rebuilt when
// either changes or the cache file is damaged.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/dataset/import.h"
#include "core/json/json.h"
#include "core/tokenizer/tokenizer.h"
#include "core/workspace/workspace.h"

namespace offsite::dataset {
namespace {

namespace fs = std::filesystem;
const fs::path kData = OFFSITE_TEST_DATA;

fs::path fixture(const char* name) { return kData / "dataset" / name; }
fs::path gpt2Tokenizer() { return kData / "tokenizer" / "gpt2" / "tokenizer.json"; }
fs::path smollmTokenizer() { return kData / "tokenizer" / "smollm2" / "tokenizer.json"; }

class DatasetImport : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() / ("offsite_import_" + std::string(info->name()) + "_" +
                                            std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        auto ws = workspace::Workspace::open(dir_ / "ws");
        ASSERT_TRUE(ws.ok()) << ws.error().message;
        ws_.emplace(std::move(ws).value());
    }
    void TearDown() override {
        ws_.reset();
        if (!HasFailure()) fs::remove_all(dir_);
    }
    std::int64_t count(const char* table) {
        return ws_->database().queryInt(std::string("SELECT count(*) FROM ") + table).value();
    }
    fs::path copyFixture(const char* name) {
        const fs::path to = dir_ / name;
        fs::copy_file(fixture(name), to, fs::copy_options::overwrite_existing);
        return to;
    }
    // classification.csv (columns review, score) as "reviews", copied into the store.
    DatasetImportParams copiedReviews() {
        DatasetImportParams p;
        p.source = copyFixture("classification.csv");
        p.task = TaskType::Classification;
        p.columns.fields["text"] = "review";
        p.columns.fields["label"] = "score";
        p.copy = CopyPolicy::CopyIntoStore;
        p.name = "reviews";
        return p;
    }
    fs::path dir_;
    std::optional<workspace::Workspace> ws_;
};

TEST_F(DatasetImport, GoodFileBecomesOneRowAndTheSourceIsUntouched) {
    const fs::path source = copyFixture("prompt_completion.jsonl");
    const std::string before = readFile(source, 1 << 20).value();
    DatasetImportParams p;
    p.source = source;
    p.task = TaskType::PromptCompletion;
    p.tokenizerFile = gpt2Tokenizer();
    p.contextTokens = 64;
    auto imported = importDataset(*ws_, p);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    EXPECT_EQ(readFile(source, 1 << 20).value(), before);
    EXPECT_EQ(imported->contentSha256, crypto::sha256Hex(before));
    EXPECT_FALSE(imported->storedCopy);

    auto record = ws_->dataset(imported->datasetId);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->name, "prompt_completion.jsonl");
    EXPECT_EQ(record->format, "jsonl");
    EXPECT_EQ(record->task, "prompt_completion");
    EXPECT_EQ(record->sourcePath, fs::absolute(source).string());
    EXPECT_EQ(record->fingerprint.size(), 64u);
    EXPECT_EQ(record->fingerprint, imported->report.fingerprint);
    auto stats = json::parse(record->statisticsJson).value();
    EXPECT_GT(stats.find("usableRows")->asUint64().value(), 0u);
    EXPECT_GT(stats.find("tokens")->asUint64().value(), 0u);
    EXPECT_EQ(*stats.find("import")->find("contentSha256")->asString(), imported->contentSha256);
    auto validation = json::parse(record->validationJson).value();
    EXPECT_FALSE(validation.find("blocksTraining")->asBool().value());
    // The salt persists: the same content imported again has the same fingerprint.
    auto again = importDataset(*ws_, p);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->report.fingerprint, imported->report.fingerprint);
    EXPECT_EQ(count("datasets"), 2);
    EXPECT_EQ(ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'dataset.added'").value(), 2);
}

TEST_F(DatasetImport, RefusedDataSetChangesNothing) {
    const std::int64_t audit = count("audit_log");
    const std::size_t storeFiles = ws_->store().list()->files.size();
    struct Case {
        const char* file;
        TaskType task;
        const char* expected;
    };
    for (const Case& c : {Case{"bad_utf8.csv", TaskType::Classification, "bad_utf8.csv:3"},
                          Case{"unknown_labels.jsonl", TaskType::Classification, "unknown_labels.jsonl:3:label"},
                          Case{"empty.jsonl", TaskType::PlainText, "nothing was imported"},
                          Case{"ragged.csv", TaskType::Classification, "ragged.csv:"}}) {
        SCOPED_TRACE(c.file);
        DatasetImportParams p;
        p.source = fixture(c.file);
        p.task = c.task;
        p.copy = CopyPolicy::CopyIntoStore;
        if (std::string(c.file) == "unknown_labels.jsonl") p.labels = {"positive", "negative"};
        auto result = importDataset(*ws_, p);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().kind, ErrorKind::InvalidInput);
        EXPECT_NE(result.error().message.find(c.expected), std::string::npos) << result.error().message;
        EXPECT_NE(result.error().message.find("nothing was imported"), std::string::npos);
    }
    // A row longer than the model's context is a refusal too.
    DatasetImportParams tooLong;
    tooLong.source = fixture("prompt_completion.jsonl");
    tooLong.task = TaskType::PromptCompletion;
    tooLong.tokenizerFile = gpt2Tokenizer();
    tooLong.contextTokens = 2;
    auto refused = importDataset(*ws_, tooLong);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("prompt_completion.jsonl:1"), std::string::npos)
        << refused.error().message;

    EXPECT_EQ(count("datasets"), 0);
    EXPECT_EQ(count("store_files"), 0);
    EXPECT_EQ(count("audit_log"), audit);
    EXPECT_EQ(ws_->store().list()->files.size(), storeFiles);
    EXPECT_FALSE(fs::exists(ws_->folder() / "fingerprint-salt"));
}

TEST_F(DatasetImport, FormatComesFromTheExtensionOrIsRefusedClearly) {
    EXPECT_EQ(formatForPath("a.JSONL").value(), SourceFormat::Jsonl);
    EXPECT_EQ(formatForPath("a.csv").value(), SourceFormat::Csv);
    EXPECT_EQ(formatForPath("a.tsv").value(), SourceFormat::Tsv);
    EXPECT_EQ(formatForPath("a.txt").value(), SourceFormat::Text);
    EXPECT_EQ(formatForPath(fixture("plain")).value(), SourceFormat::Text);
    auto unknown = formatForPath("data.xlsx");
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("--format"), std::string::npos);

    DatasetImportParams p;
    p.source = dir_ / "missing.jsonl";
    auto missing = importDataset(*ws_, p);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
    p.source = fixture("plain");
    p.copy = CopyPolicy::CopyIntoStore;
    auto folderCopy = importDataset(*ws_, p);
    ASSERT_FALSE(folderCopy.ok());
    EXPECT_NE(folderCopy.error().message.find("is a folder"), std::string::npos);
    p.copy = CopyPolicy::KeepInPlace;
    auto folder = importDataset(*ws_, p);
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    EXPECT_EQ(ws_->dataset(folder->datasetId)->format, "text");
}

TEST_F(DatasetImport, CopyLivesInTheStoreAndSurvivesTheReconciler) {
    const DatasetImportParams p = copiedReviews();
    const fs::path source = p.source;
    auto imported = importDataset(*ws_, p);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    ASSERT_TRUE(imported->storedCopy);
    EXPECT_EQ(*imported->storedCopy, imported->contentSha256);
    const std::int64_t id = imported->datasetId;
    EXPECT_EQ(ws_->dataset(id)->sourcePath, "store:" + imported->contentSha256);

    // The original may go away: the workspace reads its own copy, with the column mapping restored.
    fs::remove(source);
    ws_.reset();
    auto reopened = workspace::Workspace::open(dir_ / "ws");
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    ws_.emplace(std::move(reopened).value());
    EXPECT_TRUE(ws_->startupReport().reconcile.orphansRemoved.empty());
    auto loaded = loadImportedDataset(*ws_, id);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->name, "reviews");
    EXPECT_EQ(loaded->spec.path, ws_->store().pathFor(imported->contentSha256));
    EXPECT_EQ(loaded->spec.columns.fields.at("text"), "review");
    EXPECT_EQ(loaded->spec.task, TaskType::Classification);
    EXPECT_TRUE(ws_->checkIntegrity()->ok());

    TokenizeParams t;
    t.datasetId = id;
    t.tokenizerFile = gpt2Tokenizer();
    auto tokens = tokenizedDataset(*ws_, t);
    ASSERT_TRUE(tokens.ok()) << tokens.error().message;
    EXPECT_GT(tokens->train.size() + tokens->validation.size(), 0u);
}

TEST_F(DatasetImport, TokenizedCacheIsReusedWhileHashesMatchAndRebuiltOtherwise) {
    const fs::path source = copyFixture("prompt_completion.jsonl");
    DatasetImportParams p;
    p.source = source;
    p.task = TaskType::PromptCompletion;
    auto imported = importDataset(*ws_, p);
    ASSERT_TRUE(imported.ok()) << imported.error().message;

    TokenizeParams t;
    t.datasetId = imported->datasetId;
    t.tokenizerFile = gpt2Tokenizer();
    t.split.validationFraction = 0.5;
    auto first = tokenizedDataset(*ws_, t);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_FALSE(first->reused);
    ASSERT_TRUE(fs::exists(first->cacheFile));
    EXPECT_EQ(first->cacheFile.parent_path(), ws_->folder() / "cache" / "tokenized");

    // The streams are the rows' tokens with EOS after each row, split deterministically.
    auto tok = tokenizer::Tokenizer::fromFile(gpt2Tokenizer()).value();
    const std::size_t eos = static_cast<std::size_t>(
        std::count(first->train.begin(), first->train.end(), *tok.eosId()) +
        std::count(first->validation.begin(), first->validation.end(), *tok.eosId()));
    EXPECT_EQ(eos, imported->report.statistics.usableRows);
    EXPECT_FALSE(first->train.empty());

    auto second = tokenizedDataset(*ws_, t);
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->reused);
    EXPECT_EQ(second->train, first->train);
    EXPECT_EQ(second->validation, first->validation);

    // Another split or another tokenizer: not the same cache.
    t.split.validationFraction = 0.0;
    auto noValidation = tokenizedDataset(*ws_, t);
    ASSERT_TRUE(noValidation.ok());
    EXPECT_FALSE(noValidation->reused);
    EXPECT_TRUE(noValidation->validation.empty());
    t.split.validationFraction = 0.5;
    t.tokenizerFile = smollmTokenizer();
    auto other = tokenizedDataset(*ws_, t);
    ASSERT_TRUE(other.ok()) << other.error().message;
    EXPECT_FALSE(other->reused);
    EXPECT_NE(other->cacheFile, first->cacheFile);
    EXPECT_NE(other->tokenizerSha256, first->tokenizerSha256);

    // A damaged cache file is rebuilt, not trusted.
    t.tokenizerFile = gpt2Tokenizer();
    {
        std::ofstream damage(first->cacheFile, std::ios::binary | std::ios::trunc);
        damage << "not a safetensors file";
    }
    auto rebuilt = tokenizedDataset(*ws_, t);
    ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().message;
    EXPECT_FALSE(rebuilt->reused);
    EXPECT_EQ(rebuilt->train, first->train);

    // The source changed since import: refused, its validation no longer holds.
    {
        std::ofstream append(source, std::ios::app);
        append << "{\"prompt\": \"Translate: bird\", \"completion\": \"Vogel\"}\n";
    }
    auto changed = tokenizedDataset(*ws_, t);
    ASSERT_FALSE(changed.ok());
    EXPECT_NE(changed.error().message.find("changed since it was imported"), std::string::npos);
}

// `offsite dataset list`: each data set with its rows, format, copied or referenced, verdict, time, fingerprint.
TEST_F(DatasetImport, ListShowsEachDataSetWithItsStorageVerdictAndFingerprint) {
    {
        auto empty = listImportedDatasets(*ws_);
        ASSERT_TRUE(empty.ok()) << empty.error().message;
        EXPECT_TRUE(empty->empty());
    }
    DatasetImportParams kept;
    kept.source = copyFixture("prompt_completion.jsonl");
    kept.task = TaskType::PromptCompletion;
    auto first = importDataset(*ws_, kept);
    ASSERT_TRUE(first.ok()) << first.error().message;
    const DatasetImportParams copied = copiedReviews();
    auto second = importDataset(*ws_, copied);
    ASSERT_TRUE(second.ok()) << second.error().message;

    auto list = listImportedDatasets(*ws_);
    ASSERT_TRUE(list.ok()) << list.error().message;
    ASSERT_EQ(list->size(), 2u);
    const DatasetSummary& a = (*list)[0];
    EXPECT_EQ(a.id, first->datasetId);
    EXPECT_EQ(a.name, "prompt_completion.jsonl");
    EXPECT_EQ(a.format, "jsonl");
    EXPECT_EQ(a.task, "prompt_completion");
    EXPECT_EQ(a.rows, first->report.statistics.records);
    EXPECT_GT(a.rows, 0u);
    EXPECT_FALSE(a.storedCopy);
    EXPECT_EQ(a.location, fs::absolute(kept.source).string());
    EXPECT_EQ(a.fingerprintPrefix, first->report.fingerprint.substr(0, 16));
    EXPECT_GT(a.importedAt, 1'700'000'000'000);
    EXPECT_TRUE(a.verdict == "ready" || a.verdict == "ready with warnings") << a.verdict;
    const DatasetSummary& b = (*list)[1];
    EXPECT_EQ(b.name, "reviews");
    EXPECT_EQ(b.format, "csv");
    EXPECT_TRUE(b.storedCopy);
    EXPECT_EQ(b.location, fs::absolute(copied.source).string());  // where the copy came from
    EXPECT_EQ(b.rows, second->report.statistics.records);
    std::uint64_t findings = 0;
    for (const auto& [kind, n] : second->report.findingCounts) findings += n;
    EXPECT_EQ(b.warnings, findings);
    EXPECT_EQ(b.verdict, findings > 0 ? "ready with warnings" : "ready");
}

// `offsite workspace clean`: caches no created, running or paused run needs go (listed first with --dry-run);
// the cache of a paused run stays, and so does every file the cache module did not write.
TEST_F(DatasetImport, CleanRemovesOnlyCachesNoUnfinishedRunNeeds) {
    DatasetImportParams p;
    p.source = copyFixture("prompt_completion.jsonl");
    p.task = TaskType::PromptCompletion;
    auto imported = importDataset(*ws_, p);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    const std::int64_t id = imported->datasetId;
    TokenizeParams t;
    t.datasetId = id;
    t.tokenizerFile = gpt2Tokenizer();
    auto gpt2 = tokenizedDataset(*ws_, t);  // for the paused run below
    ASSERT_TRUE(gpt2.ok()) << gpt2.error().message;
    t.tokenizerFile = smollmTokenizer();
    auto smollm = tokenizedDataset(*ws_, t);  // for the completed run below
    ASSERT_TRUE(smollm.ok()) << smollm.error().message;
    t.asExamples = true;
    auto examples = tokenizedDataset(*ws_, t);  // no run at all
    ASSERT_TRUE(examples.ok()) << examples.error().message;
    const fs::path folder = ws_->folder() / "cache" / "tokenized";
    const fs::path leftover = folder / ".dataset-7-0123456789abcdef.safetensors.tmp-AbC123";
    const fs::path foreign = folder / "README.txt";
    ASSERT_TRUE(writeFileAtomic(leftover, "half").ok());
    ASSERT_TRUE(writeFileAtomic(foreign, "not a cache").ok());

    auto runOn = [&](const std::string& tokenizerSha, workspace::RunState to) {
        workspace::NewRun run;
        run.name = "on " + tokenizerSha.substr(0, 8);
        run.datasetId = id;
        run.configJson = "{\"dataset\":{\"id\":" + std::to_string(id) + ",\"tokenizerSha256\":\"" + tokenizerSha +
                         "\",\"task\":\"text\"}}";
        const std::int64_t runId = ws_->createRun(run).value();
        EXPECT_TRUE(ws_->transitionRun(runId, workspace::RunState::Running, "").ok());
        EXPECT_TRUE(ws_->transitionRun(runId, to, "").ok());
    };
    runOn(gpt2->tokenizerSha256, workspace::RunState::Paused);
    runOn(smollm->tokenizerSha256, workspace::RunState::Completed);
    const std::int64_t auditBefore = count("audit_log");

    auto dry = cleanTokenizedCaches(*ws_, true);
    ASSERT_TRUE(dry.ok()) << dry.error().message;
    std::vector<fs::path> wouldRemove;
    for (const auto& f : dry->removed) wouldRemove.push_back(f.file);
    EXPECT_EQ(wouldRemove, (std::vector<fs::path>{leftover, examples->cacheFile, smollm->cacheFile}));
    ASSERT_EQ(dry->kept.size(), 1u);
    EXPECT_EQ(dry->kept[0].file, gpt2->cacheFile);
    EXPECT_NE(dry->kept[0].reason.find("run 1"), std::string::npos) << dry->kept[0].reason;
    EXPECT_EQ(dry->bytes, fs::file_size(examples->cacheFile) + fs::file_size(smollm->cacheFile) + 4);
    for (const auto& f : wouldRemove) EXPECT_TRUE(fs::exists(f)) << f;
    EXPECT_EQ(count("audit_log"), auditBefore);

    auto done = cleanTokenizedCaches(*ws_, false);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done->removed.size(), 3u);
    EXPECT_EQ(done->bytes, dry->bytes);
    EXPECT_TRUE(done->notRemoved.empty());
    for (const auto& f : wouldRemove) EXPECT_FALSE(fs::exists(f)) << f;
    EXPECT_TRUE(fs::exists(gpt2->cacheFile));
    EXPECT_TRUE(fs::exists(foreign));
    EXPECT_EQ(count("audit_log"), auditBefore + 1);
    EXPECT_EQ(ws_->database().queryText("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").value(),
              "cache.cleaned");
    EXPECT_TRUE(ws_->checkIntegrity()->ok());

    // The paused run resumes on its cache as before.
    t.tokenizerFile = gpt2Tokenizer();
    t.asExamples = false;
    auto again = tokenizedDataset(*ws_, t);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_TRUE(again->reused);
    auto nothing = cleanTokenizedCaches(*ws_, false);
    ASSERT_TRUE(nothing.ok());
    EXPECT_TRUE(nothing->removed.empty());
}

}  // namespace
}  // namespace offsite::dataset
