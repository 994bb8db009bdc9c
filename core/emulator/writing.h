// Output helper shared by split and plug-in: a staging folder published by one rename.
#pragma once

#include <filesystem>
#include <system_error>

namespace offsite::emulator {

// A sibling ".<name>.partial" folder of the destination, removed unless published.
class StagingFolder {
public:
    explicit StagingFolder(std::filesystem::path path) : path_(std::move(path)) {}
    ~StagingFolder() {
        if (!path_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(path_, ec);
        }
    }
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;
    void release() { path_.clear(); }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace offsite::emulator
