#pragma once

#include <QList>

#include "ui/plots/plot_panel.h"

class QCPGraph;
class QCPItemStraightLine;

namespace couplinglab::ui {

struct MachineRunOutcome;

// Chain 1's step size over the iterations and, for each parameter, how far one leapfrog step
// moves it, ε·√(M⁻¹)ᵢᵢ with the metric in force at that iteration: the picked x and y in colour
// against their posterior sd (dashed), the other parameters in grey. Warmup shows ε settling
// where the narrowest direction allows; a diagonal metric then stretches each parameter's step
// towards its own width.
class EffectiveStepPlot final : public PlotPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxPoints = 3000;

    explicit EffectiveStepPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("step-size-parameters"); }

    void setRun(const MachineRunOutcome& outcome, int x, int y);
    void clear();

    int seriesCount() const { return static_cast<int>(series_.size()); }  // ε and each parameter
    int pointCount() const;                                               // of the ε series
    // The effective step of `parameter` drawn at the last iteration.
    double lastEffectiveStep(int parameter) const;

  private:
    QList<QCPGraph*> series_;  // ε first, then the parameters in order
    QList<QCPItemStraightLine*> widths_;
};

}  // namespace couplinglab::ui
