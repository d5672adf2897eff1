#pragma once

// The explanation's writer, shared by the two files that write its paragraphs: the data, model
// and posterior (explanation.cpp) and the sampler's step, divergences and check
// (explanation_sampler.cpp). Only those include this.

#include <QCoreApplication>
#include <QString>
#include <cmath>
#include <cstdint>

#include "ui/explanation/explanation.h"

namespace couplinglab::ui::explanation {

// The formulas' signs keep to their operands: a no-break space around them, as between digit
// groups (ui/support/number_format.h formats the numbers themselves).
inline const QChar kMinus = kTypographicMinus;
inline const QChar kNoBreakSpace = kDigitGroupSeparator;

// Thresholds of the text's judgements.
inline constexpr double kNearSds = 3.0;  // "w near the expected value": within 3 posterior sds
inline constexpr double kConvergenceMcse =
    4.0;  // the mean further than this many MCSEs: not converged
inline constexpr double kHairPriorSds = 0.1;  // a shift below this many prior sds is "a hair"
inline constexpr double kSmallNoise = 0.05;   // C/N's noise 1/√N counts as small (N ≥ 400)

inline bool finite(double value) {
    return std::isfinite(value);
}

inline QString paragraph(const QString& lead, const QString& body) {
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

    QString html() const;

  private:
    // The data, the model and the posterior (explanation.cpp).
    QString lessonBox() const;

    QString pairs() const { return formatCount(static_cast<std::int64_t>(in_.statistic.pairs)); }

    QString dataParagraph() const;

    // log p(w) with the numbers, e.g. "−(w − 0)²/(2·1²) + 98·w − 10 000·log(4 cosh w)".
    QString formula() const;

    QString modelParagraphs() const;

    // Whether the posterior puts w where the student expects it: near 0 for independent bits,
    // near the true coupling otherwise.
    QString expectationSentence() const;

    // The correct model's width, 1/√(N(1 − (C/N)²)), ignoring the prior.
    double boltzmannWidth() const { return 1.0 / std::sqrt(n_ * (1.0 - ratio_ * ratio_)); }

    // The answer (moments and the verdict on the student's expectation), then the reason.
    QString posteriorParagraphs() const;

    // The sampler: step size, trajectories, divergences, the check (explanation_sampler.cpp).
    QString shrinkSentence() const;

    // `adapting`: warmup is still tuning ε, which will bring the step down.
    QString unstableSentence(bool adapting = false) const;

    // How NUTS's trees ended: at a U-turn, or (some or all of them) at a divergence.
    QString nutsSentence(const SamplerSnapshot& s) const;

    QString stepParagraph() const;

    QString divergenceParagraph() const;

    // The draws' mean against the exact one, in Monte Carlo standard errors sd/√(bulk ESS):
    // autocorrelated draws carry less information than their count says, so sd/√draws would
    // call a well-mixed but sticky chain unconverged. Divergences bias the draws whatever their
    // number, so they are named as the problem whenever there are any.
    QString checkParagraph() const;

    const ExplanationInput& in_;
    const ModelSpec& model_;
    const SamplerSettings& sampler_;
    double n_;
    double c_;
    double ratio_;
    bool boltzmann_;
    bool divided_;
};

}  // namespace couplinglab::ui::explanation
