// NUTS throughput on the exact Boltzmann model after warmup: draws and gradients per second on
// one core. Run: build/release/bench/bench_sampler
#include <benchmark/benchmark.h>

#include "core/chain_runner.h"
#include "core/platform/vector_state.h"

namespace couplinglab {
namespace {

const SufficientStatistic kQuestionData{10'000, 98};

CouplingTarget target(Likelihood likelihood) {
    ModelSpec spec;
    spec.likelihood = likelihood;
    return {spec, kQuestionData};
}

// One chain, warmed up outside the timed loop; each benchmark iteration is one post-warmup draw.
void runPostWarmup(benchmark::State& state, Likelihood likelihood, Algorithm algorithm,
                   bool adaptMetric, bool dirtyUpperState = false) {
    SamplerSettings settings;
    settings.algorithm = algorithm;
    settings.leapfrogSteps = 2;
    settings.adaptMetric = adaptMetric;
    settings.draws = 1'000'000'000;
    CouplingChain chain(target(likelihood), settings, 0);
    while (chain.inWarmup())
        chain.next();
    std::int64_t leapfrogs = 0;
    double sum = 0.0;
    if (dirtyUpperState && !dirtyUpperVectorState()) state.SkipWithError("the CPU has no AVX");
    for (auto _ : state) {
        const auto draw = chain.next();
        leapfrogs += draw.info.nLeapfrog;
        sum += draw.state.q[0];
    }
    benchmark::DoNotOptimize(sum);
    clearUpperVectorState();  // or the benchmarks after this one would pay for it too
    state.SetItemsProcessed(state.iterations());
    state.counters["gradients_per_second"] =
        benchmark::Counter(static_cast<double>(leapfrogs), benchmark::Counter::kIsRate);
    state.counters["leapfrogs_per_draw"] =
        static_cast<double>(leapfrogs) / static_cast<double>(state.iterations());
}

void BM_NutsExactBoltzmannAdaptedMetric(benchmark::State& state) {
    runPostWarmup(state, Likelihood::ExactBoltzmann, Algorithm::Nuts, true);
}
// The price of a dirty upper vector state (core/platform/vector_state.h): the same chain with
// nothing clearing it, as the window's sampling thread ran before it cleared it every round.
void BM_NutsExactBoltzmannDirtyUpperState(benchmark::State& state) {
    runPostWarmup(state, Likelihood::ExactBoltzmann, Algorithm::Nuts, true, true);
}
void BM_NutsExactBoltzmannUnitMetric(benchmark::State& state) {
    runPostWarmup(state, Likelihood::ExactBoltzmann, Algorithm::Nuts, false);
}
void BM_NutsPotentialOnly(benchmark::State& state) {
    runPostWarmup(state, Likelihood::PotentialOnly, Algorithm::Nuts, true);
}
void BM_StaticHmcExactBoltzmann(benchmark::State& state) {
    runPostWarmup(state, Likelihood::ExactBoltzmann, Algorithm::StaticHmc, true);
}

// A whole default run as the CLI does it: 4 chains x (1000 warmup + 1000 draws), on one thread.
void BM_DefaultRunOneThread(benchmark::State& state) {
    RunOptions options;
    options.threads = 1;
    for (auto _ : state) {
        RunResult run = runChains(target(Likelihood::ExactBoltzmann), SamplerSettings{}, options);
        benchmark::DoNotOptimize(run.chains.size());
    }
    state.SetItemsProcessed(state.iterations() * 8000);
}

BENCHMARK(BM_NutsExactBoltzmannAdaptedMetric)->MinTime(2.0);
BENCHMARK(BM_NutsExactBoltzmannDirtyUpperState)->MinTime(2.0);
BENCHMARK(BM_NutsExactBoltzmannUnitMetric)->MinTime(2.0);
BENCHMARK(BM_NutsPotentialOnly)->MinTime(2.0);
BENCHMARK(BM_StaticHmcExactBoltzmann)->MinTime(2.0);
BENCHMARK(BM_DefaultRunOneThread)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace couplinglab

BENCHMARK_MAIN();
