#include "app/cli/machine_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "app/cli/json_writer.h"
#include "app/cli/report_json.h"
#include "app/cli/run_checks.h"
#include "app/cli/text_format.h"
#include "app/cli/verdict.h"
#include "core/stan_csv.h"

namespace couplinglab::cli {
namespace {

std::string metricName(MetricKind kind) {
    return kind == MetricKind::Dense ? "dense_e" : kind == MetricKind::Unit ? "unit_e" : "diag_e";
}

// The diagnostics of every parameter at once, as the verdict reads them: the worst R-hat and
// the smallest ESS over the parameters.
DiagnosticsForVerdict machineDiagnostics(const CliOptions& options, const MachineReport& report) {
    DiagnosticsForVerdict d;
    for (const ChainReport& chain : report.chains)
        d.divergences += chain.divergences;
    d.chains = static_cast<int>(report.chains.size());
    d.draws = static_cast<std::int64_t>(d.chains) * options.sampler.draws;
    d.rhat = report.maxRhat;
    d.essBulk = report.minEssBulk;
    d.essTail = std::numeric_limits<double>::infinity();
    for (const ParameterReport& p : report.parameters)
        d.essTail = std::fmin(d.essTail, p.sample.essTail);
    return d;
}

void writeInverseMetric(JsonWriter& json, const Eigen::MatrixXd& inverse) {
    json.beginArray();
    if (inverse.cols() == 1) {
        for (Eigen::Index i = 0; i < inverse.rows(); ++i)
            json.value(inverse(i, 0));
    } else {
        for (Eigen::Index r = 0; r < inverse.rows(); ++r) {
            json.beginArray();
            for (Eigen::Index c = 0; c < inverse.cols(); ++c)
                json.value(inverse(r, c));
            json.endArray();
        }
    }
    json.endArray();
}

}  // namespace

std::string machineCsv(const CliOptions& options, const MachineReport& report,
                       const MachineChainResult& chain) {
    std::ostringstream out;
    const SamplerSettings& s = options.sampler;
    out << "# model = couplinglab_boltzmann_machine\n"
        << "# method = sample (Default)\n"
        << "#   sample\n"
        << "#     num_samples = " << s.draws << "\n"
        << "#     num_warmup = " << s.warmup << "\n"
        << "#     algorithm = hmc\n"
        << "#       hmc\n"
        << "#         engine = " << (s.algorithm == Algorithm::Nuts ? "nuts" : "static") << "\n"
        << "#         metric = " << metricName(metricKind(s)) << "\n"
        << "# id = " << chain.base.chain + 1 << "\n"
        << "# random\n#   seed = " << s.seed << "\n"
        << "# couplinglab\n"
        << "#   units = " << report.shape.units << "\n"
        << "#   biases = " << (report.shape.biases ? 1 : 0) << "\n"
        << "#   observations = " << report.counts.observations() << "\n"
        << "#   likelihood = " << toString(options.model.likelihood) << "\n"
        << "#   divide_by_n = " << (options.model.divideByN ? 1 : 0) << "\n"
        << "#   prior_mean = " << formatNumber(options.model.priorMean) << "\n"
        << "#   prior_sd = " << formatNumber(options.model.priorSd) << "\n";
    out << "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__";
    for (const auto& p : report.parameters)
        out << ',' << p.name;
    out << "\n# Adaptation terminated\n# Step size = " << formatNumber(chain.base.stepSize) << '\n';
    const Eigen::MatrixXd& inverse = chain.inverseMetric;
    out << (inverse.cols() == 1 ? "# Diagonal elements of inverse mass matrix:\n"
                                : "# Elements of inverse mass matrix:\n");
    const Eigen::MatrixXd rows =
        inverse.cols() == 1 ? Eigen::MatrixXd(inverse.transpose()) : inverse;
    for (Eigen::Index r = 0; r < rows.rows(); ++r) {
        out << "# ";
        for (Eigen::Index c = 0; c < rows.cols(); ++c)
            out << (c > 0 ? ", " : "") << formatNumber(rows(r, c));
        out << '\n';
    }
    const auto d = static_cast<std::size_t>(chain.dimension);
    for (std::size_t i = 0; i < chain.base.records.size(); ++i) {
        const IterationRecord& r = chain.base.records[i];
        if (r.warmup) continue;
        out << formatNumber(r.lp) << ',' << formatNumber(r.acceptStat) << ','
            << formatNumber(r.stepSize) << ',' << r.treeDepth << ',' << r.nLeapfrog << ','
            << (r.divergent ? 1 : 0) << ',' << formatNumber(r.energy);
        for (std::size_t k = 0; k < d; ++k)
            out << ',' << formatNumber(chain.positions[i * d + k]);
        out << '\n';
    }
    return out.str();
}

void writeMachineJson(std::ostream& out, const CliOptions& options, const MachineReport& report,
                      const MachineRunResult& run) {
    JsonWriter json(out);
    beginSummaryJson(json);
    json.key("data").beginObject().key("units").value(report.shape.units);
    json.key("observations").value(report.counts.observations());
    if (options.machine.dataFile) {
        json.key("file").value(*options.machine.dataFile);
    } else {
        json.key("seed").value(report.dataSpec.seed).key("true_couplings").beginArray();
        for (double w : report.dataSpec.couplings)
            json.value(w);
        json.endArray().key("true_biases").beginArray();
        for (double b : report.dataSpec.biases)
            json.value(b);
        json.endArray();
    }
    json.key("pattern_counts").beginArray();
    for (std::uint64_t c : report.counts.counts)
        json.value(c);
    json.endArray().key("seconds").value(report.dataSeconds).endObject();
    json.key("model").beginObject().key("units").value(report.shape.units);
    json.key("biases").value(report.shape.biases);
    json.key("likelihood").value(toString(options.model.likelihood));
    json.key("divide_by_n").value(options.model.divideByN);
    json.key("prior_mean").value(options.model.priorMean);
    json.key("prior_sd").value(options.model.priorSd).endObject();
    const SamplerSettings& s = options.sampler;
    json.key("sampler").beginObject().key("algorithm").value(toString(s.algorithm));
    json.key("metric").value(toString(metricKind(s))).key("max_depth").value(s.maxDepth);
    json.key("warmup").value(s.warmup).key("draws").value(s.draws);
    json.key("chains").value(s.chains).key("seed").value(s.seed).endObject();
    json.key("metric").value(toString(metricKind(s)));
    writeParametersJson(json, toString(report.reference.kind), report.parameters);
    json.key("condition_number")
        .value(*std::max_element(report.conditionNumbers.begin(), report.conditionNumbers.end()));
    json.key("min_ess_bulk").value(report.minEssBulk).key("max_rhat").value(report.maxRhat);
    json.key("warnings").beginArray();
    for (const std::string& warning : diagnosticWarnings(machineDiagnostics(options, report)))
        json.value(warning);
    json.endArray();
    json.key("chains").beginArray();
    double sampling = 0.0;
    std::int64_t leapfrogs = 0;
    for (std::size_t c = 0; c < report.chains.size(); ++c) {
        const ChainReport& chain = report.chains[c];
        sampling += chain.samplingSeconds;
        leapfrogs += chain.leapfrogs;
        json.beginObject().key("chain").value(chain.chain).key("stepsize").value(chain.stepSize);
        json.key("inv_metric");
        writeInverseMetric(json, run.chains[c].inverseMetric);
        json.key("condition_number").value(report.conditionNumbers[c]);
        json.key("mean_treedepth").value(chain.meanTreeDepth);
        json.key("mean_n_leapfrog").value(chain.meanLeapfrogs);
        json.key("n_leapfrog").value(chain.leapfrogs);
        json.key("divergences").value(chain.divergences);
        json.key("warmup_seconds").value(chain.warmupSeconds);
        json.key("sampling_seconds").value(chain.samplingSeconds).endObject();
    }
    json.endArray();
    json.key("timing").beginObject().key("sampling_seconds").value(sampling);
    json.key("wall_seconds").value(run.wallSeconds);
    json.key("gradients_per_second")
        .value(sampling > 0 ? static_cast<double>(leapfrogs) / sampling : 0.0);
    json.key("min_ess_bulk_per_second").value(sampling > 0 ? report.minEssBulk / sampling : 0.0);
    json.endObject();
    endSummaryJson(json, report.files);
    out << '\n';
}

void writeMachineTable(std::ostream& out, const CliOptions& options, const MachineReport& report) {
    out << "Boltzmann machine: K = " << report.shape.units << " units"
        << (report.shape.biases ? " with biases" : "") << ", N = " << report.counts.observations()
        << ", likelihood " << toString(options.model.likelihood)
        << (options.model.divideByN ? " divided by N" : "") << ", metric "
        << toString(metricKind(options.sampler)) << "\n\n";
    out << "parameter  reference(" << toString(report.reference.kind)
        << ") mean        sd      sample mean        sd      mcse  ess_bulk  ess_tail   rhat\n";
    for (const ParameterReport& p : report.parameters) {
        char line[256];
        std::snprintf(line, sizeof line, "%-9s %22s %9s %17s %9s %9s %9s %9s %6s\n", p.name.c_str(),
                      general(p.referenceMean, 5).c_str(), general(p.referenceSd, 4).c_str(),
                      general(p.sample.mean, 5).c_str(), general(p.sample.sd, 4).c_str(),
                      general(p.sample.mcseMean, 2).c_str(), general(p.sample.essBulk, 4).c_str(),
                      general(p.sample.essTail, 4).c_str(), general(p.sample.rhat, 4).c_str());
        out << line;
    }
    out << "\nchain  stepsize  mean leapfrogs  divergences  condition number\n";
    for (std::size_t c = 0; c < report.chains.size(); ++c) {
        const ChainReport& chain = report.chains[c];
        char line[160];
        std::snprintf(line, sizeof line, "%5d %9s %15s %12d %17s\n", chain.chain,
                      general(chain.stepSize, 4).c_str(), general(chain.meanLeapfrogs, 4).c_str(),
                      chain.divergences, general(report.conditionNumbers[c], 4).c_str());
        out << line;
    }
    out << "\nminimum bulk ESS " << general(report.minEssBulk, 4) << ", maximum R-hat "
        << general(report.maxRhat, 4)
        << "; condition number: the reference covariance in each chain's adapted metric\n\n";
    std::vector<ParameterComparison> comparisons;
    for (const ParameterReport& p : report.parameters)
        comparisons.push_back({p.name, p.sample.mean, p.referenceMean, p.sample.mcseMean});
    out << severalParametersVerdict(comparisons, report.reference.kind == ReferenceKind::Laplace,
                                    machineDiagnostics(options, report));
}

MachineReport makeMachineReport(const CliOptions& options, const PatternCounts& counts,
                                const MachineRunResult& run) {
    MachineReport report;
    report.shape = counts.shape;
    report.counts = counts;
    report.reference = machinePosterior(options.model, counts);
    const auto names = parameterNames(counts.shape);
    report.minEssBulk = std::numeric_limits<double>::infinity();
    report.maxRhat = 0.0;
    for (int i = 0; i < counts.shape.dimension(); ++i) {
        std::vector<std::vector<double>> draws;
        for (const auto& chain : run.chains)
            draws.push_back(chain.drawsOf(i));
        ChainSpans spans(draws.begin(), draws.end());
        const Summary s = summarize(spans);
        report.parameters.push_back({names[static_cast<std::size_t>(i)], report.reference.mean[i],
                                     report.reference.sd()[i], s});
        report.minEssBulk = std::min(report.minEssBulk, s.essBulk);
        report.maxRhat = std::max(report.maxRhat, s.rhat);
    }
    for (const auto& chain : run.chains) {
        report.chains.push_back(chainReportOf(chain.base));
        report.conditionNumbers.push_back(
            conditionNumberInMetric(report.reference.covariance, chain.denseInverseMetric()));
    }
    return report;
}

std::optional<std::string> machineNonFiniteProblem(const CliOptions& options,
                                                   const MachineReport& report,
                                                   const MachineRunResult& run) {
    const std::string cause = nonFiniteCause(options.model, "the parameters");
    for (const ParameterReport& p : report.parameters) {
        if (!std::isfinite(p.referenceMean) || !std::isfinite(p.referenceSd))
            return "the reference mean or sd of " + p.name + " is not a finite number" + cause;
        const bool sdDefined =
            options.sampler.draws * static_cast<std::int64_t>(run.chains.size()) >= 2;
        if (!std::isfinite(p.sample.mean) || (sdDefined && !std::isfinite(p.sample.sd)))
            return "the draws' mean or sd of " + p.name + " is not a finite number" + cause;
    }
    for (const auto& chain : run.chains) {
        if (!std::isfinite(chain.base.stepSize) || !(chain.base.stepSize > 0.0)) {
            return "chain " + std::to_string(chain.base.chain + 1) + " adapted its step size to " +
                   general(chain.base.stepSize, 5) + ", not a finite positive number" + cause;
        }
    }
    return std::nullopt;
}
}  // namespace couplinglab::cli
