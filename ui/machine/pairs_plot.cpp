#include "ui/machine/pairs_plot.h"

#include <cmath>
#include <numbers>

#include <qcustomplot.h>

#include "core/metric_geometry.h"
#include "ui/machine/machine_plot_parts.h"
#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

void ellipsePoints(double meanX, double meanY, double varX, double varY, double covXY,
                   double radius, int points, QVector<double>& xs, QVector<double>& ys) {
    // x = mean + L·(r cos t, r sin t) with L the Cholesky factor of the 2×2 covariance.
    const double l11 = std::sqrt(varX);
    const double l21 = covXY / l11;
    const double l22 = std::sqrt(std::max(varY - l21 * l21, 0.0));
    xs.resize(points + 1);
    ys.resize(points + 1);
    for (int i = 0; i <= points; ++i) {
        const double t = 2.0 * std::numbers::pi * i / points;
        const double u = radius * std::cos(t);
        const double v = radius * std::sin(t);
        xs[i] = meanX + l11 * u;
        ys[i] = meanY + l21 * u + l22 * v;
    }
}

PairsPlot::PairsPlot(QWidget* parent)
    : PlotPanel(tr("Pairs"),
                tr("Draws of two parameters against each other; the ellipses enclose 1, 2 and 3 "
                   "sd of the reference posterior."),
                parent),
      correlation_(addCornerNote(plot())) {
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("x"));
    p->yAxis->setLabel(tr("y"));
    clear();
}

void PairsPlot::clear() {
    for (QCPGraph* g : chains_)
        plot()->removeGraph(g);
    chains_.clear();
    for (QCPCurve* c : ellipses_)
        plot()->removePlottable(c);
    ellipses_.clear();
    correlation_->setText(QString());
    correlation_->setVisible(false);
    showHint(tr("Press Run"));
    requestReplot();
}

void PairsPlot::setRun(const MachineRunOutcome& outcome, int x, int y) {
    clear();
    if (auto problem = pairProblem(outcome, x, y)) {
        showHint(*problem);
        return;
    }
    hideHint();
    QCustomPlot* p = plot();
    double minX = HUGE_VAL, maxX = -HUGE_VAL, minY = HUGE_VAL, maxY = -HUGE_VAL;
    for (int c = 0; c < static_cast<int>(outcome.run.chains.size()); ++c) {
        const MachineChainResult& chain = outcome.run.chains[static_cast<std::size_t>(c)];
        const std::vector<double> xs = chain.drawsOf(x);
        const std::vector<double> ys = chain.drawsOf(y);
        const std::size_t stride = std::max<std::size_t>(1, xs.size() / kMaxPointsPerChain + 1);
        QVector<double> keys;
        QVector<double> values;
        for (std::size_t i = 0; i < xs.size(); i += stride) {
            keys.append(xs[i]);
            values.append(ys[i]);
            minX = std::min(minX, xs[i]);
            maxX = std::max(maxX, xs[i]);
            minY = std::min(minY, ys[i]);
            maxY = std::max(maxY, ys[i]);
        }
        QCPGraph* graph = p->addGraph();
        QColor colour = PlotStyle::chain(c);
        colour.setAlpha(140);
        graph->setPen(QPen(colour));
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        graph->setName(tr("chain %1").arg(c + 1));
        graph->setData(keys, values, /*alreadySorted=*/false);
        chains_.append(graph);
    }
    const MachinePosterior& ref = outcome.reference;
    const Eigen::MatrixXd& cov = ref.covariance;
    for (int radius = 1; radius <= 3; ++radius) {
        QVector<double> xs;
        QVector<double> ys;
        ellipsePoints(ref.mean[x], ref.mean[y], cov(x, x), cov(y, y), cov(x, y), radius, 120, xs,
                      ys);
        auto* curve = new QCPCurve(p->xAxis, p->yAxis);
        curve->setData(xs, ys);
        curve->setPen(QPen(PlotStyle::exactPosterior(), radius == 1 ? 2.5 : 1.5,
                           radius == 1 ? Qt::SolidLine : Qt::DashLine));
        curve->setName(radius == 1 ? (ref.kind == ReferenceKind::Laplace
                                          ? tr("Laplace approximation, 1/2/3 sd")
                                          : tr("exact posterior, 1/2/3 sd"))
                                   : QString());
        ellipses_.append(curve);
        for (double v : xs) {
            minX = std::min(minX, v);
            maxX = std::max(maxX, v);
        }
        for (double v : ys) {
            minY = std::min(minY, v);
            maxY = std::max(maxY, v);
        }
    }
    const double sampled = [&] {
        const std::vector<double> a = outcome.pooledDraws(x);
        const std::vector<double> b = outcome.pooledDraws(y);
        const double n = static_cast<double>(a.size());
        if (a.size() < 3) return std::nan("");
        double ma = 0, mb = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double saa = 0, sbb = 0, sab = 0;
        for (std::size_t i = 0; i < a.size(); ++i) {
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
            sab += (a[i] - ma) * (b[i] - mb);
        }
        return sab / std::sqrt(saa * sbb);
    }();
    const QString refName = ref.kind == ReferenceKind::Laplace ? tr("Laplace") : tr("exact");
    correlation_->setText(
        tr("correlation %1 (%2 %3)")
            .arg(std::isfinite(sampled) ? QString::number(sampled, 'f', 2) : tr("–"), refName,
                 QString::number(correlation(cov, x, y), 'f', 2)));
    correlation_->setVisible(true);
    p->xAxis->setLabel(outcome.names.value(x));
    p->yAxis->setLabel(outcome.names.value(y));
    const double padX = 0.05 * (maxX - minX);
    const double padY = 0.05 * (maxY - minY);
    p->xAxis->setRange(minX - padX, maxX + padX);
    p->yAxis->setRange(minY - padY, maxY + padY);
    requestReplot();
}

int PairsPlot::pointCount() const {
    int n = 0;
    for (QCPGraph* g : chains_)
        n += g->dataCount();
    return n;
}

int PairsPlot::ellipseCount() const {
    return static_cast<int>(ellipses_.size());
}

QString PairsPlot::correlationText() const {
    return correlation_->visible() ? correlation_->text() : QString();
}

}  // namespace couplinglab::ui
