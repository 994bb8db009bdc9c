// PKG-2: an import SIGKILLed at a random moment leaves either the whole package (row, folder, pin, lineage)
// or nothing; after the next start-up no staging folder or orphan folder remains, the database passes its
// integrity checks, and importing again finishes the job.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "core/crypto/sha256.h"
#include "core/trust/import.h"
#include "core/workspace/packages.h"
#include "trust_test_support.h"

namespace offsite::trust {
namespace {

using namespace testing;

#ifndef OFFSITE_IMPORT_KILLS
#define OFFSITE_IMPORT_KILLS 40
#endif

// The number of kills: $OFFSITE_IMPORT_KILLS when set (e.g. 200 for PKG-2's count), else the build's default.
int killCount() {
    if (const char* text = std::getenv("OFFSITE_IMPORT_KILLS"); text != nullptr && *text != '\0') {
        const int n = std::atoi(text);
        if (n > 0) return n;
    }
    return OFFSITE_IMPORT_KILLS;
}

pid_t spawn(const fs::path& ws, const fs::path& pkg, const fs::path& pub, int& readyFd) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::execl(OFFSITE_IMPORT_CRASH_CHILD, OFFSITE_IMPORT_CRASH_CHILD, ws.c_str(), pkg.c_str(), pub.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    readyFd = fds[0];
    return pid;
}

class ImportKillTest : public ScratchTest {};

TEST_F(ImportKillTest, KilledImportsLeaveAllOrNothing) {
    writeSplitFolder(root_ / "split");
    auto key = crypto::SigningKey::generate();
    auto identity = crypto::AgeIdentity::generate();
    ASSERT_TRUE(key.ok() && identity.ok());
    writeBytes(root_ / "owner.pub", crypto::formatMinisignPublicKey(key->publicKey()));
    PackSpec spec;
    spec.recipient = identity->recipient().toString();
    ASSERT_TRUE(pack(root_ / "split", root_ / "model.otpkg", *key, spec).ok());
    const std::string adapter = readBytes(root_ / "split" / "adapter.safetensors");

    // Calibrate: how long one import takes here (sanitizers and load change it), so that the kills spread over
    // the whole import rather than all landing before or after it.
    std::int64_t importUs = 0;
    {
        int readyFd = -1;
        const pid_t child = spawn(root_ / "calibration", root_ / "model.otpkg", root_ / "owner.pub", readyFd);
        ASSERT_GT(child, 0);
        pollfd p{readyFd, POLLIN, 0};
        ASSERT_EQ(::poll(&p, 1, 20000), 1);
        const auto start = std::chrono::steady_clock::now();
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        importUs = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
                       .count();
        ::close(readyFd);
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the calibration import failed";
    }
    std::mt19937_64 rng(11);
    std::uniform_int_distribution<std::int64_t> delayUs(0, importUs + importUs / 5);
    int complete = 0;
    int nothing = 0;
    const int kills = killCount();
    for (int i = 0; i < kills; ++i) {
        SCOPED_TRACE("kill " + std::to_string(i));
        const fs::path folder = root_ / ("ws" + std::to_string(i));
        int readyFd = -1;
        const pid_t child = spawn(folder, root_ / "model.otpkg", root_ / "owner.pub", readyFd);
        ASSERT_GT(child, 0);
        pollfd p{readyFd, POLLIN, 0};
        ASSERT_EQ(::poll(&p, 1, 20000), 1) << "the child never opened the workspace";
        std::this_thread::sleep_for(std::chrono::microseconds(delayUs(rng)));
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
        ::close(readyFd);

        auto ws = workspace::Workspace::open(folder);
        ASSERT_TRUE(ws.ok()) << ws.error().message;
        auto cleaned = cleanUpPackageFolders(*ws);
        ASSERT_TRUE(cleaned.ok()) << cleaned.error().message;
        auto integrity = ws->checkIntegrity();
        ASSERT_TRUE(integrity.ok());
        EXPECT_TRUE(integrity->ok());
        auto records = workspace::packageTrustRecords(*ws);
        ASSERT_TRUE(records.ok());
        std::size_t folders = 0;
        std::error_code noFolder;
        for (const auto& entry : fs::directory_iterator(folder / "packages", noFolder)) {
            EXPECT_TRUE(crypto::isSha256Hex(entry.path().filename().string())) << entry.path();
            ++folders;
        }
        ASSERT_EQ(folders, records->size()) << "a package folder without its row, or the other way round";
        auto pins = ws->database().queryInt("SELECT count(*) FROM publisher_keys");
        ASSERT_TRUE(pins.ok());
        if (records->empty()) {
            EXPECT_EQ(*pins, 0) << "a key pinned without its package";
            ++nothing;
        } else {
            ASSERT_EQ(records->size(), 1u);
            EXPECT_EQ(readBytes((*records)[0].folder / "adapter.safetensors"), adapter);
            EXPECT_EQ(*pins, 1);
            ++complete;
        }
        // Importing again always ends in one imported package.
        ImportOptions o;
        o.presentedKey = key->publicKey();
        o.keyDecision = KeyDecision::TrustPresentedKey;
        o.now = 1'800'000'000;
        auto again = importPackage(*ws, root_ / "model.otpkg", o);
        if (records->empty()) {
            ASSERT_TRUE(again.ok()) << again.error().message;
        } else {
            ASSERT_FALSE(again.ok());
            EXPECT_NE(again.error().message.find("already imported"), std::string::npos);
        }
        auto after = workspace::packageTrustRecords(*ws);
        ASSERT_TRUE(after.ok());
        EXPECT_EQ(after->size(), 1u);
    }
    std::printf("[import kill harness] one import takes %lld us; %d kills: %d left the whole package, %d left "
                "nothing\n",
                static_cast<long long>(importUs), kills, complete, nothing);
}

}  // namespace
}  // namespace offsite::trust
