#include "ui/plots/acceptance_plot.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"
#include "ui/plots/time_series_parts.h"

namespace couplinglab::ui {

using namespace time_series;

AcceptancePlot::AcceptancePlot(QWidget* parent)
    : TimeSeriesPlot(tr("Acceptance"),
                     tr("accept_stat per iteration; warmup tunes ε until its average reaches the "
                        "target δ."),
                     parent),
      chains_(plot(), plot()->yAxis, [](QCPGraph* graph, int chain) {
          graph->setPen(densityPen(chain));
          graph->setLineStyle(QCPGraph::lsNone);
          graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3.5));
      }) {
    setLiveScatterThinning(kLiveScatterThinning);
    QCustomPlot* p = plot();
    setAxisLabel(p->yAxis, tr("accept_stat"), tr("accept"));
    p->yAxis->setRange(-0.03, 1.03);
    p->axisRect()->setRangeDragAxes(p->xAxis, nullptr);

    targetLine_ = new QCPItemStraightLine(p);
    targetLine_->setObjectName(QStringLiteral("target-line"));
    targetLine_->setLayer(kMarksLayer);
    targetLine_->setPen(QPen(PlotStyle::switchMarker(), 2.0, Qt::DashLine));
    targetLine_->setSelectable(false);
    targetLabel_ = new QCPItemText(p);
    targetLabel_->setObjectName(QStringLiteral("target-label"));
    targetLabel_->setLayer(kMarksLayer);
    targetLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    // Under the line at the right: switch labels hang from the top of the axes, and the
    // latest switch is usually near the right edge.
    targetLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    targetLabel_->setFont(PlotStyle::annotationFont());
    targetLabel_->setColor(PlotStyle::switchMarker());
    targetLabel_->setBrush(QColor(255, 255, 255, 215));
    targetLabel_->setPadding(QMargins(4, 1, 4, 1));
    targetLabel_->setSelectable(false);
    targetLine_->setVisible(false);
    targetLabel_->setVisible(false);
}

void AcceptancePlot::drawSeries(const RunHistory& history, IterationWindow window, int budget) {
    chains_.resize(history.chainCount());
    blocks_.resize(static_cast<std::size_t>(history.chainCount()));
    for (int c = 0; c < history.chainCount(); ++c) {
        const ChainHistory& chain = history.chain(c);
        decimateColumn(
            blocks_[static_cast<std::size_t>(c)], chain, clampToChain(window, chain), budget,
            [](const ChainHistory& h, std::size_t i) { return h.acceptStat(i); }, series_);
        setSeries(chains_.at(c), series_);
    }

    const Segment* segment = history.currentSegment();
    const bool showTarget = segment != nullptr;
    targetLine_->setVisible(showTarget);
    targetLabel_->setVisible(showTarget);
    if (!showTarget) return;
    const SamplerSettings& sampler = segment->settings.sampler;
    const double delta = sampler.targetAccept;
    targetLine_->point1->setCoords(0.0, delta);
    targetLine_->point2->setCoords(1.0, delta);
    targetLabel_->position->setCoords(0.99, delta);
    const QString target = tr("target δ = %1").arg(delta, 0, 'g', 3);
    targetLabel_->setText(sampler.adaptStepSize ? target : tr("%1 (unused: ε fixed)").arg(target));
}

void AcceptancePlot::clearSeries() {
    chains_.clearData();
    blocks_.clear();
    targetLine_->setVisible(false);
    targetLabel_->setVisible(false);
}

}  // namespace couplinglab::ui
