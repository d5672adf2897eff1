#pragma once

namespace couplinglab {

// The standard normal quantile Phi^-1(p) (Wichura's AS241); -inf at 0, +inf at 1, NaN outside
// [0, 1]. Used by the rank normalisation of the diagnostics.
double inverseNormalCdf(double p);

}  // namespace couplinglab
