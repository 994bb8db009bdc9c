// Runs on imported data sets: token streams from the tokenized cache, and job parameters rebuilt from a run's row.
#include "core/jobs/run_setup.h"

#include <algorithm>

#include "core/dataset/import.h"
#include "core/json/json.h"

namespace offsite::jobs {

namespace {

std::vector<trainer::Example> toExamples(std::vector<dataset::TokenizedExample>&& rows) {
    std::vector<trainer::Example> out;
    out.reserve(rows.size());
    for (auto& r : rows) out.push_back(trainer::Example{std::move(r.prompt), std::move(r.completion)});
    return out;
}

}  // namespace

Status attachDataset(SharedWorkspace& shared, const DatasetTrainingSetup& setup, TrainingJobParams& params) {
    OFFSITE_ASSIGN_OR_RETURN(const dataset::ImportedDataset imported, shared.with([&](workspace::Workspace& ws) {
                                 return dataset::loadImportedDataset(ws, setup.datasetId);
                             }));
    const dataset::TaskType own = imported.spec.task;
    if (setup.task && *setup.task != dataset::TaskType::PlainText && *setup.task != own) {
        return makeError(ErrorKind::InvalidInput,
                         "data set " + std::to_string(setup.datasetId) + " was imported as " +
                             dataset::storageName(own) + " data, not " + dataset::storageName(*setup.task) +
                             "; train it as its own task, as text, or import it again with the task you want");
    }
    const dataset::TaskType used = setup.task.value_or(own);
    dataset::TokenizeParams t;
    t.datasetId = setup.datasetId;
    t.tokenizerFile = setup.tokenizerFile;
    t.split = setup.split;
    t.asExamples = used != dataset::TaskType::PlainText;
    t.promptTemplate = setup.promptTemplate;
    OFFSITE_ASSIGN_OR_RETURN(dataset::TokenizedDataset tokens, shared.with([&](workspace::Workspace& ws) {
                                 return dataset::tokenizedDataset(ws, t);
                             }));
    if (t.asExamples ? tokens.trainExamples.empty() : tokens.train.empty()) {
        return makeError(ErrorKind::InvalidInput,
                         "data set " + std::to_string(setup.datasetId) +
                             " has no rows on the training side of the split; add rows or lower the validation "
                             "share");
    }
    params.training.trainTokens = std::move(tokens.train);
    params.training.validationTokens = std::move(tokens.validation);
    params.training.trainExamples = toExamples(std::move(tokens.trainExamples));
    params.training.validationExamples = toExamples(std::move(tokens.validationExamples));
    params.datasetId = setup.datasetId;

    json::Value extra = json::Value::object();
    auto parsed = json::parse(params.extraConfigJson);
    if (parsed.ok() && parsed->isObject()) extra = parsed.value();
    json::Value ds = json::Value::object();
    ds.set("id", json::Value::integer(setup.datasetId));
    ds.set("tokenizer", json::Value::string(setup.tokenizerFile.string()));
    ds.set("tokenizerSha256", json::Value::string(tokens.tokenizerSha256));
    ds.set("contentSha256", json::Value::string(tokens.contentSha256));
    ds.set("splitSeed", json::Value::unsignedInteger(setup.split.seed));
    ds.set("validationFraction", json::Value::number(setup.split.validationFraction));
    ds.set("task", json::Value::string(dataset::storageName(used)));
    if (!setup.promptTemplate.empty()) ds.set("template", json::Value::string(setup.promptTemplate));
    extra.set("dataset", std::move(ds));
    if (!params.training.outputAdapter.empty())
        extra.set("outputAdapter", json::Value::string(params.training.outputAdapter.string()));
    params.extraConfigJson = json::serialize(extra);
    return {};
}

Result<TrainingJobParams> jobParamsForRun(SharedWorkspace& shared, std::int64_t runId) {
    OFFSITE_ASSIGN_OR_RETURN(const workspace::RunRecord run,
                             shared.with([&](workspace::Workspace& ws) { return ws.run(runId); }));
    OFFSITE_ASSIGN_OR_RETURN(const json::Value config, json::parse(run.configJson));
    const json::Value* ds = config.find("dataset");
    const json::Value* id = ds != nullptr ? ds->find("id") : nullptr;
    const json::Value* tokenizer = ds != nullptr ? ds->find("tokenizer") : nullptr;
    if (id == nullptr || !id->asInt64() || tokenizer == nullptr || tokenizer->asString() == nullptr) {
        return makeError(ErrorKind::InvalidInput, "run " + std::to_string(runId) +
                                                      " was not started on an imported data set, so it cannot be "
                                                      "resumed from the workspace alone");
    }
    TrainingJobParams params;
    params.name = run.name;
    params.packageId = run.packageId;
    OFFSITE_ASSIGN_OR_RETURN(params.training, trainingParamsFromConfig(run.configJson));
    if (const json::Value* keep = config.find("keepCheckpoints"); keep != nullptr && keep->asUint64())
        params.keepCheckpoints = static_cast<std::size_t>(std::max<std::uint64_t>(1, *keep->asUint64()));
    if (const json::Value* out = config.find("outputAdapter"); out != nullptr && out->asString() != nullptr)
        params.training.outputAdapter = *out->asString();
    DatasetTrainingSetup setup;
    setup.datasetId = *id->asInt64();
    setup.tokenizerFile = *tokenizer->asString();
    if (const json::Value* seed = ds->find("splitSeed"); seed != nullptr && seed->asUint64())
        setup.split.seed = *seed->asUint64();
    if (const json::Value* fraction = ds->find("validationFraction"); fraction != nullptr && fraction->asDouble())
        setup.split.validationFraction = *fraction->asDouble();
    // Runs recorded before the task was stored trained every row's text as a token stream.
    setup.task = dataset::TaskType::PlainText;
    if (const json::Value* task = ds->find("task"); task != nullptr && task->asString() != nullptr) {
        setup.task = dataset::taskFromName(*task->asString());
        if (!setup.task) {
            return makeError(ErrorKind::InvalidInput, "run " + std::to_string(runId) + " names an unknown task \"" +
                                                          *task->asString() + "\"; start a new run instead");
        }
    }
    if (const json::Value* pattern = ds->find("template"); pattern != nullptr && pattern->asString() != nullptr)
        setup.promptTemplate = *pattern->asString();
    // Keep the configuration as it was (attachDataset rewrites extraConfigJson from the same fields).
    params.extraConfigJson = run.configJson;
    OFFSITE_TRY(attachDataset(shared, setup, params));
    if (const json::Value* want = ds->find("tokenizerSha256"); want != nullptr && want->asString() != nullptr) {
        auto now = json::parse(params.extraConfigJson);
        const json::Value* got = now.ok() && now->find("dataset") ? now->find("dataset")->find("tokenizerSha256")
                                                                   : nullptr;
        if (got == nullptr || got->asString() == nullptr || *got->asString() != *want->asString()) {
            return makeError(ErrorKind::InvalidInput,
                             setup.tokenizerFile.string() + " is not the tokenizer run " + std::to_string(runId) +
                                 " started with; put the original back to resume, or start a new run");
        }
    }
    return params;
}

}  // namespace offsite::jobs
