// A bounded series of (step, value) points for long training runs: appending never grows it past a fixed
// capacity. When full, neighbouring points are merged pairwise (mean value, later step) and later points are
// averaged in buckets of the new stride, so a run of a million steps keeps the curve's shape in a few thousand
// points and the chart's memory stays flat.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace offsite::ui {

struct ChartPoint {
    double step = 0.0;
    double value = 0.0;
};

class DownsampledSeries {
public:
    explicit DownsampledSeries(std::size_t capacity = 2000);

    void append(double step, double value);
    void clear();

    // The kept points plus the partly filled bucket (so the newest value is always visible).
    [[nodiscard]] std::vector<ChartPoint> points() const;
    [[nodiscard]] std::size_t size() const { return kept_.size() + (bucketCount_ > 0 ? 1 : 0); }
    [[nodiscard]] std::size_t capacity() const { return capacity_; }
    // Raw points that went into one kept point (1 until the first merge).
    [[nodiscard]] std::uint64_t stride() const { return stride_; }
    // Bumped whenever existing points change (a merge), so views know to reload rather than append.
    [[nodiscard]] std::uint64_t generation() const { return generation_; }
    [[nodiscard]] std::uint64_t appended() const { return appended_; }

private:
    void mergePairs();

    std::size_t capacity_;
    std::vector<ChartPoint> kept_;
    std::uint64_t stride_ = 1;
    std::uint64_t generation_ = 0;
    std::uint64_t appended_ = 0;
    // The bucket being filled: `bucketCount_` raw points summed so far.
    std::uint64_t bucketCount_ = 0;
    double bucketSum_ = 0.0;
    double bucketLastStep_ = 0.0;
};

}  // namespace offsite::ui
