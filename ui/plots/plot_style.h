#pragma once

#include <QColor>
#include <QFont>
#include <QPen>

class QCustomPlot;
class QCPAxis;
class QCPLegend;

namespace couplinglab::ui {

// The look shared by every plot, chosen for a projector in a lit room: chain, divergence and
// trajectory colours that stay distinct under the common colour-vision deficiencies (checked by
// test_colour_vision), fonts of at least 10 pt, lines thick enough to survive a beamer.
class PlotStyle {
  public:
    static constexpr int kChainColours = 4;

    static QColor chain(int index);  // wraps around beyond four chains
    static QColor divergence();      // red, drawn as crosses: distinct from every chain colour
    static QColor warmupShading();
    static QColor adaptationWindowShading();
    static QColor switchMarker();
    static QColor exactPosterior();
    static QColor prior();
    static QColor zeroLine();
    static QColor histogram();
    static QColor hintText();
    // The trajectory view.
    static QColor forwardDoubling();     // indigo: points of doublings forwards in time
    static QColor backwardDoubling();    // orange: points of doublings backwards in time
    static QColor energyLevel();         // light grey level curves of H(w, p)
    static QColor initialEnergyLevel();  // dark grey: the level of the start's energy H0
    static QColor nextState();           // sky blue: the point that becomes the next state
    static QColor uturn();               // purple: where the no-U-turn criterion fired

    static QPen chainPen(int index, Qt::PenStyle style = Qt::SolidLine);

    static QFont baseFont();  // tick labels, legends, hints
    static QFont axisLabelFont();
    static QFont titleFont();
    static QFont subtitleFont();
    static QFont annotationFont();  // labels of switch lines, notes at the plot's edge

    // Fonts, antialiasing and axis pens for a freshly created plot.
    static void apply(QCustomPlot* plot);
    static void applyToAxis(QCPAxis* axis);
    // A log axis, base 10, as the step-size and sweep plots use: "0.01", "20", "1·10⁴".
    static void makeLogarithmic(QCPAxis* axis);
    static void applyToLegend(QCPLegend* legend);
};

}  // namespace couplinglab::ui
