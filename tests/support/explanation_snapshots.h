#pragma once

// Sampler snapshots and the reader's view of the explanation, shared by the explanation tests.
#include <QString>
#include <QTextDocument>
#include <cmath>
#include <limits>

#include "ui/explanation/explanation.h"

namespace couplinglab::ui::testing {

// Four chains after warmup (2000 iterations, 4000 draws), every chain tuned alike; the
// diagnostics summarise the same draws with the given bulk ESS.
inline SamplerSnapshot tunedSnapshot(double stepSize, double inverseMetric, double mean, double sd,
                                     double essBulk = 1600.0, int divergences = 0) {
    SamplerSnapshot s;
    s.warmup = false;
    s.iterations = 2000;
    s.draws = 4000;
    s.sampleMean = mean;
    s.sampleSd = sd;
    s.stepSize.assign(4, stepSize);
    s.inverseMetric.assign(4, inverseMetric);
    s.meanTreeDepth = 1.6;
    s.meanLeapfrogSteps = 3.1;
    s.meanAcceptStat = 0.86;
    s.divergences = divergences;
    s.diagnostics = Summary{mean, sd, sd / std::sqrt(essBulk), essBulk, essBulk, 1.001, 4000};
    return s;
}

// Four chains 120 iterations into warmup: no draws yet.
inline SamplerSnapshot warmupSnapshot(double stepSize, double inverseMetric) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    SamplerSnapshot s;
    s.warmup = true;
    s.iterations = 120;
    s.draws = 0;
    s.sampleMean = kNaN;
    s.sampleSd = kNaN;
    s.stepSize.assign(4, stepSize);
    s.inverseMetric.assign(4, inverseMetric);
    s.meanTreeDepth = kNaN;
    s.meanLeapfrogSteps = kNaN;
    s.meanAcceptStat = kNaN;
    return s;
}

// What a reader sees: the document's plain text, with no-break spaces made ordinary.
inline QString plainText(const QString& html) {
    QTextDocument document;
    document.setHtml(html);
    QString text = document.toPlainText();
    text.replace(QChar::Nbsp, QLatin1Char(' '));
    return text;
}

}  // namespace couplinglab::ui::testing
