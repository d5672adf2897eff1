#pragma once

#include "core/phase_point.h"

namespace couplinglab {

// One velocity-Verlet (leapfrog) step of signed size `stepSize`, in place; negative integrates
// backwards. The sampler's inner loop moves its frontier point with this, without copies.
template <LogDensityModel Model, EuclideanMetric<Model::dimension> Metric>
void leapfrogInPlace(const Model& model, const Metric& metric, PhasePoint<Model::dimension>& z,
                     double stepSize) {
    const double half = 0.5 * stepSize;
    z.p += half * z.gradient;
    z.q += stepSize * metric.velocity(z.p);
    z.logDensity = model.logDensityAndGradient(z.q, z.gradient);
    z.p += half * z.gradient;
}

// The same step as a value transformation.
template <LogDensityModel Model, EuclideanMetric<Model::dimension> Metric>
PhasePoint<Model::dimension> leapfrog(const Model& model, const Metric& metric,
                                      PhasePoint<Model::dimension> z, double stepSize) {
    leapfrogInPlace(model, metric, z, stepSize);
    return z;
}

// Energy of a point, with NaN read as +infinity so that a broken step counts as divergent.
template <int Dim, EuclideanMetric<Dim> Metric>
double energyOf(const Metric& metric, const PhasePoint<Dim>& z) {
    const double h = metric.hamiltonian(z);
    return std::isnan(h) ? std::numeric_limits<double>::infinity() : h;
}

// The same energy and the velocity dH/dp = M^-1 p together: for a dense metric M^-1 p is a
// matrix product, which the kinetic energy p'M^-1 p / 2 would otherwise compute a second time.
// For a diagonal metric the arithmetic is exactly energyOf's and velocity's.
template <int Dim, EuclideanMetric<Dim> Metric>
double energyAndVelocityOf(const Metric& metric, const PhasePoint<Dim>& z, Vector<Dim>& velocity) {
    velocity = metric.velocity(z.p);
    const double h = -z.logDensity + 0.5 * z.p.dot(velocity);
    return std::isnan(h) ? std::numeric_limits<double>::infinity() : h;
}

}  // namespace couplinglab
