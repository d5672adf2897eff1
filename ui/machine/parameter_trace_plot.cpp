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

}  // namespace

ParameterTracePlot::ParameterTracePlot(QWidget* parent)
    : PlotPanel(tr("Trace"),
                tr("One parameter's value at each iteration, every chain; shaded: warmup, dashed: "
                   "the reference mean, a vertical line: the metric switched there."),
                parent),
      referenceMean_(new QCPItemStraightLine(plot())) {
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("iteration"));
    p->yAxis->ticker()->setTickCount(4);  // legible on a short plot
    p->addLayer(kShadingLayer, p->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    referenceMean_->setPen(QPen(PlotStyle::exactPosterior(), 1.5, Qt::DashLine));
    clear();
}

void ParameterTracePlot::clear() {
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
    showHint(tr("Press Run"));
    requestReplot();
}

void ParameterTracePlot::setRun(const MachineRunOutcome& outcome, int parameter) {
    clear();
    if (parameter < 0 || parameter >= outcome.dimension() || outcome.run.chains.empty()) return;
    QCustomPlot* p = plot();
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    double last = 1.0;
    for (int c = 0; c < static_cast<int>(outcome.run.chains.size()); ++c) {
        const MachineChainResult& chain = outcome.run.chains[static_cast<std::size_t>(c)];
        const auto iterations = chain.base.records.size();
        if (iterations == 0 ||
            chain.positions.size() < iterations * static_cast<std::size_t>(chain.dimension))
            continue;
        const std::size_t stride = iterations / kMaxPointsPerChain + 1;
        QVector<double> keys;
        QVector<double> values;
        keys.reserve(static_cast<int>(iterations / stride + 1));
        values.reserve(keys.capacity());
        for (std::size_t i = 0; i < iterations; i += stride) {
            const double v = chain.positions[i * static_cast<std::size_t>(chain.dimension) +
                                             static_cast<std::size_t>(parameter)];
            if (!std::isfinite(v)) continue;
            keys.append(static_cast<double>(i));
            values.append(v);
            low = std::min(low, v);
            high = std::max(high, v);
        }
        last = std::max(last, static_cast<double>(iterations));
        QCPGraph* graph = p->addGraph();
        graph->setPen(PlotStyle::chainPen(c));
        graph->setName(tr("chain %1").arg(c + 1));
        graph->setData(keys, values, /*alreadySorted=*/true);
        chains_.append(graph);
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
