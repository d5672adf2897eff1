#include "app/cli/verdict.h"

#include <cmath>
#include <cstdio>

#include "app/cli/report.h"
#include "app/cli/text_format.h"
#include "core/diagnostics.h"

namespace couplinglab::cli {
namespace {

// One decimal, with its sign when `withSign` (a distance above or below).
std::string oneDecimal(double value, bool withSign = false) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, withSign ? "%+.1f" : "%.1f", value);
    return buffer;
}

std::string joined(const std::vector<std::string>& phrases) {
    std::string text;
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        if (i > 0) text += i + 1 == phrases.size() ? " and " : ", ";
        text += phrases[i];
    }
    return text;
}

}  // namespace

std::vector<std::string> diagnosticWarnings(const DiagnosticsForVerdict& d) {
    std::vector<std::string> warnings;
    if (d.divergences > 0) {
        warnings.push_back(std::to_string(d.divergences) + " of " + std::to_string(d.draws) +
                           " draws after warmup were divergent");
    }
    if (std::isfinite(d.rhat) && d.rhat > kRhatLimit) {
        warnings.push_back("R-hat is " + general(d.rhat, 4) + ", above " + general(kRhatLimit, 3) +
                           " (the chains disagree)");
    } else if (std::isinf(d.rhat)) {
        warnings.emplace_back("R-hat is infinite (the chains disagree)");
    }
    const double ess = std::fmin(d.essBulk, d.essTail);
    if (!std::isnan(ess) && ess < kMinEss) {
        warnings.push_back("only " + general(ess, 3) + " effective draws (" +
                           (d.essBulk <= d.essTail ? "bulk" : "tail") + " ESS below " +
                           general(kMinEss, 3) + ")");
    }
    return warnings;
}

std::string warningSentence(const DiagnosticsForVerdict& diagnostics) {
    const std::vector<std::string> warnings = diagnosticWarnings(diagnostics);
    if (warnings.empty()) return {};
    return "The diagnostics warn: " + joined(warnings) +
           ", so the draws cannot be trusted to represent the posterior.";
}

std::string verdictSentence(double sampleMean, double exactMean, double mcse,
                            const DiagnosticsForVerdict& diagnostics) {
    const std::string warning = warningSentence(diagnostics);
    std::string comparison = comparisonSentence(sampleMean, exactMean, mcse);
    if (warning.empty()) return comparison;
    // Keep the measured distance, drop any judgement drawn from it: with these warnings the MCSE
    // is not a yardstick.
    const std::size_t judgement = comparison.find(", ");
    const std::size_t mcseAt = comparison.find(" MCSE ");
    if (mcseAt != std::string::npos && judgement != std::string::npos && judgement > mcseAt)
        comparison = comparison.substr(0, judgement) + ".";
    return warning + " " + comparison;
}

double chanceLimitInMcse(int parameters) {
    return parameters <= 1 ? 2.0 : inverseNormalCdf(1.0 - 0.025 / parameters);
}

namespace {

// "Sample mean minus reference mean, in MCSE: w.1.2 +0.4, w.1.3 -1.2, b.1 n/a."
std::string distancesLine(const std::vector<ParameterComparison>& parameters) {
    std::vector<std::string> items;
    for (const ParameterComparison& p : parameters) {
        const double z = (p.sampleMean - p.referenceMean) / p.mcse;
        items.push_back(p.name + " " + (std::isfinite(z) ? oneDecimal(z, true) : "n/a"));
    }
    std::string text = "Sample mean minus reference mean, in MCSE:";
    for (std::size_t i = 0; i < items.size(); ++i)
        text += (i == 0 ? " " : ", ") + items[i];
    return text + ".";
}

// The judgement of the largest distance, or why there is none.
std::string largestDistanceJudgement(const std::vector<ParameterComparison>& parameters,
                                     bool laplace) {
    const ParameterComparison* largest = nullptr;
    double largestZ = 0.0;
    for (const ParameterComparison& p : parameters) {
        const double z = std::abs(p.sampleMean - p.referenceMean) / p.mcse;
        if (!std::isfinite(p.mcse) || !(p.mcse > 0.0) || !std::isfinite(z)) {
            return "The MCSE of " + p.name +
                   " is undefined (too few or constant draws), so the distances cannot be judged.";
        }
        if (largest == nullptr || z > largestZ) {
            largest = &p;
            largestZ = z;
        }
    }
    if (largest == nullptr) return {};
    const int count = static_cast<int>(parameters.size());
    const double chance = chanceLimitInMcse(count);
    std::string text =
        "The largest, " + oneDecimal(largestZ) + " MCSE for " + largest->name + ", is ";
    const std::string limit = "(chance explains up to " + oneDecimal(chance) + " MCSE for " +
                              std::to_string(count) + " parameters)";
    if (largestZ < chance) {
        return text + "as close as the Monte Carlo error allows " + limit + ": " +
               (laplace ? "the draws agree with the Laplace approximation."
                        : "the sampler has found the exact posterior.");
    }
    if (largestZ < chance + 2.0) {
        return text + "a little far " + limit +
               ": more draws, or a look at R-hat and the divergences, would tell whether this "
               "is chance.";
    }
    return text + "far more than chance explains " + limit + ": " +
           (laplace ? "either the Laplace approximation is off (a skewed posterior) or the draws "
                      "do not represent the posterior (see R-hat, ESS and divergences)."
                    : "the draws do not represent the exact posterior (see R-hat, ESS and "
                      "divergences).");
}

}  // namespace

std::string severalParametersVerdict(const std::vector<ParameterComparison>& parameters,
                                     bool laplaceReference,
                                     const DiagnosticsForVerdict& diagnostics) {
    const std::string warning = warningSentence(diagnostics);
    std::string text =
        warning.empty() ? "The diagnostics raise no warning: no divergent draws, R-hat at most " +
                              general(kRhatLimit, 3) + " and at least " + general(kMinEss, 3) +
                              " effective draws for every parameter.\n"
                        : warning + '\n';
    text += distancesLine(parameters) + '\n';
    // With warnings the MCSE is no yardstick: the distances stand without a judgement.
    if (warning.empty()) text += largestDistanceJudgement(parameters, laplaceReference) + '\n';
    if (laplaceReference) {
        text +=
            "The reference is Laplace's approximation (Newton's mode and the curvature there), "
            "not the exact posterior: where the posterior is skewed, as for a bias of 3 at "
            "N = 10^4, its mean lies away from the mode by more than the MCSE.\n";
    }
    return text;
}

}  // namespace couplinglab::cli
