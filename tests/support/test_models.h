#pragma once

#include <Eigen/Core>

#include "core/phase_point.h"

namespace couplinglab::testing {

// A correlated bivariate normal, written with scalar arithmetic so that the fixed-size fast
// sampler and the dynamic-size reference compute bit-identical gradients.
struct CorrelatedGaussian {
    static constexpr int dimension = 2;
    double a = 1.0, b = 0.0, c = 1.0;  // precision matrix [[a, b], [b, c]]

    static CorrelatedGaussian withCorrelation(double sd1, double sd2, double rho) {
        const double det = sd1 * sd1 * sd2 * sd2 * (1.0 - rho * rho);
        return {sd2 * sd2 / det, -rho * sd1 * sd2 / det, sd1 * sd1 / det};
    }
    template <class Q, class G>
    double evaluate(const Q& q, G& gradient) const {
        const double g0 = a * q[0] + b * q[1];
        const double g1 = b * q[0] + c * q[1];
        gradient[0] = -g0;
        gradient[1] = -g1;
        return -0.5 * (q[0] * g0 + q[1] * g1);
    }
    double logDensityAndGradient(const Vector<2>& q, Vector<2>& gradient) const {
        return evaluate(q, gradient);
    }
};

// Standard normal in one dimension scaled by sd.
struct Normal1d {
    static constexpr int dimension = 1;
    double mean = 0.0;
    double sd = 1.0;
    double logDensityAndGradient(const Vector<1>& q, Vector<1>& gradient) const {
        const double z = (q[0] - mean) / sd;
        gradient[0] = -z / sd;
        return -0.5 * z * z;
    }
};

}  // namespace couplinglab::testing
