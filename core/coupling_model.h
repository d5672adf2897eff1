#pragma once

#include <Eigen/Core>
#include <cmath>
#include <numbers>
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

// Ranges of the prior that keep its density, the posterior's mean and the sampler's energies
// finite and normal (see validate()).
inline constexpr double kMaxPriorMean = 1e150;
inline constexpr double kMinPriorSd = 1e-150;
inline constexpr double kMaxPriorSd = 1e140;

std::optional<std::string> validate(const ModelSpec& spec);

// log Z(w) = log(4 cosh w) and its derivative tanh w, accurate to a few ulps for every finite w.
struct PartitionTerms {
    double logZ;
    double tanhW;
};

// Near zero, where the posterior of the correct model sits for weak couplings, odd and even
// Taylor series in w^2 (tanh's coefficients from Bernoulli numbers; log cosh integrates them);
// truncated after w^17 the error is below 1e-19 for |w| < 1/8. They are more accurate there
// than exp-based forms, whose 1 - e^{-2|w|} cancels, and need no exp or log.
inline PartitionTerms partitionTermsNearZero(double w) {
    constexpr double t[] = {1.0,
                            -1.0 / 3.0,
                            2.0 / 15.0,
                            -17.0 / 315.0,
                            62.0 / 2835.0,
                            -1382.0 / 155925.0,
                            21844.0 / 6081075.0,
                            -929569.0 / 638512875.0,
                            6404582.0 / 10854718875.0};
    const double x = w * w;
    double tanhSeries = t[8];
    double logCoshSeries = t[8] / 18.0;
    for (int k = 7; k >= 0; --k) {
        tanhSeries = t[k] + x * tanhSeries;
        logCoshSeries = t[k] / (2.0 * (k + 1)) + x * logCoshSeries;
    }
    return {2.0 * std::numbers::ln2 + x * logCoshSeries, w * tanhSeries};
}

// Elsewhere log(4 cosh w) = ln 2 + |w| + log(1 + e^{-2|w|}) and tanh w share one exponential,
// without overflow. log(1 + e) rather than log1p(e): its absolute error stays below 2.3e-16,
// all that matters once ln 2 + |w| is added, and it costs a third as much.
inline PartitionTerms partitionTerms(double w) {
    const double a = std::abs(w);
    if (a < 0.125) return partitionTermsNearZero(w);
    const double e = std::exp(-2.0 * a);
    const double tanhAbs = (1.0 - e) / (1.0 + e);
    return {std::numbers::ln2 + a + std::log(1.0 + e), w < 0 ? -tanhAbs : tanhAbs};
}

inline double logPartition(double w) {
    return partitionTerms(w).logZ;
}

// The log density the sampler sees, log p(w) = log prior(w) + s*L(w) up to a constant, evaluated
// in O(1) from (N, C). Satisfies the LogDensityModel concept with dimension 1.
class CouplingTarget {
  public:
    static constexpr int dimension = 1;
    using Vector = Eigen::Matrix<double, 1, 1>;

    CouplingTarget(const ModelSpec& model, const SufficientStatistic& data);

    double logDensity(double w) const;
    double gradient(double w) const;
    // Inline: it is the sampler's innermost call.
    double logDensityAndGradient(double w, double& gradient) const {
        const double centred = w - model_.priorMean;
        double logDensity = -0.5 * precision_ * centred * centred + scaledC_ * w;
        gradient = -precision_ * centred + scaledC_;
        if (boltzmann_) {
            const PartitionTerms terms = partitionTerms(w);
            logDensity -= scaledN_ * terms.logZ;
            gradient -= scaledN_ * terms.tanhW;
        }
        return logDensity;
    }
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
