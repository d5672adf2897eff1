#include "app/cli/cli_trajectory.h"

#include "core/platform/atomic_file.h"
#include "core/trajectory_csv.h"

namespace couplinglab::cli {
namespace {

UsageError usage(const std::string& option, const std::string& problem) {
    return UsageError(option, option + ": " + problem);
}

}  // namespace

void setTrajectoryIteration(CliOptions& options, std::string_view text) {
    const std::int64_t iteration = parseWholeNumber(text);
    if (iteration < 1)
        throw InputError(
            "the iteration must be at least 1 (iterations count from 1, warmup included)");
    options.trajectoryIteration = iteration;
}

void setTrajectoryOutput(CliOptions& options, std::string_view text) {
    if (text.empty()) throw InputError("the file name is empty");
    options.trajectoryOutput = std::string(text);
}

void checkTrajectoryOptions(const CliOptions& options) {
    const bool iteration = options.wasGiven("trajectory");
    const bool output = options.wasGiven("trajectory-output");
    if (iteration && !output && options.animation.kind != "trajectory") {
        throw usage("--trajectory",
                    "needs --trajectory-output FILE.csv to write the trajectory to, or "
                    "--animation trajectory to animate it");
    }
    if (!iteration && output) {
        throw usage("--trajectory-output", "says where to write a trajectory; add --trajectory I");
    }
    if (!iteration) return;
    if (options.wasGiven("sweep-pairs")) {
        throw usage("--trajectory", "records an iteration of a single run, not of a sweep");
    }
    const std::int64_t last =
        static_cast<std::int64_t>(options.sampler.warmup) + options.sampler.draws;
    if (*options.trajectoryIteration > last) {
        throw usage("--trajectory", "iteration " + std::to_string(*options.trajectoryIteration) +
                                        " is past the run's last, " + std::to_string(last) +
                                        " (--warmup + --draws)");
    }
}

std::optional<std::string> trajectoryProblem(const CliOptions& options) {
    if (!options.trajectoryOutput) return std::nullopt;
    if (auto problem = checkWritable(*options.trajectoryOutput))
        return "--trajectory-output: " + *problem;
    return std::nullopt;
}

void writeTrajectory(const CliOptions& options, const CouplingTarget& target,
                     OutputTransaction& transaction) {
    if (!options.trajectoryIteration || !options.trajectoryOutput) return;
    const TrajectoryRecord record =
        recordTrajectory(target, options.sampler, 0, *options.trajectoryIteration);
    transaction.stage(*options.trajectoryOutput, trajectoryCsv(record));
}

}  // namespace couplinglab::cli
