// The K-unit Boltzmann machine after warmup: gradients and draws per second on one core, for
// DESIGN.md §5's example (K = 3 with biases, theta* = (0.5, 0.5, 0, 3, 0, 0), N = 10^4, exact
// Boltzmann), with the dense and the diagonal metric; and the cost of one gradient alone for
// K = 3 and K = 8. Run: build/release/bench/bench_machine
#include <benchmark/benchmark.h>

#include "core/chain.h"
#include "core/machine_data.h"
#include "core/platform/vector_state.h"

namespace couplinglab {
namespace {

PatternCounts designData() {
    return MachineData::generate({3, {0.5, 0.5, 0.0}, {3.0, 0.0, 0.0}, 10'000, 1})
        .patternCounts(true);
}

ModelSpec exactBoltzmann() {
    ModelSpec spec;
    spec.likelihood = Likelihood::ExactBoltzmann;
    return spec;
}

template <class Metric>
void runPostWarmup(benchmark::State& state, bool dense) {
    SamplerSettings settings;
    settings.denseMetric = dense;
    settings.draws = 1'000'000'000;
    Chain<BoltzmannTarget<6>, Metric> chain(BoltzmannTarget<6>(exactBoltzmann(), designData()),
                                            settings, 0);
    while (chain.inWarmup())
        chain.next();
    clearUpperVectorState();
    std::int64_t leapfrogs = 0;
    double sum = 0.0;
    for (auto _ : state) {
        const auto draw = chain.next();
        leapfrogs += draw.info.nLeapfrog;
        sum += draw.state.q[0];
    }
    benchmark::DoNotOptimize(sum);
    state.SetItemsProcessed(state.iterations());
    state.counters["gradients_per_second"] =
        benchmark::Counter(static_cast<double>(leapfrogs), benchmark::Counter::kIsRate);
    state.counters["leapfrogs_per_draw"] =
        static_cast<double>(leapfrogs) / static_cast<double>(state.iterations());
    state.counters["stepsize"] = chain.stepSize();
}

void BM_MachineK3BiasesDenseMetric(benchmark::State& state) {
    runPostWarmup<DenseMetric<6>>(state, true);
}
void BM_MachineK3BiasesDiagonalMetric(benchmark::State& state) {
    runPostWarmup<DiagonalMetric<6>>(state, false);
}

template <int Dim>
void gradientOnly(benchmark::State& state, int units, bool biases) {
    const auto data = MachineData::generate({units, {}, {}, 10'000, 1}).patternCounts(biases);
    const BoltzmannTarget<Dim> target(exactBoltzmann(), data);
    Vector<Dim> q = Vector<Dim>::Constant(0.1);
    Vector<Dim> gradient;
    for (auto _ : state) {
        benchmark::DoNotOptimize(target.logDensityAndGradient(q, gradient));
        q[0] += 1e-9;
    }
    state.SetItemsProcessed(state.iterations());
}
void BM_GradientK3Biases(benchmark::State& state) {
    gradientOnly<6>(state, 3, true);
}
void BM_GradientK8Biases(benchmark::State& state) {
    gradientOnly<36>(state, 8, true);
}

BENCHMARK(BM_MachineK3BiasesDenseMetric)->MinTime(2.0);
BENCHMARK(BM_MachineK3BiasesDiagonalMetric)->MinTime(2.0);
BENCHMARK(BM_GradientK3Biases);
BENCHMARK(BM_GradientK8Biases);

}  // namespace
}  // namespace couplinglab

BENCHMARK_MAIN();
