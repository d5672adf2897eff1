#pragma once

#include <memory>

#include "core/trajectory_record.h"
#include "ui/plots/plot_panel.h"

class QCPColorMap;
class QCPItemLine;
class QCPItemText;

namespace couplinglab::ui {

struct MachineRunOutcome;
class TrajectoryMarks;

// One NUTS trajectory (chain 1's last draw) drawn in position space, the (x, y) plane of two
// parameters, over bands of the log density on the plane through the trajectory's start (the
// other parameters held at the start's values): each band is half a standard deviation of a
// normal with the same curvature. Forward doublings in indigo, backward in orange, the start
// ringed, the selected point (the next draw) in sky blue, divergent points as red crosses, and
// the span where the no-U-turn criterion stopped the tree as a purple line.
class PositionTrajectoryPlot final : public PlotPanel {
    Q_OBJECT
  public:
    static constexpr int kGridSize = 90;
    static constexpr double kBandsShown = 4.0;  // sd from the slice's peak, then white

    explicit PositionTrajectoryPlot(QWidget* parent = nullptr);
    ~PositionTrajectoryPlot() override;
    QString exportName() const override { return QStringLiteral("trajectory-position"); }

    // `visiblePoints`: the first that many leapfrog points in the order they were computed, as
    // the live run plays a trajectory back step by step (-1: all, with the selected point and
    // the U-turn).
    void setRun(const MachineRunOutcome& outcome, int x, int y, int visiblePoints = -1);
    void clear();

    int pointCount() const;  // leapfrog points drawn, the start included
    int forwardCount() const;
    int backwardCount() const;
    bool hasDensity() const;
    QString summaryText() const;
    // "ε = ? · ? steps · depth ?" while a lesson waits for predictions.
    void setSummaryMasked(bool masked);
    // The selected point as drawn.
    QPointF selectedPoint() const;

  private:
    void drawDensity(const MachineRunOutcome& outcome, const TrajectoryRecord& record, int x, int y,
                     double minX, double maxX, double minY, double maxY);

    QCPColorMap* density_;
    std::unique_ptr<TrajectoryMarks> marks_;
    QCPItemLine* uturn_;
    QCPItemText* summary_;
    QString summaryFull_;
    bool summaryMasked_ = false;
};

}  // namespace couplinglab::ui
