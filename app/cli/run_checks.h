#pragma once

// Checks of a single run that are not about files: the memory a trajectory needs (before
// anything is computed), results that are not finite (after the run), and what the
// diagnostics say, for the verdict.

#include <optional>
#include <string>

#include "app/cli/cli_options.h"
#include "app/cli/report.h"
#include "app/cli/verdict.h"

namespace couplinglab::cli {

// --trajectory records every leapfrog point of one iteration: up to 2^--max-depth of them
// with NUTS. A reason why the worst case would not fit in memory, or nullopt.
std::optional<std::string> trajectoryMemoryProblem(const CliOptions& options);

// Why results may not be finite, appended to the reason: "; the prior (mean M, sd S) or the
// sampler settings put PARAMETERS or the energy beyond the range of a double".
std::string nonFiniteCause(const ModelSpec& model, const std::string& parameters);

// A reason, naming the cause, why the run's results cannot be reported: a sample mean or sd,
// an exact mean or sd or an adapted step size that is not a finite number. nullopt when all
// are finite.
std::optional<std::string> nonFiniteProblem(const Report& report);

// The report's diagnostics, as the verdict reads them.
DiagnosticsForVerdict diagnosticsOf(const Report& report);

}  // namespace couplinglab::cli
