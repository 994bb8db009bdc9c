// The training metrics the charts show, their keys in the workspace's metrics table ("train/loss", ...) and
// their display names.
#pragma once

#include <QString>
#include <array>
#include <optional>
#include <string_view>

namespace offsite::ui {

// MemoryMiB is the training process's memory; GpuMemoryMiB and GpuUtilisation come from NVIDIA's driver
// (core/monitor) when the run's GPU can be monitored.
enum class Metric {
    TrainingLoss = 1,
    ValidationLoss,
    LearningRate,
    TokensPerSecond,
    MemoryMiB,
    GpuMemoryMiB,
    GpuUtilisation
};
inline constexpr std::array<Metric, 7> kAllMetrics = {Metric::TrainingLoss,    Metric::ValidationLoss,
                                                      Metric::LearningRate,    Metric::TokensPerSecond,
                                                      Metric::MemoryMiB,       Metric::GpuMemoryMiB,
                                                      Metric::GpuUtilisation};
[[nodiscard]] constexpr int metricIndex(Metric metric) { return static_cast<int>(metric) - 1; }

// The name stored in the workspace (workspace::MetricPoint::name).
[[nodiscard]] std::string_view metricKey(Metric metric);
[[nodiscard]] std::optional<Metric> metricFromKey(std::string_view key);
// Translated, for legends, axis titles and the data table.
[[nodiscard]] QString metricDisplayName(Metric metric);

}  // namespace offsite::ui
