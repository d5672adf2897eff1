#include "ui/plots/trace_plot.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"
#include "ui/plots/time_series_parts.h"

namespace couplinglab::ui {

using namespace time_series;

TracePlot::TracePlot(QWidget* parent)
    : TimeSeriesPlot(tr("Trace of w"),
                     tr("Each chain's w per iteration; grey: warmup; red crosses under the traces: "
                        "divergences."),
                     parent),
      chains_(plot(), plot()->yAxis, [](QCPGraph* graph, int chain) {
          graph->setPen(PlotStyle::chainPen(chain));
          graph->setLineStyle(QCPGraph::lsLine);
      }) {
    setAxisLabel(plot()->yAxis, tr("w (coupling weight)"), tr("w"));
    plot()->yAxis->setRange(-3, 3);
    placeLegendInTitleLine();

    // Under the traces, small and thin: a badly tuned run diverges at nearly every iteration,
    // and crosses drawn over the lines would hide the trace they are about.
    plot()->addLayer(kUnderDataLayer, plot()->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    divergences_ = plot()->addGraph();
    divergences_->setLayer(kUnderDataLayer);
    divergences_->setObjectName(QStringLiteral("divergences"));
    divergences_->setName(tr("divergent"));
    divergences_->setLineStyle(QCPGraph::lsNone);
    QColor cross = PlotStyle::divergence();
    cross.setAlpha(kDivergenceAlpha);
    divergences_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCross, QPen(cross, 1.5), Qt::NoBrush, 7));
    divergences_->removeFromLegend();
}

void TracePlot::drawSeries(const RunHistory& history, IterationWindow window, int budget) {
    if (chains_.size() != history.chainCount()) {
        chains_.resize(history.chainCount());
        // Keep "divergent" after the chains in the legend.
        divergences_->removeFromLegend();
        divergences_->addToLegend();
    }
    blocks_.resize(static_cast<std::size_t>(history.chainCount()));
    ValueExtent extent;
    for (int c = 0; c < history.chainCount(); ++c) {
        const ChainHistory& chain = history.chain(c);
        decimateColumn(
            blocks_[static_cast<std::size_t>(c)], chain, clampToChain(window, chain), budget,
            [](const ChainHistory& h, std::size_t i) { return h.w(i); }, series_);
        setSeries(chains_.at(c), series_);
        extent.add(series_.values);
    }

    // The list of divergences is short unless the sampler is badly tuned; then it is decimated
    // like the traces.
    std::vector<std::pair<double, double>> marks;
    for (const DivergenceMark& mark : history.divergences()) {
        if (mark.iteration >= window.first && mark.iteration < window.last)
            marks.emplace_back(static_cast<double>(mark.iteration), mark.w);
    }
    std::sort(marks.begin(), marks.end());
    std::vector<double> keys(marks.size());
    std::vector<double> values(marks.size());
    for (std::size_t i = 0; i < marks.size(); ++i)
        std::tie(keys[i], values[i]) = marks[i];
    decimateMinMax(keys, values, budget, series_);
    setSeries(divergences_, series_);

    plot()->yAxis->setRange(extent.padded());
}

void TracePlot::clearSeries() {
    chains_.clearData();
    blocks_.clear();
    divergences_->data()->clear();
    plot()->yAxis->setRange(-3, 3);
}

void TracePlot::addSegmentShading(const Segment& segment) {
    if (segment.warmup <= 0) return;
    const auto start = static_cast<double>(segment.start);
    QCPItemRect* band =
        addIterationBand(start, start + segment.warmup, PlotStyle::warmupShading(), "warmup");
    QCPItemText* label =
        addSegmentText(band->bottomLeft, QPointF(4, -3), Qt::AlignLeft | Qt::AlignBottom,
                       tr("warmup"), QStringLiteral("warmup-label"));
    label->setColor(QColor(100, 100, 100));
}

}  // namespace couplinglab::ui
