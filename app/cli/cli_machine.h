#pragma once

// The K-unit Boltzmann machine from the command line (--units, --biases, --metric dense,
// --data, ...): data, sampling, reference posterior, per-parameter diagnostics, Stan CSV, and
// a table or one JSON object.

#include <ostream>

#include "app/cli/cli_options.h"
#include "app/cli/cli_run.h"

namespace couplinglab::cli {

int runMachineCommand(const CliOptions& options, std::ostream& out, std::ostream& err,
                      const RunEnvironment& environment);

}  // namespace couplinglab::cli
