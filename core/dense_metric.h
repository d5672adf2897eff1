#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "core/phase_point.h"

namespace couplinglab {

template <int Dim>
using Matrix = Eigen::Matrix<double, Dim, Dim>;

// Dense Euclidean metric (Stan's dense_e), stored as the inverse metric M^-1 (a covariance
// estimate) with its Cholesky factor M^-1 = U'U. The momentum is p = U^-1 z with z ~ N(0, I),
// so Cov(p) = (U'U)^-1 = M, as Stan's dense_e_metric::sample_p draws it.
template <int Dim>
struct DenseMetric {
    Matrix<Dim> inverse;
    Matrix<Dim> upper;  // U: upper triangular, U'U = inverse

    static DenseMetric fromInverse(const Matrix<Dim>& inverseMetric) {
        return {inverseMetric, inverseMetric.llt().matrixU()};
    }
    static DenseMetric unit(Eigen::Index size) {
        return fromInverse(Matrix<Dim>::Identity(size, size));
    }

    double kineticEnergy(const Vector<Dim>& p) const { return 0.5 * p.dot(inverse * p); }
    Vector<Dim> velocity(const Vector<Dim>& p) const { return inverse * p; }
    Vector<Dim> sampleMomentum(Rng& rng) const {
        Vector<Dim> z(inverse.rows());
        for (Eigen::Index i = 0; i < z.size(); ++i)
            z[i] = rng.normal();
        return upper.template triangularView<Eigen::Upper>().solve(z);
    }
    double hamiltonian(const PhasePoint<Dim>& z) const {
        return -z.logDensity + kineticEnergy(z.p);
    }
    Vector<Dim> inverseDiagonal() const { return inverse.diagonal(); }
};

}  // namespace couplinglab
