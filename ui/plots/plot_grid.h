#pragma once

#include <QList>
#include <QWidget>

#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"
#include "ui/settings/display_settings.h"

class QHBoxLayout;
class QLayout;
class QVBoxLayout;

namespace couplinglab::ui {

class PacedQueue;
class PlotPanel;
class TimeSeriesPlot;
class TracePlot;
class StepSizePlot;
class TreeDepthPlot;
class AcceptancePlot;
class PosteriorPlot;
class TrajectoryView;

// The plots of the window: the time series stacked on the left with one shared iteration axis,
// the posterior and the trajectory view on the right.
class PlotGrid : public QWidget {
    Q_OBJECT

  public:
    explicit PlotGrid(QWidget* parent = nullptr);

    void refresh(const RunHistory& history, const DisplaySettings& display);
    // The trajectory view follows the sampler's latest trajectory snapshot (nullptr: none yet).
    void refreshTrajectory(const TrajectorySnapshot* snapshot, const Segment* segment);
    void clear();
    // Back to showing the latest iterations after the user panned or zoomed.
    void followLatest();
    // See PlotPanel::setLiveReplotQueue.
    void setLiveReplotQueue(PacedQueue* queue);

    // Every panel, for export: trace, step size, tree depth, acceptance, posterior, trajectory,
    // energy error.
    QList<PlotPanel*> panels() const;
    QList<TimeSeriesPlot*> timeSeriesPlots() const;
    TracePlot* tracePlot() const { return trace_; }
    StepSizePlot* stepSizePlot() const { return stepSize_; }
    TreeDepthPlot* treeDepthPlot() const { return treeDepth_; }
    AcceptancePlot* acceptancePlot() const { return acceptance_; }
    PosteriorPlot* posteriorPlot() const { return posterior_; }
    TrajectoryView* trajectoryView() const { return trajectory_; }

    // Two columns when the grid is wide enough for two of its panels side by side, else one
    // (in a scroll area, the panels then stack to be scrolled through).
    int columnCount() const { return singleColumn_ ? 1 : 2; }
    // As narrow as one column: the width decides the columns, not the other way round.
    QSize minimumSizeHint() const override;

  protected:
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

  private:
    void linkIterationAxes();
    void fitColumnsTo(int width);
    static bool hasShownWidget(const QLayout* column);
    void setSingleColumn(bool single);

    QHBoxLayout* columns_;
    QVBoxLayout* leftColumn_;
    QVBoxLayout* rightColumn_;  // room below the posterior for more panels
    TracePlot* trace_;
    StepSizePlot* stepSize_;
    TreeDepthPlot* treeDepth_;
    AcceptancePlot* acceptance_;
    PosteriorPlot* posterior_;
    TrajectoryView* trajectory_;
    bool singleColumn_ = false;
};

}  // namespace couplinglab::ui
