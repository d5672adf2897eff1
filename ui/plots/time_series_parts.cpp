#include "ui/plots/time_series_parts.h"

#include "ui/plots/plot_style.h"

namespace couplinglab::ui::time_series {
namespace {

QSharedPointer<QCPAxisTickerLog> logTicker() {
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    return ticker;
}

}  // namespace

void makeLogarithmic(QCPAxis* axis) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(logTicker());
    // "0.01", "20", "1·10⁴": plain numbers while they are short, powers beyond. Three digits
    // because over less than 1.6 decades QCP falls back to linear ticks such as 15.
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(3);
}

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
