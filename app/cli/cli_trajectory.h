#pragma once

// --trajectory I --trajectory-output FILE.csv: one iteration's whole trajectory, as the window's
// trajectory view draws it, for checking the pictures outside the application.

#include <optional>
#include <string>
#include <string_view>

#include "app/cli/cli_options.h"
#include "core/coupling_model.h"
#include "core/output_transaction.h"

namespace couplinglab::cli {

void setTrajectoryIteration(CliOptions& options, std::string_view text);
void setTrajectoryOutput(CliOptions& options, std::string_view text);
// Throws UsageError when the two options are not given together, the iteration lies past the
// run, or they are combined with a sweep.
void checkTrajectoryOptions(const CliOptions& options);
// The problem with writing the trajectory file, checked before sampling; nullopt when none.
std::optional<std::string> trajectoryProblem(const CliOptions& options);
// Replays chain 1 to the requested iteration and stages its trajectory CSV in `transaction`.
// Throws FileError when the file cannot be written.
void writeTrajectory(const CliOptions& options, const CouplingTarget& target,
                     OutputTransaction& transaction);

}  // namespace couplinglab::cli
