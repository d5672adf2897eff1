#pragma once

#include <QString>
#include <vector>

#include "core/sampler_settings.h"
#include "ui/explanation/explanation.h"

// Pieces of the explanation about the metric, shared by its paragraphs
// (ui/explanation/explanation.cpp and explanation_sampler.cpp).
namespace couplinglab::ui::explanation {

// "0.5" for equal values, else "0.4 to 0.6"; "n/a" for none.
QString formatRange(const std::vector<double>& values);

// The draws of warmup's last slow window, whose regularised variance becomes the metric
// sampling uses; 0 when warmup is too short to have one.
int lastWindowDraws(const SamplerSettings& sampler);

// Whether Stan's regularisation of the metric, not the posterior's variance, sets the metric,
// so that ε must shrink below "near 1" (exact Boltzmann from about N = 10⁵).
bool floorMatters(const ExplanationInput& in);

// Why: the regularisation against the posterior variance. `predicted`: before sampling or
// during warmup, what will happen; else what did, with the chains' `eps`.
QString floorSentence(const ExplanationInput& in, bool predicted,
                      const std::vector<double>& eps = {});

// What the adapted metric does (or did) with the posterior's scale.
QString metricSentences(const ExplanationInput& in, bool warmup, const std::vector<double>& eps,
                        const std::vector<double>& rootMetric);

}  // namespace couplinglab::ui::explanation
