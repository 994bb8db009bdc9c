// Progress bars and tables for the command line.
#include "app/cli/terminal.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace offsite::cli {

bool isTerminal(int fd) { return ::isatty(fd) == 1; }

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), interactive_(isTerminal(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

void ProgressBar::update(double fraction, const std::string& detail) {
    if (!interactive_ || finished_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - lastDraw_ < std::chrono::milliseconds(100) && fraction < 1.0) return;
    lastDraw_ = now;
    fraction = std::clamp(fraction, 0.0, 1.0);
    constexpr int kWidth = 30;
    int filled = static_cast<int>(std::lround(fraction * kWidth));
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    double elapsed = std::chrono::duration<double>(now - start_).count();
    std::string eta;
    if (fraction > 0.02 && fraction < 1.0) {
        eta = " ETA " + std::to_string(static_cast<int>(std::ceil(elapsed / fraction - elapsed))) + "s";
    }
    std::fprintf(stderr, "\r%s [%s] %3d%% %s%s\033[K", label_.c_str(), bar.c_str(),
                 static_cast<int>(fraction * 100), detail.c_str(), eta.c_str());
    std::fflush(stderr);
}

void ProgressBar::finish(const std::string& detail) {
    if (finished_) return;
    finished_ = true;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (interactive_) std::fprintf(stderr, "\r\033[K");
    std::fprintf(stderr, "%s: done in %.1f s%s%s\n", label_.c_str(), elapsed, detail.empty() ? "" : ", ",
                 detail.c_str());
}

void printTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths(header.size(), 0);
    std::vector<bool> numeric(header.size(), true);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    };
    measure(header);
    for (const auto& row : rows) {
        measure(row);
        for (std::size_t i = 0; i < row.size() && i < numeric.size(); ++i) {
            if (row[i].empty() || row[i].find_first_not_of("0123456789.,") != std::string::npos) numeric[i] = false;
        }
    }
    auto print = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            std::string cell = row[i];
            std::string pad(widths[i] - cell.size(), ' ');
            line += numeric[i] ? pad + cell : cell + pad;
            if (i + 1 < row.size()) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::printf("%s\n", line.c_str());
    };
    print(header);
    for (const auto& row : rows) print(row);
}

std::string humanBytes(std::uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return buffer;
}

std::string humanCount(std::int64_t count) {
    char buffer[32];
    if (count >= 1'000'000'000) std::snprintf(buffer, sizeof buffer, "%.2fB", count / 1e9);
    else if (count >= 1'000'000) std::snprintf(buffer, sizeof buffer, "%.1fM", count / 1e6);
    else if (count >= 1'000) std::snprintf(buffer, sizeof buffer, "%.1fK", count / 1e3);
    else std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(count));
    return buffer;
}

}  // namespace offsite::cli
