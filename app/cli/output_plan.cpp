#include "app/cli/output_plan.h"

#include <filesystem>
#include <new>

#include "core/interrupt.h"
#include "core/platform/atomic_file.h"
#include "core/stan_csv.h"

namespace couplinglab::cli {

const std::vector<std::string>& plotFileStems() {
    static const std::vector<std::string> stems = {"trace",       "step-size", "tree-depth",
                                                   "acceptance",  "posterior", "trajectory",
                                                   "energy-error"};
    return stems;
}

const std::vector<std::string>& machinePlotFileStems() {
    static const std::vector<std::string> stems = {"pairs", "trajectory-position", "step-widths"};
    return stems;
}

std::vector<NamedFile> plannedOutputs(const CliOptions& options) {
    std::vector<NamedFile> outputs;
    if (options.output && options.sweepPairs.empty()) {
        for (const std::string& file : chainFileNames(*options.output, options.sampler.chains))
            outputs.push_back({"--output", file});
    }
    if (options.trajectoryOutput)
        outputs.push_back({"--trajectory-output", *options.trajectoryOutput});
    if (options.sweepOutput) outputs.push_back({"--sweep-output", *options.sweepOutput});
    if (options.animation.output)
        outputs.push_back({"--animation-output", *options.animation.output});
    if (options.machine.dataOutput)
        outputs.push_back({"--data-output", *options.machine.dataOutput});
    if (options.plots.folder) {
        const std::filesystem::path folder(*options.plots.folder);
        for (const std::string& stem :
             options.usesMachine() ? machinePlotFileStems() : plotFileStems())
            outputs.push_back({"--plots", (folder / (stem + "." + options.plots.format)).string()});
    }
    return outputs;
}

std::vector<NamedFile> plannedInputs(const CliOptions& options) {
    std::vector<NamedFile> inputs;
    if (options.session) inputs.push_back({"--session", *options.session});
    if (options.machine.dataFile) inputs.push_back({"--data", *options.machine.dataFile});
    return inputs;
}

std::optional<std::string> outputPlanProblem(const CliOptions& options) {
    const std::vector<NamedFile> outputs = plannedOutputs(options);
    // Clashes first: "the session would be replaced" says more than any property of the file.
    if (auto clash = findClash(outputs, plannedInputs(options))) return clash;
    for (const NamedFile& output : outputs) {
        if (auto problem = checkWritable(output.path)) return output.option + ": " + *problem;
    }
    return std::nullopt;
}

int stageSummarizeCommit(const std::function<std::string(OutputTransaction&)>& stage,
                         std::ostream& out, std::ostream& err) {
    auto report = [&err](const std::string& message) {
        err << kProgramName << ": " << printable(message) << '\n';
    };
    try {
        OutputTransaction transaction(&interruptRequested());
        const std::string summary = stage(transaction);
        out << summary << std::flush;
        if (!out) {
            report("cannot write the summary to standard output; no file was written");
            return kExitFailure;
        }
        transaction.commit();
    } catch (const Interrupted& interrupted) {
        report(interrupted.what());
        return interruptedExitStatus(interrupted.signal());
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& error) {
        report(std::string(error.what()) + "; no file was written or changed");
        return kExitFailure;
    }
    return kExitSuccess;
}

int reportInterruption(std::ostream& err) {
    const Interrupted interrupted(interruptSignal());
    err << prefixed(interrupted.what()) << '\n';
    return interruptedExitStatus(interrupted.signal());
}

}  // namespace couplinglab::cli
