// couplinglab-cli as a user runs it: the real executable in a QProcess, inside a temporary
// folder. (The JSON writer and the table's closing sentence, in process: test_cli_summary_text.)
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QTemporaryDir>
#include "core/trajectory_csv.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "app/cli/cli_options.h"
#include "app/cli/cli_run.h"
#include "app/cli/json_writer.h"
#include "core/stan_csv.h"
#include "support/cli_process.h"
#include "support/sanitizers.h"

using namespace couplinglab::testing;

namespace {

// Small runs keep the suite fast; each test adds its own --chains where it matters.
const QStringList kSmall = {"--pairs", "1000", "--warmup", "200", "--draws", "200"};
const QStringList kTwoChains = {"--chains", "2"};

QJsonObject parseJson(const QByteArray& text) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        qWarning() << "not one JSON object:" << error.errorString() << text.left(200);
        return {};
    }
    return document.object();
}

couplinglab::StanCsv readCsv(const QString& path) {
    std::ifstream in(path.toStdString());
    return couplinglab::readStanCsv(in);
}

}  // namespace

class TestCliRun : public QObject {
    Q_OBJECT

  private slots:
    void badInvocationExitsTwoWithOneLineAndNoFile_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        // "{dir}" stands for the temporary folder the process runs in.
        auto row = [](const QStringList& arguments, const QString& option) {
            QTest::newRow(qPrintable(arguments.join(' '))) << arguments << option;
        };
        row({"--pairs", "abc", "--output", "x.csv"}, "--pairs");
        row({"--pairs=12abc"}, "--pairs");
        row({"--pairs", "1e3", "--output", "x.csv"}, "--pairs");
        row({"--pairs", "0"}, "--pairs");
        row({"--pairs", "2000000001"}, "--pairs");
        row({"--pairs"}, "--pairs");
        row({"--coupling", "nan"}, "--coupling");
        row({"--data-seed", "-1"}, "--data-seed");
        row({"--likelihood", "exact"}, "--likelihood");
        row({"--divide-by-n=1"}, "--divide-by-n");
        row({"--prior-mean", "inf"}, "--prior-mean");
        row({"--prior-sd", "0", "--output", "x.csv"}, "--prior-sd");
        row({"--sampler", "mala"}, "--sampler");
        row({"--leapfrog-steps", "5", "--output", "x.csv"}, "--leapfrog-steps");
        row({"--sampler", "hmc", "--leapfrog-steps", "0"}, "--leapfrog-steps");
        row({"--step-size", "-1"}, "--step-size");
        row({"--target-accept", "1"}, "--target-accept");
        row({"--no-adapt-metric=yes"}, "--no-adapt-metric");
        row({"--max-depth", "31"}, "--max-depth");
        row({"--warmup", "-1"}, "--warmup");
        row({"--draws", "0"}, "--draws");
        row({"--chains", "65", "--output", "x.csv"}, "--chains");
        row({"--seed", "-3"}, "--seed");
        row({"--json=1"}, "--json");
        row({"--quiet", "--quiet"}, "--quiet");
        row({"--draws", "5", "--draws", "5"}, "--draws");
        row({"--output"}, "--output");
        row({"--output="}, "--output");
        row({"--frobnicate"}, "--frobnicate");
        row({"--pair", "10"}, "--pair");
        row({"-p", "10"}, "-p");
        row({"draws.csv"}, "draws.csv");
        row({"--help=now"}, "--help");
        row({"--coupling", "1\n2"}, "--coupling");
        row({"x\ny"}, "'x\\ny'");
        // Unwritable outputs, refused before sampling.
        row({"--output", "{dir}/missing/x.csv"}, "--output");
        row({"--output", "{dir}/missing/x.csv", "--chains", "3"}, "--output");
        row({"--output", "{dir}"}, "--output");
        row({"--output", "{dir}/"}, "--output");
        row({"--output", "."}, "--output");
        // Records that would not fit in memory (64 chains of 2e8 iterations: about a terabyte).
        row({"--chains", "64", "--warmup", "100000000", "--draws", "100000000", "--output",
             "x.csv"},
            "--draws");
    }
    void badInvocationExitsTwoWithOneLineAndNoFile() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        arguments.replaceInStrings("{dir}", dir.path());
        const Outcome outcome = runCli(arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.endsWith('\n') && outcome.err.count('\n') == 1,
                 outcome.err.constData());
        QVERIFY2(outcome.err.startsWith("couplinglab-cli: "), outcome.err.constData());
        QVERIFY2(outcome.err.contains(option.toUtf8()), outcome.err.constData());
        QVERIFY2(outcome.out.isEmpty(), outcome.out.constData());
        QCOMPARE(entries(dir.path()), QStringList());
    }

    void dataThatDoesNotFitInMemoryExitsTwo() {
        // 2e9 pairs need 500 MB of packed bits; under a 400 MB address-space limit the
        // allocation fails, which BitData reports as InputError.
        if (couplinglab::testing::kSanitizedBuild)
            QSKIP("a sanitizer reserves terabytes of address space: ulimit -v cannot apply");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString script = QStringLiteral(
            "ulimit -v 400000 && exec \"$CLI\" --pairs 2000000000 --output x.csv --draws 10");
        const Outcome outcome = runShell(script, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(
            outcome.err.startsWith("couplinglab-cli: --pairs: ") && outcome.err.count('\n') == 1,
            outcome.err.constData());
        QVERIFY2(outcome.err.contains("memory"), outcome.err.constData());
        QCOMPARE(entries(dir.path()), QStringList());
    }

    void outputRefusedWhenOneChainFileIsAFolder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir("x_2.csv"));
        const Outcome outcome =
            runCli(kSmall + QStringList{"--chains", "3", "--output", "x.csv"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--output") && outcome.err.contains("x_2.csv"),
                 outcome.err.constData());
        QCOMPARE(entries(dir.path()), QStringList{"x_2.csv"});
    }

    void jsonOutputHasEveryKey() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli(kSmall + kTwoChains + QStringList{"--json"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.err.isEmpty(),
                 outcome.err.constData());  // stderr is no terminal: no progress
        QCOMPARE(outcome.out.count('\n'), 1);
        const QJsonObject json = parseJson(outcome.out);
        QVERIFY(!json.isEmpty());

        const QHash<QString, QStringList> keys = {
            {"data", {"pairs", "c", "agreement", "coupling", "seed"}},
            {"model", {"likelihood", "divide_by_n", "prior_mean", "prior_sd"}},
            {"exact", {"mean", "sd"}},
            {"sample", {"mean", "sd", "mcse_mean", "ess_bulk", "ess_tail", "rhat", "draws"}},
            {"timing",
             {"warmup_seconds", "sampling_seconds", "wall_seconds", "draws_per_second",
              "gradients_per_second"}}};
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            QVERIFY2(json.value(it.key()).isObject(), qPrintable(it.key()));
            const QJsonObject object = json.value(it.key()).toObject();
            for (const QString& key : it.value()) {
                QVERIFY2(object.contains(key), qPrintable(it.key() + "." + key));
            }
        }
        const QJsonObject data = json["data"].toObject();
        QCOMPARE(data["pairs"].toInteger(), 1000);
        QCOMPARE(data["seed"].toInteger(), 1);
        QCOMPARE(data["coupling"].toDouble(), 0.0);
        const qint64 c = data["c"].toInteger();
        QCOMPARE(data["agreement"].toDouble(), (1000 + c) / 2 / 1000.0);
        const QJsonObject model = json["model"].toObject();
        QCOMPARE(model["likelihood"].toString(), QString("potential"));
        QCOMPARE(model["divide_by_n"].toBool(true), false);
        QCOMPARE(model["prior_mean"].toDouble(), 0.0);
        QCOMPARE(model["prior_sd"].toDouble(), 1.0);
        // Potential only: the exact posterior is Normal(C, 1).
        QCOMPARE(json["exact"]["mean"].toDouble(), static_cast<double>(c));
        QCOMPARE(json["exact"]["sd"].toDouble(), 1.0);
        const QJsonObject sample = json["sample"].toObject();
        QCOMPARE(sample["draws"].toInteger(), 400);
        for (const char* key : {"mean", "sd", "mcse_mean", "ess_bulk", "ess_tail", "rhat"}) {
            QVERIFY2(sample[key].isDouble(), qPrintable(key));
        }
        QVERIFY(std::abs(sample["mean"].toDouble() - c) < 6 * sample["mcse_mean"].toDouble());

        const QJsonArray chains = json["chains"].toArray();
        QCOMPARE(chains.size(), 2);
        double leapfrogs = 0.0;
        for (int k = 0; k < chains.size(); ++k) {
            const QJsonObject chain = chains[k].toObject();
            QCOMPARE(chain["chain"].toInt(), k + 1);
            for (const char* key : {"stepsize", "inv_metric", "effective_stepsize",
                                    "mean_treedepth", "mean_n_leapfrog", "divergences"}) {
                QVERIFY2(chain[key].isDouble(), qPrintable(key));
            }
            QCOMPARE(chain["effective_stepsize"].toDouble(),
                     chain["stepsize"].toDouble() * std::sqrt(chain["inv_metric"].toDouble()));
            leapfrogs += chain["mean_n_leapfrog"].toDouble() * 200;
        }
        const QJsonObject timing = json["timing"].toObject();
        const double sampling = timing["sampling_seconds"].toDouble();
        QVERIFY(sampling > 0.0);
        QVERIFY(timing["wall_seconds"].toDouble() > 0.0);
        QCOMPARE(timing["draws_per_second"].toDouble(), 400 / sampling);
        QVERIFY(std::abs(timing["gradients_per_second"].toDouble() - leapfrogs / sampling) <=
                1e-9 * leapfrogs / sampling);
    }

    void csvFilePerChainMatchesJson() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli(
            kSmall + QStringList{"--chains", "3", "--json", "--output", dir.filePath("x.csv")},
            dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());
        QCOMPARE(entries(dir.path()), (QStringList{"x_1.csv", "x_2.csv", "x_3.csv"}));
        const QJsonObject json = parseJson(outcome.out);
        QCOMPARE(json["output"].toArray().size(), 3);

        qint64 rows = 0;
        double sum = 0.0;
        for (int k = 1; k <= 3; ++k) {
            const QString path = dir.filePath(QString("x_%1.csv").arg(k));
            const QByteArray bytes = readAll(path);
            QVERIFY(
                bytes.contains("\nlp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent_"
                               "_,energy__,w\n"));
            const couplinglab::StanCsv csv = readCsv(path);
            const std::vector<std::string> header = {
                "lp__",         "accept_stat__", "stepsize__", "treedepth__",
                "n_leapfrog__", "divergent__",   "energy__",   "w"};
            QVERIFY(csv.header == header);
            QCOMPARE(csv.rows.size(), std::size_t{200});
            QCOMPARE(csv.config.at("id"), std::to_string(k));
            const QJsonObject chain = json["chains"].toArray()[k - 1].toObject();
            QCOMPARE(csv.stepSize, chain["stepsize"].toDouble());
            QCOMPARE(csv.inverseMetric.at(0), chain["inv_metric"].toDouble());
            rows += static_cast<qint64>(csv.rows.size());
            for (const double w : csv.column("w"))
                sum += w;
        }
        const QJsonObject sample = json["sample"].toObject();
        QCOMPARE(rows, sample["draws"].toInteger());
        // Round trip: the draws in the files are the draws the summary describes.
        const double csvMean = sum / static_cast<double>(rows);
        const double jsonMean = sample["mean"].toDouble();
        QVERIFY2(
            std::abs(csvMean - jsonMean) <= 1e-12 * std::abs(jsonMean),
            qPrintable(QString("%1 vs %2").arg(csvMean, 0, 'g', 17).arg(jsonMean, 0, 'g', 17)));
    }

    void oneChainKeepsTheFileName() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli(
            kSmall + QStringList{"--chains", "1", "--quiet", "--output", "draws.csv"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(entries(dir.path()), QStringList{"draws.csv"});
        QCOMPARE(readCsv(dir.filePath("draws.csv")).rows.size(), std::size_t{200});
    }

    void sameSeedGivesSameBytesOtherSeedOtherBytes() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QStringList base = kSmall + kTwoChains + QStringList{"--quiet"};
        QCOMPARE(
            runCli(base + QStringList{"--seed", "7", "--output", "a.csv"}, dir.path()).exitCode, 0);
        QCOMPARE(
            runCli(base + QStringList{"--seed", "7", "--output", "b.csv"}, dir.path()).exitCode, 0);
        QCOMPARE(
            runCli(base + QStringList{"--seed", "8", "--output", "c.csv"}, dir.path()).exitCode, 0);
        for (int k = 1; k <= 2; ++k) {
            const QByteArray a = readAll(dir.filePath(QString("a_%1.csv").arg(k)));
            const QByteArray b = readAll(dir.filePath(QString("b_%1.csv").arg(k)));
            const QByteArray c = readAll(dir.filePath(QString("c_%1.csv").arg(k)));
            QVERIFY(!a.isEmpty());
            QVERIFY2(a == b, "the same seed must give the same bytes");
            QVERIFY2(a != c, "another seed must give other bytes");
        }
    }

    void defaultOutputIsATableEndingWithASentence() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli(kSmall + kTwoChains, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());
        const QString text = QString::fromUtf8(outcome.out);
        for (const char* heading :
             {"Data\n", "Model\n", "Posterior of w", "Sample diagnostics\n", "Adaptation per chain",
              "Timing\n", "agreement fraction", "atanh(C/N)", "MCSE of the mean", "bulk ESS",
              "tail ESS", "R-hat", "eps*sqrt(inv metric)", "mean depth", "divergences", " /s",
              "gradients"}) {
            QVERIFY2(text.contains(heading), qPrintable(heading));
        }
        const QStringList lines = text.trimmed().split('\n');
        // After the warnings of the diagnostics, if any (app/cli/verdict.h).
        QVERIFY(lines.last().contains("The sample mean"));
        QVERIFY(lines.last().contains("MCSE"));
    }

    void samplerOptionsReachTheRun() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome =
            runCli(kSmall + kTwoChains +
                       QStringList{"--json", "--sampler", "hmc", "--leapfrog-steps", "5",
                                   "--step-size", "0.25", "--no-adapt-metric", "--likelihood",
                                   "boltzmann", "--divide-by-n"},
                   dir.path());
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject json = parseJson(outcome.out);
        for (const QJsonValue value : json["chains"].toArray()) {
            const QJsonObject chain = value.toObject();
            QCOMPARE(chain["stepsize"].toDouble(), 0.25);
            QCOMPARE(chain["inv_metric"].toDouble(), 1.0);
            QCOMPARE(chain["mean_n_leapfrog"].toDouble(), 5.0);
        }
        QCOMPARE(json["model"]["likelihood"].toString(), QString("boltzmann"));
        QCOMPARE(json["model"]["divide_by_n"].toBool(), true);
        QCOMPARE(json["sampler"]["algorithm"].toString(), QString("hmc"));
    }

    // The metric setting (core/settings_schema.h) reaches the one-coupling run by --metric, and
    // by its synonym --no-adapt-metric.
    void metricOptionReachesTheOneCouplingRun_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("metric");
        QTest::newRow("default") << QStringList{} << "diag";
        QTest::newRow("--metric diag") << QStringList{"--metric", "diag"} << "diag";
        QTest::newRow("--metric unit") << QStringList{"--metric", "unit"} << "unit";
        QTest::newRow("--metric=unit") << QStringList{"--metric=unit"} << "unit";
        QTest::newRow("--no-adapt-metric") << QStringList{"--no-adapt-metric"} << "unit";
    }
    void metricOptionReachesTheOneCouplingRun() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, metric);
        QTemporaryDir dir;
        const Outcome outcome =
            runCli(kSmall + kTwoChains + arguments + QStringList{"--json", "--output", "d.csv"},
                   dir.path());
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject json = parseJson(outcome.out);
        QCOMPARE(json["metric"].toString(), metric);
        QCOMPARE(json["sampler"]["adapt_metric"].toBool(), metric == "diag");
        QVERIFY(json["chains"].toArray()[0].toObject()["inv_metric"].isDouble());  // one coupling
        for (const QJsonValue chain : json["chains"].toArray())
            QCOMPARE(chain.toObject()["inv_metric"].toDouble() == 1.0, metric == "unit");
        QVERIFY(readAll(dir.filePath("d_1.csv"))
                    .contains(metric == "unit" ? "metric = unit_e" : "metric = diag_e"));
    }

    void metricUnitIsNoAdaptMetricDrawForDraw() {
        QTemporaryDir dir;
        QCOMPARE(runCli(kSmall + QStringList{"--metric", "unit", "--output", "a.csv", "--quiet"},
                        dir.path())
                     .exitCode,
                 0);
        QCOMPARE(runCli(kSmall + QStringList{"--no-adapt-metric", "--output", "b.csv", "--quiet"},
                        dir.path())
                     .exitCode,
                 0);
        for (const char* chain : {"_1.csv", "_4.csv"})
            QCOMPARE(readAll(dir.filePath(QStringLiteral("a") + chain)),
                     readAll(dir.filePath(QStringLiteral("b") + chain)));
    }

    void metricRefusedNamingTheProblem_data() {
        QTest::addColumn<QString>("value");
        for (const char* value : {"full", "Diag", "", "unit,diag", "0"})
            QTest::newRow(value) << QString(value);
    }
    void metricRefusedNamingTheProblem() {
        QFETCH(QString, value);
        QTemporaryDir dir;
        const Outcome outcome =
            runCli(kSmall + QStringList{"--metric", value, "--output", "d.csv"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(QString::fromUtf8(outcome.err),
                 QStringLiteral("couplinglab-cli: --metric: '%1' is not a metric; choose unit, "
                                "diag or dense\n")
                     .arg(value));
        QCOMPARE(entries(dir.path()), QStringList());
    }

    // The file holds exactly the trajectory the core records for that iteration of chain 1:
    // the window's view shows the same (test_sampling_controller checks that side).
    void trajectoryCsvIsTheRecordedIterationOfChainOne() {
        QTemporaryDir dir;
        const Outcome outcome =
            runCli({"--pairs", "10000", "--likelihood", "boltzmann", "--warmup", "100", "--draws",
                    "50", "--chains", "2", "--seed", "3", "--trajectory", "120",
                    "--trajectory-output", "t.csv", "--quiet"},
                   dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QFile file(dir.filePath("t.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        using namespace couplinglab;
        SamplerSettings settings;
        settings.warmup = 100;
        settings.draws = 50;
        settings.chains = 2;
        settings.seed = 3;
        ModelSpec model;
        model.likelihood = Likelihood::ExactBoltzmann;
        const BitData data = BitData::generate({10'000, 0.0, 1});
        const TrajectoryRecord record =
            recordTrajectory(CouplingTarget(model, data.statistic()), settings, 0, 120);
        QCOMPARE(file.readAll().toStdString(), trajectoryCsv(record));
    }

    void helpExitsZeroAndMentionsEveryOption() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli({"--help"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.err.isEmpty());
        const QString help = QString::fromUtf8(outcome.out);
        const QStringList options = {"--pairs",
                                     "--coupling",
                                     "--data-seed",
                                     "--likelihood",
                                     "--divide-by-n",
                                     "--prior-mean",
                                     "--prior-sd",
                                     "--sampler",
                                     "--leapfrog-steps",
                                     "--step-size",
                                     "--target-accept",
                                     "--no-adapt-metric",
                                     "--max-depth",
                                     "--warmup",
                                     "--draws",
                                     "--chains",
                                     "--seed",
                                     "--output",
                                     "--json",
                                     "--quiet",
                                     "--help",
                                     "--version",
                                     "--session",
                                     "--plots",
                                     "--plot-format",
                                     "--plot-size",
                                     "--plot-scale",
                                     "--sweep-pairs",
                                     "--sweep-output",
                                     "--trajectory",
                                     "--trajectory-output",
                                     "--units",
                                     "--biases",
                                     "--true-couplings",
                                     "--true-biases",
                                     "--metric",
                                     "--data",
                                     "--data-output",
                                     "--list-lessons",
                                     "--lesson",
                                     "--handout",
                                     "--print-model",
                                     "--animation",
                                     "--animation-output",
                                     "--animation-fps",
                                     "--animation-seconds",
                                     "--animation-size",
                                     "--animation-scale",
                                     "--animation-iterations-per-frame"};
        for (const QString& option : options)
            QVERIFY2(help.contains(option + " ") || help.contains(option + "\n"),
                     qPrintable(option));
        for (const couplinglab::cli::OptionSpec& option : couplinglab::cli::optionTable()) {
            QVERIFY(options.contains("--" + QString::fromUtf8(option.name)));
        }
        QVERIFY(help.contains("[default: 10000]"));
        QCOMPARE(entries(dir.path()), QStringList());
    }

    void versionExitsZero() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Outcome outcome = runCli({"--version"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("couplinglab-cli "));
        QCOMPARE(outcome.out.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "test_cli_run.moc"
