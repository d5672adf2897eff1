#include "core/exact_posterior.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace couplinglab {
namespace {

constexpr double kTailLogDrop = 40.0;  // e^-40: mass beyond is far below double precision of sums
constexpr int kIntervalsPerSide = 4000;
constexpr double kGaussianTailSds = 8.2;  // Φ(-8.2) ≈ 1e-16

// Initial guess: the likelihood's own maximum atanh(C/N) where it exists, else the prior mean.
double initialGuess(const CouplingTarget& target) {
    const double ratio = target.data().cOverN();
    if (target.model().likelihood == Likelihood::ExactBoltzmann && std::abs(ratio) < 1.0) {
        return std::atanh(ratio);
    }
    return target.model().priorMean;
}

// Simpson's rule on [a, b] with n (even) intervals of the function f.
template <class F>
double simpson(F&& f, double a, double b, int n) {
    const double h = (b - a) / n;
    double sum = f(a) + f(b);
    for (int i = 1; i < n; ++i)
        sum += (i % 2 == 1 ? 4.0 : 2.0) * f(a + i * h);
    return sum * h / 3.0;
}

}  // namespace

double findMode(const CouplingTarget& target) {
    // The gradient is strictly decreasing, so its root is bracketed once signs differ.
    double x = initialGuess(target);
    double step = std::max(1.0, std::abs(x));
    double lo = x;
    double hi = x;
    while (target.gradient(lo) < 0.0) {
        lo -= step;
        step *= 2.0;
    }
    step = std::max(1.0, std::abs(x));
    while (target.gradient(hi) > 0.0) {
        hi += step;
        step *= 2.0;
    }
    x = std::clamp(x, lo, hi);
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double g = target.gradient(x);
        if (g == 0.0) return x;
        (g > 0.0 ? lo : hi) = x;
        double next = x - g / target.curvature(x);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // Newton left the bracket
        if (std::abs(next - x) <=
            4.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::abs(x))) {
            return next;
        }
        x = next;
    }
    return x;
}

ExactPosterior::ExactPosterior(const ModelSpec& model, const SufficientStatistic& data)
    : target_(model, data), gaussian_(model.likelihood == Likelihood::PotentialOnly) {
    if (gaussian_) {
        // Prior N(mu0, sd0) times exp(s*C*w): completing the square shifts the mean by sd0^2*s*C.
        sd_ = model.priorSd;
        mean_ = model.priorMean + model.priorSd * model.priorSd * target_.likelihoodScale() *
                                      static_cast<double>(data.c);
        mode_ = mean_;
        laplaceSd_ = sd_;
        lower_ = mean_ - kGaussianTailSds * sd_;
        upper_ = mean_ + kGaussianTailSds * sd_;
        return;
    }
    mode_ = findMode(target_);
    laplaceSd_ = 1.0 / std::sqrt(-target_.curvature(mode_));
    logDensityAtMode_ = target_.logDensity(mode_);
    integrate();
}

void ExactPosterior::integrate() {
    // Widen each side from 12 Laplace sds until the density has dropped by e^-40: the
    // likelihood can be nearly flat on one side (all bits agree), so the Laplace scale alone
    // may be far too narrow there.
    auto relative = [this](double w) { return target_.logDensity(w) - logDensityAtMode_; };
    double left = 12.0 * laplaceSd_;
    while (relative(mode_ - left) > -kTailLogDrop && left < 1e12)
        left *= 2.0;
    double right = 12.0 * laplaceSd_;
    while (relative(mode_ + right) > -kTailLogDrop && right < 1e12)
        right *= 2.0;
    lower_ = mode_ - left;
    upper_ = mode_ + right;

    // Moments about the mode keep the sums well conditioned when the mode is far from zero.
    auto moment = [&](int k) {
        auto f = [&](double w) { return std::pow(w - mode_, k) * std::exp(relative(w)); };
        return simpson(f, lower_, mode_, kIntervalsPerSide) +
               simpson(f, mode_, upper_, kIntervalsPerSide);
    };
    const double mass = moment(0);
    const double first = moment(1) / mass;
    const double second = moment(2) / mass;
    logNormalizer_ = std::log(mass);
    mean_ = mode_ + first;
    sd_ = std::sqrt(std::max(0.0, second - first * first));
}

double ExactPosterior::logDensity(double w) const {
    if (gaussian_) {
        const double z = (w - mean_) / sd_;
        return -0.5 * z * z - std::log(sd_) - 0.5 * std::log(2.0 * std::numbers::pi);
    }
    return target_.logDensity(w) - logDensityAtMode_ - logNormalizer_;
}

double ExactPosterior::density(double w) const {
    return std::exp(logDensity(w));
}

ExactPosterior::Curve ExactPosterior::curve(double from, double to, int points) const {
    Curve result;
    points = std::max(points, 2);
    result.w.resize(static_cast<std::size_t>(points));
    result.density.resize(static_cast<std::size_t>(points));
    for (int i = 0; i < points; ++i) {
        const double w = from + (to - from) * i / (points - 1);
        result.w[static_cast<std::size_t>(i)] = w;
        result.density[static_cast<std::size_t>(i)] = density(w);
    }
    return result;
}

}  // namespace couplinglab
