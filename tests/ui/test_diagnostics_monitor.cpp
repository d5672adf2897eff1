// DiagnosticsMonitor summarises the current segment's post-warmup draws on a pool thread, reading
// slices of the history's chunks. Its summary must be exactly summarize() of the draws held,
// whatever the batches and however they interleave with computations.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "core/diagnostics.h"
#include "core/random.h"
#include "support/sanitizers.h"
#include "ui/run/diagnostics_monitor.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

constexpr int kChains = 4;

// The window's monitor computes at nice 10, which on a two-core machine running other suites
// (ThreadSanitizer's, ten times slower) left it a tenth of a core: one summary took four minutes.
// What is checked here does not depend on the thread's priority.
constexpr ComputePriority kTestPriority = ComputePriority::Normal;
constexpr int kSummaryTimeoutMs = testing::kSanitizedBuild ? 120'000 : 20'000;

Segment segment(int index, std::int64_t start, int warmup) {
    Segment s;
    s.index = index;
    s.start = start;
    s.warmup = warmup;
    s.statistic = {10'000, 0};
    return s;
}

// AR(1) draws around zero: correlated, as a sampler's are.
void appendBatch(RunHistory& history, Rng& rng, int segmentIndex, int warmup, int size) {
    for (int c = 0; c < kChains; ++c) {
        const auto first = static_cast<std::int64_t>(history.chain(c).size());
        double w = first == 0 ? 0.0 : history.chain(c).w(static_cast<std::size_t>(first - 1));
        std::vector<IterationRecord> records(static_cast<std::size_t>(size));
        for (int i = 0; i < size; ++i) {
            IterationRecord& r = records[static_cast<std::size_t>(i)];
            w = 0.5 * w + rng.normal();
            r.iteration = first + i;
            r.segment = segmentIndex;
            r.warmup = first + i < warmup;
            r.w = w;
        }
        history.append(c, records);
    }
}

Summary exactSummary(const RunHistory& history) {
    const std::vector<std::vector<double>> draws = history.segmentDraws();
    return summarize(ChainSpans(draws.begin(), draws.end()));
}

bool sameSummary(const Summary& a, const Summary& b) {
    return a.draws == b.draws && a.mean == b.mean && a.sd == b.sd && a.rhat == b.rhat &&
           a.essBulk == b.essBulk && a.essTail == b.essTail && a.mcseMean == b.mcseMean;
}

}  // namespace

class TestDiagnosticsMonitor : public QObject {
    Q_OBJECT
  private slots:
    void summaryEqualsTheDirectSummaryOfTheDrawsHeld_data() {
        QTest::addColumn<QList<int>>("batches");
        QTest::newRow("one batch") << QList<int>{5'000};
        QTest::newRow("small batches") << QList<int>{1, 3, 700, 2, 1'500};
        // Slices across the history's 64 Ki chunks, in batches that do not divide them.
        QTest::newRow("across chunks") << QList<int>{40'000, 30'001, 65'535, 70'000};
    }

    // Every batch is offered to the monitor at once, as the window's slow tick does, so later
    // batches arrive while a computation reads earlier slices; when all is in and nothing runs,
    // one more update must summarise exactly what is held.
    void summaryEqualsTheDirectSummaryOfTheDrawsHeld() {
        QFETCH(QList<int>, batches);
        RunHistory history;
        history.reset(kChains);
        history.startSegment(segment(0, 0, 100));
        DiagnosticsMonitor monitor(nullptr, kTestPriority);
        QSignalSpy updated(&monitor, &DiagnosticsMonitor::updated);
        Rng rng(20261127);
        for (const int size : batches) {
            appendBatch(history, rng, 0, 100, size);
            monitor.update(history, false);
        }
        const Summary exact = exactSummary(history);
        QTRY_VERIFY_WITH_TIMEOUT(
            (monitor.update(history, false),
             monitor.latest() && monitor.latestDraws() == static_cast<std::int64_t>(exact.draws)),
            kSummaryTimeoutMs);
        QVERIFY(sameSummary(*monitor.latest(), exact));
        QVERIFY(updated.count() >= 1);
    }

    // While sampling, a new summary waits until the draws have grown by a quarter.
    void whileSamplingASummaryWaitsForAQuarterMoreDraws() {
        RunHistory history;
        history.reset(kChains);
        history.startSegment(segment(0, 0, 0));
        DiagnosticsMonitor monitor(nullptr, kTestPriority);
        Rng rng(5);
        appendBatch(history, rng, 0, 0, 30'000);
        QTRY_VERIFY_WITH_TIMEOUT((monitor.update(history, true), monitor.latest().has_value()),
                                 kSummaryTimeoutMs);
        QCOMPARE(monitor.latestDraws(), std::int64_t{120'000});
        appendBatch(history, rng, 0, 0, 6'000);  // 20 % more: not yet
        for (int i = 0; i < 20; ++i) {
            monitor.update(history, true);
            QTest::qWait(10);
        }
        QCOMPARE(monitor.latestDraws(), std::int64_t{120'000});
        appendBatch(history, rng, 0, 0, 3'000);  // 30 % more
        QTRY_COMPARE_WITH_TIMEOUT((monitor.update(history, true), monitor.latestDraws()),
                                  std::int64_t{156'000}, kSummaryTimeoutMs);
        QVERIFY(sameSummary(*monitor.latest(), exactSummary(history)));
    }

    // A new segment restarts the count: draws of the old segment and a computation that was
    // running over them do not leak into the new summary.
    void aNewSegmentDropsTheOldDrawsAndTheRunningComputation() {
        RunHistory history;
        history.reset(kChains);
        history.startSegment(segment(0, 0, 0));
        DiagnosticsMonitor monitor(nullptr, kTestPriority);
        Rng rng(9);
        appendBatch(history, rng, 0, 0, 50'000);
        monitor.update(history, false);  // starts a computation over 200 000 draws
        history.startSegment(segment(1, 50'000, 50));
        appendBatch(history, rng, 1, 50'050, 1'000);
        const Summary exact = exactSummary(history);
        QCOMPARE(exact.draws, std::size_t{kChains * 950});
        QTRY_VERIFY_WITH_TIMEOUT(
            (monitor.update(history, false),
             monitor.latest() && monitor.latestDraws() == static_cast<std::int64_t>(exact.draws)),
            kSummaryTimeoutMs);
        QVERIFY(sameSummary(*monitor.latest(), exact));
    }
};

QTEST_GUILESS_MAIN(TestDiagnosticsMonitor)
#include "test_diagnostics_monitor.moc"
