#include "ui/settings/settings_diff.h"

#include <QStringList>

#include "ui/support/number_format.h"

namespace couplinglab::ui {
namespace {

QString number(double value) {
    return QString::number(value, 'g', 4);
}
QString onOff(bool value) {
    return value ? QStringLiteral("on") : QStringLiteral("off");
}

void describeData(const DataSpec& a, const DataSpec& b, QStringList& parts) {
    if (a.pairs != b.pairs)
        parts << QStringLiteral("N = %1").arg(formatCount(static_cast<std::int64_t>(b.pairs)));
    if (a.coupling != b.coupling) parts << QStringLiteral("W = %1").arg(number(b.coupling));
    if (a.seed != b.seed) parts << QStringLiteral("data seed %1").arg(b.seed);
}

void describeModel(const ModelSpec& a, const ModelSpec& b, QStringList& parts) {
    if (a.likelihood != b.likelihood) {
        parts << (b.likelihood == Likelihood::ExactBoltzmann
                      ? QStringLiteral("likelihood: exact Boltzmann")
                      : QStringLiteral("likelihood: potential only"));
    }
    if (a.divideByN != b.divideByN)
        parts << QStringLiteral("divide by N: %1").arg(onOff(b.divideByN));
    if (a.priorMean != b.priorMean || a.priorSd != b.priorSd) {
        parts << QStringLiteral("prior N(%1, %2)").arg(number(b.priorMean), number(b.priorSd));
    }
}

void describeSampler(const SamplerSettings& a, const SamplerSettings& b, QStringList& parts) {
    if (a.algorithm != b.algorithm ||
        (b.algorithm == Algorithm::StaticHmc && a.leapfrogSteps != b.leapfrogSteps)) {
        parts << (b.algorithm == Algorithm::Nuts
                      ? QStringLiteral("NUTS")
                      : QStringLiteral("static HMC, L = %1").arg(b.leapfrogSteps));
    }
    if (a.adaptStepSize != b.adaptStepSize || (!b.adaptStepSize && a.stepSize != b.stepSize)) {
        parts << (b.adaptStepSize ? QStringLiteral("step size adapted")
                                  : QStringLiteral("ε = %1").arg(number(b.stepSize)));
    }
    if (b.adaptStepSize && a.targetAccept != b.targetAccept)
        parts << QStringLiteral("δ = %1").arg(number(b.targetAccept));
    if (a.adaptMetric != b.adaptMetric)
        parts << QStringLiteral("metric adaptation: %1").arg(onOff(b.adaptMetric));
    if (a.maxDepth != b.maxDepth) parts << QStringLiteral("max depth %1").arg(b.maxDepth);
    if (a.warmup != b.warmup) parts << QStringLiteral("warmup %1").arg(b.warmup);
    if (a.draws != b.draws) parts << QStringLiteral("draws %1").arg(b.draws);
}

SamplerSettings withoutResetSettings(SamplerSettings s) {
    s.chains = 0;
    s.seed = 0;
    return s;
}

}  // namespace

QString describeChange(const RunSettings& before, const RunSettings& after) {
    QStringList parts;
    describeData(before.data, after.data, parts);
    describeModel(before.model, after.model, parts);
    describeSampler(before.sampler, after.sampler, parts);
    return parts.join(QStringLiteral(", "));
}

bool onlyResetSettingsDiffer(const RunSettings& before, const RunSettings& after) {
    return before.data == after.data && before.model == after.model &&
           withoutResetSettings(before.sampler) == withoutResetSettings(after.sampler) &&
           !(before.sampler == after.sampler);
}

}  // namespace couplinglab::ui
