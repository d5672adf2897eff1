#include "ui/plots/time_series_parts.h"

#include "ui/plots/plot_style.h"

namespace couplinglab::ui::time_series {
QCPGraph* addLegendKey(QCustomPlot* plot, const QString& name, const QPen& pen,
                       const QCPScatterStyle& scatter) {
    QCPGraph* key = plot->addGraph();
    key->setName(name);
    key->setPen(pen);
    key->setScatterStyle(scatter);
    key->setLineStyle(pen.style() == Qt::NoPen ? QCPGraph::lsNone : QCPGraph::lsLine);
    return key;
}

// A scatter of thousands of iterations turns into a solid band: drawn translucent, points that
// pile up darken, so the band shows where the iterations are dense.
QPen densityPen(int chain) {
    QPen pen = PlotStyle::chainPen(chain);
    QColor colour = pen.color();
    colour.setAlpha(kDensityAlpha);
    pen.setColor(colour);
    return pen;
}

}  // namespace couplinglab::ui::time_series
