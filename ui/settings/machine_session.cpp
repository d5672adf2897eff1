#include "ui/settings/machine_session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

#include "core/boltzmann_machine.h"
#include "core/input_error.h"
#include "core/machine_data_io.h"
#include "ui/settings/json_section.h"

namespace couplinglab::ui {
namespace {

const QStringList& machineKeys() {
    static const QStringList keys{QStringLiteral("units"),         QStringLiteral("biases"),
                                  QStringLiteral("trueCouplings"), QStringLiteral("trueBiases"),
                                  QStringLiteral("observations"),  QStringLiteral("dataSeed"),
                                  QStringLiteral("likelihood"),    QStringLiteral("divideByN"),
                                  QStringLiteral("metric"),        QStringLiteral("chains"),
                                  QStringLiteral("warmup"),        QStringLiteral("draws"),
                                  QStringLiteral("seed"),          QStringLiteral("pickX"),
                                  QStringLiteral("pickY"),         QStringLiteral("dataFile")};
    return keys;
}

// A JSON string with whatever a path holds escaped.
QByteArray jsonString(const QString& text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// The optional "dataFile": bits opened from a file, read again now. K and N are the file's.
void readDataFile(const Section& s, MachineRunSpec& spec) {
    if (!s.contains(QStringLiteral("dataFile"))) return;
    spec.bitsFile = s.string(QStringLiteral("dataFile"));
    try {
        spec.bits = std::make_shared<const MachineData>(readBitsFile(spec.bitsFile.toStdString()));
    } catch (const InputError& error) {
        s.fail(QStringLiteral("dataFile"), QString::fromStdString(error.what()));
    }
    if (spec.bits->units() != spec.data.units) {
        s.fail(QStringLiteral("dataFile"), QStringLiteral("holds %1 units, but units is %2")
                                               .arg(spec.bits->units())
                                               .arg(spec.data.units));
    }
    spec.data.observations = spec.bits->observations();
}

QString latin1(std::string_view text) {
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

std::vector<double> readTrueParameters(const Section& s, const QString& key, int count) {
    const QJsonValue v = s.value(key);
    if (!v.isArray())
        s.fail(key, QStringLiteral("must be an array of numbers, got ") + describe(v));
    const QJsonArray array = v.toArray();
    if (array.size() != count) {
        s.fail(key, QStringLiteral("must hold %1 numbers for these units, got %2")
                        .arg(count)
                        .arg(array.size()));
    }
    std::vector<double> values;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        const QString at = QStringLiteral("%1[%2]").arg(key).arg(i);
        const double d = item.toDouble();
        if (!item.isDouble() || !std::isfinite(d) || std::abs(d) > kMaxTrueParameter) {
            s.fail(at, QStringLiteral("must be a number from −%1 to %1, got %2")
                           .arg(kMaxTrueParameter)
                           .arg(describe(item)));
        }
        if (QString::number(d, 'g', kTrueParameterDigits).toDouble() != d) {
            s.fail(at, QStringLiteral("must have at most %1 significant digits, as the window "
                                      "shows, got %2")
                           .arg(kTrueParameterDigits)
                           .arg(describe(item)));
        }
        values.push_back(d);
    }
    return values;
}

}  // namespace

QByteArray machineSessionJson(const MachineSession& session, bool indented, int depth) {
    const MachineRunSpec& spec = session.spec;
    const JsonFields fields{
        {"units", QByteArray::number(spec.data.units)},
        {"biases", jsonBoolean(spec.biases)},
        {"trueCouplings", jsonRealArray(spec.data.couplings)},
        {"trueBiases", jsonRealArray(spec.data.biases)},
        {"observations", QByteArray::number(static_cast<qulonglong>(spec.data.observations))},
        {"dataSeed", QByteArray::number(static_cast<qulonglong>(spec.data.seed))},
        {"likelihood", jsonText(toString(spec.model.likelihood))},
        {"divideByN", jsonBoolean(spec.model.divideByN)},
        {"metric", jsonText(toString(metricKind(spec.sampler)))},
        {"chains", QByteArray::number(spec.sampler.chains)},
        {"warmup", QByteArray::number(spec.sampler.warmup)},
        {"draws", QByteArray::number(spec.sampler.draws)},
        {"seed", QByteArray::number(static_cast<qulonglong>(spec.sampler.seed))},
        // Parameter names are plain ASCII ("w.1.2"): nothing to escape.
        {"pickX", jsonText(session.pickX.toStdString())},
        {"pickY", jsonText(session.pickY.toStdString())},
    };
    if (!spec.bits) return jsonObject(fields, indented, depth);
    JsonFields withFile = fields;
    withFile.emplace_back("dataFile", jsonString(spec.bitsFile));
    return jsonObject(withFile, indented, depth);
}

MachineSession readMachineSession(const QJsonObject& object, const QString& path) {
    const Section s(object, path, machineKeys());
    s.rejectUnknownKeys();
    MachineSession session;
    MachineRunSpec& spec = session.spec;
    spec.data.units = s.whole<int>(QStringLiteral("units"), kMinUnits, kMaxUnits);
    spec.biases = s.boolean(QStringLiteral("biases"));
    const MachineShape full{spec.data.units, true};
    spec.data.couplings = readTrueParameters(s, QStringLiteral("trueCouplings"), full.couplings());
    spec.data.biases = readTrueParameters(s, QStringLiteral("trueBiases"), full.units);
    spec.data.observations = s.whole<std::uint64_t>(QStringLiteral("observations"), 1,
                                                    static_cast<qint64>(kMaxObservations));
    spec.data.seed = s.whole<std::uint64_t>(QStringLiteral("dataSeed"), 0, kMaxMachineSeed);
    const QString likelihood =
        s.choice(QStringLiteral("likelihood"), {latin1(toString(Likelihood::PotentialOnly)),
                                                latin1(toString(Likelihood::ExactBoltzmann))});
    spec.model.likelihood = *likelihoodFromString(likelihood.toStdString());
    spec.model.divideByN = s.boolean(QStringLiteral("divideByN"));
    const QString metric =
        s.choice(QStringLiteral("metric"),
                 {latin1(toString(MetricKind::Unit)), latin1(toString(MetricKind::Diagonal)),
                  latin1(toString(MetricKind::Dense))});
    setMetricKind(spec.sampler, *metricKindFromString(metric.toStdString()));
    spec.sampler.chains = s.whole<int>(QStringLiteral("chains"), 1, kMaxChains);
    spec.sampler.warmup = s.whole<int>(QStringLiteral("warmup"), 0, kMaxMachineIterations);
    spec.sampler.draws = s.whole<int>(QStringLiteral("draws"), 1, kMaxMachineIterations);
    spec.sampler.seed = s.whole<std::uint64_t>(QStringLiteral("seed"), 0, kMaxMachineSeed);

    readDataFile(s, spec);

    session.pickX = s.string(QStringLiteral("pickX"));
    session.pickY = s.string(QStringLiteral("pickY"));
    QStringList names;
    for (const std::string& name : parameterNames(spec.shape()))
        names.append(QString::fromStdString(name));
    const bool defaultPair = session.pickX.isEmpty() && session.pickY.isEmpty();
    if (!defaultPair) {
        for (const QString& key : {QStringLiteral("pickX"), QStringLiteral("pickY")}) {
            const QString picked = key == QLatin1String("pickX") ? session.pickX : session.pickY;
            if (!names.contains(picked)) {
                s.fail(key, QStringLiteral("must name a parameter of these units (%1) or be "
                                           "empty with the other, got \"%2\"")
                                .arg(names.join(QStringLiteral(", ")), picked));
            }
        }
        if (session.pickX == session.pickY && names.size() > 1)
            s.fail(QStringLiteral("pickY"), QStringLiteral("must differ from pickX"));
    }
    if (auto problem = validate(spec)) s.fail(QStringLiteral("units"), *problem);
    return session;
}

QString machineMetadata(const MachineRunSpec& spec) {
    return QStringLiteral("{\"machine\":%1}")
        .arg(QString::fromUtf8(machineSessionJson({spec, {}, {}}, false, 0)));
}

}  // namespace couplinglab::ui
