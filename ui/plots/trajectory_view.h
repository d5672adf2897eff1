#pragma once

#include <QList>
#include <QWidget>

#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"

class QCheckBox;

namespace couplinglab::ui {

class PlotPanel;
class TrajectoryPlot;
class EnergyErrorPlot;

// The trajectory view: one iteration's trajectory in phase space over its energy levels, and
// its energy error step by step below it (3 : 2), with a "Lock axes" box that keeps both
// plots' ranges for comparing iterations. Dragging or zooming either plot ticks the box; a
// double click on a plot unticks it.
//
// refresh() is cheap enough for slow motion's 50 calls a second: the energy levels are
// recomputed only when a new trajectory arrives, and the plots repaint once per event-loop pass.
class TrajectoryView : public QWidget {
    Q_OBJECT

  public:
    explicit TrajectoryView(QWidget* parent = nullptr);

    void refresh(const TrajectorySnapshot* snapshot, const Segment* segment);
    void clear();

    TrajectoryPlot* trajectoryPlot() const { return trajectory_; }
    EnergyErrorPlot* energyErrorPlot() const { return energyError_; }
    // Both panels, for export: trajectory, energy error.
    QList<PlotPanel*> panels() const;
    QCheckBox* lockAxesCheck() const { return lockAxes_; }

  private:
    void setAxesLocked(bool locked);

    TrajectoryPlot* trajectory_;
    EnergyErrorPlot* energyError_;
    QCheckBox* lockAxes_;
};

}  // namespace couplinglab::ui
