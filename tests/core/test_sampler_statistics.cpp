// The sampler against the exact posterior, for every way of writing the potential.
#include <QtTest>
#include <cmath>

#include "core/chain_runner.h"
#include "core/diagnostics.h"
#include "core/exact_posterior.h"

using namespace couplinglab;

namespace {

struct Pooled {
    std::vector<std::vector<double>> chains;
    ChainSpans spans() const {
        ChainSpans s;
        for (const auto& c : chains)
            s.emplace_back(c);
        return s;
    }
};

Pooled postWarmupDraws(const RunResult& run) {
    Pooled pooled;
    for (const ChainResult& chain : run.chains)
        pooled.chains.push_back(chain.drawsOfW());
    return pooled;
}

ModelSpec modelSpec(int likelihood, bool divideByN) {
    ModelSpec spec;
    spec.likelihood = likelihood == 1 ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
    spec.divideByN = divideByN;
    return spec;
}

void addCombinationRows() {
    QTest::addColumn<int>("likelihood");
    QTest::addColumn<bool>("divideByN");
    QTest::addColumn<quint64>("pairs");
    QTest::addColumn<double>("coupling");
    for (int likelihood : {0, 1}) {
        for (bool divide : {false, true}) {
            for (quint64 pairs : {10ULL, 10'000ULL}) {
                for (double coupling : {0.0, 0.5}) {
                    QTest::addRow("%s%s N=%llu W=%g", likelihood ? "boltzmann" : "potential",
                                  divide ? " /N" : "", pairs, coupling)
                        << likelihood << divide << pairs << coupling;
                }
            }
        }
    }
}

}  // namespace

class TestSamplerStatistics : public QObject {
    Q_OBJECT
  private slots:
    // Mean within 4 MCSE (a false alarm about once in 16,000 per row) and sd within 10 % (the sd
    // of an sd estimate with ESS ~ 3000 is ~1.3 %, so 10 % is ~8 standard errors).
    void nutsMeanWithinFourMcseAndSdWithinTenPercentOfExact_data() { addCombinationRows(); }
    void nutsMeanWithinFourMcseAndSdWithinTenPercentOfExact() {
        checkAgainstExact(Algorithm::Nuts);
    }

    void staticHmcMeanWithinFourMcseAndSdWithinTenPercentOfExact_data() { addCombinationRows(); }
    void staticHmcMeanWithinFourMcseAndSdWithinTenPercentOfExact() {
        checkAgainstExact(Algorithm::StaticHmc);
    }

    void questionsModelPutsThePosteriorAtCAndTheCorrectModelNearZero() {
        // The forum question's situation: independent bits, N = 1e4.
        const BitData bits = BitData::generate({10'000, 0.0, 2024});
        const double c = static_cast<double>(bits.statistic().c);
        const ExactPosterior raw(modelSpec(0, false), bits.statistic());
        const ExactPosterior exact(modelSpec(1, false), bits.statistic());
        QVERIFY(std::abs(raw.mean() - c) < 1e-9);
        QVERIFY(std::abs(exact.mean()) < 5 * exact.sd());
        QVERIFY(exact.sd() < 0.011);
    }

  private:
    void checkAgainstExact(Algorithm algorithm) {
        QFETCH(int, likelihood);
        QFETCH(bool, divideByN);
        QFETCH(quint64, pairs);
        QFETCH(double, coupling);
        const BitData bits = BitData::generate({pairs, coupling, 1});
        const ModelSpec spec = modelSpec(likelihood, divideByN);
        const ExactPosterior exact(spec, bits.statistic());
        SamplerSettings settings;
        settings.algorithm = algorithm;
        // The adapted eps is about 0.9 sd, a leapfrog rotation of about 0.93 rad per step on a
        // Gaussian. With L = 3 or 4 a trajectory lasts close to half a period and reflects w; with
        // L = 10 close to two periods and returns to its start: static HMC then mixes badly (the
        // trouble NUTS removes). L = 2 lasts about 0.6 of pi, well away from both.
        settings.leapfrogSteps = 2;
        settings.seed = 20261126;
        const RunResult run = runChains(CouplingTarget(spec, bits.statistic()), settings);
        const Pooled draws = postWarmupDraws(run);
        const Summary summary = summarize(draws.spans());
        const QString report = QString("C=%1 exact %2 (sd %3), sample %4 (sd %5), mcse %6, rhat %7")
                                   .arg(bits.statistic().c)
                                   .arg(exact.mean())
                                   .arg(exact.sd())
                                   .arg(summary.mean)
                                   .arg(summary.sd)
                                   .arg(summary.mcseMean)
                                   .arg(summary.rhat);
        QVERIFY2(std::isfinite(summary.mcseMean) && summary.mcseMean > 0, qPrintable(report));
        QVERIFY2(std::abs(summary.mean - exact.mean()) < 4.0 * summary.mcseMean,
                 qPrintable(report));
        QVERIFY2(std::abs(summary.sd / exact.sd() - 1.0) < 0.10, qPrintable(report));
        QVERIFY2(summary.rhat < 1.01, qPrintable(report));
    }
};

QTEST_GUILESS_MAIN(TestSamplerStatistics)
#include "test_sampler_statistics.moc"
