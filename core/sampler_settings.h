#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace couplinglab {

enum class Algorithm { Nuts, StaticHmc };

std::string_view toString(Algorithm algorithm);                  // "nuts" / "hmc"
std::optional<Algorithm> algorithmFromString(std::string_view);  // inverse of toString

// Everything that defines a run of the sampler. Defaults are Stan's.
struct SamplerSettings {
    Algorithm algorithm = Algorithm::Nuts;
    int leapfrogSteps = 10;  // static HMC only
    bool adaptStepSize = true;
    double stepSize = 1.0;  // the initial step size when adapting, the fixed one otherwise
    double targetAccept = 0.8;
    bool adaptMetric = true;
    bool denseMetric = false;  // with adaptMetric: a dense metric (Stan's dense_e), not diagonal
    int maxDepth = 10;
    int warmup = 1000;
    int draws = 1000;
    int chains = 4;
    std::uint64_t seed = 1;

    // Stan's constants; configurable for experiments, not shown in the window.
    double maxDeltaH = 1000.0;
    double gamma = 0.05;
    double kappa = 0.75;
    double t0 = 10.0;
    int initBuffer = 75;
    int termBuffer = 50;
    int baseWindow = 25;
    double initRadius = 2.0;  // initial w uniform on (-initRadius, initRadius), as Stan's init=2

    bool operator==(const SamplerSettings&) const = default;
};

inline constexpr int kMaxChains = 64;
inline constexpr int kMaxLeapfrogSteps = 100'000;
inline constexpr int kMaxIterations = 100'000'000;
// Bounds of Stan's constants that keep the arithmetic of adaptation and of the start finite.
inline constexpr double kMinGamma = 1e-6;
inline constexpr double kMaxGamma = 1e6;
inline constexpr double kMaxT0 = 1e9;
inline constexpr double kMaxInitRadius = 1e100;
inline constexpr double kMaxDivergenceThreshold = 1e300;

std::optional<std::string> validate(const SamplerSettings& settings);

}  // namespace couplinglab
