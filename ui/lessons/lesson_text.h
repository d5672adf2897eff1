#pragma once

// The live numbers a lesson's text may show: "{C}" in a step's explanation or reveal becomes
// the value of C for the step's data, formatted as the explanation panel formats numbers;
// "{{" and "}}" stand for literal braces.

#include <QString>
#include <QStringList>
#include <optional>

#include "core/metric_geometry.h"
#include "ui/explanation/explanation.h"

namespace couplinglab::ui {

// N, C, C/N, W, priorMean, priorSd, exactMean, exactSd, sampleMean, sampleSd, stepSize,
// inverseMetric, effectiveStep, treeDepth, leapfrogSteps, acceptStat, divergences, draws; and
// for the Boltzmann machine tab kappa, narrowestWidth, widestWidth (in the metric's units),
// correlation (of the picked pair) and parameters.
const QStringList& lessonPlaceholderNames();

// The first problem of `text`'s placeholders ("unknown placeholder {X} (expected …)",
// "unmatched {"), or nullopt.
std::optional<QString> placeholderProblem(const QString& text);

// `text` with every placeholder replaced by its number for `input` ("n/a" before the sampler
// has it); `text` as it is when its placeholders have a problem. The numbers hold no HTML
// characters, so the result is plain text or HTML as `text` was.
QString fillPlaceholders(const QString& text, const ExplanationInput& input);

struct MachineRunOutcome;
// The same for a step on the Boltzmann machine tab, from its finished run (n/a before one):
// stepSize, leapfrogSteps, treeDepth, divergences, draws and the machine's own names; the live
// run's names are n/a there. `x` and `y` are the picked pair.
QString fillMachinePlaceholders(const QString& text, const MachineRunOutcome* outcome,
                                const MetricGeometry& geometry, int x, int y);

struct LessonStep;
// The step's paragraph in the explanation panel's lesson box: its explanation, and once
// `revealed` its answer ("Answer. …"); HTML, placeholders not yet filled.
QString lessonNoteHtml(const LessonStep& step, bool revealed);

}  // namespace couplinglab::ui
