#pragma once

#include <cmath>
#include <limits>

#include "core/phase_point.h"

namespace couplinglab {

// Adding a span of log weight `candidate` to one of log weight `current`: the log of the summed
// weight and the probability that multinomial sampling picks a point of the candidate span,
// w_candidate / (w_current + w_candidate). Stan computes them as log_sum_exp and then
// exp(candidate - sum); here one exponential and one logarithm give both. -inf weights
// (divergent points) behave as in Stan: they never win and never change the sum.
struct WeightMerge {
    double logSum;
    double candidateProbability;  // w_candidate / (w_current + w_candidate)
    double candidateOverCurrent;  // min(1, w_candidate / w_current)
};

inline WeightMerge mergeLogWeights(double current, double candidate) {
    constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();
    if (candidate == kMinusInfinity) return {current, 0.0, 0.0};
    if (current == kMinusInfinity) return {candidate, 1.0, 1.0};
    const double t = std::exp(-std::abs(current - candidate));
    // log(1 + t) rather than log1p(t): t is in (0, 1], where the absolute error of the plain
    // form stays below 2.3e-16 and it costs a third as much.
    const double logOnePlusT = std::log(1.0 + t);
    if (current > candidate) return {current + logOnePlusT, t / (1.0 + t), t};
    return {candidate + logOnePlusT, 1.0 / (1.0 + t), 1.0};
}

inline double logSumExp(double a, double b) {
    return mergeLogWeights(a, b).logSum;
}

// A candidate next state and where it sits in the trajectory's integration order.
template <int Dim>
struct Proposal {
    PhasePoint<Dim> point;
    int order;
};

// Multinomial sampling inside a doubling (uniform progressive sampling): replace `current` by
// `candidate` with probability w_candidate / (w_current + w_candidate). Consumes one uniform,
// as Stan does.
template <int Dim>
void sampleUniformProgressive(Proposal<Dim>& current, const Proposal<Dim>& candidate,
                              double probability, Rng& rng) {
    if (rng.uniform() < probability) current = candidate;
}

// Across doublings (biased progressive sampling): take the new subtree's proposal with
// probability min(1, w_new / w_old), which favours the newer, farther half of the trajectory.
// No uniform is drawn when the new subtree outweighs the old tree, as in Stan.
template <int Dim>
void sampleBiasedProgressive(Proposal<Dim>& current, const Proposal<Dim>& candidate,
                             double logWeightNew, double logWeightOld, double newOverOld,
                             Rng& rng) {
    if (logWeightNew > logWeightOld || rng.uniform() < newOverOld) current = candidate;
}

}  // namespace couplinglab
