// The run state names and the table of legal transitions.
#include "core/workspace/run_state.h"

#include <algorithm>
#include <array>

namespace offsite::workspace {
namespace {

constexpr std::array<std::pair<RunState, RunState>, 10> kLegal = {{
    {RunState::Created, RunState::Running},
    {RunState::Created, RunState::Failed},
    {RunState::Created, RunState::Cancelled},
    {RunState::Running, RunState::Paused},
    {RunState::Running, RunState::Completed},
    {RunState::Running, RunState::Failed},
    {RunState::Running, RunState::Cancelled},
    {RunState::Paused, RunState::Running},
    {RunState::Paused, RunState::Failed},
    {RunState::Paused, RunState::Cancelled},
}};

constexpr std::array<std::pair<RunState, std::string_view>, 6> kNames = {{
    {RunState::Created, "created"},
    {RunState::Running, "running"},
    {RunState::Paused, "paused"},
    {RunState::Completed, "completed"},
    {RunState::Failed, "failed"},
    {RunState::Cancelled, "cancelled"},
}};

}  // namespace

std::string_view runStateName(RunState state) {
    for (const auto& [s, name] : kNames) {
        if (s == state) return name;
    }
    return "unknown";
}

std::optional<RunState> runStateFromName(std::string_view name) {
    for (const auto& [s, n] : kNames) {
        if (n == name) return s;
    }
    return std::nullopt;
}

bool isLegalRunTransition(RunState from, RunState to) {
    return std::find(kLegal.begin(), kLegal.end(), std::pair{from, to}) != kLegal.end();
}

bool isTerminalRunState(RunState state) {
    return state == RunState::Completed || state == RunState::Failed || state == RunState::Cancelled;
}

std::span<const std::pair<RunState, RunState>> legalRunTransitions() {
    return kLegal;
}

}  // namespace offsite::workspace
