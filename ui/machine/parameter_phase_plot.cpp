#include "ui/machine/parameter_phase_plot.h"

#include <algorithm>

#include <qcustomplot.h>

#include "ui/machine/machine_plot_parts.h"
#include "ui/machine/machine_worker.h"
#include "ui/machine/trajectory_marks.h"
#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

ParameterPhasePlot::ParameterPhasePlot(QWidget* parent)
    : PlotPanel(tr("Phase space of x"),
                tr("Position and momentum of the picked parameter at each leapfrog step of chain "
                   "1's last trajectory. With several parameters energy flows between them: the "
                   "points leave any one curve while H stays nearly constant."),
                parent),
      marks_(std::make_unique<TrajectoryMarks>(plot())),
      note_(addCornerNote(plot())) {
    setLegendWanted(true);
    PlotStyle::applyToLegend(plot()->legend);
    placeLegendInTitleLine();
    clear();
}

ParameterPhasePlot::~ParameterPhasePlot() = default;

void ParameterPhasePlot::clear() {
    marks_->clear();
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
    const TrajectoryMarks::Bounds bounds = marks_->draw(
        record, visiblePoints, [&](std::size_t i) { return record.position(i, parameter); },
        [&](std::size_t i) { return record.momentum(i, parameter); });
    if (bounds.empty()) return;
    const double padQ = 0.08 * std::max(bounds.maxX - bounds.minX, 1e-9);
    const double padP = 0.08 * std::max(bounds.maxY - bounds.minY, 1e-9);
    QCustomPlot* p = plot();
    const QString name = outcome.names.value(parameter);
    setTitles(tr("Phase space of %1").arg(name), subtitle());
    p->xAxis->setLabel(name);
    setAxisLabel(p->yAxis, tr("momentum of %1").arg(name), tr("p"));
    p->xAxis->setRange(bounds.minX - padQ, bounds.maxX + padQ);
    p->yAxis->setRange(bounds.minY - padP, bounds.maxY + padP);
    const int steps = static_cast<int>(record.points.size()) - 1;
    const bool complete = visiblePoints < 0 || visiblePoints > steps;
    note_->setText(tr("step %1 of %2").arg(std::max(0, visiblePoints - 1)).arg(steps));
    note_->setVisible(!complete);
    marks_->updateLegend();
    setLegendWanted(true);
    requestReplot();
}

int ParameterPhasePlot::pointCount() const {
    return marks_->pointCount();
}

QPointF ParameterPhasePlot::startPoint() const {
    return marks_->start();
}

QPointF ParameterPhasePlot::selectedPoint() const {
    return marks_->selected();
}

}  // namespace couplinglab::ui
