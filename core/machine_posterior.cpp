#include "core/machine_posterior.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>

#include "core/exact_posterior.h"

namespace couplinglab {

std::string_view toString(ReferenceKind kind) {
    return kind == ReferenceKind::Laplace ? "laplace" : "exact";
}

Eigen::VectorXd findMachineMode(const ModelSpec& model, const PatternCounts& data) {
    const BoltzmannTarget<Eigen::Dynamic> target(model, data);
    const Eigen::Index d = data.shape.dimension();
    Eigen::VectorXd theta = Eigen::VectorXd::Constant(d, model.priorMean);
    Eigen::VectorXd gradient(d);
    double logDensity = target.logDensityAndGradient(theta, gradient);
    for (int iteration = 0; iteration < 200; ++iteration) {
        const Eigen::VectorXd step = (-target.hessian(theta)).llt().solve(gradient);
        // Halve the Newton step until the log density rises: the target is concave, so the
        // full step is taken near the mode and convergence is quadratic there.
        double fraction = 1.0;
        Eigen::VectorXd next = theta + step;
        Eigen::VectorXd nextGradient(d);
        double nextLog = target.logDensityAndGradient(next, nextGradient);
        while (!(nextLog >= logDensity) && fraction > 1e-10) {
            fraction *= 0.5;
            next = theta + fraction * step;
            nextLog = target.logDensityAndGradient(next, nextGradient);
        }
        const bool converged =
            (fraction * step).norm() <= 1e-13 * std::max(1.0, theta.norm()) || fraction <= 1e-10;
        theta = next;
        gradient = nextGradient;
        logDensity = nextLog;
        if (converged) break;
    }
    return theta;
}

MachinePosterior machinePosterior(const ModelSpec& model, const PatternCounts& data) {
    const Eigen::Index d = data.shape.dimension();
    const double sd2 = model.priorSd * model.priorSd;
    const Eigen::VectorXd sums = data.featureSums();
    const double n = static_cast<double>(data.observations());
    const double scale = model.divideByN ? 1.0 / n : 1.0;
    MachinePosterior result;
    if (model.likelihood == Likelihood::PotentialOnly) {
        result.mean = (model.priorMean + sd2 * scale * sums.array()).matrix();
        result.covariance = sd2 * Eigen::MatrixXd::Identity(d, d);
        result.mode = result.mean;
        return result;
    }
    if (d == 1) {
        const ExactPosterior exact(
            model, {data.observations(), static_cast<std::int64_t>(std::llround(sums[0]))});
        result.mean = Eigen::VectorXd::Constant(1, exact.mean());
        result.covariance = Eigen::MatrixXd::Constant(1, 1, exact.sd() * exact.sd());
        result.mode = Eigen::VectorXd::Constant(1, exact.mode());
        return result;
    }
    result.kind = ReferenceKind::Laplace;
    result.mode = findMachineMode(model, data);
    result.mean = result.mode;
    const BoltzmannTarget<Eigen::Dynamic> target(model, data);
    result.covariance = (-target.hessian(result.mode)).llt().solve(Eigen::MatrixXd::Identity(d, d));
    return result;
}

double conditionNumberInMetric(const Eigen::MatrixXd& covariance,
                               const Eigen::MatrixXd& inverseMetric) {
    const Eigen::MatrixXd lower = inverseMetric.llt().matrixL();
    const auto l = lower.triangularView<Eigen::Lower>();
    // L^-1 Sigma L^-T, symmetric positive definite.
    const Eigen::MatrixXd left = l.solve(covariance);
    const Eigen::MatrixXd scaled = l.solve(left.transpose()).transpose();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(0.5 * (scaled + scaled.transpose()),
                                                                Eigen::EigenvaluesOnly);
    const Eigen::VectorXd& values = solver.eigenvalues();
    return values.maxCoeff() / values.minCoeff();
}

}  // namespace couplinglab
