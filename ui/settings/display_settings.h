#pragma once

#include <array>

namespace couplinglab::ui {

// How fast the sampler runs in the window. Level 0 plays each iteration's trajectory one
// leapfrog step at a time; the middle levels run a fixed number of iterations per second; the
// last runs as fast as the machine allows. The draws do not depend on the speed.
struct SpeedLevel {
    enum class Mode { LeapfrogSteps, Iterations, Full };
    Mode mode;
    double iterationsPerSecond;  // Iterations mode only
    const char* label;
};

inline constexpr std::array<SpeedLevel, 9> kSpeedLevels{{
    {SpeedLevel::Mode::LeapfrogSteps, 0.0, "one leapfrog step at a time"},
    {SpeedLevel::Mode::Iterations, 1.0, "1 iteration / s"},
    {SpeedLevel::Mode::Iterations, 3.0, "3 iterations / s"},
    {SpeedLevel::Mode::Iterations, 10.0, "10 iterations / s"},
    {SpeedLevel::Mode::Iterations, 30.0, "30 iterations / s"},
    {SpeedLevel::Mode::Iterations, 100.0, "100 iterations / s"},
    {SpeedLevel::Mode::Iterations, 1000.0, "1000 iterations / s"},
    {SpeedLevel::Mode::Iterations, 10000.0, "10000 iterations / s"},
    {SpeedLevel::Mode::Full, 0.0, "full speed"},
}};
inline constexpr int kFullSpeedLevel = static_cast<int>(kSpeedLevels.size()) - 1;

// Settings of the window that do not change the draws.
struct DisplaySettings {
    int speedLevel = kFullSpeedLevel;
    double leapfrogStepsPerSecond = 10.0;  // pace of level 0, 2 to 50
    int traceWindow = 2000;                // iterations shown by the time-series plots
    bool keepTunedStepSize = false;        // on a switch, keep step size and metric
    bool operator==(const DisplaySettings&) const = default;
};

inline constexpr double kMinLeapfrogStepsPerSecond = 2.0;
inline constexpr double kMaxLeapfrogStepsPerSecond = 50.0;
inline constexpr int kMinTraceWindow = 100;
inline constexpr int kMaxTraceWindow = 1'000'000;

}  // namespace couplinglab::ui
