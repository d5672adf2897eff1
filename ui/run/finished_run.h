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
// The history reset for `chains` chains and its one segment started, with no iterations yet.
void startHistory(RunHistory& history, const RunSettings& settings,
                  const SufficientStatistic& statistic, int chains);

// The window ends a run showing chain 1's latest trajectory. The run kept no trajectories, so
// chain 1 is run again (same seed, same draws) and its last iteration recorded. That doubles
// one chain's work, so runs of more than kMaxReplayIterations per chain are not replayed.
// nullopt when not replayed, or when the replay does not reproduce the run's last draw exactly
// (it always should).
inline constexpr std::int64_t kMaxReplayIterations = 1'000'000;
std::optional<TrajectorySnapshot> lastTrajectory(const RunSettings& settings,
                                                 const SufficientStatistic& statistic,
                                                 const RunResult& run);

// Chain 1 run again from its start (same seed, same draws), recording the trajectories of the
// iterations asked for, in increasing order. Animations ask for many iterations of one run, so
// the chain is replayed once, not once per iteration.
class ChainReplay {
  public:
    ChainReplay(const RunSettings& settings, const SufficientStatistic& statistic,
                const RunResult& run);
    // The trajectory of `iteration` (1-based, warmup included, not before the last one asked
    // for), complete. nullopt when the run has no such iteration, its iterations are too many
    // to replay (kMaxReplayIterations) or the replay does not reproduce the run's draw.
    std::optional<TrajectorySnapshot> at(std::int64_t iteration);

  private:
    CouplingChain chain_;
    const std::vector<IterationRecord>* records_;
    std::int64_t done_ = 0;
    bool replayable_;
    std::optional<TrajectorySnapshot> last_;
};

}  // namespace couplinglab::ui
