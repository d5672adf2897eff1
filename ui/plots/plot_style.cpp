#include "ui/plots/plot_style.h"

#include <qcustomplot.h>

#include <array>

namespace couplinglab::ui {

namespace {
// Chosen so that every pair of chains, the divergence marker and the reference curves stays
// apart under simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009; the
// check is test_colour_vision): indigo, orange, sky blue and wine from Paul Tol's and
// Okabe & Ito's palettes, differing in lightness as well as hue. Red is kept for divergences.
constexpr std::array<QRgb, PlotStyle::kChainColours> kChainRgb{0x332288, 0xE69F00, 0x56B4E9,
                                                               0x882255};
constexpr int kBasePointSize = 10;
}  // namespace

QColor PlotStyle::chain(int index) {
    const auto slot =
        static_cast<std::size_t>(((index % kChainColours) + kChainColours) % kChainColours);
    return QColor::fromRgb(kChainRgb[slot]);
}

QColor PlotStyle::divergence() {
    return QColor::fromRgb(0xCC3311);  // Paul Tol's red
}
QColor PlotStyle::warmupShading() {
    return QColor(0, 0, 0, 22);
}
QColor PlotStyle::adaptationWindowShading() {
    return QColor(86, 180, 233, 50);
}
QColor PlotStyle::switchMarker() {
    return QColor(70, 70, 70);
}
QColor PlotStyle::exactPosterior() {
    return Qt::black;
}
QColor PlotStyle::prior() {
    return QColor(160, 160, 160);
}
QColor PlotStyle::zeroLine() {
    return QColor(60, 60, 60);
}
QColor PlotStyle::histogram() {
    return QColor(0x0072B2);
}
QColor PlotStyle::hintText() {
    return QColor(110, 110, 110);
}

// The trajectory's own four colours plus the divergence red, checked like the chains'.
QColor PlotStyle::forwardDoubling() {
    return QColor::fromRgb(0x332288);
}
QColor PlotStyle::backwardDoubling() {
    return QColor::fromRgb(0xE69F00);
}
QColor PlotStyle::energyLevel() {
    return QColor(185, 185, 185);
}
QColor PlotStyle::initialEnergyLevel() {
    return QColor(85, 85, 85);
}
QColor PlotStyle::nextState() {
    return QColor::fromRgb(0x56B4E9);
}
QColor PlotStyle::uturn() {
    return QColor::fromRgb(0xAA4499);
}

QPen PlotStyle::chainPen(int index, Qt::PenStyle style) {
    QPen pen(chain(index), 1.5, style);
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

QFont PlotStyle::baseFont() {
    QFont font;
    font.setPointSize(kBasePointSize);
    return font;
}

QFont PlotStyle::axisLabelFont() {
    QFont font = baseFont();
    font.setPointSize(kBasePointSize + 1);
    return font;
}

QFont PlotStyle::titleFont() {
    QFont font = baseFont();
    font.setPointSize(kBasePointSize + 3);
    font.setBold(true);
    return font;
}

QFont PlotStyle::subtitleFont() {
    return baseFont();
}

QFont PlotStyle::annotationFont() {
    return baseFont();
}

void PlotStyle::applyToAxis(QCPAxis* axis) {
    axis->setLabelFont(axisLabelFont());
    axis->setTickLabelFont(baseFont());
    const QPen axisPen(QColor(40, 40, 40), 1);
    axis->setBasePen(axisPen);
    axis->setTickPen(axisPen);
    axis->setSubTickPen(axisPen);
    axis->setLabelColor(QColor(20, 20, 20));
    axis->setTickLabelColor(QColor(40, 40, 40));
    axis->grid()->setPen(QPen(QColor(225, 225, 225), 1));
    axis->grid()->setSubGridVisible(false);
}

void PlotStyle::applyToLegend(QCPLegend* legend) {
    legend->setFont(baseFont());
    legend->setBrush(QColor(255, 255, 255, 215));
    legend->setBorderPen(QPen(QColor(200, 200, 200)));
    legend->setIconSize(28, 12);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(12);
}

void PlotStyle::apply(QCustomPlot* plot) {
    plot->setFont(baseFont());
    plot->setAntialiasedElements(QCP::aePlottables | QCP::aeItems | QCP::aeLegendItems);
    plot->setNotAntialiasedElements(QCP::aeGrid | QCP::aeAxes);
    // A decimated trace zigzags through every pixel column: stroked as one polyline, Qt's
    // rasteriser takes hundreds of ms on it; segment by segment it takes a few. Exports to
    // files still get the joined polyline.
    plot->setPlottingHint(QCP::phFastPolylines, true);
    for (QCPAxis* axis : plot->axisRect()->axes())
        applyToAxis(axis);
    applyToLegend(plot->legend);
}

void PlotStyle::makeLogarithmic(QCPAxis* axis) {
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(ticker);
    // "0.01", "20", "1·10⁴": plain numbers while they are short, powers beyond. Three digits
    // because over less than 1.6 decades QCP falls back to linear ticks such as 15.
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(3);
}

}  // namespace couplinglab::ui
