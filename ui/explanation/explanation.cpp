#include "ui/explanation/explanation.h"

#include "ui/explanation/explanation_metric.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextDocument>
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "core/exact_posterior.h"

namespace couplinglab::ui {
namespace {

using namespace explanation;

const QChar kMinus(0x2212);
// No-break space between digit groups and around "×": Qt breaks lines at U+202F, not here.
const QChar kNoBreakSpace(0x00A0);

// Thresholds of the text's judgements.
constexpr double kNearSds = 3.0;          // "w near the expected value": within 3 posterior sds
constexpr double kConvergenceMcse = 4.0;  // the mean further than this many MCSEs: not converged
constexpr double kHairPriorSds = 0.1;     // a shift below this many prior sds is "a hair"
constexpr double kSmallNoise = 0.05;      // C/N's noise 1/√N counts as small (N ≥ 400)

bool finite(double value) {
    return std::isfinite(value);
}

QString paragraph(const QString& lead, const QString& body) {
    return QStringLiteral("<p style=\"line-height: 125%;\"><b>%1</b> %2</p>\n").arg(lead, body);
}

// Builds the text. The translation context is "Explanation".
class ExplanationWriter {
    Q_DECLARE_TR_FUNCTIONS(Explanation)

  public:
    explicit ExplanationWriter(const ExplanationInput& input)
        : in_(input),
          model_(input.settings.model),
          sampler_(input.settings.sampler),
          n_(static_cast<double>(input.statistic.pairs)),
          c_(static_cast<double>(input.statistic.c)),
          ratio_(input.statistic.cOverN()),
          boltzmann_(input.settings.model.likelihood == Likelihood::ExactBoltzmann),
          divided_(input.settings.model.divideByN) {}

    QString html() const {
        QString html = QStringLiteral("<html><body>\n");
        html += presetBox();
        html += dataParagraph();
        html += modelParagraphs();
        if (!in_.hideVerdict) html += posteriorParagraphs();
        html += stepParagraph();
        html += divergenceParagraph();
        if (!in_.hideVerdict) html += checkParagraph();
        html += QStringLiteral("</body></html>\n");
        return html;
    }

  private:
    QString presetBox() const {
        const QString note = in_.presetNote.trimmed();
        if (note.isEmpty()) return {};
        const QString body = Qt::mightBeRichText(note) ? note : note.toHtmlEscaped();
        return QStringLiteral(
                   "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"10\" "
                   "bgcolor=\"#fff4cc\" style=\"border-style: solid; border-color: #d8b64c;\">"
                   "<tr><td style=\"color: #2b2b2b;\">%1</td></tr></table>\n")
            .arg(body);
    }

    QString pairs() const { return formatCount(static_cast<std::int64_t>(in_.statistic.pairs)); }

    QString dataParagraph() const {
        const SufficientStatistic& s = in_.statistic;
        const double sqrtN = std::sqrt(n_);
        QStringList text;
        text << tr("N = %1 pairs of bits, of which %2 (%3%) agree, so "
                   "C = Σ s<sub>x</sub>·s<sub>y</sub> = %4 (agreeing minus disagreeing pairs) "
                   "and C/N = %5.")
                    .arg(pairs(), formatCount(static_cast<std::int64_t>(s.agreements())),
                         formatNumber(100.0 * s.agreementFraction()), formatCount(s.c),
                         formatNumber(ratio_));
        // C/N's noise, 1/√N, is only negligible for a few hundred pairs or more.
        text << (1.0 / sqrtN <= kSmallNoise
                     ? tr("For independent bits C is a sum of N random ±1 terms, of order "
                          "±√N&nbsp;=&nbsp;±%1, so C/N is of order ±1/√N&nbsp;=&nbsp;±%2, "
                          "small; a true coupling W makes C/N&nbsp;≈&nbsp;tanh&nbsp;W.")
                     : tr("For independent bits C is a sum of N random ±1 terms, of order "
                          "±√N&nbsp;=&nbsp;±%1, so C/N is of order ±1/√N&nbsp;=&nbsp;±%2: with "
                          "so few pairs that is not small, and independent bits can look "
                          "coupled. A true coupling W makes C/N&nbsp;≈&nbsp;tanh&nbsp;W."))
                    .arg(formatNumber(sqrtN), formatNumber(1.0 / sqrtN));
        const double coupling = in_.settings.data.coupling;
        if (coupling == 0.0) {
            const double noise = sqrtN > 0.0 ? c_ / sqrtN : 0.0;
            text << (std::abs(noise) <= kNearSds
                         ? tr("These bits are independent (W = 0), and C = %1·√N is just such "
                              "noise.")
                         : tr("These bits are independent (W = 0); C = %1·√N is an unusually "
                              "large draw of that noise."))
                        .arg(formatNumber(noise));
        } else {
            text << tr("These bits were generated with a true coupling W = %1, for which tanh W = "
                       "%2.")
                        .arg(formatNumber(coupling), formatNumber(std::tanh(coupling)));
        }
        return paragraph(tr("The data."), text.join(QLatin1Char(' ')));
    }

    // log p(w) with the numbers, e.g. "−(w − 0)²/(2·1²) + 98·w − 10 000·log(4 cosh w)".
    QString formula() const {
        // A line may break before an operator, never after it or inside the prior's bracket.
        const QString minus = QStringLiteral(" ") + kMinus + kNoBreakSpace;
        const QString plus = QStringLiteral(" +") + kNoBreakSpace;
        const QString bracketMinus = QString(kNoBreakSpace) + kMinus + kNoBreakSpace;
        const QString bracketPlus = kNoBreakSpace + QStringLiteral("+") + kNoBreakSpace;
        const double mu = model_.priorMean;
        QString sigma = formatCompact(model_.priorSd);
        if (sigma.contains(QChar(0x00D7)))
            sigma = QStringLiteral("(") + sigma + QStringLiteral(")");
        QString f = QStringLiteral("log&nbsp;p(w) = ") + kMinus + QStringLiteral("(w") +
                    (mu < 0.0 ? bracketPlus : bracketMinus) + formatCompact(std::abs(mu)) +
                    QStringLiteral(")²/(2·") + sigma + QStringLiteral("²)");
        const QString absC = formatCount(std::abs(in_.statistic.c));
        const bool negative = in_.statistic.c < 0;
        const QString logZ = pairs() + QStringLiteral("·log(4&nbsp;cosh&nbsp;w)");
        if (boltzmann_ && divided_) {
            f += plus + QStringLiteral("(1/") + pairs() + QStringLiteral(")·[") +
                 (negative ? QString(kMinus) : QString()) + absC + QStringLiteral("·w") + minus +
                 logZ + QStringLiteral("]");
        } else {
            f += negative ? minus : plus;
            f += divided_ ? QStringLiteral("(") + absC + QStringLiteral("/") + pairs() +
                                QStringLiteral(")·w")
                          : absC + QStringLiteral("·w");
            if (boltzmann_) f += minus + logZ;
        }
        return f + plus + QStringLiteral("const");
    }

    QString modelParagraphs() const {
        const QString prior =
            tr("Normal(%1, %2)")
                .arg(formatCompact(model_.priorMean), formatCompact(model_.priorSd));
        QString text;
        if (!boltzmann_ && !divided_) {
            text = tr("The prior %1 plus the potential w·C, and nothing else:").arg(prior);
        } else if (!boltzmann_) {
            text = tr("The prior %1 plus the potential w·C multiplied by 1/N:").arg(prior);
        } else if (!divided_) {
            text = tr("The prior %1 plus the potential w·C and its normalising constant, "
                      "−N·log&nbsp;Z(w):")
                       .arg(prior);
        } else {
            text = tr("The prior %1 plus the exact Boltzmann log-likelihood multiplied by 1/N:")
                       .arg(prior);
        }
        return paragraph(tr("What is being sampled."), text) +
               QStringLiteral("<p style=\"margin-left: 20px; line-height: 125%;\">%1</p>\n")
                   .arg(formula());
    }

    // Whether the posterior puts w where the student expects it: near 0 for independent bits,
    // near the true coupling otherwise.
    QString expectationSentence() const {
        const double coupling = in_.settings.data.coupling;
        const double sds = std::abs(in_.exactMean - coupling) / in_.exactSd;
        const bool met = sds <= kNearSds;
        QString text;
        if (coupling == 0.0) {
            text = (met ? tr("You expected w near 0 for independent bits: <b>met</b>, 0 lies "
                             "%1 posterior sds from the mean.")
                        : tr("You expected w near 0 for independent bits: <b>not met</b>, 0 "
                             "lies %1 posterior sds from the mean."))
                       .arg(formatNumber(sds));
        } else {
            text = (met ? tr("The true coupling W = %1 is <b>recovered</b>: it lies %2 "
                             "posterior sds from the mean.")
                        : tr("The true coupling W = %1 is <b>not recovered</b>: it lies %2 "
                             "posterior sds from the mean."))
                       .arg(formatNumber(coupling), formatNumber(sds));
        }
        if (met && divided_ && in_.exactSd >= 0.2) {
            text += QLatin1Char(' ') +
                    tr("But only because the posterior is so wide (sd %1): it could hardly tell a "
                       "coupling from none.")
                        .arg(formatNumber(in_.exactSd));
        }
        return text;
    }

    // The correct model's width, 1/√(N(1 − (C/N)²)), ignoring the prior.
    double boltzmannWidth() const { return 1.0 / std::sqrt(n_ * (1.0 - ratio_ * ratio_)); }

    // The answer (moments and the verdict on the student's expectation), then the reason.
    QString posteriorParagraphs() const {
        const QString mean = formatNumber(in_.exactMean);
        const QString sd = formatNumber(in_.exactSd);
        const bool saturated = std::abs(ratio_) >= 1.0;  // every pair agrees, or every pair differs
        QStringList answer;
        QStringList why;
        if (!boltzmann_ && !divided_) {
            answer << tr("A Gaussian with mean μ<sub>0</sub> + σ<sub>0</sub>²·C = %1 and sd "
                         "σ<sub>0</sub> = %2.")
                          .arg(mean, sd);
            answer << expectationSentence();
            if (in_.statistic.c == 0) {
                why << tr(
                    "w·C is an energy without its normalising constant. Here C = 0, so it "
                    "is flat and the posterior is the prior; any other C would drag w away "
                    "without limit.");
            } else {
                why << tr(
                    "w·C is an energy without its normalising constant. Each pair adds a "
                    "constant ±1 to the slope of log p, whatever w is, so the likelihood "
                    "e<sup>w·C</sup> grows without bound in the direction of C and only "
                    "the prior holds w back.");
            }
            why << tr(
                "The sampler is right; the model is wrong: the exact Boltzmann likelihood "
                "adds the missing term −N·log&nbsp;Z(w).");
        } else if (!boltzmann_) {
            const double shift = std::abs(in_.exactMean - model_.priorMean) / model_.priorSd;
            answer << (shift < kHairPriorSds
                           ? tr("A Gaussian with mean μ<sub>0</sub> + σ<sub>0</sub>²·C/N = %1 and "
                                "sd σ<sub>0</sub> = %2: the prior, moved a hair.")
                                 .arg(mean, sd)
                           : tr("A Gaussian with mean μ<sub>0</sub> + σ<sub>0</sub>²·C/N = %1 and "
                                "sd σ<sub>0</sub> = %2: the prior, moved by %3 of its sds.")
                                 .arg(mean, sd, formatNumber(shift)));
            answer << expectationSentence();
            why << tr("Dividing by N does not add the missing normalising constant; it makes all "
                      "%1 pairs together count as one observation. Even a strong true coupling "
                      "could move the mean by at most σ<sub>0</sub>² = %2 (|C/N| ≤ 1), and the "
                      "sd stays σ<sub>0</sub> however many pairs you collect.")
                       .arg(pairs(), formatNumber(model_.priorSd * model_.priorSd));
        } else if (!divided_) {
            answer << tr("Exact posterior: mean %1, sd %2.").arg(mean, sd);
            answer << expectationSentence();
            answer << tr("This is the correct model.");
            why << tr(
                "Each pair is an observation with p(x, y | w) = "
                "exp(w·s<sub>x</sub>·s<sub>y</sub>)/Z(w), where "
                "Z(w) = 4&nbsp;cosh&nbsp;w sums e<sup>w·a·b</sup> over the four possible "
                "pairs.");
            if (saturated) {
                why << tr(
                    "Every pair here has the same s<sub>x</sub>·s<sub>y</sub>, so the "
                    "likelihood keeps rising in the direction of C and has no peak: only "
                    "the prior stops w.");
            } else {
                why << tr("With Z, a pair pushes w by "
                          "s<sub>x</sub>·s<sub>y</sub>&nbsp;−&nbsp;tanh&nbsp;w, so "
                          "the pushes balance where tanh w = C/N: the posterior concentrates "
                          "near atanh(C/N) = %1, with sd ≈ 1/√(N(1 − (C/N)²)) = %2. It recovers "
                          "a true coupling too, and its sd shrinks like 1/√N.")
                           .arg(formatNumber(std::atanh(ratio_)), formatNumber(boltzmannWidth()));
            }
        } else {
            answer << tr("A tempered posterior with exact mean %1 and sd %2.").arg(mean, sd);
            answer << expectationSentence();
            why << tr(
                "Dividing the exact log-likelihood by N raises the likelihood to the power "
                "1/N, so it holds the information of a single pair.");
            why << (saturated ? tr("Its sd will not shrink however many pairs you collect.")
                              : tr("Its sd will not shrink however many pairs you collect; "
                                   "without dividing it would be about %1.")
                                    .arg(formatNumber(boltzmannWidth())));
        }
        return paragraph(tr("What the posterior must be."), answer.join(QLatin1Char(' '))) +
               paragraph(tr("Why."), why.join(QLatin1Char(' ')));
    }

    QString shrinkSentence() const {
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

    // `adapting`: warmup is still tuning ε, which will bring the step down.
    QString unstableSentence(bool adapting = false) const {
        return (adapting ? tr("An effective step beyond 2 sds (%1) makes leapfrog unstable here: "
                              "expect divergences until the adaptation brings it down.")
                         : tr("An effective step beyond 2 sds (%1) makes leapfrog unstable here: "
                              "expect divergences and chains that stick for long stretches."))
            .arg(formatNumber(2.0 * in_.laplaceSd));
    }

    // How NUTS's trees ended: at a U-turn, or (some or all of them) at a divergence.
    QString nutsSentence(const SamplerSnapshot& s) const {
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
                         .arg(how, formatNumber(s.meanAcceptStat),
                              formatNumber(sampler_.targetAccept))
                   : tr("%1, mean acceptance %2.").arg(how, formatNumber(s.meanAcceptStat));
    }

    QString stepParagraph() const {
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
                text << (floorMatters(in_)
                             ? floorSentence(in_, true)
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
            trajectory
                << (nuts ? tr("NUTS will double each trajectory until it turns back on itself (a "
                              "U-turn), up to depth %1.")
                               .arg(depth)
                         : tr("Static HMC takes exactly L = %1 leapfrog steps of size ε per "
                              "iteration, a fixed trajectory length L·ε, then a Metropolis "
                              "correction accepts or rejects its end point; unlike NUTS it never "
                              "checks for a U-turn.")
                               .arg(sampler_.leapfrogSteps));
            return paragraph(tr("What the step size will have to do."),
                             text.join(QLatin1Char(' '))) +
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
            const std::vector<double> metric(s.inverseMetric.begin(),
                                             s.inverseMetric.begin() + count);
            const QString numbers =
                tr("ε = %1 and the inverse metric is %2, so the effective step "
                   "ε·√(inverse metric) is %3 in units of w, or %4 posterior sds.")
                    .arg(formatRange(eps), formatRange(metric), formatRange(effective),
                         formatRange(relative));
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
        if (chains > 0 &&
            *std::max_element(effective.begin(), effective.end()) > 2.0 * in_.laplaceSd) {
            text << unstableSentence(s.warmup && sampler_.adaptStepSize);
        }
        if (nuts) {
            if (finite(s.meanLeapfrogSteps) && finite(s.meanTreeDepth) &&
                finite(s.meanAcceptStat)) {
                trajectory << nutsSentence(s);
                if (s.meanTreeDepth >= depth - 0.5) {
                    trajectory
                        << tr("Trees reach the maximum depth %1: the step is tiny next to the "
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
            trajectory
                << (chains > 0
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

    QString divergenceParagraph() const {
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

    // The draws' mean against the exact one, in Monte Carlo standard errors sd/√(bulk ESS):
    // autocorrelated draws carry less information than their count says, so sd/√draws would
    // call a well-mixed but sticky chain unconverged. Divergences bias the draws whatever their
    // number, so they are named as the problem whenever there are any.
    QString checkParagraph() const {
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

    const ExplanationInput& in_;
    const ModelSpec& model_;
    const SamplerSettings& sampler_;
    double n_;
    double c_;
    double ratio_;
    bool boltzmann_;
    bool divided_;
};

}  // namespace

ExplanationInput makeExplanationInput(const RunSettings& settings,
                                      const SufficientStatistic& statistic,
                                      std::optional<SamplerSnapshot> sampler,
                                      const QString& presetNote) {
    const ExactPosterior exact(settings.model, statistic);
    ExplanationInput input;
    input.settings = settings;
    input.statistic = statistic;
    input.exactMean = exact.mean();
    input.exactSd = exact.sd();
    input.laplaceSd = exact.laplaceSd();
    input.sampler = std::move(sampler);
    input.presetNote = presetNote;
    return input;
}

QString explanationHtml(const ExplanationInput& input) {
    return ExplanationWriter(input).html();
}

}  // namespace couplinglab::ui
