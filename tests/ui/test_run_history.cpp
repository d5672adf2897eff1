#include <QtTest>
#include <cmath>

#include "core/random.h"
#include "ui/run_history.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

IterationRecord record(std::int64_t iteration, int segment, bool warmup, double w) {
    IterationRecord r;
    r.iteration = iteration;
    r.segment = segment;
    r.warmup = warmup;
    r.w = w;
    r.lp = -0.5 * w * w;
    r.acceptStat = 0.8;
    r.stepSize = warmup ? 0.5 + 0.001 * static_cast<double>(iteration) : 0.9;
    r.treeDepth = 2;
    r.nLeapfrog = 3;
    r.divergent = iteration % 97 == 0;
    r.energy = 1.0;
    r.inverseMetric = warmup ? 1.0 : 0.5;
    return r;
}

Segment segment(int index, std::int64_t start, int warmup) {
    Segment s;
    s.index = index;
    s.start = start;
    s.warmup = warmup;
    s.statistic = {10'000, 98};
    return s;
}

}  // namespace

class TestRunHistory : public QObject {
    Q_OBJECT
  private slots:
    void recordsComeBackExactlyFromTheCompactColumns() {
        RunHistory history;
        history.reset(1);
        history.startSegment(segment(0, 0, 100));
        Rng rng(1);
        std::vector<IterationRecord> sent;
        for (int i = 0; i < 1000; ++i)
            sent.push_back(record(i, 0, i < 100, 98.0 + rng.normal()));
        history.append(0, sent);
        for (std::size_t i = 0; i < sent.size(); ++i)
            QVERIFY(history.chain(0).record(i) == sent[i]);
        // 40 bytes per iteration in the columns (one 64 Ki chunk each here); step size and metric
        // are constant after warmup, so their run-length lists stay at about 100 entries each.
        QVERIFY(history.chain(0).memoryBytes() <= 40 * 65'536 + 250 * 16);
        QCOMPARE(history.chain(0).stepSizeChanges().changeCount(), std::size_t{101});
    }

    // The histogram of the potential-only posterior N(98, 1) counts every post-warmup draw and
    // integrates to one; Welford's mean matches within floating-point error.
    void histogramCountsEveryPostWarmupDrawOfTheCurrentSegment() {
        RunHistory history;
        history.reset(2);
        history.startSegment(segment(0, 0, 50));
        Rng rng(4);
        for (int c = 0; c < 2; ++c) {
            std::vector<IterationRecord> records;
            for (int i = 0; i < 5050; ++i)
                records.push_back(record(i, 0, i < 50, 98.0 + rng.normal()));
            history.append(c, records);
        }
        const DrawHistogram& h = history.histogram();
        QCOMPARE(h.total(), std::uint64_t{10'000});
        QCOMPARE(history.drawsInSegment(), std::int64_t{10'000});
        double mass = 0.0;
        for (int b = 0; b < h.bins(); ++b)
            mass += h.density(b) * h.binWidth();
        QVERIFY(std::abs(mass - 1.0) < 1e-12);
        QVERIFY(std::abs(history.segmentStatistics().mean - 98.0) < 0.05);
        QCOMPARE(history.segmentDraws()[1].size(), std::size_t{5000});
    }

    void drawOutsideTheRangeWidensAndRecountsTheHistogram() {
        RunHistory history;
        history.reset(1);
        history.startSegment(segment(0, 0, 0));  // exact N(98, 1): range 92..104
        history.append(
            0, std::vector<IterationRecord>{record(0, 0, false, 98.0), record(1, 0, false, 150.0)});
        const DrawHistogram& h = history.histogram();
        QCOMPARE(h.total(), std::uint64_t{2});
        QVERIFY(h.upper() > 150.0);
        QVERIFY(h.lower() <= 92.0);
    }

    void newSegmentRestartsTheHistogramButKeepsTheChain() {
        RunHistory history;
        history.reset(1);
        history.startSegment(segment(0, 0, 10));
        std::vector<IterationRecord> first;
        for (int i = 0; i < 100; ++i)
            first.push_back(record(i, 0, i < 10, 98.0));
        history.append(0, first);
        Segment second = segment(1, 100, 20);
        second.settings.model.divideByN = true;
        second.label = "divide by N: on";
        history.startSegment(second);
        std::vector<IterationRecord> more;
        for (int i = 100; i < 150; ++i)
            more.push_back(record(i, 1, i < 120, 0.01));
        history.append(0, more);
        QCOMPARE(history.chain(0).size(), std::size_t{150});
        QCOMPARE(history.drawsInSegment(), std::int64_t{30});
        QCOMPARE(history.segments().size(), std::size_t{2});
        QVERIFY(std::abs(history.exactPosterior()->mean() - 0.0098) < 1e-12);
        QCOMPARE(history.divergences().size(), std::size_t{2});  // iterations 0 and 97
        QCOMPARE(history.divergencesInSegment(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRunHistory)
#include "test_run_history.moc"
