// The summaries as one JSON object: the one-coupling run's, and the pieces every run's JSON
// shares (machine_report.cpp writes the K-unit machine's with them).
#include "app/cli/report_json.h"

#include <cmath>

#ifndef COUPLINGLAB_VERSION
#define COUPLINGLAB_VERSION "unknown"
#endif

namespace couplinglab::cli {

void beginSummaryJson(JsonWriter& json) {
    json.beginObject().key("program").value(kProgramName).key("version").value(COUPLINGLAB_VERSION);
}

void writeParametersJson(JsonWriter& json, std::string_view referenceKind,
                         const std::vector<ParameterReport>& parameters) {
    json.key("parameters").beginArray();
    for (const ParameterReport& p : parameters) {
        json.beginObject().key("name").value(p.name);
        json.key("reference").beginObject().key("kind").value(referenceKind);
        json.key("mean").value(p.referenceMean).key("sd").value(p.referenceSd).endObject();
        json.key("sample").beginObject().key("mean").value(p.sample.mean);
        json.key("sd").value(p.sample.sd).key("mcse_mean").value(p.sample.mcseMean);
        json.key("ess_bulk").value(p.sample.essBulk).key("ess_tail").value(p.sample.essTail);
        json.key("rhat").value(p.sample.rhat).endObject().endObject();
    }
    json.endArray();
}

void endSummaryJson(JsonWriter& json, const std::vector<std::string>& files) {
    json.key("output").beginArray();
    for (const std::string& file : files)
        json.value(file);
    json.endArray().endObject();
}

void writeJson(std::ostream& out, const Report& report) {
    const CliOptions& o = report.options;
    const SamplerSettings& s = o.sampler;
    const Summary& sample = report.sample;
    JsonWriter json(out);
    beginSummaryJson(json);

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

    // The K-unit machine's keys (machine_report.cpp), here for its one parameter w; a 1 x 1
    // covariance has condition number 1 in any metric.
    writeParametersJson(json, "exact", {{"w", report.exactMean, report.exactSd, sample}});
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

    endSummaryJson(json, report.files);
    out << '\n';
}

}  // namespace couplinglab::cli
