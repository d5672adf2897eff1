#pragma once

#include <vector>

#include "core/coupling_model.h"

namespace couplinglab {

// The exact posterior of w for one model and one data set, against which the sampler is judged.
// Gaussian cases (potential only) are closed form; the exact Boltzmann likelihood is log-concave
// and handled by Newton's method for the mode plus quadrature.
class ExactPosterior {
  public:
    ExactPosterior(const ModelSpec& model, const SufficientStatistic& data);

    bool isGaussian() const { return gaussian_; }
    double mean() const { return mean_; }
    double sd() const { return sd_; }
    double mode() const { return mode_; }
    // sd of the Laplace approximation at the mode: the scale a unit-metric sampler must match.
    double laplaceSd() const { return laplaceSd_; }

    double logDensity(double w) const;  // normalised
    double density(double w) const;
    // An interval holding all but a negligible mass (about 1e-15 in each tail).
    double lowerBound() const { return lower_; }
    double upperBound() const { return upper_; }

    struct Curve {
        std::vector<double> w;
        std::vector<double> density;
    };
    Curve curve(double from, double to, int points) const;

  private:
    void integrate();

    CouplingTarget target_;
    bool gaussian_;
    double mean_ = 0.0;
    double sd_ = 1.0;
    double mode_ = 0.0;
    double laplaceSd_ = 1.0;
    double logNormalizer_ = 0.0;  // log of the integral of exp(log p(w) - log p(mode))
    double logDensityAtMode_ = 0.0;
    double lower_ = 0.0;
    double upper_ = 0.0;
};

// Mode of the (strictly log-concave) target by bracketed Newton iteration.
double findMode(const CouplingTarget& target);

}  // namespace couplinglab
