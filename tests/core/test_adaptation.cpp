// Stan's warmup: the window schedule, dual averaging, and what they do to the step size.
#include <QtTest>
#include <cmath>

#include "core/chain_runner.h"
#include "core/exact_posterior.h"

using namespace couplinglab;
using Windows = std::vector<std::pair<int, int>>;
Q_DECLARE_METATYPE(Windows)

namespace {

const SufficientStatistic kQuestionData{10'000, 98};

ModelSpec boltzmann() {
    ModelSpec spec;
    spec.likelihood = Likelihood::ExactBoltzmann;
    return spec;
}

double meanPostWarmup(const RunResult& run, double IterationRecord::*field) {
    double sum = 0.0;
    double n = 0.0;
    for (const auto& chain : run.chains) {
        for (const auto& r : chain.records) {
            if (!r.warmup) {
                sum += r.*field;
                n += 1.0;
            }
        }
    }
    return sum / n;
}

}  // namespace

class TestAdaptation : public QObject {
    Q_OBJECT
  private slots:
    void windowScheduleMatchesStan_data() {
        QTest::addColumn<int>("warmup");
        QTest::addColumn<Windows>("expected");
        QTest::newRow("1000: 25, 50, 100, 200, 500")
            << 1000 << Windows{{75, 99}, {100, 149}, {150, 249}, {250, 449}, {450, 949}};
        QTest::newRow("150: exactly one window") << 150 << Windows{{75, 99}};
        QTest::newRow("200: 25 then 50") << 200 << Windows{{75, 99}, {100, 149}};
        QTest::newRow("300: 25, 50, 100") << 300 << Windows{{75, 99}, {100, 149}, {150, 249}};
        QTest::newRow("400: last window stretched")
            << 400 << Windows{{75, 99}, {100, 149}, {150, 349}};
        QTest::newRow("100: 15/75/10 %") << 100 << Windows{{15, 89}};
        QTest::newRow("20: 15/75/10 %") << 20 << Windows{{3, 17}};
        QTest::newRow("19: no metric estimate") << 19 << Windows{};
        QTest::newRow("0") << 0 << Windows{};
    }
    void windowScheduleMatchesStan() {
        QFETCH(int, warmup);
        QFETCH(Windows, expected);
        const WindowSchedule schedule(warmup, {});
        QCOMPARE(schedule.slowWindows(), expected);
    }

    void metricUpdatesHappenExactlyAtWindowEnds() {
        MetricAdaptation<1> adaptation(1000, {});
        Vector<1> inverse = Vector<1>::Ones();
        std::vector<int> updates;
        Rng rng(1);
        for (int i = 0; i < 1000; ++i) {
            if (adaptation.learn(Vector<1>(3.0 * rng.normal()), inverse)) updates.push_back(i);
        }
        QCOMPARE(updates, (std::vector<int>{99, 149, 249, 449, 949}));
        // The last window saw 500 draws of variance 9, shrunk by n/(n+5) plus 1e-3*5/(n+5).
        QVERIFY(std::abs(inverse[0] - 9.0 * 500 / 505) < 9.0 * 0.2);
    }

    // Feed an acceptance curve a(eps) = exp(-eps) whose solution of a = delta is known.
    void dualAveragingFindsTheStepSizeThatHitsTheTarget() {
        DualAveraging averaging({0.8, 0.05, 0.75, 10.0});
        averaging.setMu(std::log(10.0));
        double epsilon = 1.0;
        for (int i = 0; i < 5000; ++i)
            epsilon = averaging.learn(std::exp(-epsilon));
        QVERIFY(std::abs(averaging.finalStepSize() / -std::log(0.8) - 1.0) < 0.05);
    }

    // With a unit metric the dual averaging runs through the whole warmup and lands on its
    // target; the mean accept_stat over 4000 draws has a standard error of ~0.003.
    void acceptStatAfterWarmupWithinFiveHundredthsOfTarget_data() {
        QTest::addColumn<double>("delta");
        for (double d : {0.6, 0.8, 0.9, 0.95})
            QTest::addRow("delta %g", d) << d;
    }
    void acceptStatAfterWarmupWithinFiveHundredthsOfTarget() {
        QFETCH(double, delta);
        SamplerSettings settings;
        settings.adaptMetric = false;
        settings.targetAccept = delta;
        const RunResult run = runChains(CouplingTarget(boltzmann(), kQuestionData), settings);
        const double accept = meanPostWarmup(run, &IterationRecord::acceptStat);
        QVERIFY2(std::abs(accept - delta) < 0.05,
                 qPrintable(QString("mean accept_stat %1").arg(accept)));
    }

    // With metric adaptation the step size is re-tuned from scratch in the 50-iteration
    // terminal window, and the averaged iterate is conservative: Stan then reports accept_stat
    // above delta too. It must never fall short of the target.
    void acceptStatWithMetricAdaptationIsNotBelowTarget() {
        const RunResult run =
            runChains(CouplingTarget(boltzmann(), kQuestionData), SamplerSettings{});
        const double accept = meanPostWarmup(run, &IterationRecord::acceptStat);
        QVERIFY2(accept > 0.8 - 0.05 && accept < 1.0,
                 qPrintable(QString("mean accept_stat %1").arg(accept)));
    }

    void unitMetricStepSizeShrinksToThePosteriorSd() {
        const ExactPosterior exact(boltzmann(), kQuestionData);
        SamplerSettings settings;
        settings.adaptMetric = false;
        const RunResult run = runChains(CouplingTarget(boltzmann(), kQuestionData), settings);
        for (const ChainResult& chain : run.chains) {
            QVERIFY2(chain.stepSize < 0.05, qPrintable(QString::number(chain.stepSize)));
            QVERIFY(chain.stepSize > 0.3 * exact.sd() && chain.stepSize < 3.0 * exact.sd());
            QCOMPARE(chain.inverseMetric, 1.0);
        }
    }

    void adaptedMetricAbsorbsTheScaleAndKeepsStepSizeNearOne() {
        const ExactPosterior exact(boltzmann(), kQuestionData);
        const RunResult run =
            runChains(CouplingTarget(boltzmann(), kQuestionData), SamplerSettings{});
        const double variance = exact.sd() * exact.sd();
        for (const ChainResult& chain : run.chains) {
            QVERIFY2(chain.stepSize > 0.4 && chain.stepSize < 2.0,
                     qPrintable(QString::number(chain.stepSize)));
            QVERIFY(chain.inverseMetric > 0.5 * variance && chain.inverseMetric < 2.0 * variance);
        }
    }

    void fixedStepOfFivePosteriorSdsDivergesAndIsRecorded() {
        const ExactPosterior exact(boltzmann(), kQuestionData);
        SamplerSettings settings;
        settings.adaptMetric = false;
        settings.adaptStepSize = false;
        settings.stepSize = 5.0 * exact.sd();
        settings.warmup = 200;
        settings.draws = 500;
        settings.chains = 2;
        const RunResult run = runChains(CouplingTarget(boltzmann(), kQuestionData), settings);
        int divergent = 0;
        for (const auto& chain : run.chains) {
            for (const auto& r : chain.records) {
                divergent += r.divergent ? 1 : 0;
                QVERIFY(std::isfinite(r.w) && std::isfinite(r.lp) && std::isfinite(r.acceptStat) &&
                        std::isfinite(r.energy));
                QCOMPARE(r.stepSize, settings.stepSize);
            }
        }
        QVERIFY2(divergent > 100, qPrintable(QString("%1 divergent iterations").arg(divergent)));
    }

    void keepingTheTuningOnRetargetSkipsWarmup() {
        SamplerSettings settings;
        settings.warmup = 300;
        settings.draws = 100;
        CouplingChain chain(CouplingTarget(boltzmann(), kQuestionData), settings, 0);
        while (!chain.segmentDone())
            chain.next();
        const double tuned = chain.stepSize();
        const double position = chain.state().q[0];
        ModelSpec divided = boltzmann();
        divided.divideByN = true;
        chain.retarget(CouplingTarget(divided, kQuestionData), true);
        QCOMPARE(chain.state().q[0], position);
        QVERIFY(!chain.inWarmup());
        QCOMPARE(chain.stepSize(), tuned);
        QCOMPARE(chain.segment(), 1);
        chain.retarget(CouplingTarget(boltzmann(), kQuestionData), false);
        QVERIFY(chain.inWarmup());
        QCOMPARE(chain.metric().inverse[0], 1.0);
        const auto draw = chain.next();
        QVERIFY(draw.warmup);
        QCOMPARE(draw.segment, 2);
    }
};

QTEST_GUILESS_MAIN(TestAdaptation)
#include "test_adaptation.moc"
