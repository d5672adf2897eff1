#include "core/machine_runner.h"

#include <chrono>

#include "core/chain.h"
#include "core/input_error.h"
#include "core/iteration_record.h"
#include "core/platform/vector_state.h"

namespace couplinglab {
namespace {

using Clock = std::chrono::steady_clock;

template <int Dim>
Eigen::MatrixXd inverseMetricOf(const DiagonalMetric<Dim>& metric) {
    return Eigen::MatrixXd(metric.inverse);
}
template <int Dim>
Eigen::MatrixXd inverseMetricOf(const DenseMetric<Dim>& metric) {
    return Eigen::MatrixXd(metric.inverse);
}

// Runs one segment of a chain with one metric: a chain started afresh, or carrying on from
// `place`. Returns the metric asked for when a switch ended the segment early (`place` then holds
// where the chain stopped), nullopt when the segment ran to its end or the run was cancelled.
template <class Model, class Metric>
std::optional<MetricKind> runSegment(const Model& model, const SamplerSettings& settings, int chain,
                                     const RunOptions& options, const MachineRunHooks& hooks,
                                     std::optional<ChainPlace<Model::dimension>>& place,
                                     MachineChainResult& result) {
    Chain<Model, Metric> sampler = place ? Chain<Model, Metric>(model, settings, *place)
                                         : Chain<Model, Metric>(model, settings, chain);
    result.dimension = static_cast<int>(sampler.state().q.size());
    const MetricKind current = metricKind(settings);
    std::optional<MetricKind> switchTo;
    TrajectoryRecord liveTrajectory;
    constexpr std::int64_t kProgressEvery = 1024;
    auto switchAsked = [&] {
        if (!hooks.metricSwitch) return false;
        switchTo = hooks.metricSwitch(chain);
        if (switchTo == current) switchTo.reset();
        return switchTo.has_value();
    };
    auto runPhase = [&](bool warmup) {
        const double start = threadCpuSeconds();
        clearUpperVectorState();
        while ((warmup ? sampler.inWarmup() : !sampler.segmentDone()) && !isCancelled(options) &&
               !switchAsked()) {
            // The last draw's trajectory is kept, for a view of where the sampler went.
            const bool last = !warmup && sampler.drawsDone() + 1 >= settings.draws;
            const bool live = hooks.trajectoryWanted && hooks.trajectoryWanted(chain);
            TrajectoryRecord* record =
                live ? &liveTrajectory : (last ? &result.lastTrajectory : nullptr);
            const auto draw = sampler.next(record);
            if (live && last) result.lastTrajectory = liveTrajectory;
            if (result.metricChanges.empty() ||
                result.metricChanges.back().inverseDiagonal != draw.inverseMetric) {
                result.metricChanges.push_back({draw.iteration, draw.inverseMetric});
                if (hooks.metricChanged)
                    hooks.metricChanged(chain, draw.iteration,
                                        result.metricChanges.back().inverseDiagonal);
            }
            result.base.records.push_back(toRecord(draw));
            result.positions.insert(result.positions.end(), draw.state.q.data(),
                                    draw.state.q.data() + draw.state.q.size());
            if (hooks.iterationDone) {
                hooks.iterationDone(chain, result.base.records.back(), draw.state.q.data(),
                                    live ? &liveTrajectory : nullptr);
            }
            if (options.progress && sampler.iteration() % kProgressEvery == 0) {
                options.progress(chain, sampler.iteration());
                clearUpperVectorState();
            }
        }
        return threadCpuSeconds() - start;
    };
    result.base.warmupSeconds += runPhase(true);
    result.base.stepSize = sampler.stepSize();
    result.base.inverseMetric = sampler.metric().inverseDiagonal()[0];
    result.inverseMetric = inverseMetricOf(sampler.metric());
    if (!switchTo && !isCancelled(options)) {
        if (hooks.tuned) hooks.tuned(chain, result.base.stepSize, result.inverseMetric);
        result.base.samplingSeconds += runPhase(false);
    }
    if (options.progress) options.progress(chain, sampler.iteration());
    place = sampler.place();
    return switchTo;
}

template <class Model>
MachineChainResult runMachineChain(const Model& model, SamplerSettings settings, int chain,
                                   const RunOptions& options, const MachineRunHooks& hooks) {
    MachineChainResult result;
    result.base.chain = chain;
    const auto iterations =
        static_cast<std::size_t>(settings.warmup) + static_cast<std::size_t>(settings.draws);
    result.base.records.reserve(iterations);
    result.positions.reserve(iterations * static_cast<std::size_t>(Model::dimension));
    std::optional<ChainPlace<Model::dimension>> place;
    std::optional<MetricKind> next = metricKind(settings);
    while (next) {
        setMetricKind(settings, *next);
        result.segments.push_back({place ? place->iteration : 0, *next});
        next = *next == MetricKind::Dense
                   ? runSegment<Model, DenseMetric<Model::dimension>>(model, settings, chain,
                                                                      options, hooks, place, result)
                   : runSegment<Model, DiagonalMetric<Model::dimension>>(
                         model, settings, chain, options, hooks, place, result);
    }
    return result;
}

template <class Model>
MachineRunResult runWithModel(const Model& model, const SamplerSettings& settings,
                              const RunOptions& options, const MachineRunHooks& hooks) {
    MachineRunResult run;
    run.chains.resize(static_cast<std::size_t>(settings.chains));
    const Clock::time_point start = Clock::now();
    runInPool(settings.chains, options.threads, [&](int chain) {
        run.chains[static_cast<std::size_t>(chain)] =
            runMachineChain(model, settings, chain, options, hooks);
    });
    run.wallSeconds = secondsSince(start);
    run.cancelled = isCancelled(options);
    return run;
}

template <int Dim>
MachineRunResult runMachine(const ModelSpec& model, const PatternCounts& data,
                            const SamplerSettings& settings, const RunOptions& options,
                            const MachineRunHooks& hooks) {
    return runWithModel(BoltzmannTarget<Dim>(model, data), settings, options, hooks);
}

}  // namespace

std::string_view toString(MetricKind kind) {
    switch (kind) {
        case MetricKind::Unit:
            return "unit";
        case MetricKind::Diagonal:
            return "diag";
        case MetricKind::Dense:
            return "dense";
    }
    return "diag";
}

std::optional<MetricKind> metricKindFromString(std::string_view text) {
    for (MetricKind kind : {MetricKind::Unit, MetricKind::Diagonal, MetricKind::Dense}) {
        if (text == toString(kind)) return kind;
    }
    return std::nullopt;
}

MetricKind metricKind(const SamplerSettings& settings) {
    if (!settings.adaptMetric) return MetricKind::Unit;
    return settings.denseMetric ? MetricKind::Dense : MetricKind::Diagonal;
}

void setMetricKind(SamplerSettings& settings, MetricKind kind) {
    settings.adaptMetric = kind != MetricKind::Unit;
    settings.denseMetric = kind == MetricKind::Dense;
}

std::vector<double> MachineChainResult::drawsOf(int parameter) const {
    std::vector<double> draws;
    draws.reserve(base.records.size());
    for (std::size_t i = 0; i < base.records.size(); ++i) {
        if (!base.records[i].warmup) {
            draws.push_back(positions[i * static_cast<std::size_t>(dimension) +
                                      static_cast<std::size_t>(parameter)]);
        }
    }
    return draws;
}

Eigen::MatrixXd MachineChainResult::denseInverseMetric() const {
    if (inverseMetric.cols() == 1) return inverseMetric.col(0).asDiagonal();
    return inverseMetric;
}

MachineRunResult runMachineChains(const ModelSpec& model, const PatternCounts& data,
                                  const SamplerSettings& settings, const RunOptions& options,
                                  const MachineRunHooks& hooks) {
    if (auto problem = validate(data.shape)) throw InputError(*problem);
    if (data.shape.isOneCoupling()) {
        const Eigen::VectorXd sums = data.featureSums();
        const SufficientStatistic statistic{data.observations(),
                                            static_cast<std::int64_t>(sums[0])};
        return runWithModel(CouplingTarget(model, statistic), settings, options, hooks);
    }
    switch (data.shape.dimension()) {
        case 3:
            return runMachine<3>(model, data, settings, options, hooks);
        case 6:
            return runMachine<6>(model, data, settings, options, hooks);
        case 10:
            return runMachine<10>(model, data, settings, options, hooks);
        case 15:
            return runMachine<15>(model, data, settings, options, hooks);
        case 21:
            return runMachine<21>(model, data, settings, options, hooks);
        case 28:
            return runMachine<28>(model, data, settings, options, hooks);
        default:
            return runMachine<36>(model, data, settings, options, hooks);
    }
}

}  // namespace couplinglab
