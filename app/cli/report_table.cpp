// The one-coupling run's summary as a table for people: data, model, posterior, diagnostics,
// adaptation per chain, timing and the closing verdict.
#include <algorithm>
#include <cmath>

#include "app/cli/report.h"
#include "app/cli/run_checks.h"
#include "app/cli/text_format.h"
#include "app/cli/verdict.h"

namespace couplinglab::cli {
namespace {

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
    const std::vector<std::size_t> widths = columnWidths(headings, cells);
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

}  // namespace

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

}  // namespace couplinglab::cli
