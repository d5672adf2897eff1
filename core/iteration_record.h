#pragma once

#include <cmath>
#include <cstdint>

#include "core/chain.h"

namespace couplinglab {

// One iteration of the one-weight model, flattened for storage, plots and CSV: the position w
// plus Stan's columns.
struct IterationRecord {
    std::int64_t iteration = 0;
    int segment = 0;
    bool warmup = false;
    double w = 0.0;
    double lp = 0.0;  // lp__: log density up to a constant
    double acceptStat = 0.0;
    double stepSize = 0.0;
    int treeDepth = 0;
    int nLeapfrog = 0;
    bool divergent = false;
    double energy = 0.0;
    double inverseMetric = 1.0;

    // The step measured in units of w: epsilon * sqrt(inverse metric).
    double effectiveStepSize() const;
    bool operator==(const IterationRecord&) const = default;
};

// For a model of several parameters, `w` holds the first one.
template <int Dim>
IterationRecord toRecord(const Draw<Dim>& draw) {
    return {draw.iteration,        draw.segment,         draw.warmup,        draw.state.q[0],
            draw.state.logDensity, draw.info.acceptStat, draw.info.stepSize, draw.info.treeDepth,
            draw.info.nLeapfrog,   draw.info.divergent,  draw.info.energy,   draw.inverseMetric[0]};
}

inline double IterationRecord::effectiveStepSize() const {
    return stepSize * std::sqrt(inverseMetric);
}

}  // namespace couplinglab
