#pragma once

// The live numbers a lesson's text may show: "{C}" in a step's explanation or reveal becomes
// the value of C for the step's data, formatted as the explanation panel formats numbers;
// "{{" and "}}" stand for literal braces.

#include <QString>
#include <QStringList>
#include <optional>

#include "ui/explanation/explanation.h"

namespace couplinglab::ui {

// N, C, C/N, W, priorMean, priorSd, exactMean, exactSd, sampleMean, sampleSd, stepSize,
// inverseMetric, effectiveStep, treeDepth, leapfrogSteps, acceptStat, divergences, draws.
const QStringList& lessonPlaceholderNames();

// The first problem of `text`'s placeholders ("unknown placeholder {X} (expected …)",
// "unmatched {"), or nullopt.
std::optional<QString> placeholderProblem(const QString& text);

// `text` with every placeholder replaced by its number for `input` ("n/a" before the sampler
// has it); `text` as it is when its placeholders have a problem. The numbers hold no HTML
// characters, so the result is plain text or HTML as `text` was.
QString fillPlaceholders(const QString& text, const ExplanationInput& input);

struct LessonStep;
// The step's paragraph in the explanation panel's lesson box: its explanation, and once
// `revealed` its answer ("Answer. …"); HTML, placeholders not yet filled.
QString lessonNoteHtml(const LessonStep& step, bool revealed);

}  // namespace couplinglab::ui
