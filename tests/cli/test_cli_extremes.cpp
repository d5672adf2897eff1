// couplinglab-cli against impossible numbers and hostile standard streams (issue 14, rows 10 to
// 15 and the fragile cases): extremes refused with their range, memory checked against the
// address-space limit, a verdict that reads the diagnostics, a session name that is not UTF-8,
// --help on a full device, errno's text, a lone sign. The real executable
// (support/cli_process.h), and the verdict and the check of non-finite results in process.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <fcntl.h>
#include <unistd.h>
#include <cmath>
#include <limits>
#include <string>

#include "app/cli/cli_options.h"
#include "app/cli/run_checks.h"
#include "app/cli/verdict.h"
#include "support/cli_process.h"
#include "support/sanitizers.h"
#include "ui/settings/session.h"

namespace {

using couplinglab::ui::Session;
using namespace couplinglab::testing;

const QStringList kFast = {"--pairs", "200", "--chains", "1", "--warmup", "20", "--draws", "20"};

}  // namespace

class TestCliExtremes : public QObject {
    Q_OBJECT

  private slots:
    // Row 10: extremes that cannot be represented are refused up front with the range.
    void unrepresentableExtremesAreRefusedWithTheRange_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("prior sd 1e-160") << QStringList{"--prior-sd", "1e-160"}
                                         << "--prior-sd: '1e-160' is out of range: "
                                            "the prior sd must be a number from 1e-150";
        QTest::newRow("prior sd 1e-320 (denormal)")
            << QStringList{"--prior-sd", "1e-320"} << "outside the range of a double";
        QTest::newRow("prior sd 1e200") << QStringList{"--prior-sd", "1e200"} << "to 1e140";
        QTest::newRow("prior mean 1e155")
            << QStringList{"--prior-mean", "1e155"} << "from -1e150 to 1e150";
        QTest::newRow("step size 5e-324")
            << QStringList{"--step-size", "5e-324"} << "outside the range of a double";
    }
    void unrepresentableExtremesAreRefusedWithTheRange() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Outcome outcome = runCli(kFast + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message.toUtf8()), outcome.err.constData());
    }
    void sessionWithUnrepresentableConstantsIsRefused_data() {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        QTest::newRow("gamma 5e-324")
            << QByteArray("\"gamma\": 0.05") << QByteArray("\"gamma\": 5e-324") << "gamma";
        QTest::newRow("initRadius 1e200")
            << QByteArray("\"initRadius\": 2") << QByteArray("\"initRadius\": 1e200") << "1e100";
    }
    void sessionWithUnrepresentableConstantsIsRefused() {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QByteArray json = couplinglab::ui::toJson(Session{});
        QVERIFY2(json.contains(from), json.constData());
        QVERIFY(
            writeFile(dir.filePath(QStringLiteral("s.json")), QByteArray(json).replace(from, to)));
        const Outcome outcome = runCli({"--session", "s.json"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message.toUtf8()), outcome.err.constData());
    }

    // Rows 11 and 12: memory checked up front against the address-space limit, for the draws
    // and for a trajectory; never a bare std::bad_alloc or an abort.
    void addressSpaceLimitIsCheckedBeforeSampling_data() {
        QTest::addColumn<QString>("arguments");
        QTest::newRow("4 chains of 2e7 draws")
            << "--chains 4 --warmup 0 --draws 20000000 --pairs 100";
        QTest::newRow("1 chain of 1e8 draws")
            << "--chains 1 --warmup 0 --draws 100000000 --pairs 100";
        QTest::newRow("trajectory of depth 24")
            << "--pairs 100 --chains 1 --warmup 0 --draws 1 --max-depth 24 --step-size 1e-12 "
               "--trajectory 1 --trajectory-output t.csv";
    }
    void addressSpaceLimitIsCheckedBeforeSampling() {
        if (couplinglab::testing::kSanitizedBuild)
            QSKIP("a sanitizer reserves terabytes of address space; ulimit -v stops it");
        QFETCH(QString, arguments);
        QTemporaryDir dir;
        const Outcome outcome = runShell(
            QStringLiteral("ulimit -v 3000000; exec \"$CLI\" %1").arg(arguments), dir.path());
        QVERIFY2(outcome.exitCode == 1 || outcome.exitCode == 2, outcome.err.constData());
        QCOMPARE(errLines(outcome), 1);
        QVERIFY2(outcome.err.contains("memory") && !outcome.err.contains("std::bad_alloc"),
                 outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), QStringList());
    }
    void deepTrajectoryIsRefusedUpFront() {
        QTemporaryDir dir;
        const Outcome outcome = runCli(
            {"--pairs", "100", "--chains", "1", "--warmup", "0", "--draws", "1", "--max-depth",
             "30", "--step-size", "1e-12", "--trajectory", "1", "--trajectory-output", "t.csv"},
            dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--trajectory: ") && outcome.err.contains("--max-depth"),
                 outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), QStringList());
    }

    // Row 13: the verdict reads the diagnostics.
    void verdictWarnsWhenTheDiagnosticsDo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("target accept 1e-9") << QStringList{"--target-accept", "1e-9"};
        QTest::newRow("prior sd 1e12") << QStringList{"--prior-sd", "1e12"};
        QTest::newRow("K = 3, target accept 1e-9")
            << QStringList{"--units", "3", "--target-accept", "1e-9"};
    }
    void verdictWarnsWhenTheDiagnosticsDo() {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const Outcome outcome = runCli(QStringList{"--pairs", "1000"} + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        // The one-coupling table ends with the verdict; the K-unit one follows it with each
        // parameter's distance in MCSE, left without a judgement.
        const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
        const QByteArray verdict = lines.last().startsWith("Sample mean minus reference mean")
                                       ? lines[lines.size() - 2]
                                       : lines.last();
        QVERIFY2(verdict.startsWith("The diagnostics warn: "), verdict.constData());
        QVERIFY2(!outcome.out.contains("found the exact posterior"), outcome.out.constData());
        QVERIFY2(!outcome.out.contains("The largest"), outcome.out.constData());
    }

    // Also fragile: the summary's mean of draws far from zero is that of the CSV's draws.
    void summaryMeanFarFromZeroMatchesTheDraws() {
        QTemporaryDir dir;
        const Outcome outcome = runCli({"--pairs", "200", "--prior-mean", "1e14", "--chains", "1",
                                        "--output", "d.csv", "--json"},
                                       dir.path());
        QCOMPARE(outcome.exitCode, 0);
        const double reported = QJsonDocument::fromJson(outcome.out)
                                    .object()
                                    .value("sample")
                                    .toObject()
                                    .value("mean")
                                    .toDouble();
        // The draws' mean: deviations from the first draw (small) summed in long double.
        const QList<QByteArray> lines = readAll(dir.filePath("d.csv")).split('\n');
        qsizetype column = -1;
        long double first = 0.0L;
        long double deviations = 0.0L;
        int count = 0;
        for (const QByteArray& line : lines) {
            if (line.isEmpty() || line.startsWith('#')) continue;
            const QList<QByteArray> fields = line.split(',');
            if (column < 0) {
                column = fields.indexOf("w");
                continue;
            }
            const long double w = std::stold(fields.at(column).toStdString());
            if (count == 0) first = w;
            deviations += w - first;
            ++count;
        }
        QCOMPARE(count, 1000);
        const auto expected = static_cast<double>(first + deviations / count);
        // Within one unit in the last place of 1e14 (1/64); plain summation is off by units.
        QVERIFY2(std::abs(reported - expected) <= 1.0 / 64.0,
                 qPrintable(QString::number(reported - expected)));
    }

    // Row 14: a session whose name is not valid UTF-8.
    void sessionWithANameThatIsNotUtf8Loads() {
        QTemporaryDir dir;
        const QByteArray json = couplinglab::ui::toJson(Session{});
        const QByteArray name = QFile::encodeName(dir.path()) + "/a\xff.json";
        const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, json.constData(), static_cast<std::size_t>(json.size())),
                 static_cast<ssize_t>(json.size()));
        ::close(fd);
        const Outcome outcome = runShell(
            QStringLiteral("exec \"$CLI\" --session \"$(printf 'a\\377.json')\" --pairs 100 "
                           "--chains 1 --warmup 20 --draws 20 --json"),
            dir.path());
        const bool removed = ::unlink(name.constData()) == 0;  // QDir cannot name it
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QVERIFY(outcome.out.contains("\"pairs\":100"));
        QVERIFY(removed);
    }

    // Row 15: --help and --version check that their text was written.
    void helpAndVersionOnAFullDeviceExitOne_data() {
        QTest::addColumn<QString>("option");
        QTest::newRow("help") << "--help";
        QTest::newRow("version") << "--version";
    }
    void helpAndVersionOnAFullDeviceExitOne() {
        QFETCH(QString, option);
        QTemporaryDir dir;
        const Outcome outcome =
            runShell(QStringLiteral("exec \"$CLI\" %1 > /dev/full").arg(option), dir.path());
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("cannot write the"), outcome.err.constData());
    }

    // In process: the verdict and the check of non-finite results.
    void verdictNamesEveryWarning_data() {
        QTest::addColumn<qint64>("divergences");
        QTest::addColumn<double>("rhat");
        QTest::addColumn<double>("ess");
        QTest::addColumn<QString>("expected");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("healthy") << qint64{0} << 1.001 << 900.0 << "found the exact posterior";
        QTest::newRow("undefined R-hat, one chain")
            << qint64{0} << nan << 900.0 << "found the exact posterior";
        QTest::newRow("divergent") << qint64{3} << 1.001 << 900.0
                                   << "The diagnostics warn: 3 of 4000 draws after warmup were "
                                      "divergent, so the draws cannot be trusted";
        QTest::newRow("R-hat") << qint64{0} << 3.6e14 << 900.0 << "R-hat is 3.6e+14, above 1.01";
        QTest::newRow("infinite R-hat")
            << qint64{0} << std::numeric_limits<double>::infinity() << 900.0 << "R-hat is infinite";
        QTest::newRow("ESS") << qint64{0} << 1.001 << 4.0
                             << "only 4 effective draws (bulk ESS below 100)";
        QTest::newRow("all three") << qint64{4000} << 3.6e14 << 4.0
                                   << "divergent, R-hat is 3.6e+14, above 1.01 (the chains "
                                      "disagree) and only 4 effective draws";
    }
    void verdictNamesEveryWarning() {
        QFETCH(qint64, divergences);
        QFETCH(double, rhat);
        QFETCH(double, ess);
        QFETCH(QString, expected);
        couplinglab::cli::DiagnosticsForVerdict d;
        d.divergences = divergences;
        d.draws = 4000;
        d.chains = 4;
        d.rhat = rhat;
        d.essBulk = ess;
        d.essTail = 2 * ess;
        // A sample mean 0.5 MCSE from the exact one: close, yet not a success when warned.
        const QString sentence =
            QString::fromStdString(couplinglab::cli::verdictSentence(1.05, 1.0, 0.1, d));
        QVERIFY2(sentence.contains(expected), qPrintable(sentence));
        const bool warned = sentence.startsWith(QStringLiteral("The diagnostics warn"));
        QCOMPARE(warned, !expected.contains(QStringLiteral("found the exact")));
        if (warned) QVERIFY(!sentence.contains(QStringLiteral("found the exact posterior")));
        QVERIFY(sentence.contains(QStringLiteral("lies 0.5 MCSE above")));
        QVERIFY(!sentence.contains('\n'));
    }

    void nonFiniteResultsAreAnErrorNamingTheCause_data() {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("finite") << ""
                                << "";
        QTest::newRow("exact mean") << "exact"
                                    << "the exact posterior's mean or sd";
        QTest::newRow("step size") << "step"
                                   << "chain 1 adapted its step size to inf";
        QTest::newRow("sample mean") << "mean"
                                     << "the draws' mean or sd";
    }
    void nonFiniteResultsAreAnErrorNamingTheCause() {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        couplinglab::cli::Report report;
        report.exactMean = 0.1;
        report.exactSd = 1.0;
        report.sample.mean = 0.1;
        report.sample.sd = 1.0;
        report.sample.draws = 100;
        report.chains.push_back({});
        report.chains.back().stepSize = 0.5;
        const double inf = std::numeric_limits<double>::infinity();
        if (what == "exact") report.exactMean = inf;
        if (what == "step") report.chains.back().stepSize = inf;
        if (what == "mean") report.sample.mean = std::nan("");
        const auto problem = couplinglab::cli::nonFiniteProblem(report);
        QCOMPARE(problem.has_value(), !expected.isEmpty());
        if (problem) {
            QVERIFY2(QString::fromStdString(*problem).contains(expected), problem->c_str());
            QVERIFY(QString::fromStdString(*problem).contains(QStringLiteral("range of a double")));
        }
    }

    // Also fragile: write failures carry errno's text; "-" is not read past its end.
    void writeFailureNamesTheErrno() {
        QTemporaryDir dir;
        const Outcome outcome =
            runCli(kFast + QStringList{"--output", "missing/d.csv"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("No such file or directory") &&
                     !outcome.err.contains("Unknown error"),
                 outcome.err.constData());
    }
    void aLoneSignIsNotAWholeNumber_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("minus") << "-";
        QTest::newRow("plus") << "+";
    }
    void aLoneSignIsNotAWholeNumber() {
        QFETCH(QString, text);
        // A string_view over exactly the sign: reading past it is what ASan would catch.
        const std::string owned = text.toStdString();
        QVERIFY_THROWS_EXCEPTION(couplinglab::InputError,
                                 couplinglab::cli::parseWholeNumber(std::string_view(owned)));
    }
};

QTEST_GUILESS_MAIN(TestCliExtremes)
#include "test_cli_extremes.moc"
