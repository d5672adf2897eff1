#pragma once

#include <array>

#include "core/display_settings.h"

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
static_assert(kSpeedLevels.size() == kFullSpeedLevel + 1, "one name per speed level");

// The settings themselves are plain C++ in the core, where the settings schema describes them.
using couplinglab::DisplaySettings;
using couplinglab::kFullSpeedLevel;
using couplinglab::kMaxLeapfrogStepsPerSecond;
using couplinglab::kMaxTraceWindow;
using couplinglab::kMinLeapfrogStepsPerSecond;
using couplinglab::kMinTraceWindow;

}  // namespace couplinglab::ui
