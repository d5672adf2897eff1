#pragma once

#include "core/metric_geometry.h"
#include "ui/plots/plot_panel.h"

class QCPBars;
class QCPGraph;
class QCPItemText;

namespace couplinglab::ui {

struct MachineRunOutcome;

// Chain 1's tuned step against the posterior's widths, parameter by parameter, on a log axis:
// a grey bar for each parameter's posterior sd and a marker for its effective step ε·√(M⁻¹)_ii
// (how far one leapfrog step moves that parameter). With a dense metric, the steps along the
// metric's own axes follow as "axis 1 … D". The condition number κ the metric leaves is
// written on the plot.
class StepWidthPlot final : public PlotPanel {
    Q_OBJECT
  public:
    explicit StepWidthPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("step-widths"); }

    void setRun(const MachineRunOutcome& outcome, const MetricGeometry& geometry);
    void clear();

    int parameterCount() const;      // bars drawn
    int effectiveStepCount() const;  // markers drawn, metric axes included
    QString summaryText() const;

  private:
    QCPBars* widths_;
    QCPGraph* steps_;
    QCPGraph* axisSteps_;
    QCPItemText* summary_;
};

// κ as the window writes it: "1.0", "19", "3 400".
QString formatConditionNumber(double kappa);

}  // namespace couplinglab::ui
