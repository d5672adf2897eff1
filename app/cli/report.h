#pragma once

// What a run's summary shows, gathered once from its chains: the one-coupling run's Report
// (written as a table by report_table.cpp and as JSON by report_json.cpp) and the pieces the
// K-unit machine's report (machine_report.h) shares with it: each chain's figures and each
// parameter's reference and sample summary.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"
#include "core/chain_runner.h"
#include "core/diagnostics.h"
#include "core/exact_posterior.h"

namespace couplinglab::cli {

// One chain's adaptation and efficiency, post-warmup.
struct ChainReport {
    int chain = 1;  // 1-based, as in the CSV file names
    double stepSize = 0.0;
    // The one-coupling run's scalar inverse metric (a K-unit run's are matrices: machine_report.h).
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

// The figures of one chain that every report shows; the one-coupling run adds its scalar
// inverse metric and effective step size.
ChainReport chainReportOf(const ChainResult& chain);

// One parameter: its reference posterior moments and the summary of its draws.
struct ParameterReport {
    std::string name;
    double referenceMean = 0.0;
    double referenceSd = 0.0;
    Summary sample{};
};

// Everything the one-coupling summary shows.
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

// The table's closing sentence: the sample mean against the exact mean in units of MCSE.
std::string comparisonSentence(double sampleMean, double exactMean, double mcse);

}  // namespace couplinglab::cli
