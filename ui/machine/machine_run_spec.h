#pragma once

#include <QString>
#include <optional>

#include "core/machine_data.h"
#include "core/machine_runner.h"

namespace couplinglab::ui {

// What the tab's fields accept, and so what a session may hold.
inline constexpr double kMaxTrueParameter = 10.0;  // |w*|, |b*|
inline constexpr int kTrueParameterDigits = 6;     // significant digits the θ* editor shows
inline constexpr int kMaxMachineSeed = 1'000'000'000;
inline constexpr int kMaxMachineIterations = 1'000'000;  // warmup, draws per chain

// Everything one run of the Boltzmann machine tab needs: the data to generate from θ*, the
// model (with or without biases, which likelihood) and the sampler (its metric among them).
struct MachineRunSpec {
    MachineDataSpec data;
    bool biases = true;
    ModelSpec model;
    SamplerSettings sampler;

    MachineShape shape() const { return {data.units, biases}; }
    bool operator==(const MachineRunSpec&) const = default;
};

// The tab's inputs when it opens: DESIGN.md §5's correlated posterior (K = 3 with biases,
// θ* = (0.5, 0.5, 0; 3, 0, 0), N = 10⁴, exact Boltzmann) with a diagonal metric.
MachineRunSpec defaultMachineRunSpec();

// The first problem with a spec, named as the tab's controls name it; nullopt when it can run.
std::optional<QString> validate(const MachineRunSpec& spec);

}  // namespace couplinglab::ui
