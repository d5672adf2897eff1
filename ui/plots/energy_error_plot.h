#pragma once

#include <QList>
#include <QString>

#include "ui/plots/plot_panel.h"
#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"

class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;

namespace couplinglab::ui {

class SymlogTicker;

// H − H0 at each leapfrog point of one iteration's trajectory against its signed step from the
// start, with the divergence threshold (maxΔH, +1000 by default).
//
// The value axis is a symmetric logarithm, y = sign(ΔH)·log10(1 + |ΔH|/c): linear within ±c
// and logarithmic beyond, each decade one unit high, ticks labelled with the true values.
// A well-tuned trajectory's errors are about 10⁻³ while the threshold is 10³; on a linear axis
// that shows the threshold the errors are a flat line at zero, and on one framed on the errors
// the threshold is a million plot heights away. On this scale both are honest at once: the
// errors' oscillation fills the linear band, a trajectory that blows up climbs a straight
// ladder of decades, and the distance to divergence reads off in decades. c is the power of ten
// at or below the median |ΔH| of the trajectory, so the typical error spans the linear band;
// a line under the axes says where the scale turns logarithmic.
class EnergyErrorPlot final : public PlotPanel {
    Q_OBJECT

  public:
    explicit EnergyErrorPlot(QWidget* parent = nullptr);
    QString exportName() const override { return exportName_; }
    // Another window's plot of the same kind (the Boltzmann machine tab's): its own file name
    // and the hint its empty state shows.
    void setExportName(const QString& name) { exportName_ = name; }
    void setEmptyHint(const QString& hint);

    // Draws the first snapshot->visiblePoints points; `segment` gives the threshold (maxΔH),
    // 1000 without it. nullptr snapshot: the empty state with a hint.
    void refresh(const TrajectorySnapshot* snapshot, const Segment* segment);
    // The same for a record of any model: its first `visiblePoints` points (all when negative);
    // the U-turns show once the trajectory is complete.
    void showTrajectory(const TrajectoryRecord& record, int visiblePoints, double threshold);
    void clear();

    void setAxesLocked(bool locked);
    bool axesLocked() const { return locked_; }

    // The scale: axis coordinate of an energy error, and back.
    static double toAxis(double energyError, double linearScale);
    static double fromAxis(double y, double linearScale);
    // c for a record: the power of ten at or below the median |ΔH| of its points after the
    // start, ignoring divergent ones; 10⁻³ when there are none.
    static double chooseLinearScale(const TrajectoryRecord& record);
    // The band to show next, from the one shown and the one `record` would choose: it stays
    // put unless the wanted band is more than two decades away, then moves one decade towards
    // it.
    static double settleLinearScale(double current, double wanted);
    QList<QCPItemText*> uturnBracketLabels() const { return bracketLabels_.mid(0, bracketsShown_); }

    double linearScale() const { return scale_; }
    double threshold() const { return threshold_; }
    QCPGraph* forwardGraph() const { return forward_; }
    QCPGraph* backwardGraph() const { return backward_; }
    QCPGraph* divergentGraph() const { return divergent_; }
    QCPItemStraightLine* zeroLine() const { return zeroLine_; }
    QCPItemStraightLine* thresholdLine() const { return thresholdLine_; }
    QCPItemText* thresholdLabel() const { return thresholdLabel_; }
    // The line under the axes that says where the scale turns logarithmic.
    QString scaleNote() const;
    // The brackets over the spans [timeBegin, timeEnd] of the U-turns shown.
    QList<QCPItemLine*> uturnBrackets() const { return brackets_.mid(0, bracketsShown_); }

  signals:
    void axesLockedChanged(bool locked);

  private:
    void frame(const TrajectoryRecord& record);
    void applyFrame();
    void placeBrackets();
    void onRangeChanged();

    QCPGraph* backward_;
    QCPGraph* forward_;
    QCPGraph* divergent_;
    QCPItemStraightLine* zeroLine_;
    QCPItemStraightLine* thresholdLine_;
    QCPItemText* thresholdLabel_;
    QCPTextElement* scaleNote_;
    QList<QCPItemLine*> brackets_;
    QList<QCPItemText*> bracketLabels_;
    int bracketsShown_ = 0;
    QString exportName_ = QStringLiteral("energy-error");
    QString emptyHint_;

    double scale_ = 1e-3;
    double framedScale_ = 0.0;  // the scale frameY_ was computed for
    double threshold_ = 1000.0;
    double frameX_[2] = {-5.0, 5.0};
    double frameY_[2] = {-1.0, 7.0};
    SymlogTicker* ticker_;  // owned by the value axis
    bool locked_ = false;
    bool settingRange_ = false;
};

}  // namespace couplinglab::ui
