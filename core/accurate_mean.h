#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

// The mean of many draws to the last bit or so, for the diagnostics and the autocovariances.
namespace couplinglab::detail {

// Neumaier's compensated sum: the rounding error of every addition is carried along, so that
// millions of draws far from zero (a prior mean of 1e14) add up to the last bit or so.
class CompensatedSum {
  public:
    void add(double value) {
        const double total = sum_ + value;
        compensation_ +=
            std::abs(sum_) >= std::abs(value) ? (sum_ - total) + value : (value - total) + sum_;
        sum_ = total;
    }
    double value() const { return sum_ + compensation_; }

  private:
    double sum_ = 0.0;
    double compensation_ = 0.0;
};

// The mean as a reference value plus the mean deviation from it, both summed with
// compensation: deviations are small where the draws are large, so little is lost.
template <typename Spans>
inline double accurateMean(const Spans& spans, std::size_t count) {
    double reference = std::numeric_limits<double>::quiet_NaN();
    for (const auto& span : spans) {
        if (!span.empty()) {
            reference = span.front();
            break;
        }
    }
    if (count == 0 || std::isnan(reference)) return std::numeric_limits<double>::quiet_NaN();
    CompensatedSum deviations;
    for (const auto& span : spans) {
        for (const double value : span)
            deviations.add(value - reference);
    }
    return reference + deviations.value() / static_cast<double>(count);
}

// The mean of one span; NaN when it is empty.
inline double accurateMean(std::span<const double> x) {
    const std::span<const double> one[] = {x};
    return accurateMean(one, x.size());
}

}  // namespace couplinglab::detail
