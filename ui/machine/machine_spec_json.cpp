#include "ui/machine/machine_spec_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace couplinglab::ui {
namespace {

QJsonArray array(const std::vector<double>& values) {
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

QString latin1(std::string_view text) {
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

}  // namespace

QString machineSpecJson(const MachineRunSpec& spec) {
    // QJsonObject sorts its keys; the order of a written object does not matter to a reader.
    QJsonObject o;
    o.insert(QStringLiteral("units"), spec.data.units);
    o.insert(QStringLiteral("biases"), spec.biases);
    o.insert(QStringLiteral("trueCouplings"), array(spec.data.couplings));
    o.insert(QStringLiteral("trueBiases"), array(spec.data.biases));
    o.insert(QStringLiteral("observations"), static_cast<double>(spec.data.observations));
    o.insert(QStringLiteral("dataSeed"), static_cast<double>(spec.data.seed));
    o.insert(QStringLiteral("likelihood"), latin1(toString(spec.model.likelihood)));
    o.insert(QStringLiteral("divideByN"), spec.model.divideByN);
    o.insert(QStringLiteral("priorMean"), spec.model.priorMean);
    o.insert(QStringLiteral("priorSd"), spec.model.priorSd);
    o.insert(QStringLiteral("metric"), latin1(toString(metricKind(spec.sampler))));
    o.insert(QStringLiteral("chains"), spec.sampler.chains);
    o.insert(QStringLiteral("warmup"), spec.sampler.warmup);
    o.insert(QStringLiteral("draws"), spec.sampler.draws);
    o.insert(QStringLiteral("seed"), static_cast<double>(spec.sampler.seed));
    QJsonObject root;
    root.insert(QStringLiteral("machine"), o);
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

}  // namespace couplinglab::ui
