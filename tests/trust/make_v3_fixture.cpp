// Writes tests/data/workspace/schema_v3.sqlite: a workspace database of schema version 3 as today's import
// makes it, with the trust tables filled the way a real data owner's workspace fills them: package 1 of
// publisher "example.org" imported with first trust of key A, then package 2 carrying a signed key change to
// key B (a publisher_roots row, key A revoked, key B pinned, a key.rotated audit entry), plus a data set and
// a run. Only the database is kept (checkpointed, no WAL): its store files and package folders are absent.
// Frozen once committed (what users' disks hold); tests/trust/workspace_v3_fixture_test.cpp opens it.
//
// Usage: trust_make_v3_fixture <output folder>   (writes <output folder>/schema_v3.sqlite)
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/base/file_io.h"
#include "core/crypto/age.h"
#include "core/crypto/minisign.h"
#include "core/package/key_rotation.h"
#include "core/package/package.h"
#include "core/safetensors/safetensors.h"
#include "core/trust/import.h"
#include "core/workspace/schema.h"
#include "core/workspace/workspace.h"

namespace fs = std::filesystem;
using namespace offsite;

namespace {

template <typename T>
T must(Result<T> r, const char* what) {
    if (!r.ok()) {
        std::fprintf(stderr, "trust_make_v3_fixture: %s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r).value();
}
void must(const Status& s, const char* what) {
    if (!s.ok()) {
        std::fprintf(stderr, "trust_make_v3_fixture: %s: %s\n", what, s.error().message.c_str());
        std::exit(1);
    }
}

std::string weights(const std::vector<int>& blocks) {
    static const std::vector<float> values(8, 0.5f);
    std::vector<safetensors::TensorView> views;
    for (const int b : blocks) {
        views.push_back({"model.layers." + std::to_string(b) + ".mlp.up_proj.weight",
                         safetensors::DType::F32,
                         {2, 4},
                         std::as_bytes(std::span<const float>(values))});
    }
    return must(safetensors::serialize(views), "safetensors");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: trust_make_v3_fixture <output folder>\n");
        return 1;
    }
    if (workspace::kLatestSchemaVersion != 3) {
        std::fprintf(stderr,
                     "trust_make_v3_fixture: this build's schema is not version 3; the fixture is frozen\n");
        return 1;
    }
    const fs::path out = argv[1];
    const fs::path work = out / "v3-fixture-work";
    fs::remove_all(work);
    const fs::path split = work / "split";
    fs::create_directories(split);
    must(writeFileAtomic(split / "config.json", "{\"model_type\": \"llama\", \"num_hidden_layers\": 4}\n"),
         "config");
    must(writeFileAtomic(split / "split.json", "{\"split\": \"1-2-1\"}\n"), "split");
    must(writeFileAtomic(split / "adapter.safetensors", weights({0, 3})), "adapter");
    must(writeFileAtomic(split / "emulator.safetensors", weights({1, 2})), "emulator");

    const crypto::SigningKey keyA = must(crypto::SigningKey::generate(), "key A");
    const crypto::SigningKey keyB = must(crypto::SigningKey::generate(), "key B");
    const crypto::AgeIdentity owner = must(crypto::AgeIdentity::generate(), "age identity");
    auto pack = [&](const std::string& name, const crypto::SigningKey& key, std::int64_t version,
                    std::vector<package::SignedKeyRotation> rotations) {
        package::PackParams p;
        p.inputFolder = split;
        p.outputPath = work / name;
        p.signingKey = &key;
        p.publisherId = "example.org";
        p.modelId = "tiny-llama-offsite";
        p.packageVersion = version;
        p.createdAt = 1'750'000'000 + version;
        p.expiresAt = 1'900'000'000;
        p.architecture = "llama";
        p.split = "1-2-1";
        p.exportRecipient = owner.recipient().toString();
        p.licence = "For the schema v3 fixture only.";
        p.keyRotations = std::move(rotations);
        must(package::writePackage(p), "pack");
        return p.outputPath;
    };
    package::KeyRotation change;
    change.publisherId = "example.org";
    change.version = 2;
    change.threshold = 1;
    change.keys = {keyB.publicKey()};
    change.createdAt = 1'760'000'000;
    const package::SignedKeyRotation signedChange =
        must(package::signKeyRotation(change, {&keyA, &keyB}), "rotation");

    const fs::path folder = work / "workspace";
    {
        workspace::Workspace ws = must(workspace::Workspace::open(folder), "open");
        trust::ImportOptions first;
        first.presentedKey = keyA.publicKey();
        first.keyDecision = trust::KeyDecision::TrustPresentedKey;
        first.now = 1'800'000'000;
        const auto v1 = must(trust::importPackage(ws, pack("v1.otpkg", keyA, 1, {}), first), "import v1");
        if (v1.status != trust::ImportStatus::Imported) return 1;
        trust::ImportOptions second;
        second.now = 1'800'000'000;
        const auto v2 =
            must(trust::importPackage(ws, pack("v2.otpkg", keyB, 2, {signedChange}), second), "import v2");
        if (v2.status != trust::ImportStatus::Imported || v2.imported->keyChanges.empty()) {
            std::fprintf(stderr, "trust_make_v3_fixture: package 2 did not record the key change\n");
            return 1;
        }
        workspace::DatasetRecord dataset;
        dataset.name = "support tickets";
        dataset.sourcePath = "/home/user/tickets.jsonl";
        dataset.format = "jsonl";
        dataset.task = "prompt_completion";
        dataset.fingerprint = std::string(64, 'c');
        dataset.statisticsJson = "{\"rows\":120}";
        dataset.validationJson = "{\"findings\":[]}";
        const std::int64_t data = must(ws.addDataset(dataset), "dataset");
        must(ws.createRun(workspace::NewRun{"first run", v2.imported->packageId, data, "{\"lr\":0.0002}"}),
             "run");
    }
    const fs::path target = out / "schema_v3.sqlite";
    fs::remove(target);
    fs::copy_file(folder / "workspace.sqlite", target);
    fs::remove_all(work);
    std::printf("wrote %s\n", target.c_str());
    return 0;
}
