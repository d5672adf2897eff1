#include "ui/machine/parameter_posterior_plot.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <qcustomplot.h>

#include "ui/machine/machine_plot_parts.h"
#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

ParameterPosteriorPlot::ParameterPosteriorPlot(QWidget* parent)
    : PlotPanel(tr("Posterior"),
                tr("Histogram of one parameter's draws after warmup, every chain, against the "
                   "reference: a normal with its mean and sd."),
                parent),
      bars_(new QCPBars(plot()->xAxis, plot()->yAxis)),
      reference_(plot()->addGraph()),
      note_(addCornerNote(plot())) {
    QCustomPlot* p = plot();
    bars_->setPen(QPen(PlotStyle::histogram().darker(130)));
    bars_->setBrush(PlotStyle::histogram());
    bars_->setName(tr("draws"));
    bars_->setWidthType(QCPBars::wtPlotCoords);
    reference_->setPen(QPen(PlotStyle::exactPosterior(), 2.5));
    p->yAxis->setLabel(tr("density"));
    clear();
}

void ParameterPosteriorPlot::clear() {
    bars_->data()->clear();
    reference_->data()->clear();
    note_->setVisible(false);
    draws_ = 0;
    showHint(tr("Press Run"));
    setLegendWanted(false);
    requestReplot();
}

void ParameterPosteriorPlot::setRun(const MachineRunOutcome& outcome, int parameter) {
    clear();
    if (parameter < 0 || parameter >= outcome.dimension()) return;
    const std::vector<double> draws = outcome.pooledDraws(parameter);
    const MachinePosterior& ref = outcome.reference;
    const bool hasReference = ref.mean.size() > parameter;
    const double mean = hasReference ? ref.mean[parameter] : 0.0;
    const double sd = hasReference ? std::sqrt(ref.covariance(parameter, parameter)) : 1.0;
    double low = hasReference ? mean - 4.0 * sd : HUGE_VAL;
    double high = hasReference ? mean + 4.0 * sd : -HUGE_VAL;
    for (double v : draws) {
        if (!std::isfinite(v)) continue;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    if (!(high > low)) return;
    QCustomPlot* p = plot();
    double peak = 0.0;
    if (hasReference) {
        QVector<double> xs(kCurvePoints);
        QVector<double> ys(kCurvePoints);
        for (int i = 0; i < kCurvePoints; ++i) {
            xs[i] = low + (high - low) * i / (kCurvePoints - 1);
            const double z = (xs[i] - mean) / sd;
            ys[i] = std::exp(-0.5 * z * z) / (sd * std::sqrt(2.0 * std::numbers::pi));
            peak = std::max(peak, ys[i]);
        }
        reference_->setData(xs, ys, /*alreadySorted=*/true);
        reference_->setName(ref.kind == ReferenceKind::Laplace
                                ? tr("Laplace approximation")
                                : tr("reference (exact mean and sd)"));
    }
    double drawMean = 0.0;
    int finite = 0;
    if (!draws.empty()) {
        const double width = (high - low) / kBins;
        QVector<double> counts(kBins, 0.0);
        for (double v : draws) {
            if (!std::isfinite(v)) continue;
            const int bin = std::clamp(static_cast<int>((v - low) / width), 0, kBins - 1);
            counts[bin] += 1.0;
            drawMean += v;
            ++finite;
        }
        QVector<double> centres(kBins);
        for (int b = 0; b < kBins; ++b) {
            centres[b] = low + (b + 0.5) * width;
            counts[b] /= std::max(finite, 1) * width;
            peak = std::max(peak, counts[b]);
        }
        bars_->setWidth(width);
        bars_->setData(centres, counts, /*alreadySorted=*/true);
        drawMean /= std::max(finite, 1);
    }
    draws_ = finite;
    hideHint();
    if (hasReference) {
        note_->setText(
            finite > 0
                ? tr("mean %1 (reference %2)").arg(formatNumber(drawMean, 3), formatNumber(mean, 3))
                : tr("reference mean %1").arg(formatNumber(mean, 3)));
        note_->setVisible(true);
    }
    keepInLegendWhileDrawn(p, bars_, finite > 0);
    keepInLegendWhileDrawn(p, reference_, hasReference);
    setLegendWanted(true);
    p->xAxis->setLabel(outcome.names.value(parameter));
    p->xAxis->setRange(low, high);
    p->yAxis->setRange(0.0, 1.1 * std::max(peak, 1e-12));
    requestReplot();
}

QString ParameterPosteriorPlot::referenceName() const {
    return reference_->dataCount() > 0 ? reference_->name() : QString();
}

QString ParameterPosteriorPlot::noteText() const {
    return note_->visible() ? note_->text() : QString();
}

double ParameterPosteriorPlot::densityAt(double x) const {
    const double half = bars_->width() / 2.0;
    for (auto it = bars_->data()->constBegin(); it != bars_->data()->constEnd(); ++it) {
        if (x >= it->key - half && x < it->key + half) return it->value;
    }
    return 0.0;
}

}  // namespace couplinglab::ui
