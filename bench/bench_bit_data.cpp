// Generating and reducing packed bit pairs on one core. Run: build/release/bench/bench_bit_data
#include <benchmark/benchmark.h>

#include "core/bit_data.h"

namespace couplinglab {
namespace {

void generate(benchmark::State& state, double coupling) {
    const auto pairs = static_cast<std::uint64_t>(state.range(0));
    std::uint64_t bytes = 0;
    for (auto _ : state) {
        const BitData data = BitData::generate({pairs, coupling, 1});
        benchmark::DoNotOptimize(data.statistic().c);
        bytes = data.memoryBytes();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(pairs));
    state.counters["bits_per_pair"] = 8.0 * static_cast<double>(bytes) / static_cast<double>(pairs);
}

void BM_GenerateIndependentPairs(benchmark::State& state) {
    generate(state, 0.0);
}
void BM_GenerateCoupledPairs(benchmark::State& state) {
    generate(state, 0.5);
}

void BM_ReduceByPopcount(benchmark::State& state) {
    const auto pairs = static_cast<std::uint64_t>(state.range(0));
    const BitData data = BitData::generate({pairs, 0.0, 1});
    for (auto _ : state) {
        benchmark::DoNotOptimize(computeStatistic(data.xWords(), data.yWords(), pairs).c);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(pairs));
}

BENCHMARK(BM_GenerateIndependentPairs)
    ->Arg(10'000)
    ->Arg(1'000'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GenerateCoupledPairs)->Arg(1'000'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReduceByPopcount)->Arg(1'000'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace couplinglab

BENCHMARK_MAIN();
