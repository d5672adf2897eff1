#include "app/cli/cli_sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/cli/json_writer.h"
#include "app/cli/output_plan.h"
#include "app/cli/progress_line.h"
#include "app/cli/report_json.h"
#include "app/cli/text_format.h"
#include "core/input_error.h"
#include "core/interrupt.h"
#include "core/output_transaction.h"
#include "core/platform/atomic_file.h"

namespace couplinglab::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string inQuotes(std::string_view text) {
    // Appended rather than "'" + ... + "'", over which GCC 12 warns falsely (-Wrestrict).
    std::string result(1, '\'');
    result.append(printable(text));
    result.push_back('\'');
    return result;
}

std::string combinationText(const SweepCombination& c) {
    return std::string(c.likelihood == Likelihood::ExactBoltzmann ? "boltzmann" : "potential") +
           (c.divideByN ? " /N" : "");
}

// The one-coupling sweep's words, "adapted" and "unit", as before; a machine's metric by name.
std::string metricText(MetricKind metric) {
    return metric == MetricKind::Diagonal ? "adapted" : std::string(toString(metric));
}

UsageError usage(std::string_view option, const std::string& problem) {
    return UsageError("--" + std::string(option), "--" + std::string(option) + ": " + problem);
}

// Progress on a terminal: the runs' progress line (progress_line.h), redrawn as each point
// finishes.
class SweepProgress {
  public:
    SweepProgress(std::ostream& err, bool enabled) : line_(err, enabled) {}

    void start(int total) {
        start_ = Clock::now();
        line_.status("sweep: 0 of " + std::to_string(total) + " points ...");
    }

    // Called one at a time by the sweep.
    void point(const SweepPoint& p, int done, int total) {
        if (!line_.enabled()) return;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        const double left = elapsed / done * (total - done);
        line_.status("sweep: " + std::to_string(done) + " of " + std::to_string(total) +
                     " points (last: N = " + std::to_string(p.pairs) + ", " +
                     combinationText(p.combination()) + ", " + metricText(p.metric) +
                     " metric), about " + sig(left, 2) + " s left");
    }

    void clear() { line_.stop(); }

  private:
    ProgressLine line_;
    Clock::time_point start_;
};

void writeTable(std::ostream& out, const SweepSpec& spec, const std::vector<SweepPoint>& points,
                const std::vector<SweepSlopes>& slopes, double seconds, int threads,
                const std::string& file) {
    const SamplerSettings& s = spec.sampler;
    const std::vector<SweepJob> jobs = sweepJobs(spec);
    std::vector<std::uint64_t> pairs;
    for (const SweepJob& job : jobs) {
        if (pairs.empty() || pairs.back() != job.pairs) pairs.push_back(job.pairs);
    }
    out << "Coupling Lab: sweep over the number of pairs N\n\n";
    std::size_t models = 0;
    for (const SweepCombination& c : allSweepCombinations())
        models += std::ranges::count(spec.combinations, c) > 0 ? 1 : 0;
    std::string metrics;
    for (const MetricKind metric : {MetricKind::Diagonal, MetricKind::Unit, MetricKind::Dense}) {
        if (std::ranges::count(spec.metrics, metric) == 0) continue;
        metrics += (metrics.empty() ? "" : " and ") + metricText(metric);
    }
    out << "  " << points.size() << " points: " << pairs.size()
        << (pairs.size() == 1 ? " value" : " values") << " of N from " << pairs.front() << " to "
        << pairs.back() << ", " << models << (models == 1 ? " model" : " models") << ", " << metrics
        << " metric\n";
    if (!spec.shape.isOneCoupling()) {
        out << "  Boltzmann machine: K = " << spec.shape.units << " units"
            << (spec.shape.biases
                    ? " with biases (unit 1's true bias " + sig(spec.firstBias, 6) + ")"
                    : "")
            << ", " << spec.shape.dimension() << " parameters; the columns are w_12's\n";
    }
    out << "  W = " << sig(spec.coupling, 6) << ", data seed " << spec.dataSeed
        << ", prior w ~ Normal(" << sig(spec.prior.priorMean, 6) << ", "
        << sig(spec.prior.priorSd, 6) << ")\n";
    out << "  " << (s.algorithm == Algorithm::Nuts ? "NUTS" : "static HMC") << ", " << s.chains
        << (s.chains == 1 ? " chain" : " chains") << " x (" << s.warmup << " warmup + " << s.draws
        << " draws) per point, sweep seed " << s.seed << "\n";
    out << "  ran in " << sig(seconds, 3) << " s on " << threads
        << (threads == 1 ? " thread" : " threads") << "; wrote " << file << "\n\n";

    out << "Log-log slope against N [law]\n";
    const std::vector<std::string> headings = {"model",          "metric",       "eps",
                                               "eps*sqrt(M^-1)", "sd",           "exact sd",
                                               "|mean|",         "|exact mean|", "leapfrogs"};
    auto withLaw = [](double measured, double law) {
        return fixed(measured, 2) + (std::isnan(law) ? std::string() : " [" + fixed(law, 1) + "]");
    };
    std::vector<std::vector<std::string>> rows;
    for (const SweepSlopes& series : slopes) {
        rows.push_back({combinationText(series.combination), metricText(series.metric),
                        fixed(series.stepSize, 2),
                        withLaw(series.effectiveStepSize, series.expectedSd), fixed(series.sd, 2),
                        withLaw(series.exactSd, series.expectedSd), fixed(series.absMean, 2),
                        withLaw(series.absExactMean, series.expectedAbsMean),
                        fixed(series.meanLeapfrogs, 2)});
    }
    const std::vector<std::size_t> widths = columnWidths(headings, rows);
    auto line = [&](const std::vector<std::string>& row) {
        std::string text;
        for (std::size_t i = 0; i < row.size(); ++i)
            text += "  " + padRight(row[i], widths[i]);
        while (text.ends_with(' '))
            text.pop_back();
        out << text << '\n';
    };
    line(headings);
    for (const auto& row : rows)
        line(row);
    out << "  M^-1 is the adapted inverse metric (1 when unit); where the exact mean is smaller "
           "than its\n  Monte Carlo error the sample |mean| is noise, and so is its slope\n";

    out << "\nThe laws: the exact Boltzmann posterior sd falls like 1/sqrt(N), so with a unit "
           "metric its step\nsize must too; an adapted metric keeps eps near 1 until Stan's 1e-3 "
           "regularisation of the metric\noutweighs the posterior variance (N of about 1e5). The "
           "potential-only mean is C: of order\nsqrt(N) for independent bits (W = 0), N*tanh(W) "
           "with a true coupling.\n";
    for (const SweepSlopes& series : slopes) {
        if (series.combination == SweepCombination{Likelihood::ExactBoltzmann, false} &&
            series.metric == MetricKind::Unit && !std::isnan(series.stepSize)) {
            out << "Here, with a unit metric, the exact Boltzmann step size fell like N^"
                << fixed(series.stepSize, 3) << ".\n";
        }
        if (series.combination == SweepCombination{Likelihood::PotentialOnly, false} &&
            series.metric == slopes.front().metric && !std::isnan(series.absMean)) {
            out << "Here the potential-only |mean| grew like N^" << fixed(series.absMean, 3)
                << " (W = " << sig(spec.coupling, 6) << ").\n";
        }
    }
}

void writeJson(std::ostream& out, const SweepSpec& spec, const std::vector<SweepPoint>& points,
               const std::vector<SweepSlopes>& slopes, double seconds, int threads,
               const std::string& file) {
    JsonWriter json(out);
    beginSummaryJson(json);
    json.key("sweep").beginObject();
    json.key("pairs").beginArray();
    std::uint64_t previous = 0;
    for (const SweepJob& job : sweepJobs(spec)) {
        if (job.pairs != previous) json.value(job.pairs);
        previous = job.pairs;
    }
    json.endArray();
    json.key("units").value(spec.shape.units).key("biases").value(spec.shape.biases);
    json.key("coupling").value(spec.coupling).key("data_seed").value(spec.dataSeed);
    json.key("prior_mean").value(spec.prior.priorMean).key("prior_sd").value(spec.prior.priorSd);
    json.key("chains").value(spec.sampler.chains).key("warmup").value(spec.sampler.warmup);
    json.key("draws").value(spec.sampler.draws).key("seed").value(spec.sampler.seed);
    json.key("points").value(static_cast<std::uint64_t>(points.size()));
    json.key("seconds").value(seconds).key("threads").value(threads);
    json.key("output").value(file);
    json.endObject();
    json.key("series").beginArray();
    for (const SweepSlopes& s : slopes) {
        json.beginObject();
        json.key("likelihood").value(toString(s.combination.likelihood));
        json.key("divide_by_n").value(s.combination.divideByN);
        json.key("adapt_metric").value(s.metric != MetricKind::Unit);
        json.key("metric").value(toString(s.metric)).key("points").value(s.points);
        json.key("slopes").beginObject();
        json.key("stepsize").value(s.stepSize);
        json.key("effective_stepsize").value(s.effectiveStepSize);
        json.key("sd").value(s.sd).key("exact_sd").value(s.exactSd);
        json.key("abs_mean").value(s.absMean).key("abs_exact_mean").value(s.absExactMean);
        json.key("mean_n_leapfrog").value(s.meanLeapfrogs);
        json.endObject();
        json.key("expected_slopes").beginObject();
        json.key("effective_stepsize").value(s.expectedSd).key("sd").value(s.expectedSd);
        json.key("abs_mean").value(s.expectedAbsMean);
        json.endObject();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    out << '\n';
}

}  // namespace

void setSweepPairs(CliOptions& options, std::string_view text) {
    const std::string range = "each N must be between 1 and " + std::to_string(kMaxPairs);
    std::vector<std::uint64_t> pairs;
    std::size_t entry = 0;
    for (std::string_view rest = text;;) {
        ++entry;
        const std::size_t comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        const std::string where = inQuotes(text) + ": entry " + std::to_string(entry);
        if (item.empty()) {
            throw InputError(where +
                             " is empty; write the values of N separated by single commas, "
                             "e.g. 10,100,1000");
        }
        std::int64_t value = 0;
        try {
            value = parseWholeNumber(item);
        } catch (const InputError& error) {
            throw InputError(where + ": " + error.what());
        }
        if (value < 1 || static_cast<std::uint64_t>(value) > kMaxPairs) {
            throw InputError(where + ", " + inQuotes(item) + ", is out of range: " + range);
        }
        pairs.push_back(static_cast<std::uint64_t>(value));
        if (pairs.size() > kMaxSweepPairs) {
            throw InputError(inQuotes(text.size() > 40 ? std::string(text.substr(0, 37)) + "..."
                                                       : std::string(text)) +
                             " has more than " + std::to_string(kMaxSweepPairs) +
                             " entries; a sweep takes 1 to " + std::to_string(kMaxSweepPairs) +
                             " values of N");
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    options.sweepPairs = std::move(pairs);
}

void setSweepOutput(CliOptions& options, std::string_view text) {
    if (text.empty()) throw InputError("the file name is empty");
    options.sweepOutput = std::string(text);
}

void checkSweepOptions(const CliOptions& options) {
    const bool sweep = options.wasGiven("sweep-pairs");
    if (sweep && !options.wasGiven("sweep-output")) {
        throw usage("sweep-pairs", "needs --sweep-output FILE.csv to write the sweep's rows to");
    }
    if (!sweep && options.wasGiven("sweep-output")) {
        throw usage("sweep-output", "only a sweep writes this file; add --sweep-pairs LIST");
    }
    if (!sweep) return;
    if (options.wasGiven("pairs")) {
        throw usage("pairs", "a sweep takes its values of N from --sweep-pairs; leave out --pairs");
    }
    if (options.wasGiven("output")) {
        throw usage("output",
                    "a sweep writes no Stan CSV files, only --sweep-output; leave out --output");
    }
    // A machine sweep generates its own data: every coupling W, unit 1's bias.
    for (const char* name : {"true-couplings", "data", "data-output"}) {
        if (options.wasGiven(name)) {
            throw usage(name,
                        "a sweep generates every N's bits with every coupling --coupling W "
                        "(and unit 1's bias from --true-biases); leave out --" +
                            std::string(name));
        }
    }
    const std::vector<double>& biases = options.machine.trueBiases;
    if (biases.size() > 1 &&
        std::any_of(biases.begin() + 1, biases.end(), [](double b) { return b != 0.0; })) {
        throw usage("true-biases", "a sweep takes unit 1's true bias only; give the others as 0");
    }
    // The plots of a single run (--plots and its --plot-* settings) have no meaning here.
    for (const std::string& name : options.given) {
        if (name == "plots" || name.starts_with("plot-")) {
            throw usage(name, "draws the plots of a single run, not of a sweep; leave out --" +
                                  name + " (the window's Sweep tab plots a sweep)");
        }
    }
}

SweepSpec sweepSpecFromOptions(const CliOptions& options) {
    SweepSpec spec;
    spec.pairs = options.sweepPairs;
    spec.coupling = options.data.coupling;
    spec.dataSeed = options.data.seed;
    spec.prior = options.model;
    spec.sampler = options.sampler;
    const bool fixLikelihood = options.wasGiven("likelihood");
    const bool fixDivide = options.wasGiven("divide-by-n");
    for (const SweepCombination& c : allSweepCombinations()) {
        if (fixLikelihood && c.likelihood != options.model.likelihood) continue;
        if (fixDivide && c.divideByN != options.model.divideByN) continue;
        spec.combinations.push_back(c);
    }
    spec.shape = MachineShape{options.machine.units, options.machine.biases};
    if (!options.machine.trueBiases.empty()) spec.firstBias = options.machine.trueBiases.front();
    // A metric given is the one swept; else the adapted (diagonal) one against the unit one, and
    // with several parameters the dense one too. --no-adapt-metric is --metric unit.
    if (options.wasGiven("metric") || !options.sampler.adaptMetric) {
        spec.metrics = {metricKind(options.sampler)};
    } else if (spec.shape.isOneCoupling()) {
        spec.metrics = {MetricKind::Diagonal, MetricKind::Unit};
    } else {
        spec.metrics = {MetricKind::Diagonal, MetricKind::Unit, MetricKind::Dense};
    }
    return spec;
}

std::vector<SweepSlopes> sweepSlopes(const SweepSpec& spec, const std::vector<SweepPoint>& points) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<SweepSlopes> result;
    const std::vector<SweepJob> jobs = sweepJobs(spec);
    for (const SweepJob& job : jobs) {
        if (job.pairs != jobs.front().pairs) break;  // the first N's jobs name every series
        SweepSlopes s;
        s.combination = job.combination;
        s.metric = job.metric;
        std::vector<double> n, step, effective, sd, exactSd, absMean, absExactMean, leapfrogs;
        for (const SweepPoint& p : points) {
            if (!(p.combination() == job.combination) || p.metric != job.metric) continue;
            n.push_back(static_cast<double>(p.pairs));
            step.push_back(p.stepSize);
            effective.push_back(p.effectiveStepSize);
            sd.push_back(p.sd);
            exactSd.push_back(p.exactSd);
            absMean.push_back(std::abs(p.mean));
            absExactMean.push_back(std::abs(p.exactMean));
            leapfrogs.push_back(p.meanLeapfrogs);
        }
        s.points = static_cast<int>(n.size());
        s.stepSize = logLogSlope(n, step);
        s.effectiveStepSize = logLogSlope(n, effective);
        s.sd = logLogSlope(n, sd);
        s.exactSd = logLogSlope(n, exactSd);
        s.absMean = logLogSlope(n, absMean);
        s.absExactMean = logLogSlope(n, absExactMean);
        s.meanLeapfrogs = logLogSlope(n, leapfrogs);

        const bool potential = job.combination.likelihood == Likelihood::PotentialOnly;
        const bool divided = job.combination.divideByN;
        const bool independent = spec.coupling == 0.0;
        s.expectedSd = !potential && !divided ? -0.5 : 0.0;
        if (potential && !divided) {
            s.expectedAbsMean = independent ? 0.5 : 1.0;
        } else if (!independent) {
            s.expectedAbsMean = 0.0;
        } else {
            // C/N ~ 1/√N pulls the mean towards the prior mean; with μ0 = 0 it is all there is.
            s.expectedAbsMean = spec.prior.priorMean == 0.0 ? -0.5 : nan;
        }
        result.push_back(s);
    }
    return result;
}

int runSweepCommand(const CliOptions& options, std::ostream& out, std::ostream& err,
                    const RunEnvironment& environment) {
    const SweepSpec spec = sweepSpecFromOptions(options);
    if (auto problem = validate(spec)) {
        err << prefixed("--sweep-pairs: " + *problem) << '\n';
        return kExitUsage;
    }
    const std::string file = *options.sweepOutput;
    if (auto problem = outputProblem(file, 1)) {
        err << prefixed("--sweep-output: " + *problem) << '\n';
        return kExitUsage;
    }
    if (auto problem = outputPlanProblem(options)) {
        err << prefixed(*problem) << '\n';
        return kExitUsage;
    }
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    const int total = static_cast<int>(sweepJobs(spec).size());
    const int threads = std::clamp(environment.threads > 0 ? environment.threads : cores, 1, total);
    // Every thread holds one point's chains at a time.
    SamplerSettings concurrent = spec.sampler;
    concurrent.chains = std::min(kMaxChains, spec.sampler.chains * threads);
    if (auto problem = memoryProblem(concurrent, false)) {
        err << prefixed(*problem) << '\n';
        return kExitUsage;
    }

    SweepProgress progress(err, environment.stderrIsTerminal && !options.quiet);
    SweepOptions sweepOptions;
    sweepOptions.threads = threads;
    sweepOptions.cancel = &interruptRequested();
    sweepOptions.onPoint = [&progress](const SweepPoint& p, int done, int all) {
        progress.point(p, done, all);
    };
    progress.start(total);
    const Clock::time_point start = Clock::now();
    std::vector<SweepPoint> points;
    try {
        points = runSweep(spec, sweepOptions);
    } catch (const InputError& error) {
        progress.clear();
        err << prefixed(std::string("--sweep-pairs: ") + error.what()) << '\n';
        return kExitUsage;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    progress.clear();
    if (interruptSignal() != 0) return reportInterruption(err);

    // As a single run: the file is staged, the summary printed, then the file put in place.
    return stageSummarizeCommit(
        [&](OutputTransaction& transaction) {
            transaction.stage(file, sweepCsv(points));
            const std::vector<SweepSlopes> slopes = sweepSlopes(spec, points);
            std::ostringstream summary;
            if (options.json) {
                writeJson(summary, spec, points, slopes, seconds, threads, file);
            } else {
                writeTable(summary, spec, points, slopes, seconds, threads, file);
            }
            return summary.str();
        },
        out, err);
}

}  // namespace couplinglab::cli
