#include "app/cli/cli_run.h"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <new>
#include <sstream>
#include <thread>

#include "app/cli/cli_machine.h"
#include "app/cli/cli_plots.h"
#include "app/cli/cli_sweep.h"
#include "app/cli/cli_trajectory.h"
#include "app/cli/json_writer.h"
#include "app/cli/output_plan.h"
#include "app/cli/progress_line.h"
#include "app/cli/run_checks.h"
#include "app/cli/verdict.h"
#include "core/atomic_file.h"
#include "core/bit_data.h"
#include "core/interrupt.h"
#include "core/output_transaction.h"
#include "core/stan_csv.h"

#ifndef COUPLINGLAB_VERSION
#define COUPLINGLAB_VERSION "unknown"
#endif

namespace couplinglab::cli {
namespace {

using Clock = std::chrono::steady_clock;

// printf-style formatting of one double.
std::string printed(const char* format, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// A number for the table: `digits` significant digits, "n/a" when undefined.
std::string sig(double value, int digits = 6) {
    if (std::isnan(value)) return "n/a";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
}

std::string fixed(double value, int decimals) {
    if (!std::isfinite(value)) return sig(value);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string gibibytes(double bytes) {
    return printed("%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
}

std::string padRight(std::string text, std::size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}

std::string padLeft(std::string text, std::size_t width) {
    if (text.size() < width) text.insert(0, width - text.size(), ' ');
    return text;
}

// ---------------------------------------------------------------------------------------------
// Checks before any work

double meanAcceptStat(const ChainResult& chain) {
    double sum = 0.0;
    double count = 0.0;
    for (const IterationRecord& r : chain.records) {
        if (!r.warmup) {
            sum += r.acceptStat;
            count += 1.0;
        }
    }
    return count > 0 ? sum / count : std::nan("");
}

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
// The table

struct Row {
    std::string label;
    std::string value;
    std::string note;
};

// Label, value and note columns; every block of the table starts its values at kValueColumn.
constexpr std::size_t kValueColumn = 28;

void writeRows(std::ostream& out, const std::vector<Row>& rows) {
    std::size_t valueWidth = 0;
    for (const Row& row : rows)
        valueWidth = std::max(valueWidth, row.value.size());
    for (const Row& row : rows) {
        std::string line = padRight("  " + row.label, kValueColumn);
        line += row.note.empty() ? row.value : padRight(row.value, valueWidth + 2) + row.note;
        out << line << '\n';
    }
}

// Seconds with three significant digits, at least to the millisecond.
std::string seconds(double value) {
    return (value < 1.0 ? fixed(value, 3) : sig(value, 3)) + " s";
}

// A rate in whole units with thousands separated by commas.
std::string grouped(double value) {
    if (!std::isfinite(value)) return sig(value);
    const std::string digits = fixed(std::round(std::abs(value)), 0);
    std::string result = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) result += ',';
        result += digits[i];
    }
    return result;
}

std::string likelihoodText(const ModelSpec& model) {
    return model.likelihood == Likelihood::ExactBoltzmann
               ? "exact Boltzmann: L(w) = w*C - N*log(4 cosh w)"
               : "potential only: L(w) = w*C";
}

std::string samplerText(const SamplerSettings& s) {
    std::string text = s.algorithm == Algorithm::Nuts
                           ? "NUTS, max tree depth " + std::to_string(s.maxDepth)
                           : "static HMC, " + std::to_string(s.leapfrogSteps) + " leapfrog steps";
    text += s.adaptStepSize ? "; step size adapted to delta = " + sig(s.targetAccept)
                            : "; step size fixed at " + sig(s.stepSize);
    text += s.adaptMetric ? "; metric adapted" : "; unit metric";
    return text;
}

void writeChainTable(std::ostream& out, const std::vector<ChainReport>& chains) {
    const std::vector<std::string> headings = {
        "chain",      "step size",      "inv metric", "eps*sqrt(inv metric)",
        "mean depth", "mean leapfrogs", "accept",     "divergences"};
    std::vector<std::vector<std::string>> cells;
    for (const ChainReport& c : chains) {
        cells.push_back({std::to_string(c.chain), sig(c.stepSize, 4), sig(c.inverseMetric, 4),
                         sig(c.effectiveStepSize, 4), fixed(c.meanTreeDepth, 2),
                         fixed(c.meanLeapfrogs, 2), fixed(c.meanAcceptStat, 3),
                         std::to_string(c.divergences)});
    }
    std::vector<std::size_t> widths;
    for (const std::string& heading : headings)
        widths.push_back(heading.size());
    for (const auto& row : cells) {
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    auto line = [&](const std::vector<std::string>& row) {
        std::string text;
        for (std::size_t i = 0; i < row.size(); ++i) {
            text += "  ";
            text += padLeft(row[i], widths[i]);
        }
        out << text << '\n';
    };
    line(headings);
    for (const auto& row : cells)
        line(row);
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
    if (run.cancelled) {
        const Interrupted interrupted(interruptSignal());
        err << prefixed(interrupted.what()) << '\n';
        return interruptedExitStatus(interrupted.signal());
    }

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

std::int64_t Report::postWarmupDraws() const {
    return static_cast<std::int64_t>(chains.size()) * options.sampler.draws;
}

std::int64_t Report::postWarmupLeapfrogs() const {
    std::int64_t total = 0;
    for (const ChainReport& chain : chains)
        total += chain.leapfrogs;
    return total;
}

double Report::drawsPerSecond() const {
    return static_cast<double>(postWarmupDraws()) / samplingSeconds;
}

double Report::gradientsPerSecond() const {
    return static_cast<double>(postWarmupLeapfrogs()) / samplingSeconds;
}

Report makeReport(const CliOptions& options, const SufficientStatistic& statistic,
                  const ExactPosterior& exact, const RunResult& run, int threads) {
    Report report;
    report.options = options;
    report.statistic = statistic;
    report.exactMean = exact.mean();
    report.exactSd = exact.sd();
    report.exactMode = exact.mode();
    report.exactLaplaceSd = exact.laplaceSd();
    report.wallSeconds = run.wallSeconds;
    report.threads = threads;

    std::vector<std::vector<double>> draws;
    for (const ChainResult& chain : run.chains) {
        draws.push_back(chain.drawsOfW());
        ChainReport c;
        c.chain = chain.chain + 1;
        c.stepSize = chain.stepSize;
        c.inverseMetric = chain.inverseMetric;
        c.effectiveStepSize = chain.stepSize * std::sqrt(chain.inverseMetric);
        c.meanTreeDepth = chain.meanTreeDepth();
        c.meanLeapfrogs = chain.meanLeapfrogs();
        c.meanAcceptStat = meanAcceptStat(chain);
        c.divergences = chain.divergences();
        c.leapfrogs = chain.postWarmupLeapfrogs();
        c.warmupSeconds = chain.warmupSeconds;
        c.samplingSeconds = chain.samplingSeconds;
        report.warmupSeconds += chain.warmupSeconds;
        report.samplingSeconds += chain.samplingSeconds;
        report.chains.push_back(c);
    }
    const ChainSpans spans(draws.begin(), draws.end());
    report.sample = summarize(spans);
    return report;
}

std::string comparisonSentence(double sampleMean, double exactMean, double mcse) {
    const std::string sample = sig(sampleMean, 5);
    const std::string target = sig(exactMean, 5);
    if (!std::isfinite(sampleMean) || !std::isfinite(exactMean)) {
        return "The sample mean " + sample + " cannot be compared with the exact mean " + target +
               " because one of them is not a finite number.";
    }
    if (!std::isfinite(mcse) || !(mcse > 0.0)) {
        return "The sample mean " + sample + " differs from the exact mean " + target + " by " +
               sig(sampleMean - exactMean, 3) +
               ", but its Monte Carlo standard error is undefined (too few or constant draws), so "
               "the "
               "difference cannot be judged.";
    }
    const double z = (sampleMean - exactMean) / mcse;
    std::string sentence = "The sample mean " + sample + " lies " + fixed(std::abs(z), 1) +
                           " MCSE " + (z >= 0 ? "above" : "below") + " the exact mean " + target;
    if (std::abs(z) < 2.0) {
        sentence +=
            ", as close as the Monte Carlo error allows: "
            "the sampler has found the exact posterior.";
    } else if (std::abs(z) < 4.0) {
        sentence +=
            ", a little far: more draws, or a look at R-hat and the divergences, "
            "would tell whether this is chance.";
    } else {
        sentence +=
            ", far more than chance explains: the draws do not represent the exact "
            "posterior (see R-hat, ESS and divergences).";
    }
    return sentence;
}

void writeTable(std::ostream& out, const Report& report) {
    const CliOptions& o = report.options;
    const SufficientStatistic& data = report.statistic;
    const SamplerSettings& s = o.sampler;
    const Summary& sample = report.sample;

    out << "Coupling Lab: posterior of the coupling weight w\n\nData\n";
    writeRows(
        out,
        {
            {"pairs N", std::to_string(data.pairs), ""},
            {"true coupling W", sig(o.data.coupling), "data seed " + std::to_string(o.data.seed)},
            {"C = sum of sx*sy", std::to_string(data.c), "= N - 2 * Hamming(X, Y)"},
            {"agreement fraction", sig(data.agreementFraction()),
             std::to_string(data.agreements()) + " of " + std::to_string(data.pairs) +
                 " pairs agree"},
            {"C/N", sig(data.cOverN()), ""},
            {"atanh(C/N)", sig(std::atanh(data.cOverN())), "where the Boltzmann likelihood peaks"},
        });
    out << "\nModel\n";
    writeRows(out,
              {
                  {"likelihood", likelihoodText(o.model), ""},
                  {"divide by N", o.model.divideByN ? "yes: s = 1/N" : "no: s = 1", ""},
                  {"prior",
                   "w ~ Normal(" + sig(o.model.priorMean) + ", " + sig(o.model.priorSd) + ")", ""},
              });

    auto meanSd = [](double mean, double sd) { return padRight(sig(mean), 14) + sig(sd); };
    out << '\n' << padRight("Posterior of w", kValueColumn) << padRight("mean", 14) << "sd\n";
    writeRows(out, {
                       {"exact", meanSd(report.exactMean, report.exactSd),
                        o.model.likelihood == Likelihood::PotentialOnly ? "Gaussian, closed form"
                                                                        : "Newton and quadrature"},
                       {"sample", meanSd(sample.mean, sample.sd),
                        std::to_string(sample.draws) + " draws (" + std::to_string(s.chains) +
                            " x " + std::to_string(s.draws) + ")"},
                   });
    out << "\nSample diagnostics\n";
    writeRows(out, {
                       {"MCSE of the mean", sig(sample.mcseMean, 3), "in units of w"},
                       {"bulk ESS", fixed(sample.essBulk, 0), "effective draws"},
                       {"tail ESS", fixed(sample.essTail, 0), "effective draws"},
                       {"R-hat", fixed(sample.rhat, 4), "below 1.01 is good"},
                   });

    out << "\nAdaptation per chain\n  " << samplerText(s) << "; " << s.warmup
        << " warmup iterations\n";
    writeChainTable(out, report.chains);
    out << "  step size in units of sqrt(inverse metric); eps*sqrt(inv metric) in units of w;\n"
        << "  depth, leapfrogs, accept and divergences over the draws after warmup\n";

    out << "\nTiming\n";
    const std::string summed =
        "summed over " + std::to_string(s.chains) + (s.chains == 1 ? " chain" : " chains");
    const std::string threads = std::to_string(s.chains) + (s.chains == 1 ? " chain" : " chains") +
                                " on " + std::to_string(report.threads) +
                                (report.threads == 1 ? " thread" : " threads");
    writeRows(out,
              {
                  {"data generation", seconds(report.dataSeconds), ""},
                  {"warmup", seconds(report.warmupSeconds), summed},
                  {"sampling", seconds(report.samplingSeconds), summed},
                  {"wall clock", seconds(report.wallSeconds), threads},
                  {"draws", grouped(report.drawsPerSecond()) + " /s", "after warmup, per core"},
                  {"gradients", grouped(report.gradientsPerSecond()) + " /s",
                   "leapfrog steps after warmup, per core"},
              });
    if (!report.files.empty()) {
        out << "\nStan CSV\n";
        for (const std::string& file : report.files)
            out << "  " << file << '\n';
    }
    out << '\n'
        << verdictSentence(sample.mean, report.exactMean, sample.mcseMean, diagnosticsOf(report))
        << '\n';
}

void writeJson(std::ostream& out, const Report& report) {
    const CliOptions& o = report.options;
    const SamplerSettings& s = o.sampler;
    const Summary& sample = report.sample;
    JsonWriter json(out);
    json.beginObject();
    json.key("program").value(kProgramName).key("version").value(COUPLINGLAB_VERSION);

    json.key("data").beginObject();
    json.key("pairs").value(report.statistic.pairs).key("c").value(report.statistic.c);
    json.key("agreement").value(report.statistic.agreementFraction());
    json.key("coupling").value(o.data.coupling).key("seed").value(o.data.seed);
    json.key("c_over_n").value(report.statistic.cOverN());
    json.key("atanh_c_over_n").value(std::atanh(report.statistic.cOverN()));
    json.key("seconds").value(report.dataSeconds);
    json.endObject();

    json.key("model").beginObject();
    json.key("likelihood")
        .value(toString(o.model.likelihood))
        .key("divide_by_n")
        .value(o.model.divideByN);
    json.key("prior_mean").value(o.model.priorMean).key("prior_sd").value(o.model.priorSd);
    json.endObject();

    json.key("sampler").beginObject();
    json.key("algorithm").value(toString(s.algorithm)).key("leapfrog_steps").value(s.leapfrogSteps);
    json.key("adapt_step_size").value(s.adaptStepSize).key("step_size").value(s.stepSize);
    json.key("target_accept").value(s.targetAccept).key("adapt_metric").value(s.adaptMetric);
    json.key("max_depth")
        .value(s.maxDepth)
        .key("warmup")
        .value(s.warmup)
        .key("draws")
        .value(s.draws);
    json.key("chains").value(s.chains).key("seed").value(s.seed);
    json.endObject();

    json.key("exact").beginObject();
    json.key("mean").value(report.exactMean).key("sd").value(report.exactSd);
    json.key("mode").value(report.exactMode).key("laplace_sd").value(report.exactLaplaceSd);
    json.endObject();

    json.key("sample").beginObject();
    json.key("mean")
        .value(sample.mean)
        .key("sd")
        .value(sample.sd)
        .key("mcse_mean")
        .value(sample.mcseMean);
    json.key("ess_bulk")
        .value(sample.essBulk)
        .key("ess_tail")
        .value(sample.essTail)
        .key("rhat")
        .value(sample.rhat);
    json.key("draws").value(static_cast<std::uint64_t>(sample.draws));
    json.key("mean_error_in_mcse").value((sample.mean - report.exactMean) / sample.mcseMean);
    json.endObject();

    // The K-unit machine's keys (app/cli/cli_machine.cpp), here for its one parameter w; a
    // 1 x 1 covariance has condition number 1 in any metric.
    json.key("parameters").beginArray().beginObject().key("name").value("w");
    json.key("reference").beginObject().key("kind").value("exact");
    json.key("mean").value(report.exactMean).key("sd").value(report.exactSd).endObject();
    json.key("sample").beginObject().key("mean").value(sample.mean).key("sd").value(sample.sd);
    json.key("mcse_mean").value(sample.mcseMean).key("ess_bulk").value(sample.essBulk);
    json.key("ess_tail").value(sample.essTail).key("rhat").value(sample.rhat);
    json.endObject().endObject().endArray();
    json.key("metric").value(s.adaptMetric ? "diag" : "unit").key("condition_number").value(1.0);

    json.key("chains").beginArray();
    for (const ChainReport& c : report.chains) {
        json.beginObject();
        json.key("chain")
            .value(c.chain)
            .key("stepsize")
            .value(c.stepSize)
            .key("inv_metric")
            .value(c.inverseMetric);
        json.key("effective_stepsize")
            .value(c.effectiveStepSize)
            .key("mean_treedepth")
            .value(c.meanTreeDepth);
        json.key("mean_n_leapfrog").value(c.meanLeapfrogs).key("divergences").value(c.divergences);
        json.key("mean_accept_stat").value(c.meanAcceptStat).key("n_leapfrog").value(c.leapfrogs);
        json.key("warmup_seconds")
            .value(c.warmupSeconds)
            .key("sampling_seconds")
            .value(c.samplingSeconds);
        json.endObject();
    }
    json.endArray();

    json.key("timing").beginObject();
    json.key("warmup_seconds")
        .value(report.warmupSeconds)
        .key("sampling_seconds")
        .value(report.samplingSeconds);
    json.key("wall_seconds")
        .value(report.wallSeconds)
        .key("data_seconds")
        .value(report.dataSeconds);
    json.key("draws_per_second").value(report.drawsPerSecond());
    json.key("gradients_per_second").value(report.gradientsPerSecond());
    json.key("threads").value(report.threads);
    json.endObject();

    json.key("output").beginArray();
    for (const std::string& file : report.files)
        json.value(file);
    json.endArray();

    json.endObject();
    out << '\n';
}

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
        if (!options.sweepPairs.empty() && options.usesMachine()) {
            err << prefixed(
                       "--sweep-pairs: is available only for the one-coupling model (K = 2 "
                       "without biases, unit or diagonal metric)")
                << '\n';
            return kExitUsage;
        }
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
