#include "ui/plots/plot_grid.h"

#include <QHBoxLayout>
#include <QVBoxLayout>

#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plots.h"

namespace couplinglab::ui {

namespace {
// Relative sizes: the trace is what students watch most, so it gets twice the height of the
// other time series; the left column gets three fifths of the width.
constexpr int kLeftColumnStretch = 3;
constexpr int kRightColumnStretch = 2;
constexpr int kTraceStretch = 2;
constexpr int kTimeSeriesStretch = 1;
constexpr int kPosteriorStretch = 1;
constexpr int kSpacing = 6;
}  // namespace

PlotGrid::PlotGrid(QWidget* parent)
    : QWidget(parent),
      leftColumn_(new QVBoxLayout),
      rightColumn_(new QVBoxLayout),
      trace_(new TracePlot),
      stepSize_(new StepSizePlot),
      treeDepth_(new TreeDepthPlot),
      acceptance_(new AcceptancePlot),
      posterior_(new PosteriorPlot) {
    auto* columns = new QHBoxLayout(this);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->setSpacing(kSpacing);
    columns->addLayout(leftColumn_, kLeftColumnStretch);
    columns->addLayout(rightColumn_, kRightColumnStretch);
    leftColumn_->setSpacing(kSpacing);
    rightColumn_->setSpacing(kSpacing);

    leftColumn_->addWidget(trace_, kTraceStretch);
    leftColumn_->addWidget(stepSize_, kTimeSeriesStretch);
    leftColumn_->addWidget(treeDepth_, kTimeSeriesStretch);
    leftColumn_->addWidget(acceptance_, kTimeSeriesStretch);
    rightColumn_->addWidget(posterior_, kPosteriorStretch);

    linkIterationAxes();
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
}

void PlotGrid::followLatest() {
    for (TimeSeriesPlot* plot : timeSeriesPlots())
        plot->followLatest();
}

QList<PlotPanel*> PlotGrid::panels() const {
    return {trace_, stepSize_, treeDepth_, acceptance_, posterior_};
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
