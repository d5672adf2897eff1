#pragma once

#include <QMetaType>
#include <QString>
#include <array>
#include <cstdint>
#include <vector>

#include "core/bit_data.h"
#include "core/iteration_record.h"
#include "core/trajectory_record.h"

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

// What the data group shows after generation.
struct DataSummary {
    DataSpec spec;
    SufficientStatistic statistic;
    std::vector<bool> firstX;  // up to the first 64 bits of X and Y, for the bit strip
    std::vector<bool> firstY;
    double generationSeconds = 0.0;
};

enum class RunState {
    Idle,      // nothing sampled since the last reset
    Running,   // sampling
    Paused,    // stopped by the user, can continue
    Finished,  // every chain has its draws; Start continues with more
};

// Per-chain tuning as the sampler holds it now (for the explanation and the status bar).
struct ChainStatus {
    double stepSize = 1.0;
    double inverseMetric = 1.0;
    bool warmup = true;
    std::int64_t iterations = 0;
};

// A batch of new iterations of every chain, sent by the worker at most 60 times a second.
struct IterationBatch {
    int generation = 0;  // stale batches from before a reset are ignored
    std::vector<std::vector<IterationRecord>> chains;
    std::vector<ChainStatus> status;
};

// The trajectory of one iteration of chain 1, possibly still growing (slow motion).
struct TrajectorySnapshot {
    int generation = 0;
    std::int64_t iteration = 0;
    TrajectoryRecord record;
    int visiblePoints = 0;  // points revealed so far (all of them once complete)
    bool complete = true;
};

}  // namespace couplinglab::ui

Q_DECLARE_METATYPE(couplinglab::ui::IterationBatch)
Q_DECLARE_METATYPE(couplinglab::ui::TrajectorySnapshot)
Q_DECLARE_METATYPE(couplinglab::ui::DataSummary)
Q_DECLARE_METATYPE(couplinglab::ui::RunState)
