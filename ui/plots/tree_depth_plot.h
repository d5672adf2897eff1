#pragma once

#include "ui/plots/time_series_plot.h"

namespace couplinglab::ui {

// Tree depth (dots, left axis) and leapfrog steps (circles, right axis, logarithmic and aligned
// with the depths) per iteration: the cost of each iteration, which explodes when the step size
// is much smaller than the posterior's scale.
class TreeDepthPlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit TreeDepthPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("tree-depth"); }

    // Each chain's depths are drawn in a row of their own, this far from the integer depth,
    // each point moved up or down by at most kJitter (jitter(iteration)) within its row.
    static double rowOffset(int chain, int chains);
    static constexpr double kJitter = 0.05;
    static double jitter(double iteration);
    QCPGraph* treeDepthGraph(int chain) const { return depths_.at(chain); }
    QCPGraph* leapfrogGraph(int chain) const { return leapfrogs_.at(chain); }
    int chainGraphCount() const { return depths_.size(); }
    // Label every this many depths so that labels `lineHeight` tall stay apart on an axis of
    // `pixels` showing `rows` depths.
    static int labelEvery(double rows, int pixels, int lineHeight);
    int labelledEvery() const { return labelledEvery_; }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;
    void fitVerticalAxes(int axisLength) override;

  private:
    void setDepthRange(double deepest);
    void spaceLabels();

    int axisLength_ = 0;  // of the last layout's estimate; 0 before the first
    int labelledEvery_ = 1;
    ChainGraphs depths_;
    ChainGraphs leapfrogs_;
    std::vector<MinMaxBlocks> depthBlocks_, leapfrogBlocks_;  // per chain
    PlotSeries series_;
};

}  // namespace couplinglab::ui
