#include "ui/machine/parameter_phase_plot.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <qcustomplot.h>

#include "ui/machine/machine_plot_parts.h"
#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"

namespace couplinglab::ui {
namespace {

QCPGraph* markGraph(QCustomPlot* plot, const QColor& colour, QCPScatterStyle::ScatterShape shape,
                    double size, const QString& name) {
    QCPGraph* graph = plot->addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setPen(QPen(colour, 2.0));
    graph->setScatterStyle(QCPScatterStyle(
        shape, colour, shape == QCPScatterStyle::ssCircle ? Qt::transparent : colour, size));
    graph->setName(name);
    return graph;
}

QPointF firstPoint(const QCPGraph* graph) {
    if (graph->dataCount() == 0) return {qQNaN(), qQNaN()};
    const auto it = graph->data()->constBegin();
    return {it->key, it->value};
}

}  // namespace

ParameterPhasePlot::ParameterPhasePlot(QWidget* parent)
    : PlotPanel(tr("Phase space of x"),
                tr("Position and momentum of the picked parameter at each leapfrog step of chain "
                   "1's last trajectory. With several parameters energy flows between them: the "
                   "points leave any one curve while H stays nearly constant."),
                parent) {
    QCustomPlot* p = plot();
    path_ = new QCPCurve(p->xAxis, p->yAxis);
    path_->setPen(QPen(QColor(90, 90, 90), 1.2));
    path_->removeFromLegend();
    forward_ =
        markGraph(p, PlotStyle::forwardDoubling(), QCPScatterStyle::ssDisc, 7, tr("forward"));
    backward_ =
        markGraph(p, PlotStyle::backwardDoubling(), QCPScatterStyle::ssDisc, 7, tr("backward"));
    start_ = markGraph(p, Qt::black, QCPScatterStyle::ssCircle, 14, tr("start"));
    selected_ = markGraph(p, PlotStyle::nextState(), QCPScatterStyle::ssDisc, 13, tr("next draw"));
    divergent_ =
        markGraph(p, PlotStyle::divergence(), QCPScatterStyle::ssCross, 12, tr("divergent"));
    note_ = addCornerNote(p);
    setLegendWanted(true);
    PlotStyle::applyToLegend(p->legend);
    placeLegendInTitleLine();
    clear();
}

void ParameterPhasePlot::clear() {
    for (QCPGraph* g : {forward_, backward_, start_, selected_, divergent_})
        g->data()->clear();
    path_->data()->clear();
    note_->setVisible(false);
    setLegendWanted(false);
    showHint(tr("Press Run"));
    requestReplot();
}

void ParameterPhasePlot::setRun(const MachineRunOutcome& outcome, int parameter,
                                int visiblePoints) {
    clear();
    if (outcome.run.chains.empty() || parameter < 0) return;
    const TrajectoryRecord& record = outcome.run.chains.front().lastTrajectory;
    if (record.points.empty() || !record.hasPositions() || record.dimension <= parameter) return;
    hideHint();
    std::vector<std::size_t> byTime(record.points.size());
    std::iota(byTime.begin(), byTime.end(), 0);
    std::sort(byTime.begin(), byTime.end(), [&](std::size_t a, std::size_t b) {
        return record.points[a].time < record.points[b].time;
    });
    const bool complete =
        visiblePoints < 0 || visiblePoints >= static_cast<int>(record.points.size());
    QVector<double> pathQ;
    QVector<double> pathP;
    // The view fits the whole trajectory, so that it stays still while the points appear.
    double minQ = HUGE_VAL, maxQ = -HUGE_VAL, minP = HUGE_VAL, maxP = -HUGE_VAL;
    auto finite = [](double v) { return std::isfinite(v) && std::abs(v) < 1e6; };
    for (std::size_t i : byTime) {
        const double q = record.position(i, parameter);
        const double p = record.momentum(i, parameter);
        if (!finite(q) || !finite(p)) continue;
        minQ = std::min(minQ, q);
        maxQ = std::max(maxQ, q);
        minP = std::min(minP, p);
        maxP = std::max(maxP, p);
        const TrajectoryPoint& point = record.points[i];
        if (!complete && point.order >= visiblePoints) continue;
        pathQ.append(q);
        pathP.append(p);
        if (point.divergent) divergent_->addData(q, p);
        if (point.direction > 0) forward_->addData(q, p);
        if (point.direction < 0) backward_->addData(q, p);
        if (point.order == 0) start_->addData(q, p);
        if (complete && point.order == record.selectedOrder) selected_->addData(q, p);
    }
    QVector<double> t(pathQ.size());
    std::iota(t.begin(), t.end(), 0.0);
    path_->setData(t, pathQ, pathP, true);
    if (!(minQ <= maxQ)) return;
    const double padQ = 0.08 * std::max(maxQ - minQ, 1e-9);
    const double padP = 0.08 * std::max(maxP - minP, 1e-9);
    QCustomPlot* p = plot();
    const QString name = outcome.names.value(parameter);
    setTitles(tr("Phase space of %1").arg(name), subtitle());
    p->xAxis->setLabel(name);
    p->yAxis->setLabel(tr("momentum of %1").arg(name));
    p->xAxis->setRange(minQ - padQ, maxQ + padQ);
    p->yAxis->setRange(minP - padP, maxP + padP);
    note_->setText(tr("%1 of %2 steps").arg(pathQ.size() - 1).arg(record.points.size() - 1));
    note_->setVisible(!complete);
    for (QCPGraph* g : {forward_, backward_, start_, selected_, divergent_})
        keepInLegendWhileDrawn(p, g, g->dataCount() > 0);
    setLegendWanted(true);
    requestReplot();
}

int ParameterPhasePlot::pointCount() const {
    return forward_->dataCount() + backward_->dataCount() + start_->dataCount();
}

QPointF ParameterPhasePlot::startPoint() const {
    return firstPoint(start_);
}

QPointF ParameterPhasePlot::selectedPoint() const {
    return firstPoint(selected_);
}

}  // namespace couplinglab::ui
