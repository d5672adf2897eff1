#pragma once

#include <QList>

#include "ui/plots/plot_panel.h"

class QCPCurve;
class QCPGraph;
class QCPItemText;

namespace couplinglab::ui {

struct MachineRunOutcome;

// The draws of two parameters (x, y) against each other, every chain in its colour, with the
// reference posterior's 1, 2 and 3 sd ellipses and the correlation written on the plot: where a
// tilted, narrow posterior shows why a diagonal metric cannot help and a dense one can.
class PairsPlot final : public PlotPanel {
    Q_OBJECT
  public:
    static constexpr int kMaxPointsPerChain = 4000;

    explicit PairsPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("pairs"); }

    void setRun(const MachineRunOutcome& outcome, int x, int y);
    void clear();

    int pointCount() const;           // draws drawn, over the chains
    int ellipseCount() const;         // reference ellipses drawn
    QString correlationText() const;  // empty while nothing is shown
    QList<QCPCurve*> ellipses() const { return ellipses_; }

  private:
    QList<QCPGraph*> chains_;
    QList<QCPCurve*> ellipses_;
    QCPItemText* correlation_;
};

// Points (x, y) on the ellipse at `radius` sd of a 2-D normal with this mean and covariance.
void ellipsePoints(double meanX, double meanY, double varX, double varY, double covXY,
                   double radius, int points, QVector<double>& xs, QVector<double>& ys);

}  // namespace couplinglab::ui
