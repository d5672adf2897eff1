#pragma once

// What the sampling worker and the controller send to the window.

#include <QMetaType>
#include <QString>
#include <cstdint>
#include <vector>

#include "core/bit_data.h"
#include "core/iteration_record.h"
#include "core/trajectory_record.h"

namespace couplinglab::ui {

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
