#pragma once

// The scaling lesson as a sweep over the number of pairs N.
//
// One run shows one number; the sweep shows the law behind it. With the exact Boltzmann
// likelihood the posterior sd falls like 1/√N, so a sampler with a unit metric must shrink its
// step size like 1/√N, while metric adaptation absorbs the scale and keeps ε near 1. With the
// potential-only model the posterior mean is μ0 + σ0²·C: of order ±√N for independent bits
// (W = 0), and ≈ N·tanh W, growing like N, when there is a true coupling.
//
// With several parameters (a K-unit Boltzmann machine, DESIGN.md §5) the sweep shows the second
// law: every direction narrows like 1/√N, so a diagonal metric keeps ε, but a correlation it
// cannot absorb keeps ε near the narrowest width (√κ below what a dense metric reaches) at every N.
//
// runSweep() runs the core for every (N, likelihood/divide-by-N combination, metric) and returns
// one SweepPoint for each. No Qt here.

#include <atomic>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bit_data.h"
#include "core/boltzmann_machine.h"
#include "core/coupling_model.h"
#include "core/machine_data.h"
#include "core/machine_runner.h"
#include "core/run_settings.h"
#include "core/sampler_settings.h"

namespace couplinglab {

// One way of writing the potential: which likelihood, and whether it is divided by N.
struct SweepCombination {
    Likelihood likelihood = Likelihood::PotentialOnly;
    bool divideByN = false;
    bool operator==(const SweepCombination&) const = default;
};

// The four combinations in the order the sweep reports them: potential, potential ÷ N,
// Boltzmann, Boltzmann ÷ N.
std::vector<SweepCombination> allSweepCombinations();

// Everything that determines a sweep's results.
struct SweepSpec {
    std::vector<std::uint64_t> pairs;  // the values of N, each 1..kMaxPairs, in any order
    double coupling = 0.0;   // true coupling W of the generated bits (each coupling of a machine)
    double firstBias = 0.0;  // a machine with biases: unit 1's true bias (the others are 0)
    std::uint64_t dataSeed = 1;  // the bits of every N come from this seed
    MachineShape shape;          // K = 2 without biases: the one coupling w of DESIGN.md §1
    ModelSpec prior;             // priorMean and priorSd; the switches come from below
    std::vector<SweepCombination> combinations;
    // The metrics to run: unit, diagonal (adapted) and, with more than one parameter, dense.
    std::vector<MetricKind> metrics;
    // chains, warmup, draws, seed and the rest; its metric switches are ignored (see above),
    // and each point runs with a seed derived from `seed` (pointSeed()).
    SamplerSettings sampler;
    bool operator==(const SweepSpec&) const = default;
};

inline constexpr std::size_t kMaxSweepPairs = 100;  // values of N in one sweep

// 8 log-spaced N from 10 to 10^7, all four combinations, metric adapted (diagonal) and unit,
// one chain of 1000 warmup iterations and 1000 draws.
SweepSpec defaultSweepSpec();

// `points` values from `from` to `to` (both included), evenly spaced in log N and rounded to
// whole numbers; duplicates that rounding makes at the low end are dropped, so fewer values may
// come back for a dense grid over a short range. Empty when from < 1, to < from or points < 1;
// one point gives {from}.
std::vector<std::uint64_t> logGrid(std::uint64_t from, std::uint64_t to, int points);

// nullopt when the spec can run, else the first problem found, naming it.
std::optional<std::string> validate(const SweepSpec& spec);

// The outcome at one (N, combination, metric). With several parameters, c, the means and sds
// and the effective step are those of the first (w_12); the ESS is the smallest over the
// parameters and R-hat the largest.
struct SweepPoint {
    std::uint64_t pairs = 0;
    int units = 2;
    bool biases = false;
    Likelihood likelihood = Likelihood::PotentialOnly;
    bool divideByN = false;
    MetricKind metric = MetricKind::Diagonal;
    std::int64_t c = 0;      // the sufficient statistic of this N's bits
    double exactMean = 0.0;  // with several parameters, of the Laplace approximation
    double exactSd = 0.0;
    double mean = 0.0;  // sample mean and sd of the post-warmup draws of all chains
    double sd = 0.0;
    double essBulk = 0.0;
    double rhat = 0.0;
    double stepSize = 0.0;           // adapted ε, mean over chains
    double effectiveStepSize = 0.0;  // ε·√(inverse metric): the step in units of w, mean
    // κ, the posterior's condition number in chain 1's metric's units (1 for one parameter).
    double conditionNumber = 1.0;
    double meanLeapfrogs = 0.0;  // leapfrog steps per post-warmup draw, mean over chains
    int divergences = 0;         // post-warmup, summed over chains
    double seconds = 0.0;        // wall-clock time of this point's chains

    // Not in the CSV: where the point sits in the sweep and what reproduces it.
    int index = 0;           // position in the sweep's result order (sweepJobs())
    std::uint64_t seed = 0;  // the sampler seed the point ran with

    SweepCombination combination() const { return {likelihood, divideByN}; }
    bool adaptMetric() const { return metric != MetricKind::Unit; }
    bool operator==(const SweepPoint&) const = default;
};

// One point to run, in the sweep's result order: N ascending, then the combinations in the
// spec's order, then the metric settings in the spec's order. Duplicate values are dropped.
struct SweepJob {
    int index = 0;
    std::uint64_t pairs = 0;
    SweepCombination combination;
    MetricKind metric = MetricKind::Diagonal;
    std::uint64_t seed = 0;
};
std::vector<SweepJob> sweepJobs(const SweepSpec& spec);

// The sampler seed of one point: a mix of the sweep's seed with the point's N, combination and
// metric setting (not with its position), so that a point gives the same draws in every sweep
// that contains it, whatever else the sweep contains and however it is scheduled. It lies in
// 0..kMaxPointSeed, so that the window's seed box can show it when the point is loaded.
inline constexpr std::uint64_t kMaxPointSeed = 2'147'483'646;
std::uint64_t pointSeed(std::uint64_t sweepSeed, std::uint64_t pairs,
                        const SweepCombination& combination, MetricKind metric);

// The settings of a single run that reproduces `point` of `spec` in the main view: its data,
// its model and the sweep's sampler settings with the point's metric and seed (the one-coupling
// model only: the live run has one parameter).
RunSettings pointRunSettings(const SweepSpec& spec, const SweepPoint& point);
// The data of a point of a K-unit sweep: every coupling W, unit 1's bias, the others 0.
MachineDataSpec machineDataSpec(const SweepSpec& spec, std::uint64_t pairs);

struct SweepOptions {
    int threads = 0;  // 0: one per core; at most one per point
    // Checked between iterations of every chain: a running point stops within milliseconds.
    // Generating one N's bits is not interrupted, but takes well under a second for every N up
    // to 10^9 (about 25 ms for 10^8 independent pairs).
    const std::atomic<bool>* cancel = nullptr;
    // Called once for every finished point (never for a cancelled one), one call at a time,
    // from whichever thread finished it, with how many points are done and how many there are.
    std::function<void(const SweepPoint&, int done, int total)> onPoint;
};

// Runs every point of the sweep: each N's bits are generated once, points are spread over the
// threads largest N first, and every point runs its chains with its own seed, so the results do
// not depend on the number of threads. Returns the finished points in result order; after a
// cancel, only those that finished. Throws InputError for an invalid spec before any work.
std::vector<SweepPoint> runSweep(const SweepSpec& spec, const SweepOptions& options = {});

// The CSV of a sweep: this header, then one row per point. Numbers are written by
// formatNumber() (shortest round trip), the likelihood as potential/boltzmann, the metric as
// unit/diag/dense, booleans as 0/1.
inline constexpr std::string_view kSweepCsvHeader =
    "pairs,units,biases,likelihood,divide_by_n,metric,c,exact_mean,exact_sd,mean,sd,ess_bulk,"
    "rhat,stepsize,effective_stepsize,kappa,mean_n_leapfrog,divergences,seconds";
std::string sweepCsv(std::span<const SweepPoint> points);
std::string sweepCsvRow(const SweepPoint& point);  // without the newline
// Reads what sweepCsv() wrote (index and seed are not in the file and come back as 0). Throws
// InputError naming the line that is malformed.
std::vector<SweepPoint> readSweepCsv(std::istream& in);

// Theory for the step-size plot. Stan's metric adaptation ends with the inverse metric
// (n/(n+5))·var + 1e-3·5/(n+5), where n is the length of the last slow window and var the
// variance of w over it: for a posterior narrower than about √(5e-3/n) (sd ≈ 3e-3 for n = 500,
// N ≈ 10^5 for the exact Boltzmann likelihood) the regularisation, not the posterior, sets the
// metric, and ε must fall again. These give the inverse metric and the ε the adaptation should
// arrive at for a posterior of sd `sd`, taking ε·√(inverse metric) ≈ sd.
double expectedInverseMetric(double sd, const SamplerSettings& settings);  // 1 when not adapted
double expectedStepSize(double sd, bool adaptMetric, const SamplerSettings& settings);

// Least-squares slope of log y against log x over the pairs where both are finite and > 0;
// NaN when fewer than two such pairs or all x are equal.
double logLogSlope(std::span<const double> xs, std::span<const double> ys);

}  // namespace couplinglab
