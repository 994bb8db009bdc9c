// `offsite inspect PATH`: the tensor table of a safetensors file or a model folder (single or sharded), with the
// model's configuration when the folder has a config.json.
#include <cstdio>

#include "app/cli/commands.h"
#include "app/cli/terminal.h"
#include "core/config/model_config.h"
#include "core/json/json.h"
#include "core/safetensors/index.h"
#include "core/safetensors/safetensors.h"

namespace offsite::cli {
namespace {

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

Result<int> runInspect(const Arguments& args) {
    std::filesystem::path path = args.positionals().at(0);
    auto files = safetensors::ModelFiles::open(path);
    if (!files.ok()) return files.error();
    const bool asJson = args.flag("json");

    std::int64_t totalParams = 0;
    std::uint64_t totalBytes = 0;
    std::vector<std::vector<std::string>> rows;
    json::Value tensors = json::Value::array();
    for (const auto& name : files->names()) {
        const auto* info = files->find(name);
        totalParams += info->numel();
        totalBytes += info->byteSize();
        if (asJson) {
            json::Value t = json::Value::object();
            t.set("name", json::Value::string(name));
            t.set("dtype", json::Value::string(std::string(safetensors::dtypeName(info->dtype))));
            json::Value shape = json::Value::array();
            for (auto d : info->shape) shape.push(json::Value::integer(d));
            t.set("shape", std::move(shape));
            t.set("bytes", json::Value::unsignedInteger(info->byteSize()));
            tensors.push(std::move(t));
        } else {
            rows.push_back({name, std::string(safetensors::dtypeName(info->dtype)), shapeText(info->shape),
                            std::to_string(info->numel())});
        }
    }

    std::optional<config::ModelConfig> modelConfig;
    std::filesystem::path folder = std::filesystem::is_directory(path) ? path : path.parent_path();
    if (std::filesystem::exists(folder / "config.json")) {
        auto parsed = config::loadModelConfig(folder / "config.json");
        if (!parsed.ok()) return parsed.error();
        modelConfig = parsed.value();
    }

    if (asJson) {
        json::Value root = json::Value::object();
        root.set("path", json::Value::string(path.string()));
        root.set("files", json::Value::integer(static_cast<std::int64_t>(files->files().size())));
        root.set("parameters", json::Value::integer(totalParams));
        root.set("bytes", json::Value::unsignedInteger(totalBytes));
        if (modelConfig) {
            json::Value c = json::Value::object();
            c.set("architecture", json::Value::string(std::string(modelConfig->architectureName())));
            c.set("blocks", json::Value::integer(modelConfig->numLayers));
            c.set("hidden_size", json::Value::integer(modelConfig->hiddenSize));
            c.set("vocab_size", json::Value::integer(modelConfig->vocabSize));
            root.set("config", std::move(c));
        }
        root.set("tensors", std::move(tensors));
        std::printf("%s\n", json::serialize(root, json::Style::Pretty).c_str());
        return kExitOk;
    }
    if (!args.flag("summary")) {
        printTable({"tensor", "dtype", "shape", "parameters"}, rows);
        std::printf("\n");
    }
    std::printf("%zu tensors in %zu file(s), %s parameters, %s\n", files->size(), files->files().size(),
                humanCount(totalParams).c_str(), humanBytes(totalBytes).c_str());
    if (modelConfig) {
        const auto& c = *modelConfig;
        std::printf("model: %s, %lld blocks, hidden %lld, %lld heads (%lld key/value), MLP %lld, vocabulary %lld, "
                    "context %lld%s\n",
                    std::string(c.architectureName()).c_str(), static_cast<long long>(c.numLayers),
                    static_cast<long long>(c.hiddenSize), static_cast<long long>(c.numHeads),
                    static_cast<long long>(c.numKvHeads), static_cast<long long>(c.intermediateSize),
                    static_cast<long long>(c.vocabSize), static_cast<long long>(c.maxPositions),
                    c.tieWordEmbeddings ? ", tied embeddings" : "");
    }
    return kExitOk;
}

}  // namespace

Command inspectCommand() {
    return Command{
        CommandSpec{"inspect", "show the tensors of a safetensors file or a model folder",
                    "offsite inspect PATH [--json] [--summary]",
                    {{"json", OptionKind::Flag, "", "machine-readable output"},
                     {"summary", OptionKind::Flag, "", "totals only, no tensor table"}},
                    1, 1},
        runInspect};
}

}  // namespace offsite::cli
