// Metric keys and display names.
#include "ui/charts/metric.h"

#include <QCoreApplication>

namespace offsite::ui {

std::string_view metricKey(Metric metric) {
    switch (metric) {
        case Metric::TrainingLoss: return "train/loss";
        case Metric::ValidationLoss: return "validation/loss";
        case Metric::LearningRate: return "train/learning_rate";
        case Metric::TokensPerSecond: return "train/tokens_per_second";
        case Metric::MemoryMiB: return "train/memory_mib";
        case Metric::GpuMemoryMiB: return "gpu/memory_mib";
        case Metric::GpuUtilisation: return "gpu/utilisation_percent";
    }
    return "";
}

std::optional<Metric> metricFromKey(std::string_view key) {
    for (Metric metric : kAllMetrics) {
        if (metricKey(metric) == key) return metric;
    }
    return std::nullopt;
}

QString metricDisplayName(Metric metric) {
    switch (metric) {
        case Metric::TrainingLoss: return QCoreApplication::translate("offsite::ui::Metric", "Training loss");
        case Metric::ValidationLoss: return QCoreApplication::translate("offsite::ui::Metric", "Validation loss");
        case Metric::LearningRate: return QCoreApplication::translate("offsite::ui::Metric", "Learning rate");
        case Metric::TokensPerSecond: return QCoreApplication::translate("offsite::ui::Metric", "Tokens per second");
        case Metric::MemoryMiB: return QCoreApplication::translate("offsite::ui::Metric", "Memory (MiB)");
        case Metric::GpuMemoryMiB: return QCoreApplication::translate("offsite::ui::Metric", "GPU memory (MiB)");
        case Metric::GpuUtilisation:
            return QCoreApplication::translate("offsite::ui::Metric", "GPU utilisation (%)");
    }
    return {};
}

}  // namespace offsite::ui
