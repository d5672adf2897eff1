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
    if (!std::isfinite(spec.priorMean)) return "the prior mean must be a finite number";
    if (!std::isfinite(spec.priorSd) || spec.priorSd <= 0.0) {
        return "the prior sd must be a finite number greater than 0";
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
