#include "ui/machine/parameter_trace_plot.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"

namespace couplinglab::ui {
namespace {

const QString kShadingLayer = QStringLiteral("shading");

QString metricName(MetricKind metric) {
    switch (metric) {
        case MetricKind::Unit:
            return ParameterTracePlot::tr("unit");
        case MetricKind::Diagonal:
            return ParameterTracePlot::tr("diagonal");
        case MetricKind::Dense:
            return ParameterTracePlot::tr("dense");
    }
    return {};
}

// Small multiples side by side rather than stacked: the panel is wider than tall.
int multipleColumns(int count) {
    return std::max(1, static_cast<int>(std::ceil(std::sqrt(1.5 * count))));
}

// A small trace has no room for ticks and labels: its name says what it is, and its shape is
// what the class reads.
void styleAsMultiple(QCPAxisRect* rect, bool small) {
    rect->setAutoMargins(small ? QCP::msNone : QCP::msAll);
    rect->setMargins(small ? QMargins(2, 2, 2, 2) : QMargins());
    for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
        axis->setTickLabels(!small);
        axis->setTicks(!small);
        axis->grid()->setVisible(!small);
    }
}

}  // namespace

QString ParameterTracePlot::oneSubtitle() {
    return tr(
        "One parameter's value at each iteration, every chain; shaded: warmup, dashed: the "
        "reference mean, a vertical line: the metric switched there.");
}

QString ParameterTracePlot::allSubtitle() {
    return tr(
        "Every parameter's value over the iterations, each on its own vertical scale, every "
        "chain; shaded: warmup, dashed: the reference mean.");
}

ParameterTracePlot::ParameterTracePlot(QWidget* parent)
    : PlotPanel(tr("Trace"), oneSubtitle(), parent),
      referenceMean_(new QCPItemStraightLine(plot())) {
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("iteration"));
    p->yAxis->ticker()->setTickCount(4);  // legible on a short plot
    p->addLayer(kShadingLayer, p->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    referenceMean_->setPen(QPen(PlotStyle::exactPosterior(), 1.5, Qt::DashLine));
    // The plot's own axes move into a grid of their own, which the small traces join.
    QCPLayoutGrid* layout = p->plotLayout();
    QCPAxisRect* own = p->axisRect();
    const auto cell = static_cast<int>(layout->elements(false).indexOf(own));
    int row = 0;
    int column = 0;
    layout->indexToRowCol(cell, row, column);
    layout->take(own);
    multiples_ = new QCPLayoutGrid;
    layout->addElement(row, column, multiples_);
    multiples_->addElement(0, 0, own);
    multiples_->setColumnSpacing(4);
    multiples_->setRowSpacing(4);
    traces_.append(own);
    clear();
}

void ParameterTracePlot::setAllParameters(bool all) {
    all_ = all;
    setTitles(all ? tr("Traces") : tr("Trace"), all ? allSubtitle() : oneSubtitle());
}

// The small traces after the first are made, or deleted, to number `count`, and laid out.
void ParameterTracePlot::setTraceCount(int count) {
    if (count == traces_.size()) return;
    QCustomPlot* p = plot();
    while (traces_.size() > count)
        multiples_->remove(traces_.takeLast());
    while (traces_.size() < count) {
        auto* rect = new QCPAxisRect(p);
        rect->axis(QCPAxis::atTop)->setVisible(false);
        rect->axis(QCPAxis::atRight)->setVisible(false);
        for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)})
            PlotStyle::applyToAxis(axis);
        traces_.append(rect);
    }
    for (QCPAxisRect* rect : traces_) {
        if (rect->layout() == multiples_) multiples_->take(rect);
    }
    multiples_->simplify();
    const int columns = multipleColumns(count);
    for (int i = 0; i < count; ++i)
        multiples_->addElement(i / columns, i % columns, traces_[i]);
    for (QCPAxisRect* rect : traces_)
        styleAsMultiple(rect, count > 1);
    p->xAxis->setLabel(count > 1 ? QString() : tr("iteration"));
}

QCPGraph* ParameterTracePlot::addChainTrace(QCPAxisRect* rect, const MachineRunOutcome& outcome,
                                            int chain, int parameter, int maxPoints, double& low,
                                            double& high, std::size_t rangeFrom) {
    const MachineChainResult& result = outcome.run.chains[static_cast<std::size_t>(chain)];
    const auto iterations = result.base.records.size();
    const auto dimension = static_cast<std::size_t>(result.dimension);
    if (iterations == 0 || result.positions.size() < iterations * dimension) return nullptr;
    const std::size_t stride = iterations / static_cast<std::size_t>(maxPoints) + 1;
    QVector<double> keys;
    QVector<double> values;
    keys.reserve(static_cast<int>(iterations / stride + 1));
    values.reserve(keys.capacity());
    for (std::size_t i = 0; i < iterations; i += stride) {
        const double v = result.positions[i * dimension + static_cast<std::size_t>(parameter)];
        if (!std::isfinite(v)) continue;
        keys.append(static_cast<double>(i));
        values.append(v);
    }
    // The range holds every iteration from rangeFrom on, drawn or thinned out.
    for (std::size_t i = rangeFrom; i < iterations; ++i) {
        const double v = result.positions[i * dimension + static_cast<std::size_t>(parameter)];
        if (!std::isfinite(v)) continue;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    QCPGraph* graph = plot()->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setPen(PlotStyle::chainPen(chain));
    graph->setName(tr("chain %1").arg(chain + 1));
    graph->setData(keys, values, /*alreadySorted=*/true);
    chains_.append(graph);
    return graph;
}

void ParameterTracePlot::clear() {
    removeDrawing();
    setTraceCount(1);
    showHint(tr("Press Run"));
    requestReplot();
}

// Everything drawn goes; the small traces' axes stay for the next drawing.
void ParameterTracePlot::removeDrawing() {
    QCustomPlot* p = plot();
    for (QCPGraph* g : chains_)
        p->removeGraph(g);
    chains_.clear();
    for (QCPItemRect* r : warmups_)
        p->removeItem(r);
    warmups_.clear();
    for (QCPItemStraightLine* l : switches_)
        p->removeItem(l);
    switches_.clear();
    for (QCPItemText* t : switchTexts_)
        p->removeItem(t);
    switchTexts_.clear();
    referenceMean_->setVisible(false);
    for (QCPAbstractItem* item : multipleItems_)
        p->removeItem(item);
    multipleItems_.clear();
    traceNames_.clear();
}

void ParameterTracePlot::setRun(const MachineRunOutcome& outcome, int parameter) {
    removeDrawing();
    if (all_ && outcome.dimension() > 1 && !outcome.run.chains.empty()) {
        drawMultiples(outcome);
        return;
    }
    setTraceCount(1);
    showHint(tr("Press Run"));
    requestReplot();
    if (parameter < 0 || parameter >= outcome.dimension() || outcome.run.chains.empty()) return;
    QCustomPlot* p = plot();
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    double last = 1.0;
    for (int c = 0; c < static_cast<int>(outcome.run.chains.size()); ++c) {
        if (addChainTrace(p->axisRect(), outcome, c, parameter, kMaxPointsPerChain, low, high))
            last = std::max(
                last, static_cast<double>(
                          outcome.run.chains[static_cast<std::size_t>(c)].base.records.size()));
    }
    if (chains_.isEmpty()) {
        showHint(tr("Sampling …"));
        return;
    }
    hideHint();
    const MachinePosterior& ref = outcome.reference;
    if (ref.mean.size() > parameter) {
        const double mean = ref.mean[parameter];
        referenceMean_->point1->setCoords(0.0, mean);
        referenceMean_->point2->setCoords(1.0, mean);
        referenceMean_->setVisible(true);
        low = std::min(low, mean);
        high = std::max(high, mean);
    }
    p->xAxis->setRange(0.0, last);
    markSegments(outcome, last);
    const double pad = 0.05 * std::max(high - low, 1e-9);
    p->yAxis->setRange(low - pad, high + pad);
    p->yAxis->setLabel(outcome.names.value(parameter));
    traceNames_ = {outcome.names.value(parameter)};
    requestReplot();
}

// Every parameter's trace in its own small axes: the chains, the reference mean and chain 1's
// warmups, the parameter's name in the corner.
void ParameterTracePlot::drawMultiples(const MachineRunOutcome& outcome) {
    QCustomPlot* p = plot();
    const int count = outcome.dimension();
    setTraceCount(count);
    p->yAxis->setLabel(QString());
    double last = 1.0;
    for (const MachineChainResult& chain : outcome.run.chains)
        last = std::max(last, static_cast<double>(chain.base.records.size()));
    const MachineChainResult& first = outcome.run.chains.front();
    const int warmup = outcome.spec.sampler.warmup;
    // Each small trace is scaled to the draws once there are some: the first warmup
    // iterations, far out, would flatten a narrow parameter's trace to a line.
    const std::size_t scaleFrom = first.base.records.size() > static_cast<std::size_t>(warmup)
                                      ? static_cast<std::size_t>(warmup)
                                      : 0;
    for (int i = 0; i < count; ++i) {
        QCPAxisRect* rect = traces_[i];
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        double low = HUGE_VAL;
        double high = -HUGE_VAL;
        for (int c = 0; c < static_cast<int>(outcome.run.chains.size()); ++c) {
            addChainTrace(rect, outcome, c, i, kMaxMultiplePointsPerChain, low, high, scaleFrom);
        }
        if (outcome.reference.mean.size() > i) {
            const double mean = outcome.reference.mean[i];
            auto* line = new QCPItemStraightLine(p);
            line->setClipAxisRect(rect);
            for (QCPItemPosition* end : {line->point1, line->point2})
                end->setAxes(x, y);
            line->point1->setCoords(0.0, mean);
            line->point2->setCoords(1.0, mean);
            line->setPen(QPen(PlotStyle::exactPosterior(), 1.2, Qt::DashLine));
            multipleItems_.append(line);
            low = std::min(low, mean);
            high = std::max(high, mean);
        }
        for (std::size_t s = 0; warmup > 0 && s < first.segments.size(); ++s) {
            const auto start = static_cast<double>(first.segments[s].start);
            const double end = s + 1 < first.segments.size()
                                   ? static_cast<double>(first.segments[s + 1].start)
                                   : last;
            auto* band = new QCPItemRect(p);
            band->setClipAxisRect(rect);
            band->setLayer(kShadingLayer);
            for (QCPItemPosition* corner : {band->topLeft, band->bottomRight}) {
                corner->setAxes(x, y);
                corner->setAxisRect(rect);
                corner->setTypeX(QCPItemPosition::ptPlotCoords);
                corner->setTypeY(QCPItemPosition::ptAxisRectRatio);
            }
            band->topLeft->setCoords(start, 0.0);
            band->bottomRight->setCoords(std::min(start + warmup, end), 1.0);
            band->setPen(Qt::NoPen);
            band->setBrush(PlotStyle::warmupShading());
            multipleItems_.append(band);
        }
        auto* name = new QCPItemText(p);
        name->setClipAxisRect(rect);
        name->position->setAxisRect(rect);
        name->position->setType(QCPItemPosition::ptAxisRectRatio);
        name->position->setCoords(0.02, 0.03);
        name->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        name->setFont(PlotStyle::annotationFont());
        name->setBrush(QColor(255, 255, 255, 200));
        name->setText(outcome.names.value(i));
        multipleItems_.append(name);
        traceNames_.append(outcome.names.value(i));
        x->setRange(0.0, last);
        const double pad = 0.05 * std::max(high - low, 1e-9);
        if (low <= high) y->setRange(low - pad, high + pad);
    }
    if (chains_.isEmpty()) {
        showHint(tr("Sampling …"));
        return;
    }
    hideHint();
    requestReplot();
}

// Chain 1's segments: its warmups shaded, and where the metric changed, a line named for the
// metric the chains carry on with.
void ParameterTracePlot::markSegments(const MachineRunOutcome& outcome, double lastIteration) {
    QCustomPlot* p = plot();
    const MachineChainResult& first = outcome.run.chains.front();
    const int warmup = outcome.spec.sampler.warmup;
    const double axisEnd = plot()->xAxis->range().upper;
    for (std::size_t i = 0; i < first.segments.size(); ++i) {
        const MetricSegment& segment = first.segments[i];
        const auto start = static_cast<double>(segment.start);
        // A warmup ends early where a switch started the next segment.
        const double end = i + 1 < first.segments.size()
                               ? static_cast<double>(first.segments[i + 1].start)
                               : lastIteration;
        if (warmup > 0 && start < end) {
            auto* band = new QCPItemRect(p);
            band->setClipToAxisRect(true);
            band->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
            band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
            band->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
            band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
            band->topLeft->setCoords(start, 0.0);
            band->bottomRight->setCoords(std::min(start + warmup, end), 1.0);
            band->setPen(Qt::NoPen);
            band->setBrush(PlotStyle::warmupShading());
            band->setLayer(kShadingLayer);
            warmups_.append(band);
        }
        if (segment.start == 0) continue;
        auto* line = new QCPItemStraightLine(p);
        line->point1->setCoords(start, 0.0);
        line->point2->setCoords(start, 1.0);
        line->setPen(QPen(PlotStyle::switchMarker(), 2.0));
        switches_.append(line);
        auto* text = new QCPItemText(p);
        text->setClipToAxisRect(true);
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(start, 0.02);
        // In the right half the label goes left of its line, so that it is not cut off.
        const bool rightHalf = start > 0.5 * axisEnd;
        text->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
        text->setFont(PlotStyle::annotationFont());
        text->setColor(PlotStyle::switchMarker());
        text->setBrush(QColor(255, 255, 255, 210));
        text->setText(tr(" metric → %1 ").arg(metricName(segment.metric)));
        switchTexts_.append(text);
    }
}

int ParameterTracePlot::traceCount() const {
    return static_cast<int>(traceNames_.size());
}

QStringList ParameterTracePlot::traceNames() const {
    return traceNames_;
}

int ParameterTracePlot::pointCount() const {
    int n = 0;
    for (QCPGraph* g : chains_)
        n += g->dataCount();
    return n;
}

QStringList ParameterTracePlot::switchLabels() const {
    QStringList labels;
    for (QCPItemText* t : switchTexts_)
        labels.append(t->text().trimmed());
    return labels;
}

int ParameterTracePlot::warmupBands() const {
    return static_cast<int>(warmups_.size());
}

}  // namespace couplinglab::ui
