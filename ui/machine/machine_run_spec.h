#pragma once

#include <QString>
#include <memory>
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
    // Bits read from a file (File ▸ Open bits…) in place of those generated from `data`: K and
    // N in `data` are the file's, θ* and the data seed go unused. Null: generate from `data`.
    std::shared_ptr<const MachineData> bits;
    QString bitsFile;  // the file's absolute path, shown and kept in a session

    MachineShape shape() const { return {data.units, biases}; }
    // Bits compare by what the model sees of them (the pattern counts), so that a session read
    // back from its file equals the one written.
    bool operator==(const MachineRunSpec& other) const;
};

// The tab's inputs when it opens: DESIGN.md §5's correlated posterior (K = 3 with biases,
// θ* = (0.5, 0.5, 0; 3, 0, 0), N = 10⁴, exact Boltzmann) with a diagonal metric.
MachineRunSpec defaultMachineRunSpec();

// The first problem with a spec, named as the tab's controls name it; nullopt when it can run.
std::optional<QString> validate(const MachineRunSpec& spec);

}  // namespace couplinglab::ui
