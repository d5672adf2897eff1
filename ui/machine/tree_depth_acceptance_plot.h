#pragma once

#include "ui/plots/plot_panel.h"

class QCPGraph;

namespace couplinglab::ui {

struct MachineRunOutcome;

// Chain 1's tree depth (left axis) and acceptance statistic (right axis, 0 to 1) at each
// iteration of a Boltzmann machine run, divergences as red crosses: a diagonal metric on a
// tilted posterior needs deep trees, and a switch to a dense one makes them shallow from its
// first adaptation window on.
class TreeDepthAcceptancePlot final : public PlotPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxPoints = 3000;

    explicit TreeDepthAcceptancePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("tree-depth-acceptance"); }

    void setRun(const MachineRunOutcome& outcome);
    void clear();

    int pointCount() const;        // iterations drawn
    int divergenceCount() const;   // divergent iterations marked
    double lastTreeDepth() const;  // as drawn, for tests

  private:
    QCPGraph* depth_;
    QCPGraph* acceptance_;
    QCPGraph* divergent_;
};

}  // namespace couplinglab::ui
