// Hostile numbers: far starts, absurd step sizes, tiny and huge N and prior scales. The sampler
// must report divergences or slow progress honestly and never put a NaN in a record or a CSV.
#include <QtTest>
#include <cmath>

#include "core/chain_runner.h"
#include "core/exact_posterior.h"
#include "core/stan_csv.h"

using namespace couplinglab;

namespace {

struct Case {
    ModelSpec model;
    SufficientStatistic data;
    SamplerSettings sampler;
    double start;
};

bool finiteRecord(const IterationRecord& r) {
    return std::isfinite(r.w) && std::isfinite(r.lp) && std::isfinite(r.acceptStat) &&
           r.acceptStat >= 0.0 && r.acceptStat <= 1.0 && std::isfinite(r.stepSize) &&
           r.stepSize > 0.0 && std::isfinite(r.energy) && std::isfinite(r.inverseMetric) &&
           r.inverseMetric > 0.0;
}

std::vector<IterationRecord> run(const Case& c, int iterations) {
    CouplingChain chain(CouplingTarget(c.model, c.data), c.sampler, 0);
    chain.moveTo(Vector<1>(c.start));
    std::vector<IterationRecord> records;
    for (int i = 0; i < iterations; ++i)
        records.push_back(toRecord(chain.next()));
    return records;
}

ModelSpec model(int likelihood, double priorSd = 1.0) {
    ModelSpec m;
    m.likelihood = likelihood == 1 ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
    m.priorSd = priorSd;
    return m;
}

SamplerSettings fixedStep(double epsilon, int maxDepth = 10) {
    SamplerSettings s;
    s.adaptStepSize = false;
    s.adaptMetric = false;
    s.stepSize = epsilon;
    s.maxDepth = maxDepth;
    s.warmup = 0;
    s.draws = 1000;
    return s;
}

SamplerSettings adapted(int warmup = 150) {
    SamplerSettings s;
    s.warmup = warmup;
    s.draws = 1000;
    return s;
}

}  // namespace

Q_DECLARE_METATYPE(Case)

class TestExtremeNumerics : public QObject {
    Q_OBJECT
  private slots:
    void recordsAndCsvStayFiniteUnderHostileSettings_data() {
        QTest::addColumn<Case>("c");
        const SufficientStatistic question{10'000, 98};
        const SufficientStatistic huge{2'000'000'000, 123'456};
        const SufficientStatistic one{1, -1};
        QTest::newRow("start at +1e6, boltzmann") << Case{model(1), question, adapted(), 1e6};
        QTest::newRow("start at -1e6, potential") << Case{model(0), question, adapted(), -1e6};
        QTest::newRow("start at +1e6, N = 2e9") << Case{model(1), huge, adapted(), 1e6};
        QTest::newRow("eps 1e-12") << Case{model(1), question, fixedStep(1e-12, 6), 0.3};
        QTest::newRow("eps 1e6") << Case{model(1), question, fixedStep(1e6), 0.01};
        QTest::newRow("eps 1e6, hmc") << Case{model(1), question,
                                              [] {
                                                  SamplerSettings s = fixedStep(1e6);
                                                  s.algorithm = Algorithm::StaticHmc;
                                                  return s;
                                              }(),
                                              0.01};
        QTest::newRow("N = 1") << Case{model(1), one, adapted(), 0.5};
        QTest::newRow("N = 2e9") << Case{model(1), huge, adapted(), 0.0};
        QTest::newRow("N = 2e9 potential") << Case{model(0), huge, adapted(), 0.0};
        QTest::newRow("prior sd 1e-6") << Case{model(1, 1e-6), question, adapted(), 1.0};
        QTest::newRow("prior sd 1e6") << Case{model(0, 1e6), question, adapted(), 0.0};
        QTest::newRow("prior sd 1e6, boltzmann, N = 1") << Case{model(1, 1e6), one, adapted(), 0.0};
    }
    void recordsAndCsvStayFiniteUnderHostileSettings() {
        QFETCH(Case, c);
        const auto records = run(c, 400);
        for (const IterationRecord& r : records) {
            QVERIFY2(finiteRecord(r),
                     qPrintable(QString("iteration %1: w=%2 lp=%3 accept=%4 eps=%5 energy=%6")
                                    .arg(r.iteration)
                                    .arg(r.w)
                                    .arg(r.lp)
                                    .arg(r.acceptStat)
                                    .arg(r.stepSize)
                                    .arg(r.energy)));
        }
        CsvRunInfo info;
        info.model = c.model;
        info.statistic = c.data;
        info.sampler = c.sampler;
        info.stepSize = records.back().stepSize;
        info.inverseMetric = records.back().inverseMetric;
        const std::string csv = stanCsv(info, records);
        QVERIFY(csv.find("nan") == std::string::npos);
        QVERIFY(csv.find("inf") == std::string::npos);
        const ExactPosterior exact(c.model, c.data);
        QVERIFY(std::isfinite(exact.mean()) && std::isfinite(exact.sd()) && exact.sd() > 0.0);
    }

    void hugeStepIsReportedAsDivergent() {
        const auto records = run({model(1), {10'000, 98}, fixedStep(1e6), 0.01}, 200);
        const auto divergent = std::count_if(records.begin(), records.end(),
                                             [](const auto& r) { return r.divergent; });
        QCOMPARE(divergent, static_cast<long>(records.size()));
        QVERIFY(
            std::all_of(records.begin(), records.end(), [](const auto& r) { return r.w == 0.01; }));
    }

    // With eps = 1e-12 every trajectory hits the maximum depth and moves w by ~1e-10: the
    // records say so (treedepth__ at the limit), rather than pretending to mix.
    void tinyStepIsReportedAsSlowProgressAtMaximumDepth() {
        const auto records = run({model(1), {10'000, 98}, fixedStep(1e-12, 6), 0.3}, 50);
        for (const auto& r : records) {
            QCOMPARE(r.treeDepth, 6);
            QCOMPARE(r.nLeapfrog, 63);
            QVERIFY(std::abs(r.w - 0.3) < 1e-6);
        }
    }

    // From w = 1e6 (1e8 posterior sds away) warmup must still find the posterior of the
    // exact Boltzmann model.
    void farStartIsPulledInDuringWarmup() {
        const SufficientStatistic data{10'000, 98};
        const ExactPosterior exact(model(1), data);
        SamplerSettings settings = adapted(1000);
        const auto records = run({model(1), data, settings, 1e6}, 1500);
        double sum = 0.0;
        for (std::size_t i = 1000; i < records.size(); ++i)
            sum += records[i].w;
        QVERIFY(std::abs(sum / 500.0 - exact.mean()) < 10 * exact.sd());
    }
};

QTEST_GUILESS_MAIN(TestExtremeNumerics)
#include "test_extreme_numerics.moc"
