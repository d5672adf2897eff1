#pragma once

#include <cstddef>
#include <vector>

#include "core/transition.h"

namespace couplinglab {

// One point of a recorded trajectory. Positions and momenta are the model's first coordinate.
struct TrajectoryPoint {
    int order = 0;      // 0 = start, then the order in which leapfrog steps were computed
    int time = 0;       // signed step count from the start: +k forward, -k backward
    int doubling = -1;  // index of the doubling (tree depth) that produced the point; -1: start
    int direction = 0;  // +1 forward, -1 backward, 0 for the start
    double position = 0.0;
    double momentum = 0.0;
    double energy = 0.0;       // H = -log p(q) + p^2 m^-1 / 2
    double energyError = 0.0;  // H - H0
    bool divergent = false;
};

// Which comparison of the generalised criterion failed.
enum class UTurnCheck {
    SpanEnds,                // between the two ends of the merged span
    LeftPlusNextPoint,       // the left half extended by the first point of the right half
    RightPlusPreviousPoint,  // the right half extended by the last point of the left half
};

// Where the no-U-turn criterion fired: the span [timeBegin, timeEnd] of the merged subtree.
struct UTurnEvent {
    int doubling = 0;
    int timeBegin = 0;
    int timeEnd = 0;
    bool wholeTrajectory = false;  // the top-level merge of the new subtree with the old tree
    UTurnCheck check = UTurnCheck::SpanEnds;
};

// Everything computed during one iteration, for the trajectory view and the CLI's CSV.
struct TrajectoryRecord {
    std::vector<TrajectoryPoint> points;
    // Every coordinate of every point's position and momentum, point by point (`dimension` per
    // point, in the order of `points`), for views of a trajectory through several parameters.
    int dimension = 1;
    std::vector<double> positions;
    std::vector<double> momenta;
    std::vector<UTurnEvent> uturns;
    int selectedOrder = 0;  // the point that became the next state
    double initialEnergy = 0.0;
    double stepSize = 0.0;
    double inverseMetric = 1.0;  // first coordinate
    bool staticHmc = false;
    bool accepted = true;  // static HMC's Metropolis decision (NUTS: selected point != start)
    TransitionInfo info;

    // Coordinate `parameter` of point `index` (an index into `points`).
    double position(std::size_t index, int parameter) const {
        return positions[index * static_cast<std::size_t>(dimension) +
                         static_cast<std::size_t>(parameter)];
    }
    double momentum(std::size_t index, int parameter) const {
        return momenta[index * static_cast<std::size_t>(dimension) +
                       static_cast<std::size_t>(parameter)];
    }
    bool hasPositions() const {
        return positions.size() == points.size() * static_cast<std::size_t>(dimension) &&
               momenta.size() == positions.size();
    }

    template <class Vector>
    void addCoordinates(const Vector& q, const Vector& p) {
        dimension = static_cast<int>(q.size());
        positions.insert(positions.end(), q.data(), q.data() + q.size());
        momenta.insert(momenta.end(), p.data(), p.data() + p.size());
    }

    void clear() {
        points.clear();
        positions.clear();
        momenta.clear();
        uturns.clear();
        selectedOrder = 0;
    }
};

}  // namespace couplinglab
