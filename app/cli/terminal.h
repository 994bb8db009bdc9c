// Terminal output for the command line: a progress bar that draws only on an interactive terminal (scripts
// and logs get one final line), aligned tables, and JSON output for --json.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace offsite::cli {

[[nodiscard]] bool isTerminal(int fd);

class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    // fraction in [0, 1]; detail is appended ("12/30 tensors"). Redraws at most ~10 times a second.
    void update(double fraction, const std::string& detail = {});
    void finish(const std::string& detail = {});

private:
    std::string label_;
    bool interactive_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point lastDraw_{};
    bool finished_ = false;
};

// Prints rows as columns separated by two spaces; numeric-looking columns are right-aligned.
void printTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

[[nodiscard]] std::string humanBytes(std::uint64_t bytes);
[[nodiscard]] std::string humanCount(std::int64_t count);  // 134.5M

}  // namespace offsite::cli
