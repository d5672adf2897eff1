#pragma once

#include "ui/plots/time_series_plot.h"

namespace couplinglab::ui {

// w per iteration for every chain: where the chains went, warmup shaded, divergences crossed.
class TracePlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit TracePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("trace"); }

    QCPGraph* chainGraph(int chain) const { return chains_.at(chain); }
    int chainGraphCount() const { return chains_.size(); }
    QCPGraph* divergenceGraph() const { return divergences_; }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;
    void addSegmentShading(const Segment& segment) override;

  private:
    ChainGraphs chains_;
    QCPGraph* divergences_;
    std::vector<MinMaxBlocks> blocks_;  // per chain, of w
    PlotSeries series_;                 // reused buffers: no allocation per refresh once warm
};

}  // namespace couplinglab::ui
