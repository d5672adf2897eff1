// The four sweep plots: what each shows against N and the theory it is compared with. Their
// base, SweepPlot, is in sweep_plots.cpp.
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "ui/support/number_format.h"
#include "ui/sweep/sweep_plots.h"

namespace couplinglab::ui {

namespace {

// The exact Boltzmann posterior sd that theory expects at N for data with C/N = tanh W: the
// Laplace approximation 1/√(1/σ0² + N·(1 − tanh² W)).
double theoryBoltzmannSd(double pairs, double coupling, double priorSd) {
    const double t = std::tanh(coupling);
    return 1.0 / std::sqrt(1.0 / (priorSd * priorSd) + pairs * (1.0 - t * t));
}

QString couplingText(double coupling) {
    return formatCompact(coupling, 3);
}

QString oneCouplingStepText() {
    return SweepPlot::tr(
        "Unit metric: ε must shrink with the posterior sd. Adapted metric: ε stays near 1.");
}

QString oneCouplingSdText() {
    return SweepPlot::tr(
        "Markers: sample sd; thin lines: exact sd. Only exact Boltzmann narrows, like 1/√N.");
}

}  // namespace

SweepStepSizePlot::SweepStepSizePlot(QWidget* parent)
    : SweepPlot(tr("Step size against N"), oneCouplingStepText(), tr("step size ε"), tr("ε"),
                parent) {
    setToolTip(
        tr("With a unit metric NUTS must step at the posterior's own scale, so ε follows "
           "the exact Boltzmann sd down like 1/√N (grey dashed). Adapting the metric "
           "absorbs that scale and keeps ε near 1, until Stan's regularisation of the "
           "metric towards 1e-3 outweighs a posterior variance below about 1e-5 "
           "(N ≳ 10⁵): then ε falls again (grey dash-dot, theory). Dotted with open "
           "circles: ε·√(M⁻¹), M⁻¹ the adapted inverse metric: the step in units of w, "
           "which follows the sd either way."));
}

double SweepStepSizePlot::secondaryValue(const SweepPoint& point) const {
    return point.effectiveStepSize;
}

QString SweepStepSizePlot::secondaryName() const {
    return tr("ε·√(M⁻¹)");
}

void SweepStepSizePlot::addTheory(const SweepSpec& spec, double from, double to) {
    if (!spec.shape.isOneCoupling()) {
        // No formula for ε here: it is what the run measures (κ is in the table).
        setExplanation(
            tr("Several parameters: a diagonal metric keeps ε near the narrowest width it "
               "leaves, √κ below the dense metric's, at every N; from N ≈ 10⁵ Stan's "
               "regularisation of the metric shrinks the dense ε too."));
        return;
    }
    setExplanation(oneCouplingStepText());
    const bool boltzmann =
        std::ranges::count(spec.combinations, SweepCombination{Likelihood::ExactBoltzmann, false});
    if (!boltzmann) return;
    const double w = spec.coupling;
    const double priorSd = spec.prior.priorSd;
    addTheoryLine(tr("sd, theory"), Qt::DashLine, from, to,
                  [=](double n) { return theoryBoltzmannSd(n, w, priorSd); });
    if (std::ranges::count(spec.metrics, MetricKind::Diagonal) > 0) {
        const SamplerSettings sampler = spec.sampler;
        addTheoryLine(tr("ε, theory"), Qt::DashDotLine, from, to, [=](double n) {
            return expectedStepSize(theoryBoltzmannSd(n, w, priorSd), true, sampler);
        });
    }
}

// ---------------------------------------------------------------------------------------------

SweepSdPlot::SweepSdPlot(QWidget* parent)
    : SweepPlot(tr("Posterior sd against N"), oneCouplingSdText(), tr("posterior sd of w"),
                tr("sd"), parent) {
    setToolTip(
        tr("Markers: the sd of the draws; thin lines: the exact posterior sd. Only the "
           "exact Boltzmann likelihood makes the posterior narrow with more data, like "
           "cosh(W)/√N (grey dashed); the potential-only model and both divided-by-N "
           "versions stay at the prior's scale whatever N is."));
}

void SweepSdPlot::addTheory(const SweepSpec& spec, double from, double to) {
    if (!spec.shape.isOneCoupling()) {
        setExplanation(
            tr("Of w₁₂, the first parameter; thin lines: the Laplace sd. Exact "
               "Boltzmann narrows like 1/√N in every direction."));
        return;
    }
    setExplanation(oneCouplingSdText());
    const double scale = std::cosh(spec.coupling);
    const QString name = spec.coupling == 0.0 ? tr("1/√N") : tr("cosh W/√N");
    addTheoryLine(name, Qt::DashLine, from, to, [=](double n) { return scale / std::sqrt(n); });
}

// ---------------------------------------------------------------------------------------------

SweepMeanPlot::SweepMeanPlot(QWidget* parent)
    : SweepPlot(tr("|Posterior mean| against N"),
                tr("Potential only: the mean is C: of order √N for W = 0, N·tanh W otherwise."),
                tr("|posterior mean of w|"), tr("|mean|"), parent) {}

double SweepMeanPlot::sampleValue(const SweepPoint& point) const {
    return std::abs(point.mean);
}

double SweepMeanPlot::exactValue(const SweepPoint& point) const {
    return std::abs(point.exactMean);
}

void SweepMeanPlot::addTheory(const SweepSpec& spec, double from, double to) {
    if (!spec.shape.isOneCoupling()) {
        setExplanation(
            tr("Of w₁₂, the first parameter: potential only runs off with its "
               "statistic T₁₂, as w does with C."));
        return;
    }
    const double w = spec.coupling;
    const double variance = spec.prior.priorSd * spec.prior.priorSd;
    const double mu = spec.prior.priorMean;
    if (w == 0.0) {
        setExplanation(
            tr("Potential only: the mean is C, of order √N for independent bits "
               "(W = 0)."));
        setToolTip(
            tr("The potential-only posterior is Normal(μ0 + σ0²·C, σ0): its mean is C, "
               "which for independent bits (W = 0) is a sum of N random ±1, of size "
               "E|C| = √(2N/π) (grey dashed). The exact Boltzmann mean, about atanh(C/N) ≈ "
               "C/N, shrinks towards 0 like E|C|/N = √(2/(πN)) (grey dotted). Thin lines: exact "
               "means."));
        addTheoryLine(tr("E|C|"), Qt::DashLine, from, to,
                      [=](double n) { return variance * std::sqrt(2.0 * n / std::numbers::pi); });
        addTheoryLine(tr("E|C|/N"), Qt::DotLine, from, to,
                      [](double n) { return std::sqrt(2.0 / (std::numbers::pi * n)); });
    } else {
        setExplanation(tr("Potential only: the mean is C ≈ N·tanh W, growing like N "
                          "(W = %1).")
                           .arg(couplingText(w)));
        setToolTip(tr("The potential-only posterior is Normal(μ0 + σ0²·C, σ0): its mean is C, "
                      "and with a true coupling W = %1 the data have C ≈ N·tanh W, so the mean "
                      "grows like N (grey dashed), not like √N. The exact Boltzmann mean "
                      "recovers W (grey dotted). Thin lines: exact means.")
                       .arg(couplingText(w)));
        addTheoryLine(tr("N·tanh W"), Qt::DashLine, from, to,
                      [=](double n) { return std::abs(mu + variance * n * std::tanh(w)); });
        addTheoryLine(tr("|W|"), Qt::DotLine, from, to, [=](double) { return std::abs(w); });
    }
}

// ---------------------------------------------------------------------------------------------

SweepLeapfrogPlot::SweepLeapfrogPlot(QWidget* parent)
    : SweepPlot(tr("Leapfrog steps per draw against N"),
                tr("With ε matched to the posterior's scale, a draw costs a few steps at any N."),
                tr("leapfrog steps per draw"), tr("steps"), parent) {
    setToolTip(
        tr("Mean leapfrog steps per draw after warmup, the cost of a draw. Once "
           "warmup has matched the step to the posterior's scale, NUTS needs the same "
           "few steps at every N, with or without an adapted metric."));
    // 1, 2, 3, 5, 10, ...: a readable log axis over the one decade or two these counts span.
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (double decade = 1.0; decade <= 1e4; decade *= 10.0) {
        for (const double mantissa : {1.0, 2.0, 3.0, 5.0})
            ticker->addTick(mantissa * decade, QLocale::c().toString(mantissa * decade, 'g', 6));
    }
    plot()->yAxis->setTicker(ticker);
}

}  // namespace couplinglab::ui
