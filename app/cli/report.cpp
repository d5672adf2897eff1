#include "app/cli/report.h"

#include <cmath>

namespace couplinglab::cli {
namespace {

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

}  // namespace

ChainReport chainReportOf(const ChainResult& chain) {
    ChainReport c;
    c.chain = chain.chain + 1;
    c.stepSize = chain.stepSize;
    c.meanTreeDepth = chain.meanTreeDepth();
    c.meanLeapfrogs = chain.meanLeapfrogs();
    c.meanAcceptStat = meanAcceptStat(chain);
    c.divergences = chain.divergences();
    c.leapfrogs = chain.postWarmupLeapfrogs();
    c.warmupSeconds = chain.warmupSeconds;
    c.samplingSeconds = chain.samplingSeconds;
    return c;
}

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
        ChainReport c = chainReportOf(chain);
        c.inverseMetric = chain.inverseMetric;
        c.effectiveStepSize = chain.stepSize * std::sqrt(chain.inverseMetric);
        report.warmupSeconds += chain.warmupSeconds;
        report.samplingSeconds += chain.samplingSeconds;
        report.chains.push_back(c);
    }
    const ChainSpans spans(draws.begin(), draws.end());
    report.sample = summarize(spans);
    return report;
}

}  // namespace couplinglab::cli
