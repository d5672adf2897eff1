#pragma once

// A run that has finished (core's runChains(), as the CLI and the lesson handout run it) shown
// the way the window shows a run at its end: its iterations in a RunHistory, chain 1's last
// trajectory, and the sampler's numbers for the explanation and a lesson's placeholders.

#include <optional>

#include "core/chain_runner.h"
#include "core/run_settings.h"
#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"

namespace couplinglab::ui {

// One segment from iteration 0 with every chain's records, as the window's history holds a run
// that was never switched.
void fillHistory(RunHistory& history, const RunSettings& settings,
                 const SufficientStatistic& statistic, const RunResult& run);

// The window ends a run showing chain 1's latest trajectory. The run kept no trajectories, so
// chain 1 is run again (same seed, same draws) and its last iteration recorded. That doubles
// one chain's work, so runs of more than kMaxReplayIterations per chain are not replayed.
// nullopt when not replayed, or when the replay does not reproduce the run's last draw exactly
// (it always should).
inline constexpr std::int64_t kMaxReplayIterations = 1'000'000;
std::optional<TrajectorySnapshot> lastTrajectory(const RunSettings& settings,
                                                 const SufficientStatistic& statistic,
                                                 const RunResult& run);

}  // namespace couplinglab::ui
