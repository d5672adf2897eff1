#include "ui/settings/settings_store.h"

#include <QLocale>
#include <QSettings>
#include <QStringList>
#include <cmath>
#include <limits>
#include <optional>
#include <type_traits>

#include "core/settings_schema.h"
#include "ui/settings/schema_text.h"

namespace couplinglab::ui {
namespace {

const QString kVersionKey = QStringLiteral("version");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kWindowStateKey = QStringLiteral("window/state");
// Version 1 kept the metric as sampler/adaptMetric (true: diagonal, false: unit).
const QString kVersion1MetricKey = QStringLiteral("sampler/adaptMetric");

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

// Shortest text that reads back as the same double, written by us rather than by the back end.
QString exactText(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

std::optional<SettingValue> readValue(const QSettings& s, const SettingSpec& spec) {
    const QString key = storeKey(spec);
    switch (spec.type) {
        case SettingType::Flag:
            return readBool(s, key);
        case SettingType::Whole:
            return readInteger<std::int64_t>(s, key);
        case SettingType::Count:
        case SettingType::Seed:
            return readInteger<std::uint64_t>(s, key);
        case SettingType::Real:
            return readDouble(s, key);
        case SettingType::Choice:
            if (auto text = storedText(s, key)) return text->toStdString();
            if (spec.path() == "sampler.metric") {  // a version 1 file
                if (auto adapt = readBool(s, kVersion1MetricKey))
                    return std::string(*adapt ? "diag" : "unit");
            }
            return std::nullopt;
    }
    return std::nullopt;
}

QVariant storedValue(const SettingValue& value) {
    if (const auto* flag = std::get_if<bool>(&value)) return *flag;
    if (const auto* name = std::get_if<std::string>(&value)) return QString::fromStdString(*name);
    if (const auto* whole = std::get_if<std::int64_t>(&value)) return QVariant::fromValue(*whole);
    if (const auto* count = std::get_if<std::uint64_t>(&value))
        return QVariant::fromValue<quint64>(*count);
    return exactText(std::get<double>(value));
}

// Puts a stored value into its setting if the window can show it and the core's validation
// accepts it in otherwise default settings, so one bad field never spoils the others.
void loadSetting(const QSettings& s, const SettingSpec& spec, AllSettings& all) {
    const std::optional<SettingValue> stored = readValue(s, spec);
    if (!stored || !withinWindowLimits(spec, *stored)) return;
    AllSettings candidate;
    spec.set(candidate, *stored);
    if (!validate(candidate.run)) spec.set(all, *stored);
}

}  // namespace

SettingsStore::SettingsStore(QSettings& settings) : settings_(settings) {}

void SettingsStore::save(const RunSettings& run, const DisplaySettings& display) {
    const AllSettings all{run, display};
    settings_.setValue(kVersionKey, kVersion);
    for (const SettingSpec& spec : settingsSchema()) {
        if (spec.stored) settings_.setValue(storeKey(spec), storedValue(spec.get(all)));
    }
    settings_.remove(kVersion1MetricKey);
    settings_.sync();  // settings survive a crash later in the session
}

std::pair<RunSettings, DisplaySettings> SettingsStore::load() const {
    // Every field is read on its own, whatever the version: a later version that adds keys
    // still gives this one everything it understands.
    AllSettings all;
    for (const SettingSpec& spec : settingsSchema()) {
        if (spec.stored) loadSetting(settings_, spec, all);
    }
    return {all.run, all.display};
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
    for (const std::string_view section : settingSections())
        settings_.remove(qtText(section));
    settings_.sync();
}

}  // namespace couplinglab::ui
