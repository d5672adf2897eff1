#include <QStringList>
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "ui/explanation/explanation_metric.h"
#include "ui/explanation/explanation_writer.h"

// The explanation's paragraphs about the sampler: the step size and trajectories, divergences,
// and whether the draws agree with the exact posterior.
namespace couplinglab::ui::explanation {

QString ExplanationWriter::shrinkSentence() const {
    const QString sd = formatNumber(in_.exactSd);
    const QString limit = formatNumber(2.0 * in_.exactSd);
    return (in_.exactSd < 0.5
                ? tr("With metric adaptation off the metric stays 1, so ε itself must shrink "
                     "to about the posterior sd (%1): for a Gaussian target leapfrog is "
                     "unstable past ε = 2 sd = %2.")
                : tr("With metric adaptation off the metric stays 1, so ε itself must be "
                     "about the posterior sd (%1): for a Gaussian target leapfrog is unstable "
                     "past ε = 2 sd = %2."))
        .arg(sd, limit);
}

QString ExplanationWriter::unstableSentence(bool adapting) const {
    return (adapting ? tr("An effective step beyond 2 sds (%1) makes leapfrog unstable here: "
                          "expect divergences until the adaptation brings it down.")
                     : tr("An effective step beyond 2 sds (%1) makes leapfrog unstable here: "
                          "expect divergences and chains that stick for long stretches."))
        .arg(formatNumber(2.0 * in_.laplaceSd));
}

QString ExplanationWriter::nutsSentence(const SamplerSnapshot& s) const {
    const QString steps = formatNumber(s.meanLeapfrogSteps);
    const QString depth = formatNumber(s.meanTreeDepth);
    QString how;
    if (s.divergences <= 0) {
        how = tr("NUTS doubled each trajectory until it turned back on itself (a U-turn): %1 "
                 "leapfrog steps per iteration on average (tree depth %2)")
                  .arg(steps, depth);
    } else if (s.divergences < s.draws) {
        how = tr("NUTS doubled each trajectory until it turned back on itself (a U-turn) or "
                 "its energy error blew up (a divergence, in %1 of the %2 iterations): %3 "
                 "leapfrog steps per iteration on average (tree depth %4)")
                  .arg(formatCount(s.divergences), formatCount(s.draws), steps, depth);
    } else {
        how = tr("No trajectory got as far as a U-turn: every iteration's tree stopped "
                 "growing at a divergence, after %1 leapfrog steps on average (tree depth %2)")
                  .arg(steps, depth);
    }
    return sampler_.adaptStepSize
               ? tr("%1, mean acceptance %2 against the target δ = %3.")
                     .arg(how, formatNumber(s.meanAcceptStat), formatNumber(sampler_.targetAccept))
               : tr("%1, mean acceptance %2.").arg(how, formatNumber(s.meanAcceptStat));
}

QString ExplanationWriter::stepParagraph() const {
    QStringList text;
    QStringList trajectory;  // the algorithm's own paragraph
    const bool nuts = sampler_.algorithm == Algorithm::Nuts;
    const int depth = sampler_.maxDepth;
    if (!in_.sampler) {
        if (sampler_.adaptMetric && lastWindowDraws(sampler_) > 0) {
            text << tr("With metric adaptation on, warmup will learn an inverse metric near "
                       "the posterior variance (sd² = %1), so that the metric, not ε, "
                       "absorbs the posterior's scale.")
                        .arg(formatNumber(in_.exactSd * in_.exactSd));
            text << (floorMatters(in_) ? floorSentence(in_, true)
                                       : tr("ε can then stay near 1, however wide or narrow the "
                                            "posterior is."));
        } else if (sampler_.adaptMetric) {
            text << tr("Warmup is too short to learn a metric (it needs at least 20 "
                       "iterations), so the metric stays 1.")
                 << shrinkSentence();
        } else {
            text << shrinkSentence();
        }
        if (!sampler_.adaptStepSize) {
            text << tr("ε is fixed at %1 (step-size adaptation off).")
                        .arg(formatNumber(sampler_.stepSize));
            if (!sampler_.adaptMetric && sampler_.stepSize > 2.0 * in_.laplaceSd)
                text << unstableSentence();
        }
        trajectory << (nuts
                           ? tr("NUTS will double each trajectory until it turns back on itself (a "
                                "U-turn), up to depth %1.")
                                 .arg(depth)
                           : tr("Static HMC takes exactly L = %1 leapfrog steps of size ε per "
                                "iteration, a fixed trajectory length L·ε, then a Metropolis "
                                "correction accepts or rejects its end point; unlike NUTS it never "
                                "checks for a U-turn.")
                                 .arg(sampler_.leapfrogSteps));
        return paragraph(tr("What the step size will have to do."), text.join(QLatin1Char(' '))) +
               paragraph(tr("Trajectories."), trajectory.join(QLatin1Char(' ')));
    }

    const SamplerSnapshot& s = *in_.sampler;
    if (s.warmup) {
        text << tr("Warmup is still tuning these numbers (iteration %1 of %2).")
                    .arg(formatCount(s.iterations),
                         formatCount(std::max<std::int64_t>(sampler_.warmup, s.iterations)));
    }
    const std::size_t chains = std::min(s.stepSize.size(), s.inverseMetric.size());
    std::vector<double> effective(chains), rootMetric(chains), relative(chains);
    for (std::size_t i = 0; i < chains; ++i) {
        rootMetric[i] = std::sqrt(s.inverseMetric[i]);
        effective[i] = s.stepSize[i] * rootMetric[i];
        relative[i] = effective[i] / in_.exactSd;
    }
    const auto count = static_cast<std::ptrdiff_t>(chains);
    const std::vector<double> eps(s.stepSize.begin(), s.stepSize.begin() + count);
    if (chains > 0) {
        const std::vector<double> metric(s.inverseMetric.begin(), s.inverseMetric.begin() + count);
        const QString numbers = tr("ε = %1 and the inverse metric is %2, so the effective step "
                                   "ε·√(inverse metric) is %3 in units of w, or %4 posterior sds.")
                                    .arg(formatRange(eps), formatRange(metric),
                                         formatRange(effective), formatRange(relative));
        text << (chains > 1 ? tr("Over the %1 chains: %2").arg(chains).arg(numbers) : numbers);
    }
    if (sampler_.adaptMetric) {
        text << metricSentences(in_, s.warmup, eps, rootMetric);
    } else {
        text << shrinkSentence();
    }
    if (!sampler_.adaptStepSize) {
        text << tr("ε is fixed by you (step-size adaptation off).");
    }
    if (chains > 0 && *std::max_element(effective.begin(), effective.end()) > 2.0 * in_.laplaceSd) {
        text << unstableSentence(s.warmup && sampler_.adaptStepSize);
    }
    if (nuts) {
        if (finite(s.meanLeapfrogSteps) && finite(s.meanTreeDepth) && finite(s.meanAcceptStat)) {
            trajectory << nutsSentence(s);
            if (s.meanTreeDepth >= depth - 0.5) {
                trajectory << tr("Trees reach the maximum depth %1: the step is tiny next to the "
                                 "posterior's width.")
                                  .arg(depth);
            }
        }
    } else {
        const int steps = sampler_.leapfrogSteps;
        std::vector<double> length(chains), lengthSds(chains);
        for (std::size_t i = 0; i < chains; ++i) {
            length[i] = steps * effective[i];
            lengthSds[i] = steps * relative[i];
        }
        trajectory << (chains > 0
                           ? tr("Static HMC takes exactly L = %1 leapfrog steps per iteration, a "
                                "fixed trajectory of length L·ε·√(inverse metric) = %2 in w (%3 "
                                "posterior sds), then a Metropolis correction accepts or rejects "
                                "its end point. Unlike NUTS it never checks for a U-turn, so L·ε "
                                "must suit the posterior by hand.")
                                 .arg(QString::number(steps), formatRange(length),
                                      formatRange(lengthSds))
                           : tr("Static HMC takes exactly L = %1 leapfrog steps of size ε per "
                                "iteration, a fixed trajectory length L·ε, then a Metropolis "
                                "correction accepts or rejects its end point; unlike NUTS it never "
                                "checks for a U-turn.")
                                 .arg(steps));
        if (finite(s.meanAcceptStat)) {
            trajectory << tr("Mean acceptance: %1.").arg(formatNumber(s.meanAcceptStat));
        }
    }
    QString html = paragraph(s.warmup ? tr("What the step size and metric are doing.")
                                      : tr("What the step size and metric did."),
                             text.join(QLatin1Char(' ')));
    if (!trajectory.isEmpty())
        html += paragraph(tr("Trajectories."), trajectory.join(QLatin1Char(' ')));
    return html;
}

QString ExplanationWriter::divergenceParagraph() const {
    if (!in_.sampler || in_.sampler->divergences <= 0) return {};
    const SamplerSnapshot& s = *in_.sampler;
    QStringList text;
    text << (s.divergences == 1
                 ? tr("1 iteration in this segment diverged: the energy error along its "
                      "trajectory exceeded %1 (or stopped being finite).")
                       .arg(formatNumber(sampler_.maxDeltaH))
                 : tr("%1 iterations in this segment diverged: the energy error along their "
                      "trajectories exceeded %2 (or stopped being finite).")
                       .arg(formatCount(s.divergences), formatNumber(sampler_.maxDeltaH)));
    text << tr(
        "The leapfrog integrator blew up because the step was too large for the "
        "curvature it met, so draws from there are unreliable.");
    if (s.warmup) {
        text << tr(
            "A few divergences early in warmup, while ε is still being found, are "
            "normal.");
    }
    return paragraph(tr("Divergences."), text.join(QLatin1Char(' ')));
}

QString ExplanationWriter::checkParagraph() const {
    if (!in_.sampler || !in_.sampler->diagnostics) return {};
    const Summary& d = *in_.sampler->diagnostics;
    if (d.draws < 2 || !finite(d.mean) || !finite(d.sd) || !finite(d.essBulk) || d.sd <= 0.0 ||
        d.essBulk <= 0.0)
        return {};
    const double mcse = d.sd / std::sqrt(d.essBulk);
    const double off = std::abs(d.mean - in_.exactMean) / mcse;
    const bool far = off > kConvergenceMcse;
    const QString measured =
        tr("The %1 draws have mean %2 and sd %3, against the exact %4 and %5. With a bulk "
           "effective sample size of %6, the mean's Monte Carlo standard error is "
           "sd/√(bulk ESS) = %7, and the mean is %8 of them from the exact one.")
            .arg(formatCount(static_cast<std::int64_t>(d.draws)), formatNumber(d.mean),
                 formatNumber(d.sd), formatNumber(in_.exactMean), formatNumber(in_.exactSd),
                 formatNumber(d.essBulk), formatNumber(mcse), formatNumber(off));
    const int divergences = in_.sampler->divergences;
    if (divergences > 0) {
        const QString verdict =
            far ? tr("The divergences are the problem: where leapfrog blows up the chains "
                     "cannot go, so the draws miss part of the posterior, and more draws "
                     "will not fix that; a smaller step will.")
                : tr("That looks fine, but the %1 divergences mean the draws cannot be "
                     "trusted: where leapfrog blows up the chains cannot go.")
                      .arg(formatCount(divergences));
        return paragraph(far ? tr("Not converged: divergences.") : tr("Check."),
                         measured + QLatin1Char(' ') + verdict);
    }
    if (far) {
        return paragraph(tr("Not converged yet?"),
                         measured + QLatin1Char(' ') +
                             tr("More than %1 standard errors: the chains may not have "
                                "converged yet.")
                                 .arg(QString::number(kConvergenceMcse)));
    }
    return paragraph(tr("Check."), measured + QLatin1Char(' ') +
                                       tr("Within %1 standard errors, as it should be.")
                                           .arg(QString::number(kConvergenceMcse)));
}

}  // namespace couplinglab::ui::explanation
