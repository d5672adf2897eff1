#pragma once

#include <cmath>

#include "core/integrator.h"

namespace couplinglab {

inline constexpr double kLargestStepSize = 1e7;
inline constexpr double kSmallestStepSize = 1e-300;

// Stan's init_stepsize: from the current position, double or halve epsilon until one leapfrog
// step from a fresh momentum crosses an acceptance of 0.8. Stan throws when epsilon leaves
// (0, 1e7); a teaching tool should keep going, so the search stops at those bounds instead and
// the dual averaging takes over from there.
template <LogDensityModel Model, EuclideanMetric<Model::dimension> Metric>
double findReasonableStepSize(const Model& model, const Metric& metric,
                              const HmcState<Model::dimension>& state, double stepSize, Rng& rng) {
    if (!(stepSize > 0.0) || stepSize > kLargestStepSize) return stepSize;
    auto energyChange = [&](double epsilon) {
        const PhasePoint<Model::dimension> start{state.q, metric.sampleMomentum(rng),
                                                 state.logDensity, state.gradient};
        const double h0 = metric.hamiltonian(start);
        const double h = energyOf(metric, leapfrog(model, metric, start, epsilon));
        return h0 - h;
    };
    const double threshold = std::log(0.8);
    const int direction = energyChange(stepSize) > threshold ? 1 : -1;
    for (;;) {
        const double deltaH = energyChange(stepSize);
        if (direction == 1 && !(deltaH > threshold)) break;
        if (direction == -1 && !(deltaH < threshold)) break;
        const double next = direction == 1 ? stepSize * 2.0 : stepSize * 0.5;
        if (next > kLargestStepSize || next < kSmallestStepSize) break;
        stepSize = next;
    }
    return stepSize;
}

}  // namespace couplinglab
