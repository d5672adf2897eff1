#include <QtTest>

#include "ui/settings/settings_diff.h"

using namespace couplinglab;
using namespace couplinglab::ui;

Q_DECLARE_METATYPE(couplinglab::RunSettings)

class TestSettingsDiff : public QObject {
    Q_OBJECT
  private slots:
    void labelNamesWhatChanged_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("divide") << "divide"
                                << "divide by N: on";
        QTest::newRow("likelihood") << "likelihood"
                                    << "likelihood: exact Boltzmann";
        QTest::newRow("prior") << "prior"
                               << "prior N(0, 2)";
        QTest::newRow("pairs") << "pairs" << QStringLiteral("N = 100\u00A0000");
        QTest::newRow("algorithm") << "algorithm"
                                   << "static HMC, L = 10";
        QTest::newRow("fixed step") << "fixed"
                                    << "ε = 0.03";
        QTest::newRow("metric") << "metric"
                                << "metric adaptation: off";
        QTest::newRow("delta") << "delta"
                               << "δ = 0.95";
        QTest::newRow("depth") << "depth"
                               << "max depth 5";
        QTest::newRow("two at once") << "two"
                                     << "likelihood: exact Boltzmann, divide by N: on";
    }
    void labelNamesWhatChanged() {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const RunSettings before;
        RunSettings after;
        if (field == "divide" || field == "two") after.model.divideByN = true;
        if (field == "likelihood" || field == "two")
            after.model.likelihood = Likelihood::ExactBoltzmann;
        if (field == "prior") after.model.priorSd = 2.0;
        if (field == "pairs") after.data.pairs = 100000;
        if (field == "algorithm") after.sampler.algorithm = Algorithm::StaticHmc;
        if (field == "fixed") {
            after.sampler.adaptStepSize = false;
            after.sampler.stepSize = 0.03;
        }
        if (field == "metric") after.sampler.adaptMetric = false;
        if (field == "delta") after.sampler.targetAccept = 0.95;
        if (field == "depth") after.sampler.maxDepth = 5;
        QCOMPARE(describeChange(before, after), expected);
        QVERIFY(!onlyResetSettingsDiffer(before, after));
    }

    // The markers that depend on other settings (read from the schema's rows): L only with
    // static HMC, ε only when fixed, δ only when adapted, the prior after the likelihood.
    void labelsThatDependOnOtherSettings_data() {
        QTest::addColumn<RunSettings>("before");
        QTest::addColumn<RunSettings>("after");
        QTest::addColumn<QString>("expected");
        RunSettings hmc;
        hmc.sampler.algorithm = Algorithm::StaticHmc;
        RunSettings hmcLonger = hmc;
        hmcLonger.sampler.leapfrogSteps = 12;
        QTest::newRow("L under HMC") << hmc << hmcLonger << "static HMC, L = 12";
        RunSettings nutsLonger;
        nutsLonger.sampler.leapfrogSteps = 12;
        QTest::newRow("L under NUTS") << RunSettings{} << nutsLonger << "";
        QTest::newRow("back to NUTS") << hmcLonger << RunSettings{} << "NUTS";
        RunSettings fixed;
        fixed.sampler.adaptStepSize = false;
        fixed.sampler.stepSize = 0.5;
        RunSettings smaller = fixed;
        smaller.sampler.stepSize = 0.05;
        QTest::newRow("fixed ε changed") << fixed << smaller << "ε = 0.05";
        QTest::newRow("adapted again") << fixed << RunSettings{} << "step size adapted";
        RunSettings deltaWhileFixed = fixed;
        deltaWhileFixed.sampler.targetAccept = 0.9;
        QTest::newRow("δ while fixed") << fixed << deltaWhileFixed << "";
        RunSettings unit;
        unit.sampler.adaptMetric = false;
        QTest::newRow("metric diag") << unit << RunSettings{} << "metric adaptation: on";
        RunSettings priorAndLikelihood;
        priorAndLikelihood.model.priorMean = 1.5;
        priorAndLikelihood.model.likelihood = Likelihood::ExactBoltzmann;
        priorAndLikelihood.data.coupling = 0.25;
        QTest::newRow("data, likelihood, prior")
            << RunSettings{} << priorAndLikelihood
            << "W = 0.25, likelihood: exact Boltzmann, prior N(1.5, 1)";
        RunSettings manyPairs;
        manyPairs.data.pairs = 1'234'567;
        manyPairs.data.seed = 1'234'567;
        QTest::newRow("N grouped, seed not")
            << RunSettings{} << manyPairs
            << QStringLiteral("N = 1\u00A0234\u00A0567, data seed 1234567");
    }
    void labelsThatDependOnOtherSettings() {
        QFETCH(RunSettings, before);
        QFETCH(RunSettings, after);
        QFETCH(QString, expected);
        QCOMPARE(describeChange(before, after), expected);
        QCOMPARE(onlyResetSettingsDiffer(before, after), false);
    }

    void chainsAndSeedWaitForAReset() {
        const RunSettings before;
        RunSettings after;
        after.sampler.chains = 2;
        after.sampler.seed = 9;
        QVERIFY(onlyResetSettingsDiffer(before, after));
        QVERIFY(describeChange(before, after).isEmpty());
        QVERIFY(!onlyResetSettingsDiffer(before, before));
    }
};

QTEST_GUILESS_MAIN(TestSettingsDiff)
#include "test_settings_diff.moc"
