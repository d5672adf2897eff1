#include "ui/machine/machine_explanation.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "ui/machine/machine_worker.h"
#include "ui/machine/step_width_plot.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

QString describeDirection(const Eigen::VectorXd& direction, const QStringList& names) {
    // Sign fixed so that the largest component is positive; components under 0.3 left out.
    std::vector<int> order(static_cast<std::size_t>(direction.size()));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return std::abs(direction[a]) > std::abs(direction[b]); });
    const double sign = direction[order.front()] < 0 ? -1.0 : 1.0;
    QString text;
    for (int i : order) {
        const double c = sign * direction[i];
        if (std::abs(c) < 0.3 && !text.isEmpty()) break;
        const QString term =
            QStringLiteral("%1·%2").arg(formatNumber(std::abs(c), 2), names.value(i));
        if (text.isEmpty()) {
            text = c < 0 ? QStringLiteral("−") + term : term;
        } else {
            text += (c < 0 ? QStringLiteral(" − ") : QStringLiteral(" + ")) + term;
        }
    }
    return text;
}

namespace {

QString metricParagraph(const MachineRunOutcome& outcome, const MetricGeometry& g, int x, int y) {
    if (outcome.dimension() < 2) {
        return QObject::tr(
            "<b>One parameter.</b> Any adapted metric absorbs the posterior's "
            "scale entirely (κ = 1), and ε returns to about 1, as in the live run.");
    }
    if (x == y) std::tie(x, y) = strongestCorrelationPair(outcome.reference.covariance);
    const double r = correlation(outcome.reference.covariance, x, y);
    const QString pair =
        QStringLiteral("%1 and %2").arg(outcome.names.value(x), outcome.names.value(y));
    switch (metricKind(outcome.spec.sampler)) {
        case MetricKind::Unit:
            return QObject::tr(
                       "<b>Unit metric.</b> The sampler moves in the parameters' own units, so "
                       "the narrowest width it must resolve is the posterior's own, %1, and the "
                       "widest %2 (κ = %3). A diagonal metric would remove the differences of "
                       "scale; a dense one the tilts as well.")
                .arg(formatNumber(g.narrowestWidth), formatNumber(g.widestWidth),
                     formatConditionNumber(g.conditionNumber()));
        case MetricKind::Diagonal:
            return QObject::tr(
                       "<b>Diagonal metric.</b> Warmup rescaled each parameter by its own sd, "
                       "which removes differences of scale but not tilts: %1 are correlated "
                       "%2, so the posterior stays a narrow, tilted ellipse in the metric's "
                       "units (κ = %3). Switch the metric to dense to remove the tilt.")
                .arg(pair, formatNumber(r, 2), formatConditionNumber(g.conditionNumber()));
        case MetricKind::Dense:
            return QObject::tr(
                       "<b>Dense metric.</b> Warmup estimated the posterior's covariance, tilts "
                       "included (%1 are correlated %2), and the sampler moves in coordinates "
                       "where that covariance is round: κ = %3 is left, so ε can grow to nearly "
                       "the round width and a few steps cross the posterior.")
                .arg(pair, formatNumber(r, 2), formatConditionNumber(g.conditionNumber()));
    }
    return {};
}

}  // namespace

QString machineExplanationHtml(const MachineRunOutcome& outcome, const MetricGeometry& g, int x,
                               int y) {
    QStringList paragraphs;
    const bool laplace = outcome.reference.kind == ReferenceKind::Laplace;
    paragraphs << QObject::tr(
                      "<b>The posterior's shape.</b> Its narrowest direction, %1, has sd %2; its "
                      "widest, %3, has sd %4%5.")
                      .arg(describeDirection(g.narrowestDirection, outcome.names),
                           formatNumber(g.narrowestWidth),
                           describeDirection(g.widestDirection, outcome.names),
                           formatNumber(g.widestWidth),
                           laplace ? QObject::tr(" (from the Laplace approximation)") : QString());
    paragraphs << metricParagraph(outcome, g, x, y);
    const double kappa = g.conditionNumber();
    paragraphs << QObject::tr(
                      "<b>Why ε is what it is.</b> A leapfrog step is stable only while ε stays "
                      "below about twice the narrowest width the metric leaves, here %1; "
                      "adaptation, aiming at 80 % acceptance, settled at ε = %2, %3× that width.")
                      .arg(formatNumber(g.narrowestScaledWidth()), formatNumber(g.stepSize),
                           formatNumber(g.stepOverNarrowest(), 2));
    paragraphs << QObject::tr(
                      "<b>Why the tree is as deep as it is.</b> NUTS stops at a U-turn, about half "
                      "a period of the widest direction: π × %1 / ε ≈ %2 steps. The chains took "
                      "%3 steps a draw (tree depth %4). With ε tied to the narrowest width, the "
                      "steps grow like √κ = %5.")
                      .arg(formatNumber(g.widestScaledWidth()), formatNumber(g.predictedSteps(), 2),
                           formatNumber(outcome.meanLeapfrogSteps(), 3),
                           formatNumber(outcome.meanTreeDepth(), 2),
                           formatNumber(std::sqrt(kappa), 2));
    if (outcome.spec.model.likelihood == Likelihood::PotentialOnly) {
        double farthest = 0.0;
        for (Eigen::Index i = 0; i < outcome.reference.mean.size(); ++i)
            farthest = std::max(farthest, std::abs(outcome.reference.mean[i]));
        paragraphs << QObject::tr(
                          "<b>Potential only.</b> Without log Z every coordinate is its own "
                          "normal, N(μ₀ + σ₀²·T, σ₀²): each runs off to its own feature sum, the "
                          "farthest to %1, with the prior's sd. The metric can only match that.")
                          .arg(formatNumber(farthest));
    }
    const int divergences = outcome.divergences();
    if (divergences > 0) {
        paragraphs << QObject::tr(
            "<b>%n divergent transition(s)</b> after warmup: the step was "
            "too long somewhere in the posterior.",
            nullptr, divergences);
    }
    return QStringLiteral("<p>") + paragraphs.join(QStringLiteral("</p><p>")) +
           QStringLiteral("</p>");
}

}  // namespace couplinglab::ui
