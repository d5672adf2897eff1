#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <limits>
#include <memory>

#include "core/machine_runner.h"
#include "ui/settings/settings_store.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

RunSettings unusualRun() {
    RunSettings run;
    run.data = {123'457, -0.35, 987'654};
    run.model = {0.25, 0.0123, Likelihood::ExactBoltzmann, true};
    run.sampler.algorithm = Algorithm::StaticHmc;
    run.sampler.leapfrogSteps = 37;
    run.sampler.adaptStepSize = false;
    run.sampler.stepSize = 0.1 + 0.2;  // not exactly representable: must survive unrounded
    run.sampler.targetAccept = 0.95;
    run.sampler.adaptMetric = false;
    run.sampler.maxDepth = 12;
    run.sampler.warmup = 0;
    run.sampler.draws = 2500;
    run.sampler.chains = 2;
    run.sampler.seed = 2'147'483'647;
    return run;
}

DisplaySettings unusualDisplay() {
    return DisplaySettings{0, 12.5, 50'000, true};
}

}  // namespace

class TestSettingsStore : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir dir_;
    std::unique_ptr<QSettings> settings_;

    QString iniPath() const { return dir_.filePath(QStringLiteral("settings.ini")); }

  private slots:
    void init() {
        QVERIFY(dir_.isValid());
        QFile::remove(iniPath());
        settings_ = std::make_unique<QSettings>(iniPath(), QSettings::IniFormat);
    }
    void cleanup() { settings_.reset(); }

    void emptyStoreGivesDefaults() {
        const SettingsStore store(*settings_);
        const auto [run, display] = store.load();
        QVERIFY(run == RunSettings{});
        QCOMPARE(display, DisplaySettings{});
        QVERIFY(store.geometry().isEmpty());
        QVERIFY(store.windowState().isEmpty());
    }

    void savedSettingsComeBackExactlyFromTheFile() {
        SettingsStore(*settings_).save(unusualRun(), unusualDisplay());
        settings_.reset();  // read back from disk, not from QSettings' cache

        QSettings reopened(iniPath(), QSettings::IniFormat);
        const auto [run, display] = SettingsStore(reopened).load();
        QVERIFY(run == unusualRun());
        QCOMPARE(display, unusualDisplay());
        QCOMPARE(reopened.value(QStringLiteral("version")).toInt(), SettingsStore::kVersion);
        QCOMPARE(reopened.value(QStringLiteral("model/likelihood")).toString(),
                 QStringLiteral("boltzmann"));
        QCOMPARE(reopened.value(QStringLiteral("model/divideByN")).toString(),
                 QStringLiteral("true"));
    }

    void keysAreGroupedByPurpose() {
        SettingsStore(*settings_).save(RunSettings{}, DisplaySettings{});
        const QStringList keys = settings_->allKeys();
        for (const char* key : {"version",
                                "data/pairs",
                                "data/coupling",
                                "data/seed",
                                "model/priorMean",
                                "model/priorSd",
                                "model/likelihood",
                                "model/divideByN",
                                "sampler/algorithm",
                                "sampler/leapfrogSteps",
                                "sampler/adaptStepSize",
                                "sampler/stepSize",
                                "sampler/targetAccept",
                                "sampler/metric",
                                "sampler/maxDepth",
                                "sampler/warmup",
                                "sampler/draws",
                                "sampler/chains",
                                "sampler/seed",
                                "display/speedLevel",
                                "display/leapfrogStepsPerSecond",
                                "display/traceWindow",
                                "display/keepTunedStepSize"}) {
            QVERIFY2(keys.contains(QString::fromLatin1(key)), key);
        }
        QCOMPARE(keys.size(), 23);
    }

    void aCorruptedValueFallsBackToItsDefaultOnly_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("stored");
        QTest::newRow("pairs not a number") << "data/pairs" << QVariant(QStringLiteral("abc"));
        QTest::newRow("pairs negative") << "data/pairs" << QVariant(-5);
        QTest::newRow("pairs past the panel")
            << "data/pairs" << QVariant(qulonglong(5'000'000'000));
        QTest::newRow("coupling infinite") << "data/coupling" << QVariant(QStringLiteral("inf"));
        QTest::newRow("prior sd negative") << "model/priorSd" << QVariant(-1.0);
        QTest::newRow("prior sd zero") << "model/priorSd" << QVariant(0.0);
        QTest::newRow("likelihood unknown") << "model/likelihood" << QVariant(QStringLiteral("x"));
        QTest::newRow("divide by N not a bool")
            << "model/divideByN" << QVariant(QStringLiteral("abc"));
        QTest::newRow("delta NaN")
            << "sampler/targetAccept" << QVariant(std::numeric_limits<double>::quiet_NaN());
        QTest::newRow("delta 1") << "sampler/targetAccept" << QVariant(1.0);
        QTest::newRow("step size 0") << "sampler/stepSize" << QVariant(0.0);
        QTest::newRow("L fractional") << "sampler/leapfrogSteps" << QVariant(2.5);
        QTest::newRow("depth past the limit") << "sampler/maxDepth" << QVariant(31);
        QTest::newRow("warmup overflows int") << "sampler/warmup" << QVariant(qlonglong(1) << 40);
        QTest::newRow("chains 5") << "sampler/chains" << QVariant(5);
        // Dense exists for the K-unit machine only; the window offers unit and diag.
        QTest::newRow("metric dense") << "sampler/metric" << QVariant(QStringLiteral("dense"));
        QTest::newRow("metric unknown") << "sampler/metric" << QVariant(QStringLiteral("euclid"));
        QTest::newRow("seed -1") << "sampler/seed" << QVariant(-1);
        QTest::newRow("algorithm unknown") << "sampler/algorithm" << QVariant(QStringLiteral("mh"));
        QTest::newRow("speed level 99") << "display/speedLevel" << QVariant(99);
        QTest::newRow("pace NaN") << "display/leapfrogStepsPerSecond"
                                  << QVariant(std::numeric_limits<double>::quiet_NaN());
        QTest::newRow("trace window 0") << "display/traceWindow" << QVariant(0);
        QTest::newRow("a list") << "display/traceWindow"
                                << QVariant(QStringList{QStringLiteral("1"), QStringLiteral("2")});
    }
    void aCorruptedValueFallsBackToItsDefaultOnly() {
        QFETCH(QString, key);
        QFETCH(QVariant, stored);
        SettingsStore store(*settings_);
        store.save(unusualRun(), unusualDisplay());
        settings_->setValue(key, stored);
        settings_->sync();
        settings_.reset();
        QSettings reopened(iniPath(), QSettings::IniFormat);

        auto [run, display] = SettingsStore(reopened).load();

        // Put the one default back by hand: then everything else must equal what was saved.
        RunSettings expectedRun = unusualRun();
        DisplaySettings expectedDisplay = unusualDisplay();
        const RunSettings defaults;
        const DisplaySettings defaultDisplay;
        const QString field = key.section('/', 1);
        if (key == "data/pairs") expectedRun.data.pairs = defaults.data.pairs;
        if (key == "data/coupling") expectedRun.data.coupling = defaults.data.coupling;
        if (key == "model/priorSd") expectedRun.model.priorSd = defaults.model.priorSd;
        if (key == "model/likelihood") expectedRun.model.likelihood = defaults.model.likelihood;
        if (key == "model/divideByN") expectedRun.model.divideByN = defaults.model.divideByN;
        if (field == "targetAccept")
            expectedRun.sampler.targetAccept = defaults.sampler.targetAccept;
        if (field == "stepSize") expectedRun.sampler.stepSize = defaults.sampler.stepSize;
        if (field == "leapfrogSteps")
            expectedRun.sampler.leapfrogSteps = defaults.sampler.leapfrogSteps;
        if (field == "maxDepth") expectedRun.sampler.maxDepth = defaults.sampler.maxDepth;
        if (field == "warmup") expectedRun.sampler.warmup = defaults.sampler.warmup;
        if (field == "chains") expectedRun.sampler.chains = defaults.sampler.chains;
        if (field == "metric") expectedRun.sampler.adaptMetric = defaults.sampler.adaptMetric;
        if (key == "sampler/seed") expectedRun.sampler.seed = defaults.sampler.seed;
        if (field == "algorithm") expectedRun.sampler.algorithm = defaults.sampler.algorithm;
        if (field == "speedLevel") expectedDisplay.speedLevel = defaultDisplay.speedLevel;
        if (field == "leapfrogStepsPerSecond") {
            expectedDisplay.leapfrogStepsPerSecond = defaultDisplay.leapfrogStepsPerSecond;
        }
        if (field == "traceWindow") expectedDisplay.traceWindow = defaultDisplay.traceWindow;

        QVERIFY(run == expectedRun);
        QCOMPARE(display, expectedDisplay);
        QVERIFY(std::isfinite(run.sampler.targetAccept));
        QVERIFY(!validate(run));
    }

    void theMetricComesBackAfterARestart_data() {
        QTest::addColumn<QString>("metric");
        QTest::newRow("unit") << "unit";
        QTest::newRow("diag") << "diag";
    }
    void theMetricComesBackAfterARestart() {
        QFETCH(QString, metric);
        RunSettings saved = unusualRun();
        setMetricKind(saved.sampler, metricKindFromString(metric.toStdString()).value());
        SettingsStore(*settings_).save(saved, unusualDisplay());
        settings_.reset();
        QSettings reopened(iniPath(), QSettings::IniFormat);
        QCOMPARE(reopened.value(QStringLiteral("sampler/metric")).toString(), metric);
        const auto [run, display] = SettingsStore(reopened).load();
        QVERIFY(run == saved);
    }

    // Version 1 kept sampler/adaptMetric; its value survives the upgrade, under the new key.
    void aVersion1StoreKeepsItsMetric_data() {
        QTest::addColumn<bool>("adaptMetric");
        QTest::addColumn<QString>("metric");
        QTest::newRow("adapted") << true << "diag";
        QTest::newRow("not adapted") << false << "unit";
    }
    void aVersion1StoreKeepsItsMetric() {
        QFETCH(bool, adaptMetric);
        QFETCH(QString, metric);
        settings_->setValue(QStringLiteral("version"), 1);
        settings_->setValue(QStringLiteral("sampler/adaptMetric"), adaptMetric);
        settings_->setValue(QStringLiteral("sampler/warmup"), 77);
        SettingsStore store(*settings_);
        auto [run, display] = store.load();
        QCOMPARE(toString(metricKind(run.sampler)), metric.toStdString());
        QCOMPARE(run.sampler.warmup, 77);
        store.save(run, display);
        QVERIFY(!settings_->contains(QStringLiteral("sampler/adaptMetric")));
        QCOMPARE(settings_->value(QStringLiteral("sampler/metric")).toString(), metric);
        QCOMPARE(settings_->value(QStringLiteral("version")).toInt(), 2);
    }

    void aHandEditedFileWithGarbageLoadsWithoutCrashing() {
        {
            QFile file(iniPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(
                "[data]\npairs=12x\ncoupling=\nseed=1e99\n[sampler]\ntargetAccept=nan\n"
                "draws=-inf\nchains=\"3\"\n[display]\nspeedLevel=@Variant(garbage)\n"
                "traceWindow=300\n");
        }
        settings_ = std::make_unique<QSettings>(iniPath(), QSettings::IniFormat);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("invalid type")));
        const auto [run, display] = SettingsStore(*settings_).load();
        QVERIFY(run.data == DataSpec{});
        QCOMPARE(run.sampler.targetAccept, SamplerSettings{}.targetAccept);
        QCOMPARE(run.sampler.draws, SamplerSettings{}.draws);
        QCOMPARE(run.sampler.chains, 3);  // INI quotes are part of the syntax
        QCOMPARE(display.speedLevel, DisplaySettings{}.speedLevel);
        QCOMPARE(display.traceWindow, 300);
        QVERIFY(!validate(run));
    }

    void geometryAndWindowStateRoundTrip() {
        const QByteArray geometry("\x01\x02\x00\xffgeometry", 12);
        const QByteArray state("state\x00\x7f", 7);
        SettingsStore(*settings_).saveGeometry(geometry, state);
        settings_.reset();
        QSettings reopened(iniPath(), QSettings::IniFormat);
        const SettingsStore store(reopened);
        QCOMPARE(store.geometry(), geometry);
        QCOMPARE(store.windowState(), state);
    }

    void clearRestoresDefaultsAndKeepsTheWindowGeometry() {
        SettingsStore store(*settings_);
        store.save(unusualRun(), unusualDisplay());
        store.saveGeometry(QByteArray("geometry"), QByteArray("state"));
        settings_->setValue(QStringLiteral("export/lastDirectory"), QStringLiteral("/tmp"));

        store.clear();

        const auto [run, display] = store.load();
        QVERIFY(run == RunSettings{});
        QCOMPARE(display, DisplaySettings{});
        QVERIFY(!settings_->contains(QStringLiteral("version")));
        QCOMPARE(store.geometry(), QByteArray("geometry"));
        // Keys that belong to other parts of the application are not ours to delete.
        QCOMPARE(settings_->value(QStringLiteral("export/lastDirectory")).toString(),
                 QStringLiteral("/tmp"));
    }
};

QTEST_MAIN(TestSettingsStore)
#include "test_settings_store.moc"
