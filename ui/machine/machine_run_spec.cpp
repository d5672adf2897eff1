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

bool MachineRunSpec::operator==(const MachineRunSpec& other) const {
    const bool sameBits =
        bits == other.bits || (bits && other.bits && bits->units() == other.bits->units() &&
                               bits->patternCounts(true) == other.bits->patternCounts(true));
    return data == other.data && biases == other.biases && model == other.model &&
           sampler == other.sampler && sameBits && bitsFile == other.bitsFile;
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
    if (spec.bits && (spec.bits->units() != spec.data.units ||
                      spec.bits->observations() != spec.data.observations)) {
        return QStringLiteral("Data: the bits of %1 are %2 observations of %3 units, not %4 of %5")
            .arg(spec.bitsFile)
            .arg(spec.bits->observations())
            .arg(spec.bits->units())
            .arg(spec.data.observations)
            .arg(spec.data.units);
    }
    if (spec.sampler.draws < 1) return QStringLiteral("Sampler: draws must be at least 1");
    return std::nullopt;
}

}  // namespace couplinglab::ui
