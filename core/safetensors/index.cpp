// Opens a model's weights from a folder, a single safetensors file, or a sharded index, and checks that
// the index and the shards agree exactly, so every tensor name resolves to one place.
#include "core/safetensors/index.h"

#include <system_error>
#include <unordered_map>

#include "core/base/file_io.h"
#include "core/json/json.h"

namespace offsite::safetensors {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxIndexBytes = 64u << 20;
constexpr std::string_view kSingleName = "model.safetensors";
constexpr std::string_view kIndexName = "model.safetensors.index.json";

std::string showName(std::string_view s) {
    constexpr std::size_t kMaxShown = 120;
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
    }
    if (s.size() > kMaxShown) out += "...";
    return out + "\"";
}

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Shards must be plain names in the index's own folder: a path component could reach any file.
bool isPlainShardName(std::string_view name) {
    if (name.empty() || name == "." || name == "..") return false;
    return name.find_first_of(std::string_view("/\\\0:", 4)) == std::string_view::npos;
}

bool pathExists(const fs::path& p) {
    std::error_code ec;
    return fs::exists(p, ec);
}

}  // namespace

void ModelFiles::addAll(std::size_t fileIndex) {
    const std::vector<TensorInfo>& tensors = files_[fileIndex].tensors();
    for (std::size_t i = 0; i < tensors.size(); ++i) index_.emplace(tensors[i].name, Location{fileIndex, i});
}

Result<ModelFiles> ModelFiles::open(const fs::path& folderOrFile, const Limits& limits) {
    std::error_code ec;
    const bool isFolder = fs::is_directory(folderOrFile, ec);
    fs::path indexPath;
    ModelFiles model;
    if (isFolder) {
        const bool hasSingle = pathExists(folderOrFile / kSingleName);
        const bool hasIndex = pathExists(folderOrFile / kIndexName);
        if (hasSingle && hasIndex) {
            return makeError(ErrorKind::InvalidInput,
                             folderOrFile.string() + ": the folder has both " + std::string(kSingleName) +
                                 " and " + std::string(kIndexName) +
                                 ", so it is unclear which weights to use; remove one of them");
        }
        if (hasSingle) {
            OFFSITE_ASSIGN_OR_RETURN(File file, File::open(folderOrFile / kSingleName, limits));
            model.files_.push_back(std::move(file));
            model.addAll(0);
            return model;
        }
        if (!hasIndex) {
            std::string hint;
            for (const char* legacy : {"pytorch_model.bin", "pytorch_model.bin.index.json", "model.pt"}) {
                if (pathExists(folderOrFile / legacy)) {
                    hint = " It has " + std::string(legacy) +
                           ", a PyTorch pickle checkpoint, which we never load because loading it can run "
                           "arbitrary code; convert the model to safetensors first.";
                    break;
                }
            }
            return makeError(ErrorKind::NotFound, folderOrFile.string() + ": the folder has neither " +
                                                      std::string(kSingleName) + " nor " +
                                                      std::string(kIndexName) + "." + hint);
        }
        indexPath = folderOrFile / kIndexName;
    } else if (endsWith(folderOrFile.filename().string(), ".json")) {
        indexPath = folderOrFile;
    } else {
        OFFSITE_ASSIGN_OR_RETURN(File file, File::open(folderOrFile, limits));
        model.files_.push_back(std::move(file));
        model.addAll(0);
        return model;
    }

    const std::string indexName = displayName(indexPath);
    auto fail = [&](const std::string& what) {
        return makeError(ErrorKind::InvalidInput, indexName + ": " + what);
    };
    OFFSITE_ASSIGN_OR_RETURN(const std::string text, readFile(indexPath, kMaxIndexBytes));
    Result<json::Value> root = json::parse(text);
    if (!root.ok()) {
        return makeError(root.error().kind, indexName + ": the index is not valid JSON (" +
                                                root.error().message +
                                                "); the file is damaged — download it again");
    }
    const json::Value* weightMap = root->find("weight_map");
    if (weightMap == nullptr || !weightMap->isObject()) {
        return fail("the index has no \"weight_map\" object naming the shard of each tensor");
    }
    if (weightMap->size() == 0) return fail("the index's \"weight_map\" lists no tensors");

    // Shards in first-mention order; each is opened and validated once.
    std::unordered_map<std::string, std::size_t> shardIndex;
    std::vector<std::string> shardNames;
    std::unordered_map<std::string, std::size_t> listed;  // tensor -> shard index
    for (const json::Value::Member& m : weightMap->members()) {
        const std::string* shard = m.second.asString();
        if (shard == nullptr) return fail("the shard of tensor " + showName(m.first) + " is not a file name");
        if (!isPlainShardName(*shard)) {
            return fail(
                "tensor " + showName(m.first) + " is mapped to " + showName(*shard) +
                ", which is not a plain file name in the model's folder; shard paths that could point "
                "elsewhere are refused");
        }
        if (!endsWith(*shard, ".safetensors")) {
            return fail("tensor " + showName(m.first) + " is mapped to " + showName(*shard) +
                        ", which is not a .safetensors file; only safetensors shards are loaded");
        }
        const auto [it, inserted] = shardIndex.emplace(*shard, shardNames.size());
        if (inserted) shardNames.push_back(*shard);
        listed.emplace(m.first, it->second);  // keys are unique: the JSON parser refuses duplicates
    }

    const fs::path folder = indexPath.parent_path();
    for (const std::string& shard : shardNames) {
        Result<File> file = File::open(folder / shard, limits);
        if (!file.ok()) return file.error().withContext(indexName + " lists shard " + showName(shard));
        model.files_.push_back(std::move(file).value());
    }

    // The index and the shards must agree exactly; otherwise a name could resolve to different bytes
    // depending on which of them a reader trusts.
    for (std::size_t s = 0; s < model.files_.size(); ++s) {
        const File& file = model.files_[s];
        for (const TensorInfo& t : file.tensors()) {
            const auto it = listed.find(t.name);
            if (it == listed.end()) {
                return fail(
                    "shard " + showName(shardNames[s]) + " contains tensor " + showName(t.name) +
                    ", which the index does not list; the shards and the index do not belong together");
            }
            if (it->second != s) {
                return fail("tensor " + showName(t.name) + " is in shard " + showName(shardNames[s]) +
                            " although the index maps it to " + showName(shardNames[it->second]) +
                            " (a tensor listed in two shards is refused); the model files are inconsistent");
            }
        }
    }
    for (const json::Value::Member& m : weightMap->members()) {
        const std::size_t s = listed.at(m.first);
        if (model.files_[s].find(m.first) == nullptr) {
            return fail("the index lists tensor " + showName(m.first) + " in shard " +
                        showName(shardNames[s]) +
                        ", but that shard has no such tensor; the shard is the wrong version or damaged");
        }
    }
    for (std::size_t s = 0; s < model.files_.size(); ++s) model.addAll(s);
    return model;
}

std::vector<std::string> ModelFiles::names() const {
    std::vector<std::string> out;
    out.reserve(index_.size());
    for (const auto& entry : index_) out.push_back(entry.first);
    return out;
}

const TensorInfo* ModelFiles::find(std::string_view name) const {
    const auto it = index_.find(name);
    if (it == index_.end()) return nullptr;
    return &files_[it->second.file].tensors()[it->second.tensor];
}

std::span<const std::byte> ModelFiles::bytes(std::string_view name) const {
    const auto it = index_.find(name);
    if (it == index_.end()) return {};
    const File& file = files_[it->second.file];
    return file.bytes(file.tensors()[it->second.tensor]);
}

const File* ModelFiles::fileOf(std::string_view name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &files_[it->second.file];
}

}  // namespace offsite::safetensors
