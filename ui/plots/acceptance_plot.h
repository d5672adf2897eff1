#pragma once

#include "ui/plots/time_series_plot.h"

namespace couplinglab::ui {

// accept_stat per iteration with the target δ that step-size adaptation aims for.
class AcceptancePlot final : public TimeSeriesPlot {
    Q_OBJECT

  public:
    explicit AcceptancePlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("acceptance"); }

    QCPGraph* chainGraph(int chain) const { return chains_.at(chain); }
    int chainGraphCount() const { return chains_.size(); }
    QCPItemStraightLine* targetLine() const { return targetLine_; }
    QCPItemText* targetLabel() const { return targetLabel_; }

  protected:
    void drawSeries(const RunHistory& history, IterationWindow window, int budget) override;
    void clearSeries() override;

  private:
    ChainGraphs chains_;
    QCPItemStraightLine* targetLine_;
    QCPItemText* targetLabel_;
    std::vector<MinMaxBlocks> blocks_;  // per chain, of accept_stat
    PlotSeries series_;
};

}  // namespace couplinglab::ui
