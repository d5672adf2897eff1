#pragma once

// couplinglab-cli --plots DIR [--plot-format png|jpg|pdf|svg] [--plot-size WxH]
// [--plot-scale F] and --session FILE.
//
// --plots draws, after the run, the same plot classes as the window (ui/plots, PlotGrid) with
// the same exporter (ui/files/plot_exporter.h) into DIR: one file per panel of
// PlotGrid::panels(), named as the window names them (trace.png, step-size.png,
// tree-depth.png, acceptance.png, posterior.png, trajectory.png, energy-error.png, ...).
//  - A QApplication is created only then, on the offscreen platform unless QT_QPA_PLATFORM is
//    set, so no display is needed.
//  - The time series show the whole run (warmup and draws, at most 10^6 iterations), or the
//    trace window of the --session when one is given.
//  - The trajectory panels show chain 1's last iteration, as the window does at the end of a
//    run: chain 1 is run again (same seed, same draws) with that trajectory recorded. Runs of
//    more than 10^6 iterations per chain are not replayed; those panels then show their hint.
//  - DIR must be an existing, writable folder, and none of the files may clash with another
//    output or be a folder, FIFO, ..., checked before sampling (exit 2; app/cli/output_plan.h).
//    Every file is rendered first and staged in the run's OutputTransaction with the CSV files:
//    all are put in place together at the end, and a failure (exit 1) leaves DIR as it was.

// --session FILE reads a session saved by the window (ui/settings/session.h) and runs its data,
// model and sampler settings (including Stan's constants). Options given explicitly win over the
// session's values, wherever they stand on the command line: `--session s.json --seed 7` runs
// the session with seed 7. A session that is refused exits 2 naming the file and the field.
// (An option added to the table that changes RunSettings needs a row in kSettingOptions in
// cli_plots.cpp, so that it wins over a session too.)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/cli_options.h"
#include "core/chain_runner.h"
#include "core/machine_data.h"
#include "core/machine_runner.h"
#include "core/output_transaction.h"

namespace couplinglab::cli {

// Setters of the option table's rows; they throw InputError with a message that does not
// repeat the option's name.
void setPlotsFolder(CliOptions& options, std::string_view text);
void setPlotFormat(CliOptions& options, std::string_view text);  // png|jpg|jpeg|pdf|svg
void setPlotSize(CliOptions& options, std::string_view text);    // WxH, each 50 to 10000
void setPlotScale(CliOptions& options, std::string_view text);   // 0.25 to 4
void setSession(CliOptions& options, std::string_view text);

// After every option was read: --plot-* need --plots, --plots does not go with --sweep-pairs,
// and size × scale must stay within the exporter's limits. Throws UsageError naming the option.
void checkPlotOptions(const CliOptions& options);

// A reason, starting with "--plots: ", why the plots cannot be written into the folder;
// checked before sampling. nullopt without --plots.
std::optional<std::string> plotsProblem(const CliOptions& options);

// Draws every panel of the window's plot grid for `run` and stages one file per panel in
// options.plots.folder in `transaction` (nothing is in place before its commit()). Returns the
// paths staged. Throws std::runtime_error naming the file and the reason.
std::vector<std::string> writePlots(const CliOptions& options, const SufficientStatistic& statistic,
                                    const RunResult& run, OutputTransaction& transaction);
// The same for a K-unit machine run: the Boltzmann machine tab's pairs view, chain 1's last
// trajectory in position space and the step widths, for the most correlated pair of parameters
// (pairs, trajectory-position, step-widths).
std::vector<std::string> writeMachinePlots(const CliOptions& options,
                                           const MachineDataSpec& dataSpec,
                                           const PatternCounts& counts, const MachineRunResult& run,
                                           OutputTransaction& transaction);

}  // namespace couplinglab::cli
