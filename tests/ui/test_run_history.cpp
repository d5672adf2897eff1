#include <QtTest>
#include <cmath>
#include <memory>

#include "core/random.h"
#include "ui/run/run_history.h"

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

    // Batches that straddle the 64 Ki chunks of the columns, of uneven sizes, come back exactly.
    void batchesAcrossChunkBoundariesComeBackExactly() {
        RunHistory history;
        history.reset(1);
        history.startSegment(segment(0, 0, 10));
        Rng rng(7);
        std::vector<IterationRecord> sent;
        for (int i = 0; i < 200'000; ++i)
            sent.push_back(record(i, 0, i < 10, 98.0 + rng.normal()));
        const std::span<const IterationRecord> all(sent);
        std::size_t done = 0;
        for (const std::size_t size : {1UL, 65'534UL, 3UL, 70'000UL, 64'462UL}) {
            history.append(0, all.subspan(done, size));
            done += size;
        }
        QCOMPARE(done, sent.size());
        QCOMPARE(history.chain(0).size(), sent.size());
        for (const std::size_t i :
             {0UL, 65'534UL, 65'535UL, 65'536UL, 65'537UL, 131'071UL, 131'072UL, 199'999UL})
            QVERIFY(history.chain(0).record(i) == sent[i]);
    }

    // A slice handed to another thread reads the same values, across chunks, and keeps them
    // alive after the history is reset.
    void aSliceCopiesItsRangeAndOutlivesTheHistory() {
        auto history = std::make_unique<RunHistory>();
        history->reset(1);
        history->startSegment(segment(0, 0, 0));
        std::vector<IterationRecord> sent;
        for (int i = 0; i < 140'000; ++i)
            sent.push_back(record(i, 0, false, 0.5 * i));
        history->append(0, sent);
        for (const auto& [first, count] : std::vector<std::pair<std::size_t, std::size_t>>{
                 {0, 1}, {65'535, 2}, {10, 65'536}, {65'536, 65'536}, {3, 139'997}, {7, 0}}) {
            const ColumnSlice<double> slice = history->chain(0).wSlice(first, count);
            std::vector<double> copy(count, -1.0);
            slice.copyTo(copy.data());
            for (std::size_t i = 0; i < count; ++i)
                QCOMPARE(copy[i], 0.5 * static_cast<double>(first + i));
        }
        const ColumnSlice<double> kept = history->chain(0).wSlice(100'000, 40'000);
        history.reset();
        std::vector<double> copy(40'000);
        kept.copyTo(copy.data());
        QCOMPARE(copy.back(), 0.5 * 139'999);
    }

    // The running mean and sd, folded in a batch at a time, equal the two-pass values of all
    // post-warmup draws to within rounding (the draws sit far from zero, where a naive sum of
    // squares would lose digits).
    void batchedMeanAndSdEqualTheTwoPassValues() {
        RunHistory history;
        history.reset(2);
        history.startSegment(segment(0, 0, 100));
        Rng rng(11);
        std::vector<double> draws;
        for (int c = 0; c < 2; ++c) {
            std::int64_t iteration = 0;
            for (const int size : {7, 1, 500, 3000, 2, 4093}) {
                std::vector<IterationRecord> batch;
                for (int i = 0; i < size; ++i, ++iteration) {
                    const bool warmup = iteration < 100;
                    batch.push_back(record(iteration, 0, warmup, 1e6 + 1e-3 * rng.normal()));
                    if (!warmup) draws.push_back(batch.back().w);
                }
                history.append(c, batch);
            }
        }
        double sum = 0.0;  // of w - 10^6, which is exact here
        for (double w : draws)
            sum += w - 1e6;
        const double mean = 1e6 + sum / static_cast<double>(draws.size());
        double squares = 0.0;
        for (double w : draws)
            squares += (w - mean) * (w - mean);
        const double sd = std::sqrt(squares / static_cast<double>(draws.size() - 1));
        const SegmentStatistics& stats = history.segmentStatistics();
        QCOMPARE(stats.draws, static_cast<std::int64_t>(draws.size()));
        QVERIFY(std::abs(stats.mean - mean) < 1e-9);
        QVERIFY2(std::abs(stats.sd() / sd - 1.0) < 1e-6,
                 qPrintable(QStringLiteral("sd %1, two-pass %2").arg(stats.sd()).arg(sd)));
        QVERIFY(std::abs(stats.meanTreeDepth() - 2.0) < 1e-15);
    }

    // One batch with draws beyond both ends of the range: widened once to hold them all, and
    // every draw of the segment counted exactly once.
    void batchBeyondBothEndsIsCountedOnce() {
        RunHistory history;
        history.reset(1);
        history.startSegment(segment(0, 0, 0));  // exact N(98, 1): range 92..104
        history.append(0, std::vector<IterationRecord>{record(0, 0, false, 98.0)});
        history.append(
            0, std::vector<IterationRecord>{record(1, 0, false, 97.0), record(2, 0, false, 150.0),
                                            record(3, 0, false, 40.0), record(4, 0, false, 99.0)});
        const DrawHistogram& h = history.histogram();
        QCOMPARE(h.total(), std::uint64_t{5});
        QVERIFY(h.lower() < 40.0);
        QVERIFY(h.upper() > 150.0);
        QCOMPARE(h.minimum(), 40.0);
        QCOMPARE(h.maximum(), 150.0);
        std::uint64_t counted = 0;
        for (int b = 0; b < h.bins(); ++b)
            counted += h.count(b);
        QCOMPARE(counted, std::uint64_t{5});
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
