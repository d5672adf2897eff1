#pragma once

#include "ui/plots/plot_panel.h"

class QCPBars;
class QCPGraph;
class QCPItemText;

namespace couplinglab::ui {

struct MachineRunOutcome;

// The posterior of one parameter of the Boltzmann machine: a histogram of its draws after
// warmup, over the chains, against the reference's normal curve (its mean and sd; the exact
// posterior when the posterior is normal, the Laplace approximation otherwise, and the legend
// says which). The corner note compares the draws' mean with the reference's.
class ParameterPosteriorPlot final : public PlotPanel {
    Q_OBJECT
  public:
    static constexpr int kBins = 40;
    static constexpr int kCurvePoints = 200;

    explicit ParameterPosteriorPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("posterior-parameter"); }

    void setRun(const MachineRunOutcome& outcome, int parameter);
    void clear();

    int drawCount() const { return draws_; }  // draws in the histogram
    QString referenceName() const;            // the curve's legend entry
    QString noteText() const;
    // The histogram's density at x (0 outside it).
    double densityAt(double x) const;

  private:
    QCPBars* bars_;
    QCPGraph* reference_;
    QCPItemText* note_;
    int draws_ = 0;
};

}  // namespace couplinglab::ui
