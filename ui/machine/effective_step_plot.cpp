#include "ui/machine/effective_step_plot.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

EffectiveStepPlot::EffectiveStepPlot(QWidget* parent)
    : PlotPanel(tr("Step size over iterations"),
                tr("Chain 1's ε (black) and how far a step moves each parameter, ε·√(M⁻¹)ᵢᵢ: "
                   "x and y in colour against their posterior sd (dashed), the others grey."),
                parent) {
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("iteration"));
    PlotStyle::makeLogarithmic(p->yAxis);
    clear();
}

void EffectiveStepPlot::clear() {
    QCustomPlot* p = plot();
    for (QCPGraph* g : series_)
        p->removeGraph(g);
    series_.clear();
    for (QCPItemStraightLine* line : widths_)
        p->removeItem(line);
    widths_.clear();
    setLegendWanted(false);
    showHint(tr("Press Run"));
    requestReplot();
}

void EffectiveStepPlot::setRun(const MachineRunOutcome& outcome, int x, int y) {
    clear();
    if (outcome.run.chains.empty()) return;
    const MachineChainResult& chain = outcome.run.chains.front();
    const std::vector<IterationRecord>& records = chain.base.records;
    if (records.empty() || chain.metricChanges.empty()) {
        showHint(tr("Sampling …"));
        return;
    }
    hideHint();
    QCustomPlot* p = plot();
    const int d = outcome.dimension();
    const std::size_t stride = records.size() / kMaxPoints + 1;
    QVector<double> keys;
    QVector<double> steps;
    std::vector<QVector<double>> effective(static_cast<std::size_t>(d));
    std::size_t change = 0;
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    auto widen = [&](double v) {
        if (v > 0.0 && std::isfinite(v)) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    };
    for (std::size_t t = 0; t < records.size(); t += stride) {
        while (change + 1 < chain.metricChanges.size() &&
               chain.metricChanges[change + 1].iteration <= static_cast<std::int64_t>(t))
            ++change;
        const Eigen::VectorXd& inverse = chain.metricChanges[change].inverseDiagonal;
        const double epsilon = records[t].stepSize;
        keys.append(static_cast<double>(t));
        steps.append(epsilon);
        widen(epsilon);
        for (int i = 0; i < d && i < inverse.size(); ++i) {
            const double v = epsilon * std::sqrt(inverse[i]);
            effective[static_cast<std::size_t>(i)].append(v);
            widen(v);
        }
    }
    auto addSeries = [&](const QVector<double>& values, const QPen& pen, const QString& name) {
        QCPGraph* graph = p->addGraph();
        graph->setPen(pen);
        graph->setName(name);
        graph->setData(keys, values, /*alreadySorted=*/true);
        series_.append(graph);
        return graph;
    };
    addSeries(steps, QPen(Qt::black, 2.0), tr("ε"));
    bool greyNamed = false;
    for (int i = 0; i < d; ++i) {
        const bool picked = i == x || i == y;
        const QPen pen =
            picked ? QPen(PlotStyle::chain(i == x ? 0 : 1), 2.0) : QPen(QColor(170, 170, 170), 1.0);
        QString name;
        if (picked) {
            name = tr("step of %1").arg(outcome.names.value(i));
        } else if (!greyNamed) {
            name = tr("other parameters");
            greyNamed = true;
        }
        QCPGraph* graph = addSeries(effective[static_cast<std::size_t>(i)], pen, name);
        if (name.isEmpty()) graph->removeFromLegend();
    }
    for (int i : {x, y}) {
        if (i < 0 || i >= d || outcome.reference.covariance.rows() <= i || (i == y && x == y))
            continue;
        const double sd = std::sqrt(outcome.reference.covariance(i, i));
        auto* line = new QCPItemStraightLine(p);
        line->point1->setCoords(0.0, sd);
        line->point2->setCoords(1.0, sd);
        line->setPen(QPen(PlotStyle::chain(i == x ? 0 : 1), 1.5, Qt::DashLine));
        widths_.append(line);
        widen(sd);
    }
    setLegendWanted(true);
    p->xAxis->setRange(0.0, std::max(1.0, static_cast<double>(records.size())));
    if (high >= low) p->yAxis->setRange(low / 1.5, high * 1.5);
    requestReplot();
}

int EffectiveStepPlot::pointCount() const {
    return series_.isEmpty() ? 0 : series_.front()->dataCount();
}

double EffectiveStepPlot::lastEffectiveStep(int parameter) const {
    if (parameter + 1 >= static_cast<int>(series_.size())) return 0.0;
    const QCPGraph* graph = series_[parameter + 1];
    return graph->dataCount() > 0 ? (graph->data()->constEnd() - 1)->value : 0.0;
}

}  // namespace couplinglab::ui
