#pragma once

#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/bit_data.h"
#include "core/diagnostics.h"
#include "core/run_settings.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

// The sampler's live numbers for the explanation; absent before the first iteration.
struct SamplerSnapshot {
    bool warmup = true;                 // still adapting?
    std::int64_t iterations = 0;        // per chain so far in the current segment
    std::int64_t draws = 0;             // post-warmup draws in the current segment, all chains
    double sampleMean = 0.0;            // of those draws (NaN if fewer than 2)
    double sampleSd = 0.0;              // of those draws (NaN if fewer than 2)
    std::vector<double> stepSize;       // per chain, current epsilon
    std::vector<double> inverseMetric;  // per chain
    // Over the segment's post-warmup draws (NaN if none).
    double meanTreeDepth = 0.0;
    double meanLeapfrogSteps = 0.0;
    double meanAcceptStat = 0.0;
    int divergences = 0;  // post-warmup, in the segment
    // The diagnostics' latest summary of the segment's post-warmup draws (it lags the live
    // numbers above by up to a quarter of the draws): the check compares its mean with the
    // exact one in Monte Carlo standard errors from its bulk ESS. Absent until computed.
    std::optional<Summary> diagnostics;
};

struct ExplanationInput {
    RunSettings settings;
    SufficientStatistic statistic;
    double exactMean = 0.0;  // from ExactPosterior
    double exactSd = 1.0;
    double laplaceSd = 1.0;
    std::optional<SamplerSnapshot> sampler;
    // A lesson step's paragraph, shown first in a highlighted box. Plain text, or an
    // HTML fragment when Qt::mightBeRichText() says so. May be empty.
    QString lessonNote;
    // A lesson step before Reveal: leaves out the verdict paragraphs ("What the posterior
    // must be", "Why" and "Check"), so that the class predicts before it is told.
    bool hideVerdict = false;
};

// Fills exactMean, exactSd and laplaceSd from the ExactPosterior of the settings' model.
ExplanationInput makeExplanationInput(const RunSettings& settings,
                                      const SufficientStatistic& statistic,
                                      std::optional<SamplerSnapshot> sampler = std::nullopt,
                                      const QString& lessonNote = {});

// The explanation as HTML for a QTextBrowser: what the data are, what is being sampled, what the
// posterior must be and why, and what the step size and metric did, with the input's numbers.
QString explanationHtml(const ExplanationInput& input);

}  // namespace couplinglab::ui
