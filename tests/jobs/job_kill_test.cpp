// Kill harness for the job layer: jobs_crash_child (import, then train with a checkpoint every step, resuming the
// newest paused run) is SIGKILLed at random moments. After every kill the workspace is reopened as the app would
// and must hold: integrity_check ok, foreign keys, the audit chain, no run left `running` (recovered to paused),
// every checkpoint row pointing at a checkpoint folder that verifies with the row's step. At the end the children
// run undisturbed until every run completed, each with its adapter.
// Kills: OFFSITE_JOB_KILL_ITERATIONS, else 4 (the slow-labelled variant defaults to 60).
#include <gtest/gtest.h>
#include <signal.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "core/trainer/checkpoint.h"
#include "core/workspace/workspace.h"
#include "tests/jobs/tiny_llama.h"

#ifndef OFFSITE_JOB_KILL_ITERATIONS_DEFAULT
#define OFFSITE_JOB_KILL_ITERATIONS_DEFAULT 4
#endif

namespace offsite::jobs {
namespace {

namespace fs = std::filesystem;

int iterations() {
    if (const char* env = std::getenv("OFFSITE_JOB_KILL_ITERATIONS")) return std::max(1, std::atoi(env));
    return OFFSITE_JOB_KILL_ITERATIONS_DEFAULT;
}

// Starts the child with its standard output on a pipe; `out` receives the read end.
pid_t spawnChild(const fs::path& ws, const fs::path& model, const fs::path& data, int* out = nullptr) {
    int fds[2] = {-1, -1};
    if (out != nullptr && ::pipe(fds) != 0) return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (out != nullptr) {
            ::dup2(fds[1], STDOUT_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
        }
        const std::string exe = OFFSITE_JOB_CRASH_CHILD;
        ::execl(exe.c_str(), exe.c_str(), ws.c_str(), model.c_str(), data.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    if (out != nullptr) {
        ::close(fds[1]);
        *out = fds[0];
    }
    return pid;
}

// Waits (at most 60 s) until the child says training is under way; false when it ended or said nothing.
bool waitUntilRunning(int fd) {
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        char buf[256];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) return false;
        seen.append(buf, static_cast<std::size_t>(n));
        if (seen.find("running run") != std::string::npos) return true;
    }
    return false;
}

// The invariants, checked on a freshly opened workspace (which has already recovered interrupted runs).
void checkInvariants(const fs::path& folder, int iteration) {
    SCOPED_TRACE("after kill " + std::to_string(iteration));
    auto opened = workspace::Workspace::open(folder);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    workspace::Workspace& ws = opened.value();
    auto report = ws.checkIntegrity();
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(report->ok()) << (report->invariantProblems.empty() ? "" : report->invariantProblems.front());
    auto runs = ws.runs();
    ASSERT_TRUE(runs.ok());
    for (const auto& run : *runs) {
        EXPECT_NE(run.state, workspace::RunState::Running) << "run " << run.id;
        auto checkpoints = ws.checkpoints(run.id);
        ASSERT_TRUE(checkpoints.ok());
        for (const auto& c : *checkpoints) {
            auto info = trainer::readCheckpointInfo(folder / c.folder);
            ASSERT_TRUE(info.ok()) << c.folder << ": " << info.error().message;
            EXPECT_EQ(info->step, c.step);
            EXPECT_EQ(c.verification, workspace::CheckpointVerification::Verified);
        }
    }
}

bool hasUnfinishedRuns(const fs::path& folder) {
    auto opened = workspace::Workspace::open(folder);  // closed again (lock released) before a child starts
    EXPECT_TRUE(opened.ok());
    if (!opened.ok()) return false;
    auto runs = opened->runs();
    EXPECT_TRUE(runs.ok());
    if (!runs.ok()) return false;
    for (const auto& r : *runs) {
        if (r.state == workspace::RunState::Paused || r.state == workspace::RunState::Created) return true;
    }
    return false;
}

TEST(JobKillHarness, RandomKillsLeaveAConsistentResumableWorkspace) {
    const fs::path dir = fs::temp_directory_path() / ("offsite_job_kill_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const Status model = writeTinyLlama(dir / "model", 2048, OFFSITE_TEST_DATA);
    ASSERT_TRUE(model.ok()) << model.error().message;
    {
        std::ofstream data(dir / "notes.jsonl");
        for (int i = 0; i < 60; ++i) data << "{\"text\": \"Entry " << i << " of the ledger, kept offline.\"}\n";
    }
    const fs::path ws = dir / "ws";
    std::mt19937 rng(20261129);
    std::uniform_int_distribution<int> delayMs(0, 2000);
    int kills = 0;
    int killsWhileTraining = 0;
    int finishedOnTheirOwn = 0;
    for (int i = 0; i < iterations(); ++i) {
        int out = -1;
        const pid_t pid = spawnChild(ws, dir / "model", dir / "notes.jsonl", &out);
        ASSERT_GT(pid, 0);
        // One kill in four lands anywhere (start-up, import, run creation); the others once training runs.
        if (i % 4 == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(rng)));
        } else if (waitUntilRunning(out)) {
            ++killsWhileTraining;
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs(rng) / 2));
        }
        ::kill(pid, SIGKILL);
        ::close(out);
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (WIFSIGNALED(status)) {
            ++kills;
        } else {
            ++finishedOnTheirOwn;  // it completed its run before the kill came
            EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the child failed on its own";
        }
        checkInvariants(ws, i);
        if (HasFatalFailure()) return;
    }
    // Undisturbed children finish every run that was left paused.
    for (int round = 0; round < 20; ++round) {
        if (!hasUnfinishedRuns(ws)) break;
        const pid_t pid = spawnChild(ws, dir / "model", dir / "notes.jsonl");
        int status = 0;
        ::waitpid(pid, &status, 0);
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a resumed run did not complete";
    }
    auto opened = workspace::Workspace::open(ws);
    ASSERT_TRUE(opened.ok());
    auto runs = opened->runs();
    ASSERT_TRUE(runs.ok());
    int resumedRuns = 0;
    std::size_t checkpoints = 0;
    for (const auto& r : *runs) {
        EXPECT_EQ(r.state, workspace::RunState::Completed) << "run " << r.id << ": " << r.stateMessage;
        EXPECT_TRUE(fs::exists(ws / "runs" / std::to_string(r.id) / "adapter.safetensors")) << "run " << r.id;
        auto transitions = opened->database().queryInt(
            "SELECT count(*) FROM audit_log WHERE action = 'run.state' AND subject = 'run:" + std::to_string(r.id) +
            "' AND details_json LIKE '%\"to\":\"running\"%'");
        if (transitions.ok() && *transitions > 1) ++resumedRuns;
        checkpoints += opened->checkpoints(r.id)->size();
    }
    EXPECT_TRUE(opened->checkIntegrity()->ok());
    std::printf("[jobs-kill] %d SIGKILLs (%d while training, %d children finished first), %zu runs, %d resumed "
                "after a kill, %zu checkpoint rows\n",
                kills, killsWhileTraining, finishedOnTheirOwn, runs->size(), resumedRuns, checkpoints);
    EXPECT_GT(kills, 0);
    EXPECT_GT(killsWhileTraining, 0);
    if (!HasFailure()) fs::remove_all(dir);
}

}  // namespace
}  // namespace offsite::jobs
