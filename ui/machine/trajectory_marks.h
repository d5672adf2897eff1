#pragma once

#include <QCoreApplication>
#include <QPointF>
#include <functional>

#include "core/trajectory_record.h"

class QCPCurve;
class QCPGraph;
class QCustomPlot;

namespace couplinglab::ui {

// One trajectory's points projected onto a plane, as the position and the phase views draw
// them: the path in time order, forward doublings in indigo, backward in orange, the start
// ringed, the next draw in sky blue, divergent points as red crosses. Owned by its plot.
class TrajectoryMarks {
    Q_DECLARE_TR_FUNCTIONS(TrajectoryMarks)

  public:
    explicit TrajectoryMarks(QCustomPlot* plot);

    // The extent of every finite point of a trajectory, shown yet or not.
    struct Bounds {
        double minX = HUGE_VAL;
        double maxX = -HUGE_VAL;
        double minY = HUGE_VAL;
        double maxY = -HUGE_VAL;
        bool empty() const { return !(minX <= maxX); }
    };

    // Point i of `record` at (x(i), y(i)): the first `visiblePoints` in the order they were
    // computed (-1: all, and then the next draw too). Returns the bounds of all of them, so that
    // a view framed on them stays still while the points appear.
    Bounds draw(const TrajectoryRecord& record, int visiblePoints,
                const std::function<double(std::size_t)>& x,
                const std::function<double(std::size_t)>& y);
    void clear();
    // The legend lists a mark only while it is drawn.
    void updateLegend();

    int pointCount() const;  // the start included
    int forwardCount() const;
    int backwardCount() const;
    QPointF start() const;
    QPointF selected() const;

  private:
    QCustomPlot* plot_;
    QCPCurve* path_;
    QCPGraph* forward_;
    QCPGraph* backward_;
    QCPGraph* start_;
    QCPGraph* selected_;
    QCPGraph* divergent_;
};

}  // namespace couplinglab::ui
