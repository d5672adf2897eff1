#include "ui/machine/tree_depth_acceptance_plot.h"

#include <algorithm>

#include <qcustomplot.h>

#include "ui/machine/machine_plot_parts.h"
#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

TreeDepthAcceptancePlot::TreeDepthAcceptancePlot(QWidget* parent)
    : PlotPanel(tr("Tree depth and acceptance"),
                tr("Chain 1's NUTS tree depth (left) and acceptance statistic (right) at each "
                   "iteration; red crosses: divergences."),
                parent),
      depth_(plot()->addGraph()),
      acceptance_(plot()->addGraph(plot()->xAxis, plot()->yAxis2)),
      divergent_(plot()->addGraph()) {
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("iteration"));
    p->yAxis->setLabel(tr("tree depth"));
    p->yAxis2->setLabel(tr("acceptance"));
    p->yAxis2->setVisible(true);
    p->yAxis2->setRange(0.0, 1.05);
    PlotStyle::applyToAxis(p->yAxis2);
    depth_->setPen(QPen(PlotStyle::chain(0), 1.5));
    depth_->setLineStyle(QCPGraph::lsStepLeft);
    depth_->setName(tr("tree depth"));
    acceptance_->setPen(QPen(QColor(150, 150, 150), 1.0));
    acceptance_->setName(tr("acceptance"));
    divergent_->setLineStyle(QCPGraph::lsNone);
    divergent_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCross, PlotStyle::divergence(), 9));
    divergent_->setName(tr("divergent"));
    clear();
}

void TreeDepthAcceptancePlot::clear() {
    depth_->data()->clear();
    acceptance_->data()->clear();
    divergent_->data()->clear();
    setLegendWanted(false);
    showHint(tr("Press Run"));
    requestReplot();
}

void TreeDepthAcceptancePlot::setRun(const MachineRunOutcome& outcome) {
    clear();
    if (outcome.run.chains.empty()) return;
    const std::vector<IterationRecord>& records = outcome.run.chains.front().base.records;
    if (records.empty()) {
        showHint(tr("Sampling …"));
        return;
    }
    hideHint();
    const std::size_t stride = records.size() / kMaxPoints + 1;
    QVector<double> keys;
    QVector<double> depths;
    QVector<double> accepts;
    int deepest = 1;
    for (std::size_t t = 0; t < records.size(); t += stride) {
        keys.append(static_cast<double>(t));
        depths.append(records[t].treeDepth);
        accepts.append(records[t].acceptStat);
        deepest = std::max(deepest, records[t].treeDepth);
    }
    depth_->setData(keys, depths, /*alreadySorted=*/true);
    acceptance_->setData(keys, accepts, /*alreadySorted=*/true);
    // Every divergence is marked, whatever the thinning of the lines.
    for (std::size_t t = 0; t < records.size(); ++t) {
        if (records[t].divergent) divergent_->addData(static_cast<double>(t), records[t].treeDepth);
    }
    QCustomPlot* p = plot();
    keepInLegendWhileDrawn(p, divergent_, divergent_->dataCount() > 0);
    setLegendWanted(true);
    p->xAxis->setRange(0.0, std::max(1.0, static_cast<double>(records.size())));
    p->yAxis->setRange(0.0, deepest + 1.0);
    requestReplot();
}

int TreeDepthAcceptancePlot::pointCount() const {
    return depth_->dataCount();
}

int TreeDepthAcceptancePlot::divergenceCount() const {
    return divergent_->dataCount();
}

double TreeDepthAcceptancePlot::lastTreeDepth() const {
    return depth_->dataCount() > 0 ? (depth_->data()->constEnd() - 1)->value : 0.0;
}

}  // namespace couplinglab::ui
