#include "ui/explanation/explanation_metric.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

#include "core/adaptation.h"
#include "core/sweep.h"

// The explanation's sentences about the adapted metric and what it leaves to ε.
namespace couplinglab::ui::explanation {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Explanation", text);
}

// Adapted ε is "near 1" unless Stan's metric regularisation forces it below this.
constexpr double kStepNearOne = 0.75;

}  // namespace

QString formatRange(const std::vector<double>& values) {
    if (values.empty()) return QStringLiteral("n/a");
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const QString a = formatNumber(*lo);
    const QString b = formatNumber(*hi);
    return a == b ? a : tr("%1 to %2").arg(a, b);
}

// The draws of warmup's last slow window, whose regularised variance becomes the metric
// sampling uses; 0 when warmup is too short to have one.
int lastWindowDraws(const SamplerSettings& sampler) {
    const WindowSchedule schedule(
        sampler.warmup, WindowSettings{sampler.initBuffer, sampler.termBuffer, sampler.baseWindow});
    const auto windows = schedule.slowWindows();
    return windows.empty() ? 0 : windows.back().second - windows.back().first + 1;
}

// Stan adds 1e-3·5/(n + 5) to each variance it estimates (core/adaptation.h). For a very
// narrow posterior that floor, not the posterior's variance, sets the metric, and ε must
// shrink instead: e.g. exact Boltzmann at N = 10⁷ ends with ε ≈ 0.1.
bool floorMatters(const ExplanationInput& in) {
    return in.settings.sampler.adaptMetric && lastWindowDraws(in.settings.sampler) > 0 &&
           expectedStepSize(in.exactSd, true, in.settings.sampler) < kStepNearOne;
}

// `predicted`: before sampling or during warmup, what will happen; else what did, with `eps`.
QString floorSentence(const ExplanationInput& in, bool predicted, const std::vector<double>& eps) {
    const int n = lastWindowDraws(in.settings.sampler);
    const double floor = 1e-3 * 5.0 / (n + 5.0);
    const double variance = in.exactSd * in.exactSd;
    const double rootMetric = std::sqrt(expectedInverseMetric(in.exactSd, in.settings.sampler));
    const QString common =
        (floor >= variance
             ? tr("But Stan adds 10⁻³·5/(n&nbsp;+&nbsp;5) to every variance it estimates, to "
                  "keep the metric safe, and after warmup's last window of n = %1 draws that "
                  "is %2, more than the posterior variance itself (sd² = %3).")
             : tr("But Stan adds 10⁻³·5/(n&nbsp;+&nbsp;5) to every variance it estimates, to "
                  "keep the metric safe, and after warmup's last window of n = %1 draws that "
                  "is %2, close to the posterior variance itself (sd² = %3)."))
            .arg(formatCount(n), formatNumber(floor), formatNumber(variance));
    if (predicted) {
        return common + QLatin1Char(' ') +
               tr("So √(inverse metric) will stay near %1, %2 times the posterior sd, and ε "
                  "will have to shrink to make up for it: to about %3, not 1.")
                   .arg(formatNumber(rootMetric), formatNumber(rootMetric / in.exactSd),
                        formatNumber(expectedStepSize(in.exactSd, true, in.settings.sampler)));
    }
    return common + QLatin1Char(' ') +
           tr("So √(inverse metric) stays above the posterior sd, and ε shrank to make up "
              "for it: ε = %1 here, not 1.")
               .arg(formatRange(eps));
}

QString metricSentences(const ExplanationInput& in, bool warmup, const std::vector<double>& eps,
                        const std::vector<double>& rootMetric) {
    const QString variance = formatNumber(in.exactSd * in.exactSd);
    if (lastWindowDraws(in.settings.sampler) == 0) {
        return tr(
            "Warmup is too short to learn a metric (it needs at least 20 iterations), "
            "so the metric stays 1.");
    }
    if (warmup) {
        return tr("With metric adaptation on, warmup is learning the posterior variance "
                  "(sd² = %1) as the inverse metric.")
                   .arg(variance) +
               QLatin1Char(' ') +
               (floorMatters(in) ? floorSentence(in, true)
                                 : tr("Then ε can stay near 1, however wide or narrow the "
                                      "posterior is."));
    }
    const auto within = [&](double target) {
        return !rootMetric.empty() &&
               std::all_of(rootMetric.begin(), rootMetric.end(),
                           [&](double r) { return r >= 0.5 * target && r <= 2.0 * target; });
    };
    const double expected = std::sqrt(expectedInverseMetric(in.exactSd, in.settings.sampler));
    if (floorMatters(in) && within(expected)) {
        return tr("With metric adaptation on, the metric should absorb the posterior's scale "
                  "(√(inverse metric) = %1, posterior sd %2).")
                   .arg(formatRange(rootMetric), formatNumber(in.exactSd)) +
               QLatin1Char(' ') + floorSentence(in, false, eps);
    }
    if (within(in.exactSd)) {
        return tr("With metric adaptation on, the metric absorbs the posterior's scale "
                  "(√(inverse metric) = %1, posterior sd %2), so ε can stay near 1 however "
                  "wide or narrow the posterior is. The step size is not what differs "
                  "between the models.")
            .arg(formatRange(rootMetric), formatNumber(in.exactSd));
    }
    return tr("Metric adaptation is on, but √(inverse metric) = %1 is far from the posterior "
              "sd %2: the metric was tuned for another target, or warmup was too short. "
              "Once it matches, ε can stay near 1.")
        .arg(formatRange(rootMetric), formatNumber(in.exactSd));
}

}  // namespace couplinglab::ui::explanation
