#pragma once

// The K-unit Boltzmann machine's summary: its report, gathered once from the chains, written as
// a table or as JSON (with the pieces the one-coupling summary shares: report.h,
// report_json.h), and each chain's Stan CSV.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"
#include "app/cli/report.h"
#include "core/machine_data.h"
#include "core/machine_posterior.h"
#include "core/machine_runner.h"

namespace couplinglab::cli {

// Everything the K-unit summary shows.
struct MachineReport {
    MachineShape shape;
    PatternCounts counts;
    MachineDataSpec dataSpec;
    MachinePosterior reference;
    std::vector<ParameterReport> parameters;
    std::vector<ChainReport> chains;       // in the order of the run's chains
    std::vector<double> conditionNumbers;  // per chain
    double dataSeconds = 0.0;
    std::vector<std::string> files;
    double minEssBulk = 0.0;
    double maxRhat = 0.0;
};

MachineReport makeMachineReport(const CliOptions& options, const PatternCounts& counts,
                                const MachineRunResult& run);

// A reason, naming the cause, why the results cannot be reported, or nullopt when every
// reference moment, step size and sample moment is a finite number.
std::optional<std::string> machineNonFiniteProblem(const CliOptions& options,
                                                   const MachineReport& report,
                                                   const MachineRunResult& run);

void writeMachineTable(std::ostream& out, const CliOptions& options, const MachineReport& report);
void writeMachineJson(std::ostream& out, const CliOptions& options, const MachineReport& report,
                      const MachineRunResult& run);

// One chain's draws in CmdStan's CSV layout, its parameters named w.j.k and b.k.
std::string machineCsv(const CliOptions& options, const MachineReport& report,
                       const MachineChainResult& chain);

}  // namespace couplinglab::cli
