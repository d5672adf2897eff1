// couplinglab-cli for the K-unit Boltzmann machine, as a user runs it: the real executable in
// a QProcess inside a temporary folder.
#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cmath>
#include <fstream>

#include "core/stan_csv.h"

#ifndef COUPLINGLAB_CLI_PATH
#error "COUPLINGLAB_CLI_PATH must name the couplinglab-cli executable"
#endif

namespace {

const QStringList kSmall = {"--warmup", "300", "--draws", "300", "--chains", "2"};

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome runCli(const QStringList& arguments, const QString& folder) {
    QProcess process;
    process.setWorkingDirectory(folder);
    process.start(COUPLINGLAB_CLI_PATH, arguments);
    Outcome outcome;
    if (!process.waitForStarted(10000) || !process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

QJsonObject jsonOf(const Outcome& outcome) {
    return QJsonDocument::fromJson(outcome.out).object();
}

}  // namespace

class TestCliMachine : public QObject {
    Q_OBJECT
  private slots:
    // The JSON names every parameter in Stan's style, with its reference (Laplace for the
    // exact Boltzmann likelihood) and its sample summary; dense chains report a matrix.
    void jsonNamesParametersAndReportsDenseMetric() {
        QTemporaryDir dir;
        const Outcome o = runCli(QStringList{"--units", "3", "--biases", "--true-couplings",
                                             "0.5,0.5,0", "--true-biases", "3,0,0", "--likelihood",
                                             "boltzmann", "--metric", "dense", "--json"} +
                                     kSmall,
                                 dir.path());
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = jsonOf(o);
        const QJsonArray parameters = json["parameters"].toArray();
        QStringList names;
        for (const auto& p : parameters)
            names << p.toObject()["name"].toString();
        QCOMPARE(names, (QStringList{"w.1.2", "w.1.3", "w.2.3", "b.1", "b.2", "b.3"}));
        const QJsonObject b1 = parameters[3].toObject();
        QCOMPARE(b1["reference"].toObject()["kind"].toString(), QString("laplace"));
        // b_1 = 3 generated the data: the draws recover it within a few posterior sds. (Not
        // against Laplace: with s_1 = -1 in only ~25 of 10^4 observations, b_1's posterior is
        // skewed and its Laplace mean is off by several MCSE.)
        const double mean = b1["sample"].toObject()["mean"].toDouble();
        const double sd = b1["sample"].toObject()["sd"].toDouble();
        QVERIFY2(std::abs(mean - 3.0) < 4.0 * sd, qPrintable(QString::number(mean)));
        QCOMPARE(json["metric"].toString(), QString("dense"));
        const QJsonArray inverse = json["chains"].toArray()[0].toObject()["inv_metric"].toArray();
        QCOMPARE(inverse.size(), 6);
        QCOMPARE(inverse[0].toArray().size(), 6);
        QVERIFY(json["condition_number"].toDouble() >= 1.0);
    }

    // The same model with a diagonal metric sees the w_12 / b_2 correlation as a large
    // condition number; the dense metric absorbs most of it.
    void denseMetricLowersTheConditionNumber() {
        QTemporaryDir dir;
        const QStringList model = {
            "--units",       "3",     "--biases",     "--true-couplings", "0.5,0.5,0",
            "--true-biases", "3,0,0", "--likelihood", "boltzmann",        "--json"};
        const Outcome dense = runCli(model + kSmall + QStringList{"--metric", "dense"}, dir.path());
        const Outcome diag = runCli(model + kSmall + QStringList{"--metric", "diag"}, dir.path());
        QCOMPARE(dense.exitCode, 0);
        QCOMPARE(diag.exitCode, 0);
        const double kappaDense = jsonOf(dense)["condition_number"].toDouble();
        const double kappaDiag = jsonOf(diag)["condition_number"].toDouble();
        QVERIFY2(kappaDiag > 5 * kappaDense,
                 qPrintable(QString("diag %1, dense %2").arg(kappaDiag).arg(kappaDense)));
        QVERIFY(
            jsonOf(diag)["chains"].toArray()[0].toObject()["inv_metric"].toArray()[0].isDouble());
    }

    // --data-output writes the bits; --data reads them back to the same pattern counts, and
    // K comes from the file.
    void dataOutputRoundTripsThroughData() {
        QTemporaryDir dir;
        const Outcome first =
            runCli(QStringList{"--units", "4", "--pairs", "777", "--true-biases", "0.5,0,0,-1",
                               "--data-output", "bits.csv", "--json"} +
                       kSmall,
                   dir.path());
        QCOMPARE(first.exitCode, 0);
        const Outcome second =
            runCli(QStringList{"--data", "bits.csv", "--json"} + kSmall, dir.path());
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(jsonOf(second)["data"].toObject()["units"].toInt(), 4);
        QCOMPARE(jsonOf(second)["data"].toObject()["pattern_counts"],
                 jsonOf(first)["data"].toObject()["pattern_counts"]);
        QCOMPARE(jsonOf(second)["parameters"].toArray().size(), 6);
    }

    void malformedDataFileExitsTwoNamingRowAndColumn() {
        QTemporaryDir dir;
        QFile file(dir.filePath("bad.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("a,b,c\n0,1,1\n1,0,7\n");
        file.close();
        const Outcome o = runCli(QStringList{"--data", "bad.csv"} + kSmall, dir.path());
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains("--data: bad.csv: row 3, column 3"), o.err.constData());
        QVERIFY(o.out.isEmpty());
    }

    void wrongListLengthsExitTwoNamingTheOption_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("two couplings for K = 3")
            << QStringList{"--units", "3", "--true-couplings", "1,2"} << "--true-couplings";
        QTest::newRow("two biases for K = 3")
            << QStringList{"--units", "3", "--true-biases", "1,2"} << "--true-biases";
        QTest::newRow("K = 9") << QStringList{"--units", "9"} << "--units";
        QTest::newRow("a metric called full") << QStringList{"--metric", "full"} << "--metric";
        QTest::newRow("a sweep of K = 3")
            << QStringList{"--units", "3", "--sweep-pairs", "10,100", "--sweep-output", "s.csv"}
            << "--sweep-pairs: is available only";
        QTest::newRow("plots of K = 3")
            << QStringList{"--units", "3", "--plots", "."} << "--plots: is available only";
    }
    void wrongListLengthsExitTwoNamingTheOption() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const Outcome o = runCli(arguments + kSmall, dir.path());
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains(named.toUtf8()), o.err.constData());
    }

    // Stan CSV: the header carries w.j.k and b.k, the adaptation block the dense matrix.
    void stanCsvHeaderNamesParameters() {
        QTemporaryDir dir;
        const Outcome o = runCli(
            QStringList{"--units", "3", "--biases", "--metric", "dense", "--output", "draws.csv"} +
                kSmall,
            dir.path());
        QCOMPARE(o.exitCode, 0);
        std::ifstream in(dir.filePath("draws_1.csv").toStdString());
        const couplinglab::StanCsv csv = couplinglab::readStanCsv(in);
        QCOMPARE(csv.header.back(), std::string("b.3"));
        QCOMPARE(csv.header[7], std::string("w.1.2"));
        QCOMPARE(csv.rows.size(), std::size_t{300});
        QCOMPARE(csv.config.at("metric"), std::string("dense_e"));
    }

    // K = 2 without biases keeps today's keys ("exact", a number as inv_metric) and gains the
    // parameter list with its one parameter w and the exact reference.
    void oneCouplingModelKeepsItsKeysAndListsW() {
        QTemporaryDir dir;
        const Outcome o = runCli(QStringList{"--units", "2", "--json"} + kSmall, dir.path());
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = jsonOf(o);
        QVERIFY(json.contains("exact"));
        QVERIFY(json["chains"].toArray()[0].toObject()["inv_metric"].isDouble());
        const QJsonObject w = json["parameters"].toArray()[0].toObject();
        QCOMPARE(w["name"].toString(), QString("w"));
        QCOMPARE(w["reference"].toObject()["kind"].toString(), QString("exact"));
        QCOMPARE(w["sample"].toObject()["mean"], json["sample"].toObject()["mean"]);
        QCOMPARE(json["metric"].toString(), QString("diag"));
    }
};

QTEST_GUILESS_MAIN(TestCliMachine)
#include "test_cli_machine.moc"
