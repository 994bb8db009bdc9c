// defaultWorkspaceFolder(): one place for the environment rules, so every front end finds the same workspace.
#include <cstdlib>

#include "core/workspace/workspace.h"

namespace offsite::workspace {
namespace {

const char* nonEmpty(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

std::filesystem::path defaultWorkspaceFolder() {
    if (const char* explicitFolder = nonEmpty("OFFSITE_WORKSPACE")) return explicitFolder;
    if (const char* data = nonEmpty("XDG_DATA_HOME")) return std::filesystem::path(data) / "offsite-studio";
    const char* home = nonEmpty("HOME");
    return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" / "offsite-studio";
}

}  // namespace offsite::workspace
