#pragma once

#include <QList>

#include "ui/plots/plot_panel.h"

class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;

namespace couplinglab::ui {

struct MachineRunOutcome;

// The trace of one parameter of the Boltzmann machine, every chain in its colour, over the
// iterations so far: chain 1's warmups shaded, the reference mean as a dashed line, and a
// switch of the metric mid-run as a labelled vertical line (the chains carry on from there
// with a new warmup).
class ParameterTracePlot final : public PlotPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxPointsPerChain = 3000;

    explicit ParameterTracePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("trace-parameter"); }

    void setRun(const MachineRunOutcome& outcome, int parameter);
    void clear();

    int pointCount() const;            // iterations drawn, over the chains
    QStringList switchLabels() const;  // the metric switches marked, in order
    int warmupBands() const;           // shaded warmups

  private:
    void markSegments(const MachineRunOutcome& outcome, double lastIteration);

    QList<QCPGraph*> chains_;
    QList<QCPItemRect*> warmups_;
    QList<QCPItemStraightLine*> switches_;
    QList<QCPItemText*> switchTexts_;
    QCPItemStraightLine* referenceMean_;
};

}  // namespace couplinglab::ui
