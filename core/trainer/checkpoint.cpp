// Atomic, verifiable, pruned checkpoint folders.
#include "core/trainer/checkpoint.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>
#include <system_error>

#include "core/base/file_io.h"
#include "core/crypto/sha256.h"
#include "core/json/json.h"

namespace offsite::trainer {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxManifestBytes = 4u << 20;
constexpr const char* kFormat = "offsite-training-checkpoint";

Error integrity(const fs::path& folder, const std::string& what) {
    return makeError(ErrorKind::Integrity, "the checkpoint " + folder.string() + " is damaged: " + what +
                                               "; it cannot be resumed (an older checkpoint may still be usable)");
}

bool isPlainName(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\\') == std::string::npos && name.find('\0') == std::string::npos;
}

// "ckpt-<digits>" exactly; the step, or -1.
int stepOfName(const std::string& name) {
    constexpr std::string_view kPrefix = "ckpt-";
    if (name.size() <= kPrefix.size() || name.compare(0, kPrefix.size(), kPrefix) != 0) return -1;
    int step = -1;
    const char* begin = name.data() + kPrefix.size();
    const char* end = name.data() + name.size();
    auto [ptr, ec] = std::from_chars(begin, end, step);
    if (ec != std::errc() || ptr != end || step < 0) return -1;
    return step;
}

}  // namespace

std::string checkpointName(int step) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "ckpt-%08d", step);
    return buffer;
}

std::vector<std::pair<int, fs::path>> listCheckpoints(const fs::path& folder) {
    std::vector<std::pair<int, fs::path>> out;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const int step = stepOfName(it->path().filename().string());
        if (step >= 0 && it->is_directory(ec)) out.emplace_back(step, it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

Result<CheckpointInfo> readCheckpointInfo(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        return makeError(ErrorKind::NotFound, "there is no checkpoint folder at " + folder.string());
    }
    const fs::path manifestPath = folder / kCheckpointManifest;
    if (!fs::is_regular_file(manifestPath, ec)) return integrity(folder, std::string(kCheckpointManifest) + " is missing");
    auto text = readFile(manifestPath, kMaxManifestBytes);
    if (!text.ok()) return integrity(folder, text.error().message);
    auto doc = json::parse(*text);
    if (!doc.ok()) return integrity(folder, std::string(kCheckpointManifest) + " is not valid JSON (" + doc.error().message + ")");
    const auto* format = doc->find("format");
    const auto* version = doc->find("version");
    const auto* step = doc->find("step");
    const auto* hash = doc->find("params_hash");
    const auto* files = doc->find("files");
    if (!format || !format->asString() || *format->asString() != kFormat) {
        return integrity(folder, "it is not an Offsite Studio training checkpoint");
    }
    if (!version || version->asInt64() != kCheckpointFormatVersion) {
        return makeError(ErrorKind::Unsupported, "the checkpoint " + folder.string() +
                                                     " has a format version this version of the program does not read");
    }
    CheckpointInfo info;
    info.folder = folder;
    if (!step || !step->asInt64() || *step->asInt64() < 0 || *step->asInt64() > (1LL << 30)) {
        return integrity(folder, "its step is missing or invalid");
    }
    info.step = static_cast<int>(*step->asInt64());
    if (!hash || !hash->asString() || !crypto::isSha256Hex(*hash->asString())) {
        return integrity(folder, "its settings hash is missing");
    }
    info.paramsHash = *hash->asString();
    if (!files || !files->isArray() || files->items().empty()) return integrity(folder, "it lists no files");
    std::set<std::string> listed{kCheckpointManifest};
    for (const auto& entry : files->items()) {
        const auto* name = entry.find("name");
        const auto* size = entry.find("size");
        const auto* sha = entry.find("sha256");
        if (!name || !name->asString() || !isPlainName(*name->asString()) || !size || !size->asUint64() || !sha ||
            !sha->asString() || !crypto::isSha256Hex(*sha->asString())) {
            return integrity(folder, "a file entry in checkpoint.json is malformed");
        }
        if (!listed.insert(*name->asString()).second) return integrity(folder, "a file is listed twice");
        info.files.push_back(CheckpointFile{*name->asString(), *size->asUint64(), *sha->asString()});
    }
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (!listed.count(it->path().filename().string())) {
            return integrity(folder, "it holds a file it does not list (" + it->path().filename().string() + ")");
        }
    }
    if (ec) return integrity(folder, "its folder cannot be listed (" + ec.message() + ")");
    for (const auto& file : info.files) {
        const fs::path path = folder / file.name;
        if (fs::is_symlink(path, ec) || !fs::is_regular_file(path, ec)) return integrity(folder, file.name + " is missing");
        auto digest = crypto::sha256OfFile(path);
        if (!digest.ok()) return integrity(folder, file.name + " cannot be read (" + digest.error().message + ")");
        if (digest->size != file.size) {
            return integrity(folder, file.name + " has " + std::to_string(digest->size) + " bytes instead of " +
                                         std::to_string(file.size));
        }
        if (digest->sha256 != file.sha256) return integrity(folder, file.name + " does not match its SHA-256");
    }
    return info;
}

Result<ResumableCheckpoint> findResumableCheckpoint(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        return makeError(ErrorKind::NotFound, "there is no checkpoint folder at " + folder.string());
    }
    ResumableCheckpoint found;
    auto all = listCheckpoints(folder);
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        auto info = readCheckpointInfo(it->second);
        if (info.ok()) {
            if (info->step != it->first) {
                found.corrupt.push_back(it->second);
                found.warnings.push_back("skipped " + it->second.string() + ": its checkpoint.json is for step " +
                                         std::to_string(info->step));
                continue;
            }
            found.info = std::move(info).value();
            return found;
        }
        found.corrupt.push_back(it->second);
        found.warnings.push_back("skipped " + info.error().message);
    }
    std::string message = "no usable checkpoint in " + folder.string();
    if (!found.warnings.empty()) message += " (" + std::to_string(found.warnings.size()) + " damaged: " + found.warnings.front() + ")";
    return makeError(ErrorKind::NotFound, message + "; start the training again without resuming");
}

Result<std::vector<fs::path>> stagedFiles(const fs::path& staging) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(staging, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
    if (ec) return makeError(ErrorKind::Io, "cannot list the checkpoint being written in " + staging.string() + ": " + ec.message());
    std::sort(entries.begin(), entries.end());
    return entries;
}

Result<fs::path> publishCheckpoint(const fs::path& staging, const fs::path& folder, int step,
                                   const std::string& paramsHash, int keep) {
    OFFSITE_ASSIGN_OR_RETURN(const auto entries, stagedFiles(staging));
    std::vector<CheckpointFile> files;
    for (const auto& path : entries) {
        OFFSITE_ASSIGN_OR_RETURN(auto digest, crypto::sha256OfFile(path));
        files.push_back(CheckpointFile{path.filename().string(), digest.size, digest.sha256});
    }
    return publishCheckpoint(staging, folder, step, paramsHash, keep, std::move(files));
}

Result<fs::path> publishCheckpoint(const fs::path& staging, const fs::path& folder, int step,
                                   const std::string& paramsHash, int keep, std::vector<CheckpointFile> known) {
    std::error_code ec;
    OFFSITE_ASSIGN_OR_RETURN(const auto entries, stagedFiles(staging));
    // In the order of the file names (the order of a sorted listing of the folder), each file as found on disk.
    std::sort(known.begin(), known.end(), [](const CheckpointFile& a, const CheckpointFile& b) {
        return (fs::path(a.name)) < (fs::path(b.name));
    });
    if (known.size() != entries.size()) {
        return makeError(ErrorKind::Internal, "the checkpoint in " + staging.string() + " holds " +
                                                  std::to_string(entries.size()) + " files but " +
                                                  std::to_string(known.size()) + " were written");
    }
    json::Value files = json::Value::array();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto size = fs::file_size(entries[i], ec);
        if (entries[i].filename().string() != known[i].name || ec || size != known[i].size) {
            return makeError(ErrorKind::Internal, "the checkpoint file " + entries[i].string() +
                                                      " is not the one that was written (" + known[i].name + ")");
        }
        json::Value entry = json::Value::object();
        entry.set("name", json::Value::string(known[i].name));
        entry.set("size", json::Value::unsignedInteger(known[i].size));
        entry.set("sha256", json::Value::string(known[i].sha256));
        files.push(std::move(entry));
    }
    json::Value manifest = json::Value::object();
    manifest.set("format", json::Value::string(kFormat));
    manifest.set("version", json::Value::integer(kCheckpointFormatVersion));
    manifest.set("step", json::Value::integer(step));
    manifest.set("params_hash", json::Value::string(paramsHash));
    manifest.set("files", std::move(files));
    OFFSITE_TRY(writeFileAtomic(staging / kCheckpointManifest, json::serialize(manifest, json::Style::Pretty) + "\n"));
    OFFSITE_TRY(syncDirectory(staging));

    const fs::path target = folder / checkpointName(step);
    // A folder of that name is left over from an earlier attempt at this step (for example a damaged one): move it
    // aside so the rename is atomic, and remove it only once the new checkpoint is in place.
    fs::path previous;
    if (fs::exists(target, ec)) {
        OFFSITE_ASSIGN_OR_RETURN(previous, makeSiblingFolder(target, "replaced"));
        fs::remove(previous, ec);
        fs::rename(target, previous, ec);
        if (ec) return makeError(ErrorKind::Io, "cannot move the old " + target.string() + " aside: " + ec.message());
    }
    fs::rename(staging, target, ec);
    if (ec) {
        std::error_code ignored;
        if (!previous.empty()) fs::rename(previous, target, ignored);
        return makeError(ErrorKind::Io, "cannot publish the checkpoint " + target.string() + ": " + ec.message() +
                                            "; check the disk; the previous checkpoint is kept");
    }
    OFFSITE_TRY(syncDirectory(folder));
    if (!previous.empty()) fs::remove_all(previous, ec);

    // Prune only now that the new checkpoint is durable.
    auto all = listCheckpoints(folder);
    const auto kept = static_cast<std::size_t>(std::max(keep, kMinimumKeptCheckpoints));
    for (std::size_t i = 0; i + kept < all.size(); ++i) {
        if (all[i].second == target) continue;
        fs::remove_all(all[i].second, ec);
    }
    return target;
}

Status quarantineCheckpoint(const fs::path& checkpoint) {
    std::error_code ec;
    fs::path target = checkpoint.string() + ".corrupt";
    for (int n = 2; fs::exists(target, ec) && n < 1000; ++n) target = checkpoint.string() + ".corrupt-" + std::to_string(n);
    fs::rename(checkpoint, target, ec);
    if (ec) return makeError(ErrorKind::Io, "cannot set the damaged checkpoint " + checkpoint.string() + " aside: " + ec.message());
    return {};
}

}  // namespace offsite::trainer
