#pragma once

#include <Eigen/Core>
#include <string_view>

#include "core/boltzmann_machine.h"

namespace couplinglab {

enum class ReferenceKind {
    Exact,    // closed form (potential only) or quadrature (one coupling)
    Laplace,  // exact Boltzmann with D >= 2: Newton mode and Laplace covariance
};

std::string_view toString(ReferenceKind kind);  // "exact" / "laplace"

// The posterior the sampler is judged against, for any K (DESIGN.md §5).
struct MachinePosterior {
    ReferenceKind kind = ReferenceKind::Exact;
    Eigen::VectorXd mean;
    Eigen::MatrixXd covariance;
    Eigen::VectorXd mode;

    Eigen::VectorXd sd() const { return covariance.diagonal().cwiseSqrt(); }
};

// Potential only: N(mu0 + sd0^2 s T, sd0^2 I). Exact Boltzmann: Newton's method for the mode
// and the Laplace covariance (s N Cov_mode[phi] + I/sd0^2)^-1; for the one-coupling model the
// exact quadrature of ExactPosterior.
MachinePosterior machinePosterior(const ModelSpec& model, const PatternCounts& data);

// The mode of the log-concave exact Boltzmann posterior by damped Newton.
Eigen::VectorXd findMachineMode(const ModelSpec& model, const PatternCounts& data);

// Condition number of a covariance as the metric sees it: the eigenvalues of L^-1 Sigma L^-T
// with M^-1 = L L', largest over smallest. 1 when the metric absorbs the covariance entirely.
double conditionNumberInMetric(const Eigen::MatrixXd& covariance,
                               const Eigen::MatrixXd& inverseMetric);

}  // namespace couplinglab
