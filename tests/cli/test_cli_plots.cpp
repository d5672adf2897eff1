// couplinglab-cli --plots and --session, run as a user runs them: the real executable in a
// QProcess, in a temporary folder, without a display.
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "ui/settings/session.h"

#ifndef COUPLINGLAB_CLI_PATH
#error "COUPLINGLAB_CLI_PATH must name the couplinglab-cli executable"
#endif

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

const QStringList kSmall = {"--pairs", "1000",     "--warmup", "100",    "--draws",
                            "100",     "--chains", "2",        "--quiet"};
const QStringList kPanels = {"trace", "posterior", "step-size", "tree-depth", "acceptance"};

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 milliseconds = 0;
};

Outcome runCli(const QStringList& arguments, const QString& workingDirectory) {
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    // No display: the CLI must choose the offscreen platform itself.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(environment);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(COUPLINGLAB_CLI_PATH), arguments);
    Outcome outcome;
    if (!process.waitForStarted(10000) || !process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        outcome.err = "the process did not finish";
        return outcome;
    }
    outcome.milliseconds = clock.elapsed();
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

QStringList entries(const QString& directory) {
    return QDir(directory).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                                     QDir::Name);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QSizeF mediaBox(const QByteArray& pdf) {
    static const QRegularExpression box(
        QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"));
    const QRegularExpressionMatch match = box.match(QString::fromLatin1(pdf));
    return match.hasMatch() ? QSizeF(match.captured(1).toDouble(), match.captured(2).toDouble())
                            : QSizeF();
}

// The SVG's viewBox and all its <text>, or an empty viewBox when it is not well-formed XML.
std::pair<QString, QString> svgViewBoxAndText(const QByteArray& bytes) {
    QXmlStreamReader xml(bytes);
    QString viewBox;
    QString text;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        if (xml.name() == QLatin1String("svg"))
            viewBox = xml.attributes().value(QStringLiteral("viewBox")).toString();
        if (xml.name() == QLatin1String("text"))
            text += xml.readElementText(QXmlStreamReader::IncludeChildElements) + ' ';
    }
    return {xml.hasError() ? QString() : viewBox, text};
}

QJsonObject json(const QByteArray& text) {
    return QJsonDocument::fromJson(text).object();
}

// The settings the summary reports: data (without its timing), model and sampler.
QJsonObject settingsOf(const QByteArray& text) {
    QJsonObject object = json(text);
    QJsonObject data = object.value("data").toObject();
    data.remove("seconds");
    return QJsonObject{
        {"data", data}, {"model", object.value("model")}, {"sampler", object.value("sampler")}};
}

Session lessonSession() {
    Session s;
    s.settings.data = {800, 0.5, 9};
    s.settings.model = {0.5, 2.0, Likelihood::ExactBoltzmann, false};
    s.settings.sampler.targetAccept = 0.9;
    s.settings.sampler.adaptMetric = false;
    s.settings.sampler.maxDepth = 8;
    s.settings.sampler.warmup = 100;
    s.settings.sampler.draws = 80;
    s.settings.sampler.chains = 2;
    s.settings.sampler.seed = 31;
    s.display.traceWindow = 150;
    return s;
}

// The same settings as options.
const QStringList kLessonOptions = {"--pairs",
                                    "800",
                                    "--coupling",
                                    "0.5",
                                    "--data-seed",
                                    "9",
                                    "--likelihood",
                                    "boltzmann",
                                    "--prior-mean",
                                    "0.5",
                                    "--prior-sd",
                                    "2",
                                    "--target-accept",
                                    "0.9",
                                    "--no-adapt-metric",
                                    "--max-depth",
                                    "8",
                                    "--warmup",
                                    "100",
                                    "--draws",
                                    "80",
                                    "--chains",
                                    "2",
                                    "--seed",
                                    "31",
                                    "--quiet"};

}  // namespace

class TestCliPlots : public QObject {
    Q_OBJECT

  private slots:
    void everyPanelInEveryFormat_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("scale");
        QTest::newRow("png") << "png" << QSize(640, 400) << 1.5;
        QTest::newRow("jpg") << "jpg" << QSize(640, 400) << 1.0;
        QTest::newRow("pdf") << "pdf" << QSize(700, 500) << 1.0;
        QTest::newRow("svg") << "svg" << QSize(700, 500) << 1.0;
    }

    void everyPanelInEveryFormat() {
        QFETCH(QString, format);
        QFETCH(QSize, size);
        QFETCH(double, scale);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("figures"));
        const Outcome outcome = runCli(
            kSmall + QStringList{"--plots", "figures", "--plot-format", format, "--plot-size",
                                 QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                                 "--plot-scale", QString::number(scale)},
            dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());
        const QString figures = dir.filePath("figures");
        const QStringList files = entries(figures);
        for (const QString& panel : kPanels)
            QVERIFY2(files.contains(panel + "." + format), qPrintable(files.join(", ")));
        for (const QString& file : files) {
            QVERIFY2(file.endsWith("." + format),
                     qPrintable(file));  // nothing else, no temporaries
            const QString path = QDir(figures).filePath(file);
            const QByteArray bytes = readAll(path);
            if (format == "png" || format == "jpg") {
                QImageReader reader(path);
                QCOMPARE(reader.size(),
                         QSize(qRound(size.width() * scale), qRound(size.height() * scale)));
                QVERIFY(reader.text("Description").contains("\"format\":\"couplinglab-session\""));
                QVERIFY(!reader.read().isNull());
            } else if (format == "pdf") {
                QVERIFY(bytes.startsWith("%PDF-"));
                QCOMPARE(mediaBox(bytes), QSizeF(size));
            } else {
                const auto [viewBox, text] = svgViewBoxAndText(bytes);
                QCOMPARE(viewBox, QStringLiteral("0 0 %1 %2").arg(size.width()).arg(size.height()));
                if (file.startsWith("trace") || file.startsWith("acceptance"))
                    QVERIFY2(text.contains("iteration"), qPrintable(text));
                // The trajectory panels show chain 1's last iteration, not their empty hint.
                if (file.startsWith("trajectory") || file.startsWith("energy-error"))
                    QVERIFY2(!text.contains("Start or Step"), qPrintable(text));
            }
        }
    }

    // A K-unit machine run draws the Boltzmann machine tab's three views, no others, each
    // showing the run (the svg's text has the pair's names and the step, not the hint).
    void machineRunDrawsPairsTrajectoryAndStepWidths_data() {
        QTest::addColumn<QString>("metric");
        QTest::newRow("diag") << "diag";
        QTest::newRow("dense") << "dense";
    }
    void machineRunDrawsPairsTrajectoryAndStepWidths() {
        QFETCH(QString, metric);
        QTemporaryDir dir;
        const QStringList machine{
            "--units",       "3",        "--biases",     "--true-couplings", "0.5,0.5,0",
            "--true-biases", "3,0,0",    "--likelihood", "boltzmann",        "--metric",
            metric,          "--warmup", "300",          "--draws",          "300",
            "--chains",      "2",        "--quiet"};
        for (const QString& format : {QStringLiteral("png"), QStringLiteral("svg")}) {
            const QString folder = dir.filePath(format);
            QVERIFY(QDir(dir.path()).mkdir(format));
            const Outcome outcome = runCli(
                machine + QStringList{"--plots", format, "--plot-format", format}, dir.path());
            QCOMPARE(outcome.exitCode, 0);
            QVERIFY2(outcome.err.isEmpty(), outcome.err.constData());
            QCOMPARE(entries(folder), (QStringList{"pairs." + format, "step-widths." + format,
                                                   "trajectory-position." + format}));
            if (format == "png") {
                QImageReader reader(QDir(folder).filePath("pairs.png"));
                QCOMPARE(reader.size(), QSize(1200, 800));
                QVERIFY2(reader.text("Description")
                             .contains(QStringLiteral("\"metric\":\"%1\"").arg(metric)),
                         qPrintable(reader.text("Description")));
                continue;
            }
            for (const QString& file : entries(folder)) {
                const auto [viewBox, text] =
                    svgViewBoxAndText(readAll(QDir(folder).filePath(file)));
                QVERIFY2(!text.contains("Press Run"), qPrintable(file + ": " + text));
                if (file.startsWith("pairs") || file.startsWith("trajectory"))
                    QVERIFY2(text.contains("w.1.") && text.contains("b."), qPrintable(text));
                if (file.startsWith("step-widths"))
                    QVERIFY2(text.contains(QStringLiteral("κ")), qPrintable(text));
            }
        }
    }

    void defaultsAre1200By800Png() {
        QTemporaryDir dir;
        const Outcome outcome = runCli(
            kSmall + QStringList{"--plots", dir.path(), "--output", "draws.csv"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(QImageReader(dir.filePath("trace.png")).size(), QSize(1200, 800));
        QVERIFY(QFileInfo::exists(dir.filePath("draws_1.csv")));  // both outputs
        QVERIFY(QFileInfo::exists(dir.filePath("draws_2.csv")));
    }

    void sessionRunsItsSettings() {
        QTemporaryDir dir;
        const QString session = dir.filePath("lesson.couplinglab.json");
        saveSessionFile(session, lessonSession());
        const Outcome fromSession =
            runCli({"--session", session, "--json", "--quiet", "--output", "a.csv"}, dir.path());
        QCOMPARE(fromSession.exitCode, 0);
        const Outcome explicitly =
            runCli(kLessonOptions + QStringList{"--json", "--output", "b.csv"}, dir.path());
        QCOMPARE(explicitly.exitCode, 0);
        QCOMPARE(settingsOf(fromSession.out), settingsOf(explicitly.out));
        QCOMPARE(json(fromSession.out).value("sample"), json(explicitly.out).value("sample"));
        QCOMPARE(json(fromSession.out).value("sampler").toObject().value("seed").toInt(), 31);
        // The same draws, byte for byte.
        for (const char* k : {"_1.csv", "_2.csv"})
            QCOMPARE(readAll(dir.filePath(QStringLiteral("a") + k)),
                     readAll(dir.filePath(QStringLiteral("b") + k)));
    }

    // The session's metric, unless --metric (or --no-adapt-metric) was given: through the
    // settings schema, like every other setting.
    void metricOfTheSessionOrOfTheOption_data() {
        QTest::addColumn<QString>("sessionMetric");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("metric");
        QTest::newRow("session unit") << "unit" << QStringList{} << "unit";
        QTest::newRow("session diag") << "diag" << QStringList{} << "diag";
        QTest::newRow("--metric unit before")
            << "diag" << QStringList{"--metric", "unit"} << "unit";
        QTest::newRow("--metric diag before")
            << "unit" << QStringList{"--metric", "diag"} << "diag";
        QTest::newRow("--no-adapt-metric before")
            << "diag" << QStringList{"--no-adapt-metric"} << "unit";
    }
    void metricOfTheSessionOrOfTheOption() {
        QFETCH(QString, sessionMetric);
        QFETCH(QStringList, arguments);
        QFETCH(QString, metric);
        QTemporaryDir dir;
        Session s = lessonSession();
        s.settings.sampler.adaptMetric = sessionMetric == "diag";
        const QString session = dir.filePath("m.couplinglab.json");
        saveSessionFile(session, s);
        QVERIFY(readAll(session).contains("\"metric\": \"" + sessionMetric.toLatin1() + "\""));
        const Outcome outcome =
            runCli(arguments + QStringList{"--session", session, "--json", "--quiet"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(json(outcome.out).value("metric").toString(), metric);
    }

    void sessionKeepsStansConstants() {
        QTemporaryDir dir;
        Session s = lessonSession();
        s.settings.sampler.gamma = 0.1;
        s.settings.sampler.initRadius = 1.5;
        const QString session = dir.filePath("s.couplinglab.json");
        saveSessionFile(session, s);
        QCOMPARE(
            runCli({"--session", session, "--quiet", "--output", "d.csv"}, dir.path()).exitCode, 0);
        const QByteArray csv = readAll(dir.filePath("d_1.csv"));
        QVERIFY(csv.contains("#       gamma = 0.1\n"));
        QVERIFY(csv.contains("# init = 1.5\n"));
    }

    void explicitOptionsWinWhereverTheyStand() {
        QTemporaryDir dir;
        const QString session = dir.filePath("lesson.couplinglab.json");
        saveSessionFile(session, lessonSession());
        for (const QStringList& arguments :
             {QStringList{"--seed", "5", "--chains", "1", "--session", session},
              QStringList{"--session", session, "--seed", "5", "--chains", "1"}}) {
            const Outcome outcome =
                runCli(arguments + QStringList{"--json", "--quiet"}, dir.path());
            QCOMPARE(outcome.exitCode, 0);
            const QJsonObject sampler = json(outcome.out).value("sampler").toObject();
            QCOMPARE(sampler.value("seed").toInt(), 5);
            QCOMPARE(sampler.value("chains").toInt(), 1);
            QCOMPARE(sampler.value("max_depth").toInt(), 8);  // from the session
            QCOMPARE(json(outcome.out).value("data").toObject().value("pairs").toInt(), 800);
        }
    }

    void sessionTraceWindowAppliesToThePlots() {
        // 1000 iterations; the session's trace window shows the last 100 (ticks 920, 940, ...),
        // without a session the whole run is shown (ticks 0, 200, ...).
        QTemporaryDir dir;
        Session s = lessonSession();
        s.settings.sampler.warmup = 500;
        s.settings.sampler.draws = 500;
        s.display.traceWindow = 100;
        const QString session = dir.filePath("lesson.couplinglab.json");
        saveSessionFile(session, s);
        QVERIFY(QDir(dir.path()).mkdir("a"));
        QVERIFY(QDir(dir.path()).mkdir("b"));
        const QStringList svg{"--plot-format", "svg", "--quiet"};
        QCOMPARE(
            runCli(QStringList{"--session", session, "--plots", "a"} + svg, dir.path()).exitCode,
            0);
        QCOMPARE(runCli(QStringList{"--warmup", "500", "--draws", "500", "--plots", "b"} + svg,
                        dir.path())
                     .exitCode,
                 0);
        const QRegularExpression lateTicks(QStringLiteral("(^| )9[2468]0 "));
        QVERIFY(svgViewBoxAndText(readAll(dir.filePath("a/trace.svg"))).second.contains(lateTicks));
        QVERIFY(
            !svgViewBoxAndText(readAll(dir.filePath("b/trace.svg"))).second.contains(lateTicks));
    }

    void plotsDoNotGoWithASweep() {
        QTemporaryDir dir;
        const QStringList before = entries(dir.path());
        const Outcome outcome = runCli(
            {"--plots", ".", "--sweep-pairs", "10,100", "--sweep-output", "s.csv", "--quiet"},
            dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(outcome.err.count('\n'), 1);
        QVERIFY2(outcome.err.startsWith("couplinglab-cli: --plots: "), outcome.err.constData());
        QCOMPARE(entries(dir.path()), before);
    }

    void badValuesExitWithOneLineNamingTheOption_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        const QStringList plots{"--plots", "."};
        QTest::newRow("format gif")
            << plots + QStringList{"--plot-format", "gif"} << "--plot-format";
        QTest::newRow("format empty") << plots + QStringList{"--plot-format="} << "--plot-format";
        QTest::newRow("size 10x10") << plots + QStringList{"--plot-size", "10x10"} << "--plot-size";
        QTest::newRow("size 20000x800")
            << plots + QStringList{"--plot-size", "20000x800"} << "--plot-size";
        QTest::newRow("size 1200") << plots + QStringList{"--plot-size", "1200"} << "--plot-size";
        QTest::newRow("size axb") << plots + QStringList{"--plot-size", "axb"} << "--plot-size";
        QTest::newRow("size 1200x800x3")
            << plots + QStringList{"--plot-size", "1200x800x3"} << "--plot-size";
        QTest::newRow("size 1e3x800")
            << plots + QStringList{"--plot-size", "1e3x800"} << "--plot-size";
        QTest::newRow("size -1200x800")
            << plots + QStringList{"--plot-size", "-1200x800"} << "--plot-size";
        QTest::newRow("scale 0") << plots + QStringList{"--plot-scale", "0"} << "--plot-scale";
        QTest::newRow("scale 5") << plots + QStringList{"--plot-scale", "5"} << "--plot-scale";
        QTest::newRow("scale abc") << plots + QStringList{"--plot-scale", "abc"} << "--plot-scale";
        QTest::newRow("scale nan") << plots + QStringList{"--plot-scale", "nan"} << "--plot-scale";
        QTest::newRow("too many pixels")
            << plots + QStringList{"--plot-size", "10000x10000", "--plot-scale", "4"}
            << "--plot-size";
        QTest::newRow("size without plots")
            << QStringList{"--plot-size", "800x600"} << "--plot-size";
        QTest::newRow("format without plots")
            << QStringList{"--plot-format", "svg"} << "--plot-format";
        QTest::newRow("scale without plots") << QStringList{"--plot-scale", "2"} << "--plot-scale";
        QTest::newRow("plots empty") << QStringList{"--plots="} << "--plots";
        QTest::newRow("plots missing value") << QStringList{"--plots"} << "--plots";
        QTest::newRow("plots twice") << QStringList{"--plots", ".", "--plots", "."} << "--plots";
        QTest::newRow("session missing file")
            << QStringList{"--session", "nowhere.json"} << "--session";
        QTest::newRow("session malformed")
            << QStringList{"--session", "bad.couplinglab.json"} << "--session";
        QTest::newRow("session of another program")
            << QStringList{"--session", "other.json"} << "--session";
    }

    void badValuesExitWithOneLineNamingTheOption() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        QTemporaryDir dir;
        QFile bad(dir.filePath("bad.couplinglab.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(toJson(Session{}).replace("\"chains\": 4", "\"chains\": 9"));
        bad.close();
        QFile other(dir.filePath("other.json"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("{\"name\": \"package\"}");
        other.close();
        const QStringList before = entries(dir.path());
        const Outcome outcome =
            runCli(kSmall + QStringList{"--output", "draws.csv"} + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(outcome.err.count('\n'), 1);
        QVERIFY2(outcome.err.startsWith(("couplinglab-cli: " + option + ": ").toUtf8()),
                 outcome.err.constData());
        QVERIFY(outcome.out.isEmpty());
        QCOMPARE(entries(dir.path()), before);  // nothing written
    }

    void sessionErrorsNameTheField() {
        QTemporaryDir dir;
        QFile bad(dir.filePath("bad.couplinglab.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(toJson(Session{}).replace("\"priorSd\": 1", "\"priorSd\": 0"));
        bad.close();
        const Outcome outcome = runCli({"--session", "bad.couplinglab.json"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(
            QString::fromUtf8(outcome.err).trimmed(),
            QStringLiteral("couplinglab-cli: --session: 'bad.couplinglab.json': model.priorSd: "
                           "must be a number from 0.001 to 1000, got 0"));
    }

    void unwritablePlotsFolderExitsBeforeSampling() {
        QTemporaryDir dir;
        QFile file(dir.filePath("a-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QStringList folders{"missing", "a-file"};
        if (::geteuid() != 0) {  // root may write anywhere
            QVERIFY(QDir(dir.path()).mkdir("locked"));
            QFile::setPermissions(dir.filePath("locked"),
                                  QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            folders.append("locked");
        }
        // A run that would sample for a long time: the refusal comes before it starts.
        const QStringList slow{"--warmup", "0", "--draws", "5000000", "--chains", "1", "--quiet"};
        for (const QString& folder : folders) {
            const QStringList before = entries(dir.path());
            const Outcome outcome = runCli(slow + QStringList{"--plots", folder}, dir.path());
            QCOMPARE(outcome.exitCode, 2);
            QVERIFY2(outcome.err.startsWith("couplinglab-cli: --plots: "), outcome.err.constData());
            QCOMPARE(outcome.err.count('\n'), 1);
            QVERIFY2(outcome.milliseconds < 5000,
                     qPrintable(QString::number(outcome.milliseconds)));
            QCOMPARE(entries(dir.path()), before);
        }
    }

    void helpListsTheNewOptions() {
        QTemporaryDir dir;
        const Outcome outcome = runCli({"--help"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        for (const char* synopsis :
             {"--session FILE", "--plots DIR", "--plot-format png|jpg|pdf|svg", "--plot-size WxH",
              "--plot-scale F"})
            QVERIFY2(outcome.out.contains(synopsis), synopsis);
        QVERIFY(outcome.out.contains("explicitly win"));
        QVERIFY(outcome.out.contains("[default: 1200x800]"));
    }
};

QTEST_GUILESS_MAIN(TestCliPlots)
#include "test_cli_plots.moc"
