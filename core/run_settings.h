#pragma once

#include <optional>
#include <string>

#include "core/bit_data.h"
#include "core/coupling_model.h"
#include "core/sampler_settings.h"

namespace couplinglab {

// Everything that determines a run's draws: the data, how the potential is written, and the
// sampler. Same settings, same draws.
struct RunSettings {
    DataSpec data;
    ModelSpec model;
    SamplerSettings sampler;
    bool operator==(const RunSettings&) const = default;
};

// nullopt when valid, else the first problem found, naming it.
inline std::optional<std::string> validate(const RunSettings& settings) {
    if (auto problem = validate(settings.data)) return problem;
    if (auto problem = validate(settings.model)) return problem;
    return validate(settings.sampler);
}

}  // namespace couplinglab
