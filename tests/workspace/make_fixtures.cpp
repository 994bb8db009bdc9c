// Writes the committed migration fixture for the CURRENT schema version into a folder:
//   schema_v<N>.sqlite  a workspace database with one row in every table (no WAL file; checkpointed on
//   close).
// Fixtures of released versions are frozen: run this once when a new schema version is added, commit the new
// file, and never regenerate the old ones (they are what users' disks hold).
//
// Usage: workspace_make_fixtures <output folder>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/workspace/workspace.h"

namespace ws = offsite::workspace;

namespace {
template <typename T>
T must(offsite::Result<T> r) {
    if (!r.ok()) {
        std::fprintf(stderr, "workspace_make_fixtures: %s\n", r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r).value();
}
void must(const offsite::Status& s) {
    if (!s.ok()) {
        std::fprintf(stderr, "workspace_make_fixtures: %s\n", s.error().message.c_str());
        std::exit(1);
    }
}
}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: workspace_make_fixtures <output folder>\n");
        return 1;
    }
    const std::filesystem::path out = argv[1];
    const std::filesystem::path folder = out / "fixture-workspace";
    std::filesystem::remove_all(folder);
    {
        ws::Workspace w = must(ws::Workspace::open(folder));
        const std::int64_t publisher = must(w.addPublisher("Example Model Owner"));
        must(w.pinPublisherKey(publisher,
                               ws::PublisherKey{"minisign-ed25519", "E1F2A3B4C5D6E7F8", "RWQexamplekey"}));
        const std::int64_t package =
            must(w.importPackage(ws::PackageImport{"smollm2-adapter", "1.0", publisher, std::string(64, 'b'),
                                                   "/media/usb/pkg.otpkg"},
                                 "package bytes for the v1 fixture"));
        must(w.logRejectedPackage("/media/usb/bad.otpkg", "the signature does not verify"));
        ws::DatasetRecord dataset;
        dataset.name = "support tickets";
        dataset.sourcePath = "/home/user/tickets.jsonl";
        dataset.format = "jsonl";
        dataset.task = "prompt_completion";
        dataset.fingerprint = std::string(64, 'c');
        dataset.statisticsJson = "{\"rows\":120}";
        dataset.validationJson = "{\"findings\":[]}";
        const std::int64_t data = must(w.addDataset(dataset));
        const std::int64_t run = must(w.createRun(ws::NewRun{"first run", package, data, "{\"lr\":0.0002}"}));
        must(w.transitionRun(run, ws::RunState::Running, "started"));
        const ws::MetricPoint points[] = {{"train/loss", 1, 2.5}, {"train/loss", 2, 2.25}};
        must(w.appendMetrics(run, points));
        const std::int64_t checkpoint = must(w.recordCheckpoint(
            ws::NewCheckpoint{run, 2, "runs/1/ckpt-2", ws::CheckpointVerification::Verified},
            "{\"step\":2}"));
        must(w.transitionRun(run, ws::RunState::Completed, "done"));
        must(w.recordEvaluation(run, checkpoint, data, "{\"loss\":2.2}"));
        const std::int64_t exported =
            must(w.recordExport(ws::NewExport{run, checkpoint, "age1example"}, "encrypted adapter"));
        must(w.recordReceipt(exported, "{\"received\":true}"));
    }
    const std::string name = "schema_v" + std::to_string(ws::kLatestSchemaVersion) + ".sqlite";
    std::filesystem::copy_file(folder / "workspace.sqlite", out / name,
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove_all(folder);
    std::printf("wrote %s\n", (out / name).c_str());
    return 0;
}
