#include "app/cli/cli_run.h"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <new>
#include <sstream>
#include <thread>

#include "app/cli/cli_animation.h"
#include "app/cli/cli_lesson.h"
#include "app/cli/cli_machine.h"
#include "app/cli/cli_model_code.h"
#include "app/cli/cli_plots.h"
#include "app/cli/cli_sweep.h"
#include "app/cli/cli_trajectory.h"
#include "app/cli/output_plan.h"
#include "app/cli/progress_line.h"
#include "app/cli/report_json.h"
#include "app/cli/run_checks.h"
#include "app/cli/text_format.h"
#include "app/cli/verdict.h"
#include "core/bit_data.h"
#include "core/interrupt.h"
#include "core/output_transaction.h"
#include "core/platform/atomic_file.h"
#include "core/stan_csv.h"

namespace couplinglab::cli {
namespace {

using Clock = std::chrono::steady_clock;

int threadsFor(const RunEnvironment& environment, int chains) {
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    return std::clamp(environment.threads > 0 ? environment.threads : cores, 1, chains);
}

// Stages every chain's file in the run's transaction; nothing is in place before commit().
void writeCsvFiles(const Report& report, const RunResult& run, OutputTransaction& transaction) {
    for (std::size_t k = 0; k < report.files.size(); ++k) {
        const ChainResult& chain = run.chains[k];
        const CsvRunInfo info{report.options.data,    report.statistic, report.options.model,
                              report.options.sampler, chain.chain,      chain.stepSize,
                              chain.inverseMetric};
        transaction.stage(report.files[k], stanCsv(info, chain.records));
    }
}

// ---------------------------------------------------------------------------------------------
// The run itself, after the options were parsed

// Every check that can refuse the invocation before anything is computed (exit 2).
std::optional<std::string> problemBeforeRunning(const CliOptions& options) {
    if (options.output) {
        if (auto problem = outputProblem(*options.output, options.sampler.chains))
            return "--output: " + *problem;
    }
    if (auto problem = plotsProblem(options)) return problem;
    if (auto problem = trajectoryProblem(options)) return problem;
    if (auto problem = animationProblem(options)) return problem;
    if (auto problem = outputPlanProblem(options)) return problem;
    if (auto problem = memoryProblem(options.sampler, options.output.has_value())) return problem;
    return trajectoryMemoryProblem(options);
}

// The run's files, staged and committed at the end, with the summary printed in between: a
// summary that cannot be written (a full disk behind stdout) fails the run before any file is
// put in place, so that the outputs and the summary go together or not at all.
int writeOutputs(const CliOptions& options, const Report& report, const RunResult& run,
                 const CouplingTarget& target, std::ostream& out, std::ostream& err) {
    return stageSummarizeCommit(
        [&](OutputTransaction& transaction) {
            writeCsvFiles(report, run, transaction);
            writeTrajectory(options, target, transaction);
            writePlots(options, report.statistic, run, transaction);
            writeAnimation(options, report.statistic, run, transaction);
            std::ostringstream summary;
            if (options.json) {
                writeJson(summary, report);
            } else {
                writeTable(summary, report);
            }
            return summary.str();
        },
        out, err);
}

int sample(const CliOptions& options, std::ostream& out, std::ostream& err,
           const RunEnvironment& environment) {
    if (auto problem = problemBeforeRunning(options)) {
        err << prefixed(*problem) << '\n';
        return kExitUsage;
    }
    std::vector<std::string> files;
    if (options.output) files = chainFileNames(*options.output, options.sampler.chains);

    ProgressLine progress(err, environment.stderrIsTerminal && !options.quiet);
    const Clock::time_point dataStart = Clock::now();
    SufficientStatistic statistic;
    try {
        progress.status("generating " + std::to_string(options.data.pairs) + " pairs of bits ...");
        statistic =
            BitData::generate(options.data).statistic();  // the bits themselves are not kept
    } catch (const InputError& error) {
        progress.stop();
        err << prefixed(std::string("--pairs: ") + error.what()) << '\n';
        return kExitUsage;
    }
    const double dataSeconds = std::chrono::duration<double>(Clock::now() - dataStart).count();

    const CouplingTarget target(options.model, statistic);
    const ExactPosterior exact(options.model, statistic);
    const SamplerSettings& settings = options.sampler;
    RunOptions runOptions;
    runOptions.threads = threadsFor(environment, settings.chains);
    runOptions.cancel = &interruptRequested();
    progress.follow(runOptions, settings.chains,
                    static_cast<std::int64_t>(settings.warmup) + settings.draws);
    const RunResult run = runChains(target, settings, runOptions);
    progress.stop();
    if (run.cancelled) return reportInterruption(err);

    Report report = makeReport(options, statistic, exact, run, runOptions.threads);
    report.files = std::move(files);
    report.dataSeconds = dataSeconds;
    if (auto problem = nonFiniteProblem(report)) {
        err << prefixed(*problem) << '\n';
        return kExitFailure;
    }
    return writeOutputs(options, report, run, target, out, err);
}

}  // namespace

std::optional<std::string> outputProblem(const std::string& output, int chains) {
    std::error_code error;
    if (output.ends_with('/') || std::filesystem::is_directory(output, error)) {
        return "'" + output + "' is a folder; give a file name such as " +
               (std::filesystem::path(output) / "draws.csv").lexically_normal().string();
    }
    for (const std::string& file : chainFileNames(output, chains)) {
        if (auto problem = checkWritable(file)) return problem;
    }
    return std::nullopt;
}

std::optional<std::string> memoryProblem(const SamplerSettings& settings, bool writesCsv) {
    const double iterations =
        static_cast<double>(settings.warmup) + static_cast<double>(settings.draws);
    // Every iteration's record, a copy of the post-warmup w for the diagnostics, and (with
    // --output) one chain's CSV text twice while it is built, at about 200 bytes a row.
    double bytes =
        settings.chains * (iterations * sizeof(IterationRecord) + 2.0 * 8.0 * settings.draws);
    if (writesCsv) bytes += 2.0 * 200.0 * settings.draws;
    const std::optional<std::uint64_t> available = availableMemoryBytes();
    if (!available || bytes <= 0.8 * static_cast<double>(*available)) return std::nullopt;
    return "--chains x (--warmup + --draws): " + std::to_string(settings.chains) + " x " +
           std::to_string(static_cast<std::int64_t>(iterations)) + " iterations need about " +
           gibibytes(bytes) + " of memory, but only " + gibibytes(static_cast<double>(*available)) +
           " are available; choose fewer chains, warmup iterations or draws";
}

int run(std::span<const std::string_view> arguments, std::ostream& out, std::ostream& err,
        const RunEnvironment& environment) {
    try {
        CliOptions options;
        try {
            options = parseArguments(arguments);
        } catch (const UsageError& error) {
            err << prefixed(error.what()) << '\n';
            return kExitUsage;
        }
        if (options.help || options.version) {
            out << (options.help ? helpText() : versionText()) << std::flush;
            if (out) return kExitSuccess;
            err << prefixed(std::string("cannot write the ") + (options.help ? "help" : "version") +
                            " to standard output")
                << '\n';
            return kExitFailure;
        }
        if (isLessonCommand(options))
            return runLessonCommand(options, out, err, environment.stderrIsTerminal);
        if (options.printModel) return runModelCodeCommand(options, out, err);
        if (!options.sweepPairs.empty()) return runSweepCommand(options, out, err, environment);
        if (options.usesMachine()) return runMachineCommand(options, out, err, environment);
        return sample(options, out, err, environment);
    } catch (const std::bad_alloc&) {
        err << prefixed(
                   "out of memory: the run needs more memory than this process may use "
                   "(see ulimit -v and the available memory); choose fewer chains, warmup "
                   "iterations, draws or a smaller --max-depth")
            << '\n';
        return kExitFailure;
    } catch (const std::exception& error) {
        err << prefixed(error.what()) << '\n';
        return kExitFailure;
    }
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    std::vector<std::string_view> arguments;
    for (int i = 1; i < argc; ++i)
        arguments.emplace_back(argv[i]);
    RunEnvironment environment;
    environment.stderrIsTerminal = &err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
    installInterruptHandlers();  // the process's own: tests calling run() in process keep theirs
    return run(arguments, out, err, environment);
}

}  // namespace couplinglab::cli
