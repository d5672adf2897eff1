#pragma once

#include <QList>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <qcustomplot.h>

#include "ui/plots/decimation.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/run_history.h"
#include "ui/settings/display_settings.h"

namespace couplinglab::ui {

// Iterations [first, last) of every chain.
struct IterationWindow {
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::int64_t size() const { return last - first; }
};

// One graph per chain in the chain colours, recreated only when the number of chains changes.
class ChainGraphs {
  public:
    using Style = std::function<void(QCPGraph* graph, int chain)>;
    ChainGraphs(QCustomPlot* plot, QCPAxis* valueAxis, Style style);

    void resize(int chains);
    int size() const { return static_cast<int>(graphs_.size()); }
    QCPGraph* at(int chain) const { return graphs_[static_cast<std::size_t>(chain)]; }
    void clearData();

  private:
    QCustomPlot* plot_;
    QCPAxis* valueAxis_;
    Style style_;
    std::vector<QCPGraph*> graphs_;
};

// A plot with x = iteration. While it follows the latest iterations it shows the last
// `traceWindow` of them; dragging or zooming the x axis stops that until followLatest() or a
// double click. Every series is decimated to about two points per pixel, so a window of a
// million iterations of four chains redraws in milliseconds.
class TimeSeriesPlot : public PlotPanel {
    Q_OBJECT

  public:
    // Keeps a pointer to `history` to redraw when the user pans: it must outlive the plot or be
    // followed by clear().
    void refresh(const RunHistory& history, const DisplaySettings& display);
    void clear();

    void followLatest();
    bool isFollowingLatest() const { return following_; }
    // Shows these iterations, as a linked plot asks when the user pans it; stops following.
    void showIterations(const QCPRange& range);

    // The iterations whose data are on screen, and the most points any series may hold.
    IterationWindow shownWindow() const { return shown_; }
    int pointBudget() const;

  signals:
    void iterationRangeChangedByUser(const QCPRange& range);
    void followLatestRequested();

  protected:
    TimeSeriesPlot(const QString& title, const QString& subtitle, QWidget* parent);
    // For scatter plots, whose symbols are several pixels wide: while rendering live, a bucket
    // of the decimation spans this many pixels instead of one, which draws nearly the same
    // picture with a fraction of the symbols. 1: no thinning.
    void setLiveScatterThinning(int factor) { liveScatterThinning_ = factor; }
    void liveRenderingChanged() override {
        if (liveScatterThinning_ != 1) redraw();  // the point budget changed
    }

    virtual void drawSeries(const RunHistory& history, IterationWindow window, int budget) = 0;
    virtual void clearSeries() = 0;
    // Shading a plot wants under a segment (warmup, adaptation windows); the switch line and its
    // label are drawn for every plot.
    virtual void addSegmentShading(const Segment& segment) { (void)segment; }

    // A band over the full height between two iterations, under the data, removed with the
    // segment markers.
    QCPItemRect* addIterationBand(double from, double to, const QColor& colour,
                                  const QString& name);
    // A label offset in pixels from an anchor of a segment marker, removed with the markers.
    QCPItemText* addSegmentText(QCPItemAnchor* anchor, QPointF offset, Qt::Alignment alignment,
                                const QString& text, const QString& name);
    void resizeEvent(QResizeEvent* event) override;

  private:
    struct SegmentMarkerKey {
        std::int64_t start;
        int warmup;
        std::vector<std::pair<std::int64_t, std::int64_t>> slowWindows;
        QString label;
        bool operator==(const SegmentMarkerKey&) const = default;
    };

    void redraw();
    void setIterationRange(const QCPRange& range);
    void onIterationRangeChanged(const QCPRange& range);
    void syncSegmentMarkers(const RunHistory& history);
    void removeSegmentMarkers();
    void placeSwitchLabels();

    const RunHistory* history_ = nullptr;
    DisplaySettings display_;
    IterationWindow shown_;
    bool following_ = true;
    bool settingRange_ = false;
    int liveScatterThinning_ = 1;
    std::vector<SegmentMarkerKey> markedSegments_;
    QList<QCPAbstractItem*> segmentItems_;
};

// w per iteration for every chain: where the chains went, warmup shaded, divergences crossed.
class TracePlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit TracePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("trace"); }

    QCPGraph* chainGraph(int chain) const { return chains_.at(chain); }
    int chainGraphCount() const { return chains_.size(); }
    QCPGraph* divergenceGraph() const { return divergences_; }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;
    void addSegmentShading(const Segment& segment) override;

  private:
    ChainGraphs chains_;
    QCPGraph* divergences_;
    std::vector<MinMaxBlocks> blocks_;  // per chain, of w
    PlotSeries series_;                 // reused buffers: no allocation per refresh once warm
};

class StepSizeChanges;

// ε per iteration on a log axis, with the step it makes in units of w, ε·√(inverse metric):
// the number to compare with the posterior's sd.
class StepSizePlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit StepSizePlot(QWidget* parent = nullptr);
    ~StepSizePlot() override;
    QString exportName() const override { return QStringLiteral("step-size"); }

    QCPGraph* stepSizeGraph(int chain) const { return stepSizes_.at(chain); }
    QCPGraph* effectiveStepGraph(int chain) const { return effectiveSteps_.at(chain); }
    int chainGraphCount() const { return stepSizes_.size(); }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;
    void addSegmentShading(const Segment& segment) override;

  private:
    ChainGraphs stepSizes_;
    ChainGraphs effectiveSteps_;
    std::vector<StepSizeChanges> changes_;
    const RunHistory* cachedHistory_ = nullptr;
    PlotSeries stepSeries_, effectiveSeries_;
};

// Tree depth (dots, left axis) and leapfrog steps (circles, right axis, logarithmic and aligned
// with the depths) per iteration: the cost of each iteration, which explodes when the step size
// is much smaller than the posterior's scale.
class TreeDepthPlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit TreeDepthPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("tree-depth"); }

    // Each chain's depths are drawn in a row of their own, this far from the integer depth,
    // each point moved up or down by at most kJitter (jitter(iteration)) within its row.
    static double rowOffset(int chain, int chains);
    static constexpr double kJitter = 0.05;
    static double jitter(double iteration);
    QCPGraph* treeDepthGraph(int chain) const { return depths_.at(chain); }
    QCPGraph* leapfrogGraph(int chain) const { return leapfrogs_.at(chain); }
    int chainGraphCount() const { return depths_.size(); }
    // Label every this many depths so that labels `lineHeight` tall stay apart on an axis of
    // `pixels` showing `rows` depths.
    static int labelEvery(double rows, int pixels, int lineHeight);
    int labelledEvery() const { return labelledEvery_; }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;
    void fitVerticalAxes(int axisLength) override;

  private:
    void setDepthRange(double deepest);
    void spaceLabels();

    int axisLength_ = 0;  // of the last layout's estimate; 0 before the first
    int labelledEvery_ = 1;
    ChainGraphs depths_;
    ChainGraphs leapfrogs_;
    std::vector<MinMaxBlocks> depthBlocks_, leapfrogBlocks_;  // per chain
    PlotSeries series_;
};

// accept_stat per iteration with the target δ that step-size adaptation aims for.
class AcceptancePlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit AcceptancePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("acceptance"); }

    QCPGraph* chainGraph(int chain) const { return chains_.at(chain); }
    int chainGraphCount() const { return chains_.size(); }
    QCPItemStraightLine* targetLine() const { return targetLine_; }
    QCPItemText* targetLabel() const { return targetLabel_; }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;

  private:
    ChainGraphs chains_;
    QCPItemStraightLine* targetLine_;
    QCPItemText* targetLabel_;
    std::vector<MinMaxBlocks> blocks_;  // per chain, of accept_stat
    PlotSeries series_;
};

}  // namespace couplinglab::ui
