// Pairwise-merge downsampling for chart series (see downsampled_series.h).
#include "ui/charts/downsampled_series.h"

#include <algorithm>

namespace offsite::ui {

DownsampledSeries::DownsampledSeries(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 4)) {
    kept_.reserve(capacity_);
}

void DownsampledSeries::append(double step, double value) {
    ++appended_;
    bucketSum_ += value;
    bucketLastStep_ = step;
    if (++bucketCount_ < stride_) return;
    kept_.push_back({bucketLastStep_, bucketSum_ / static_cast<double>(bucketCount_)});
    bucketCount_ = 0;
    bucketSum_ = 0.0;
    if (kept_.size() >= capacity_) mergePairs();
}

void DownsampledSeries::mergePairs() {
    std::size_t out = 0;
    for (std::size_t i = 0; i + 1 < kept_.size(); i += 2) {
        kept_[out++] = {kept_[i + 1].step, (kept_[i].value + kept_[i + 1].value) / 2.0};
    }
    if (kept_.size() % 2 == 1) kept_[out++] = kept_.back();
    kept_.resize(out);
    stride_ *= 2;
    ++generation_;
}

void DownsampledSeries::clear() {
    kept_.clear();
    stride_ = 1;
    bucketCount_ = 0;
    bucketSum_ = 0.0;
    appended_ = 0;
    ++generation_;
}

std::vector<ChartPoint> DownsampledSeries::points() const {
    std::vector<ChartPoint> result(kept_);
    if (bucketCount_ > 0) result.push_back({bucketLastStep_, bucketSum_ / static_cast<double>(bucketCount_)});
    return result;
}

}  // namespace offsite::ui
