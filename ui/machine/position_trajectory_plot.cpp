#include "ui/machine/position_trajectory_plot.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <qcustomplot.h>

#include "core/boltzmann_machine.h"
#include "ui/machine/machine_plot_parts.h"
#include "ui/machine/machine_worker.h"
#include "ui/machine/trajectory_marks.h"
#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

PositionTrajectoryPlot::PositionTrajectoryPlot(QWidget* parent)
    : PlotPanel(tr("Trajectory in position space"),
                tr("Chain 1's last NUTS trajectory in the plane of two parameters, over the log "
                   "density on the plane through its start (bands of ½ sd)."),
                parent) {
    QCustomPlot* p = plot();
    density_ = new QCPColorMap(p->xAxis, p->yAxis);
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(150, 170, 200));
    gradient.setColorStopAt(1.0, QColor(250, 251, 253));
    gradient.setLevelCount(static_cast<int>(2 * kBandsShown));
    density_->setGradient(gradient);
    density_->setDataRange(QCPRange(0.0, kBandsShown));
    density_->setInterpolate(false);
    density_->removeFromLegend();

    marks_ = std::make_unique<TrajectoryMarks>(p);  // over the density
    uturn_ = new QCPItemLine(p);
    uturn_->setPen(QPen(PlotStyle::uturn(), 2.0, Qt::DashLine));
    summary_ = addCornerNote(p);
    setLegendWanted(true);
    PlotStyle::applyToLegend(p->legend);
    placeLegendInTitleLine();
    clear();
}

PositionTrajectoryPlot::~PositionTrajectoryPlot() = default;

void PositionTrajectoryPlot::clear() {
    density_->data()->clear();
    density_->setVisible(false);
    marks_->clear();
    uturn_->setVisible(false);
    summary_->setVisible(false);
    setLegendWanted(false);
    showHint(tr("Press Run"));
    requestReplot();
}

void PositionTrajectoryPlot::setRun(const MachineRunOutcome& outcome, int x, int y,
                                    int visiblePoints) {
    clear();
    if (auto problem = pairProblem(outcome, x, y)) {
        showHint(*problem);
        return;
    }
    if (outcome.run.chains.empty()) return;
    const TrajectoryRecord& record = outcome.run.chains.front().lastTrajectory;
    if (record.points.empty() || !record.hasPositions() || record.dimension <= std::max(x, y))
        return;
    hideHint();
    const bool complete =
        visiblePoints < 0 || visiblePoints >= static_cast<int>(record.points.size());
    // The view fits the whole trajectory, so that it stays still while the points appear.
    const TrajectoryMarks::Bounds bounds = marks_->draw(
        record, visiblePoints, [&](std::size_t i) { return record.position(i, x); },
        [&](std::size_t i) { return record.position(i, y); });
    double minX = bounds.minX, maxX = bounds.maxX, minY = bounds.minY, maxY = bounds.maxY;
    // The view: the trajectory and 3 reference sd around the posterior's centre.
    const MachinePosterior& ref = outcome.reference;
    if (ref.covariance.rows() > std::max(x, y)) {
        const double sx = std::sqrt(ref.covariance(x, x));
        const double sy = std::sqrt(ref.covariance(y, y));
        minX = std::min(minX, ref.mean[x] - 3 * sx);
        maxX = std::max(maxX, ref.mean[x] + 3 * sx);
        minY = std::min(minY, ref.mean[y] - 3 * sy);
        maxY = std::max(maxY, ref.mean[y] + 3 * sy);
    }
    const double padX = 0.05 * (maxX - minX);
    const double padY = 0.05 * (maxY - minY);
    minX -= padX;
    maxX += padX;
    minY -= padY;
    maxY += padY;
    drawDensity(outcome, record, x, y, minX, maxX, minY, maxY);
    for (const UTurnEvent& event : record.uturns) {
        if (!event.wholeTrajectory || !complete) continue;
        auto at = [&](int time) {
            for (std::size_t i = 0; i < record.points.size(); ++i)
                if (record.points[i].time == time) return i;
            return std::size_t{0};
        };
        const std::size_t a = at(event.timeBegin);
        const std::size_t b = at(event.timeEnd);
        uturn_->start->setCoords(record.position(a, x), record.position(a, y));
        uturn_->end->setCoords(record.position(b, x), record.position(b, y));
        uturn_->setVisible(true);
    }
    const int steps = record.info.nLeapfrog;
    summaryFull_ = complete ? tr("ε = %1 · %2 steps · depth %3%4")
                                  .arg(QString::number(record.stepSize, 'g', 3))
                                  .arg(steps)
                                  .arg(record.info.treeDepth)
                                  .arg(record.info.divergent ? tr(" · divergent") : QString())
                            : tr("ε = %1 · step %2 …")
                                  .arg(QString::number(record.stepSize, 'g', 3))
                                  .arg(visiblePoints - 1);
    summary_->setText(summaryMasked_ ? tr("ε = ? · ? steps · depth ?") : summaryFull_);
    summary_->setVisible(true);
    QCustomPlot* p = plot();
    p->xAxis->setLabel(outcome.names.value(x));
    p->yAxis->setLabel(outcome.names.value(y));
    p->xAxis->setRange(minX, maxX);
    p->yAxis->setRange(minY, maxY);
    marks_->updateLegend();
    setLegendWanted(true);
    requestReplot();
}

// −log p on the plane through the start, as the distance r = √(2·(max − log p)) in sd of a
// normal of the same curvature: bands of constant r are that many sd from the slice's peak.
void PositionTrajectoryPlot::drawDensity(const MachineRunOutcome& outcome,
                                         const TrajectoryRecord& record, int x, int y, double minX,
                                         double maxX, double minY, double maxY) {
    const BoltzmannTarget<Eigen::Dynamic> target(outcome.spec.model, outcome.counts);
    Eigen::VectorXd q(record.dimension);
    for (int i = 0; i < record.dimension; ++i)
        q[i] = record.position(0, i);
    density_->data()->setSize(kGridSize, kGridSize);
    density_->data()->setRange(QCPRange(minX, maxX), QCPRange(minY, maxY));
    std::vector<double> logp(static_cast<std::size_t>(kGridSize * kGridSize));
    double highest = -HUGE_VAL;
    for (int i = 0; i < kGridSize; ++i) {
        for (int j = 0; j < kGridSize; ++j) {
            double kx = 0.0;
            double ky = 0.0;
            density_->data()->cellToCoord(i, j, &kx, &ky);
            q[x] = kx;
            q[y] = ky;
            const double value = target.logDensity(q);
            logp[static_cast<std::size_t>(i) * kGridSize + static_cast<std::size_t>(j)] = value;
            if (std::isfinite(value)) highest = std::max(highest, value);
        }
    }
    for (int i = 0; i < kGridSize; ++i) {
        for (int j = 0; j < kGridSize; ++j) {
            const double value =
                logp[static_cast<std::size_t>(i) * kGridSize + static_cast<std::size_t>(j)];
            const double r = std::isfinite(value) ? std::sqrt(2.0 * (highest - value)) : HUGE_VAL;
            density_->data()->setCell(i, j, std::min(r, kBandsShown));
        }
    }
    density_->setVisible(true);
}

int PositionTrajectoryPlot::pointCount() const {
    return marks_->pointCount();
}
int PositionTrajectoryPlot::forwardCount() const {
    return marks_->forwardCount();
}
int PositionTrajectoryPlot::backwardCount() const {
    return marks_->backwardCount();
}
bool PositionTrajectoryPlot::hasDensity() const {
    return density_->visible();
}
void PositionTrajectoryPlot::setSummaryMasked(bool masked) {
    summaryMasked_ = masked;
    if (summaryFull_.isEmpty()) return;
    summary_->setText(masked ? tr("ε = ? · ? steps · depth ?") : summaryFull_);
    requestReplot();
}

QString PositionTrajectoryPlot::summaryText() const {
    return summary_->visible() ? summary_->text() : QString();
}
QPointF PositionTrajectoryPlot::selectedPoint() const {
    return marks_->selected();
}

}  // namespace couplinglab::ui
