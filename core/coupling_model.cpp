#include "core/coupling_model.h"

#include <cmath>
#include <numbers>

namespace couplinglab {

std::string_view toString(Likelihood likelihood) {
    return likelihood == Likelihood::ExactBoltzmann ? "boltzmann" : "potential";
}

std::optional<Likelihood> likelihoodFromString(std::string_view text) {
    if (text == "potential") return Likelihood::PotentialOnly;
    if (text == "boltzmann") return Likelihood::ExactBoltzmann;
    return std::nullopt;
}

std::optional<std::string> validate(const ModelSpec& spec) {
    // The prior's precision 1/sd^2 must be a normal double, and the posterior mean
    // mean + sd^2 * C (|C| up to 2e9 pairs) must stay finite; so must (w - mean)^2 / sd^2.
    if (!std::isfinite(spec.priorMean) || std::abs(spec.priorMean) > kMaxPriorMean) {
        return "the prior mean must be a number from -1e150 to 1e150";
    }
    if (!std::isfinite(spec.priorSd) || spec.priorSd < kMinPriorSd || spec.priorSd > kMaxPriorSd) {
        return "the prior sd must be a number from 1e-150 to 1e140";
    }
    if (std::abs(spec.priorMean) > kMaxPriorMean * spec.priorSd) {
        return "the prior mean must lie within 1e150 prior sds of 0, so that the prior density "
               "of w near 0 stays representable";
    }
    return std::nullopt;
}

CouplingTarget::CouplingTarget(const ModelSpec& model, const SufficientStatistic& data)
    : model_(model),
      data_(data),
      precision_(1.0 / (model.priorSd * model.priorSd)),
      scale_(model.divideByN ? 1.0 / static_cast<double>(data.pairs) : 1.0),
      scaledC_(scale_ * static_cast<double>(data.c)),
      scaledN_(scale_ * static_cast<double>(data.pairs)),
      boltzmann_(model.likelihood == Likelihood::ExactBoltzmann) {}

double CouplingTarget::logDensity(double w) const {
    double unused = 0.0;
    return logDensityAndGradient(w, unused);
}

double CouplingTarget::gradient(double w) const {
    double gradient = 0.0;
    logDensityAndGradient(w, gradient);
    return gradient;
}

double CouplingTarget::curvature(double w) const {
    double result = -precision_;
    if (boltzmann_) {
        const double t = partitionTerms(w).tanhW;
        // 1 - tanh^2 w = sech^2 w, computed without cancellation for large |w|.
        const double sech = 1.0 / std::cosh(std::min(std::abs(w), 700.0));
        result -= scaledN_ * (std::abs(w) > 1.0 ? sech * sech : 1.0 - t * t);
    }
    return result;
}

}  // namespace couplinglab
