#include "core/chain_runner.h"

#include <algorithm>
#include <chrono>
#include <ctime>  // clock_gettime, CLOCK_THREAD_CPUTIME_ID (POSIX)
#include <exception>
#include <mutex>
#include <thread>

#include "core/platform/vector_state.h"

namespace couplinglab {
namespace {

using Clock = std::chrono::steady_clock;

template <class F>
double forEachPostWarmup(const std::vector<IterationRecord>& records, F&& f) {
    double count = 0.0;
    for (const IterationRecord& r : records) {
        if (!r.warmup) {
            f(r);
            count += 1.0;
        }
    }
    return count;
}

}  // namespace

double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

std::vector<double> ChainResult::drawsOfW() const {
    std::vector<double> w;
    w.reserve(records.size());
    forEachPostWarmup(records, [&](const IterationRecord& r) { w.push_back(r.w); });
    return w;
}

std::int64_t ChainResult::postWarmupLeapfrogs() const {
    std::int64_t total = 0;
    forEachPostWarmup(records, [&](const IterationRecord& r) { total += r.nLeapfrog; });
    return total;
}

double ChainResult::meanTreeDepth() const {
    double sum = 0.0;
    const double n =
        forEachPostWarmup(records, [&](const IterationRecord& r) { sum += r.treeDepth; });
    return n > 0 ? sum / n : 0.0;
}

double ChainResult::meanLeapfrogs() const {
    double sum = 0.0;
    const double n =
        forEachPostWarmup(records, [&](const IterationRecord& r) { sum += r.nLeapfrog; });
    return n > 0 ? sum / n : 0.0;
}

int ChainResult::divergences() const {
    int count = 0;
    forEachPostWarmup(records, [&](const IterationRecord& r) { count += r.divergent ? 1 : 0; });
    return count;
}

ChainResult runChain(const CouplingTarget& target, const SamplerSettings& settings, int chain,
                     const RunOptions& options) {
    ChainResult result;
    result.chain = chain;
    result.records.reserve(static_cast<std::size_t>(settings.warmup) +
                           static_cast<std::size_t>(settings.draws));
    CouplingChain sampler(target, settings, chain);
    constexpr std::int64_t kProgressEvery = 1024;

    auto runPhase = [&](bool warmup) {
        const double start = threadCpuSeconds();
        clearUpperVectorState();  // this thread may have been started by one that dirtied it
        while ((warmup ? sampler.inWarmup() : !sampler.segmentDone()) && !isCancelled(options)) {
            result.records.push_back(toRecord(sampler.next()));
            if (options.progress && sampler.iteration() % kProgressEvery == 0) {
                options.progress(chain, sampler.iteration());
                clearUpperVectorState();
            }
        }
        return threadCpuSeconds() - start;
    };
    result.warmupSeconds = runPhase(true);
    result.stepSize = sampler.stepSize();
    result.inverseMetric = sampler.metric().inverse[0];
    result.samplingSeconds = runPhase(false);
    if (options.progress) options.progress(chain, sampler.iteration());
    return result;
}

void runInPool(int jobs, int threads, const std::function<void(int)>& job) {
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    const int used = std::clamp(threads > 0 ? threads : cores, 1, std::max(1, jobs));
    std::atomic<int> next{0};
    // An exception (std::bad_alloc above all) must not escape a thread, which would terminate
    // the process: the first one is kept, the other threads stop taking jobs, and it is
    // rethrown on the calling thread once all have joined.
    std::mutex failureMutex;
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    auto worker = [&] {
        try {
            for (int i = next++; i < jobs && !failed; i = next++)
                job(i);
        } catch (...) {
            const std::lock_guard lock(failureMutex);
            if (!failure) failure = std::current_exception();
            failed = true;
        }
    };
    {
        std::vector<std::jthread> pool;
        for (int t = 1; t < used; ++t)
            pool.emplace_back(worker);
        worker();
    }
    if (failure) std::rethrow_exception(failure);
}

RunResult runChains(const CouplingTarget& target, const SamplerSettings& settings,
                    const RunOptions& options) {
    RunResult run;
    run.chains.resize(static_cast<std::size_t>(settings.chains));
    const Clock::time_point start = Clock::now();
    runInPool(settings.chains, options.threads, [&](int chain) {
        run.chains[static_cast<std::size_t>(chain)] = runChain(target, settings, chain, options);
    });
    run.wallSeconds = secondsSince(start);
    run.cancelled = isCancelled(options);
    return run;
}

}  // namespace couplinglab
