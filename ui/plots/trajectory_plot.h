#pragma once

#include <QList>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "ui/plots/level_curves.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"

class QCPCurve;
class QCPItemLine;
class QCPItemText;
class QCPRange;
class QCPTextElement;

namespace couplinglab::ui {

// One iteration's trajectory in phase space, w across and the momentum p up, over the levels
// of constant energy H(w, p) = −log p(w) + p²·m⁻¹/2: leapfrog points ride the level of the
// start's energy H0 (up to the integrator's error), the tree grows by doublings forwards (indigo)
// or backwards (orange) in time, and stops where a U-turn is found, at the maximum depth or at
// a divergence (red crosses). In slow motion the points appear in the order they were computed.
//
// The axes frame the whole trajectory of the iteration and its levels, not just the points
// shown so far, so that nothing moves while a trajectory is revealed. Dragging or zooming locks
// them (axesLockedChanged), as does setAxesLocked(true); a double click unlocks them.
class TrajectoryPlot final : public PlotPanel {
    Q_OBJECT

  public:
    explicit TrajectoryPlot(QWidget* parent = nullptr);
    ~TrajectoryPlot() override;
    QString exportName() const override { return QStringLiteral("trajectory"); }

    // Draws the first snapshot->visiblePoints points of the trajectory. `segment` gives the
    // model the trajectory ran on, for the energy levels (none are drawn without it, or when
    // the record does not belong to it). nullptr snapshot: the empty state with a hint.
    void refresh(const TrajectorySnapshot* snapshot, const Segment* segment);
    void clear();

    void setAxesLocked(bool locked);
    bool axesLocked() const { return locked_; }

    // What is drawn, for tests and for the trajectory view.
    QCPCurve* forwardCurve() const { return forward_; }    // time ≥ 0, from the start
    QCPCurve* backwardCurve() const { return backward_; }  // time ≤ 0, from the start
    QCPCurve* newestDoublingCurve() const { return newestPoints_; }
    QCPCurve* startMarker() const { return start_; }
    QCPCurve* selectedMarker() const { return selected_; }
    QCPCurve* divergentMarkers() const { return divergent_; }
    // The level curves in ascending energy (unused ones are hidden and left out).
    QList<QCPCurve*> levelCurves() const;
    QCPCurve* initialLevelCurve() const;
    QCPItemText* initialLevelLabel() const { return h0Label_; }
    const LevelSet& levelSet() const { return levels_; }

    struct UTurnMark {
        UTurnEvent event;
        QCPItemLine* chord;  // between the points at event.timeBegin and event.timeEnd
        QCPItemText* label;
        QString text;  // in full; a compact plot shows "U-turn"
        // The span of an earlier mark again (one merge can fail several checks over the same
        // two points): its chord and label stay hidden, so each span is labelled once.
        bool repeat = false;
    };
    // One per U-turn event shown (every event of a complete record).
    QList<UTurnMark> uturnMarks() const;
    QCPItemText* maxDepthLabel() const { return maxDepthLabel_; }
    QCPItemText* decisionLabel() const { return decisionLabel_; }  // static HMC
    QCPItemText* offScaleNote() const { return offScaleNote_; }
    QString readoutText() const;   // every fact, on one line
    QString readoutShown() const;  // as drawn at the last replot: wrapped, perhaps cut
    // The frame the axes follow while unlocked.
    QCPRange framedWRange() const;
    QCPRange framedPRange() const;

  signals:
    // The lock changed by the user's hand on the plot: a drag or zoom locks, a double click
    // unlocks.
    void axesLockedChanged(bool locked);

  private:
    struct LevelKey {
        ModelSpec model;
        SufficientStatistic statistic;
        double inverseMetric;
        double initialEnergy;
        double startPosition;
        double startMomentum;
        std::size_t points;
        bool operator==(const LevelKey&) const = default;
    };

    void fillLegend(bool staticHmc);
    void updateLevels(const TrajectoryRecord& record, const Segment* segment);
    void drawTrajectory(const TrajectorySnapshot& snapshot);
    void thinMarkers(QCPCurve* curve, const std::vector<double>& w,
                     const std::vector<double>& p) const;
    void drawUTurns(const TrajectorySnapshot& snapshot, int visible);
    void drawLabels(const TrajectorySnapshot& snapshot, int visible);
    void updateReadout(const TrajectorySnapshot& snapshot, int visible);
    void computeFrame(const TrajectoryRecord& record);
    void applyFrame();
    void onRangeChanged();
    void fitLabels();
    const TrajectoryPoint* pointAtTime(int time) const;

    QList<QCPCurve*> levelPool_;
    QCPItemText* h0Label_;
    QCPCurve* forward_;
    QCPCurve* backward_;
    QCPCurve* newestLine_;
    QCPCurve* newestPoints_;
    QCPCurve* start_;
    QCPCurve* startDot_;
    QCPCurve* forwardKey_;
    QCPCurve* backwardKey_;
    QCPCurve* startKey_;
    QCPCurve* selectedKey_;
    QCPCurve* divergentKey_;
    std::optional<bool> legendStatic_;
    QCPCurve* selected_;
    QCPCurve* divergent_;
    QList<UTurnMark> uturnPool_;
    int uturnsShown_ = 0;
    QCPItemText* maxDepthLabel_;
    QCPItemText* decisionLabel_;
    QCPItemText* offScaleNote_;
    QCPTextElement* readout_;

    std::optional<LevelCurves> model_;  // of the segment last drawn
    std::optional<LevelKey> levelKey_;
    LevelSet levels_;
    // Index of record point by time: times of a record are contiguous, [minTime_, maxTime_].
    const TrajectoryRecord* record_ = nullptr;
    std::vector<int> byTime_;
    int minTime_ = 0;
    std::vector<double> scratchT_, scratchW_, scratchP_;

    double frameW_[2] = {-1.0, 1.0};
    double frameP_[2] = {-1.0, 1.0};
    bool locked_ = false;
    bool settingRange_ = false;
};

}  // namespace couplinglab::ui
