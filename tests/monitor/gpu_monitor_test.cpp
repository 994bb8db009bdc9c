// The GPU monitor's loader: NVML absent gives the "no monitor" answer; against the test double of the driver
// (tests/monitor/nvml_test_double.cpp, fixed numbers) the numbers reach the monitor and NVML is shut down.
#include "core/monitor/gpu_monitor.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

namespace offsite::monitor {
namespace {

constexpr const char* kDouble = OFFSITE_NVML_TEST_DOUBLE;

int openSessions() {
    // The monitor loads the double with RTLD_LOCAL; this handle shares the same loaded copy.
    void* library = dlopen(kDouble, RTLD_NOW | RTLD_LOCAL);
    EXPECT_NE(library, nullptr);
    if (library == nullptr) return -1;
    auto sessions = reinterpret_cast<int (*)()>(dlsym(library, "offsiteNvmlTestDoubleSessions"));
    const int n = sessions != nullptr ? sessions() : -1;
    dlclose(library);
    return n;
}

TEST(GpuMonitor, WithoutNvmlSaysThereIsNoMonitor) {
    auto monitor = GpuMonitor::open(0, "/nonexistent/offsite-test/libnvidia-ml.so.1");
    ASSERT_FALSE(monitor.ok());
    EXPECT_EQ(monitor.error().kind, ErrorKind::NotFound);
    EXPECT_NE(monitor.error().message.find("no NVIDIA GPU monitor"), std::string::npos) << monitor.error().message;
    EXPECT_NE(monitor.error().message.find("libnvidia-ml.so.1"), std::string::npos) << monitor.error().message;
    EXPECT_EQ(defaultNvmlLibrary(), std::filesystem::path("libnvidia-ml.so.1"));
}

TEST(GpuMonitor, ReadsTheDriversNumbers) {
    {
        auto monitor = GpuMonitor::open(1, kDouble);
        ASSERT_TRUE(monitor.ok()) << monitor.error().message;
        EXPECT_EQ(openSessions(), 1);
        EXPECT_EQ(monitor->deviceCount(), 2u);
        EXPECT_EQ(monitor->deviceIndex(), 1u);
        EXPECT_EQ(monitor->deviceName(), "Offsite NVML Test Double 1");
        auto sample = monitor->sample();
        ASSERT_TRUE(sample.ok()) << sample.error().message;
        EXPECT_EQ(sample->memoryTotalBytes, 16ull << 30);
        EXPECT_EQ(sample->memoryFreeBytes, 12ull << 30);
        EXPECT_EQ(sample->memoryUsedBytes, 4ull << 30);
        EXPECT_EQ(sample->utilisationPercent, 7u);
        // Moved, the session stays open once.
        GpuMonitor moved = std::move(monitor).value();
        auto again = moved.sample();
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again->utilisationPercent, 7u);
        EXPECT_EQ(openSessions(), 1);
    }
    EXPECT_EQ(openSessions(), 0);  // shut down with the monitor
    auto first = GpuMonitor::open(0, kDouble);
    ASSERT_TRUE(first.ok()) << first.error().message;
    auto sample = first->sample();
    ASSERT_TRUE(sample.ok());
    EXPECT_EQ(sample->memoryUsedBytes, 3ull << 30);
    EXPECT_EQ(sample->utilisationPercent, 42u);
}

TEST(GpuMonitor, AGpuThatDoesNotExistIsNoMonitor) {
    auto monitor = GpuMonitor::open(5, kDouble);
    ASSERT_FALSE(monitor.ok());
    EXPECT_NE(monitor.error().message.find("GPU 5 does not exist (this machine has 2 NVIDIA GPU(s))"),
              std::string::npos)
        << monitor.error().message;
    EXPECT_EQ(openSessions(), 0);  // the failed open shut NVML down again
}

// On a machine with an NVIDIA driver: the real NVML's numbers are consistent (skipped without the driver).
TEST(GpuMonitor, TheDriversNumbersAreConsistentWhenAGpuIsPresent) {
    auto monitor = GpuMonitor::open();
    if (!monitor.ok()) GTEST_SKIP() << monitor.error().message;
    EXPECT_GE(monitor->deviceCount(), 1u);
    EXPECT_FALSE(monitor->deviceName().empty());
    auto sample = monitor->sample();
    ASSERT_TRUE(sample.ok()) << sample.error().message;
    EXPECT_GT(sample->memoryTotalBytes, 0u);
    EXPECT_LE(sample->memoryUsedBytes, sample->memoryTotalBytes);
    EXPECT_LE(sample->utilisationPercent, 100u);
}

}  // namespace
}  // namespace offsite::monitor
