// What keeps the plots legible in a classroom: captions read whole, scatter plots of thousands
// of iterations that still show where they are dense, tree-depth labels that stay apart.
#include <qcustomplot.h>

#include <QSet>
#include <QtTest>
#include <cmath>

#include "ui/plots/time_series_plots.h"
#include "ui/run/run_history.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

constexpr int kChains = 4;

// One segment of `iterations` per chain whose trees are `depth(i)` deep (complete trees), with
// accept_stat spread over [0.6, 1].
void buildHistory(RunHistory& history, std::int64_t iterations, int (*depth)(std::int64_t)) {
    history.reset(kChains);
    Segment segment;
    segment.warmup = 100;
    segment.statistic = {10'000, 162};
    history.startSegment(segment);
    for (int c = 0; c < kChains; ++c) {
        std::vector<IterationRecord> records;
        for (std::int64_t i = 0; i < iterations; ++i) {
            IterationRecord r;
            r.iteration = i;
            r.warmup = i < 100;
            r.w = 162.0 + std::sin(0.1 * static_cast<double>(i + c));
            r.acceptStat = 0.6 + 0.4 * std::fmod(0.618 * static_cast<double>(i * (c + 1)), 1.0);
            r.stepSize = 0.9;
            r.inverseMetric = 1.0;
            r.treeDepth = depth(i);
            r.nLeapfrog = (1 << r.treeDepth) - 1;
            r.energy = 1.0;
            r.divergent = i % 2 == 0;  // a badly tuned run: every other iteration
            records.push_back(r);
        }
        history.append(c, records);
    }
}

DisplaySettings windowOf(int iterations) {
    DisplaySettings display;
    display.traceWindow = iterations;
    return display;
}

void showAt(QWidget& widget, int width, int height) {
    widget.resize(width, height);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
}

// The pixel rows of an axis's labelled ticks, top to bottom.
QVector<double> labelledTickPixels(QCPAxis* axis) {
    QVector<double> pixels;
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    for (int i = 0; i < ticks.size(); ++i) {
        if (!labels.value(i).isEmpty() && axis->range().contains(ticks[i]))
            pixels.append(axis->coordToPixel(ticks[i]));
    }
    std::sort(pixels.begin(), pixels.end());
    return pixels;
}

}  // namespace

class TestPlotClutter : public QObject {
    Q_OBJECT
  private slots:
    void captionsWrapInsteadOfBeingCut_data();
    void captionsWrapInsteadOfBeingCut();
    void scatterPlotsAreTranslucent();
    void treeDepthLabelsStayApart_data();
    void treeDepthLabelsStayApart();
    void divergencesStayUnderTheTrace();
};

void TestPlotClutter::captionsWrapInsteadOfBeingCut_data() {
    QTest::addColumn<int>("width");
    QTest::newRow("a third of 1366") << 430;
    QTest::newRow("a third of 1920") << 620;
    QTest::newRow("wide") << 1600;
}

void TestPlotClutter::captionsWrapInsteadOfBeingCut() {
    QFETCH(int, width);
    TracePlot plot;
    showAt(plot, width, 320);
    QVERIFY(!plot.plot()->toPixmap(width, 320).isNull());  // laid out at that size
    // The caption is the layout's second row: as tall as its text needs at this width.
    auto* caption = qobject_cast<QCPTextElement*>(plot.plot()->plotLayout()->element(1, 0));
    QVERIFY(caption != nullptr);
    QCOMPARE(caption->text(), plot.subtitle());
    const QFontMetrics metrics(caption->font());
    const int room =
        caption->outerRect().width() - caption->margins().left() - caption->margins().right();
    const QRect needed = metrics.boundingRect(QRect(0, 0, room, 10'000),
                                              Qt::AlignLeft | Qt::TextWordWrap, caption->text());
    const int lines = (needed.height() + metrics.lineSpacing() / 2) / metrics.lineSpacing();
    QVERIFY(caption->rect().height() >= needed.height());
    QCOMPARE(lines > 1, metrics.horizontalAdvance(caption->text()) > room);
    // The axes keep most of the height.
    QVERIFY(plot.plot()->axisRect()->height() > 320 / 3);
}

void TestPlotClutter::scatterPlotsAreTranslucent() {
    RunHistory history;
    buildHistory(history, 5'000, [](std::int64_t i) { return 2 + static_cast<int>(i % 3); });
    TreeDepthPlot depth;
    AcceptancePlot acceptance;
    showAt(depth, 900, 300);
    showAt(acceptance, 900, 300);
    depth.refresh(history, windowOf(5'000));
    acceptance.refresh(history, windowOf(5'000));
    // Equal depths are spread over a thin band of their own chain's row, not one line.
    QSet<double> heights;
    for (const QCPGraphData& point : *depth.treeDepthGraph(0)->data()) {
        const double row = std::round(point.value - TreeDepthPlot::rowOffset(0, kChains));
        const double deviation = point.value - TreeDepthPlot::rowOffset(0, kChains) - row;
        QVERIFY2(std::abs(deviation) <= TreeDepthPlot::kJitter + 1e-12,
                 qPrintable(QString::number(deviation, 'g', 17)));
        heights.insert(point.value);
    }
    QVERIFY(heights.size() > 100);
    QVERIFY(TreeDepthPlot::rowOffset(1, kChains) - TreeDepthPlot::rowOffset(0, kChains) >
            2.0 * TreeDepthPlot::kJitter);
    for (int c = 0; c < kChains; ++c) {
        for (const QCPGraph* graph :
             {depth.treeDepthGraph(c), depth.leapfrogGraph(c), acceptance.chainGraph(c)}) {
            // Points that pile up darken: about six on one pixel look opaque.
            QVERIFY2(graph->pen().color().alpha() <= 100, qPrintable(graph->name()));
            QVERIFY(graph->pen().color().alpha() >= 40);
        }
    }
}

void TestPlotClutter::treeDepthLabelsStayApart_data() {
    QTest::addColumn<int>("deepest");
    QTest::addColumn<int>("height");
    QTest::newRow("depth 4, 260 px") << 4 << 260;
    QTest::newRow("depth 12, 260 px") << 12 << 260;
    QTest::newRow("depth 15, 260 px") << 15 << 260;
    QTest::newRow("depth 15, 600 px") << 15 << 600;
}

void TestPlotClutter::treeDepthLabelsStayApart() {
    QFETCH(int, deepest);
    QFETCH(int, height);
    static int maxDepth = 0;
    maxDepth = deepest;
    RunHistory history;
    buildHistory(history, 300, [](std::int64_t i) { return 1 + static_cast<int>(i % maxDepth); });
    TreeDepthPlot plot;
    showAt(plot, 700, height);
    plot.refresh(history, windowOf(300));
    QVERIFY(!plot.plot()->toPixmap(700, height).isNull());
    QVERIFY(!plot.plot()->toPixmap(700, height).isNull());  // the second with the new labels
    const int lineHeight = QFontMetrics(plot.plot()->yAxis2->tickLabelFont()).height();
    for (QCPAxis* axis : {plot.plot()->yAxis, plot.plot()->yAxis2}) {
        const QVector<double> pixels = labelledTickPixels(axis);
        QVERIFY(pixels.size() >= 3);
        for (int i = 1; i < pixels.size(); ++i) {
            QVERIFY2(pixels[i] - pixels[i - 1] >= lineHeight,
                     qPrintable(QStringLiteral("%1 px apart, text %2 px")
                                    .arg(pixels[i] - pixels[i - 1])
                                    .arg(lineHeight)));
        }
    }
    // Where there is room, every depth keeps its label.
    if (deepest <= 4) QCOMPARE(plot.labelledEvery(), 1);
    QVERIFY(TreeDepthPlot::labelEvery(16.0, 200, 16) > 1);
    QCOMPARE(TreeDepthPlot::labelEvery(5.0, 200, 16), 1);
}

// Lesson step 8 (a step that is too large) diverges at most iterations: its crosses are drawn
// small, lighter and under the chains' lines, so that the trace stays readable.
void TestPlotClutter::divergencesStayUnderTheTrace() {
    RunHistory history;
    buildHistory(history, 400, [](std::int64_t) { return 1; });
    TracePlot plot;
    showAt(plot, 700, 300);
    plot.refresh(history, windowOf(400));
    QCPGraph* crosses = plot.divergenceGraph();
    QVERIFY(crosses->data()->size() > 100);
    QCustomPlot* p = plot.plot();
    const auto layerIndex = [p](const QCPLayerable* layerable) {
        return p->layer(layerable->layer()->name())->index();
    };
    for (int c = 0; c < plot.chainGraphCount(); ++c)
        QVERIFY(layerIndex(crosses) < layerIndex(plot.chainGraph(c)));
    QVERIFY(crosses->scatterStyle().size() <= 7.0);
    QVERIFY(crosses->scatterStyle().pen().widthF() <= 1.5);
    QVERIFY(crosses->scatterStyle().pen().color().alpha() < 255);
    QVERIFY(crosses->scatterStyle().pen().widthF() < plot.chainGraph(0)->pen().widthF() + 0.01);
}

QTEST_MAIN(TestPlotClutter)
#include "test_plot_clutter.moc"
