#include "ui/plots/tree_depth_plot.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"
#include "ui/plots/time_series_parts.h"

namespace couplinglab::ui {

using namespace time_series;

namespace {

// Leapfrog steps are drawn at log2(steps + 1): a complete tree of depth d has 2^d - 1 steps, so
// it lands on depth d's row and the right axis reads "this depth cost that many steps";
// trees cut short by a divergence or a U-turn inside a subtree fall below their row.
double leapfrogHeight(double steps) {
    return std::log2(steps + 1.0);
}

// Every `every`-th depth labelled, so that labels stay apart however deep the trees.
QSharedPointer<QCPAxisTickerText> leapfrogTicker(int maxDepth, int every = 1) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int depth = 0; depth <= maxDepth; depth += every) {
        const double steps = std::ldexp(1.0, depth) - 1.0;
        ticker->addTick(leapfrogHeight(steps), QString::number(steps, 'f', 0));
    }
    return ticker;
}

constexpr int kDeepestTick = 20;  // beyond Stan's largest sensible max_depth

}  // namespace

TreeDepthPlot::TreeDepthPlot(QWidget* parent)
    : TimeSeriesPlot(tr("Tree depth"),
                     tr("The cost of each iteration: NUTS doubles its trajectory until it turns "
                        "back; a small ε needs many steps."),
                     parent),
      depths_(plot(), plot()->yAxis,
              [](QCPGraph* graph, int chain) {
                  graph->setPen(densityPen(chain));
                  graph->setLineStyle(QCPGraph::lsNone);
                  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
                  graph->removeFromLegend();
              }),
      leapfrogs_(plot(), plot()->yAxis2, [](QCPGraph* graph, int chain) {
          graph->setPen(densityPen(chain));
          graph->setLineStyle(QCPGraph::lsNone);
          graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
          graph->setName(graph->name() + QStringLiteral(" leapfrog steps"));
          graph->removeFromLegend();
      }) {
    setLiveScatterThinning(kLiveScatterThinning);
    QCustomPlot* p = plot();
    setAxisLabel(p->yAxis, tr("tree depth"), tr("depth"));
    auto depthTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    depthTicker->setTickStep(1.0);
    depthTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->yAxis->setTicker(depthTicker);

    p->yAxis2->setVisible(true);
    PlotStyle::applyToAxis(p->yAxis2);
    p->yAxis2->grid()->setVisible(false);
    p->yAxis2->setTicker(leapfrogTicker(kDeepestTick));
    p->yAxis2->setSubTicks(false);
    setAxisLabel(p->yAxis2, tr("leapfrog steps (log)"), tr("steps"));
    setDepthRange(3.0);
    p->axisRect()->setRangeDragAxes(p->xAxis, nullptr);
    p->axisRect()->setRangeZoomAxes(p->xAxis, nullptr);

    placeLegendInTitleLine();
    addLegendKey(plot(), tr("depth (left)"), Qt::NoPen,
                 QCPScatterStyle(QCPScatterStyle::ssDisc, kLegendKeyColour, 6));
    addLegendKey(plot(), tr("leapfrog steps (right)"), Qt::NoPen,
                 QCPScatterStyle(QCPScatterStyle::ssCircle, kLegendKeyColour, 8));
}

double TreeDepthPlot::rowOffset(int chain, int chains) {
    // Depths are small integers: drawn at the same height the chains would hide one another,
    // so each chain gets its own thin row around the integer.
    return 0.14 * (chain - 0.5 * (chains - 1));
}

double TreeDepthPlot::jitter(double iteration) {
    // Thousands of equal depths on one row draw a solid bar; spread over a thin band (the same
    // spread for an iteration every time it is drawn), the translucent points show where
    // they are dense.
    const double golden = iteration * 0.6180339887498949;
    return kJitter * (2.0 * (golden - std::floor(golden)) - 1.0);
}

void TreeDepthPlot::setDepthRange(double deepest) {
    // Both axes measure in depths; the right one labels them with the steps they cost.
    const QCPRange range(-0.5, deepest + 0.5);
    plot()->yAxis->setRange(range);
    plot()->yAxis2->setRange(range);
    spaceLabels();
}

void TreeDepthPlot::fitVerticalAxes(int axisLength) {
    axisLength_ = axisLength;
    spaceLabels();
}

void TreeDepthPlot::spaceLabels() {
    // A label every few rows once the rows come closer than a line of text (past depth 12 in
    // a plot 200 pixels tall): "4095" and "8191" would print over one another.
    const int length = axisLength_ > 0 ? axisLength_ : plot()->axisRect()->height();
    const int every = labelEvery(plot()->yAxis->range().size(), length,
                                 QFontMetrics(plot()->yAxis2->tickLabelFont()).height());
    if (every == labelledEvery_) return;
    labelledEvery_ = every;
    plot()->yAxis->ticker().staticCast<QCPAxisTickerFixed>()->setTickStep(every);
    plot()->yAxis2->setTicker(leapfrogTicker(kDeepestTick, every));
}

int TreeDepthPlot::labelEvery(double rows, int pixels, int lineHeight) {
    if (pixels <= 0 || rows <= 0.0) return 1;
    const double perRow = pixels / rows;
    return std::max(1, static_cast<int>(std::ceil(1.2 * lineHeight / perRow)));
}

void TreeDepthPlot::drawSeries(const RunHistory& history, IterationWindow window, int budget) {
    const int chains = history.chainCount();
    depths_.resize(chains);
    leapfrogs_.resize(chains);
    depthBlocks_.resize(static_cast<std::size_t>(chains));
    leapfrogBlocks_.resize(static_cast<std::size_t>(chains));
    ValueExtent extent;
    for (int c = 0; c < chains; ++c) {
        const ChainHistory& chain = history.chain(c);
        const IterationWindow part = clampToChain(window, chain);
        const auto slot = static_cast<std::size_t>(c);
        const double offset = rowOffset(c, chains);
        decimateColumn(
            depthBlocks_[slot], chain, part, budget,
            [](const ChainHistory& h, std::size_t i) { return h.treeDepth(i); }, series_);
        extent.add(series_.values);
        for (qsizetype i = 0; i < series_.values.size(); ++i)
            series_.values[i] += offset + jitter(series_.keys[i]);
        setSeries(depths_.at(c), series_);

        decimateColumn(
            leapfrogBlocks_[slot], chain, part, budget,
            [](const ChainHistory& h, std::size_t i) { return h.nLeapfrog(i); }, series_);
        for (qsizetype i = 0; i < series_.values.size(); ++i) {
            double& steps = series_.values[i];
            steps = leapfrogHeight(steps);
            extent.add(steps);
            steps += offset + jitter(series_.keys[i]);
        }
        setSeries(leapfrogs_.at(c), series_);
    }
    setDepthRange(extent.empty() ? 3.0 : std::max(std::ceil(extent.high()), 3.0));
}

void TreeDepthPlot::clearSeries() {
    depths_.clearData();
    leapfrogs_.clearData();
    depthBlocks_.clear();
    leapfrogBlocks_.clear();
    setDepthRange(3.0);
}

}  // namespace couplinglab::ui
