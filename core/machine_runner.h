#pragma once

#include <Eigen/Core>
#include <functional>
#include <optional>
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

// A stretch of a chain run with one metric: from `start` (an iteration) on. A switch of the
// metric mid-run starts a new one, from the current position, with its own warmup.
struct MetricSegment {
    std::int64_t start = 0;
    MetricKind metric = MetricKind::Diagonal;
};

// One chain of the K-unit model: Stan's per-iteration columns (records; `w` holds the first
// parameter) plus every position, and the tuning at the end of warmup.
struct MachineChainResult {
    ChainResult base;
    int dimension = 1;
    std::vector<double> positions;        // every iteration's parameters, iteration-major
    Eigen::MatrixXd inverseMetric;        // D x 1 (unit, diagonal) or D x D (dense), after warmup
    TrajectoryRecord lastTrajectory;      // the last draw's (empty when no draw was made)
    std::vector<MetricSegment> segments;  // one, unless the metric was switched mid-run
    // Where the metric's diagonal changed (the start, each adaptation window's end, a switch):
    // from `iteration` on, transitions used this inverse metric's diagonal.
    struct MetricChange {
        std::int64_t iteration = 0;
        Eigen::VectorXd inverseDiagonal;
    };
    std::vector<MetricChange> metricChanges;

    std::vector<double> drawsOf(int parameter) const;  // post-warmup
    Eigen::MatrixXd denseInverseMetric() const;        // D x D either way
};

struct MachineRunResult {
    std::vector<MachineChainResult> chains;
    double wallSeconds = 0.0;
    bool cancelled = false;
};

// Hooks into a run for a live view of it. Each is called on the thread of the chain it names,
// so it must be safe to call from several chains' threads at once; each may block (to pace the
// view). Empty hooks cost nothing.
struct MachineRunHooks {
    // Before every iteration: whether to record its trajectory for iterationDone.
    std::function<bool(int chain)> trajectoryWanted;
    // After every iteration: its record, its position (the D parameters) and its trajectory
    // when trajectoryWanted asked for it (null otherwise).
    std::function<void(int chain, const IterationRecord& record, const double* position,
                       const TrajectoryRecord* trajectory)>
        iterationDone;
    // Before every iteration: a metric to carry on with, from the current position, in a new
    // segment whose warmup and draws are run again; nullopt (or the metric in use) keeps it.
    std::function<std::optional<MetricKind>(int chain)> metricSwitch;
    // When the metric's diagonal changed: the first iteration that used the new one.
    std::function<void(int chain, std::int64_t iteration, const Eigen::VectorXd& inverseDiagonal)>
        metricChanged;
    // When a segment's warmup has ended: the step size and inverse metric it tuned.
    std::function<void(int chain, double stepSize, const Eigen::MatrixXd& inverseMetric)> tuned;
};

// Runs settings.chains chains of the model of `data.shape` with the metric that
// metricKind(settings) names. K = 2 without biases runs today's one-coupling CouplingTarget;
// the others a BoltzmannTarget with fixed-size vectors. Results do not depend on the threads.
MachineRunResult runMachineChains(const ModelSpec& model, const PatternCounts& data,
                                  const SamplerSettings& settings, const RunOptions& options = {},
                                  const MachineRunHooks& hooks = {});

}  // namespace couplinglab
