#pragma once

// The output policy of couplinglab-cli (README, "Exit status"), as far as it is decided before
// anything is computed: every file a run would write is listed (each chain's Stan CSV, the
// trajectory CSV, the sweep CSV, every plot file of --plots, the bits of --data-output) with
// the files it reads (--session, --data), and the run is refused (exit 2) when two outputs would
// share a file, an output would replace an input, or an output names a node that is not written (a
// folder, a FIFO, a block device, a socket, a dangling symbolic link) or lies in a folder that
// cannot be written. The writing itself goes through one OutputTransaction
// (core/output_transaction.h): all or nothing at the end of the run.

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"
#include "core/output_target.h"
#include "core/output_transaction.h"

namespace couplinglab::cli {

// The stems of the files --plots writes, one per panel of the window's plot grid
// (PlotPanel::exportName(); test_cli_plots checks that the two agree).
const std::vector<std::string>& plotFileStems();
// The files --plots writes for a K-unit machine run: pairs, trajectory-position, step-widths.
const std::vector<std::string>& machinePlotFileStems();

// Every file the invocation writes, with the option that names it.
std::vector<NamedFile> plannedOutputs(const CliOptions& options);
// Every file it reads.
std::vector<NamedFile> plannedInputs(const CliOptions& options);

// The first reason to refuse the run before computing, as one line, or nullopt.
std::optional<std::string> outputPlanProblem(const CliOptions& options);

// The end of a run: `stage` stages every file in one transaction (interrupted by SIGINT and
// SIGTERM) and returns the summary; the summary is printed, and only then are the files put in
// place. Returns the exit status: 0; 1 when a file or the summary could not be written (no file
// was then changed); 128 + the signal when interrupted. std::bad_alloc passes through.
int stageSummarizeCommit(const std::function<std::string(OutputTransaction&)>& stage,
                         std::ostream& out, std::ostream& err);

// After sampling stopped by SIGINT or SIGTERM: says so on `err` and returns 128 + the signal.
int reportInterruption(std::ostream& err);

}  // namespace couplinglab::cli
