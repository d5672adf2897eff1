// The sampling worker and its controller: threads, requests, determinism.
#include <malloc.h>

#include <QSignalSpy>
#include <QtTest>
#include <fstream>
#include <string>

#include "core/chain_runner.h"
#include "core/trajectory_csv.h"
#include "support/sanitizers.h"
#include "ui/run/sampling_controller.h"

using namespace couplinglab;
using namespace couplinglab::ui;

Q_DECLARE_METATYPE(couplinglab::RunSettings)

namespace {

RunSettings smallRun() {
    RunSettings settings;
    settings.data = {2000, 0.0, 5};
    settings.model.likelihood = Likelihood::ExactBoltzmann;
    settings.sampler.warmup = 150;
    settings.sampler.draws = 250;
    settings.sampler.chains = 3;
    settings.sampler.seed = 77;
    return settings;
}

bool waitForState(SamplingController& controller, RunState state, int timeoutMs = 20000) {
    QDeadlineTimer deadline(timeoutMs);
    while (controller.state() != state && !deadline.hasExpired())
        QTest::qWait(5);
    return controller.state() == state;
}

long procStatus(const char* key) {
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(status, line)) {
        if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
    }
    return -1;
}

// Resident memory in a plain build. A sanitizer's allocator keeps freed memory (ASan's quarantine,
// TSan's caches), so resident memory there follows the largest history any run happened to hold
// before its shutdown (+4 MB once on a loaded CI machine); the heap that allocator has handed out
// and not had back is the measure there.
// Heap handed out and not returned, in every build: resident memory also holds what glibc's
// per-thread arenas keep after a free, which made it swing by +-5 MB between readings.
constexpr const char* kMemoryInUse =
    couplinglab::testing::kSanitizedBuild ? "sanitizer heap in use" : "malloc heap in use";
long memoryInUseKb() {
    if constexpr (couplinglab::testing::kSanitizedBuild) {
        return couplinglab::testing::sanitizerHeapInUseKb();
    } else {
        const struct mallinfo2 heap = mallinfo2();
        return static_cast<long>((heap.uordblks + heap.hblkhd) / 1024);
    }
}

DisplaySettings atSpeed(int speedLevel, double leapfrogStepsPerSecond = 10.0) {
    DisplaySettings display;
    display.speedLevel = speedLevel;
    display.leapfrogStepsPerSecond = leapfrogStepsPerSecond;
    return display;
}

void compareWithDirectRun(const SamplingController& controller, const RunSettings& settings) {
    const BitData data = BitData::generate(settings.data);
    const RunResult direct =
        runChains(CouplingTarget(settings.model, data.statistic()), settings.sampler);
    const RunHistory& history = controller.history();
    QCOMPARE(history.chainCount(), settings.sampler.chains);
    for (int c = 0; c < settings.sampler.chains; ++c) {
        const auto& expected = direct.chains[static_cast<std::size_t>(c)].records;
        QCOMPARE(history.chain(c).size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QVERIFY2(history.chain(c).record(i) == expected[i],
                     qPrintable(QString("chain %1 iteration %2").arg(c).arg(i)));
        }
    }
}

}  // namespace

class TestSamplingController : public QObject {
    Q_OBJECT
  private slots:
    void drawsSeenByTheWindowEqualTheCommandLinesForTheSameSeed() {
        const RunSettings settings = smallRun();
        SamplingController controller(settings);
        controller.start();
        QVERIFY(waitForState(controller, RunState::Finished));
        QTest::qWait(50);  // the last batch is queued before the state change
        compareWithDirectRun(controller, settings);
        QCOMPARE(controller.history().drawsInSegment(), std::int64_t{3} * 250);
    }

    void drawsDoNotDependOnTheSpeed() {
        RunSettings settings = smallRun();
        settings.sampler.warmup = 40;
        settings.sampler.draws = 40;
        settings.sampler.chains = 2;
        SamplingController controller(settings);
        controller.applyDisplay(atSpeed(6));  // 1000 iterations a second, with pauses between
        controller.start();
        QVERIFY(waitForState(controller, RunState::Finished));
        QTest::qWait(50);
        compareWithDirectRun(controller, settings);
    }

    void stepAdvancesEveryChainByOneIteration() {
        SamplingController controller(smallRun());
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        for (int k = 1; k <= 5; ++k) {
            controller.step();
            QTRY_COMPARE(controller.history().iterations(), std::int64_t{k});
            for (int c = 0; c < 3; ++c)
                QCOMPARE(controller.history().chain(c).size(), std::size_t(k));
        }
        QVERIFY(controller.latestTrajectory() != nullptr);
        QVERIFY(controller.latestTrajectory()->complete);
        QCOMPARE(controller.latestTrajectory()->iteration, std::int64_t{4});
    }

    // What the trajectory view holds after stepping to iteration I is what the command line's
    // --trajectory I writes (both through trajectoryCsv).
    void trajectoryShownAfterSteppingEqualsTheCommandLinesRecording() {
        const RunSettings settings = smallRun();
        SamplingController controller(settings);
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        for (int k = 1; k <= 37; ++k)
            controller.step();
        QTRY_COMPARE(controller.history().iterations(), std::int64_t{37});
        QTRY_VERIFY(controller.latestTrajectory() != nullptr &&
                    controller.latestTrajectory()->iteration == 36);
        const BitData data = BitData::generate(settings.data);
        const TrajectoryRecord replayed = recordTrajectory(
            CouplingTarget(settings.model, data.statistic()), settings.sampler, 0, 37);
        QCOMPARE(trajectoryCsv(controller.latestTrajectory()->record), trajectoryCsv(replayed));
    }

    void pauseStopsTheChainsPromptly() {
        RunSettings settings = smallRun();
        settings.sampler.draws = 50'000'000;
        SamplingController controller(settings);
        controller.start();
        QTRY_VERIFY(controller.history().iterations() > 1000);
        QElapsedTimer clock;
        clock.start();
        controller.pause();
        QVERIFY(waitForState(controller, RunState::Paused));
        qInfo("pause took effect after %lld ms at full speed", clock.elapsed());
        QTest::qWait(100);
        const std::int64_t stopped = controller.history().iterations();
        QTest::qWait(100);
        QCOMPARE(controller.history().iterations(), stopped);
    }

    void switchContinuesFromTheCurrentPositionAndIsMarked() {
        RunSettings settings = smallRun();
        settings.sampler.draws = 100'000;
        SamplingController controller(settings);
        controller.start();
        QTRY_VERIFY(controller.history().iterations() > 500);
        controller.pause();
        QVERIFY(waitForState(controller, RunState::Paused));
        QTest::qWait(20);
        const std::int64_t before = controller.history().iterations();
        const double lastW = controller.history().chain(0).w(static_cast<std::size_t>(before - 1));
        RunSettings divided = settings;
        divided.model.divideByN = true;
        QCOMPARE(controller.apply(divided), ApplyOutcome::Switched);
        controller.step();
        QTRY_COMPARE(controller.history().segments().size(), std::size_t{2});
        QTRY_COMPARE(controller.history().iterations(), before + 1);
        const Segment& segment = controller.history().segments().back();
        QCOMPARE(segment.label, QString("divide by N: on"));
        QCOMPARE(segment.start, before);
        QVERIFY(segment.settings.model.divideByN);
        QCOMPARE(segment.warmup, settings.sampler.warmup);
        QVERIFY(controller.history().chain(0).warmup(static_cast<std::size_t>(before)));
        // The new target's exact posterior is the prior moved a hair; the chain came from lastW.
        QVERIFY(std::abs(controller.history().exactPosterior()->mean()) < 0.1);
        QVERIFY(std::isfinite(lastW));
    }

    void closingDuringSamplingReturnsWithinASecond() {
        RunSettings settings = smallRun();
        settings.sampler.draws = 50'000'000;
        auto controller = std::make_unique<SamplingController>(settings);
        controller->start();
        QTRY_VERIFY(controller->history().iterations() > 1000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(controller->shutdown(1000));
        controller.reset();
        qInfo("shutdown during full-speed sampling took %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 1000);
    }

    void closingDuringSlowMotionPlaybackReturnsWithinASecond() {
        RunSettings settings = smallRun();
        auto controller = std::make_unique<SamplingController>(settings);
        controller->applyDisplay(atSpeed(0, 2.0));  // half a second per leapfrog step
        controller->start();
        QTRY_VERIFY(controller->latestTrajectory() != nullptr);
        QElapsedTimer clock;
        clock.start();
        controller.reset();
        QVERIFY(clock.elapsed() < 1000);
    }

    // 200 controllers, each started and destroyed while sampling; then one controller toggled
    // 200 times. Threads and resident memory are read from /proc. glibc gives each new thread a
    // malloc arena, so resident memory climbs over the first few dozen threads to a plateau
    // (about 6 MB here); growth after that would be a leak.
    void startingAndStopping200TimesLeavesNoThreadAndNoMemoryGrowth() {
        RunSettings settings = smallRun();
        settings.sampler.draws = 50'000'000;
        const long threadsBefore = procStatus("Threads");
        long memoryAtHalf = 0;
        for (int i = 0; i < 200; ++i) {
            {
                SamplingController controller(settings);
                controller.start();
                QTRY_VERIFY(controller.history().iterations() > 10);
                QVERIFY(controller.shutdown(1000));
            }
            // Read once the controller and its history are gone, as at the end.
            if (i == 99) memoryAtHalf = memoryInUseKb();
        }
        const long memoryAtEnd = memoryInUseKb();
        SamplingController toggled(settings);
        for (int i = 0; i < 200; ++i) {
            toggled.start();
            QTest::qWait(1);
            toggled.pause();
        }
        QVERIFY(toggled.shutdown(1000));
        QTest::qWait(50);
        const long threadsAfter = procStatus("Threads");
        qInfo("threads %ld -> %ld; %s after 100 runs %ld kB, after 200 %ld kB", threadsBefore,
              threadsAfter, kMemoryInUse, memoryAtHalf, memoryAtEnd);
        QVERIFY(threadsAfter <= threadsBefore + 1);  // Qt may keep one idle pool thread
        QVERIFY(memoryAtEnd - memoryAtHalf < 4'000);
    }

    // apply() is where an edit of the settings is judged, as the window's controls reach it: one
    // row per kind of edit, before anything was sampled and after one step.
    void applyDecidesBetweenResetSwitchAndDeferral_data() {
        QTest::addColumn<RunSettings>("next");
        QTest::addColumn<bool>("sampledFirst");
        QTest::addColumn<ApplyOutcome>("outcome");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("groups");  // which groups the change names: d, m, s
        QTest::addColumn<int>("chainsInForce");

        const RunSettings base = smallRun();
        RunSettings divided = base;
        divided.model.divideByN = true;
        RunSettings staticHmc = base;
        staticHmc.sampler.algorithm = Algorithm::StaticHmc;
        staticHmc.sampler.leapfrogSteps = 7;
        RunSettings twoChains = base;
        twoChains.sampler.chains = 2;
        RunSettings otherSeed = base;
        otherSeed.sampler.seed = 78;
        RunSettings otherData = base;
        otherData.data.seed = 6;
        RunSettings dividedTwoChains = divided;
        dividedTwoChains.sampler.chains = 2;

        QTest::addRow("model while sampled: live switch")
            << divided << true << ApplyOutcome::Switched << "divide by N: on"
            << "m" << 3;
        QTest::addRow("sampler while sampled: live switch")
            << staticHmc << true << ApplyOutcome::Switched << "static HMC, L = 7"
            << "s" << 3;
        QTest::addRow("data while sampled: live switch, as Generate does")
            << otherData << true << ApplyOutcome::Switched << "data seed 6"
            << "d" << 3;
        QTest::addRow("chains while sampled: wait for Reset")
            << twoChains << true << ApplyOutcome::Deferred << ""
            << "s" << 3;
        QTest::addRow("sampler seed while sampled: wait for Reset")
            << otherSeed << true << ApplyOutcome::Deferred << ""
            << "s" << 3;
        QTest::addRow("model and chains while sampled: switch, the chains wait")
            << dividedTwoChains << true << ApplyOutcome::Switched << "divide by N: on"
            << "ms" << 3;
        QTest::addRow("model before sampling: reset")
            << divided << false << ApplyOutcome::Reset << ""
            << "m" << 3;
        QTest::addRow("data before sampling: reset")
            << otherData << false << ApplyOutcome::Reset << ""
            << "d" << 3;
        QTest::addRow("chains before sampling: reset with them")
            << twoChains << false << ApplyOutcome::Reset << ""
            << "s" << 2;
    }
    void applyDecidesBetweenResetSwitchAndDeferral() {
        QFETCH(RunSettings, next);
        QFETCH(bool, sampledFirst);
        QFETCH(ApplyOutcome, outcome);
        QFETCH(QString, label);
        QFETCH(QString, groups);
        QFETCH(int, chainsInForce);
        SamplingController controller(smallRun());
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        if (sampledFirst) {
            controller.step();
            QTRY_COMPARE(controller.history().iterations(), std::int64_t{1});
        }
        QSignalSpy applied(&controller, &SamplingController::settingsApplied);
        QSignalSpy resets(&controller, &SamplingController::runReset);
        QSignalSpy switches(&controller, &SamplingController::liveSwitch);
        QSignalSpy refusals(&controller, &SamplingController::settingsRefused);

        QCOMPARE(controller.apply(next), outcome);
        QCOMPARE(refusals.count(), 0);
        QCOMPARE(applied.count(), 1);
        const auto change = applied.first().first().value<SettingsChange>();
        QCOMPARE(change.outcome, outcome);
        QCOMPARE(change.label, label);
        QCOMPARE(change.data, groups.contains('d'));
        QCOMPARE(change.model, groups.contains('m'));
        QCOMPARE(change.sampler, groups.contains('s'));
        QCOMPARE(resets.count(), outcome == ApplyOutcome::Reset ? 1 : 0);
        QCOMPARE(switches.count(), outcome == ApplyOutcome::Switched ? 1 : 0);
        if (outcome == ApplyOutcome::Switched) QCOMPARE(switches.first().first().toString(), label);
        QVERIFY(controller.settings() == next);
        QCOMPARE(controller.settingsInForce().sampler.chains, chainsInForce);

        // What the worker does with it: a marked segment, fresh chains, or nothing until Reset.
        controller.step();
        if (outcome == ApplyOutcome::Switched) {
            QTRY_COMPARE(controller.history().segments().size(), std::size_t{2});
            QCOMPARE(controller.history().segments().back().label, label);
            QTRY_COMPARE(controller.history().iterations(), std::int64_t{2});
        } else if (outcome == ApplyOutcome::Reset) {
            QTRY_COMPARE(controller.history().iterations(), std::int64_t{1});
            QCOMPARE(controller.history().segments().size(), std::size_t{1});
            QVERIFY(controller.history().currentSegment()->settings == next);
        } else {
            QTRY_COMPARE(controller.history().iterations(), std::int64_t{2});
            QCOMPARE(controller.history().segments().size(), std::size_t{1});
            QVERIFY(controller.history().currentSegment()->settings == smallRun());
        }
        QCOMPARE(controller.history().chainCount(), chainsInForce);
    }

    // What waited for a reset takes effect at the next Reset, and the same settings again change
    // nothing.
    void deferredChainsAndSeedTakeEffectAtReset() {
        SamplingController controller(smallRun());
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        controller.step();
        QTRY_COMPARE(controller.history().iterations(), std::int64_t{1});
        RunSettings next = smallRun();
        next.sampler.chains = 2;
        next.sampler.seed = 5;
        QCOMPARE(controller.apply(next), ApplyOutcome::Deferred);
        QSignalSpy applied(&controller, &SamplingController::settingsApplied);
        QSignalSpy resets(&controller, &SamplingController::runReset);
        QCOMPARE(controller.apply(next), ApplyOutcome::Unchanged);
        QCOMPARE(applied.count(), 0);
        controller.reset();
        QCOMPARE(resets.count(), 1);
        QCOMPARE(controller.history().iterations(), std::int64_t{0});
        QVERIFY(controller.settingsInForce() == next);
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        QCOMPARE(controller.history().chainCount(), 2);
        QCOMPARE(controller.history().currentSegment()->settings.sampler.seed, std::uint64_t{5});
    }

    // The display settings reach the worker through the controller: with "keep the tuned step
    // size" on, a live switch starts a segment without a new warmup.
    void aSwitchKeepsTheTuningWhenTheDisplaySettingsSaySo() {
        SamplingController controller(smallRun());
        QSignalSpy displays(&controller, &SamplingController::displayApplied);
        DisplaySettings display = atSpeed(kFullSpeedLevel);
        display.keepTunedStepSize = true;
        controller.applyDisplay(display);
        QCOMPARE(displays.count(), 1);
        QVERIFY(controller.display() == display);
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        controller.step();
        QTRY_COMPARE(controller.history().iterations(), std::int64_t{1});
        RunSettings divided = smallRun();
        divided.model.divideByN = true;
        QCOMPARE(controller.apply(divided), ApplyOutcome::Switched);
        controller.step();
        QTRY_COMPARE(controller.history().segments().size(), std::size_t{2});
        QCOMPARE(controller.history().segments().back().warmup, 0);
    }

    // Settings that no control can hold, handed to the constructor: the run starts from the
    // defaults and the problem is named.
    void invalidInitialSettingsStartFromTheDefaultsAndSaySo() {
        RunSettings bad = smallRun();
        bad.sampler.chains = 0;
        SamplingController controller(bad);
        QSignalSpy failures(&controller, &SamplingController::failed);
        QVERIFY(controller.settings() == RunSettings{});
        QTRY_COMPARE(failures.count(), 1);
        QVERIFY(failures.first().first().toString().contains("chains"));
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        QVERIFY(controller.history().currentSegment()->settings == RunSettings{});
    }

    void invalidSettingsAreRefusedAndChangeNothing() {
        SamplingController controller(smallRun());
        QTRY_VERIFY(controller.history().currentSegment() != nullptr);
        QSignalSpy refusals(&controller, &SamplingController::settingsRefused);
        QSignalSpy applied(&controller, &SamplingController::settingsApplied);
        RunSettings bad = smallRun();
        bad.model.priorSd = -1.0;
        controller.step();
        QTRY_COMPARE(controller.history().iterations(), std::int64_t{1});
        QCOMPARE(controller.apply(bad), ApplyOutcome::Refused);
        QCOMPARE(controller.resetTo(bad), ApplyOutcome::Refused);
        controller.step();
        QCOMPARE(refusals.count(), 2);
        QVERIFY(refusals.first().first().toString().contains("prior sd"));
        QCOMPARE(applied.count(), 0);
        QVERIFY(controller.settings() == smallRun());
        QTRY_COMPARE(controller.history().iterations(), std::int64_t{2});
        QCOMPARE(controller.history().segments().size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestSamplingController)
#include "test_sampling_controller.moc"
