// The whole window, driven through its widgets and shortcuts under the offscreen platform.
#include <qcustomplot.h>
#include <QAbstractButton>
#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QtTest>

#include "core/chain_runner.h"
#include "ui/app/main_window.h"
#include "ui/controls/control_panel.h"
#include "ui/explanation/explanation_panel.h"
#include "ui/files/file_actions.h"
#include "ui/lessons/lesson_hookup.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plots.h"
#include "ui/run/diagnostics_monitor.h"
#include "ui/run/sampling_controller.h"
#include "ui/settings/session.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

// A window over a throw-away settings file, so tests never see the user's configuration.
struct Fixture {
    QTemporaryDir dir;
    QSettings settings{dir.filePath("test.ini"), QSettings::IniFormat};
    std::unique_ptr<MainWindow> window;

    explicit Fixture(const RunSettings& initial = smallRun()) {
        QSettings seed(dir.filePath("test.ini"), QSettings::IniFormat);
        seed.setValue("data/pairs", QVariant::fromValue<qulonglong>(initial.data.pairs));
        seed.setValue("sampler/warmup", initial.sampler.warmup);
        seed.setValue("sampler/draws", initial.sampler.draws);
        seed.setValue("sampler/chains", initial.sampler.chains);
        seed.setValue("version", 1);
        seed.sync();
        settings.sync();
        window = std::make_unique<MainWindow>(settings);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    static RunSettings smallRun() {
        RunSettings s;
        s.data.pairs = 10'000;
        s.sampler.warmup = 200;
        s.sampler.draws = 300;
        s.sampler.chains = 2;
        return s;
    }
    SamplingController& controller() { return *window->controller(); }
    template <class T>
    T* find(const char* name) {
        return window->controlPanel()->findChild<T*>(QString::fromLatin1(name));
    }
};

QString explanationText(const MainWindow& window) {
    QTextDocument document;
    document.setHtml(window.explanationPanel()->html());
    return document.toPlainText();
}

bool waitForState(SamplingController& controller, RunState state, int timeoutMs = 20000) {
    QDeadlineTimer deadline(timeoutMs);
    while (controller.state() != state && !deadline.hasExpired())
        QTest::qWait(5);
    return controller.state() == state;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
  private slots:
    void startPauseStepAndResetDriveTheRunAndFillThePlots() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        auto* startButton = f.find<QAbstractButton>("startPauseButton");
        QVERIFY(startButton != nullptr);

        // Step with the Right arrow: one iteration per chain.
        QTest::keyClick(f.window.get(), Qt::Key_Right);
        QTRY_COMPARE(f.controller().history().iterations(), std::int64_t{1});

        QTest::mouseClick(startButton, Qt::LeftButton);
        QVERIFY(waitForState(f.controller(), RunState::Finished));
        f.window->refreshNow();
        TracePlot* trace = f.window->plotGrid()->tracePlot();
        QVERIFY(trace->plot()->graphCount() >= 2);
        QVERIFY(trace->chainGraph(0)->dataCount() > 0);
        QVERIFY(f.window->plotGrid()->posteriorPlot()->histogramBars()->data()->size() > 0);

        // Space continues with more draws; pausing stops the growth.
        QTest::keyClick(f.window.get(), Qt::Key_Space);
        QTRY_VERIFY(f.controller().state() == RunState::Running ||
                    f.controller().state() == RunState::Finished);
        QTest::keyClick(f.window.get(), Qt::Key_Space);
        QTRY_VERIFY(f.controller().state() != RunState::Running);

        // Reset (Ctrl+R) discards everything.
        QTest::keyClick(f.window.get(), Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE(f.controller().history().iterations(), std::int64_t{0});
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        QCOMPARE(f.controller().state(), RunState::Idle);
    }

    void togglingDivideByNMovesThePosteriorMarksTheSwitchAndRewritesTheExplanation() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        f.controller().start();
        QTRY_VERIFY(f.controller().history().iterations() > 50);
        const double rawMean = f.controller().history().exactPosterior()->mean();
        f.window->refreshNow();
        QVERIFY(explanationText(*f.window).contains(QStringLiteral("w·C")));

        f.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QTest::keyClick(f.window.get(), Qt::Key_N, Qt::ControlModifier);  // "Divide by N"
        QTRY_VERIFY(
            f.window->currentSettings().model.divideByN);  // a button shortcut animates its click
        QTRY_COMPARE(f.controller().history().segments().size(), std::size_t{2});
        const Segment& segment = f.controller().history().segments().back();
        QCOMPARE(segment.label, QStringLiteral("divide by N: on"));
        const double dividedMean = f.controller().history().exactPosterior()->mean();
        QVERIFY(std::abs(dividedMean - rawMean / 10'000.0) < 1e-9);
        // A run that had finished waits for Start to sample the new segment.
        if (f.controller().state() != RunState::Running) f.controller().start();
        QVERIFY(waitForState(f.controller(), RunState::Finished));
        f.window->refreshNow();

        // The switch marker carries the label on the trace.
        bool marked = false;
        QCustomPlot* plot = f.window->plotGrid()->tracePlot()->plot();
        for (int i = 0; i < plot->itemCount(); ++i) {
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
                marked = marked || text->text().contains("divide by N: on");
        }
        QVERIFY(marked);
        const QString explanation = explanationText(*f.window);
        QVERIFY2(explanation.contains(QStringLiteral("1/N")) ||
                     explanation.contains(QStringLiteral("/10")),
                 qPrintable(explanation.left(400)));
    }

    // An edit in the control panel reaches the run only through the controller's apply(): the
    // controller announces the switch and the diagnostics of the old segment go at once.
    void clickingAControlSwitchesThroughTheControllerAndClearsTheDiagnostics() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        f.controller().start();
        QVERIFY(waitForState(f.controller(), RunState::Finished));
        QTRY_VERIFY_WITH_TIMEOUT(f.window->diagnosticsMonitor()->latest().has_value(), 20000);
        QSignalSpy applied(&f.controller(), &SamplingController::settingsApplied);
        QSignalSpy switches(&f.controller(), &SamplingController::liveSwitch);
        auto* divideByN = f.find<QAbstractButton>("divideByNButton");
        QVERIFY(divideByN != nullptr);
        QTest::mouseClick(divideByN, Qt::LeftButton);
        QTRY_COMPARE(switches.count(), 1);
        QCOMPARE(switches.first().first().toString(), QStringLiteral("divide by N: on"));
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.first().first().value<SettingsChange>().outcome, ApplyOutcome::Switched);
        QVERIFY(!f.window->diagnosticsMonitor()->latest().has_value());
        QVERIFY(f.window->currentSettings().model.divideByN);
        QVERIFY(f.window->currentSettings() == f.window->controlPanel()->settings());
        QTRY_COMPARE(f.controller().history().segments().size(), std::size_t{2});
    }

    // Before anything is sampled, typing a number of chains resets the run with them at once
    // (while draws exist the panel does not let the chains be edited: they would wait for Reset).
    void typingTheChainsBeforeSamplingResetsWithThem() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        QSignalSpy applied(&f.controller(), &SamplingController::settingsApplied);
        QSignalSpy resets(&f.controller(), &SamplingController::runReset);
        QSignalSpy switches(&f.controller(), &SamplingController::liveSwitch);
        auto* chains = f.find<QAbstractSpinBox>("chainsSpin");
        QVERIFY(chains != nullptr && chains->isEnabled());
        chains->setFocus();
        chains->selectAll();
        QTest::keyClicks(chains, QStringLiteral("3"));
        QTest::keyClick(chains, Qt::Key_Return);
        QTRY_COMPARE(applied.count(), 1);
        QCOMPARE(applied.first().first().value<SettingsChange>().outcome, ApplyOutcome::Reset);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(switches.count(), 0);
        QCOMPARE(f.window->currentSettings().sampler.chains, 3);
        QTRY_COMPARE(f.controller().history().chainCount(), 3);
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        QCOMPARE(f.controller().history().currentSegment()->settings.sampler.chains, 3);
    }

    void drawsShownByTheWindowEqualTheCommandLinesForTheSameSeed() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        f.controller().start();
        QVERIFY(waitForState(f.controller(), RunState::Finished));
        QTest::qWait(50);
        const RunSettings settings = f.window->currentSettings();
        const BitData data = BitData::generate(settings.data);
        const RunResult direct =
            runChains(CouplingTarget(settings.model, data.statistic()), settings.sampler);
        for (int c = 0; c < settings.sampler.chains; ++c) {
            const auto& expected = direct.chains[static_cast<std::size_t>(c)].records;
            const ChainHistory& shown = f.controller().history().chain(c);
            QCOMPARE(shown.size(), expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i)
                QVERIFY(shown.record(i) == expected[i]);
        }
    }

    // Save, change everything, open: every control is back and Start reproduces the draws.
    void sessionRoundTripRestoresEveryControlAndTheDraws() {
        Fixture f;
        // Lesson step 8 (Ctrl+8), a step that is too large: fixed eps, unit metric.
        f.window->lessons()->stepActions()[7]->trigger();
        f.controller().pause();
        RunSettings custom = f.window->controlPanel()->settings();
        custom.data = {20'000, 0.25, 7};
        custom.model.priorSd = 2.0;
        custom.sampler.warmup = 150;
        custom.sampler.draws = 120;
        custom.sampler.chains = 2;
        custom.sampler.seed = 11;
        DisplaySettings display;
        display.speedLevel = 6;
        display.traceWindow = 5000;
        display.keepTunedStepSize = true;
        // Everything changed at once through a session, then saved by the window itself.
        saveSessionFile(f.dir.filePath("custom.couplinglab.json"), Session{custom, display, {}});
        f.window->fileActions()->openSession(f.dir.filePath("custom.couplinglab.json"));
        QVERIFY(f.window->currentSettings() == custom);
        f.window->fileActions()->saveSession(f.dir.filePath("lesson.couplinglab.json"));
        const RunSettings saved = f.window->currentSettings();

        f.window->restoreDefaultsAction()->trigger();
        QVERIFY(f.window->controlPanel()->settings() == RunSettings{});
        f.window->fileActions()->openSession(f.dir.filePath("lesson.couplinglab.json"));
        QVERIFY(f.window->controlPanel()->settings() == saved);
        QVERIFY(f.window->currentSettings() == saved);
        QVERIFY(f.window->controlPanel()->display() == display);

        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        f.controller().start();
        QVERIFY(waitForState(f.controller(), RunState::Finished));
        QTest::qWait(50);
        const BitData data = BitData::generate(saved.data);
        const RunResult direct =
            runChains(CouplingTarget(saved.model, data.statistic()), saved.sampler);
        for (int c = 0; c < saved.sampler.chains; ++c) {
            const auto& expected = direct.chains[static_cast<std::size_t>(c)].records;
            QCOMPARE(f.controller().history().chain(c).size(), expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i) {
                QVERIFY(f.controller().history().chain(c).record(i) == expected[i]);
            }
        }
    }

    void restoreDefaultsPutsEveryControlBack() {
        Fixture f;
        f.window->lessons()->stepActions()[7]->trigger();
        f.window->restoreDefaultsAction()->trigger();
        QVERIFY(f.window->controlPanel()->settings() == RunSettings{});
        QVERIFY(f.window->controlPanel()->display() == DisplaySettings{});
    }

    void closingTheWindowDuringSamplingReturnsWithinASecond() {
        RunSettings big = Fixture::smallRun();
        big.sampler.draws = 50'000'000;
        auto f = std::make_unique<Fixture>(big);
        QTRY_VERIFY(f->controller().history().currentSegment() != nullptr);
        f->controller().start();
        QTRY_VERIFY(f->controller().history().iterations() > 2000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(f->window->close());
        f->window.reset();
        qInfo("closing the window while sampling took %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 1000);
    }

    // The GUI thread's longest stall while the sampler runs at full speed with more than 10^6
    // draws in memory: a 1 ms timer records the largest gap between its ticks. Reported, not
    // asserted (a loaded CI machine says nothing about the code).
    void eventLoopStaysResponsiveAtFullSpeedWithAMillionDraws() {
        RunSettings big = Fixture::smallRun();
        big.sampler.chains = 4;
        big.sampler.draws = 50'000'000;
        Fixture f(big);
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        f.controller().start();
        QTRY_VERIFY_WITH_TIMEOUT(f.controller().history().iterations() * 4 > 1'000'000, 60000);
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0;
        qint64 worst = 0;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            const qint64 now = clock.nsecsElapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        ticker.start(1);
        last = clock.nsecsElapsed();
        QTest::qWait(3000);
        ticker.stop();
        const auto draws = f.controller().history().iterations() * 4;
        qInfo("longest event-loop stall over 3 s at full speed with %lld draws in memory: %.1f ms",
              static_cast<long long>(draws), static_cast<double>(worst) / 1e6);
        QVERIFY(draws > 1'000'000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
