#pragma once

#include <Eigen/Core>
#include <string_view>
#include <vector>

#include "core/boltzmann_machine.h"
#include "core/chain_runner.h"
#include "core/trajectory_record.h"

namespace couplinglab {

enum class MetricKind { Unit, Diagonal, Dense };

std::string_view toString(MetricKind kind);                        // "unit" / "diag" / "dense"
std::optional<MetricKind> metricKindFromString(std::string_view);  // inverse of toString
MetricKind metricKind(const SamplerSettings& settings);
void setMetricKind(SamplerSettings& settings, MetricKind kind);

// One chain of the K-unit model: Stan's per-iteration columns (records; `w` holds the first
// parameter) plus every position, and the tuning at the end of warmup.
struct MachineChainResult {
    ChainResult base;
    int dimension = 1;
    std::vector<double> positions;    // every iteration's parameters, iteration-major
    Eigen::MatrixXd inverseMetric;    // D x 1 (unit, diagonal) or D x D (dense), after warmup
    TrajectoryRecord lastTrajectory;  // the last draw's (empty when no draw was made)

    std::vector<double> drawsOf(int parameter) const;  // post-warmup
    Eigen::MatrixXd denseInverseMetric() const;        // D x D either way
};

struct MachineRunResult {
    std::vector<MachineChainResult> chains;
    double wallSeconds = 0.0;
    bool cancelled = false;
};

// Runs settings.chains chains of the model of `data.shape` with the metric that
// metricKind(settings) names. K = 2 without biases runs today's one-coupling CouplingTarget;
// the others a BoltzmannTarget with fixed-size vectors. Results do not depend on the threads.
MachineRunResult runMachineChains(const ModelSpec& model, const PatternCounts& data,
                                  const SamplerSettings& settings, const RunOptions& options = {});

}  // namespace couplinglab
