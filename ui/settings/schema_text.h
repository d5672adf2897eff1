#pragma once

// The thin Qt side of the settings schema (core/settings_schema.h): its names and words are
// plain std::string_view; the session, QSettings and the switch markers read them as QString.

#include <QString>
#include <string_view>

#include "core/settings_schema.h"

namespace couplinglab::ui {

// The schema's text is ASCII except a few marker words (ε, δ): UTF-8 reads both.
inline QString qtText(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// "sampler/metric": the setting's QSettings key.
inline QString storeKey(const SettingSpec& spec) {
    return spec.storeKey.empty() ? qtText(spec.section) + QLatin1Char('/') + qtText(spec.key)
                                 : qtText(spec.storeKey);
}

}  // namespace couplinglab::ui
