#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <vector>

#include "core/coupling_model.h"
#include "core/iteration_record.h"

namespace couplinglab {

using CouplingChain = Chain<CouplingTarget>;

struct ChainResult {
    int chain = 0;                         // 0-based
    std::vector<IterationRecord> records;  // every iteration, warmup first
    // CPU time of the chain's thread, as Stan's own elapsed times (clock()): a chain that waits
    // for a core, on a machine shared with other programs or with more chains than cores, is
    // not charged for the wait.
    double warmupSeconds = 0.0;
    double samplingSeconds = 0.0;
    double stepSize = 0.0;       // after warmup
    double inverseMetric = 1.0;  // after warmup

    std::vector<double> drawsOfW() const;  // post-warmup w
    std::int64_t postWarmupLeapfrogs() const;
    double meanTreeDepth() const;  // post-warmup
    double meanLeapfrogs() const;  // post-warmup
    int divergences() const;       // post-warmup
};

struct RunResult {
    std::vector<ChainResult> chains;
    double wallSeconds = 0.0;
    bool cancelled = false;
};

struct RunOptions {
    int threads = 0;  // 0: one per core, at most one per chain
    const std::atomic<bool>* cancel = nullptr;
    // Called from worker threads with (chain, iterations done); must be thread-safe.
    std::function<void(int, std::int64_t)> progress;
};

// Runs settings.chains independent chains of warmup + draws. Results do not depend on the
// number of threads.
RunResult runChains(const CouplingTarget& target, const SamplerSettings& settings,
                    const RunOptions& options = {});

inline bool isCancelled(const RunOptions& options) {
    return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
}

inline double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds the calling thread has used so far (CLOCK_THREAD_CPUTIME_ID).
double threadCpuSeconds();

// Runs job(0) ... job(jobs - 1) on `threads` threads (0: one per core), at most one per job,
// the calling thread included; returns when all are done. The first exception a job throws
// stops the others taking jobs and is rethrown here.
void runInPool(int jobs, int threads, const std::function<void(int)>& job);

// Runs one chain on the calling thread.
ChainResult runChain(const CouplingTarget& target, const SamplerSettings& settings, int chain,
                     const RunOptions& options = {});

}  // namespace couplinglab
