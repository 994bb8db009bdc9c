// The kill harness's victim: opens a workspace and records packages, runs, metric batches, checkpoints and
// exports in an endless loop until the parent test SIGKILLs it. Any error is a bug the harness must see, so
// the child then exits with status 2 instead of waiting to be killed.
//
// Usage: workspace_crash_child <workspace folder> <seed>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/crypto/sha256.h"
#include "core/workspace/workspace.h"

namespace ws = offsite::workspace;

namespace {

[[noreturn]] void fail(const std::string& what, const offsite::Error& error) {
    std::fprintf(stderr, "workspace_crash_child: %s: %s\n", what.c_str(), error.message.c_str());
    std::exit(2);
}

template <typename T>
T check(offsite::Result<T> result, const std::string& what) {
    if (!result.ok()) fail(what, result.error());
    return std::move(result).value();
}

void check(const offsite::Status& status, const std::string& what) {
    if (!status.ok()) fail(what, status.error());
}

std::string randomBytes(std::mt19937_64& rng, std::size_t size) {
    std::string out(size, '\0');
    for (char& c : out) c = static_cast<char>(rng() & 0xff);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: workspace_crash_child <workspace folder> <seed>\n");
        return 1;
    }
    const std::string folder = argv[1];
    const std::uint64_t seed = std::strtoull(argv[2], nullptr, 10);
    std::mt19937_64 rng(seed);

    ws::WorkspaceOptions options;
    ws::Workspace workspace = check(ws::Workspace::open(folder, options), "opening the workspace");

    // Resume the newest runs the last (killed) child left paused, so recovery feeds back into the workload;
    // cancel older ones so the number of live runs (and the start-up work) stays bounded over many kills.
    std::vector<std::int64_t> active;
    std::vector<std::int64_t> paused;
    for (const ws::RunRecord& run : check(workspace.runs(), "listing runs")) {
        if (run.state == ws::RunState::Paused) paused.push_back(run.id);
    }
    constexpr std::size_t kResume = 3;
    for (std::size_t k = 0; k < paused.size(); ++k) {
        if (k + kResume < paused.size()) {
            check(workspace.transitionRun(paused[k], ws::RunState::Cancelled, "cancelled by the crash child"),
                  "cancelling");
        } else {
            check(workspace.transitionRun(paused[k], ws::RunState::Running, "resumed by the crash child"),
                  "resuming");
            active.push_back(paused[k]);
        }
    }

    // Tell the harness the start-up (open, migration, recovery, reconciler) is over.
    std::fputs("ready\n", stdout);
    std::fflush(stdout);

    for (std::uint64_t i = 0;; ++i) {
        const std::string tag = std::to_string(seed) + "-" + std::to_string(i);
        switch (rng() % 8) {
            case 0: {
                ws::PackageImport package{"package-" + tag, "1.0", std::nullopt, std::string(64, 'a'),
                                          "/tmp/" + tag};
                check(workspace.importPackage(package, randomBytes(rng, 1 + rng() % 65536)), "importing");
                break;
            }
            case 1: {
                const std::int64_t run =
                    check(workspace.createRun(ws::NewRun{"run-" + tag}), "creating a run");
                check(workspace.transitionRun(run, ws::RunState::Running, "started"), "starting a run");
                active.push_back(run);
                break;
            }
            case 2:
            case 3: {
                if (active.empty()) break;
                const std::int64_t run = active[rng() % active.size()];
                std::vector<ws::MetricPoint> batch;
                const auto base = static_cast<std::int64_t>(i * 64);
                for (std::int64_t s = 0; s < 64; ++s) {
                    batch.push_back(
                        ws::MetricPoint{"train/loss", base + s, 1.0 / static_cast<double>(base + s + 1)});
                }
                check(workspace.appendMetrics(run, batch), "appending metrics");
                break;
            }
            case 4: {
                if (active.empty()) break;
                const std::int64_t run = active[rng() % active.size()];
                const auto existing = check(workspace.checkpoints(run), "listing checkpoints");
                const std::int64_t step = existing.empty() ? 0 : existing.back().step + 1;
                const std::string manifest = "{\"step\":" + std::to_string(step) + ",\"nonce\":\"" +
                                             offsite::crypto::sha256Hex(randomBytes(rng, 16)) + "\"}";
                check(workspace.recordCheckpoint(
                          ws::NewCheckpoint{run, step, "ckpt-" + tag, ws::CheckpointVerification::Verified},
                          manifest),
                      "recording a checkpoint");
                break;
            }
            case 5: {
                if (active.empty()) break;
                const std::size_t at = rng() % active.size();
                const std::int64_t run = active[at];
                const auto to = (rng() % 2 == 0) ? ws::RunState::Completed : ws::RunState::Paused;
                check(workspace.transitionRun(run, to, "by the crash child"), "changing a run's state");
                if (to == ws::RunState::Paused) {
                    check(workspace.transitionRun(run, ws::RunState::Running, "resumed"), "resuming a run");
                } else {
                    active.erase(active.begin() + static_cast<std::ptrdiff_t>(at));
                }
                break;
            }
            case 6: {
                if (active.empty()) break;
                const std::int64_t run = active[rng() % active.size()];
                const std::int64_t exported =
                    check(workspace.recordExport(ws::NewExport{run, std::nullopt, "age1recipient"},
                                                 randomBytes(rng, 4096)),
                          "recording an export");
                check(workspace.recordReceipt(exported, "{\"ok\":true}"), "recording a receipt");
                break;
            }
            default:
                check(workspace.logRejectedPackage("/tmp/bad-" + tag, "signature does not verify"),
                      "logging");
                break;
        }
    }
}
