#pragma once

#include <Eigen/Core>
#include <cmath>
#include <concepts>

#include "core/random.h"

namespace couplinglab {

template <int Dim>
using Vector = Eigen::Matrix<double, Dim, 1>;

// Zero for fixed sizes, empty for Eigen::Dynamic: a well-defined default value.
template <int Dim>
Vector<Dim> defaultVector() {
    if constexpr (Dim == Eigen::Dynamic) {
        return Vector<Dim>();
    } else {
        return Vector<Dim>::Zero();
    }
}

// What a sampler needs of a model: its dimension and log p(q) with its gradient.
template <class M>
concept LogDensityModel = requires(const M& model, const Vector<M::dimension>& q,
                                   Vector<M::dimension>& gradient) {
    { M::dimension } -> std::convertible_to<int>;
    { model.logDensityAndGradient(q, gradient) } -> std::convertible_to<double>;
};

// A position with its log density and gradient: the state a Markov chain carries between
// iterations (BlackJAX's HMCState).
template <int Dim>
struct HmcState {
    Vector<Dim> q;
    double logDensity;
    Vector<Dim> gradient;  // of log p, not of the potential energy
};

// A point of phase space: a state plus its momentum.
template <int Dim>
struct PhasePoint {
    Vector<Dim> q;
    Vector<Dim> p;
    double logDensity;
    Vector<Dim> gradient;
};

template <LogDensityModel Model>
HmcState<Model::dimension> makeState(const Model& model, const Vector<Model::dimension>& q) {
    HmcState<Model::dimension> state{q, 0.0, Vector<Model::dimension>::Zero(q.size())};
    state.logDensity = model.logDensityAndGradient(state.q, state.gradient);
    return state;
}

// Diagonal Euclidean metric, stored as Stan's inverse metric (the variance estimate).
template <int Dim>
struct DiagonalMetric {
    Vector<Dim> inverse;

    double kineticEnergy(const Vector<Dim>& p) const {
        return 0.5 * p.dot(inverse.cwiseProduct(p));
    }
    // dH/dp, Stan's "p_sharp": the velocity of the position.
    Vector<Dim> velocity(const Vector<Dim>& p) const { return inverse.cwiseProduct(p); }
    Vector<Dim> sampleMomentum(Rng& rng) const {
        Vector<Dim> p(inverse.size());
        for (Eigen::Index i = 0; i < p.size(); ++i)
            p[i] = rng.normal() / std::sqrt(inverse[i]);
        return p;
    }
    double hamiltonian(const PhasePoint<Dim>& z) const {
        return -z.logDensity + kineticEnergy(z.p);
    }
    // The variances the metric assumes per coordinate, for plots and records.
    const Vector<Dim>& inverseDiagonal() const { return inverse; }

    static DiagonalMetric unit(Eigen::Index size) { return {Vector<Dim>::Ones(size)}; }
};

// What NUTS, static HMC and the step-size heuristic need of a Euclidean metric: the kinetic
// energy K(p) = p'M^-1 p / 2 through the Hamiltonian, its gradient dK/dp (the velocity) and a
// momentum drawn from N(0, M).
template <class M, int Dim>
concept EuclideanMetric = requires(const M& metric, const Vector<Dim>& p, const PhasePoint<Dim>& z,
                                   Rng& rng) {
    { metric.velocity(p) } -> std::convertible_to<Vector<Dim>>;
    { metric.sampleMomentum(rng) } -> std::convertible_to<Vector<Dim>>;
    { metric.hamiltonian(z) } -> std::convertible_to<double>;
    { metric.inverseDiagonal() } -> std::convertible_to<Vector<Dim>>;
};

}  // namespace couplinglab
