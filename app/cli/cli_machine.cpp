#include "app/cli/cli_machine.h"

#include <chrono>
#include <sstream>

#include "app/cli/cli_plots.h"
#include "app/cli/machine_report.h"
#include "app/cli/output_plan.h"
#include "app/cli/progress_line.h"
#include "core/interrupt.h"
#include "core/machine_data_io.h"
#include "core/stan_csv.h"

namespace couplinglab::cli {
namespace {

using Clock = std::chrono::steady_clock;

// The spec of the bits to generate; couplings default to --coupling W, biases to 0.
MachineDataSpec dataSpecOf(const CliOptions& options) {
    const MachineShape shape{options.machine.units, true};
    MachineDataSpec spec;
    spec.units = options.machine.units;
    spec.couplings = options.machine.trueCouplings;
    if (spec.couplings.empty())
        spec.couplings.assign(static_cast<std::size_t>(shape.couplings()), options.data.coupling);
    spec.biases = options.machine.trueBiases;
    spec.observations = options.data.pairs;
    spec.seed = options.data.seed;
    return spec;
}

// A problem with the list lengths, named by the option that carries them, or an option that
// exists only for the one-coupling model.
std::optional<std::string> listProblem(const CliOptions& options) {
    for (const char* oneCouplingOnly : {"trajectory", "trajectory-output", "session"}) {
        if (options.wasGiven(oneCouplingOnly)) {
            return std::string("--") + oneCouplingOnly +
                   ": is available only for the one-coupling model (K = 2 without biases, "
                   "unit or diagonal metric)";
        }
    }
    if (options.machine.dataFile) return std::nullopt;
    const MachineDataSpec spec = dataSpecOf(options);
    const MachineShape shape{spec.units, false};
    if (static_cast<int>(spec.couplings.size()) != shape.couplings()) {
        return "--true-couplings: K = " + std::to_string(spec.units) + " units need " +
               std::to_string(shape.couplings()) + " couplings, not " +
               std::to_string(spec.couplings.size());
    }
    if (!spec.biases.empty() && static_cast<int>(spec.biases.size()) != spec.units) {
        return "--true-biases: K = " + std::to_string(spec.units) + " units need " +
               std::to_string(spec.units) + " biases, not " + std::to_string(spec.biases.size());
    }
    if (auto problem = validate(spec)) return "--pairs: " + *problem;
    return std::nullopt;
}

// Every check that can refuse the invocation before anything is computed (exit 2): the
// same output policy as the one-coupling run (output_plan.h).
std::optional<std::string> problemBeforeRunning(const CliOptions& options) {
    if (auto problem = listProblem(options)) return problem;
    if (options.output) {
        if (auto problem = outputProblem(*options.output, options.sampler.chains))
            return "--output: " + *problem;
    }
    if (auto problem = outputPlanProblem(options)) return problem;
    if (auto problem = plotsProblem(options)) return problem;
    return memoryProblem(options.sampler, options.output.has_value());
}

// The bits of --data-output and each chain's CSV, staged and committed after the summary was
// printed: all of them or none.
int writeOutputs(const CliOptions& options, const MachineReport& report,
                 const MachineRunResult& run, const MachineData& data, const PatternCounts& counts,
                 std::ostream& out, std::ostream& err) {
    return stageSummarizeCommit(
        [&](OutputTransaction& transaction) {
            if (options.machine.dataOutput)
                transaction.stage(*options.machine.dataOutput, bitsCsv(data));
            for (std::size_t c = 0; c < report.files.size(); ++c)
                transaction.stage(report.files[c], machineCsv(options, report, run.chains[c]));
            writeMachinePlots(options, report.dataSpec, counts, run, transaction);
            std::ostringstream summary;
            if (options.json) {
                writeMachineJson(summary, options, report, run);
            } else {
                writeMachineTable(summary, options, report);
            }
            return summary.str();
        },
        out, err);
}

}  // namespace

int runMachineCommand(const CliOptions& options, std::ostream& out, std::ostream& err,
                      const RunEnvironment& environment) {
    if (auto problem = problemBeforeRunning(options)) {
        err << prefixed(*problem) << '\n';
        return kExitUsage;
    }
    ProgressLine progress(err, environment.stderrIsTerminal && !options.quiet);
    const Clock::time_point dataStart = Clock::now();
    std::optional<MachineData> data;
    try {
        progress.status(options.machine.dataFile
                            ? "reading " + *options.machine.dataFile + " ..."
                            : "generating " + std::to_string(options.data.pairs) +
                                  " observations of " + std::to_string(options.machine.units) +
                                  " units ...");
        data = options.machine.dataFile ? readBitsFile(*options.machine.dataFile)
                                        : MachineData::generate(dataSpecOf(options));
    } catch (const InputError& error) {
        progress.stop();
        err << prefixed(std::string(options.machine.dataFile ? "--data: " : "--pairs: ") +
                        error.what())
            << '\n';
        return kExitUsage;
    }
    const PatternCounts counts = data->patternCounts(options.machine.biases);
    const double dataSeconds = std::chrono::duration<double>(Clock::now() - dataStart).count();

    RunOptions runOptions;
    runOptions.threads = environment.threads;
    runOptions.cancel = &interruptRequested();
    progress.follow(runOptions, options.sampler.chains,
                    static_cast<std::int64_t>(options.sampler.warmup) + options.sampler.draws);
    const MachineRunResult run =
        runMachineChains(options.model, counts, options.sampler, runOptions);
    progress.stop();
    if (run.cancelled) return reportInterruption(err);
    MachineReport report = makeMachineReport(options, counts, run);
    report.dataSpec = dataSpecOf(options);
    report.dataSeconds = dataSeconds;
    if (options.output) report.files = chainFileNames(*options.output, options.sampler.chains);
    if (auto problem = machineNonFiniteProblem(options, report, run)) {
        err << prefixed(*problem) << '\n';
        return kExitFailure;
    }
    return writeOutputs(options, report, run, *data, counts, out, err);
}

}  // namespace couplinglab::cli
