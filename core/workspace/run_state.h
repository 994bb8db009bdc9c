// The training run state machine. The same table of legal transitions is enforced here (before any SQL runs)
// and by a trigger in the database (so raw SQL cannot put a run into an impossible state either).
//
//   created --> running <--> paused          every non-terminal state may also go to failed or cancelled;
//                  |                         completed, failed and cancelled are terminal.
//                  v                         After a crash, running --> paused (recoverInterruptedRuns).
//              completed
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <utility>

namespace offsite::workspace {

enum class RunState { Created = 1, Running, Paused, Completed, Failed, Cancelled };

// The spelling stored in the database ("created", "running", ...).
[[nodiscard]] std::string_view runStateName(RunState state);
[[nodiscard]] std::optional<RunState> runStateFromName(std::string_view name);

[[nodiscard]] bool isLegalRunTransition(RunState from, RunState to);
[[nodiscard]] bool isTerminalRunState(RunState state);

// Every legal (from, to) pair, the source of both the code check and the database trigger's table.
[[nodiscard]] std::span<const std::pair<RunState, RunState>> legalRunTransitions();

}  // namespace offsite::workspace
