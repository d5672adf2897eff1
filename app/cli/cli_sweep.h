#pragma once

// couplinglab-cli --sweep-pairs LIST --sweep-output FILE.csv: the run repeated for every N of
// the list, every likelihood / divide-by-N combination and every metric setting, written as
// one CSV row per point (core/sweep.h), with the fitted log-log slopes on stdout.
//
// Which points: every other option (coupling, data seed, prior, sampler, chains, warmup,
// draws, seed) applies to each of them. A model switch that is given is held fixed and one
// that is left out is swept over both values: all four combinations by default; --likelihood L
// gives L with and without divide-by-N; --divide-by-n gives both likelihoods divided by N; both
// give exactly one. The metric is adapted (diagonal) and unit, and dense too for a machine of
// several parameters (--units K, --biases), unless --metric or --no-adapt-metric names one.

#include <ostream>
#include <string_view>
#include <vector>

#include "app/cli/cli_options.h"
#include "app/cli/cli_run.h"
#include "core/sweep.h"

namespace couplinglab::cli {

// Setters of the option table's --sweep-pairs and --sweep-output rows. setSweepPairs reads a
// comma-separated list of 1 to 100 whole numbers, each from 1 to 2000000000, in any order;
// both throw InputError with a message that does not repeat the option's name.
void setSweepPairs(CliOptions& options, std::string_view text);
void setSweepOutput(CliOptions& options, std::string_view text);

// Checks, after every option was read, that the sweep options come together and do not clash
// with those of a single run. Throws UsageError naming the option.
void checkSweepOptions(const CliOptions& options);

// The sweep the options describe (see above).
SweepSpec sweepSpecFromOptions(const CliOptions& options);

// The slope of one series against N, and what the theory says it should be (NaN when the
// theory says nothing simple, e.g. ε with an adapted metric).
struct SweepSlopes {
    SweepCombination combination;
    MetricKind metric = MetricKind::Diagonal;
    int points = 0;
    double stepSize = 0.0;
    double effectiveStepSize = 0.0;
    double sd = 0.0;
    double exactSd = 0.0;
    double absMean = 0.0;
    double absExactMean = 0.0;
    double meanLeapfrogs = 0.0;
    double expectedSd = 0.0;  // also that of the effective step, which follows the sd
    double expectedAbsMean = 0.0;
};
std::vector<SweepSlopes> sweepSlopes(const SweepSpec& spec, const std::vector<SweepPoint>& points);

// Runs the sweep, writes --sweep-output and prints the summary (a table, or JSON with --json).
// Returns the exit status.
int runSweepCommand(const CliOptions& options, std::ostream& out, std::ostream& err,
                    const RunEnvironment& environment);

}  // namespace couplinglab::cli
