#pragma once

#include <Eigen/Core>
#include <utility>

namespace couplinglab {

// The posterior's shape as the sampler's metric sees it, and what that shape asks of the step
// size (DESIGN.md §5). With M⁻¹ = L·Lᵀ the sampler moves in coordinates where the posterior's
// covariance is L⁻¹·Σ·L⁻ᵀ: the square roots of its eigenvalues are the widths of the posterior
// along its principal directions in those units. The leapfrog is stable only while ε stays below
// about twice the narrowest width, and a U-turn comes after about half a period of the widest,
// π·(widest)/ε steps: so the steps a draw grow like √κ, κ = (widest / narrowest)².
struct MetricGeometry {
    double stepSize = 0.0;
    Eigen::VectorXd posteriorSd;     // per parameter
    Eigen::VectorXd effectiveSteps;  // per parameter: ε·√(M⁻¹)_ii, the step in that parameter
    // Widths of the principal directions in the metric's units, ascending.
    Eigen::VectorXd scaledWidths;
    // The narrowest and widest principal directions of the posterior itself (parameter units),
    // as unit vectors, and their widths (sd along them).
    Eigen::VectorXd narrowestDirection;
    Eigen::VectorXd widestDirection;
    double narrowestWidth = 0.0;
    double widestWidth = 0.0;
    // Effective steps along the metric's own eigen-directions, ε·√λ(M⁻¹), ascending: the steps
    // a dense metric takes along the axes it has tilted to.
    Eigen::VectorXd eigenSteps;

    double conditionNumber() const;  // κ in the metric's units: (widest / narrowest)²
    double narrowestScaledWidth() const { return scaledWidths[0]; }
    double widestScaledWidth() const { return scaledWidths[scaledWidths.size() - 1]; }
    // ε over the narrowest width in the metric's units: the leapfrog is unstable above 2.
    double stepOverNarrowest() const { return stepSize / narrowestScaledWidth(); }
    // π·(widest)/ε: about how many leapfrog steps half a period of the widest direction takes.
    double predictedSteps() const;
};

// `inverseMetric` is D×1 (unit or diagonal) or D×D (dense).
MetricGeometry metricGeometry(const Eigen::MatrixXd& covariance,
                              const Eigen::MatrixXd& inverseMetric, double stepSize);

// Pearson's correlation of parameters i and j of a covariance.
double correlation(const Eigen::MatrixXd& covariance, int i, int j);

// The pair i < j with the strongest |correlation|; (0, 0) for one parameter, (0, 1) when all
// are uncorrelated.
std::pair<int, int> strongestCorrelationPair(const Eigen::MatrixXd& covariance);

}  // namespace couplinglab
