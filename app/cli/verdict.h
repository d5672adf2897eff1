#pragma once

// The table's closing sentence. The sample mean is compared with the exact mean in units of its
// Monte Carlo standard error, but only after the diagnostics had their say: divergent
// transitions, an R-hat above 1.01 or fewer than 100 effective draws each make the MCSE itself
// untrustworthy, so the sentence then names them and never says the sampler found the exact
// posterior, however close the mean happens to lie.

#include <cstdint>
#include <string>
#include <vector>

namespace couplinglab::cli {

// What the diagnostics of a run say, for the verdict.
struct DiagnosticsForVerdict {
    std::int64_t divergences = 0;  // post-warmup, all chains
    std::int64_t draws = 0;        // post-warmup, all chains
    int chains = 1;
    double rhat = 1.0;     // NaN when undefined (too few draws)
    double essBulk = 1e9;  // NaN when undefined
    double essTail = 1e9;
};

// Stan's thresholds (Vehtari et al. 2021): R-hat below 1.01; at least 100 effective draws for
// the MCSE and R-hat estimates themselves to be reliable.
inline constexpr double kRhatLimit = 1.01;
inline constexpr double kMinEss = 100.0;

// The warnings the diagnostics raise, each a phrase ("12 of 4000 draws after warmup were
// divergent"); empty when they raise none.
std::vector<std::string> diagnosticWarnings(const DiagnosticsForVerdict& diagnostics);

// "The diagnostics warn: ..., so the draws cannot be trusted to represent the posterior." naming
// every warning, or empty when there is none.
std::string warningSentence(const DiagnosticsForVerdict& diagnostics);

// The sentence (one line, ending with '.'). With healthy diagnostics it is the comparison in
// MCSE alone (comparisonSentence in cli_run.h).
std::string verdictSentence(double sampleMean, double exactMean, double mcse,
                            const DiagnosticsForVerdict& diagnostics);

// One parameter's sample mean and its reference, for the verdict of a run with several.
struct ParameterComparison {
    std::string name;
    double sampleMean = 0.0;
    double referenceMean = 0.0;
    double mcse = 0.0;  // of the sample mean; NaN when undefined
};

// The largest distance in MCSE that chance explains for `parameters` means at once: 2 for one,
// as in the one-parameter verdict; for D, the two-sided 95 % Bonferroni bound, z(1 - 0.025 / D)
// (2.4 for 3, 2.6 for 6), so that healthy runs of many parameters are not called far by chance.
double chanceLimitInMcse(int parameters);

// The closing lines of a run with several parameters (each ending with '\n'): the diagnostics'
// warning, or that they raise none; every parameter's distance from its reference in MCSE; with
// healthy diagnostics, a judgement of the largest distance against chanceLimitInMcse; and, when
// the reference is Laplace's approximation (`laplaceReference`), that it is approximate.
std::string severalParametersVerdict(const std::vector<ParameterComparison>& parameters,
                                     bool laplaceReference,
                                     const DiagnosticsForVerdict& diagnostics);

}  // namespace couplinglab::cli
