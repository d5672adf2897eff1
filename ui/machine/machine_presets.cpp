#include "ui/machine/machine_presets.h"

#include <QCoreApplication>

namespace couplinglab::ui {
namespace {

// K = 3 with biases; unit 1 is on nine times in ten (b.1 = 3), so s1·sk ≈ sk: each coupling
// w.1.k and the bias b.k are nearly the same feature and strongly anti-correlated.
MachineRunSpec correlatedCouplings(MetricKind metric) {
    MachineRunSpec spec = defaultMachineRunSpec();
    setMetricKind(spec.sampler, metric);
    return spec;
}

// K = 4 independent units and the potential θ·T alone: every coupling's posterior is
// N(σ0²·T, σ0²) on its own, with T of the order of ±√N.
MachineRunSpec potentialOnly() {
    MachineRunSpec spec;
    spec.data.units = 4;
    spec.data.couplings.assign(6, 0.0);
    spec.data.biases.assign(4, 0.0);
    spec.data.observations = 10'000;
    spec.biases = false;
    spec.model.likelihood = Likelihood::PotentialOnly;
    setMetricKind(spec.sampler, MetricKind::Diagonal);
    return spec;
}

QString tr(const char* text) {
    return QCoreApplication::translate("MachinePresets", text);
}

}  // namespace

const std::vector<MachinePreset>& machinePresets() {
    static const std::vector<MachinePreset> presets{
        {tr("Correlated couplings: diagonal metric"),
         tr("A tilted, narrow posterior: the diagonal metric cannot absorb the tilt, so ε "
            "shrinks to the narrowest width and the trees grow deep."),
         correlatedCouplings(MetricKind::Diagonal)},
        {tr("Correlated couplings: dense metric"),
         tr("The same data: the dense metric absorbs the tilt, ε grows about tenfold and a few "
            "steps cross the posterior."),
         correlatedCouplings(MetricKind::Dense)},
        {tr("Boltzmann machine, potential only"),
         tr("The question's mistake with four units: without log Z every coupling runs off to "
            "its own sum T on its own, far from the zero the independent bits call for."),
         potentialOnly()},
    };
    return presets;
}

}  // namespace couplinglab::ui
