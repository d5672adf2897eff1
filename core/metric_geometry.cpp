#include "core/metric_geometry.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <numbers>

namespace couplinglab {
namespace {

Eigen::MatrixXd denseOf(const Eigen::MatrixXd& inverseMetric) {
    if (inverseMetric.cols() == 1) return inverseMetric.col(0).asDiagonal();
    return inverseMetric;
}

Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> symmetricEigen(const Eigen::MatrixXd& m) {
    return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(0.5 * (m + m.transpose()));
}

}  // namespace

double MetricGeometry::conditionNumber() const {
    const double ratio = widestScaledWidth() / narrowestScaledWidth();
    return ratio * ratio;
}

double MetricGeometry::predictedSteps() const {
    return std::numbers::pi * widestScaledWidth() / stepSize;
}

MetricGeometry metricGeometry(const Eigen::MatrixXd& covariance,
                              const Eigen::MatrixXd& inverseMetric, double stepSize) {
    MetricGeometry g;
    g.stepSize = stepSize;
    const Eigen::MatrixXd metric = denseOf(inverseMetric);
    g.posteriorSd = covariance.diagonal().cwiseSqrt();
    g.effectiveSteps = stepSize * metric.diagonal().cwiseSqrt();

    const Eigen::MatrixXd lower = metric.llt().matrixL();
    const auto l = lower.triangularView<Eigen::Lower>();
    const Eigen::MatrixXd left = l.solve(covariance);
    const Eigen::MatrixXd scaled = l.solve(left.transpose()).transpose();
    g.scaledWidths = symmetricEigen(scaled).eigenvalues().cwiseMax(0.0).cwiseSqrt();

    const auto posterior = symmetricEigen(covariance);
    const Eigen::Index last = covariance.rows() - 1;
    g.narrowestDirection = posterior.eigenvectors().col(0);
    g.widestDirection = posterior.eigenvectors().col(last);
    g.narrowestWidth = std::sqrt(std::max(posterior.eigenvalues()[0], 0.0));
    g.widestWidth = std::sqrt(std::max(posterior.eigenvalues()[last], 0.0));

    g.eigenSteps = stepSize * symmetricEigen(metric).eigenvalues().cwiseMax(0.0).cwiseSqrt();
    return g;
}

double correlation(const Eigen::MatrixXd& covariance, int i, int j) {
    return covariance(i, j) / std::sqrt(covariance(i, i) * covariance(j, j));
}

std::pair<int, int> strongestCorrelationPair(const Eigen::MatrixXd& covariance) {
    const auto d = static_cast<int>(covariance.rows());
    if (d < 2) return {0, 0};
    std::pair<int, int> best{0, 1};
    double strongest = -1.0;
    for (int i = 0; i < d; ++i) {
        for (int j = i + 1; j < d; ++j) {
            const double r = std::abs(correlation(covariance, i, j));
            if (r > strongest + 1e-12) {
                strongest = r;
                best = {i, j};
            }
        }
    }
    return best;
}

}  // namespace couplinglab
