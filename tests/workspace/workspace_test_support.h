// Shared helpers for the workspace tests: a fresh temporary folder per test and small checks.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/workspace/workspace.h"

namespace offsite::workspace {
namespace fs = std::filesystem;
}  // namespace offsite::workspace

namespace offsite::workspace::testing {

class TempFolderTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() / ("offsite_ws_" + std::string(info->test_suite_name()) + "_" +
                                            std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    fs::path dir_;
};

// Unwraps a Result in a test, failing with the error's message.
#define WS_ASSERT_OK_AND_ASSIGN(lhs, expr) \
    WS_ASSERT_OK_AND_ASSIGN_IMPL(OFFSITE_CONCAT(ws_r_, __LINE__), lhs, expr)
#define WS_ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                               \
    ASSERT_TRUE(tmp.ok()) << tmp.error().message;    \
    lhs = std::move(tmp).value()
#define WS_ASSERT_OK(expr)                                          \
    do {                                                            \
        auto&& ws_status_ = (expr);                                 \
        ASSERT_TRUE(ws_status_.ok()) << ws_status_.error().message; \
    } while (false)

}  // namespace offsite::workspace::testing
