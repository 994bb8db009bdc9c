// Data-set import: validate first, then (only when nothing blocks training) copy into the store if asked and
// commit one datasets row; and the tokenized cache of an imported data set.
#include "core/dataset/import.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <regex>
#include <set>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/dataset/privacy.h"
#include "core/dataset/reader.h"
#include "core/json/json.h"
#include "core/safetensors/safetensors.h"
#include "core/tokenizer/tokenizer.h"
#include "core/workspace/listing.h"
#include "core/workspace/workspace.h"

namespace offsite::dataset {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStorePrefix = "store:";
constexpr std::size_t kMaxTokenizerBytes = std::size_t{64} << 20;
// Bumped when the way rows become tokens changes, so old caches are rebuilt.
constexpr std::string_view kCacheFormat = "offsite-tokenized-1";

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Size and modification time: a cheap check that a source did not change while it was being read.
struct SourceStamp {
    std::uintmax_t size = 0;
    std::int64_t mtimeNs = 0;
    bool operator==(const SourceStamp&) const = default;
};

std::optional<SourceStamp> stampOf(const fs::path& path) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return SourceStamp{static_cast<std::uintmax_t>(st.st_size),
                       static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::string where(const Finding& f) {
    std::string out = f.file;
    if (f.line > 0) out += ":" + std::to_string(f.line);
    if (!f.column.empty()) out += ":" + f.column;
    return out;
}

Error refusal(const fs::path& source, const ValidationReport& report) {
    std::uint64_t errors = 0;
    std::string first;
    int shown = 0;
    for (const auto& f : report.findings) {
        if (f.severity != Severity::Error) continue;
        ++errors;
        if (shown < 3) {
            first += "\n  " + where(f) + ": " + f.message + "; " + f.fix;
            ++shown;
        }
    }
    return makeError(ErrorKind::InvalidInput,
                     displayName(source) + " has " + std::to_string(errors) +
                         (errors == 1 ? " problem" : " problems") +
                         " that would spoil training, so nothing was imported:" + first +
                         "\nFix the file and import it again (`offsite dataset validate` lists every finding).");
}

// Reads the salt when the workspace has one; otherwise a fresh one that the caller writes on commit.
struct Salt {
    std::string hex;
    bool isNew = false;
};

fs::path saltPath(const workspace::Workspace& ws) { return ws.folder() / "fingerprint-salt"; }

Result<Salt> readOrMakeSalt(const workspace::Workspace& ws) {
    const fs::path path = saltPath(ws);
    std::error_code ec;
    if (!fs::exists(path, ec)) return Salt{makeFingerprintSalt(), true};
    OFFSITE_ASSIGN_OR_RETURN(std::string text, readFile(path, 1024));
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    if (!crypto::isSha256Hex(text)) {
        return makeError(ErrorKind::Integrity, path.string() +
                                                   " is damaged (it must hold 64 hex digits); restore it from a "
                                                   "backup, or delete it to start new fingerprints");
    }
    return Salt{text, false};
}

json::Value mappingToJson(const ColumnMapping& columns) {
    json::Value fields = json::Value::object();
    for (const auto& [field, column] : columns.fields) fields.set(field, json::Value::string(column));
    json::Value choices = json::Value::array();
    for (const auto& c : columns.choiceColumns) choices.push(json::Value::string(c));
    json::Value out = json::Value::object();
    out.set("fields", std::move(fields));
    out.set("choiceColumns", std::move(choices));
    return out;
}

ColumnMapping mappingFromJson(const json::Value* value) {
    ColumnMapping out;
    if (value == nullptr) return out;
    if (const json::Value* fields = value->find("fields")) {
        for (const auto& member : fields->members()) {
            if (const std::string* s = member.second.asString()) out.fields[member.first] = *s;
        }
    }
    if (const json::Value* choices = value->find("choiceColumns")) {
        for (const auto& item : choices->items()) {
            if (const std::string* s = item.asString()) out.choiceColumns.push_back(*s);
        }
    }
    return out;
}

std::string splitKey(const SplitOptions& split) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "seed=%llu;validation=%.17g", static_cast<unsigned long long>(split.seed),
                  split.validationFraction);
    return buf;
}

std::string metadataValue(const safetensors::Metadata& metadata, std::string_view key) {
    for (const auto& [k, v] : metadata) {
        if (k == key) return v;
    }
    return {};
}

// The cached streams, when the file is intact and made from the same inputs; nullopt means "rebuild".
std::optional<TokenizedDataset> readCache(const fs::path& file, const safetensors::Metadata& want, bool asExamples) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::nullopt;
    auto opened = safetensors::File::open(file);
    if (!opened.ok()) return std::nullopt;
    for (const auto& [key, value] : want) {
        if (metadataValue(opened->metadata(), key) != value) return std::nullopt;
    }
    auto ids = [&](const std::string& name, std::vector<std::int32_t>& target) {
        const safetensors::TensorInfo* info = opened->find(name);
        if (info == nullptr || info->dtype != safetensors::DType::I32 || info->shape.size() != 1) return false;
        target.resize(static_cast<std::size_t>(info->numel()));
        const auto bytes = opened->bytes(*info);
        if (bytes.size() != target.size() * sizeof(std::int32_t)) return false;
        if (!bytes.empty()) std::memcpy(target.data(), bytes.data(), bytes.size());
        return true;
    };
    TokenizedDataset out;
    if (!asExamples) {
        if (!ids("train", out.train) || !ids("validation", out.validation)) return std::nullopt;
        out.reused = true;
        return out;
    }
    for (const std::string side : {"train", "validation"}) {
        std::vector<std::int32_t> prompts, promptLengths, completions, completionLengths;
        if (!ids(side + ".prompt", prompts) || !ids(side + ".prompt_lengths", promptLengths) ||
            !ids(side + ".completion", completions) || !ids(side + ".completion_lengths", completionLengths) ||
            promptLengths.size() != completionLengths.size()) {
            return std::nullopt;
        }
        auto& target = side == "train" ? out.trainExamples : out.validationExamples;
        std::size_t p = 0;
        std::size_t c = 0;
        for (std::size_t i = 0; i < promptLengths.size(); ++i) {
            if (promptLengths[i] < 0 || completionLengths[i] < 0) return std::nullopt;
            const auto np = static_cast<std::size_t>(promptLengths[i]);
            const auto nc = static_cast<std::size_t>(completionLengths[i]);
            if (p + np > prompts.size() || c + nc > completions.size()) return std::nullopt;
            TokenizedExample e;
            e.prompt.assign(prompts.begin() + static_cast<std::ptrdiff_t>(p),
                            prompts.begin() + static_cast<std::ptrdiff_t>(p + np));
            e.completion.assign(completions.begin() + static_cast<std::ptrdiff_t>(c),
                                completions.begin() + static_cast<std::ptrdiff_t>(c + nc));
            p += np;
            c += nc;
            target.push_back(std::move(e));
        }
        if (p != prompts.size() || c != completions.size()) return std::nullopt;
    }
    out.reused = true;
    return out;
}

// The flat tensors of one side's examples: ids and per-row lengths.
struct FlatExamples {
    std::vector<std::int32_t> prompts, promptLengths, completions, completionLengths;
};

FlatExamples flatten(const std::vector<TokenizedExample>& examples) {
    FlatExamples f;
    for (const auto& e : examples) {
        f.prompts.insert(f.prompts.end(), e.prompt.begin(), e.prompt.end());
        f.completions.insert(f.completions.end(), e.completion.begin(), e.completion.end());
        f.promptLengths.push_back(static_cast<std::int32_t>(e.prompt.size()));
        f.completionLengths.push_back(static_cast<std::int32_t>(e.completion.size()));
    }
    return f;
}

std::span<const std::byte> asBytes(const std::vector<std::int32_t>& ids) {
    return std::as_bytes(std::span<const std::int32_t>(ids));
}

}  // namespace

const char* storageName(TaskType task) {
    switch (task) {
        case TaskType::PlainText:
            return "text";
        case TaskType::PromptCompletion:
            return "prompt_completion";
        case TaskType::Classification:
            return "classification";
        case TaskType::MultipleChoice:
            return "multiple_choice";
    }
    return "text";
}

const char* storageName(SourceFormat format) { return toString(format); }

std::optional<TaskType> taskFromName(std::string_view name) {
    for (TaskType t : {TaskType::PlainText, TaskType::PromptCompletion, TaskType::Classification,
                       TaskType::MultipleChoice}) {
        if (name == storageName(t)) return t;
    }
    return std::nullopt;
}

std::optional<SourceFormat> formatFromName(std::string_view name) {
    for (SourceFormat f : {SourceFormat::Jsonl, SourceFormat::Csv, SourceFormat::Tsv, SourceFormat::Text}) {
        if (name == storageName(f)) return f;
    }
    return std::nullopt;
}

Result<SourceFormat> formatForPath(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return SourceFormat::Text;
    const std::string ext = lower(path.extension().string());
    if (ext == ".jsonl" || ext == ".ndjson") return SourceFormat::Jsonl;
    if (ext == ".csv") return SourceFormat::Csv;
    if (ext == ".tsv" || ext == ".tab") return SourceFormat::Tsv;
    if (ext == ".txt" || ext == ".text" || ext == ".md") return SourceFormat::Text;
    return makeError(ErrorKind::InvalidInput,
                     displayName(path) +
                         ": cannot tell the format from the name; use a .jsonl, .csv, .tsv or .txt file, a folder "
                         "of .txt files, or say the format explicitly (--format jsonl|csv|tsv|text)");
}

Result<std::string> fingerprintSalt(workspace::Workspace& ws) {
    OFFSITE_ASSIGN_OR_RETURN(const Salt salt, readOrMakeSalt(ws));
    if (salt.isNew) OFFSITE_TRY(writeFileAtomic(saltPath(ws), salt.hex + "\n"));
    return salt.hex;
}

Result<std::string> contentSha256Of(const fs::path& source) {
    std::error_code ec;
    if (!fs::is_directory(source, ec)) {
        OFFSITE_ASSIGN_OR_RETURN(const crypto::FileDigest digest, crypto::sha256OfFile(source));
        return digest.sha256;
    }
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(source, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".txt") files.push_back(it->path());
    }
    if (ec) {
        return makeError(ErrorKind::Io,
                         source.string() + ": cannot list the folder (" + ec.message() + "); check its permissions");
    }
    std::sort(files.begin(), files.end());
    crypto::Sha256 hash;
    for (const fs::path& file : files) {
        OFFSITE_ASSIGN_OR_RETURN(const crypto::FileDigest digest, crypto::sha256OfFile(file));
        const std::string line = fs::relative(file, source).generic_string() + '\0' + std::to_string(digest.size) +
                                 '\0' + digest.sha256 + '\n';
        hash.update(line);
    }
    return hash.finishHex();
}

Result<DatasetImportResult> importDataset(workspace::Workspace& ws, const DatasetImportParams& params) {
    std::error_code ec;
    const bool isFolder = fs::is_directory(params.source, ec);
    if (!isFolder && !fs::is_regular_file(params.source, ec)) {
        return makeError(ErrorKind::NotFound,
                         params.source.string() + ": no such file or folder; check the path and try again");
    }
    SourceFormat format{};
    if (params.format) {
        format = *params.format;
    } else {
        OFFSITE_ASSIGN_OR_RETURN(format, formatForPath(params.source));
    }
    if (isFolder && params.copy == CopyPolicy::CopyIntoStore) {
        return makeError(ErrorKind::InvalidInput,
                         params.source.string() +
                             " is a folder; a copy into the workspace works for single files. Import the folder "
                             "where it is, or combine its text files into one file first");
    }
    std::optional<tokenizer::Tokenizer> tok;
    if (!params.tokenizerFile.empty()) {
        OFFSITE_ASSIGN_OR_RETURN(tok, tokenizer::Tokenizer::fromFile(params.tokenizerFile));
    }
    OFFSITE_ASSIGN_OR_RETURN(const Salt salt, readOrMakeSalt(ws));

    const auto before = stampOf(params.source);
    OFFSITE_ASSIGN_OR_RETURN(const std::string contentSha, contentSha256Of(params.source));

    DatasetSpec spec;
    spec.path = params.source;
    spec.format = format;
    spec.task = params.task;
    spec.columns = params.columns;
    ValidationOptions options;
    options.labels = params.labels;
    options.tokenizer = tok ? &*tok : nullptr;
    options.contextTokens = params.contextTokens;
    options.fingerprintSalt = salt.hex;
    options.progress = params.progress;
    OFFSITE_ASSIGN_OR_RETURN(ValidationReport report, validate(spec, options));
    if (report.blocksTraining()) return refusal(params.source, report);
    if (!isFolder && stampOf(params.source) != before) {
        return makeError(ErrorKind::InvalidInput, params.source.string() +
                                                      " changed while it was being read; nothing was imported. "
                                                      "Close any program writing it and import it again");
    }

    std::optional<workspace::StoredFile> copy;
    if (params.copy == CopyPolicy::CopyIntoStore) {
        OFFSITE_ASSIGN_OR_RETURN(copy, ws.putFileInStore(params.source));
        if (copy->sha256 != contentSha) {
            // The copy is not what was validated. It has no row, so the next start-up's reconciler removes it.
            return makeError(ErrorKind::InvalidInput, params.source.string() +
                                                          " changed while it was being copied; nothing was "
                                                          "imported. Close any program writing it and try again");
        }
    }

    json::Value validation = report.toJson();
    json::Value statistics = json::Value::object();
    if (const json::Value* stats = validation.find("statistics")) statistics = *stats;
    json::Value source = json::Value::object();
    source.set("contentSha256", json::Value::string(contentSha));
    source.set("originalPath", json::Value::string(fs::absolute(params.source).string()));
    source.set("columns", mappingToJson(params.columns));
    if (copy) source.set("storedCopy", json::Value::string(copy->sha256));
    if (tok) {
        OFFSITE_ASSIGN_OR_RETURN(const crypto::FileDigest tokDigest, crypto::sha256OfFile(params.tokenizerFile));
        source.set("tokenizerSha256", json::Value::string(tokDigest.sha256));
        source.set("contextTokens", json::Value::unsignedInteger(params.contextTokens));
    }
    statistics.set("import", std::move(source));

    workspace::DatasetRecord record;
    record.name = params.name.empty() ? params.source.filename().string() : params.name;
    if (record.name.empty()) record.name = params.source.parent_path().filename().string();
    record.sourcePath = copy ? std::string(kStorePrefix) + copy->sha256 : fs::absolute(params.source).string();
    record.format = storageName(format);
    record.task = storageName(params.task);
    record.fingerprint = report.fingerprint;
    record.statisticsJson = json::serialize(statistics);
    record.validationJson = json::serialize(validation);

    // The salt file is durable before the first row whose fingerprint depends on it.
    if (salt.isNew) OFFSITE_TRY(writeFileAtomic(saltPath(ws), salt.hex + "\n"));
    DatasetImportResult result;
    if (copy) {
        OFFSITE_ASSIGN_OR_RETURN(result.datasetId, ws.addDataset(record, *copy));
    } else {
        OFFSITE_ASSIGN_OR_RETURN(result.datasetId, ws.addDataset(record));
    }
    result.report = std::move(report);
    result.contentSha256 = contentSha;
    if (copy) result.storedCopy = copy->sha256;
    return result;
}

Result<ImportedDataset> loadImportedDataset(workspace::Workspace& ws, std::int64_t datasetId) {
    OFFSITE_ASSIGN_OR_RETURN(const workspace::DatasetRecord record, ws.dataset(datasetId));
    const auto task = taskFromName(record.task);
    const auto format = formatFromName(record.format);
    if (!task || !format) {
        return makeError(ErrorKind::Integrity, "data set " + std::to_string(datasetId) +
                                                   " has an unknown task or format (\"" + record.task + "\", \"" +
                                                   record.format + "\"); import it again");
    }
    OFFSITE_ASSIGN_OR_RETURN(const json::Value statistics, json::parse(record.statisticsJson));
    const json::Value* source = statistics.find("import");
    const json::Value* sha = source != nullptr ? source->find("contentSha256") : nullptr;
    if (sha == nullptr || sha->asString() == nullptr) {
        return makeError(ErrorKind::InvalidInput, "data set " + std::to_string(datasetId) +
                                                      " was not imported with `offsite dataset import`; import it "
                                                      "again to train on it");
    }
    ImportedDataset out;
    out.id = record.id;
    out.name = record.name;
    out.contentSha256 = *sha->asString();
    if (const json::Value* original = source->find("originalPath"); original && original->asString())
        out.originalPath = *original->asString();
    out.spec.format = *format;
    out.spec.task = *task;
    out.spec.columns = mappingFromJson(source->find("columns"));
    if (record.sourcePath.starts_with(kStorePrefix)) {
        const std::string stored = record.sourcePath.substr(kStorePrefix.size());
        if (!ws.store().contains(stored)) {
            return makeError(ErrorKind::NotFound, "the workspace's copy of data set " + std::to_string(datasetId) +
                                                      " (" + record.name +
                                                      ") is missing from its store; import the data set again");
        }
        out.spec.path = ws.store().pathFor(stored);
    } else {
        out.spec.path = record.sourcePath;
    }
    return out;
}

Result<TokenizedDataset> tokenizedDataset(workspace::Workspace& ws, const TokenizeParams& params) {
    OFFSITE_ASSIGN_OR_RETURN(const ImportedDataset ds, loadImportedDataset(ws, params.datasetId));
    OFFSITE_ASSIGN_OR_RETURN(const std::string tokenizerJson, readFile(params.tokenizerFile, kMaxTokenizerBytes));
    const std::string tokenizerSha = crypto::sha256Hex(tokenizerJson);
    std::error_code ec;
    if (!fs::exists(ds.spec.path, ec)) {
        return makeError(ErrorKind::NotFound, "the data of data set " + std::to_string(ds.id) + " (" +
                                                  ds.spec.path.string() +
                                                  ") are gone; put the file back or import it again");
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::string currentSha, contentSha256Of(ds.spec.path));
    if (currentSha != ds.contentSha256) {
        return makeError(ErrorKind::InvalidInput,
                         ds.spec.path.string() + " changed since it was imported as data set " +
                             std::to_string(ds.id) +
                             ", so its validation no longer holds; import it again to train on the new content");
    }
    if (params.asExamples && ds.spec.task == TaskType::PlainText) {
        return makeError(ErrorKind::InvalidInput, "data set " + std::to_string(ds.id) +
                                                      " is plain text; it has no prompts and completions to train "
                                                      "on as examples (train it as text)");
    }
    const fs::path folder = ws.folder() / "cache" / "tokenized";
    const fs::path file = folder / ("dataset-" + std::to_string(ds.id) + "-" + tokenizerSha.substr(0, 16) +
                                    (params.asExamples ? "-examples" : "") + ".safetensors");
    safetensors::Metadata metadata = {{"format", std::string(kCacheFormat)},
                                      {"tokenizer_sha256", tokenizerSha},
                                      {"content_sha256", currentSha},
                                      {"task", storageName(ds.spec.task)},
                                      {"split", splitKey(params.split)}};
    if (params.asExamples) {
        metadata.emplace_back("form", "examples");
        metadata.emplace_back("template", params.promptTemplate);
    }
    if (auto cached = readCache(file, metadata, params.asExamples)) {
        cached->cacheFile = file;
        cached->tokenizerSha256 = tokenizerSha;
        cached->contentSha256 = currentSha;
        return std::move(*cached);
    }

    OFFSITE_ASSIGN_OR_RETURN(const tokenizer::Tokenizer tok, tokenizer::Tokenizer::fromJson(tokenizerJson));
    const std::optional<std::int32_t> eos = tok.eosId();
    TokenizedDataset out;
    OFFSITE_ASSIGN_OR_RETURN(RowReader reader, RowReader::open(ds.spec));
    for (;;) {
        OFFSITE_ASSIGN_OR_RETURN(std::optional<Row> row, reader.next());
        if (!row) break;
        if (!row->usable) continue;
        const bool train = assignSplit(row->example, ds.spec.task, params.split) == SplitSide::Train;
        if (params.asExamples) {
            const auto texts = exampleTexts(row->example, ds.spec.task, params.promptTemplate);
            if (!texts) continue;
            TokenizedExample e;
            e.prompt = tok.encode(texts->prompt, tokenizer::SpecialTokens::Skip);
            e.completion = tok.encode(texts->completion, tokenizer::SpecialTokens::Skip);
            (train ? out.trainExamples : out.validationExamples).push_back(std::move(e));
            continue;
        }
        std::vector<std::int32_t> ids =
            tok.encode(trainingText(row->example, ds.spec.task), tokenizer::SpecialTokens::Skip);
        if (eos) ids.push_back(*eos);
        auto& side = train ? out.train : out.validation;
        side.insert(side.end(), ids.begin(), ids.end());
    }
    fs::create_directories(folder, ec);
    if (ec) {
        return makeError(ErrorKind::Io, folder.string() + ": cannot create the token cache folder (" +
                                            ec.message() + "); check the workspace folder's permissions");
    }
    auto view = [](const std::string& name, const std::vector<std::int32_t>& ids) {
        return safetensors::TensorView{name, safetensors::DType::I32, {static_cast<std::int64_t>(ids.size())},
                                       asBytes(ids)};
    };
    std::vector<safetensors::TensorView> tensors;
    const FlatExamples flatTrain = flatten(out.trainExamples);
    const FlatExamples flatValidation = flatten(out.validationExamples);
    if (params.asExamples) {
        for (const auto& [side, flat] : {std::pair<std::string, const FlatExamples*>{"train", &flatTrain},
                                         std::pair<std::string, const FlatExamples*>{"validation", &flatValidation}}) {
            tensors.push_back(view(side + ".prompt", flat->prompts));
            tensors.push_back(view(side + ".prompt_lengths", flat->promptLengths));
            tensors.push_back(view(side + ".completion", flat->completions));
            tensors.push_back(view(side + ".completion_lengths", flat->completionLengths));
        }
    } else {
        tensors.push_back(view("train", out.train));
        tensors.push_back(view("validation", out.validation));
    }
    OFFSITE_TRY(safetensors::write(file, tensors, metadata));
    out.cacheFile = file;
    out.tokenizerSha256 = tokenizerSha;
    out.contentSha256 = currentSha;
    return out;
}

Result<std::vector<DatasetSummary>> listImportedDatasets(workspace::Workspace& ws) {
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<workspace::DatasetRecord> records, workspace::listDatasets(ws));
    std::vector<DatasetSummary> out;
    out.reserve(records.size());
    for (const workspace::DatasetRecord& r : records) {
        DatasetSummary d;
        d.id = r.id;
        d.name = r.name;
        d.task = r.task;
        d.format = r.format;
        d.importedAt = r.createdAt;
        d.fingerprintPrefix = r.fingerprint.substr(0, 16);
        d.storedCopy = r.sourcePath.starts_with(kStorePrefix);
        d.location = d.storedCopy ? std::string() : r.sourcePath;
        if (auto statistics = json::parse(r.statisticsJson); statistics.ok()) {
            if (const json::Value* v = statistics->find("records"); v && v->asUint64()) d.rows = *v->asUint64();
            if (const json::Value* v = statistics->find("usableRows"); v && v->asUint64())
                d.usableRows = *v->asUint64();
            if (const json::Value* source = statistics->find("import")) {
                if (const json::Value* original = source->find("originalPath"); original && original->asString())
                    d.location = *original->asString();
            }
        }
        bool blocks = false;
        if (auto validation = json::parse(r.validationJson); validation.ok()) {
            if (const json::Value* b = validation->find("blocksTraining"); b && b->asBool()) blocks = *b->asBool();
            if (const json::Value* findings = validation->find("findingCounts")) {
                for (const auto& member : findings->members()) {
                    if (member.second.asUint64()) d.warnings += *member.second.asUint64();
                }
            }
        }
        // Imports with errors are refused, so a row that blocks training was written by something else.
        d.verdict = blocks ? "has errors" : d.warnings > 0 ? "ready with warnings" : "ready";
        out.push_back(std::move(d));
    }
    return out;
}

Result<CacheCleanup> cleanTokenizedCaches(workspace::Workspace& ws, bool dryRun) {
    // The caches the runs that can still train use: created, running or paused, by data set, tokenizer and form.
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<workspace::RunRecord> runs, ws.runs());
    std::map<std::string, std::string> needed;  // file name -> the run that needs it
    std::set<std::int64_t> datasetsOfLiveRuns;
    for (const workspace::RunRecord& run : runs) {
        if (run.state != workspace::RunState::Created && run.state != workspace::RunState::Running &&
            run.state != workspace::RunState::Paused) {
            continue;
        }
        auto config = json::parse(run.configJson);
        const json::Value* ds = config.ok() ? config->find("dataset") : nullptr;
        const json::Value* id = ds != nullptr ? ds->find("id") : nullptr;
        const json::Value* tok = ds != nullptr ? ds->find("tokenizerSha256") : nullptr;
        if (id == nullptr || !id->asInt64()) continue;
        datasetsOfLiveRuns.insert(*id->asInt64());
        if (tok == nullptr || tok->asString() == nullptr || tok->asString()->size() < 16) continue;
        const json::Value* task = ds->find("task");
        const bool examples = task != nullptr && task->asString() != nullptr && *task->asString() != "text";
        needed["dataset-" + std::to_string(*id->asInt64()) + "-" + tok->asString()->substr(0, 16) +
               (examples ? "-examples" : "") + ".safetensors"] = "run " + std::to_string(run.id);
    }
    OFFSITE_ASSIGN_OR_RETURN(const std::vector<workspace::DatasetRecord> datasets, workspace::listDatasets(ws));
    std::set<std::int64_t> datasetIds;
    for (const auto& d : datasets) datasetIds.insert(d.id);

    CacheCleanup out;
    const fs::path folder = ws.folder() / "cache" / "tokenized";
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return out;
    static const std::regex kCacheName(R"(dataset-([0-9]+)-[0-9a-f]{16}(-examples)?\.safetensors)");
    static const std::regex kTempName(R"(\.dataset-[0-9]+-[0-9a-f]{16}(-examples)?\.safetensors\.tmp-.+)");
    std::vector<fs::path> files;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeEc;
        if (it->is_regular_file(typeEc)) files.push_back(it->path());
    }
    if (ec) {
        return makeError(ErrorKind::Io, folder.string() + ": cannot list the cache folder (" + ec.message() +
                                            "); check its permissions");
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        const std::string name = file.filename().string();
        std::error_code sizeEc;
        const std::uint64_t bytes = fs::file_size(file, sizeEc);
        std::smatch m;
        std::string reason;
        if (std::regex_match(name, m, kCacheName)) {
            const std::int64_t datasetId = std::stoll(m[1].str());
            if (auto it = needed.find(name); it != needed.end()) {
                out.kept.push_back({file, bytes, "needed by " + it->second});
                continue;
            }
            if (datasetIds.count(datasetId) == 0) {
                reason = "data set " + std::to_string(datasetId) + " is no longer in the workspace";
            } else if (datasetsOfLiveRuns.count(datasetId) != 0) {
                reason = "made with a tokenizer or task that no unfinished run of data set " +
                         std::to_string(datasetId) + " uses";
            } else {
                reason = "no unfinished run uses data set " + std::to_string(datasetId);
            }
        } else if (std::regex_match(name, kTempName)) {
            reason = "left over from an interrupted write";
        } else {
            continue;  // not a file this module writes: left alone
        }
        out.removed.push_back({file, bytes, reason});
        out.bytes += bytes;
    }
    if (dryRun || out.removed.empty()) return out;

    json::Value names = json::Value::array();
    std::vector<CacheFile> removed;
    std::uint64_t bytes = 0;
    for (const CacheFile& f : out.removed) {
        std::error_code removeEc;
        fs::remove(f.file, removeEc);
        if (removeEc) {
            out.notRemoved.push_back(f.file.string() + " (" + removeEc.message() + ")");
            continue;
        }
        names.push(json::Value::string(f.file.filename().string()));
        removed.push_back(f);
        bytes += f.bytes;
    }
    out.removed = std::move(removed);
    out.bytes = bytes;
    if (!out.removed.empty()) {
        json::Value details = json::Value::object();
        details.set("files", std::move(names));
        details.set("bytes", json::Value::unsignedInteger(bytes));
        OFFSITE_TRY(ws.appendAudit({"user", "cache.cleaned", "workspace", json::serialize(details)}));
    }
    return out;
}

}  // namespace offsite::dataset
