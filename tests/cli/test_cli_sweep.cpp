// couplinglab-cli --sweep-pairs as a user runs it: the real executable in a QProcess, inside a
// temporary folder.
#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sstream>

#include "core/sweep.h"
#include "support/cli_process.h"
#include "support/sanitizers.h"

using namespace couplinglab::testing;

namespace {

// Small points keep the suite fast.
const QStringList kSmall = {"--chains", "1", "--warmup", "200", "--draws", "200"};

std::vector<couplinglab::SweepPoint> readPoints(const QByteArray& csv) {
    std::istringstream in(csv.toStdString());
    return couplinglab::readSweepCsv(in);
}

// The CSV without its last column (seconds), which is the only one that varies between runs.
QList<QByteArray> withoutSeconds(const QByteArray& csv) {
    QList<QByteArray> lines = csv.split('\n');
    for (QByteArray& line : lines)
        line = line.left(line.lastIndexOf(','));
    return lines;
}

}  // namespace

class TestCliSweep : public QObject {
    Q_OBJECT

  private slots:
    void writesTheExactHeaderAndOneRowPerNCombinationAndMetric() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome =
            runCli(QStringList{"--sweep-pairs", "10,100,1000", "--sweep-output", "x.csv"} + kSmall,
                   dir.path());
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QCOMPARE(entries(dir.path()), QStringList{"x.csv"});
        const QByteArray csv = readAll(dir.filePath("x.csv"));
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QCOMPARE(lines.front(),
                 QByteArray("pairs,units,biases,likelihood,divide_by_n,metric,c,exact_mean,"
                            "exact_sd,mean,sd,ess_bulk,rhat,stepsize,effective_stepsize,kappa,"
                            "mean_n_leapfrog,divergences,seconds"));
        QCOMPARE(lines.size(), 1 + 3 * 4 * 2);
        const std::vector<couplinglab::SweepPoint> points = readPoints(csv);
        QCOMPARE(points.size(), std::size_t{24});
        // N ascending, then potential, potential /N, Boltzmann, Boltzmann /N, then adapted, unit.
        for (std::size_t i = 0; i < points.size(); ++i) {
            const auto& p = points[i];
            QCOMPARE(p.pairs, std::uint64_t{i < 8 ? 10U : i < 16 ? 100U : 1000U});
            const auto combination = couplinglab::allSweepCombinations()[(i / 2) % 4];
            QVERIFY(p.combination() == combination);
            QCOMPARE(p.adaptMetric(), i % 2 == 0);
            QVERIFY(std::isfinite(p.mean) && p.sd > 0.0 && p.stepSize > 0.0 && p.seconds > 0.0);
        }
        QVERIFY2(outcome.out.contains("Log-log slope against N"), outcome.out.constData());
        QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());  // no progress off a terminal
    }

    void theListMayComeInAnyOrder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QStringList common = QStringList{"--likelihood", "boltzmann"} + kSmall;
        QCOMPARE(
            runCli(QStringList{"--sweep-pairs", "10,1000,100", "--sweep-output", "a.csv"} + common,
                   dir.path())
                .exitCode,
            0);
        QCOMPARE(runCli(QStringList{"--sweep-pairs=10,100,1000", "--sweep-output=b.csv"} + common,
                        dir.path())
                     .exitCode,
                 0);
        QCOMPARE(withoutSeconds(readAll(dir.filePath("a.csv"))),
                 withoutSeconds(readAll(dir.filePath("b.csv"))));
    }

    void givenModelSwitchesAreHeldFixedAndUnitMetricOnlyWithNoAdaptMetric_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("models");  // likelihood:divide of every row, in order of N
        QTest::newRow("--likelihood")
            << QStringList{"--likelihood", "boltzmann"} << 2 * 2 * 2 << "boltzmann:0 boltzmann:1";
        QTest::newRow("--divide-by-n")
            << QStringList{"--divide-by-n"} << 2 * 2 * 2 << "potential:1 boltzmann:1";
        QTest::newRow("both") << QStringList{"--likelihood", "potential", "--divide-by-n"}
                              << 2 * 1 * 2 << "potential:1";
        QTest::newRow("unit metric only")
            << QStringList{"--likelihood", "boltzmann", "--divide-by-n", "--no-adapt-metric"} << 2
            << "boltzmann:1";
    }
    void givenModelSwitchesAreHeldFixedAndUnitMetricOnlyWithNoAdaptMetric() {
        QFETCH(QStringList, arguments);
        QFETCH(int, rows);
        QFETCH(QString, models);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli(
            QStringList{"--sweep-pairs", "10,100", "--sweep-output", "x.csv"} + arguments + kSmall,
            dir.path());
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        const auto points = readPoints(readAll(dir.filePath("x.csv")));
        QCOMPARE(static_cast<int>(points.size()), rows);
        QStringList seen;
        for (const auto& p : points) {
            const QString model = QString::fromUtf8(couplinglab::toString(p.likelihood)) + ":" +
                                  QString::number(p.divideByN ? 1 : 0);
            if (!seen.contains(model)) seen << model;
            if (arguments.contains("--no-adapt-metric")) QVERIFY(!p.adaptMetric());
        }
        QCOMPARE(seen.join(' '), models);
    }

    // --units and --biases sweep a Boltzmann machine: unit, diagonal and dense metrics by
    // default, the one --metric names otherwise; every row says its shape and metric, and the
    // summary names the machine.
    void aMachineSweepRunsTheDenseMetricTooUnlessOneMetricIsNamed_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("metrics");  // the metric column's values, in row order of N
        QTest::newRow("default: all three") << QStringList{} << "diag unit dense";
        QTest::newRow("--metric dense") << QStringList{"--metric", "dense"} << "dense";
        QTest::newRow("--no-adapt-metric") << QStringList{"--no-adapt-metric"} << "unit";
    }
    void aMachineSweepRunsTheDenseMetricTooUnlessOneMetricIsNamed() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, metrics);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome =
            runCli(QStringList{"--units", "3", "--biases", "--true-biases", "3,0,0", "--coupling",
                               "0.5", "--likelihood", "boltzmann", "--divide-by-n", "--sweep-pairs",
                               "100,1000", "--sweep-output", "m.csv"} +
                       arguments + kSmall,
                   dir.path());
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QVERIFY(outcome.out.contains("Boltzmann machine: K = 3 units with biases"));
        const auto points = readPoints(readAll(dir.filePath("m.csv")));
        const QStringList expected = metrics.split(' ');
        QCOMPARE(static_cast<int>(points.size()), 2 * static_cast<int>(expected.size()));
        QStringList seen;
        for (const auto& p : points) {
            QCOMPARE(p.units, 3);
            QVERIFY(p.biases);
            QVERIFY(p.divideByN);
            const QString metric = QString::fromUtf8(couplinglab::toString(p.metric));
            if (!seen.contains(metric)) seen << metric;
            if (p.metric == couplinglab::MetricKind::Dense) QVERIFY(p.conditionNumber < 10.0);
        }
        QCOMPARE(seen, expected);
    }

    void jsonSummaryHasTheSlopesOfEverySeries() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli(
            QStringList{"--sweep-pairs", "100,10000,1000000", "--sweep-output", "x.csv", "--json"} +
                kSmall,
            dir.path());
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(outcome.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, outcome.out.constData());
        const QJsonObject root = document.object();
        QCOMPARE(root["sweep"].toObject()["points"].toInt(), 24);
        QCOMPARE(root["sweep"].toObject()["output"].toString(), QStringLiteral("x.csv"));
        const QJsonArray series = root["series"].toArray();
        QCOMPARE(series.size(), 8);
        for (const QJsonValue& value : series) {
            const QJsonObject s = value.toObject();
            if (s["likelihood"].toString() == "boltzmann" && !s["divide_by_n"].toBool() &&
                !s["adapt_metric"].toBool()) {
                const double slope = s["slopes"].toObject()["effective_stepsize"].toDouble();
                qInfo("CLI: unit-metric Boltzmann effective step slope %.3f", slope);
                QVERIFY2(std::abs(slope + 0.5) < 0.1, qPrintable(QString::number(slope)));
                QCOMPARE(s["expected_slopes"].toObject()["sd"].toDouble(), -0.5);
            }
        }
    }

    void badInvocationExitsTwoWithOneLineNamingTheOptionAndWritesNothing_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("problem");
        auto row = [](const QString& name, const QStringList& arguments, const QString& option,
                      const QString& problem) {
            QTest::newRow(qPrintable(name)) << arguments << option << problem;
        };
        const QStringList out = {"--sweep-output", "x.csv"};
        QStringList many;
        for (int i = 1; i <= 101; ++i)
            many << QString::number(i);
        row("empty entry", QStringList{"--sweep-pairs", "10,,100"} + out, "--sweep-pairs",
            "entry 2 is empty");
        row("trailing comma", QStringList{"--sweep-pairs", "10,"} + out, "--sweep-pairs",
            "entry 2 is empty");
        row("empty list", QStringList{"--sweep-pairs="} + out, "--sweep-pairs", "is empty");
        row("zero", QStringList{"--sweep-pairs", "0"} + out, "--sweep-pairs", "out of range");
        row("negative", QStringList{"--sweep-pairs", "10,-5"} + out, "--sweep-pairs",
            "out of range");
        row("too large", QStringList{"--sweep-pairs", "2000000001"} + out, "--sweep-pairs",
            "between 1 and 2000000000");
        row("beyond 64 bits", QStringList{"--sweep-pairs", "99999999999999999999999"} + out,
            "--sweep-pairs", "out of range");
        row("letters", QStringList{"--sweep-pairs", "abc"} + out, "--sweep-pairs",
            "not a whole number");
        row("exponent", QStringList{"--sweep-pairs", "1e3"} + out, "--sweep-pairs",
            "1000 rather than 1e3");
        row("decimal", QStringList{"--sweep-pairs", "10,2.5"} + out, "--sweep-pairs",
            "not a whole number");
        row("spaces", QStringList{"--sweep-pairs", "10, 100"} + out, "--sweep-pairs",
            "not a whole number");
        row("101 entries", QStringList{"--sweep-pairs", many.join(',')} + out, "--sweep-pairs",
            "more than 100 entries");
        row("no value", QStringList{"--sweep-pairs"}, "--sweep-pairs", "missing value LIST");
        row("missing --sweep-output", {"--sweep-pairs", "10,100"}, "--sweep-pairs",
            "needs --sweep-output");
        row("--sweep-output alone", out, "--sweep-output", "add --sweep-pairs");
        row("empty file name", {"--sweep-pairs", "10", "--sweep-output="}, "--sweep-output",
            "file name is empty");
        row("folder", {"--sweep-pairs", "10", "--sweep-output", "."}, "--sweep-output",
            "is a folder");
        row("missing folder", {"--sweep-pairs", "10", "--sweep-output", "{dir}/missing/x.csv"},
            "--sweep-output", "");
        row("with --pairs", QStringList{"--sweep-pairs", "10", "--pairs", "100"} + out, "--pairs",
            "leave out --pairs");
        row("with --output", QStringList{"--sweep-pairs", "10", "--output", "y.csv"} + out,
            "--output", "leave out --output");
        row("with --plots", QStringList{"--sweep-pairs", "10", "--plots", "."} + out, "--plots",
            "leave out --plots");
        row("given twice", QStringList{"--sweep-pairs", "10", "--sweep-pairs", "100"} + out,
            "--sweep-pairs", "given twice");
        row("bad other option", QStringList{"--sweep-pairs", "10", "--draws", "0"} + out, "--draws",
            "out of range");
    }
    void badInvocationExitsTwoWithOneLineNamingTheOptionAndWritesNothing() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        arguments.replaceInStrings("{dir}", dir.path());
        const Outcome outcome = runCli(arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.endsWith('\n') && outcome.err.count('\n') == 1,
                 outcome.err.constData());
        QVERIFY2(outcome.err.startsWith("couplinglab-cli: " + option.toUtf8() + ": "),
                 outcome.err.constData());
        QVERIFY2(outcome.err.contains(problem.toUtf8()), outcome.err.constData());
        QVERIFY2(outcome.out.isEmpty(), outcome.out.constData());
        QCOMPARE(entries(dir.path()), QStringList());
    }

    void dataThatDoesNotFitInMemoryExitsTwoAndWritesNothing() {
        // 2e9 pairs need 500 MB of packed bits; under a 400 MB address-space limit the
        // allocation fails, which BitData reports as InputError. The largest N runs first.
        if (couplinglab::testing::kSanitizedBuild)
            QSKIP("a sanitizer reserves terabytes of address space: ulimit -v cannot apply");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString script = QStringLiteral(
            "ulimit -v 400000 && exec \"$CLI\" --sweep-pairs 10,2000000000 --sweep-output x.csv "
            "--chains 1 --draws 10");
        const Outcome outcome = runShell(script, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.startsWith("couplinglab-cli: --sweep-pairs: ") &&
                     outcome.err.count('\n') == 1,
                 outcome.err.constData());
        QVERIFY2(outcome.err.contains("memory"), outcome.err.constData());
        QCOMPARE(entries(dir.path()), QStringList());
    }

    // The default sweep: 8 values of N from 10 to 10^7, all four combinations, both
    // metric settings, one chain of 1000 + 1000 iterations per point.
    void defaultSweepFinishesWellUnderTenSeconds() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList pairs;
        for (const std::uint64_t n : couplinglab::defaultSweepSpec().pairs)
            pairs << QString::number(n);
        QElapsedTimer timer;
        timer.start();
        const Outcome outcome = runCli({"--sweep-pairs", pairs.join(','), "--chains", "1",
                                        "--sweep-output", "default.csv", "--json"},
                                       dir.path());
        const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        const QJsonObject sweep = QJsonDocument::fromJson(outcome.out).object()["sweep"].toObject();
        qInfo(
            "default sweep: %d points, %.3f s in the sweep, %.3f s for the whole process on "
            "%d threads",
            sweep["points"].toInt(), sweep["seconds"].toDouble(), seconds,
            sweep["threads"].toInt());
        QCOMPARE(sweep["points"].toInt(), 64);
        QVERIFY(seconds < 10.0);
    }
};

QTEST_GUILESS_MAIN(TestCliSweep)
#include "test_cli_sweep.moc"
