#pragma once

#include "ui/plots/time_series_plot.h"

namespace couplinglab::ui {

class StepSizeChanges;

// ε per iteration on a log axis, with the step it makes in units of w, ε·√(inverse metric):
// the number to compare with the posterior's sd.
class StepSizePlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit StepSizePlot(QWidget* parent = nullptr);
    ~StepSizePlot() override;
    QString exportName() const override { return QStringLiteral("step-size"); }

    QCPGraph* stepSizeGraph(int chain) const { return stepSizes_.at(chain); }
    QCPGraph* effectiveStepGraph(int chain) const { return effectiveSteps_.at(chain); }
    int chainGraphCount() const { return stepSizes_.size(); }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;
    void addSegmentShading(const Segment& segment) override;

  private:
    ChainGraphs stepSizes_;
    ChainGraphs effectiveSteps_;
    std::vector<StepSizeChanges> changes_;
    const RunHistory* cachedHistory_ = nullptr;
    PlotSeries stepSeries_, effectiveSeries_;
};

}  // namespace couplinglab::ui
