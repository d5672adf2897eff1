#pragma once

// The base of the plots with x = iteration (trace, step size, tree depth, acceptance; one file
// each): following the newest iterations, decimation, and the segment markers they share.

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

}  // namespace couplinglab::ui
