#pragma once

// How the window shows a run: settings that a session stores but that never change the draws.
// They live here, beside RunSettings, so that the settings schema (core/settings_schema.h) can
// describe every stored setting in one table without depending on Qt; the window's names for
// the speed levels stay in ui/settings/display_settings.h.

namespace couplinglab {

inline constexpr int kFullSpeedLevel = 8;  // the last of the window's speed levels
inline constexpr double kMinLeapfrogStepsPerSecond = 2.0;
inline constexpr double kMaxLeapfrogStepsPerSecond = 50.0;
inline constexpr int kMinTraceWindow = 100;
inline constexpr int kMaxTraceWindow = 1'000'000;

struct DisplaySettings {
    int speedLevel = kFullSpeedLevel;
    double leapfrogStepsPerSecond = 10.0;  // pace of level 0, 2 to 50
    int traceWindow = 2000;                // iterations shown by the time-series plots
    bool keepTunedStepSize = false;        // on a switch, keep step size and metric
    bool operator==(const DisplaySettings&) const = default;
};

}  // namespace couplinglab
