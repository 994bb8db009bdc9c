// Importing packages into the workspace with the trust store (PKG-1, PKG-2, PKG-5, PKG-6, PKG-7, PKG-9,
// PKG-10): first trust, rollback and equivocation, the time floor, keys bound to publishers, lineage
// confirmation, the model folder for the trainer, and, after every refusal, the same row counts and the same
// store and folders.
#include "core/trust/import.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <limits>
#include <stdexcept>
#include <tuple>

#include "core/crypto/fingerprint.h"
#include "core/crypto/sha256.h"
#include "core/package/tar.h"
#include "core/workspace/packages.h"
#include "core/workspace/schema.h"
#include "trust_test_support.h"

namespace offsite::trust {
namespace {

using namespace testing;

constexpr std::int64_t kNow = 1'800'000'000;

class ImportTest : public ScratchTest {
protected:
    void SetUp() override {
        ScratchTest::SetUp();
        split_ = root_ / "split";
        writeSplitFolder(split_);
        auto a = crypto::SigningKey::generate();
        auto b = crypto::SigningKey::generate();
        ASSERT_TRUE(a.ok() && b.ok());
        keyA_.emplace(std::move(*a));
        keyB_.emplace(std::move(*b));
        auto id1 = crypto::AgeIdentity::generate();
        auto id2 = crypto::AgeIdentity::generate();
        ASSERT_TRUE(id1.ok() && id2.ok());
        recipient_ = id1->recipient().toString();
        otherRecipient_ = id2->recipient().toString();
        auto ws = workspace::Workspace::open(root_ / "ws");
        ASSERT_TRUE(ws.ok()) << ws.error().message;
        ws_.emplace(std::move(*ws));
    }
    void TearDown() override {
        ws_.reset();
        ScratchTest::TearDown();
    }

    fs::path makePackage(const std::string& name, const crypto::SigningKey& key, PackSpec spec) {
        if (spec.recipient.empty()) spec.recipient = recipient_;
        const fs::path out = root_ / name;
        fs::path folder = split_;
        if (spec.split != "1-2-1") {  // a folder whose blocks match the split
            folder = root_ / ("split-" + spec.split);
            int l = 0, k = 0, r = 0;
            EXPECT_EQ(std::sscanf(spec.split.c_str(), "%d-%d-%d", &l, &k, &r), 3);
            if (!fs::exists(folder)) writeSplitFolder(folder, 0.5f, l, k, r);
        }
        auto manifest = pack(folder, out, key, spec);
        EXPECT_TRUE(manifest.ok()) << (manifest.ok() ? "" : manifest.error().message);
        return out;
    }

    ImportOptions options(const crypto::SigningKey* presented = nullptr,
                          KeyDecision keys = KeyDecision::AskFirst,
                          ChangeDecision changes = ChangeDecision::AskFirst) const {
        ImportOptions o;
        if (presented != nullptr) o.presentedKey = presented->publicKey();
        o.keyDecision = keys;
        o.changeDecision = changes;
        o.now = kNow;
        return o;
    }

    // Imports with key A trusted (first trust on the first call).
    ImportedPackage importTrusted(const fs::path& path, ChangeDecision changes = ChangeDecision::AskFirst) {
        auto outcome = importPackage(*ws_, path, options(&*keyA_, KeyDecision::TrustPresentedKey, changes));
        EXPECT_TRUE(outcome.ok()) << outcome.error().message;
        if (!outcome.ok()) return {};
        EXPECT_EQ(outcome->status, ImportStatus::Imported);
        return outcome->imported.value_or(ImportedPackage{});
    }

    // Row counts of every table plus the store and packages folders.
    std::string snapshot() {
        std::string out;
        auto tables = ws_->database().queryTextColumn(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
        EXPECT_TRUE(tables.ok());
        for (const auto& table : *tables) {
            auto count = ws_->database().queryInt("SELECT count(*) FROM \"" + table + "\"");
            EXPECT_TRUE(count.ok());
            out += table + "=" + std::to_string(count.ok() ? *count : -1) + ";";
        }
        return out + treeDigest(ws_->folder() / "store") + treeDigest(ws_->folder() / "packages");
    }

    void expectRefused(const std::string& label, const fs::path& path, const ImportOptions& o,
                       const std::string& expected) {
        SCOPED_TRACE(label);
        const std::string before = snapshot();
        auto outcome = importPackage(*ws_, path, o);
        ASSERT_FALSE(outcome.ok()) << label << " was accepted";
        EXPECT_NE(outcome.error().message.find(expected), std::string::npos)
            << label << ": \"" << outcome.error().message << "\" lacks \"" << expected << "\"";
        EXPECT_NE(outcome.error().message.find(path.filename().string()), std::string::npos)
            << "the message must name the file: " << outcome.error().message;
        EXPECT_EQ(snapshot(), before) << label << " changed the workspace";
    }

    fs::path split_;
    std::optional<crypto::SigningKey> keyA_, keyB_;
    std::string recipient_, otherRecipient_;
    std::optional<workspace::Workspace> ws_;
};

TEST_F(ImportTest, FirstTrustShowsTheFingerprintThenPinsTheKey) {
    const fs::path v1 = makePackage("v1.otpkg", *keyA_, {});
    expectRefused("no key at all", v1, options(), "unknown key id " + keyA_->keyId().display());

    const std::string before = snapshot();
    auto asked = importPackage(*ws_, v1, options(&*keyA_));
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    ASSERT_EQ(asked->status, ImportStatus::NeedsFirstTrust);
    EXPECT_EQ(asked->firstTrust->publisherId, "example.org");
    EXPECT_EQ(asked->firstTrust->keyId, keyA_->keyId().display());
    EXPECT_EQ(asked->firstTrust->fingerprint, crypto::keyFingerprint(keyA_->publicKey()));
    EXPECT_EQ(snapshot(), before) << "asking must change nothing";

    const ImportedPackage imported = importTrusted(v1);
    EXPECT_TRUE(imported.keyPinned);
    EXPECT_GT(imported.packageId, 0);
    EXPECT_EQ(readBytes(imported.modelFolder / "adapter.safetensors"),
              readBytes(split_ / "adapter.safetensors"));
    EXPECT_EQ(readBytes(imported.modelFolder / "config.json"), readBytes(split_ / "config.json"));
    EXPECT_TRUE(fs::exists(imported.modelFolder / "manifest.json.minisig"));
    EXPECT_EQ(imported.manifestSha256,
              crypto::sha256Hex(readBytes(imported.modelFolder / "manifest.json")));

    auto folder = workspace::packageModelFolder(*ws_, imported.packageId);
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    EXPECT_EQ(*folder, imported.modelFolder);
    auto record = workspace::packageTrustRecord(*ws_, imported.packageId);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->publisher, "example.org");
    EXPECT_EQ(record->keyId, keyA_->keyId().display());
    EXPECT_EQ(record->exportRecipient, recipient_);
    EXPECT_EQ(record->packageVersion, 1);

    // The key is pinned now: the next package needs no key at all.
    auto keys = trustedKeys(*ws_);
    ASSERT_TRUE(keys.ok());
    ASSERT_EQ(keys->keys.size(), 1u);
    EXPECT_EQ(keys->keys[0].publisherId, "example.org");
    const fs::path v2 = makePackage("v2.otpkg", *keyA_, {.version = 2});
    auto second = importPackage(*ws_, v2, options());
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->status, ImportStatus::Imported);
    EXPECT_FALSE(second->imported->keyPinned);

    auto audit = ws_->verifyAuditChain();
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->intact());
    auto pinned = ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'key.pinned'");
    ASSERT_TRUE(pinned.ok());
    EXPECT_EQ(*pinned, 1);
    auto integrity = ws_->checkIntegrity();
    ASSERT_TRUE(integrity.ok());
    EXPECT_TRUE(integrity->ok());
}

TEST_F(ImportTest, RollbackAndEquivocationAreRefused) {
    importTrusted(makePackage("v2.otpkg", *keyA_, {.version = 2}));
    expectRefused("older version", makePackage("v1.otpkg", *keyA_, {.version = 1}), options(),
                  "rollback check failed: it is version 1");
    // Same version, different bytes (a different creation time), validly signed.
    expectRefused("equivocation",
                  makePackage("v2-other.otpkg", *keyA_, {.version = 2, .createdAt = 1'760'000'000}),
                  options(), "equivocation check failed");
    expectRefused("same package again", root_ / "v2.otpkg", options(), "already imported");
}

TEST_F(ImportTest, TimeFloorOutlivesTheClockAndTheProcess) {
    importTrusted(makePackage("new.otpkg", *keyA_, {.version = 2, .createdAt = 1'850'000'000}));
    auto floor = trustedTimeFloor(*ws_);
    ASSERT_TRUE(floor.ok());
    EXPECT_EQ(*floor, 1'850'000'000);
    // Reopen: the floor is persisted.
    ws_.reset();
    auto reopened = workspace::Workspace::open(root_ / "ws");
    ASSERT_TRUE(reopened.ok());
    ws_.emplace(std::move(*reopened));
    // Expires after the system clock but before the floor: a clock set back does not help.
    const fs::path stale =
        makePackage("stale.otpkg", *keyA_,
                    {.modelId = "other-model", .createdAt = 1'700'000'000, .expiresAt = 1'820'000'000});
    expectRefused("expired by the floor", stale, options(), "package expired");
}

TEST_F(ImportTest, KeysAreBoundToTheirPublisher) {
    importTrusted(makePackage("a.otpkg", *keyA_, {}));
    // Key B pinned for publisher "other.org".
    auto b =
        importPackage(*ws_, makePackage("b.otpkg", *keyB_, {.publisher = "other.org", .modelId = "b-model"}),
                      options(&*keyB_, KeyDecision::TrustPresentedKey));
    ASSERT_TRUE(b.ok()) << b.error().message;
    ASSERT_EQ(b->status, ImportStatus::Imported);
    // Key A signs a package claiming publisher other.org.
    expectRefused(
        "key of A claims B", makePackage("a-as-b.otpkg", *keyA_, {.publisher = "other.org", .modelId = "x"}),
        options(),
        "claims publisher \"other.org\" but is signed by the key pinned for publisher \"example.org\"");
    // A new key presented for a publisher that already has one.
    auto c = crypto::SigningKey::generate();
    ASSERT_TRUE(c.ok());
    expectRefused("second key for a publisher", makePackage("c.otpkg", *c, {.version = 5}),
                  options(&*c, KeyDecision::TrustPresentedKey),
                  "is pinned to key " + keyA_->keyId().display());
}

TEST_F(ImportTest, LineageChangesNeedConfirmation) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const fs::path v2 =
        makePackage("v2.otpkg", *keyA_, {.version = 2, .recipient = otherRecipient_, .split = "1-1-1"});
    const std::string before = snapshot();
    auto asked = importPackage(*ws_, v2, options());
    ASSERT_TRUE(asked.ok()) << asked.error().message;
    ASSERT_EQ(asked->status, ImportStatus::NeedsConfirmation);
    ASSERT_EQ(asked->confirmation->changes.size(), 2u);
    EXPECT_NE(asked->confirmation->changes[0].find("encrypted to a different key: " + otherRecipient_),
              std::string::npos);
    EXPECT_NE(asked->confirmation->changes[1].find("split 1-1-1"), std::string::npos);
    EXPECT_EQ(snapshot(), before);

    const ImportedPackage imported = importTrusted(v2, ChangeDecision::Confirmed);
    EXPECT_GT(imported.packageId, 0);
    auto confirmed =
        ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'package.changes_confirmed'");
    ASSERT_TRUE(confirmed.ok());
    EXPECT_EQ(*confirmed, 1);

    // The same model id from another publisher is a lineage change too.
    auto b = importPackage(*ws_, makePackage("b.otpkg", *keyB_, {.publisher = "other.org"}),
                           options(&*keyB_, KeyDecision::TrustPresentedKey));
    ASSERT_TRUE(b.ok()) << b.error().message;
    ASSERT_EQ(b->status, ImportStatus::NeedsConfirmation);
    EXPECT_NE(b->confirmation->changes[0].find("was imported from publisher \"example.org\" before"),
              std::string::npos);
}

TEST_F(ImportTest, DamagedAndUnsignedPackagesChangeNothing) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const fs::path v2 = makePackage("v2.otpkg", *keyA_, {.version = 2});
    std::string bytes = readBytes(v2);
    auto source = package::memorySource(bytes);
    package::TarReader reader(*source);
    std::vector<package::TarEntry> entries;
    for (;;) {
        auto entry = reader.next();
        ASSERT_TRUE(entry.ok());
        if (entry->name.empty()) break;
        entries.push_back(*entry);
    }
    const auto adapter = std::find_if(entries.begin(), entries.end(),
                                      [](const auto& e) { return e.name == "adapter.safetensors"; });
    ASSERT_NE(adapter, entries.end());
    std::string flipped = bytes;
    flipped[adapter->dataOffset + adapter->size - 1] ^= 0x01;
    const fs::path damaged = root_ / "damaged.otpkg";
    writeBytes(damaged, flipped);
    expectRefused("payload byte flipped", damaged, options(), "SHA-256 check failed");
    const fs::path truncated = root_ / "truncated.otpkg";
    writeBytes(truncated, bytes.substr(0, bytes.size() - 2048));
    expectRefused("truncated", truncated, options(), "refused");
    // Without its signature entry (entry 2 removed): PKG-10.
    const package::TarEntry& signature = entries[1];
    ASSERT_EQ(signature.name, "manifest.json.minisig");
    const std::uint64_t sigStart = signature.dataOffset - package::kTarBlockBytes;
    const std::uint64_t sigEnd = signature.dataOffset + ((signature.size + 511) / 512) * 512;
    const fs::path unsigned_ = root_ / "unsigned.otpkg";
    writeBytes(unsigned_, bytes.substr(0, sigStart) + bytes.substr(sigEnd));
    expectRefused("unsigned", unsigned_, options(), "package is not signed");
    // Nothing was left behind in the packages folder.
    for (const auto& entry : fs::directory_iterator(ws_->folder() / "packages")) {
        EXPECT_TRUE(crypto::isSha256Hex(entry.path().filename().string())) << entry.path();
    }
}

// ST-3: the signed manifest states every weights file's tensor layout. A validly signed manifest whose layout
// disagrees with the file's safetensors header (shape, dtype, name, a tensor missing or extra, tensors swapped)
// is refused before the file's data is staged, naming the file and the tensor; the workspace is unchanged. A
// package of the old format (no layout) is refused with what to ask the publisher for.
TEST_F(ImportTest, LayoutThatDisagreesWithTheHeaderIsRefused) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const fs::path v2 = makePackage("v2.otpkg", *keyA_, {.version = 2});

    using package::Manifest;
    using package::TensorLayout;
    const auto tensorsOf = [](Manifest& m, package::FileRole role) -> std::vector<TensorLayout>& {
        for (auto& f : m.files) {
            if (f.role == role) return f.tensors;
        }
        throw std::runtime_error("no such role");
    };
    const auto find = [&](Manifest& m, std::string_view name) -> TensorLayout& {
        for (auto& t : tensorsOf(m, package::FileRole::Adapter)) {
            if (t.name == name) return t;
        }
        throw std::runtime_error("no tensor " + std::string(name));
    };
    const std::string up0 = "model.layers.0.mlp.up_proj.weight";
    const std::string up3 = "model.layers.3.mlp.up_proj.weight";
    struct Case {
        std::string label;
        std::function<void(Manifest&)> edit;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"shape", [&](Manifest& m) { find(m, up0).shape = {4, 2}; },
         "adapter.safetensors: tensor layout check failed: tensor \"" + up0 +
             "\" has shape [2, 4], the signed manifest says [4, 2]"},
        {"dtype", [&](Manifest& m) { find(m, up0).dtype = safetensors::DType::I32; },
         "adapter.safetensors: tensor layout check failed: tensor \"" + up0 +
             "\" has dtype F32, the signed manifest says I32"},
        {"name", [&](Manifest& m) { find(m, up0).name = "model.layers.0.mlp.down_proj.weight"; },
         "adapter.safetensors: tensor layout check failed: it holds a tensor named \"" + up0 +
             "\" where the signed manifest lists \"model.layers.0.mlp.down_proj.weight\" (a renamed tensor)"},
        {"missing",
         [&](Manifest& m) {
             auto& t = tensorsOf(m, package::FileRole::Emulator);
             const std::uint64_t end = t.back().end;
             t.push_back(TensorLayout{"model.extra.weight", safetensors::DType::F32, {0}, end, end});
         },
         "emulator.safetensors: tensor layout check failed: the tensor \"model.extra.weight\" that the signed "
         "manifest lists is missing"},
        {"extra", [&](Manifest& m) { tensorsOf(m, package::FileRole::Emulator).pop_back(); },
         "emulator.safetensors: tensor layout check failed: it holds the tensor \"model.norm.weight\", which the "
         "signed manifest does not list (an extra tensor)"},
        {"swapped", [&](Manifest& m) { std::swap(find(m, up0).name, find(m, up3).name); },
         "adapter.safetensors: tensor layout check failed: tensor \"" + up0 + "\" lies at bytes"},
        {"old format",
         [&](Manifest& m) {
             m.specVersion = 1;
             for (auto& f : m.files) f.tensors.clear();
         },
         "manifest.json: this package was made by an older owner tool (package format 1"},
    };
    for (const Case& c : cases) {
        const fs::path mutated = root_ / ("layout-" + std::to_string(&c - cases.data()) + ".otpkg");
        resignPackage(v2, mutated, *keyA_, c.edit);
        expectRefused(c.label, mutated, options(), c.expected);
    }
    // The words a non-expert can act on.
    const fs::path shape = root_ / "layout-0.otpkg";
    auto outcome = importPackage(*ws_, shape, options());
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find("The package is damaged or was not made by the publisher"),
              std::string::npos);
    EXPECT_NE(outcome.error().message.find("ask the publisher for a new copy"), std::string::npos);
    auto old = importPackage(*ws_, root_ / "layout-6.otpkg", options());
    ASSERT_FALSE(old.ok());
    EXPECT_NE(old.error().message.find("Ask the publisher to repack the model with a current Offsite Studio"),
              std::string::npos)
        << old.error().message;
    // Nothing was left behind in the packages folder, and the unmodified package imports.
    for (const auto& entry : fs::directory_iterator(ws_->folder() / "packages")) {
        EXPECT_TRUE(crypto::isSha256Hex(entry.path().filename().string())) << entry.path();
    }
    auto fine = importPackage(*ws_, v2, options());
    ASSERT_TRUE(fine.ok()) << fine.error().message;
    EXPECT_EQ(fine->status, ImportStatus::Imported);
}

TEST_F(ImportTest, LeftoversOfAnInterruptedImportAreRemoved) {
    const ImportedPackage kept = importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const fs::path packages = ws_->folder() / "packages";
    fs::create_directories(packages / ".incoming-abc123" / "model");
    const fs::path orphan = packages / std::string(64, 'a');
    fs::create_directories(orphan);
    auto removed = cleanUpPackageFolders(*ws_);
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    EXPECT_EQ(removed->size(), 2u);
    EXPECT_FALSE(fs::exists(orphan));
    EXPECT_FALSE(fs::exists(packages / ".incoming-abc123"));
    EXPECT_TRUE(fs::exists(kept.modelFolder / "adapter.safetensors"));
}

TEST_F(ImportTest, CancelledImportLeavesNothing) {
    const fs::path v1 = makePackage("v1.otpkg", *keyA_, {});
    ImportOptions o = options(&*keyA_, KeyDecision::TrustPresentedKey);
    o.progress = [](std::uint64_t, std::uint64_t) { return false; };
    const std::string before = snapshot();
    auto outcome = importPackage(*ws_, v1, o);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().kind, ErrorKind::Cancelled);
    EXPECT_EQ(snapshot(), before);
}

// Schema v2 over the committed v1 fixture: the old rows stay, and packages import into the migrated database.
TEST_F(ImportTest, V1WorkspaceMigratesAndImports) {
    ws_.reset();
    const fs::path folder = root_ / "old";
    fs::create_directories(folder);
    fs::copy_file(fs::path(OFFSITE_SOURCE_DIR) / "tests/workspace/fixtures/schema_v1.sqlite",
                  folder / "workspace.sqlite");
    auto opened = workspace::Workspace::open(folder);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    ws_.emplace(std::move(*opened));
    EXPECT_EQ(ws_->startupReport().migration.fromVersion, 1);
    EXPECT_EQ(ws_->startupReport().migration.toVersion, workspace::kLatestSchemaVersion);
    EXPECT_TRUE(ws_->startupReport().migration.backup.has_value());
    const ImportedPackage imported = importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    auto packages = ws_->packages();
    ASSERT_TRUE(packages.ok());
    ASSERT_EQ(packages->size(), 2u);
    EXPECT_EQ((*packages)[0].name, "smollm2-adapter");  // from the fixture
    EXPECT_EQ((*packages)[1].name, "example.org/tiny-llama-offsite");
    // The v1 package has no extracted folder; the new one has.
    EXPECT_EQ(workspace::packageModelFolder(*ws_, (*packages)[0].id).error().kind, ErrorKind::NotFound);
    EXPECT_TRUE(workspace::packageModelFolder(*ws_, imported.packageId).ok());
    // The lineage and the time floor only grow, even for raw SQL.
    EXPECT_FALSE(ws_->database().exec("UPDATE package_lineage SET max_version = 0").ok());
    EXPECT_FALSE(ws_->database().exec("UPDATE trust_time_floor SET floor_seconds = 0").ok());
    auto integrity = ws_->checkIntegrity();
    ASSERT_TRUE(integrity.ok());
    EXPECT_TRUE(integrity->ok());
}

// PKG-6: an expired package is refused; an administrator's override is explicit (a reason), and logged with
// who, why, the expiry and the clock and floor it was judged by.
TEST_F(ImportTest, ExpiredPackageNeedsAnExplicitLoggedOverride) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const fs::path expired =
        makePackage("expired.otpkg", *keyA_, {.version = 2, .createdAt = 1'700'000'000, .expiresAt = 1'760'000'000});
    expectRefused("expired, no override", expired, options(), "--override-expiry REASON");
    ImportOptions blank = options();
    blank.expiryOverrideReason = "  ";
    expectRefused("blank reason", expired, blank, "the expiry override needs a reason");
    // The override covers expiry only: it does not let a rollback through.
    ImportOptions o = options();
    o.expiryOverrideReason = "publisher confirmed by phone that version 2 is current";
    o.actor = "admin:alice";
    auto outcome = importPackage(*ws_, expired, o);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_EQ(outcome->status, ImportStatus::Imported);
    EXPECT_TRUE(outcome->imported->expiryOverridden);
    auto logged = ws_->database().queryTextColumn(
        "SELECT actor || '|' || details_json FROM audit_log WHERE action = 'package.expiry_overridden'");
    ASSERT_TRUE(logged.ok());
    ASSERT_EQ(logged->size(), 1u);
    const std::string& entry = (*logged)[0];
    EXPECT_EQ(entry.rfind("admin:alice|", 0), 0u) << entry;
    for (const std::string& part : {std::string("publisher confirmed by phone"), std::string("\"expires_at\":1760000000"),
                                    std::string("\"clock\":1800000000"), std::string("\"time_floor\":1750000000")}) {
        EXPECT_NE(entry.find(part), std::string::npos) << entry << " lacks " << part;
    }
    // An import that needs no override logs none.
    importTrusted(makePackage("v3.otpkg", *keyA_, {.version = 3}));
    auto count = ws_->database().queryInt("SELECT count(*) FROM audit_log WHERE action = 'package.expiry_overridden'");
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1);
    ImportOptions rollback = options();
    rollback.expiryOverrideReason = "testing";
    expectRefused("override does not allow a rollback",
                  makePackage("old.otpkg", *keyA_, {.version = 1, .createdAt = 1'600'000'000, .expiresAt = 1'650'000'000}),
                  rollback, "rollback check failed");
}

// ST-3: floating-point weights must be finite. A NaN or infinity anywhere (also in an element cut by the
// 64 KiB read chunks) is refused by name, element and file, and nothing is imported.
TEST_F(ImportTest, NonFiniteWeightsAreRefused) {
    const fs::path nanSplit = root_ / "nan-split";
    writeSplitFolder(nanSplit, std::numeric_limits<float>::quiet_NaN());
    ASSERT_TRUE(pack(nanSplit, root_ / "nan.otpkg", *keyA_, {.recipient = recipient_}).ok());
    expectRefused("NaN adapter", root_ / "nan.otpkg", options(&*keyA_, KeyDecision::TrustPresentedKey),
                  "adapter.safetensors: value check failed: tensor \"model.layers.0.");
    expectRefused("NaN adapter, the words", root_ / "nan.otpkg", options(&*keyA_, KeyDecision::TrustPresentedKey),
                  "holds a NaN (not-a-number) value at element 0 of ");

    // Emulator: an F16 scalar shifts a big F32 tensor so that element k straddles the 64 KiB chunk boundary.
    const fs::path infSplit = root_ / "inf-split";
    writeSplitFolder(infSplit);
    // Written by hand: the reference serializer would align the F32 tensor, and this one must not be.
    auto build = [&](std::size_t bad, float value) {
        std::string header =
            R"({"a.scale":{"dtype":"F16","shape":[1],"data_offsets":[0,2]},)"
            R"("b.weight":{"dtype":"F32","shape":[40000],"data_offsets":[2,160002]}})";
        while (header.size() % 8 != 0) header += ' ';
        std::string out;
        for (int i = 0; i < 8; ++i) out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
        out += header;
        out += std::string("\x00\x3c", 2);
        for (std::size_t i = 0; i < 40'000; ++i) {
            const float f = i == bad ? value : 0.25f;
            out.append(reinterpret_cast<const char*>(&f), 4);
        }
        return out;
    };
    const std::string probe = build(0, 0.25f);
    const std::uint64_t n = static_cast<unsigned char>(probe[0]) | (static_cast<std::uint64_t>(static_cast<unsigned char>(probe[1])) << 8);
    const std::uint64_t bStart = 8 + n + 2;  // b.weight's first byte in the file
    ASSERT_LT(bStart, 65'536u);
    const std::size_t k = static_cast<std::size_t>((65'536 - bStart) / 4);  // the element cut by the boundary
    ASSERT_NE((65'536 - bStart) % 4, 0u) << "the test wants an element across the chunk boundary";
    writeBytes(infSplit / "emulator.safetensors", build(k, std::numeric_limits<float>::infinity()));
    // (Hand-made weights without decoder blocks: an architecture whose block names are not checked.)
    const PackSpec handMade{.recipient = recipient_, .architecture = "test-arch"};
    ASSERT_TRUE(pack(infSplit, root_ / "inf.otpkg", *keyA_, handMade).ok());
    expectRefused("infinity across a chunk boundary", root_ / "inf.otpkg",
                  options(&*keyA_, KeyDecision::TrustPresentedKey),
                  "emulator.safetensors: value check failed: tensor \"b.weight\" holds an infinite value at element " +
                      std::to_string(k) + " of 40000");
    // The same file with finite values imports.
    writeBytes(infSplit / "emulator.safetensors", build(k, 1.0f));
    ASSERT_TRUE(pack(infSplit, root_ / "finite.otpkg", *keyA_, handMade).ok());
    auto ok = importPackage(*ws_, root_ / "finite.otpkg", options(&*keyA_, KeyDecision::TrustPresentedKey));
    ASSERT_TRUE(ok.ok()) << ok.error().message;

    // BF16 and F16 NaN bit patterns (no float type in C++ for them).
    for (const auto& [dtype, bits, name] : {std::tuple{safetensors::DType::BF16, std::uint16_t{0x7fc1}, "bf16"},
                                            std::tuple{safetensors::DType::F16, std::uint16_t{0xfc00}, "f16"}}) {
        const fs::path split = root_ / (std::string(name) + "-split");
        writeSplitFolder(split);
        const std::vector<std::uint16_t> values = {0x3c00, 0x3c00, bits, 0x3c00};
        std::vector<safetensors::TensorView> views = {
            {"x.weight", dtype, {4},
             std::span<const std::byte>(reinterpret_cast<const std::byte*>(values.data()), 8)}};
        auto bytes = safetensors::serialize(views);
        ASSERT_TRUE(bytes.ok());
        writeBytes(split / "emulator.safetensors", *bytes);
        const fs::path out = root_ / (std::string(name) + ".otpkg");
        ASSERT_TRUE(pack(split, out, *keyA_,
                         {.modelId = std::string("m-") + name, .recipient = recipient_, .architecture = "test-arch"})
                        .ok());
        expectRefused(name, out, options(), std::string("tensor \"x.weight\" holds ") +
                                                (dtype == safetensors::DType::BF16 ? "a NaN" : "an infinite value") +
                                                (dtype == safetensors::DType::BF16 ? " (not-a-number) value at element 2"
                                                                                   : " at element 2"));
    }
}

// PKG-8: signed key changes. The change is signed by a threshold of the keys trusted now AND of the new keys,
// its version follows the current one exactly, each key id counts once, and it is recorded (with an audit
// entry) in the same transaction as the package it lets verify.
class KeyRotationTest : public ImportTest {
protected:
    package::SignedKeyRotation rotation(std::int64_t version, std::vector<const crypto::SigningKey*> newKeys,
                                        std::vector<const crypto::SigningKey*> signers, std::int64_t threshold = 1,
                                        std::int64_t createdAt = 1'760'000'000) {
        package::KeyRotation r;
        r.publisherId = "example.org";
        r.version = version;
        r.threshold = threshold;
        r.createdAt = createdAt;
        for (const auto* key : newKeys) r.keys.push_back(key->publicKey());
        auto signedRotation = package::signKeyRotation(r, signers);
        EXPECT_TRUE(signedRotation.ok()) << signedRotation.error().message;
        return signedRotation.ok() ? *signedRotation : package::SignedKeyRotation{};
    }
    fs::path makeRotatedPackage(const std::string& name, const crypto::SigningKey& key, PackSpec spec,
                                std::vector<package::SignedKeyRotation> rotations) {
        spec.recipient = recipient_;
        const fs::path out = root_ / name;
        auto manifest = pack(split_, out, key, spec, std::move(rotations));
        EXPECT_TRUE(manifest.ok()) << (manifest.ok() ? "" : manifest.error().message);
        return out;
    }
    std::int64_t count(const std::string& sql) {
        auto n = ws_->database().queryInt(sql);
        EXPECT_TRUE(n.ok());
        return n.ok() ? *n : -1;
    }
    crypto::SigningKey newKey() {
        auto key = crypto::SigningKey::generate();
        EXPECT_TRUE(key.ok());
        return std::move(*key);
    }
};

TEST_F(KeyRotationTest, NeedsTheOldAndTheNewKeyThenTheOldKeyIsRefused) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const crypto::SigningKey c = newKey();
    // Without any key change, the message says what the publisher has to do.
    expectRefused("no key change", makePackage("bare.otpkg", c, {.version = 2}), options(&c),
                  "offsite owner rotate-key");
    expectRefused("signed only by the new key",
                  makeRotatedPackage("only-new.otpkg", c, {.version = 2}, {rotation(2, {&c}, {&c})}), options(),
                  "publisher-keys.v2.json: key change check failed: it must be signed by 1 of publisher "
                  "\"example.org\"'s current keys (" +
                      keyA_->keyId().display() + "), and 0 distinct current keys signed it");
    expectRefused("signed only by the old key",
                  makeRotatedPackage("only-old.otpkg", c, {.version = 2}, {rotation(2, {&c}, {&*keyA_})}),
                  options(), "it must also be signed by 1 of the new keys (" + c.keyId().display() + ")");
    // A signature whose signed comment names another version does not count.
    {
        package::SignedKeyRotation other = rotation(2, {&c}, {&*keyA_, &c});
        const package::SignedKeyRotation wrongVersion = rotation(3, {&c}, {&*keyA_});
        other.signatures[0].second = wrongVersion.signatures[0].second;
        expectRefused("signature made for another document",
                      makeRotatedPackage("other-doc.otpkg", c, {.version = 2}, {other}), options(),
                      "does not verify over publisher-keys.v2.json");
    }
    const package::SignedKeyRotation both = rotation(2, {&c}, {&*keyA_, &c});
    expectRefused("a valid key change, but the package still signed by the old key",
                  makeRotatedPackage("old-signer.otpkg", *keyA_, {.version = 2}, {both}), options(),
                  "(publisher-keys.v2.json) drops that key, so the package must be signed with the new key");
    auto outcome = importPackage(*ws_, makeRotatedPackage("both.otpkg", c, {.version = 2}, {both}), options());
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_EQ(outcome->status, ImportStatus::Imported);
    ASSERT_EQ(outcome->imported->keyChanges.size(), 1u);
    EXPECT_NE(outcome->imported->keyChanges[0].find("version 2"), std::string::npos);
    EXPECT_EQ(count("SELECT count(*) FROM publisher_roots WHERE version = 2 AND threshold = 1"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM publisher_keys WHERE revoked_at IS NULL AND key_id = '" +
                    c.keyId().display() + "'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM publisher_keys WHERE revoked_at IS NOT NULL AND key_id = '" +
                    keyA_->keyId().display() + "'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'key.rotated' AND details_json LIKE '%" +
                    c.keyId().display() + "%'"),
              1);
    // The new key signs later packages without carrying the change again; the old key no longer does.
    auto v3 = importPackage(*ws_, makePackage("v3.otpkg", c, {.version = 3}), options());
    ASSERT_TRUE(v3.ok()) << v3.error().message;
    EXPECT_EQ(v3->status, ImportStatus::Imported);
    expectRefused("package by the dropped key", makePackage("v4-old.otpkg", *keyA_, {.version = 4}), options(),
                  "was dropped by publisher \"example.org\" in a signed key change");
    // Presenting the dropped key again does not bring it back.
    expectRefused("dropped key presented", root_ / "v4-old.otpkg", options(&*keyA_, KeyDecision::TrustPresentedKey),
                  "is pinned to key " + c.keyId().display());
    // Carrying the recorded change again is harmless.
    auto v5 = importPackage(*ws_, makeRotatedPackage("v5.otpkg", c, {.version = 5}, {both}), options());
    ASSERT_TRUE(v5.ok()) << v5.error().message;
    EXPECT_TRUE(v5->imported->keyChanges.empty());
    // The records cannot be edited behind the importer's back.
    EXPECT_FALSE(ws_->database().exec("DELETE FROM publisher_roots").ok());
    EXPECT_FALSE(ws_->database().exec("UPDATE publisher_roots SET threshold = 5").ok());
    auto integrity = ws_->checkIntegrity();
    ASSERT_TRUE(integrity.ok());
    EXPECT_TRUE(integrity->ok());
}

TEST_F(KeyRotationTest, EachKeyIdCountsOnceTowardTheThreshold) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const crypto::SigningKey c = newKey();
    const crypto::SigningKey d = newKey();
    // Threshold 2 of {C, D}; C's signature twice (under two names) is still one key.
    package::SignedKeyRotation twice = rotation(2, {&c, &d}, {&*keyA_, &c}, 2);
    twice.signatures.emplace_back("publisher-keys.v2.json.again.minisig", twice.signatures[1].second);
    expectRefused("one new key twice", makeRotatedPackage("twice.otpkg", c, {.version = 2}, {twice}), options(),
                  "it must also be signed by 2 of the new keys");
    const auto twoKeys = rotation(2, {&c, &d}, {&*keyA_, &c, &d}, 2);
    auto accepted = importPackage(*ws_, makeRotatedPackage("v2.otpkg", d, {.version = 2}, {twoKeys}), options());
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    // Now the next change needs 2 of {C, D}: C twice is not enough.
    const crypto::SigningKey e = newKey();
    package::SignedKeyRotation next = rotation(3, {&e}, {&c, &e});
    next.signatures.emplace_back("publisher-keys.v3.json.again.minisig", next.signatures[0].second);
    expectRefused("one old key twice", makeRotatedPackage("v3-twice.otpkg", e, {.version = 3}, {twoKeys, next}),
                  options(), "it must be signed by 2 of publisher \"example.org\"'s current keys");
    auto three = importPackage(
        *ws_, makeRotatedPackage("v3.otpkg", e, {.version = 3}, {twoKeys, rotation(3, {&e}, {&c, &d, &e})}),
        options());
    ASSERT_TRUE(three.ok()) << three.error().message;
    EXPECT_EQ(count("SELECT count(*) FROM publisher_keys WHERE revoked_at IS NULL"), 1);
}

TEST_F(KeyRotationTest, VersionsFollowOneAnother) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const crypto::SigningKey c = newKey();
    const crypto::SigningKey d = newKey();
    expectRefused("version 3 directly",
                  makeRotatedPackage("skip.otpkg", c, {.version = 2}, {rotation(3, {&c}, {&*keyA_, &c})}),
                  options(), "only version 2 can follow it (a skipped version)");
    // Both changes in order, in one package: A -> C -> D.
    const auto toC = rotation(2, {&c}, {&*keyA_, &c});
    auto chained = importPackage(
        *ws_, makeRotatedPackage("chain.otpkg", d, {.version = 2}, {toC, rotation(3, {&d}, {&c, &d})}), options());
    ASSERT_TRUE(chained.ok()) << chained.error().message;
    EXPECT_EQ(chained->imported->keyChanges.size(), 2u);
    EXPECT_EQ(count("SELECT max(version) FROM publisher_roots"), 3);
    // A different document for version 2 (signed by A and C) is a publisher contradicting itself.
    expectRefused("two documents for one version",
                  makeRotatedPackage("equivocal.otpkg", d, {.version = 3},
                                     {rotation(2, {&c}, {&*keyA_, &c}, 1, 1'760'000'001)}),
                  options(), "holds a different key change with the same version 2");
    // The database refuses a skipped version even from raw SQL.
    EXPECT_FALSE(ws_->database()
                     .exec("INSERT INTO publisher_roots VALUES (1, 9, 1, '" + std::string(64, 'a') + "', '{}', 0)")
                     .ok());
}

TEST_F(KeyRotationTest, StockMinisignVerifiesEveryKeyChangeSignature) {
    const fs::path minisign = "/usr/bin/minisign";
    if (!fs::exists(minisign)) GTEST_SKIP() << "minisign is not installed";
    const crypto::SigningKey c = newKey();
    const auto both = rotation(2, {&c}, {&*keyA_, &c});
    const fs::path folder = root_ / "change";
    fs::create_directories(folder);
    writeBytes(folder / both.documentName, both.documentBytes);
    writeBytes(folder / "old.pub", crypto::formatMinisignPublicKey(keyA_->publicKey()));
    writeBytes(folder / "new.pub", crypto::formatMinisignPublicKey(c.publicKey()));
    for (const auto& [name, text] : both.signatures) writeBytes(folder / name, text);
    const std::string doc = (folder / both.documentName).string();
    const std::string oldSig = (folder / both.signatures[0].first).string();
    const std::string newSig = (folder / both.signatures[1].first).string();
    auto run = [&](const std::string& sig, const std::string& pub) {
        const std::string command = minisign.string() + " -q -V -m '" + doc + "' -x '" + sig + "' -p '" +
                                    (folder / pub).string() + "' >/dev/null 2>&1";
        return std::system(command.c_str());
    };
    EXPECT_EQ(run(oldSig, "old.pub"), 0);
    EXPECT_EQ(run(newSig, "new.pub"), 0);
    EXPECT_NE(run(newSig, "old.pub"), 0);
    // And the files read back from the folder as `owner pack --key-change` reads them.
    auto read = package::readKeyRotationFiles(doc);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->documentBytes, both.documentBytes);
    EXPECT_EQ(read->signatures.size(), 2u);
}

TEST(DefaultWorkspaceFolder, FollowsTheEnvironment) {
    const char* savedWs = std::getenv("OFFSITE_WORKSPACE");
    const char* savedXdg = std::getenv("XDG_DATA_HOME");
    const std::string ws = savedWs ? savedWs : "";
    const std::string xdg = savedXdg ? savedXdg : "";
    ::setenv("OFFSITE_WORKSPACE", "/tmp/explicit", 1);
    ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
    EXPECT_EQ(workspace::defaultWorkspaceFolder(), fs::path("/tmp/explicit"));
    ::setenv("OFFSITE_WORKSPACE", "", 1);
    EXPECT_EQ(workspace::defaultWorkspaceFolder(), fs::path("/tmp/xdg/offsite-studio"));
    ::unsetenv("XDG_DATA_HOME");
    const char* home = std::getenv("HOME");
    EXPECT_EQ(workspace::defaultWorkspaceFolder(),
              fs::path(home ? home : ".") / ".local" / "share" / "offsite-studio");
    if (savedWs)
        ::setenv("OFFSITE_WORKSPACE", ws.c_str(), 1);
    else
        ::unsetenv("OFFSITE_WORKSPACE");
    if (savedXdg) ::setenv("XDG_DATA_HOME", xdg.c_str(), 1);
}

// A front end's check before the licence: every decision before the payload, the signed facts (with the key
// change and who authorised it), and no payload byte read and nothing changed.
TEST_F(KeyRotationTest, DecisionsOnlyReportsTheSignedFactsAndChangesNothing) {
    importTrusted(makePackage("v1.otpkg", *keyA_, {}));
    const crypto::SigningKey c = newKey();
    const fs::path rotated =
        makeRotatedPackage("rotated.otpkg", c, {.version = 2}, {rotation(2, {&c}, {&*keyA_, &c})});
    const std::string before = snapshot();
    ImportOptions o = options();
    o.scope = ImportScope::DecisionsOnly;
    std::optional<SignedFacts> facts;
    o.onSigned = [&](const SignedFacts& f) { facts = f; };
    std::uint64_t payloadBytes = 0;
    o.progress = [&](std::uint64_t done, std::uint64_t) {
        payloadBytes = done;
        return true;
    };
    auto outcome = importPackage(*ws_, rotated, o);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().kind, ErrorKind::Cancelled) << outcome.error().message;
    EXPECT_EQ(payloadBytes, 0u);
    EXPECT_EQ(snapshot(), before);
    ASSERT_TRUE(facts.has_value());
    EXPECT_EQ(facts->signedPart.manifest.packageVersion, 2);
    EXPECT_EQ(facts->signedPart.keyId.display(), c.keyId().display());
    EXPECT_EQ(facts->keyFingerprint, crypto::keyFingerprint(c.publicKey()));
    ASSERT_EQ(facts->keyChanges.size(), 1u);
    const KeyChangeFacts& change = facts->keyChanges.front();
    EXPECT_EQ(change.publisherId, "example.org");
    EXPECT_EQ(change.version, 2);
    EXPECT_EQ(change.authorisedBy, std::vector<std::string>{crypto::keyFingerprint(keyA_->publicKey())});
    EXPECT_EQ(change.addedKeys, std::vector<std::string>{crypto::keyFingerprint(c.publicKey())});
    EXPECT_EQ(change.droppedKeys, std::vector<std::string>{crypto::keyFingerprint(keyA_->publicKey())});
    // The same package all the way.
    auto imported = importPackage(*ws_, rotated, options());
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    EXPECT_EQ(imported->status, ImportStatus::Imported);
}

}  // namespace
}  // namespace offsite::trust
