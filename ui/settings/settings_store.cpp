#include "ui/settings/settings_store.h"

#include <QLocale>
#include <QSettings>
#include <QStringList>
#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

#include "ui/controls/control_panel.h"

namespace couplinglab::ui {
namespace {

namespace lim = panel_limits;

const QString kVersionKey = QStringLiteral("version");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kWindowStateKey = QStringLiteral("window/state");
const QStringList kSettingsGroups{QStringLiteral("data"), QStringLiteral("model"),
                                  QStringLiteral("sampler"), QStringLiteral("display")};

// ---- Reading one stored value strictly: anything doubtful counts as missing
// ----------------------

// INI files hand back strings, other back ends typed values; text covers both.
std::optional<QString> storedText(const QSettings& settings, const QString& key) {
    const QVariant value = settings.value(key);
    if (!value.isValid() || value.typeId() == QMetaType::QStringList) return std::nullopt;
    return value.toString().trimmed();
}

std::optional<bool> readBool(const QSettings& settings, const QString& key) {
    const auto text = storedText(settings, key);
    if (!text) return std::nullopt;
    const QString word = text->toLower();
    if (word == QLatin1String("true") || word == QLatin1String("1")) return true;
    if (word == QLatin1String("false") || word == QLatin1String("0")) return false;
    return std::nullopt;  // QVariant::toBool would call "abc" true
}

template <class Integer>
std::optional<Integer> readInteger(const QSettings& settings, const QString& key) {
    const auto text = storedText(settings, key);
    if (!text) return std::nullopt;
    bool ok = false;
    if constexpr (std::is_unsigned_v<Integer>) {
        if (text->startsWith('-')) return std::nullopt;  // no wrap-around from -1 to 2^64 - 1
        const qulonglong value = text->toULongLong(&ok, 10);
        if (!ok || value > std::numeric_limits<Integer>::max()) return std::nullopt;
        return static_cast<Integer>(value);
    } else {
        const qlonglong value = text->toLongLong(&ok, 10);
        if (!ok || value < std::numeric_limits<Integer>::min() ||
            value > std::numeric_limits<Integer>::max()) {
            return std::nullopt;
        }
        return static_cast<Integer>(value);
    }
}

std::optional<double> readDouble(const QSettings& settings, const QString& key) {
    const auto text = storedText(settings, key);
    if (!text) return std::nullopt;
    bool ok = false;
    const double value = text->toDouble(&ok);
    if (!ok || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<Likelihood> readLikelihood(const QSettings& settings, const QString& key) {
    const auto text = storedText(settings, key);
    return text ? likelihoodFromString(text->toStdString()) : std::nullopt;
}

std::optional<Algorithm> readAlgorithm(const QSettings& settings, const QString& key) {
    const auto text = storedText(settings, key);
    return text ? algorithmFromString(text->toStdString()) : std::nullopt;
}

// ---- Accepting a value field by field
// -------------------------------------------------------------

bool isValid(const DataSpec& spec) {
    return !validate(spec);
}
bool isValid(const ModelSpec& spec) {
    return !validate(spec);
}
bool isValid(const SamplerSettings& spec) {
    return !validate(spec);
}
bool isValid(const DisplaySettings& /*display*/) {
    return true;
}  // ranges checked by caller

constexpr auto kAnyValue = [](const auto& /*value*/) { return true; };

template <class T>
auto between(T low, T high) {
    return [low, high](T value) { return value >= low && value <= high; };
}

// Puts a stored value into its field if the panel can show it and the core's validation accepts
// it in an otherwise default spec, so one bad field never spoils the others.
template <class Spec, class Field, class Within>
void loadField(Spec& spec, Field Spec::*field, const std::optional<Field>& stored, Within within) {
    if (!stored || !within(*stored)) return;
    Spec candidate{};
    candidate.*field = *stored;
    if (isValid(candidate)) spec.*field = *stored;
}

// Shortest text that reads back as the same double, written by us rather than by the back end.
QString exactText(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString qtText(std::string_view text) {
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

DataSpec loadData(const QSettings& s) {
    DataSpec data;
    loadField(data, &DataSpec::pairs, readInteger<std::uint64_t>(s, QStringLiteral("data/pairs")),
              between(lim::kMinPairs, lim::kMaxPairs));
    loadField(data, &DataSpec::coupling, readDouble(s, QStringLiteral("data/coupling")),
              between(lim::kMinCoupling, lim::kMaxCoupling));
    loadField(data, &DataSpec::seed, readInteger<std::uint64_t>(s, QStringLiteral("data/seed")),
              between(std::uint64_t{0}, lim::kMaxSeed));
    return data;
}

ModelSpec loadModel(const QSettings& s) {
    ModelSpec model;
    loadField(model, &ModelSpec::priorMean, readDouble(s, QStringLiteral("model/priorMean")),
              between(lim::kMinPriorMean, lim::kMaxPriorMean));
    loadField(model, &ModelSpec::priorSd, readDouble(s, QStringLiteral("model/priorSd")),
              between(lim::kMinPriorSd, lim::kMaxPriorSd));
    loadField(model, &ModelSpec::likelihood, readLikelihood(s, QStringLiteral("model/likelihood")),
              kAnyValue);
    loadField(model, &ModelSpec::divideByN, readBool(s, QStringLiteral("model/divideByN")),
              kAnyValue);
    return model;
}

SamplerSettings loadSampler(const QSettings& s) {
    SamplerSettings sampler;
    using S = SamplerSettings;
    loadField(sampler, &S::algorithm, readAlgorithm(s, QStringLiteral("sampler/algorithm")),
              kAnyValue);
    loadField(sampler, &S::leapfrogSteps,
              readInteger<int>(s, QStringLiteral("sampler/leapfrogSteps")), kAnyValue);
    loadField(sampler, &S::adaptStepSize, readBool(s, QStringLiteral("sampler/adaptStepSize")),
              kAnyValue);
    loadField(sampler, &S::stepSize, readDouble(s, QStringLiteral("sampler/stepSize")),
              between(lim::kMinStepSize, lim::kMaxStepSize));
    loadField(sampler, &S::targetAccept, readDouble(s, QStringLiteral("sampler/targetAccept")),
              between(lim::kMinTargetAccept, lim::kMaxTargetAccept));
    loadField(sampler, &S::adaptMetric, readBool(s, QStringLiteral("sampler/adaptMetric")),
              kAnyValue);
    loadField(sampler, &S::maxDepth, readInteger<int>(s, QStringLiteral("sampler/maxDepth")),
              kAnyValue);
    loadField(sampler, &S::warmup, readInteger<int>(s, QStringLiteral("sampler/warmup")),
              kAnyValue);
    loadField(sampler, &S::draws, readInteger<int>(s, QStringLiteral("sampler/draws")), kAnyValue);
    loadField(sampler, &S::chains, readInteger<int>(s, QStringLiteral("sampler/chains")),
              between(1, lim::kMaxChains));
    loadField(sampler, &S::seed, readInteger<std::uint64_t>(s, QStringLiteral("sampler/seed")),
              between(std::uint64_t{0}, lim::kMaxSeed));
    return sampler;
}

DisplaySettings loadDisplay(const QSettings& s) {
    DisplaySettings display;
    using D = DisplaySettings;
    loadField(display, &D::speedLevel, readInteger<int>(s, QStringLiteral("display/speedLevel")),
              between(0, kFullSpeedLevel));
    loadField(display, &D::leapfrogStepsPerSecond,
              readDouble(s, QStringLiteral("display/leapfrogStepsPerSecond")),
              between(kMinLeapfrogStepsPerSecond, kMaxLeapfrogStepsPerSecond));
    loadField(display, &D::traceWindow, readInteger<int>(s, QStringLiteral("display/traceWindow")),
              between(kMinTraceWindow, kMaxTraceWindow));
    loadField(display, &D::keepTunedStepSize,
              readBool(s, QStringLiteral("display/keepTunedStepSize")), kAnyValue);
    return display;
}

}  // namespace

SettingsStore::SettingsStore(QSettings& settings) : settings_(settings) {}

void SettingsStore::save(const RunSettings& run, const DisplaySettings& display) {
    QSettings& s = settings_;
    s.setValue(kVersionKey, kVersion);

    s.setValue(QStringLiteral("data/pairs"), QVariant::fromValue<quint64>(run.data.pairs));
    s.setValue(QStringLiteral("data/coupling"), exactText(run.data.coupling));
    s.setValue(QStringLiteral("data/seed"), QVariant::fromValue<quint64>(run.data.seed));

    s.setValue(QStringLiteral("model/priorMean"), exactText(run.model.priorMean));
    s.setValue(QStringLiteral("model/priorSd"), exactText(run.model.priorSd));
    s.setValue(QStringLiteral("model/likelihood"), qtText(toString(run.model.likelihood)));
    s.setValue(QStringLiteral("model/divideByN"), run.model.divideByN);

    const SamplerSettings& sampler = run.sampler;
    s.setValue(QStringLiteral("sampler/algorithm"), qtText(toString(sampler.algorithm)));
    s.setValue(QStringLiteral("sampler/leapfrogSteps"), sampler.leapfrogSteps);
    s.setValue(QStringLiteral("sampler/adaptStepSize"), sampler.adaptStepSize);
    s.setValue(QStringLiteral("sampler/stepSize"), exactText(sampler.stepSize));
    s.setValue(QStringLiteral("sampler/targetAccept"), exactText(sampler.targetAccept));
    s.setValue(QStringLiteral("sampler/adaptMetric"), sampler.adaptMetric);
    s.setValue(QStringLiteral("sampler/maxDepth"), sampler.maxDepth);
    s.setValue(QStringLiteral("sampler/warmup"), sampler.warmup);
    s.setValue(QStringLiteral("sampler/draws"), sampler.draws);
    s.setValue(QStringLiteral("sampler/chains"), sampler.chains);
    s.setValue(QStringLiteral("sampler/seed"), QVariant::fromValue<quint64>(sampler.seed));

    s.setValue(QStringLiteral("display/speedLevel"), display.speedLevel);
    s.setValue(QStringLiteral("display/leapfrogStepsPerSecond"),
               exactText(display.leapfrogStepsPerSecond));
    s.setValue(QStringLiteral("display/traceWindow"), display.traceWindow);
    s.setValue(QStringLiteral("display/keepTunedStepSize"), display.keepTunedStepSize);
    s.sync();  // settings survive a crash later in the session
}

std::pair<RunSettings, DisplaySettings> SettingsStore::load() const {
    // Every field is read on its own, whatever the version: a later version that adds keys
    // still gives this one everything it understands.
    const RunSettings run{loadData(settings_), loadModel(settings_), loadSampler(settings_)};
    return {run, loadDisplay(settings_)};
}

void SettingsStore::saveGeometry(const QByteArray& geometry, const QByteArray& state) {
    settings_.setValue(kGeometryKey, geometry);
    settings_.setValue(kWindowStateKey, state);
    settings_.sync();
}

QByteArray SettingsStore::geometry() const {
    return settings_.value(kGeometryKey).toByteArray();
}

QByteArray SettingsStore::windowState() const {
    return settings_.value(kWindowStateKey).toByteArray();
}

void SettingsStore::clear() {
    settings_.remove(kVersionKey);
    for (const QString& group : kSettingsGroups)
        settings_.remove(group);
    settings_.sync();
}

}  // namespace couplinglab::ui
