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

template <class Model, class Metric>
MachineChainResult runMachineChain(const Model& model, const SamplerSettings& settings, int chain,
                                   const RunOptions& options) {
    MachineChainResult result;
    result.base.chain = chain;
    Chain<Model, Metric> sampler(model, settings, chain);
    result.dimension = static_cast<int>(sampler.state().q.size());
    const auto iterations =
        static_cast<std::size_t>(settings.warmup) + static_cast<std::size_t>(settings.draws);
    result.base.records.reserve(iterations);
    result.positions.reserve(iterations * static_cast<std::size_t>(result.dimension));
    constexpr std::int64_t kProgressEvery = 1024;
    auto runPhase = [&](bool warmup) {
        const double start = threadCpuSeconds();
        clearUpperVectorState();
        while ((warmup ? sampler.inWarmup() : !sampler.segmentDone()) && !isCancelled(options)) {
            // The last draw's trajectory is kept, for a view of where the sampler went.
            const bool last = !warmup && sampler.drawsDone() + 1 >= settings.draws;
            const auto draw = sampler.next(last ? &result.lastTrajectory : nullptr);
            result.base.records.push_back(toRecord(draw));
            result.positions.insert(result.positions.end(), draw.state.q.data(),
                                    draw.state.q.data() + draw.state.q.size());
            if (options.progress && sampler.iteration() % kProgressEvery == 0) {
                options.progress(chain, sampler.iteration());
                clearUpperVectorState();
            }
        }
        return threadCpuSeconds() - start;
    };
    result.base.warmupSeconds = runPhase(true);
    result.base.stepSize = sampler.stepSize();
    result.base.inverseMetric = sampler.metric().inverseDiagonal()[0];
    result.inverseMetric = inverseMetricOf(sampler.metric());
    result.base.samplingSeconds = runPhase(false);
    if (options.progress) options.progress(chain, sampler.iteration());
    return result;
}

template <class Model>
MachineRunResult runWithModel(const Model& model, const SamplerSettings& settings,
                              const RunOptions& options) {
    constexpr int Dim = Model::dimension;
    MachineRunResult run;
    run.chains.resize(static_cast<std::size_t>(settings.chains));
    const bool dense = metricKind(settings) == MetricKind::Dense;
    const Clock::time_point start = Clock::now();
    runInPool(settings.chains, options.threads, [&](int chain) {
        run.chains[static_cast<std::size_t>(chain)] =
            dense ? runMachineChain<Model, DenseMetric<Dim>>(model, settings, chain, options)
                  : runMachineChain<Model, DiagonalMetric<Dim>>(model, settings, chain, options);
    });
    run.wallSeconds = secondsSince(start);
    run.cancelled = isCancelled(options);
    return run;
}

template <int Dim>
MachineRunResult runMachine(const ModelSpec& model, const PatternCounts& data,
                            const SamplerSettings& settings, const RunOptions& options) {
    return runWithModel(BoltzmannTarget<Dim>(model, data), settings, options);
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
                                  const SamplerSettings& settings, const RunOptions& options) {
    if (auto problem = validate(data.shape)) throw InputError(*problem);
    if (data.shape.isOneCoupling()) {
        const Eigen::VectorXd sums = data.featureSums();
        const SufficientStatistic statistic{data.observations(),
                                            static_cast<std::int64_t>(sums[0])};
        return runWithModel(CouplingTarget(model, statistic), settings, options);
    }
    switch (data.shape.dimension()) {
        case 3:
            return runMachine<3>(model, data, settings, options);
        case 6:
            return runMachine<6>(model, data, settings, options);
        case 10:
            return runMachine<10>(model, data, settings, options);
        case 15:
            return runMachine<15>(model, data, settings, options);
        case 21:
            return runMachine<21>(model, data, settings, options);
        case 28:
            return runMachine<28>(model, data, settings, options);
        default:
            return runMachine<36>(model, data, settings, options);
    }
}

}  // namespace couplinglab
