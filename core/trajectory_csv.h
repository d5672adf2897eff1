#pragma once

#include <cstdint>
#include <string>

#include "core/chain_runner.h"
#include "core/trajectory_record.h"

namespace couplinglab {

inline constexpr const char* kTrajectoryCsvHeader =
    "order,doubling,direction,w,p,energy,energy_error,divergent,selected,uturn";

// One row per point of the trajectory in computation order, the start first (order 0,
// doubling -1, direction 0). `selected` marks the point that became the next state; `uturn`
// marks the two end points of every span where the no-U-turn criterion fired. Numbers in
// shortest round-trip form.
std::string trajectoryCsv(const TrajectoryRecord& record);

// Replays chain `chain` (0-based) of a run up to its iteration `iteration` (1-based, warmup
// included) and returns that iteration's trajectory. Deterministic: the same as the window
// shows for the same settings and seed.
TrajectoryRecord recordTrajectory(const CouplingTarget& target, const SamplerSettings& settings,
                                  int chain, std::int64_t iteration);

}  // namespace couplinglab
