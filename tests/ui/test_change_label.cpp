#include <QtTest>

#include "ui/settings/settings_diff.h"

using namespace couplinglab;
using namespace couplinglab::ui;

class TestChangeLabel : public QObject {
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

QTEST_GUILESS_MAIN(TestChangeLabel)
#include "test_change_label.moc"
