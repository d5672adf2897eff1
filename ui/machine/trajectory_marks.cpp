#include "ui/machine/trajectory_marks.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <qcustomplot.h>

#include "ui/machine/machine_plot_parts.h"
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

TrajectoryMarks::TrajectoryMarks(QCustomPlot* plot)
    : plot_(plot),
      path_(new QCPCurve(plot->xAxis, plot->yAxis)),
      forward_(
          markGraph(plot, PlotStyle::forwardDoubling(), QCPScatterStyle::ssDisc, 7, tr("forward"))),
      backward_(markGraph(plot, PlotStyle::backwardDoubling(), QCPScatterStyle::ssDisc, 7,
                          tr("backward"))),
      start_(markGraph(plot, Qt::black, QCPScatterStyle::ssCircle, 14, tr("start"))),
      selected_(
          markGraph(plot, PlotStyle::nextState(), QCPScatterStyle::ssDisc, 13, tr("next draw"))),
      divergent_(
          markGraph(plot, PlotStyle::divergence(), QCPScatterStyle::ssCross, 12, tr("divergent"))) {
    path_->setPen(QPen(QColor(90, 90, 90), 1.2));
    path_->removeFromLegend();
}

void TrajectoryMarks::clear() {
    for (QCPGraph* g : {forward_, backward_, start_, selected_, divergent_})
        g->data()->clear();
    path_->data()->clear();
}

TrajectoryMarks::Bounds TrajectoryMarks::draw(const TrajectoryRecord& record, int visiblePoints,
                                              const std::function<double(std::size_t)>& x,
                                              const std::function<double(std::size_t)>& y) {
    clear();
    std::vector<std::size_t> byTime(record.points.size());
    std::iota(byTime.begin(), byTime.end(), 0);
    std::sort(byTime.begin(), byTime.end(), [&](std::size_t a, std::size_t b) {
        return record.points[a].time < record.points[b].time;
    });
    const bool complete =
        visiblePoints < 0 || visiblePoints >= static_cast<int>(record.points.size());
    QVector<double> pathX;
    QVector<double> pathY;
    Bounds bounds;
    auto finite = [](double v) { return std::isfinite(v) && std::abs(v) < 1e6; };
    for (std::size_t i : byTime) {
        const double px = x(i);
        const double py = y(i);
        if (!finite(px) || !finite(py)) continue;
        bounds.minX = std::min(bounds.minX, px);
        bounds.maxX = std::max(bounds.maxX, px);
        bounds.minY = std::min(bounds.minY, py);
        bounds.maxY = std::max(bounds.maxY, py);
        const TrajectoryPoint& point = record.points[i];
        if (!complete && point.order >= visiblePoints) continue;
        pathX.append(px);
        pathY.append(py);
        if (point.divergent) divergent_->addData(px, py);
        if (point.direction > 0) forward_->addData(px, py);
        if (point.direction < 0) backward_->addData(px, py);
        if (point.order == 0) start_->addData(px, py);
        if (complete && point.order == record.selectedOrder) selected_->addData(px, py);
    }
    QVector<double> t(pathX.size());
    std::iota(t.begin(), t.end(), 0.0);
    path_->setData(t, pathX, pathY, true);
    return bounds;
}

void TrajectoryMarks::updateLegend() {
    for (QCPGraph* g : {forward_, backward_, start_, selected_, divergent_})
        keepInLegendWhileDrawn(plot_, g, g->dataCount() > 0);
}

int TrajectoryMarks::pointCount() const {
    return forward_->dataCount() + backward_->dataCount() + start_->dataCount();
}
int TrajectoryMarks::forwardCount() const {
    return forward_->dataCount();
}
int TrajectoryMarks::backwardCount() const {
    return backward_->dataCount();
}
QPointF TrajectoryMarks::start() const {
    return firstPoint(start_);
}
QPointF TrajectoryMarks::selected() const {
    return firstPoint(selected_);
}

}  // namespace couplinglab::ui
