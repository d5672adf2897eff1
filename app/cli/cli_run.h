#pragma once

// The headless run: parse the options, check the output before any work, generate the data,
// sample, write Stan CSV files and print a summary (a table, or one JSON object).

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/cli_options.h"
#include "core/chain_runner.h"
#include "core/diagnostics.h"
#include "core/exact_posterior.h"

namespace couplinglab::cli {

// What the process is attached to; run(argc, argv, ...) fills it from the real process.
struct RunEnvironment {
    bool stderrIsTerminal = false;  // progress is drawn only on a terminal
    int threads = 0;                // 0: one per core, at most one per chain
};

// One chain's adaptation and efficiency, post-warmup.
struct ChainReport {
    int chain = 1;  // 1-based, as in the CSV file names
    double stepSize = 0.0;
    double inverseMetric = 1.0;
    double effectiveStepSize = 0.0;  // stepSize * sqrt(inverseMetric): the step in units of w
    double meanTreeDepth = 0.0;
    double meanLeapfrogs = 0.0;
    double meanAcceptStat = 0.0;
    int divergences = 0;
    std::int64_t leapfrogs = 0;
    double warmupSeconds = 0.0;
    double samplingSeconds = 0.0;
};

// Everything the summary shows.
struct Report {
    CliOptions options;
    SufficientStatistic statistic;
    double exactMean = 0.0;
    double exactSd = 0.0;
    double exactMode = 0.0;
    double exactLaplaceSd = 0.0;
    Summary sample{};
    std::vector<ChainReport> chains;
    double dataSeconds = 0.0;
    double warmupSeconds = 0.0;    // sum over chains
    double samplingSeconds = 0.0;  // sum over chains
    double wallSeconds = 0.0;      // of the sampling, all chains in parallel
    int threads = 1;
    std::vector<std::string> files;  // CSV files written

    std::int64_t postWarmupDraws() const;
    std::int64_t postWarmupLeapfrogs() const;
    double drawsPerSecond() const;      // post-warmup draws / summed sampling seconds (per core)
    double gradientsPerSecond() const;  // post-warmup leapfrog steps / summed sampling seconds
};

Report makeReport(const CliOptions& options, const SufficientStatistic& statistic,
                  const ExactPosterior& exact, const RunResult& run, int threads);

void writeTable(std::ostream& out, const Report& report);
void writeJson(std::ostream& out, const Report& report);  // one object, one line, newline

// The table's closing sentence: the sample mean against the exact mean in units of MCSE.
std::string comparisonSentence(double sampleMean, double exactMean, double mcse);

// A reason why `output` cannot receive the chains' files, checked before sampling, or nullopt.
std::optional<std::string> outputProblem(const std::string& output, int chains);

// A reason why the chains' records would not fit in memory, or nullopt.
std::optional<std::string> memoryProblem(const SamplerSettings& settings, bool writesCsv);

// The whole program. Returns the exit status (kExitSuccess, kExitFailure, kExitUsage).
int run(std::span<const std::string_view> arguments, std::ostream& out, std::ostream& err,
        const RunEnvironment& environment);
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace couplinglab::cli
