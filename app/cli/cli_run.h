#pragma once

// The headless run: parse the options, check the output before any work, generate the data,
// sample, write Stan CSV files and print a summary (a table, or one JSON object). run() picks
// the one-coupling run (here), the K-unit machine (cli_machine.h) or the sweep (cli_sweep.h);
// what the summaries show is in report.h.

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/cli_options.h"
#include "app/cli/report.h"
#include "core/sampler_settings.h"

namespace couplinglab::cli {

// What the process is attached to; run(argc, argv, ...) fills it from the real process.
struct RunEnvironment {
    bool stderrIsTerminal = false;  // progress is drawn only on a terminal
    int threads = 0;                // 0: one per core, at most one per chain
};

// A reason why `output` cannot receive the chains' files, checked before sampling, or nullopt.
std::optional<std::string> outputProblem(const std::string& output, int chains);

// A reason why the chains' records would not fit in memory, or nullopt.
std::optional<std::string> memoryProblem(const SamplerSettings& settings, bool writesCsv);

// The whole program. Returns the exit status (kExitSuccess, kExitFailure, kExitUsage).
int run(std::span<const std::string_view> arguments, std::ostream& out, std::ostream& err,
        const RunEnvironment& environment);
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace couplinglab::cli
