#include "ui/machine/machine_run_spec.h"

namespace couplinglab::ui {

MachineRunSpec defaultMachineRunSpec() {
    MachineRunSpec spec;
    spec.data.units = 3;
    spec.data.couplings = {0.5, 0.5, 0.0};
    spec.data.biases = {3.0, 0.0, 0.0};
    spec.data.observations = 10'000;
    spec.biases = true;
    spec.model.likelihood = Likelihood::ExactBoltzmann;
    setMetricKind(spec.sampler, MetricKind::Diagonal);
    return spec;
}

std::optional<QString> validate(const MachineRunSpec& spec) {
    if (auto problem = validate(spec.data))
        return QStringLiteral("Data: %1").arg(QString::fromStdString(*problem));
    if (auto problem = validate(spec.shape()))
        return QStringLiteral("Units: %1").arg(QString::fromStdString(*problem));
    if (auto problem = validate(spec.model))
        return QStringLiteral("Model: %1").arg(QString::fromStdString(*problem));
    if (auto problem = validate(spec.sampler))
        return QStringLiteral("Sampler: %1").arg(QString::fromStdString(*problem));
    if (spec.sampler.draws < 1) return QStringLiteral("Sampler: draws must be at least 1");
    return std::nullopt;
}

}  // namespace couplinglab::ui
