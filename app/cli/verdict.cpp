#include "app/cli/verdict.h"

#include <cmath>
#include <cstdio>

#include "app/cli/cli_run.h"

namespace couplinglab::cli {
namespace {

std::string number(double value, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
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
        warnings.push_back("R-hat is " + number(d.rhat, 4) + ", above " + number(kRhatLimit, 3) +
                           " (the chains disagree)");
    } else if (std::isinf(d.rhat)) {
        warnings.emplace_back("R-hat is infinite (the chains disagree)");
    }
    const double ess = std::fmin(d.essBulk, d.essTail);
    if (!std::isnan(ess) && ess < kMinEss) {
        warnings.push_back("only " + number(ess, 3) + " effective draws (" +
                           (d.essBulk <= d.essTail ? "bulk" : "tail") + " ESS below " +
                           number(kMinEss, 3) + ")");
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

}  // namespace couplinglab::cli
