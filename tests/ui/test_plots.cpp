#include <qcustomplot.h>
#include <QElapsedTimer>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "core/random.h"
#include "ui/plots/decimation.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plots.h"
#include "ui/run/run_history.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

constexpr int kChains = 4;

// The question's data: N = 10^4 independent bits with C = 98, so that the potential-only
// posterior sits at w = 98 with sd 1 and the divided-by-N one near 0.
SufficientStatistic questionData() {
    return {10'000, 98};
}

ModelSpec potentialOnly(bool divideByN) {
    ModelSpec model;
    model.likelihood = Likelihood::PotentialOnly;
    model.divideByN = divideByN;
    return model;
}

Segment makeSegment(int index, std::int64_t start, int warmup, const ModelSpec& model,
                    const QString& label = {}) {
    Segment segment;
    segment.index = index;
    segment.start = start;
    segment.warmup = warmup;
    segment.settings.model = model;
    segment.settings.sampler.targetAccept = 0.8;
    segment.statistic = questionData();
    segment.label = label;
    // Stan's schedule in miniature: a fast buffer, two doubling slow windows, a fast end.
    if (warmup >= 100) {
        segment.slowWindows = {{start + 15, start + 39}, {start + 40, start + 89}};
    }
    return segment;
}

// Iterations of one chain that behave like a sampler's output: an AR(1) walk towards the
// segment's exact posterior, a step size that wanders during warmup and then settles, tree
// depths and leapfrog counts that go with it, and chosen divergent iterations.
class FakeChain {
  public:
    FakeChain(int chain, std::uint64_t seed) : rng_(seed, static_cast<std::uint64_t>(chain)) {
        w_ = 4.0 * rng_.uniform() - 2.0;
    }

    std::vector<IterationRecord> run(const Segment& segment, const ExactPosterior& exact,
                                     std::int64_t from, std::int64_t to,
                                     const std::vector<std::int64_t>& divergent = {}) {
        std::vector<IterationRecord> records;
        records.reserve(static_cast<std::size_t>(to - from));
        for (std::int64_t i = from; i < to; ++i) {
            IterationRecord r;
            r.iteration = i;
            r.segment = segment.index;
            const std::int64_t sinceStart = i - segment.start;
            r.warmup = sinceStart < segment.warmup;
            w_ = exact.mean() + 0.85 * (w_ - exact.mean()) +
                 std::sqrt(1.0 - 0.85 * 0.85) * exact.sd() * rng_.normal();
            r.w = w_;
            r.lp = -0.5 * std::pow((w_ - exact.mean()) / exact.sd(), 2);
            r.acceptStat = std::clamp(0.8 + 0.15 * rng_.normal(), 0.0, 1.0);
            r.stepSize =
                r.warmup ? 0.9 * std::exp(rng_.normal() / std::sqrt(sinceStart + 1.0)) : 0.85;
            r.inverseMetric = r.warmup && sinceStart < 90 ? 1.0 : 0.95;
            r.treeDepth = 1 + static_cast<int>(3.0 * rng_.uniform());
            r.nLeapfrog = (1 << r.treeDepth) - 1;
            r.divergent = std::find(divergent.begin(), divergent.end(), i) != divergent.end();
            r.energy = -r.lp + 0.5;
            records.push_back(r);
        }
        return records;
    }

  private:
    Rng rng_;
    double w_;
};

// Four chains: segment 0 (potential only, posterior at 98) for 300 iterations with 100 of
// warmup, then "divide by N: on" (posterior near 0) from 300 to 500 with 50 of warmup.
// Divergences: chain 0 at 42 and 250, chain 2 at 350.
void buildSwitchingHistory(RunHistory& history, std::int64_t switchAt = 300, std::int64_t end = 500,
                           int firstWarmup = 100, int secondWarmup = 50) {
    history.reset(kChains);
    std::vector<FakeChain> chains;
    for (int c = 0; c < kChains; ++c)
        chains.emplace_back(c, 7);

    history.startSegment(makeSegment(0, 0, firstWarmup, potentialOnly(false)));
    for (int c = 0; c < kChains; ++c) {
        const auto divergent =
            c == 0 ? std::vector<std::int64_t>{42, 250} : std::vector<std::int64_t>{};
        const auto records = chains[static_cast<std::size_t>(c)].run(
            history.segments().back(), *history.exactPosterior(), 0, switchAt, divergent);
        history.append(c, records);
    }
    history.startSegment(
        makeSegment(1, switchAt, secondWarmup, potentialOnly(true), "divide by N: on"));
    for (int c = 0; c < kChains; ++c) {
        const auto divergent =
            c == 2 ? std::vector<std::int64_t>{350} : std::vector<std::int64_t>{};
        const auto records = chains[static_cast<std::size_t>(c)].run(
            history.segments().back(), *history.exactPosterior(), switchAt, end, divergent);
        history.append(c, records);
    }
}

// One segment of the potential-only model: the posterior at w ≈ 98, sd 1.
void buildFarHistory(RunHistory& history, bool divideByN, std::int64_t iterations = 1'200) {
    history.reset(kChains);
    history.startSegment(makeSegment(0, 0, 200, potentialOnly(divideByN)));
    for (int c = 0; c < kChains; ++c) {
        FakeChain chain(c, 11);
        history.append(
            c, chain.run(history.segments().back(), *history.exactPosterior(), 0, iterations));
    }
}

DisplaySettings windowOf(int iterations) {
    DisplaySettings display;
    display.traceWindow = iterations;
    return display;
}

template <class Item>
QList<Item*> itemsNamed(QCustomPlot* plot, const QString& name) {
    return plot->findChildren<Item*>(name);
}

QVector<double> keysOf(const QCPGraph* graph) {
    QVector<double> keys;
    for (const QCPGraphData& point : *graph->data())
        keys.append(point.key);
    return keys;
}

// Every point of `out` must be a sample of `values` (key = index).
bool isSubsetOf(const PlotSeries& out, const QVector<double>& values) {
    for (int i = 0; i < out.size(); ++i) {
        const auto index = static_cast<qsizetype>(out.keys[i]);
        if (index < 0 || index >= values.size()) return false;
        const double expected = values[index];
        if (!(expected == out.values[i] || (std::isnan(expected) && std::isnan(out.values[i]))))
            return false;
    }
    return true;
}

void showAt(QWidget& widget, int width, int height) {
    widget.resize(width, height);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

}  // namespace

class TestPlots : public QObject {
    Q_OBJECT

  private slots:
    void decimateMinMax_data();
    void decimateMinMax();
    void decimateMinMaxKeepsEveryBucketsExtremes();
    void decimateMinMaxOfScatteredKeys();
    void minMaxBlocksMatchDecimateMinMax_data();
    void minMaxBlocksMatchDecimateMinMax();
    void minMaxBlocksNoticeAReset();

    void emptyPlotsShowAHint();
    void emptyPlotsHintStaysInsideTheAxesOfANarrowPanel_data();
    void emptyPlotsHintStaysInsideTheAxesOfANarrowPanel();
    void traceShowsTheWindowWarmupSwitchesAndDivergences();
    void traceDecimatesLongWindows();
    void stepSizeIsLogarithmicAndExactAtItsPoints();
    void treeDepthHasALogLeapfrogAxis();
    void liveScatterPlotsDrawAPointPerTwoPixelsAndAllOfThemWhenPaused();
    void acceptanceShowsTheTarget();
    void posteriorFarFromZeroPointsAtZero();
    void posteriorNearZeroDrawsTheZeroLine();
    void linkedPlotsPanTogetherAndFollowAgain();
    void gridLaysOutSevenPanels();
    void shortPlotsUseCompactLabels();
    void refreshOfFourMillionPointsIsFast();
    void rendersEveryPanelToPng();
};

// ----------------------------------------------------------------------------------------------

void TestPlots::decimateMinMax_data() {
    QTest::addColumn<QVector<double>>("values");
    QTest::addColumn<int>("budget");

    QTest::newRow("empty") << QVector<double>{} << 100;
    QTest::newRow("one point") << QVector<double>{3.0} << 100;
    QTest::newRow("below budget") << QVector<double>{1, 5, 2, 8, 3} << 100;
    QTest::newRow("exactly the budget") << QVector<double>{1, 5, 2, 8, 3, 4} << 6;
    QTest::newRow("tiny budget") << QVector<double>{1, 5, 2, 8, 3, 4, 9, 0} << 1;

    QVector<double> spike(10'000, 0.0);
    spike[4'321] = 100.0;
    spike[7'000] = -50.0;
    QTest::newRow("lone spikes") << spike << 200;

    QVector<double> walk;
    Rng rng(3);
    double w = 0.0;
    for (int i = 0; i < 100'000; ++i)
        walk.append(w += rng.normal());
    QTest::newRow("random walk") << walk << 2'000;
    QTest::newRow("random walk, odd budget") << walk << 777;

    QTest::newRow("constant") << QVector<double>(5'000, 2.5) << 100;

    QVector<double> gaps = walk.mid(0, 3'000);
    for (int i = 1'000; i < 1'100; ++i)
        gaps[i] = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("NaN gap") << gaps << 100;
}

void TestPlots::decimateMinMax() {
    QFETCH(QVector<double>, values);
    QFETCH(int, budget);
    PlotSeries out;
    ui::decimateMinMax(std::span<const double>(values.data(), values.size()), 0, budget, out);

    if (values.size() <= std::max(budget, kMinDecimationPoints)) {
        // Small inputs pass through unchanged.
        QCOMPARE(out.size(), values.size());
        QVERIFY(isSubsetOf(out, values));
        return;
    }
    QVERIFY(out.size() <= std::max(budget, kMinDecimationPoints));
    QVERIFY(isSubsetOf(out, values));
    QCOMPARE(out.keys.front(), 0.0);
    QCOMPARE(out.keys.back(), static_cast<double>(values.size() - 1));
    QVERIFY(std::is_sorted(out.keys.begin(), out.keys.end()));
    QVERIFY(std::adjacent_find(out.keys.begin(), out.keys.end()) == out.keys.end());

    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const double v : values) {
        if (std::isnan(v)) continue;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    QVERIFY(out.values.contains(low));
    QVERIFY(out.values.contains(high));
}

void TestPlots::decimateMinMaxKeepsEveryBucketsExtremes() {
    // Each bucket's min and max survive: redrawn, the envelope is the same pixel for pixel.
    QVector<double> values;
    Rng rng(5);
    for (int i = 0; i < 50'000; ++i)
        values.append(rng.normal());
    const int budget = 502;
    PlotSeries out;
    ui::decimateMinMax(std::span<const double>(values.data(), values.size()), 1'000, budget, out);
    QCOMPARE(out.keys.front(), 1'000.0);
    QCOMPARE(out.keys.back(), 1'000.0 + values.size() - 1);

    const std::int64_t buckets = decimationBuckets(budget);
    const std::int64_t count = values.size();
    for (std::int64_t b = 0; b < buckets; ++b) {
        const std::int64_t begin = count * b / buckets;
        const std::int64_t end = count * (b + 1) / buckets;
        const auto [low, high] = std::minmax_element(values.begin() + begin, values.begin() + end);
        QVERIFY(out.keys.contains(1'000.0 + (low - values.begin())));
        QVERIFY(out.keys.contains(1'000.0 + (high - values.begin())));
    }
}

void TestPlots::decimateMinMaxOfScatteredKeys() {
    // Irregular keys: a dense cluster and a sparse tail; buckets are of equal key width.
    std::vector<double> keys;
    std::vector<double> values;
    Rng rng(9);
    for (int i = 0; i < 20'000; ++i) {
        keys.push_back(i * 0.01);
        values.push_back(rng.normal());
    }
    for (int i = 1; i <= 50; ++i) {
        keys.push_back(200.0 + 100.0 * i);
        values.push_back(i);
    }
    PlotSeries out;
    ui::decimateMinMax(keys, values, 300, out);
    QVERIFY(out.size() <= 300);
    QCOMPARE(out.keys.front(), keys.front());
    QCOMPARE(out.keys.back(), keys.back());
    QCOMPARE(out.values.back(), values.back());
    QVERIFY(std::is_sorted(out.keys.begin(), out.keys.end()));
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    QVERIFY(out.values.contains(*low));
    QVERIFY(out.values.contains(*high));

    PlotSeries small;
    ui::decimateMinMax(std::span<const double>(keys.data(), 10),
                       std::span<const double>(values.data(), 10), 300, small);
    QCOMPARE(small.size(), 10);
    QCOMPARE(small.values[7], values[7]);
}

void TestPlots::minMaxBlocksMatchDecimateMinMax_data() {
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<int>("budget");
    QTest::newRow("whole column") << qint64(0) << qint64(100'000) << 1'000;
    QTest::newRow("unaligned window") << qint64(12'345) << qint64(87'001) << 700;
    QTest::newRow("buckets shorter than a block") << qint64(3) << qint64(20'000) << 2'000;
    QTest::newRow("window past the summaries") << qint64(90'000) << qint64(100'050) << 500;
    QTest::newRow("small window passes through") << qint64(500) << qint64(700) << 1'000;
    QTest::newRow("one bucket") << qint64(64) << qint64(5'000) << 4;
}

void TestPlots::minMaxBlocksMatchDecimateMinMax() {
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(int, budget);
    // Small integers, as tree depths are: many ties, so first occurrences must agree too.
    std::vector<double> column;
    Rng rng(17);
    for (int i = 0; i < 100'050; ++i)
        column.push_back(std::floor(6.0 * rng.uniform()));
    for (int i = 30'000; i < 30'200; ++i)
        column[static_cast<std::size_t>(i)] = std::nan("");
    const auto valueAt = [&column](std::int64_t i) { return column[static_cast<std::size_t>(i)]; };

    MinMaxBlocks blocks;
    for (std::int64_t grown = 0; grown < 100'050; grown += 7'777)  // as batches arrive
        blocks.extend(grown, valueAt);
    blocks.extend(100'050, valueAt);
    QCOMPARE(blocks.summarised(), 100'032);

    PlotSeries expected;
    PlotSeries actual;
    ui::decimateMinMax(first, last, budget, valueAt, expected);
    blocks.decimate(first, last, budget, valueAt, actual);
    QCOMPARE(actual.keys, expected.keys);
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < actual.size(); ++i) {
        QVERIFY(actual.values[i] == expected.values[i] ||
                (std::isnan(actual.values[i]) && std::isnan(expected.values[i])));
    }
}

void TestPlots::minMaxBlocksNoticeAReset() {
    std::vector<double> column(50'000);
    Rng rng(19);
    for (double& v : column)
        v = rng.normal();
    const auto valueAt = [&column](std::int64_t i) { return column[static_cast<std::size_t>(i)]; };
    MinMaxBlocks blocks;
    blocks.extend(50'000, valueAt);

    // A reset and a new run that has already grown past the old one.
    column.resize(60'000);
    for (double& v : column)
        v = 10.0 + rng.normal();
    blocks.extend(60'000, valueAt);
    PlotSeries expected;
    PlotSeries actual;
    ui::decimateMinMax(0, 60'000, 600, valueAt, expected);
    blocks.decimate(0, 60'000, 600, valueAt, actual);
    QCOMPARE(actual.keys, expected.keys);
    QCOMPARE(actual.values, expected.values);

    // A reset caught while the new run is still shorter.
    column.resize(1'000);
    blocks.extend(1'000, valueAt);
    QCOMPARE(blocks.summarised(), 960);
}

// ----------------------------------------------------------------------------------------------

void TestPlots::emptyPlotsShowAHint() {
    PlotGrid grid;
    for (PlotPanel* panel : grid.panels()) {
        // The trajectory view says how to get a trajectory; the others how to get draws.
        QVERIFY2(panel->hintText() == QStringLiteral("Press Start to sample") ||
                     panel->hintText().contains(QStringLiteral("trajectory")),
                 qPrintable(panel->exportName() + ": " + panel->hintText()));
        QVERIFY(!panel->plot()->xAxis->label().isEmpty());
        QVERIFY(!panel->plot()->yAxis->label().isEmpty());
    }
    QCOMPARE(grid.tracePlot()->chainGraphCount(), 0);

    RunHistory history;
    buildSwitchingHistory(history);
    grid.refresh(history, windowOf(2'000));
    // Draws fill the history plots; the trajectory view waits for a trajectory of its own.
    for (PlotPanel* panel : grid.panels()) {
        if (panel->exportName() != "trajectory" && panel->exportName() != "energy-error") {
            QCOMPARE(panel->hintText(), QString());
        }
    }

    grid.clear();
    for (PlotPanel* panel : grid.panels()) {
        // The trajectory view says how to get a trajectory; the others how to get draws.
        QVERIFY2(panel->hintText() == QStringLiteral("Press Start to sample") ||
                     panel->hintText().contains(QStringLiteral("trajectory")),
                 qPrintable(panel->exportName() + ": " + panel->hintText()));
    }
    QVERIFY(grid.tracePlot()->chainGraph(0)->data()->isEmpty());
    QVERIFY(itemsNamed<QCPItemStraightLine>(grid.tracePlot()->plot(), "switch-line").isEmpty());
}

void TestPlots::emptyPlotsHintStaysInsideTheAxesOfANarrowPanel_data() {
    QTest::addColumn<QSize>("gridSize");
    // What the window leaves for the plots on a maximised 1024x768 projector, and a wide screen.
    QTest::newRow("1024x768 projector") << QSize(690, 640);
    QTest::newRow("1920x1080") << QSize(1'500, 900);
}

void TestPlots::emptyPlotsHintStaysInsideTheAxesOfANarrowPanel() {
    QFETCH(QSize, gridSize);
    PlotGrid grid;
    RunHistory warmingUp;  // the posterior's longest hint: "Draws appear here after warmup"
    warmingUp.reset(kChains);
    warmingUp.startSegment(makeSegment(0, 0, 100, potentialOnly(false)));
    grid.posteriorPlot()->refresh(warmingUp);
    showAt(grid, gridSize.width(), gridSize.height());
    for (PlotPanel* panel : grid.panels()) {
        panel->plot()->replot();
        const auto* hint = panel->plot()->findChild<QCPItemText*>(QStringLiteral("hint"));
        QVERIFY(hint && hint->visible());
        const QRect axes = panel->plot()->axisRect()->rect();
        const double left = hint->left->pixelPosition().x();
        const double right = hint->right->pixelPosition().x();
        QVERIFY2(left >= axes.left() && right <= axes.right() + 1,
                 qPrintable(QStringLiteral("%1: hint %2…%3 outside the axes %4…%5")
                                .arg(panel->exportName())
                                .arg(left)
                                .arg(right)
                                .arg(axes.left())
                                .arg(axes.right())));
        // Broken between words, never within one, and still the whole sentence.
        QCOMPARE(hint->text().split(QLatin1Char('\n')).join(QLatin1Char(' ')), panel->hintText());
    }
}

void TestPlots::traceShowsTheWindowWarmupSwitchesAndDivergences() {
    RunHistory history;
    buildSwitchingHistory(history);
    TracePlot trace;
    showAt(trace, 1'000, 400);

    trace.refresh(history, windowOf(2'000));
    QCOMPARE(trace.plot()->xAxis->range().lower, 0.0);
    QCOMPARE(trace.plot()->xAxis->range().upper, 500.0);
    QCOMPARE(trace.chainGraphCount(), kChains);
    for (int c = 0; c < kChains; ++c) {
        const QCPGraph* graph = trace.chainGraph(c);
        QCOMPARE(graph->data()->size(), 500);  // below the budget: every iteration
        QCOMPARE(graph->data()->at(123)->value, history.chain(c).w(123));
        QCOMPARE(graph->pen().color(), PlotStyle::chain(c));
    }
    QCOMPARE(keysOf(trace.divergenceGraph()), (QVector<double>{42, 250, 350}));
    QCOMPARE(trace.divergenceGraph()->data()->at(1)->value, history.chain(0).w(250));

    const auto switchLines = itemsNamed<QCPItemStraightLine>(trace.plot(), "switch-line");
    QCOMPARE(switchLines.size(), 1);
    QCOMPARE(switchLines[0]->point1->key(), 300.0);
    const auto switchLabels = itemsNamed<QCPItemText>(trace.plot(), "switch-label");
    QCOMPARE(switchLabels.size(), 1);
    QCOMPARE(switchLabels[0]->text(), QStringLiteral("divide by N: on"));

    auto warmups = itemsNamed<QCPItemRect>(trace.plot(), "warmup");
    QCOMPARE(warmups.size(), 2);
    std::sort(warmups.begin(), warmups.end(),
              [](auto* a, auto* b) { return a->topLeft->key() < b->topLeft->key(); });
    QCOMPARE(warmups[0]->topLeft->key(), 0.0);
    QCOMPARE(warmups[0]->bottomRight->key(), 100.0);
    QCOMPARE(warmups[1]->topLeft->key(), 300.0);
    QCOMPARE(warmups[1]->bottomRight->key(), 350.0);

    // A window of the last 200 iterations: data and marks only from there on.
    trace.refresh(history, windowOf(200));
    QCOMPARE(trace.plot()->xAxis->range().lower, 300.0);
    QCOMPARE(trace.plot()->xAxis->range().upper, 500.0);
    for (int c = 0; c < kChains; ++c) {
        const QCPGraph* graph = trace.chainGraph(c);
        QCOMPARE(graph->data()->size(), 200);
        QCOMPARE(graph->data()->constBegin()->key, 300.0);
        QCOMPARE((graph->data()->constEnd() - 1)->key, 499.0);
    }
    QCOMPARE(keysOf(trace.divergenceGraph()), (QVector<double>{350}));
    // Markers are rebuilt only when the segments change.
    QCOMPARE(itemsNamed<QCPItemStraightLine>(trace.plot(), "switch-line").size(), 1);
}

void TestPlots::traceDecimatesLongWindows() {
    RunHistory history;
    buildFarHistory(history, false, 200'000);
    TracePlot trace;
    showAt(trace, 900, 400);
    trace.refresh(history, windowOf(150'000));
    QCOMPARE(trace.shownWindow().first, 50'000);
    QCOMPARE(trace.shownWindow().last, 200'000);
    const int budget = trace.pointBudget();
    QVERIFY(budget >= 1'000 && budget <= 4'000);
    for (int c = 0; c < kChains; ++c) {
        const auto data = trace.chainGraph(c)->data();
        QVERIFY2(data->size() <= budget, qPrintable(QString::number(data->size())));
        QVERIFY(data->size() >= budget / 2);
        QCOMPARE(data->constBegin()->key, 50'000.0);
        QCOMPARE((data->constEnd() - 1)->key, 199'999.0);
        // The envelope is kept: the window's extremes are on screen.
        std::vector<double> column;
        for (std::size_t i = 50'000; i < history.chain(c).size(); ++i)
            column.push_back(history.chain(c).w(i));
        const auto [low, high] = std::minmax_element(column.begin(), column.end());
        bool lowShown = false;
        bool highShown = false;
        for (const QCPGraphData& point : *data) {
            lowShown = lowShown || point.value == *low;
            highShown = highShown || point.value == *high;
        }
        QVERIFY(lowShown && highShown);
    }
}

void TestPlots::stepSizeIsLogarithmicAndExactAtItsPoints() {
    RunHistory history;
    buildSwitchingHistory(history);
    StepSizePlot plot;
    showAt(plot, 1'000, 300);
    plot.refresh(history, windowOf(2'000));

    QCOMPARE(plot.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(!plot.plot()->yAxis->ticker().dynamicCast<QCPAxisTickerLog>().isNull());
    QCOMPARE(plot.chainGraphCount(), kChains);
    for (int c = 0; c < kChains; ++c) {
        const ChainHistory& chain = history.chain(c);
        const auto steps = plot.stepSizeGraph(c)->data();
        const auto effective = plot.effectiveStepGraph(c)->data();
        QVERIFY(steps->size() > 2);
        QCOMPARE(steps->size(), effective->size());
        QCOMPARE(steps->constBegin()->key, 0.0);
        QCOMPARE((steps->constEnd() - 1)->key, 499.0);
        for (int i = 0; i < steps->size(); ++i) {
            const auto iteration = static_cast<std::size_t>(steps->at(i)->key);
            QCOMPARE(steps->at(i)->value, chain.stepSize(iteration));
            QCOMPARE(effective->at(i)->value, chain.effectiveStepSize(iteration));
        }
        QCOMPARE(plot.effectiveStepGraph(c)->pen().style(), Qt::DashLine);
        QCOMPARE(plot.stepSizeGraph(c)->lineStyle(), QCPGraph::lsStepLeft);
    }
    // After warmup the step size is constant: one change point per segment, not 200 points.
    QVERIFY(plot.stepSizeGraph(0)->data()->size() < 100 + 50 + 10);

    const auto windows = itemsNamed<QCPItemRect>(plot.plot(), "adaptation-window");
    QCOMPARE(windows.size(), 2);  // only the first segment's warmup is long enough
    QCOMPARE(plot.plot()->legend->itemCount(), 3);
    QCOMPARE(itemsNamed<QCPItemStraightLine>(plot.plot(), "switch-line").size(), 1);

    // A later window starts with the value in force there.
    plot.refresh(history, windowOf(150));
    const auto steps = plot.stepSizeGraph(1)->data();
    QCOMPARE(steps->constBegin()->key, 350.0);
    QCOMPARE(steps->constBegin()->value, history.chain(1).stepSize(350));
}

void TestPlots::treeDepthHasALogLeapfrogAxis() {
    RunHistory history;
    buildSwitchingHistory(history);
    TreeDepthPlot plot;
    showAt(plot, 1'000, 300);
    plot.refresh(history, windowOf(2'000));
    QCOMPARE(plot.chainGraphCount(), kChains);
    QCOMPARE(plot.treeDepthGraph(3)->data()->size(), 500);
    const double offset = TreeDepthPlot::rowOffset(3, kChains);
    QVERIFY(std::abs(plot.treeDepthGraph(3)->data()->at(77)->value - offset -
                     history.chain(3).treeDepth(77)) <= TreeDepthPlot::kJitter + 1e-12);
    QCOMPARE(plot.treeDepthGraph(3)->scatterStyle().shape(), QCPScatterStyle::ssDisc);

    // The right axis counts leapfrog steps on a log scale aligned with the depths: a complete
    // tree of depth d (2^d - 1 steps) sits on row d.
    QCPAxis* steps = plot.plot()->yAxis2;
    QVERIFY(steps->visible());
    QCOMPARE(plot.leapfrogGraph(3)->valueAxis(), steps);
    QVERIFY(std::abs(plot.leapfrogGraph(3)->data()->at(77)->value - offset -
                     history.chain(3).treeDepth(77)) <=
            TreeDepthPlot::kJitter + 1e-12);  // the fake trees are complete
    const auto ticker = steps->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(!ticker.isNull());
    QCOMPARE(ticker->ticks().value(10.0), QStringLiteral("1023"));
    QCOMPARE(ticker->ticks().value(3.0), QStringLiteral("7"));
    QCOMPARE(steps->range(), plot.plot()->yAxis->range());
    QCOMPARE(itemsNamed<QCPItemStraightLine>(plot.plot(), "switch-line").size(), 1);
}

// At full speed the scatter plots' squares need no more than a decimation bucket every two
// pixels; the designed view (paused, exported) gets its full budget back at once.
void TestPlots::liveScatterPlotsDrawAPointPerTwoPixelsAndAllOfThemWhenPaused() {
    RunHistory history;
    buildFarHistory(history, false, 200'000);
    TreeDepthPlot depth;
    TracePlot trace;
    for (TimeSeriesPlot* plot : std::initializer_list<TimeSeriesPlot*>{&depth, &trace}) {
        showAt(*plot, 900, 300);
        plot->refresh(history, windowOf(150'000));
    }
    const int full = depth.pointBudget();
    QCOMPARE(trace.pointBudget(), full);
    const auto points = [&] { return depth.treeDepthGraph(0)->data()->size(); };
    QVERIFY(points() > full / 2);

    depth.setLiveRendering(true);
    trace.setLiveRendering(true);
    QCOMPARE(depth.pointBudget(), full / 2);
    QCOMPARE(trace.pointBudget(), full);  // a line needs every pixel's extremes
    QVERIFY2(points() <= full / 2, qPrintable(QString::number(points())));

    depth.setLiveRendering(false);
    QCOMPARE(depth.pointBudget(), full);
    QVERIFY(points() > full / 2);
}

void TestPlots::acceptanceShowsTheTarget() {
    RunHistory history;
    buildSwitchingHistory(history);
    AcceptancePlot plot;
    showAt(plot, 1'000, 300);
    plot.refresh(history, windowOf(2'000));
    QVERIFY(plot.targetLine()->visible());
    QCOMPARE(plot.targetLine()->point1->value(), 0.8);
    QCOMPARE(plot.targetLine()->point2->value(), 0.8);
    QCOMPARE(plot.targetLabel()->text(), QStringLiteral("target δ = 0.8"));
    QCOMPARE(plot.chainGraph(0)->data()->size(), 500);
    QCOMPARE(plot.chainGraph(0)->lineStyle(), QCPGraph::lsNone);
    QVERIFY(plot.plot()->yAxis->range().lower <= 0.0);
    QVERIFY(plot.plot()->yAxis->range().upper >= 1.0);
    QCOMPARE(itemsNamed<QCPItemText>(plot.plot(), "switch-label").size(), 1);
}

void TestPlots::posteriorFarFromZeroPointsAtZero() {
    RunHistory history;
    buildFarHistory(history, false);
    const ExactPosterior& exact = *history.exactPosterior();
    QCOMPARE(exact.mean(), 98.0);
    QCOMPARE(exact.sd(), 1.0);

    PosteriorPlot plot;
    showAt(plot, 600, 500);
    plot.refresh(history);
    const QCPRange x = plot.plot()->xAxis->range();
    QVERIFY(x.contains(98.0));
    QVERIFY2(!x.contains(0.0), "the axis must not stretch to w = 0");
    QVERIFY(x.size() < 20.0);
    // The prior centred at 0 is where the note above points: said in a few words.
    QCOMPARE(plot.zeroNote(), QStringLiteral("w = 0 is 98 sd to the left"));
    QCOMPARE(plot.priorNote(), QStringLiteral("prior N(0, 1) is there too"));
    QVERIFY(!plot.zeroLine()->visible());

    // The bars are a density: they integrate to one.
    const auto bars = plot.histogramBars()->data();
    QVERIFY(bars->size() > 5);
    double integral = 0.0;
    for (const QCPBarsData& bar : *bars)
        integral += bar.value * plot.histogramBars()->width();
    QVERIFY2(std::abs(integral - 1.0) < 1e-9, qPrintable(QString::number(integral)));
    QCOMPARE(plot.histogramBars()->name(),
             QStringLiteral("draws (n = %1)").arg(history.drawsInSegment()));
    QCOMPARE(history.drawsInSegment(), 4 * 1'000);

    const auto curve = plot.exactCurve()->data();
    QVERIFY(curve->size() >= 100);
    double peak = 0.0;
    for (const QCPGraphData& point : *curve)
        peak = std::max(peak, point.value);
    QVERIFY(std::abs(peak - 1.0 / std::sqrt(2.0 * std::numbers::pi)) < 1e-3);
    QCOMPARE(plot.exactCurve()->name(), QStringLiteral("exact posterior"));
    QCOMPARE(plot.priorCurve()->name(), QStringLiteral("prior N(0, 1)"));
    QCOMPARE(plot.priorCurve()->pen().style(), Qt::DashLine);
    QVERIFY(plot.plot()->yAxis->range().upper > peak);
    QCOMPARE(plot.hintText(), QString());
}

void TestPlots::posteriorNearZeroDrawsTheZeroLine() {
    RunHistory history;
    buildFarHistory(history, true);  // divide by N: the prior moved a hair, mean ≈ 0.0098
    PosteriorPlot plot;
    plot.refresh(history);
    QVERIFY(plot.plot()->xAxis->range().contains(0.0));
    QCOMPARE(plot.zeroNote(), QString());
    QCOMPARE(plot.priorNote(), QString());
    QVERIFY(plot.zeroLine()->visible());
    QCOMPARE(plot.zeroLine()->point1->key(), 0.0);
    QVERIFY(!plot.priorCurve()->data()->isEmpty());

    // Before any draw: the exact curve and a hint, no bars.
    RunHistory warmingUp;
    warmingUp.reset(kChains);
    warmingUp.startSegment(makeSegment(0, 0, 100, potentialOnly(true)));
    plot.refresh(warmingUp);
    QVERIFY(plot.histogramBars()->data()->isEmpty());
    QVERIFY(!plot.exactCurve()->data()->isEmpty());
    QCOMPARE(plot.hintText(), QStringLiteral("Draws appear here after warmup"));
}

void TestPlots::linkedPlotsPanTogetherAndFollowAgain() {
    RunHistory history;
    buildSwitchingHistory(history);
    PlotGrid grid;
    showAt(grid, 1'600, 1'000);
    grid.refresh(history, windowOf(2'000));
    for (TimeSeriesPlot* plot : grid.timeSeriesPlots())
        QVERIFY(plot->isFollowingLatest());

    // What a drag does: the trace's x range changes outside refresh().
    grid.tracePlot()->plot()->xAxis->setRange(100, 160);
    for (TimeSeriesPlot* plot : grid.timeSeriesPlots()) {
        QVERIFY(!plot->isFollowingLatest());
        QCOMPARE(plot->plot()->xAxis->range().lower, 100.0);
        QCOMPARE(plot->plot()->xAxis->range().upper, 160.0);
        QCOMPARE(plot->shownWindow().first, 100);
    }
    QCOMPARE(grid.acceptancePlot()->chainGraph(0)->data()->constBegin()->key, 100.0);

    // New iterations arrive: the view stays where the user put it.
    grid.refresh(history, windowOf(2'000));
    QCOMPARE(grid.stepSizePlot()->plot()->xAxis->range().upper, 160.0);

    QTest::mouseDClick(grid.treeDepthPlot()->plot(), Qt::LeftButton);
    for (TimeSeriesPlot* plot : grid.timeSeriesPlots()) {
        QVERIFY(plot->isFollowingLatest());
        QCOMPARE(plot->plot()->xAxis->range().upper, 500.0);
    }

    grid.stepSizePlot()->plot()->xAxis->setRange(10, 20);
    QVERIFY(!grid.tracePlot()->isFollowingLatest());
    grid.followLatest();
    for (TimeSeriesPlot* plot : grid.timeSeriesPlots()) {
        QVERIFY(plot->isFollowingLatest());
        QCOMPARE(plot->plot()->xAxis->range().lower, 0.0);
    }
}

void TestPlots::gridLaysOutSevenPanels() {
    PlotGrid grid;
    QStringList names;
    for (PlotPanel* panel : grid.panels())
        names << panel->exportName();
    QCOMPARE(names, (QStringList{"trace", "step-size", "tree-depth", "acceptance", "posterior",
                                 "trajectory", "energy-error"}));

    // The whole window's size, and what the main window leaves for the plots beside its docks
    // at 1600x1000 and at 1280x720.
    for (const QSize size : {QSize(1'600, 1'000), QSize(880, 930), QSize(610, 650)}) {
        showAt(grid, size.width(), size.height());
        QCoreApplication::processEvents();
        const QRect trace = grid.tracePlot()->geometry();
        const QRect step = grid.stepSizePlot()->geometry();
        const QRect posterior = grid.posteriorPlot()->geometry();
        QVERIFY(trace.height() > step.height());  // the trace is the tallest time series
        QVERIFY(posterior.left() > trace.right());
        QVERIFY(grid.acceptancePlot()->geometry().bottom() <= grid.height());
        for (PlotPanel* panel : grid.panels()) {
            QVERIFY2(panel->height() >= 120, qPrintable(panel->exportName()));
            QVERIFY2(panel->width() >= 280, qPrintable(panel->exportName()));
        }
        qInfo("grid at %dx%d: trace %dx%d, step size %dx%d, posterior %dx%d", size.width(),
              size.height(), trace.width(), trace.height(), step.width(), step.height(),
              posterior.width(), posterior.height());
    }
}

void TestPlots::shortPlotsUseCompactLabels() {
    RunHistory history;
    buildSwitchingHistory(history);
    AcceptancePlot plot;
    plot.refresh(history, windowOf(2'000));
    QVERIFY(plot.plot()->savePng("/tmp/plots_acceptance_short.png", 800, 150));
    QCOMPARE(plot.plot()->yAxis->label(), QStringLiteral("accept"));
    QCOMPARE(plot.plot()->xAxis->label(), QString());
    QVERIFY(plot.plot()->savePng("/tmp/plots_acceptance.png", 800, 500));
    QCOMPARE(plot.plot()->yAxis->label(), QStringLiteral("accept_stat"));
    QCOMPARE(plot.plot()->xAxis->label(), QStringLiteral("iteration"));

    // A legend beside the title wraps when the plot is narrow.
    TracePlot trace;
    trace.refresh(history, windowOf(2'000));
    QVERIFY(trace.plot()->savePng("/tmp/plots_trace_narrow.png", 360, 300));
    QVERIFY(trace.plot()->legend->wrap() < 5);
    // There the switch at 300 of 500 iterations leaves no room right of its line for the
    // label, which goes to the left instead of being clipped.
    const QCPItemText* label = itemsNamed<QCPItemText>(trace.plot(), "switch-label").value(0);
    QVERIFY(label != nullptr);
    QVERIFY(label->positionAlignment() & Qt::AlignRight);
    QVERIFY(trace.plot()->savePng("/tmp/plots_trace.png", 800, 500));
    QCOMPARE(trace.plot()->legend->wrap(), 5);
    QVERIFY(label->positionAlignment() & Qt::AlignLeft);
}

void TestPlots::refreshOfFourMillionPointsIsFast() {
    constexpr std::int64_t kIterations = 1'000'000;
    RunHistory history;
    history.reset(kChains);
    history.startSegment(makeSegment(0, 0, 1'000, potentialOnly(false)));
    for (int c = 0; c < kChains; ++c) {
        FakeChain chain(c, 13);
        for (std::int64_t from = 0; from < kIterations; from += 100'000) {
            history.append(c, chain.run(history.segments().back(), *history.exactPosterior(), from,
                                        from + 100'000, {from + 5}));
        }
    }
    PlotGrid grid;
    showAt(grid, 1'600, 1'000);
    const DisplaySettings display = windowOf(static_cast<int>(kIterations));

    QElapsedTimer timer;
    timer.start();
    grid.refresh(history, display);  // includes reading the step sizes once
    const double coldMs = timer.nsecsElapsed() / 1e6;

    constexpr int kRepeats = 10;
    timer.restart();
    for (int i = 0; i < kRepeats; ++i)
        grid.tracePlot()->refresh(history, display);
    const double traceMs = timer.nsecsElapsed() / 1e6 / kRepeats;

    timer.restart();
    for (int i = 0; i < kRepeats; ++i)
        grid.refresh(history, display);
    const double gridMs = timer.nsecsElapsed() / 1e6 / kRepeats;

    grid.tracePlot()->plot()->replot(QCustomPlot::rpImmediateRefresh);  // warm caches
    timer.restart();
    for (int i = 0; i < kRepeats; ++i)
        grid.tracePlot()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    const double replotMs = timer.nsecsElapsed() / 1e6 / kRepeats;

    qInfo(
        "4 chains x %lld iterations in the window: trace refresh %.2f ms, all five panels "
        "%.2f ms (first refresh %.1f ms), trace replot %.1f ms; %d points per trace series",
        static_cast<long long>(kIterations), traceMs, gridMs, coldMs, replotMs,
        static_cast<int>(grid.tracePlot()->chainGraph(0)->data()->size()));
    QVERIFY(grid.tracePlot()->chainGraph(0)->data()->size() <= grid.tracePlot()->pointBudget());
    QCOMPARE(grid.tracePlot()->divergenceGraph()->data()->size(), 4 * 10);
}

void TestPlots::rendersEveryPanelToPng() {
    RunHistory history;
    buildSwitchingHistory(history, 600, 1'200, 150, 150);
    PlotGrid grid;
    showAt(grid, 1'600, 1'000);
    grid.refresh(history, windowOf(2'000));
    for (PlotPanel* panel : grid.panels()) {
        const QString path = QStringLiteral("/tmp/plots_%1.png").arg(panel->exportName());
        QVERIFY2(panel->plot()->savePng(path, 800, 500), qPrintable(path));
        QVERIFY(QImage(path).size() == QSize(800, 500));
        // As small as a time series gets in a 1280x720 window.
        QVERIFY(panel->plot()->savePng(
            QStringLiteral("/tmp/plots_small_%1.png").arg(panel->exportName()), 330, 130));
    }
    // What the main window leaves for the plots at 1600x1000 and 1280x720.
    for (const QSize size : {QSize(880, 930), QSize(610, 650)}) {
        showAt(grid, size.width(), size.height());
        grid.refresh(history, windowOf(2'000));
        QCoreApplication::processEvents();  // the queued replots
        const QString path =
            QStringLiteral("/tmp/plots_grid_%1x%2.png").arg(size.width()).arg(size.height());
        QVERIFY(grid.grab().save(path));
    }

    RunHistory far;
    buildFarHistory(far, false);
    PosteriorPlot posterior;
    posterior.refresh(far);
    QVERIFY(posterior.plot()->savePng("/tmp/plots_posterior_far.png", 800, 500));

    PlotGrid empty;
    showAt(empty, 880, 930);
    QCoreApplication::processEvents();
    QVERIFY(empty.grab().save("/tmp/plots_grid_empty.png"));
}

QTEST_MAIN(TestPlots)
#include "test_plots.moc"
