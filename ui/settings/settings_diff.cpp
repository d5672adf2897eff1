#include "ui/settings/settings_diff.h"

#include <QStringList>
#include <algorithm>
#include <vector>

#include "core/settings_schema.h"
#include "ui/settings/schema_text.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {
namespace {

// A value as a switch marker writes it: 4 significant digits, N with digit groups, a flag or a
// choice in the schema's words.
QString markerText(const SettingSpec& spec, const SettingValue& value) {
    if (const auto* flag = std::get_if<bool>(&value)) {
        if (spec.diffWords.size() == 2) return qtText(spec.diffWords[*flag ? 1 : 0]);
        return *flag ? QStringLiteral("on") : QStringLiteral("off");
    }
    if (const auto* name = std::get_if<std::string>(&value)) {
        const int index = choiceIndex(spec, *name);
        if (index >= 0 && static_cast<std::size_t>(index) < spec.diffWords.size())
            return qtText(spec.diffWords[static_cast<std::size_t>(index)]);
        return QString::fromStdString(*name);
    }
    if (const auto* real = std::get_if<double>(&value)) return QString::number(*real, 'g', 4);
    if (const auto* count = std::get_if<std::uint64_t>(&value)) {
        return spec.groupDigits ? formatCount(static_cast<std::int64_t>(*count))
                                : QString::number(*count);
    }
    return QString::number(std::get<std::int64_t>(value));
}

// The label with "{}" replaced by the setting's value and "{section.key}" by another's.
QString markerLabel(const SettingSpec& spec, const AllSettings& after) {
    QString label = qtText(spec.diffLabel);
    label.replace(QStringLiteral("{}"), markerText(spec, spec.get(after)));
    for (qsizetype open = label.indexOf(QLatin1Char('{')); open >= 0;
         open = label.indexOf(QLatin1Char('{'), open + 1)) {
        const qsizetype close = label.indexOf(QLatin1Char('}'), open);
        if (close < 0) break;
        const SettingSpec& other = setting(label.mid(open + 1, close - open - 1).toStdString());
        label.replace(open, close - open + 1, markerText(other, other.get(after)));
    }
    return label;
}

bool isNamed(const SettingSpec& spec, const RunSettings& before, const RunSettings& after) {
    if (spec.diffLabel.empty()) return false;
    if (spec.diffNamed != nullptr) return spec.diffNamed(before, after);
    return spec.get(AllSettings{before, {}}) != spec.get(AllSettings{after, {}});
}

}  // namespace

QString describeChange(const RunSettings& before, const RunSettings& after) {
    // Within each section, in the schema's order unless a row asks to come later (the prior,
    // named after the likelihood).
    std::vector<const SettingSpec*> named;
    for (const SettingSpec& spec : settingsSchema()) {
        if (spec.section != "display" && isNamed(spec, before, after)) named.push_back(&spec);
    }
    const auto place = [](const SettingSpec* spec) {
        const auto sections = settingSections();
        return std::pair(std::ranges::find(sections, spec->section) - sections.begin(),
                         spec->diffOrder);
    };
    std::ranges::stable_sort(named, {}, place);
    QStringList parts;
    for (const SettingSpec* spec : named)
        parts << markerLabel(*spec, AllSettings{after, {}});
    return parts.join(QStringLiteral(", "));
}

bool onlyResetSettingsDiffer(const RunSettings& before, const RunSettings& after) {
    // Copy the settings that wait for a Reset from `before`: if that makes them equal, nothing
    // else differs.
    AllSettings withoutReset{after, {}};
    for (const SettingSpec& spec : settingsSchema()) {
        if (spec.applies == Applies::AtReset) spec.set(withoutReset, spec.get({before, {}}));
    }
    return withoutReset.run == before && !(before == after);
}

}  // namespace couplinglab::ui
