#include "ui/machine/step_width_plot.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "core/machine_runner.h"
#include "ui/machine/machine_plot_parts.h"
#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

QString formatConditionNumber(double kappa) {
    if (!std::isfinite(kappa)) return QStringLiteral("∞");
    if (kappa < 10.0) return QString::number(kappa, 'f', 1);
    return formatCount(std::llround(kappa));
}

StepWidthPlot::StepWidthPlot(QWidget* parent)
    : PlotPanel(tr("Step size and widths"),
                tr("Each parameter's posterior sd (bars) and how far one leapfrog step moves it, "
                   "ε·√(M⁻¹)ᵢᵢ (diamonds); κ: the condition number left in the metric's units."),
                parent),
      widths_(new QCPBars(plot()->xAxis, plot()->yAxis)),
      steps_(plot()->addGraph()),
      axisSteps_(plot()->addGraph()),
      summary_(addCornerNote(plot())) {
    QCustomPlot* p = plot();
    widths_->setPen(QPen(QColor(150, 150, 150)));
    widths_->setBrush(QColor(215, 215, 215));
    widths_->setWidth(0.6);
    widths_->setName(tr("posterior sd"));
    widths_->setBaseValue(1e-6);
    steps_->setLineStyle(QCPGraph::lsNone);
    steps_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, PlotStyle::chain(0), PlotStyle::chain(0), 12));
    steps_->setName(tr("effective step"));
    axisSteps_->setLineStyle(QCPGraph::lsNone);
    axisSteps_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, PlotStyle::chain(1), Qt::white, 12));
    axisSteps_->setName(tr("step along the metric's axes"));
    PlotStyle::makeLogarithmic(p->yAxis);
    setAxisLabel(p->yAxis, tr("width or step (log)"), tr("(log)"));
    PlotStyle::applyToLegend(p->legend);
    placeLegendInTitleLine();
    clear();
}

void StepWidthPlot::clear() {
    widths_->data()->clear();
    steps_->data()->clear();
    axisSteps_->data()->clear();
    summary_->setVisible(false);
    setLegendWanted(false);
    showHint(tr("Press Run"));
    requestReplot();
}

void StepWidthPlot::setRun(const MachineRunOutcome& outcome, const MetricGeometry& geometry) {
    clear();
    hideHint();
    QCustomPlot* p = plot();
    const int d = static_cast<int>(geometry.posteriorSd.size());
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    auto extend = [&](double v) {
        if (v > 0 && std::isfinite(v)) {
            low = std::min(low, v);
            high = std::max(high, v);
        }
    };
    for (int i = 0; i < d; ++i) {
        widths_->addData(i + 1, geometry.posteriorSd[i]);
        steps_->addData(i + 1, geometry.effectiveSteps[i]);
        ticker->addTick(i + 1, outcome.names.value(i));
        extend(geometry.posteriorSd[i]);
        extend(geometry.effectiveSteps[i]);
    }
    int last = d;
    if (metricKind(outcome.spec.sampler) == MetricKind::Dense) {
        for (int i = 0; i < d; ++i) {
            axisSteps_->addData(d + 1.5 + i, geometry.eigenSteps[i]);
            ticker->addTick(d + 1.5 + i, tr("axis %1").arg(i + 1));
            extend(geometry.eigenSteps[i]);
        }
        last = 2 * d + 1;
    }
    p->xAxis->setTicker(ticker);
    p->xAxis->setTickLabelRotation(axisSteps_->dataCount() + d > 6 ? 60 : 0);
    p->xAxis->setSubTicks(false);
    p->xAxis->setRange(0.3, last + 0.7);
    p->yAxis->setRange(low / 2.0, high * 6.0);
    widths_->setBaseValue(low / 2.0);
    summary_->setText(tr("ε = %1 · κ = %2")
                          .arg(QString::number(geometry.stepSize, 'g', 3),
                               formatConditionNumber(geometry.conditionNumber())));
    summary_->setVisible(true);
    keepInLegendWhileDrawn(p, axisSteps_, axisSteps_->dataCount() > 0);
    setLegendWanted(true);
    requestReplot();
}

int StepWidthPlot::parameterCount() const {
    return widths_->dataCount();
}
int StepWidthPlot::effectiveStepCount() const {
    return steps_->dataCount() + axisSteps_->dataCount();
}
QString StepWidthPlot::summaryText() const {
    return summary_->visible() ? summary_->text() : QString();
}

}  // namespace couplinglab::ui
