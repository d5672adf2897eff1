#include "ui/explanation/explanation.h"

#include <QStringList>
#include <QTextDocument>
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "core/exact_posterior.h"
#include "ui/explanation/explanation_metric.h"
#include "ui/explanation/explanation_writer.h"

// What the data are, what is being sampled and what the posterior must be; the sampler's
// paragraphs are in explanation_sampler.cpp.
namespace couplinglab::ui {
namespace explanation {

QString ExplanationWriter::html() const {
    QString html = QStringLiteral("<html><body>\n");
    html += lessonBox();
    html += dataParagraph();
    html += modelParagraphs();
    if (!in_.hideVerdict) html += posteriorParagraphs();
    html += stepParagraph();
    html += divergenceParagraph();
    if (!in_.hideVerdict) html += checkParagraph();
    html += QStringLiteral("</body></html>\n");
    return html;
}

QString ExplanationWriter::lessonBox() const {
    const QString note = in_.lessonNote.trimmed();
    if (note.isEmpty()) return {};
    const QString body = Qt::mightBeRichText(note) ? note : note.toHtmlEscaped();
    return QStringLiteral(
               "<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"10\" "
               "bgcolor=\"#fff4cc\" style=\"border-style: solid; border-color: #d8b64c;\">"
               "<tr><td style=\"color: #2b2b2b;\">%1</td></tr></table>\n")
        .arg(body);
}

QString ExplanationWriter::dataParagraph() const {
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

QString ExplanationWriter::formula() const {
    // A line may break before an operator, never after it or inside the prior's bracket.
    const QString minus = QStringLiteral(" ") + kMinus + kNoBreakSpace;
    const QString plus = QStringLiteral(" +") + kNoBreakSpace;
    const QString bracketMinus = QString(kNoBreakSpace) + kMinus + kNoBreakSpace;
    const QString bracketPlus = kNoBreakSpace + QStringLiteral("+") + kNoBreakSpace;
    const double mu = model_.priorMean;
    QString sigma = formatCompact(model_.priorSd);
    if (sigma.contains(QChar(0x00D7))) sigma = QStringLiteral("(") + sigma + QStringLiteral(")");
    QString f = QStringLiteral("log&nbsp;p(w) = ") + kMinus + QStringLiteral("(w") +
                (mu < 0.0 ? bracketPlus : bracketMinus) + formatCompact(std::abs(mu)) +
                QStringLiteral(")²/(2·") + sigma + QStringLiteral("²)");
    const QString absC = formatCount(std::abs(in_.statistic.c));
    const bool negative = in_.statistic.c < 0;
    const QString logZ = pairs() + QStringLiteral("·log(4&nbsp;cosh&nbsp;w)");
    if (boltzmann_ && divided_) {
        f += plus + QStringLiteral("(1/") + pairs() + QStringLiteral(")·[") +
             (negative ? QString(kMinus) : QString()) + absC + QStringLiteral("·w") + minus + logZ +
             QStringLiteral("]");
    } else {
        f += negative ? minus : plus;
        f += divided_ ? QStringLiteral("(") + absC + QStringLiteral("/") + pairs() +
                            QStringLiteral(")·w")
                      : absC + QStringLiteral("·w");
        if (boltzmann_) f += minus + logZ;
    }
    return f + plus + QStringLiteral("const");
}

QString ExplanationWriter::modelParagraphs() const {
    const QString prior =
        tr("Normal(%1, %2)").arg(formatCompact(model_.priorMean), formatCompact(model_.priorSd));
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

QString ExplanationWriter::expectationSentence() const {
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

QString ExplanationWriter::posteriorParagraphs() const {
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

}  // namespace explanation

ExplanationInput makeExplanationInput(const RunSettings& settings,
                                      const SufficientStatistic& statistic,
                                      std::optional<SamplerSnapshot> sampler,
                                      const QString& lessonNote) {
    const ExactPosterior exact(settings.model, statistic);
    ExplanationInput input;
    input.settings = settings;
    input.statistic = statistic;
    input.exactMean = exact.mean();
    input.exactSd = exact.sd();
    input.laplaceSd = exact.laplaceSd();
    input.sampler = std::move(sampler);
    input.lessonNote = lessonNote;
    return input;
}

QString explanationHtml(const ExplanationInput& input) {
    return explanation::ExplanationWriter(input).html();
}

}  // namespace couplinglab::ui
