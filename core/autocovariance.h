#pragma once

#include <span>
#include <vector>

namespace couplinglab::detail {

// The mean over chains of the biased autocovariance at lags 0..S-1 of chains of equal length
// S >= 1 with finite draws, by FFT in O(S log S). Lag 0 is exactly the biased variance.
std::vector<double> meanAutocovariance(const std::vector<std::span<const double>>& chains);

}  // namespace couplinglab::detail
