#pragma once

#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>

#include "core/bit_data.h"

namespace couplinglab {

enum class Likelihood {
    PotentialOnly,   // L(w) = w*C: the energy without its normalising constant
    ExactBoltzmann,  // L(w) = w*C - N*log Z(w), Z(w) = 4 cosh w
};

std::string_view toString(Likelihood likelihood);                  // "potential" / "boltzmann"
std::optional<Likelihood> likelihoodFromString(std::string_view);  // inverse of toString

// How the potential is written: prior Normal(mean, sd) and the two switches.
struct ModelSpec {
    double priorMean = 0.0;
    double priorSd = 1.0;
    Likelihood likelihood = Likelihood::PotentialOnly;
    bool divideByN = false;
    bool operator==(const ModelSpec&) const = default;
};

std::optional<std::string> validate(const ModelSpec& spec);

// log(4 cosh w), without overflow for any finite w.
double logPartition(double w);

// The log density the sampler sees, log p(w) = log prior(w) + s*L(w) up to a constant, evaluated
// in O(1) from (N, C). Satisfies the LogDensityModel concept with dimension 1.
class CouplingTarget {
  public:
    static constexpr int dimension = 1;
    using Vector = Eigen::Matrix<double, 1, 1>;

    CouplingTarget(const ModelSpec& model, const SufficientStatistic& data);

    double logDensity(double w) const;
    double gradient(double w) const;
    double logDensityAndGradient(double w, double& gradient) const;
    double logDensityAndGradient(const Vector& q, Vector& gradient) const {
        return logDensityAndGradient(q[0], gradient[0]);
    }
    // d^2/dw^2 log p(w): used by Newton's method for the mode and by the Laplace scale.
    double curvature(double w) const;

    const ModelSpec& model() const { return model_; }
    const SufficientStatistic& data() const { return data_; }
    // The likelihood's weight s: 1, or 1/N with divide-by-N.
    double likelihoodScale() const { return scale_; }

  private:
    ModelSpec model_;
    SufficientStatistic data_;
    double precision_;  // 1 / sd^2 of the prior
    double scale_;
    double scaledC_;  // s*C
    double scaledN_;  // s*N, used only by the exact Boltzmann likelihood
    bool boltzmann_;
};

}  // namespace couplinglab
