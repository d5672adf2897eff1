// Sessions: the JSON document, its strict reading (every malformed case refused naming the
// field), files, and FileActions' Save session / Open session with a fake window state.
#include <unistd.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "core/bit_data.h"
#include "core/chain_runner.h"
#include "core/machine_runner.h"
#include "ui/controls/control_panel.h"
#include "ui/files/file_actions.h"
#include "ui/machine/machine_inputs.h"
#include "ui/run/run_history.h"
#include "ui/settings/session.h"

using namespace couplinglab;
using namespace couplinglab::ui;

Q_DECLARE_METATYPE(couplinglab::ui::Session)

namespace {

Session everythingChanged() {
    Session s;
    s.settings.data = {123'456, -1.25, 2'147'483'647};
    s.settings.model = {-3.5, 0.001234, Likelihood::ExactBoltzmann, true};
    SamplerSettings& p = s.settings.sampler;
    p.algorithm = Algorithm::StaticHmc;
    p.leapfrogSteps = 37;
    p.adaptStepSize = false;
    p.stepSize = 0.012345678901;
    p.targetAccept = 0.95;
    p.adaptMetric = false;
    p.maxDepth = 12;
    p.warmup = 0;
    p.draws = 1;
    p.chains = 1;
    p.seed = 0;
    p.maxDeltaH = 500.5;
    p.gamma = 0.1;
    p.kappa = 1.0;
    p.t0 = 0.0;
    p.initBuffer = 0;
    p.termBuffer = 0;
    p.baseWindow = 1;
    p.initRadius = 0.0;
    s.display = {0, 2.5, 1'000'000, true};
    return s;
}

Session smallRunSession() {
    Session s;
    s.settings.data = {500, 0.3, 11};
    s.settings.model.likelihood = Likelihood::ExactBoltzmann;
    s.settings.sampler.warmup = 60;
    s.settings.sampler.draws = 40;
    s.settings.sampler.chains = 2;
    s.settings.sampler.seed = 4242;
    s.display.traceWindow = 5000;
    return s;
}

// The default session's document with one value replaced ("sampler.chains") or removed.
QByteArray with(const QString& path, const std::optional<QJsonValue>& value) {
    QJsonObject root = QJsonDocument::fromJson(toJson(Session{})).object();
    const QStringList parts = path.split('.');
    if (parts.size() == 1) {
        if (value) {
            root.insert(parts[0], *value);
        } else {
            root.remove(parts[0]);
        }
    } else {
        QJsonObject section = root.value(parts[0]).toObject();
        if (value) {
            section.insert(parts[1], *value);
        } else {
            section.remove(parts[1]);
        }
        root.insert(parts[0], section);
    }
    return QJsonDocument(root).toJson();
}

QByteArray without(const QString& path) {
    return with(path, std::nullopt);
}

QByteArray renamed(const QString& section, const QString& from, const QString& to) {
    QJsonObject root = QJsonDocument::fromJson(toJson(Session{})).object();
    QJsonObject object = root.value(section).toObject();
    object.insert(to, object.take(from));
    root.insert(section, object);
    return QJsonDocument(root).toJson();
}

std::vector<IterationRecord> draws(const RunSettings& settings) {
    const SufficientStatistic statistic = BitData::generate(settings.data).statistic();
    const RunResult run = runChains(CouplingTarget(settings.model, statistic), settings.sampler);
    std::vector<IterationRecord> all;
    for (const ChainResult& chain : run.chains)
        all.insert(all.end(), chain.records.begin(), chain.records.end());
    return all;
}

// What the window would hold: FileActions sees it only through the context's functions.
struct FakeWindow {
    Session state;
    int applied = 0;
    RunHistory history;

    FileActionsContext context() {
        FileActionsContext c;
        c.panels = [] { return QList<PlotPanel*>{}; };
        c.gridSize = [] { return QSize(1200, 800); };
        c.history = [this]() -> const RunHistory& { return history; };
        c.currentSession = [this] { return state; };
        c.applySession = [this](const Session& session) {
            state = session;
            ++applied;
        };
        return c;
    }
};

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

}  // namespace

class TestSession : public QObject {
    Q_OBJECT

  private slots:
    void roundTrip_data() {
        QTest::addColumn<Session>("session");
        QTest::newRow("defaults") << Session{};
        QTest::newRow("everything changed") << everythingChanged();
        QTest::newRow("small run") << smallRunSession();
        Session extremes;
        extremes.settings.data = {100'000'000, 3.0, 0};
        extremes.settings.model = {10.0, 1000.0, Likelihood::PotentialOnly, false};
        extremes.settings.sampler.stepSize = 1e-6;
        extremes.settings.sampler.targetAccept = 0.05;
        extremes.settings.sampler.maxDepth = 30;
        extremes.settings.sampler.warmup = 100'000'000;
        extremes.settings.sampler.draws = 100'000'000;
        extremes.settings.sampler.chains = 4;
        extremes.settings.sampler.seed = 2'147'483'647;
        extremes.settings.sampler.leapfrogSteps = 100'000;
        extremes.settings.sampler.gamma = 0.1 + 0.2;  // 0.30000000000000004: exact, not rounded
        extremes.settings.sampler.t0 = 1e-300;
        extremes.display = {kFullSpeedLevel, 50.0, 100, false};
        QTest::newRow("extremes") << extremes;
        Session smallest;
        smallest.settings.data = {10, -3.0, 1};
        smallest.settings.model = {-10.0, 0.001, Likelihood::ExactBoltzmann, true};
        smallest.settings.sampler.stepSize = 1e3;
        smallest.settings.sampler.targetAccept = 0.99;
        smallest.display.leapfrogStepsPerSecond = 2.0;
        QTest::newRow("smallest") << smallest;
        Session correlated;
        MachineRunSpec dense;
        dense.data.units = 3;
        dense.data.couplings = {0.5, 0.5, 0.0};
        dense.data.biases = {3.0, 0.0, 0.0};
        dense.model.likelihood = Likelihood::ExactBoltzmann;
        setMetricKind(dense.sampler, MetricKind::Dense);
        correlated.machine = MachineSession{dense, QStringLiteral("w.1.3"), QStringLiteral("b.3")};
        QTest::newRow("machine: correlated, dense, a picked pair") << correlated;
        Session eight;
        MachineRunSpec wide;
        wide.data.units = 8;
        wide.data.couplings.assign(28, -0.123456);
        wide.data.biases.assign(8, 10.0);
        wide.data.observations = 100'000'000;
        wide.data.seed = 1'000'000'000;
        wide.biases = false;
        wide.model.divideByN = true;
        setMetricKind(wide.sampler, MetricKind::Unit);
        wide.sampler.chains = 64;
        wide.sampler.warmup = 0;
        wide.sampler.draws = 1'000'000;
        wide.sampler.seed = 0;
        eight.machine = MachineSession{wide, {}, {}};
        QTest::newRow("machine: eight units, the default pair") << eight;
    }

    void roundTrip() {
        QFETCH(Session, session);
        QVERIFY(!sessionProblem(session));
        const QByteArray json = toJson(session);
        QVERIFY(json.endsWith("}\n"));
        QCOMPARE(sessionFromJson(json), session);
        QCOMPARE(toJson(sessionFromJson(json)), json);  // deterministic
        // The one-line metadata of exported images is the same document.
        const QString line = sessionMetadata(session);
        QVERIFY(!line.contains('\n'));
        QCOMPARE(sessionFromJson(line.toUtf8()), session);
    }

    void theWindowShowsEverySessionAsItIs_data() { roundTrip_data(); }

    void theWindowShowsEverySessionAsItIs() {
        // A session holds only what the control panel can show unchanged: set and read back.
        QFETCH(Session, session);
        ControlPanel panel;
        panel.setSettings(session.settings);
        panel.setDisplay(session.display);
        QCOMPARE(panel.settings(), session.settings);
        QCOMPARE(panel.display(), session.display);
        if (session.machine) {
            MachineInputs inputs;
            inputs.setSpec(session.machine->spec);
            QVERIFY(inputs.spec() == session.machine->spec);
        }
    }

    void documentShape() {
        const QByteArray json = toJson(Session{});
        const QJsonDocument document = QJsonDocument::fromJson(json);
        QVERIFY(document.isObject());
        QCOMPARE(document.object().value("format").toString(),
                 QStringLiteral("couplinglab-session"));
        QCOMPARE(document.object().value("version").toInt(), kSessionVersion);
        // Written in the documented order, indented, one field a line.
        QVERIFY(
            json.startsWith("{\n    \"format\": \"couplinglab-session\",\n    \"version\": 3,\n"
                            "    \"data\": {\n        \"pairs\": 10000,\n"));
        QVERIFY(json.indexOf("\"model\"") < json.indexOf("\"sampler\""));
        QVERIFY(json.indexOf("\"sampler\"") < json.indexOf("\"display\""));
        for (const char* key : {"maxDeltaH", "gamma", "kappa", "t0", "initBuffer", "termBuffer",
                                "baseWindow", "initRadius", "keepTunedStepSize", "traceWindow"})
            QVERIFY2(json.contains(QByteArray("\"") + key + "\""), key);
        QVERIFY(json.contains("\"likelihood\": \"potential\""));
        QVERIFY(json.contains("\"algorithm\": \"nuts\""));
        QVERIFY(json.contains("\"targetAccept\": 0.8,"));
        QVERIFY(json.contains("\"metric\": \"diag\","));
        QVERIFY(!json.contains("adaptMetric"));
        // Hand-edited files: a byte order mark, other whitespace and key order are fine.
        QCOMPARE(sessionFromJson("\xEF\xBB\xBF" + json), Session{});
        QCOMPARE(sessionFromJson(QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact)),
                 Session{});
    }

    void malformedDocumentsAreRefusedNamingTheField_data() {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("message");  // exact, or a prefix when it ends with "…"
        const auto row = [](const char* name, const QByteArray& document, const QString& message) {
            QTest::newRow(name) << document << message;
        };
        row("not JSON", "{\"format\": ", "document: not valid JSON (…");
        row("empty", "", "document: not valid JSON (…");
        row("NaN literal", "{\"format\": NaN}", "document: not valid JSON (…");
        row("an array", "[1, 2]", "document: must be a JSON object with the session's settings");
        row("wrong format tag", with("format", "something-else"),
            "format: must be \"couplinglab-session\", got \"something-else\"");
        row("no format tag", without("format"), "format: missing");
        row("version 0", with("version", 0), "version: 0 is not supported (expected 1, 2 or 3)");
        row("version 4", with("version", 4), "version: 4 is not supported (expected 1, 2 or 3)");
        row("metric dense", with("sampler.metric", "dense"),
            "sampler.metric: must be \"unit\" or \"diag\", got \"dense\"");
        row("metric as in version 1", with("sampler.metric", true),
            "sampler.metric: must be \"unit\" or \"diag\", got true");
        row("adaptMetric in version 2", renamed("sampler", "metric", "adaptMetric"),
            "sampler.adaptMetric: unknown field (expected algorithm, leapfrogSteps, "
            "adaptStepSize, stepSize, targetAccept, metric, maxDepth, warmup, draws, chains, "
            "seed, maxDeltaH, gamma, kappa, t0, initBuffer, termBuffer, baseWindow, initRadius)");
        row("version \"1\"", with("version", "1"), "version: must be a whole number, got \"1\"");
        row("version 1.5", with("version", 1.5), "version: must be a whole number, got 1.5");
        row("no version", without("version"), "version: missing");
        row("no data", without("data"), "data: missing");
        row("no model", without("model"), "model: missing");
        row("no sampler", without("sampler"), "sampler: missing");
        row("no display", without("display"), "display: missing");
        row("data not an object", with("data", QJsonArray()), "data: must be an object, got []");
        row("missing chains", without("sampler.chains"), "sampler.chains: missing");
        row("missing keepTunedStepSize", without("display.keepTunedStepSize"),
            "display.keepTunedStepSize: missing");
        row("misspelt field", renamed("model", "priorSd", "priorSD"),
            "model.priorSD: unknown field (expected priorMean, priorSd, likelihood, divideByN)");
        row("unknown top-level field", with("comment", "hello"),
            "comment: unknown field (expected format, version, data, model, sampler, display, "
            "machine)");
        row("pairs abc", with("data.pairs", "abc"),
            "data.pairs: must be a whole number, got \"abc\"");
        row("pairs 0", with("data.pairs", 0),
            "data.pairs: must be a whole number from 10 to 100000000, got 0");
        row("pairs 3e9", with("data.pairs", 3e9),
            "data.pairs: must be a whole number from 10 to 100000000, got 3000000000");
        row("pairs 12.5", with("data.pairs", 12.5), "data.pairs: must be a whole number, got 12.5");
        row("prior sd 0", with("model.priorSd", 0),
            "model.priorSd: must be a number from 0.001 to 1000, got 0");
        row("prior sd -1", with("model.priorSd", -1),
            "model.priorSd: must be a number from 0.001 to 1000, got -1");
        row("prior sd \"NaN\"", with("model.priorSd", "NaN"),
            "model.priorSd: must be a number, got \"NaN\"");
        row("coupling \"Infinity\"", with("data.coupling", "Infinity"),
            "data.coupling: must be a number, got \"Infinity\"");
        row("coupling with 3 decimals", with("data.coupling", 0.123),
            "data.coupling: must have at most 2 decimals, as the window shows, got 0.123");
        row("delta 1.5", with("sampler.targetAccept", 1.5),
            "sampler.targetAccept: must be a number from 0.05 to 0.99, got 1.5");
        row("chains 9", with("sampler.chains", 9),
            "sampler.chains: must be a whole number from 1 to 4, got 9");
        row("max depth 0", with("sampler.maxDepth", 0),
            "sampler.maxDepth: must be a whole number from 1 to 30, got 0");
        row("warmup -1", with("sampler.warmup", -1),
            "sampler.warmup: must be a whole number from 0 to 100000000, got -1");
        row("warmup null", with("sampler.warmup", QJsonValue()),
            "sampler.warmup: must be a whole number, got null");
        row("huge seed", with("sampler.seed", 12345678).replace("12345678", "18446744073709551615"),
            "sampler.seed: must be a whole number from 0 to 2147483647, got …");
        row("data seed 2^31", with("data.seed", 2147483648.0),
            "data.seed: must be a whole number from 0 to 2147483647, got 2147483648");
        row("likelihood exact", with("model.likelihood", "exact"),
            "model.likelihood: must be \"potential\" or \"boltzmann\", got \"exact\"");
        row("divide by N 1", with("model.divideByN", 1),
            "model.divideByN: must be true or false, got 1");
        row("algorithm 3", with("sampler.algorithm", 3),
            "sampler.algorithm: must be \"nuts\" or \"hmc\", got 3");
        row("kappa 1.5", with("sampler.kappa", 1.5),
            "sampler.kappa: must be a number greater than 0 and at most 1, got 1.5");
        row("gamma 0", with("sampler.gamma", 0),
            "sampler.gamma: must be a number greater than 0, got 0");
        row("base window 0", with("sampler.baseWindow", 0),
            "sampler.baseWindow: must be a whole number from 1 to 2147483647, got 0");
        row("speed level 9", with("display.speedLevel", 9),
            "display.speedLevel: must be a whole number from 0 to 8, got 9");
        row("trace window 50", with("display.traceWindow", 50),
            "display.traceWindow: must be a whole number from 100 to 1000000, got 50");
        row("leapfrog pace 100", with("display.leapfrogStepsPerSecond", 100),
            "display.leapfrogStepsPerSecond: must be a number from 2 to 50, got 100");
    }

    void malformedDocumentsAreRefusedNamingTheField() {
        QFETCH(QByteArray, document);
        QFETCH(QString, message);
        const auto matches = [&message](const QString& what) {
            return message.endsWith(QChar(0x2026)) ? what.startsWith(message.chopped(1))
                                                   : what == message;
        };
        try {
            sessionFromJson(document);
            QFAIL("accepted");
        } catch (const SessionError& error) {
            const QString what = QString::fromStdString(error.what());
            QVERIFY2(matches(what), qPrintable(what));
            QVERIFY(what.startsWith(error.field() + ": "));
            QCOMPARE(what, error.field() + ": " + error.problem());
        }

        // Through Open session: refused with the same message, and the window keeps everything.
        QTemporaryDir dir;
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        FakeWindow window;
        window.state = everythingChanged();
        FileActions actions(nullptr, settings, window.context());
        const QString path = dir.filePath("bad.couplinglab.json");
        writeFile(path, document);
        try {
            actions.openSession(path);
            QFAIL("accepted");
        } catch (const SessionError& error) {
            QVERIFY2(matches(QString::fromStdString(error.what())), error.what());
        }
        QCOMPARE(window.applied, 0);
        QCOMPARE(window.state, everythingChanged());
        QVERIFY(actions.recentSessions().isEmpty());
    }

    void anInvalidSessionIsNotSaved() {
        Session tooManyChains;
        tooManyChains.settings.sampler.chains = 9;  // the core allows 64, the window shows 4
        QVERIFY(sessionProblem(tooManyChains));
        QCOMPARE(QString::fromStdString(sessionProblem(tooManyChains)->what()),
                 QStringLiteral("sampler.chains: must be a whole number from 1 to 4, got 9"));
        QTemporaryDir dir;
        const QString path = dir.filePath("s.couplinglab.json");
        QVERIFY_THROWS_EXCEPTION(SessionError, saveSessionFile(path, tooManyChains));
        QVERIFY(!QFileInfo::exists(path));
        Session hugeSeed;
        hugeSeed.settings.sampler.seed = 1ULL << 60;  // fine for the CLI, not for the window
        QVERIFY(sessionProblem(hugeSeed));
    }

    void fileRoundTrip() {
        QTemporaryDir dir;
        const QString path = dir.filePath("lesson.couplinglab.json");
        saveSessionFile(path, everythingChanged());
        QCOMPARE(readAll(path), toJson(everythingChanged()));
        QCOMPARE(loadSessionFile(path), everythingChanged());
        saveSessionFile(path, smallRunSession());  // replaces it
        QCOMPARE(loadSessionFile(path), smallRunSession());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void unreadableAndUnwritablePaths() {
        QTemporaryDir dir;
        const QString file = dir.filePath("plain");
        writeFile(file, "x");
        for (const QString& path :
             {file + "/s.couplinglab.json", dir.filePath("no/s.couplinglab.json")}) {
            try {
                saveSessionFile(path, Session{});
                QFAIL("saved");
            } catch (const SessionError& error) {
                QCOMPARE(error.field(), path);
                QVERIFY2(error.problem().startsWith("cannot write the file: "), error.what());
            }
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{"plain"});
        try {
            loadSessionFile(dir.filePath("missing.json"));
            QFAIL("loaded");
        } catch (const SessionError& error) {
            QVERIFY2(error.problem().startsWith("cannot read the file: "), error.what());
        }
        const QString big = dir.filePath("big.json");
        writeFile(big, QByteArray(kMaxSessionBytes + 10, ' '));
        QVERIFY_THROWS_EXCEPTION(SessionError, loadSessionFile(big));
        if (::geteuid() != 0) {
            const QString locked = dir.filePath("locked");
            QVERIFY(QDir().mkdir(locked));
            QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            QVERIFY_THROWS_EXCEPTION(SessionError,
                                     saveSessionFile(locked + "/s.couplinglab.json", Session{}));
            QVERIFY(QDir(locked).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
        }
    }

    void saveChangeEverythingOpenAndTheDrawsAreTheSame() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        FakeWindow window;
        window.state = smallRunSession();
        const std::vector<IterationRecord> before = draws(window.state.settings);
        FileActions actions(nullptr, settings, window.context());
        const QString path = dir.filePath("run.couplinglab.json");
        actions.saveSession(path);

        window.state = everythingChanged();
        QVERIFY(window.state != smallRunSession());
        const Session opened = actions.openSession(path);
        QCOMPARE(window.applied, 1);
        QCOMPARE(opened, smallRunSession());
        QCOMPARE(window.state, smallRunSession());
        QVERIFY(draws(window.state.settings) == before);
        QCOMPARE(actions.recentSessions(), QStringList{QFileInfo(path).absoluteFilePath()});
    }

    // A file written before the metric was a choice (version 1, "adaptMetric": true/false) opens
    // through File > Open session with the same metric, and is saved again as version 2.
    void aVersion1FileOpensWithItsMetric_data() {
        QTest::addColumn<bool>("adaptMetric");
        QTest::addColumn<QString>("metric");
        QTest::newRow("adapted: diag") << true << "diag";
        QTest::newRow("not adapted: unit") << false << "unit";
    }

    void aVersion1FileOpensWithItsMetric() {
        QFETCH(bool, adaptMetric);
        QFETCH(QString, metric);
        Session written = smallRunSession();
        setMetricKind(written.settings.sampler,
                      adaptMetric ? MetricKind::Diagonal : MetricKind::Unit);
        const QByteArray version2 = toJson(written);
        const QByteArray metricLine = "\"metric\": \"" + metric.toLatin1() + "\"";
        QVERIFY(version2.contains(metricLine));
        QByteArray version1 = version2;
        version1.replace("\"version\": 3", "\"version\": 1")
            .replace(metricLine, adaptMetric ? "\"adaptMetric\": true" : "\"adaptMetric\": false");

        QTemporaryDir dir;
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        FakeWindow window;
        FileActions actions(nullptr, settings, window.context());
        const QString path = dir.filePath("old.couplinglab.json");
        writeFile(path, version1);
        QCOMPARE(actions.openSession(path), written);
        QCOMPARE(window.applied, 1);
        QCOMPARE(toString(metricKind(window.state.settings.sampler)), metric.toStdString());
        actions.saveSession(path);
        QCOMPARE(readAll(path), version2);
    }

    void aVersion2SessionRoundTripsTheMetric_data() {
        QTest::addColumn<QString>("metric");
        QTest::newRow("unit") << "unit";
        QTest::newRow("diag") << "diag";
    }

    void aVersion2SessionRoundTripsTheMetric() {
        QFETCH(QString, metric);
        Session session = smallRunSession();
        setMetricKind(session.settings.sampler, metricKindFromString(metric.toStdString()).value());
        QTemporaryDir dir;
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        FakeWindow window;
        window.state = session;
        FileActions actions(nullptr, settings, window.context());
        const QString path = dir.filePath("metric.couplinglab.json");
        actions.saveSession(path);
        QVERIFY(readAll(path).contains("\"metric\": \"" + metric.toLatin1() + "\","));
        window.state = Session{};
        QCOMPARE(actions.openSession(path), session);
        QCOMPARE(window.state, session);
    }

    void aRefusedSessionIsReportedInOneMessageBox() {
        // Open a recent session that has gone bad: one message box naming the field; the
        // window's settings stay as they were.
        QTemporaryDir dir;
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        FakeWindow window;
        window.state = smallRunSession();
        QWidget parent;
        FileActions actions(&parent, settings, window.context());
        const QString path = dir.filePath("lesson.couplinglab.json");
        actions.saveSession(path);
        writeFile(path, toJson(Session{}).replace("\"chains\": 4", "\"chains\": 9"));
        window.state = everythingChanged();
        QStringList shown;
        QTimer::singleShot(0, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                shown.append(box->text());
                box->close();
            }
        });
        actions.recentSessionsMenu()->actions().first()->trigger();
        QCOMPARE(shown.size(), 1);
        QVERIFY2(
            shown.first().contains("sampler.chains: must be a whole number from 1 to 4, got 9"),
            qPrintable(shown.first()));
        QVERIFY(shown.first().contains("nothing has changed"));
        QCOMPARE(window.applied, 0);
        QCOMPARE(window.state, everythingChanged());
    }

    void recentSessionsKeepTheNewestEight() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        FakeWindow window;
        QWidget parent;
        FileActions actions(&parent, settings, window.context());
        QMenu file;
        actions.populateFileMenu(&file);
        QStringList paths;
        for (int i = 0; i < 10; ++i) {
            paths.append(dir.filePath(QStringLiteral("s%1.couplinglab.json").arg(i)));
            actions.saveSession(paths.last());
        }
        actions.openSession(paths[4]);  // moves to the top, not listed twice
        QStringList expected{paths[4], paths[9], paths[8], paths[7],
                             paths[6], paths[5], paths[3], paths[2]};
        QCOMPARE(actions.recentSessions(), expected);
        // Kept in QSettings: a new FileActions (a new window) lists them too.
        FileActions later(nullptr, settings, window.context());
        QCOMPARE(later.recentSessions(), expected);
        QList<QAction*> entries = actions.recentSessionsMenu()->actions();
        QCOMPARE(entries.size(), 8 + 2);  // the sessions, a separator, Clear the list
        QCOMPARE(entries.first()->text(), QStringLiteral("&1  s4.couplinglab.json"));
        actions.clearRecentSessions();
        QVERIFY(actions.recentSessions().isEmpty());
        QCOMPARE(actions.recentSessionsMenu()->actions().size(), 1);  // "(none)"
        QVERIFY(!actions.recentSessionsMenu()->actions().first()->isEnabled());
    }
};

QTEST_MAIN(TestSession)
#include "test_session.moc"
