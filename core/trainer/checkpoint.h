// Training checkpoints on disk (CKPT-1, CKPT-2, CKPT-5): a checkpoint is a folder "ckpt-<step>" inside the run's
// checkpoint folder, published by one rename of a fully written and flushed staging folder, holding the files the
// trainer wrote plus checkpoint.json, which lists every file with its size and SHA-256. A checkpoint counts only
// when that listing verifies; resuming takes the newest one that does, not the newest by name. Torch-free: the
// trainer decides what goes into the files, this module makes them atomic, verifiable and pruned.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace offsite::trainer {

inline constexpr const char* kCheckpointManifest = "checkpoint.json";
inline constexpr int kCheckpointFormatVersion = 1;
inline constexpr int kMinimumKeptCheckpoints = 2;

struct CheckpointFile {
    std::string name;  // a plain file name inside the checkpoint folder
    std::uint64_t size = 0;
    std::string sha256;  // lowercase hex
};

struct CheckpointInfo {
    std::filesystem::path folder;
    int step = 0;             // optimizer steps done when it was written
    std::string paramsHash;   // SHA-256 of the training settings, data and model it continues
    std::vector<CheckpointFile> files;  // every file except checkpoint.json
};

// Reads checkpoint.json and verifies it: the format, every listed file present as a regular file with the listed
// size and SHA-256, and no unlisted file in the folder. Any mismatch is ErrorKind::Integrity with the file named.
[[nodiscard]] Result<CheckpointInfo> readCheckpointInfo(const std::filesystem::path& folder);

struct ResumableCheckpoint {
    CheckpointInfo info;
    std::vector<std::filesystem::path> corrupt;  // newer checkpoints that failed verification (skipped)
    std::vector<std::string> warnings;           // one line per skipped checkpoint, for the user
};

// The newest checkpoint ("ckpt-<step>", highest step) in `folder` that verifies. Corrupt ones are skipped with a
// warning; NotFound when none verifies.
[[nodiscard]] Result<ResumableCheckpoint> findResumableCheckpoint(const std::filesystem::path& folder);

// "ckpt-00000042".
[[nodiscard]] std::string checkpointName(int step);

// The checkpoints in `folder` as (step, path), oldest first; staging folders and other names are not listed.
[[nodiscard]] std::vector<std::pair<int, std::filesystem::path>> listCheckpoints(const std::filesystem::path& folder);

// Publishes a staging folder (holding the given files, already written with AtomicFileWriter) as the checkpoint for
// `step` in `folder`: writes checkpoint.json with the hashes, flushes the staging folder, renames it to
// ckpt-<step> (moving an older folder of that name aside first), flushes `folder`, and only then deletes the oldest
// checkpoints beyond `keep` (at least 2). On failure the staging folder is the caller's to remove and every
// earlier checkpoint is untouched. Returns the published folder.
[[nodiscard]] Result<std::filesystem::path> publishCheckpoint(const std::filesystem::path& staging,
                                                              const std::filesystem::path& folder, int step,
                                                              const std::string& paramsHash, int keep);
// The same, with every file's size and SHA-256 taken while it was written (no read-back; checkpoint.json is
// byte-identical). `files` must name exactly the staging folder's files with their sizes on disk, else
// ErrorKind::Internal and nothing is published.
[[nodiscard]] Result<std::filesystem::path> publishCheckpoint(const std::filesystem::path& staging,
                                                              const std::filesystem::path& folder, int step,
                                                              const std::string& paramsHash, int keep,
                                                              std::vector<CheckpointFile> files);

// Renames a checkpoint that failed verification to "<name>.corrupt" (or "<name>.corrupt-N") so it is never
// considered again; kept for inspection.
[[nodiscard]] Status quarantineCheckpoint(const std::filesystem::path& checkpoint);

}  // namespace offsite::trainer
