#include "core/sampler_settings.h"

#include <cmath>

#include "core/nuts.h"

namespace couplinglab {

std::string_view toString(Algorithm algorithm) {
    return algorithm == Algorithm::StaticHmc ? "hmc" : "nuts";
}

std::optional<Algorithm> algorithmFromString(std::string_view text) {
    if (text == "nuts") return Algorithm::Nuts;
    if (text == "hmc") return Algorithm::StaticHmc;
    return std::nullopt;
}

std::optional<std::string> validate(const SamplerSettings& s) {
    using std::to_string;
    if (s.leapfrogSteps < 1 || s.leapfrogSteps > kMaxLeapfrogSteps) {
        return "the number of leapfrog steps L must be between 1 and " +
               to_string(kMaxLeapfrogSteps);
    }
    if (!std::isfinite(s.stepSize) || s.stepSize <= 0.0) {
        return "the step size must be a finite number greater than 0";
    }
    if (!(s.targetAccept > 0.0 && s.targetAccept < 1.0)) {
        return "the target acceptance rate delta must lie strictly between 0 and 1";
    }
    if (s.maxDepth < 1 || s.maxDepth > kMaxTreeDepthLimit) {
        return "the maximum tree depth must be between 1 and " + to_string(kMaxTreeDepthLimit);
    }
    if (s.warmup < 0 || s.warmup > kMaxIterations) {
        return "the number of warmup iterations must be between 0 and " + to_string(kMaxIterations);
    }
    if (s.draws < 1 || s.draws > kMaxIterations) {
        return "the number of draws must be between 1 and " + to_string(kMaxIterations);
    }
    if (s.chains < 1 || s.chains > kMaxChains) {
        return "the number of chains must be between 1 and " + to_string(kMaxChains);
    }
    if (!(s.maxDeltaH > 0.0)) return "the divergence threshold must be greater than 0";
    // gamma divides the step-size update: a denormal one makes it infinite.
    if (!(s.gamma >= kMinGamma && s.gamma <= kMaxGamma) || !(s.kappa > 0.0 && s.kappa <= 1.0) ||
        !(s.t0 >= 0.0 && s.t0 <= kMaxT0)) {
        return "the dual averaging constants need 1e-6 <= gamma <= 1e6, 0 < kappa <= 1 and "
               "0 <= t0 <= 1e9";
    }
    if (s.initBuffer < 0 || s.termBuffer < 0 || s.baseWindow < 1) {
        return "the adaptation windows need buffers >= 0 and a base window >= 1";
    }
    // The start is drawn from [-initRadius, initRadius]; beyond 1e100 its energy overflows.
    if (!std::isfinite(s.initRadius) || s.initRadius < 0.0 || s.initRadius > kMaxInitRadius) {
        return "the initial radius must be a number from 0 to 1e100";
    }
    if (!(s.maxDeltaH <= kMaxDivergenceThreshold)) {
        return "the divergence threshold must be at most 1e300";
    }
    return std::nullopt;
}

}  // namespace couplinglab
