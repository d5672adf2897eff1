#pragma once

#include <cmath>
#include <limits>

#include "core/phase_point.h"

namespace couplinglab {

// log(e^a + e^b) as Stan computes it, so that -inf weights (divergent points) stay -inf.
inline double logSumExp(double a, double b) {
    if (a == -std::numeric_limits<double>::infinity())
        return b;
    if (a == std::numeric_limits<double>::infinity() &&
        b == std::numeric_limits<double>::infinity()) {
        return a;
    }
    return a > b ? a + std::log1p(std::exp(b - a)) : b + std::log1p(std::exp(a - b));
}

// A candidate next state and where it sits in the trajectory's integration order.
template <int Dim>
struct Proposal {
    PhasePoint<Dim> point;
    int order;
};

// Multinomial sampling between two adjacent spans: keep `current` or take `candidate` with
// probability w_candidate / w_total. Used with w_total = w_current + w_candidate inside a
// subtree (uniform progressive sampling) and with w_total = w_current at the top level
// (biased progressive sampling, which favours the newer, farther subtree).
template <int Dim>
void sampleProposal(Proposal<Dim>& current, const Proposal<Dim>& candidate,
                    double logWeightCandidate, double logWeightTotal, Rng& rng) {
    if (logWeightCandidate > logWeightTotal) {
        current = candidate;
    } else if (rng.uniform() < std::exp(logWeightCandidate - logWeightTotal)) {
        current = candidate;
    }
}

}  // namespace couplinglab
