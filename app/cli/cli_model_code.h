#pragma once

// couplinglab-cli --print-model stan|pymc|numpyro: prints the model the other options describe
//   (--units, --biases, --likelihood, --divide-by-n, the prior and the sampler settings) as a
//   complete program in that language (core/model_code.h), which reads the bits from bits.csv
//   as --data-output writes them, and exits without sampling.

#include <ostream>
#include <vector>

#include "app/cli/cli_options.h"

namespace couplinglab::cli {

// The --print-model row of the option table.
std::vector<OptionSpec> modelCodeOptions();

// After every option was read: --print-model runs nothing, so the options that name the run's
// outputs or data files are refused with it. Throws UsageError naming the option.
void checkModelCodeOptions(const CliOptions& options);

// Prints the program; returns the exit status.
int runModelCodeCommand(const CliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace couplinglab::cli
