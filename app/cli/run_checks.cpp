#include "app/cli/run_checks.h"

#include <cmath>

#include "app/cli/text_format.h"
#include "core/bit_data.h"
#include "core/trajectory_record.h"

namespace couplinglab::cli {
namespace {

// One CSV row of the trajectory: ten fields, four of them doubles in full precision.
constexpr double kTrajectoryCsvRowBytes = 120.0;

}  // namespace

std::optional<std::string> trajectoryMemoryProblem(const CliOptions& options) {
    if (!options.trajectoryIteration) return std::nullopt;
    const SamplerSettings& s = options.sampler;
    const double points = s.algorithm == Algorithm::Nuts ? std::ldexp(1.0, s.maxDepth)
                                                         : static_cast<double>(s.leapfrogSteps) + 1;
    // The points (a vector that may double while it grows), one U-turn check each at most, and
    // the CSV text, which is copied once while it is written.
    const double bytes = points * (2.0 * sizeof(TrajectoryPoint) + sizeof(UTurnEvent) +
                                   2.0 * kTrajectoryCsvRowBytes);
    const std::optional<std::uint64_t> available = availableMemoryBytes();
    if (!available || bytes <= 0.8 * static_cast<double>(*available)) return std::nullopt;
    return "--trajectory: a NUTS trajectory of --max-depth " + std::to_string(s.maxDepth) +
           " has up to " + general(points, 6) + " points, which need about " + gibibytes(bytes) +
           " of memory, but only " + gibibytes(static_cast<double>(*available)) +
           " are available; choose a smaller --max-depth";
}

std::string nonFiniteCause(const ModelSpec& model, const std::string& parameters) {
    return "; the prior (mean " + general(model.priorMean, 6) + ", sd " +
           general(model.priorSd, 6) + ") or the sampler settings put " + parameters +
           " or the energy beyond the range of a double";
}

std::optional<std::string> nonFiniteProblem(const Report& report) {
    const std::string cause = nonFiniteCause(report.options.model, "w");
    if (!std::isfinite(report.exactMean) || !std::isfinite(report.exactSd))
        return "the exact posterior's mean or sd is not a finite number" + cause;
    for (const ChainReport& chain : report.chains) {
        if (!std::isfinite(chain.stepSize) || !(chain.stepSize > 0.0)) {
            return "chain " + std::to_string(chain.chain) + " adapted its step size to " +
                   general(chain.stepSize, 6) + ", not a finite positive number" + cause;
        }
    }
    // One draw in all has no sd; that is not a failure.
    if (!std::isfinite(report.sample.mean) ||
        (report.sample.draws >= 2 && !std::isfinite(report.sample.sd)))
        return "the draws' mean or sd is not a finite number" + cause;
    return std::nullopt;
}

DiagnosticsForVerdict diagnosticsOf(const Report& report) {
    DiagnosticsForVerdict d;
    for (const ChainReport& chain : report.chains)
        d.divergences += chain.divergences;
    d.draws = report.postWarmupDraws();
    d.chains = static_cast<int>(report.chains.size());
    d.rhat = report.sample.rhat;
    d.essBulk = report.sample.essBulk;
    d.essTail = report.sample.essTail;
    return d;
}

}  // namespace couplinglab::cli
