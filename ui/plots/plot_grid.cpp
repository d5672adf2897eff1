#include "ui/plots/plot_grid.h"

#include <QHBoxLayout>
#include <QResizeEvent>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plots.h"
#include "ui/plots/trajectory_view.h"

namespace couplinglab::ui {

namespace {
// Relative sizes: the trace is what students watch most, so it gets twice the height of the
// other time series; the right column holds the posterior above the trajectory view, which
// needs room for phase space, so the two columns share the width equally.
constexpr int kLeftColumnStretch = 1;
constexpr int kRightColumnStretch = 1;
constexpr int kTraceStretch = 2;
constexpr int kTimeSeriesStretch = 1;
constexpr int kPosteriorStretch = 2;
constexpr int kTrajectoryStretch = 3;
constexpr int kSpacing = 6;
}  // namespace

PlotGrid::PlotGrid(QWidget* parent)
    : QWidget(parent),
      columns_(new QHBoxLayout(this)),
      leftColumn_(new QVBoxLayout),
      rightColumn_(new QVBoxLayout),
      trace_(new TracePlot),
      stepSize_(new StepSizePlot),
      treeDepth_(new TreeDepthPlot),
      acceptance_(new AcceptancePlot),
      posterior_(new PosteriorPlot),
      trajectory_(new TrajectoryView) {
    columns_->setContentsMargins(0, 0, 0, 0);
    columns_->setSpacing(kSpacing);
    // The minimum size is this widget's own (one column's), not the two columns' sum.
    columns_->setSizeConstraint(QLayout::SetNoConstraint);
    columns_->addLayout(leftColumn_, kLeftColumnStretch);
    columns_->addLayout(rightColumn_, kRightColumnStretch);
    leftColumn_->setSpacing(kSpacing);
    rightColumn_->setSpacing(kSpacing);

    leftColumn_->addWidget(trace_, kTraceStretch);
    leftColumn_->addWidget(stepSize_, kTimeSeriesStretch);
    leftColumn_->addWidget(treeDepth_, kTimeSeriesStretch);
    leftColumn_->addWidget(acceptance_, kTimeSeriesStretch);
    rightColumn_->addWidget(posterior_, kPosteriorStretch);
    rightColumn_->addWidget(trajectory_, kTrajectoryStretch);

    linkIterationAxes();
}

namespace {
// The width a layout gives a widget at least: its explicit minimum if it has one (a panel's is
// smaller than its plot's own hint, which counts the legend), else its hint.
int minimumWidthOf(const QWidget* widget) {
    return widget->minimumWidth() > 0 ? widget->minimumWidth() : widget->minimumSizeHint().width();
}
}  // namespace

QSize PlotGrid::minimumSizeHint() const {
    int width = 0;
    for (const QWidget* panel :
         {static_cast<const QWidget*>(trace_), static_cast<const QWidget*>(posterior_),
          static_cast<const QWidget*>(trajectory_)}) {
        width = std::max(width, minimumWidthOf(panel));
    }
    return {width, columns_->minimumSize().height()};
}

void PlotGrid::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitColumnsTo(width());
}

// A zoom changes the panels' minimum sizes, and a lesson step may hide a whole column: the
// columns are chosen again, and a column with nothing shown gives its width to the other.
bool PlotGrid::event(QEvent* event) {
    const bool handled = QWidget::event(event);
    if (event->type() == QEvent::LayoutRequest) {
        fitColumnsTo(width());
        const bool leftShown = hasShownWidget(leftColumn_);
        const bool rightShown = !singleColumn_ && hasShownWidget(rightColumn_);
        // Set only when changed: each change asks for the layout again.
        const int left = leftShown || !rightShown ? kLeftColumnStretch : 0;
        const int right = rightShown ? kRightColumnStretch : 0;
        const int spacing = leftShown && rightShown ? kSpacing : 0;
        if (columns_->stretch(0) != left) columns_->setStretch(0, left);
        if (columns_->stretch(1) != right) columns_->setStretch(1, right);
        if (columns_->spacing() != spacing) columns_->setSpacing(spacing);
    }
    return handled;
}

bool PlotGrid::hasShownWidget(const QLayout* column) {
    for (int i = 0; i < column->count(); ++i) {
        const QWidget* widget = column->itemAt(i)->widget();
        if (widget != nullptr && !widget->isHidden()) return true;
    }
    return false;
}

void PlotGrid::fitColumnsTo(int width) {
    const int twoColumns = std::max(minimumWidthOf(trace_), minimumWidthOf(stepSize_)) +
                           std::max(minimumWidthOf(posterior_), minimumWidthOf(trajectory_)) +
                           kSpacing;
    setSingleColumn(width < twoColumns);
}

void PlotGrid::setSingleColumn(bool single) {
    if (single == singleColumn_) return;
    singleColumn_ = single;
    // The posterior and the trajectory view move below the time series, or back beside them.
    for (QWidget* panel : {static_cast<QWidget*>(posterior_), static_cast<QWidget*>(trajectory_)}) {
        leftColumn_->removeWidget(panel);
        rightColumn_->removeWidget(panel);
    }
    QVBoxLayout* target = single ? leftColumn_ : rightColumn_;
    target->addWidget(posterior_, kPosteriorStretch);
    target->addWidget(trajectory_, kTrajectoryStretch);
    columns_->setStretchFactor(rightColumn_, single ? 0 : kRightColumnStretch);
    columns_->setSpacing(single ? 0 : kSpacing);
    updateGeometry();
}

void PlotGrid::setLiveReplotQueue(PacedQueue* queue) {
    for (PlotPanel* panel : panels())
        panel->setLiveReplotQueue(queue);
}

void PlotGrid::refresh(const RunHistory& history, const DisplaySettings& display) {
    for (TimeSeriesPlot* plot : timeSeriesPlots())
        plot->refresh(history, display);
    posterior_->refresh(history);
}

void PlotGrid::clear() {
    for (TimeSeriesPlot* plot : timeSeriesPlots())
        plot->clear();
    posterior_->clear();
    trajectory_->clear();
}

void PlotGrid::refreshTrajectory(const TrajectorySnapshot* snapshot, const Segment* segment) {
    trajectory_->refresh(snapshot, segment);
}

void PlotGrid::followLatest() {
    for (TimeSeriesPlot* plot : timeSeriesPlots())
        plot->followLatest();
}

QList<PlotPanel*> PlotGrid::panels() const {
    QList<PlotPanel*> all{trace_, stepSize_, treeDepth_, acceptance_, posterior_};
    all.append(trajectory_->panels());
    return all;
}

QList<TimeSeriesPlot*> PlotGrid::timeSeriesPlots() const {
    return {trace_, stepSize_, treeDepth_, acceptance_};
}

void PlotGrid::linkIterationAxes() {
    // Panning one time series pans them all; a double click on any brings them all back to the
    // latest iterations.
    for (TimeSeriesPlot* source : timeSeriesPlots()) {
        connect(source, &TimeSeriesPlot::iterationRangeChangedByUser, this,
                [this, source](const QCPRange& range) {
                    for (TimeSeriesPlot* plot : timeSeriesPlots()) {
                        if (plot != source) plot->showIterations(range);
                    }
                });
        connect(source, &TimeSeriesPlot::followLatestRequested, this, &PlotGrid::followLatest);
    }
}

}  // namespace couplinglab::ui
