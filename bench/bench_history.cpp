// What the GUI thread pays for every iteration the sampler sends: RunHistory::append (the
// compact columns, the segment's running statistics and the histogram), in batches of the size
// a full-speed run delivers (about 40 000 iterations per chain and batch at 60 batches a second),
// into a history that keeps growing (fresh memory, as in a real run) up to 10^7 iterations.
// Run: build/release/bench/bench_history
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "ui/run/run_history.h"

namespace couplinglab::ui {
namespace {

constexpr int kChains = 4;
constexpr std::int64_t kHeldLimit = 10'000'000;  // all chains; then the history starts over

std::vector<IterationRecord> recordsLikeAFullSpeedRun(std::size_t count) {
    std::mt19937_64 rng(20261127);
    std::normal_distribution<double> normal(0.0, 0.01);
    std::vector<IterationRecord> records(count);
    for (std::size_t i = 0; i < count; ++i) {
        IterationRecord& r = records[i];
        r.iteration = static_cast<std::int64_t>(i);
        r.w = normal(rng);
        r.lp = -0.5 * r.w * r.w;
        r.acceptStat = 0.9;
        r.stepSize = 0.9;
        r.treeDepth = i % 3 == 0 ? 2 : 1;
        r.nLeapfrog = r.treeDepth == 2 ? 3 : 1;
        r.energy = 0.5;
        r.inverseMetric = 1e-4;
    }
    return records;
}

Segment questionSegment() {
    Segment segment;
    segment.settings.data.pairs = 10'000;
    segment.statistic = {10'000, 0};
    return segment;
}

void BM_AppendBatch(benchmark::State& state) {
    const auto perChain = static_cast<std::size_t>(state.range(0));
    const std::vector<IterationRecord> batch = recordsLikeAFullSpeedRun(perChain);
    RunHistory history;
    history.reset(kChains);
    history.startSegment(questionSegment());
    for (auto _ : state) {
        if (history.iterations() * kChains >= kHeldLimit) {
            state.PauseTiming();
            history.reset(kChains);
            history.startSegment(questionSegment());
            state.ResumeTiming();
        }
        for (int c = 0; c < kChains; ++c)
            history.append(c, batch);
        benchmark::DoNotOptimize(history.histogram().total());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(perChain) * kChains);
    state.counters["ns_per_iteration"] = benchmark::Counter(
        static_cast<double>(state.iterations()) * static_cast<double>(perChain) * kChains,
        benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

BENCHMARK(BM_AppendBatch)->Arg(10'000)->Arg(40'000)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace couplinglab::ui

BENCHMARK_MAIN();
