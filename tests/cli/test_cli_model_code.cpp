// couplinglab-cli --print-model as a student uses it: the printed program is complete (Python
// parses every one, Stan's compiler checks every one) and Stan, run on the bits --data-output
// wrote, gives the application's posterior. The Stan checks need R's rstan (Debian:
// r-cran-rstan); without it they are skipped with a message, unless COUPLINGLAB_REQUIRE_STAN=1
// (CI sets it).
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cmath>

#include "support/cli_process.h"

using namespace couplinglab::testing;

namespace {

struct ParameterSummary {
    QString name;
    double mean = 0;
    double mcse = 0;
    double sd = 0;
    double ess = 0;
};

QList<ParameterSummary> applicationSummary(const QByteArray& json) {
    QList<ParameterSummary> summaries;
    for (const QJsonValue value :
         QJsonDocument::fromJson(json).object().value(QStringLiteral("parameters")).toArray()) {
        const QJsonObject parameter = value.toObject();
        const QJsonObject sample = parameter.value(QStringLiteral("sample")).toObject();
        summaries.append({parameter.value(QStringLiteral("name")).toString(),
                          sample.value(QStringLiteral("mean")).toDouble(),
                          sample.value(QStringLiteral("mcse_mean")).toDouble(),
                          sample.value(QStringLiteral("sd")).toDouble(),
                          sample.value(QStringLiteral("ess_bulk")).toDouble()});
    }
    return summaries;
}

// rstan's summary as write.csv wrote it: a quoted name, then mean, se_mean, sd, n_eff.
QList<ParameterSummary> stanSummary(const QByteArray& csv) {
    QList<ParameterSummary> summaries;
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> cells = lines[i].split(',');
        if (cells.size() != 5) return {};
        summaries.append({QString::fromUtf8(cells[0]).remove(QLatin1Char('"')), cells[1].toDouble(),
                          cells[2].toDouble(), cells[3].toDouble(), cells[4].toDouble()});
    }
    return summaries;
}

// The R lines of the program's opening comment, as a student copies them.
QByteArray rRunner(const QByteArray& program) {
    QByteArray runner;
    bool inside = false;
    for (const QByteArray& line : program.split('\n')) {
        if (line.startsWith("// Run it from R")) {
            inside = true;
        } else if (line.startsWith("// or from Python")) {
            break;
        } else if (inside) {
            runner += line.mid(2).trimmed() + '\n';
        }
    }
    return runner;
}

bool runs(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit &&
           process.exitCode() == 0;
}

QString rscript() {
    return QStandardPaths::findExecutable(QStringLiteral("Rscript"));
}

// Empty when Rscript can load rstan; otherwise what is missing and how to install it.
QString whyStanIsMissing() {
    static const QString why =
        !rscript().isEmpty() &&
                runs(rscript(), {QStringLiteral("-e"), QStringLiteral("library(rstan)")})
            ? QString()
            : QStringLiteral(
                  "Stan is not installed (apt-get install r-cran-rstan, then link "
                  "/usr/lib/R/site-library/BH/include to /usr/include): the Stan program is not "
                  "checked");
    return why;
}

bool stanIsRequired() {
    return qEnvironmentVariableIntValue("COUPLINGLAB_REQUIRE_STAN") == 1;
}

// Stan's own compiler (stanc, through rstan) on the program: its message when it refuses it.
QByteArray stancErrors(const QString& path) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(rscript(), {QStringLiteral("-e"),
                              QStringLiteral("invisible(rstan::stanc(file = \"%1\"))").arg(path)});
    if (!process.waitForFinished(120000)) return "stanc did not finish in 120 s";
    const QByteArray output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0
               ? QByteArray()
               : output + "\nstanc failed";
}

}  // namespace

class CliModelCodeTest : public QObject {
    Q_OBJECT

  private slots:
    void everyModelPrintsAProgramThatParsesAndNamesItsMistake_data();
    void everyModelPrintsAProgramThatParsesAndNamesItsMistake();
    void aBadLanguageOrARunOptionIsRefusedAndNothingIsPrinted_data();
    void aBadLanguageOrARunOptionIsRefusedAndNothingIsPrinted();
    void stanRunOnTheSavedBitsMatchesTheApplicationsPosteriorWithinMcse_data();
    void stanRunOnTheSavedBitsMatchesTheApplicationsPosteriorWithinMcse();
};

void CliModelCodeTest::everyModelPrintsAProgramThatParsesAndNamesItsMistake_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("shape");
    QTest::addColumn<QString>("likelihood");
    QTest::addColumn<bool>("divideByN");
    QTest::addColumn<QString>("verdict");
    const QList<std::pair<QString, QStringList>> shapes = {
        {QStringLiteral("one coupling"), {}},
        {QStringLiteral("K=3 biases dense"),
         {QStringLiteral("--units"), QStringLiteral("3"), QStringLiteral("--biases"),
          QStringLiteral("--metric"), QStringLiteral("dense")}},
        {QStringLiteral("K=5 unit metric"),
         {QStringLiteral("--units"), QStringLiteral("5"), QStringLiteral("--metric"),
          QStringLiteral("unit")}},
    };
    for (const QString& language :
         {QStringLiteral("stan"), QStringLiteral("pymc"), QStringLiteral("numpyro")}) {
        for (const auto& [shapeName, shape] : shapes) {
            for (const bool exact : {false, true}) {
                for (const bool divide : {false, true}) {
                    const QString verdict =
                        !exact   ? QStringLiteral("This is the question's mistake")
                        : divide ? QStringLiteral("This is not the correct model")
                                 : QStringLiteral("This is the correct model");
                    const QString row =
                        QStringLiteral("%1 %2 %3%4")
                            .arg(language, shapeName,
                                 exact ? QStringLiteral("boltzmann") : QStringLiteral("potential"),
                                 divide ? QStringLiteral(" /N") : QString());
                    QTest::newRow(qPrintable(row))
                        << language << shape
                        << (exact ? QStringLiteral("boltzmann") : QStringLiteral("potential"))
                        << divide << verdict;
                }
            }
        }
    }
}

void CliModelCodeTest::everyModelPrintsAProgramThatParsesAndNamesItsMistake() {
    QFETCH(QString, language);
    QFETCH(QStringList, shape);
    QFETCH(QString, likelihood);
    QFETCH(bool, divideByN);
    QFETCH(QString, verdict);
    QTemporaryDir folder;
    QStringList arguments = {QStringLiteral("--print-model"), language,
                             QStringLiteral("--likelihood"), likelihood};
    arguments << shape;
    if (divideByN) arguments << QStringLiteral("--divide-by-n");
    const Outcome outcome = runCli(arguments, folder.path());
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());
    QVERIFY(entries(folder.path()).isEmpty());  // prints, writes nothing
    const QString program = QString::fromUtf8(outcome.out);
    QVERIFY2(program.contains(verdict), qPrintable(program));
    QVERIFY(program.contains(QStringLiteral("bits.csv")));
    const bool exact = likelihood == QStringLiteral("boltzmann");
    if (language == QStringLiteral("stan")) {
        QVERIFY(program.contains(QStringLiteral("target += ")));
        QCOMPARE(program.contains(QStringLiteral("log_sum_exp(")) ||
                     program.contains(QStringLiteral("log(4 * cosh(w))")),
                 exact);
        QCOMPARE(program.contains(QStringLiteral(") / N;")), divideByN);
        if (const QString why = whyStanIsMissing(); !why.isEmpty()) {
            if (stanIsRequired())
                QFAIL(qPrintable(QStringLiteral("COUPLINGLAB_REQUIRE_STAN=1: ") + why));
            QSKIP(qPrintable(why));
        }
        const QString path = folder.filePath(QStringLiteral("model.stan"));
        QVERIFY(writeFile(path, outcome.out));
        const QByteArray errors = stancErrors(path);
        QVERIFY2(errors.isEmpty(), (errors + "\n" + outcome.out).constData());
        return;
    }
    QVERIFY(program.contains(language == QStringLiteral("pymc")
                                 ? QStringLiteral("pm.Potential(\"likelihood\", ")
                                 : QStringLiteral("numpyro.factor(\"likelihood\", ")));
    QCOMPARE(program.contains(QStringLiteral("N * ")), exact);
    QCOMPARE(program.contains(QStringLiteral(") / N)")), divideByN);
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) QSKIP("python3 is not installed: the program's syntax is not checked");
    const QString path = folder.filePath(QStringLiteral("model.py"));
    QVERIFY(writeFile(path, outcome.out));
    QVERIFY2(runs(python, {QStringLiteral("-m"), QStringLiteral("py_compile"), path}),
             qPrintable(program));
}

void CliModelCodeTest::aBadLanguageOrARunOptionIsRefusedAndNothingIsPrinted_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown language")
        << QStringList{QStringLiteral("--print-model"), QStringLiteral("julia")}
        << QStringLiteral(
               "'julia' is not a language of --print-model; choose stan, pymc or "
               "numpyro");
    QTest::newRow("with --output")
        << QStringList{QStringLiteral("--print-model"), QStringLiteral("stan"),
                       QStringLiteral("--output"), QStringLiteral("draws.csv")}
        << QStringLiteral("--print-model: cannot be combined with --output");
    QTest::newRow("with --data")
        << QStringList{QStringLiteral("--data"), QStringLiteral("bits.csv"),
                       QStringLiteral("--print-model"), QStringLiteral("pymc")}
        << QStringLiteral("--print-model: cannot be combined with --data;");
    QTest::newRow("too many units")
        << QStringList{QStringLiteral("--print-model"), QStringLiteral("numpyro"),
                       QStringLiteral("--units"), QStringLiteral("9")}
        << QStringLiteral("the number of units K must be between 2 and 8");
}

void CliModelCodeTest::aBadLanguageOrARunOptionIsRefusedAndNothingIsPrinted() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir folder;
    const Outcome outcome = runCli(arguments, folder.path());
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY(outcome.out.isEmpty());
    QVERIFY2(QString::fromUtf8(outcome.err).contains(message), outcome.err.constData());
    QVERIFY(entries(folder.path()).isEmpty());
}

void CliModelCodeTest::stanRunOnTheSavedBitsMatchesTheApplicationsPosteriorWithinMcse_data() {
    QTest::addColumn<QStringList>("model");
    // The question's mistake, the tempered exact model, and the machine of lesson 2 (biases,
    // correlated), so that every part of the Stan program is compiled and run.
    QTest::newRow("one coupling, potential only")
        << QStringList{QStringLiteral("--likelihood"), QStringLiteral("potential")};
    QTest::newRow("one coupling, exact divided by N") << QStringList{
        QStringLiteral("--likelihood"), QStringLiteral("boltzmann"),
        QStringLiteral("--divide-by-n"), QStringLiteral("--coupling"), QStringLiteral("0.5")};
    QTest::newRow("K=3 with biases, exact")
        << QStringList{QStringLiteral("--units"),   QStringLiteral("3"),
                       QStringLiteral("--biases"),  QStringLiteral("--likelihood"),
                       QStringLiteral("boltzmann"), QStringLiteral("--true-couplings"),
                       QStringLiteral("0.5,0.5,0"), QStringLiteral("--true-biases"),
                       QStringLiteral("3,0,0"),     QStringLiteral("--pairs"),
                       QStringLiteral("3000")};
}

void CliModelCodeTest::stanRunOnTheSavedBitsMatchesTheApplicationsPosteriorWithinMcse() {
    QFETCH(QStringList, model);
    if (const QString why = whyStanIsMissing(); !why.isEmpty()) {
        if (stanIsRequired())
            QFAIL(qPrintable(QStringLiteral("COUPLINGLAB_REQUIRE_STAN=1: ") + why));
        QSKIP(qPrintable(why));
    }
    QTemporaryDir folder;
    const Outcome app =
        runCli(model + QStringList{QStringLiteral("--data-output"), QStringLiteral("bits.csv"),
                                   QStringLiteral("--json"), QStringLiteral("--quiet")},
               folder.path());
    QCOMPARE(app.exitCode, 0);
    const Outcome program =
        runCli(model + QStringList{QStringLiteral("--print-model"), QStringLiteral("stan")},
               folder.path());
    QCOMPARE(program.exitCode, 0);
    QVERIFY(writeFile(folder.filePath(QStringLiteral("model.stan")), program.out));
    const QByteArray runner = rRunner(program.out);
    QVERIFY2(runner.contains("stan(\"model.stan\""), runner.constData());
    QVERIFY(writeFile(folder.filePath(QStringLiteral("run.R")),
                      runner + "s <- summary(fit)$summary\n"
                               "write.csv(s[rownames(s) != \"lp__\", c(\"mean\", \"se_mean\", "
                               "\"sd\", \"n_eff\"), drop = FALSE], \"stan-summary.csv\")\n"));

    QProcess r;
    r.setWorkingDirectory(folder.path());
    r.setProcessChannelMode(QProcess::MergedChannels);
    r.start(rscript(), {QStringLiteral("run.R")});
    QVERIFY(r.waitForFinished(900000));
    const QByteArray log = r.readAll();
    QVERIFY2(r.exitStatus() == QProcess::NormalExit && r.exitCode() == 0,
             log.right(3000).constData());

    const QList<ParameterSummary> ours = applicationSummary(app.out);
    const QByteArray stanCsv = readAll(folder.filePath(QStringLiteral("stan-summary.csv")));
    const QList<ParameterSummary> stans = stanSummary(stanCsv);
    QVERIFY(!ours.isEmpty());
    QVERIFY2(stans.size() == ours.size(), (stanCsv + "\n" + log.right(3000)).constData());
    for (qsizetype i = 0; i < ours.size(); ++i) {
        const ParameterSummary& a = ours[i];
        const ParameterSummary& b = stans[i];
        const double meanTolerance = 5.0 * std::hypot(a.mcse, b.mcse);
        QVERIFY2(std::abs(a.mean - b.mean) <= meanTolerance,
                 qPrintable(QStringLiteral("%1 / %2: mean %3 here, %4 in Stan (5 MCSE = %5)")
                                .arg(a.name, b.name)
                                .arg(a.mean)
                                .arg(b.mean)
                                .arg(meanTolerance)));
        // The sd's relative standard error is about 1/sqrt(2 ESS) for a near-normal posterior.
        const double sdTolerance = 5.0 * std::sqrt(0.5 / a.ess + 0.5 / b.ess);
        QVERIFY2(std::abs(b.sd / a.sd - 1.0) <= sdTolerance,
                 qPrintable(QStringLiteral("%1 / %2: sd %3 here, %4 in Stan (5 SE = %5 of it)")
                                .arg(a.name, b.name)
                                .arg(a.sd)
                                .arg(b.sd)
                                .arg(sdTolerance)));
    }
}

QTEST_GUILESS_MAIN(CliModelCodeTest)
#include "test_cli_model_code.moc"
