#pragma once

#include <QList>

#include "ui/plots/plot_panel.h"

class QCPAbstractItem;
class QCPAxisRect;
class QCPGraph;
class QCPLayoutGrid;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;

namespace couplinglab::ui {

struct MachineRunOutcome;

// The trace of one parameter of the Boltzmann machine, every chain in its colour, over the
// iterations so far: chain 1's warmups shaded, the reference mean as a dashed line, and a
// switch of the metric mid-run as a labelled vertical line (the chains carry on from there
// with a new warmup).
//
// Asked for all parameters, it draws small multiples instead: one small trace per parameter (up
// to 36), each on its own vertical range, so that a class sees at a glance which directions mix
// slowly.
class ParameterTracePlot final : public PlotPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxPointsPerChain = 3000;
    static constexpr int kMaxMultiplePointsPerChain = 400;  // each of the small traces

    explicit ParameterTracePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("trace-parameter"); }

    void setRun(const MachineRunOutcome& outcome, int parameter);
    void clear();

    // Small multiples of every parameter (true) or the trace of the one picked (false); the
    // next setRun() draws them.
    void setAllParameters(bool all);
    bool allParameters() const { return all_; }

    int traceCount() const;            // traces drawn: 1, or every parameter's
    QStringList traceNames() const;    // their parameters, in order
    int pointCount() const;            // iterations drawn, over the chains (and traces)
    QStringList switchLabels() const;  // the metric switches marked, in order
    int warmupBands() const;           // shaded warmups

  private:
    static QString oneSubtitle();
    static QString allSubtitle();
    void removeDrawing();
    void markSegments(const MachineRunOutcome& outcome, double lastIteration);
    void drawMultiples(const MachineRunOutcome& outcome);
    void setTraceCount(int count);
    // Adds chain c's trace of `parameter` to `rect`, every stride-th iteration; widens
    // [low, high] to the iterations from `rangeFrom` on.
    QCPGraph* addChainTrace(QCPAxisRect* rect, const MachineRunOutcome& outcome, int chain,
                            int parameter, int maxPoints, double& low, double& high,
                            std::size_t rangeFrom = 0);

    QList<QCPGraph*> chains_;
    QList<QCPItemRect*> warmups_;
    QList<QCPItemStraightLine*> switches_;
    QList<QCPItemText*> switchTexts_;
    QCPItemStraightLine* referenceMean_;
    bool all_ = false;
    QCPLayoutGrid* multiples_;    // the traces' axes: the plot's own first, then the others
    QList<QCPAxisRect*> traces_;  // traces_[0] is the plot's own axis rect
    QList<QCPAbstractItem*> multipleItems_;  // names, means and warmups of the small traces
    QStringList traceNames_;
};

}  // namespace couplinglab::ui
