#include "ui/plots/time_series_plot.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"
#include "ui/plots/time_series_parts.h"

namespace couplinglab::ui {

using namespace time_series;

namespace {

const QString kSwitchLabelName = QStringLiteral("switch-label");
constexpr int kMinPointBudget = 400;
constexpr int kMaxPointBudget = 16000;
// Live squares are 2.5-5 pixels wide: a decimation bucket (its lowest and highest point) every
// 2 pixels rather than every pixel leaves no gap between them.
constexpr int kLiveScatterThinning = 2;
constexpr int kSwitchLabelRows = 3;  // labels of nearby switches are stacked, not overlapped
// Fixed side margins, the same for every time series: stacked in one column, their iteration
// axes then line up pixel for pixel, and so do the switch lines. Wide enough for tick labels
// such as "0.001" or "-1500" plus the axis label, and for the tree-depth plot's right axis.
constexpr int kLeftMargin = 80;
constexpr int kRightMargin = 64;

QString pressStartHint() {
    return QObject::tr("Press Start to sample");
}

}  // namespace

ChainGraphs::ChainGraphs(QCustomPlot* plot, QCPAxis* valueAxis, Style style)
    : plot_(plot), valueAxis_(valueAxis), style_(std::move(style)) {}

void ChainGraphs::resize(int chains) {
    while (size() > chains) {
        plot_->removeGraph(graphs_.back());
        graphs_.pop_back();
    }
    while (size() < chains) {
        QCPGraph* graph = plot_->addGraph(plot_->xAxis, valueAxis_);
        graph->setName(QObject::tr("chain %1").arg(size() + 1));
        graph->setObjectName(QStringLiteral("chain-%1").arg(size() + 1));
        style_(graph, size());
        graphs_.push_back(graph);
    }
}

void ChainGraphs::clearData() {
    for (QCPGraph* graph : graphs_)
        graph->data()->clear();
}

// ---------------------------------------------------------------------------------------------

TimeSeriesPlot::TimeSeriesPlot(const QString& title, const QString& subtitle, QWidget* parent)
    : PlotPanel(title, subtitle, parent) {
    QCustomPlot* p = plot();
    p->addLayer(kShadingLayer, p->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    p->addLayer(kMarksLayer, p->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    p->setCurrentLayer(QStringLiteral("main"));

    setAxisLabel(p->xAxis, tr("iteration"), QString());
    p->xAxis->setNumberFormat(QStringLiteral("f"));
    p->xAxis->setNumberPrecision(0);
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    p->axisRect()->setRangeDrag(Qt::Horizontal);
    p->axisRect()->setRangeZoom(Qt::Horizontal);
    p->axisRect()->setAutoMargins(QCP::msTop | QCP::msBottom);
    p->axisRect()->setMargins(QMargins(kLeftMargin, 0, kRightMargin, 0));

    connect(p->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &TimeSeriesPlot::onIterationRangeChanged);
    // Labels are placed once the layout of the size being drawn is known, on screen or not.
    connect(p, &QCustomPlot::afterLayout, this, &TimeSeriesPlot::placeSwitchLabels);
    connect(p, &QCustomPlot::mouseDoubleClick, this, [this] {
        followLatest();
        emit followLatestRequested();
    });
    setIterationRange(QCPRange(0, display_.traceWindow));
    showHint(pressStartHint());
}

void TimeSeriesPlot::refresh(const RunHistory& history, const DisplaySettings& display) {
    history_ = &history;
    display_ = display;
    redraw();
}

void TimeSeriesPlot::clear() {
    history_ = nullptr;
    following_ = true;
    shown_ = {};
    clearSeries();
    removeSegmentMarkers();
    setLegendWanted(false);
    setIterationRange(QCPRange(0, display_.traceWindow));
    showHint(pressStartHint());
    requestReplot();
}

void TimeSeriesPlot::followLatest() {
    following_ = true;
    redraw();
}

void TimeSeriesPlot::showIterations(const QCPRange& range) {
    following_ = false;
    setIterationRange(range);
    redraw();
}

int TimeSeriesPlot::pointBudget() const {
    // The widget's width rather than the axis rect's: it is right before the first layout too.
    const int thinning = liveRendering() ? liveScatterThinning_ : 1;
    return std::clamp(2 * plot()->width() / thinning, kMinPointBudget, kMaxPointBudget);
}

QCPItemRect* TimeSeriesPlot::addIterationBand(double from, double to, const QColor& colour,
                                              const QString& name) {
    auto* band = new QCPItemRect(plot());
    band->setLayer(kShadingLayer);
    band->setObjectName(name);
    band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    band->topLeft->setCoords(from, 0.0);
    band->bottomRight->setCoords(to, 1.0);
    band->setPen(Qt::NoPen);
    band->setBrush(colour);
    band->setSelectable(false);
    segmentItems_.append(band);
    return band;
}

QCPItemText* TimeSeriesPlot::addSegmentText(QCPItemAnchor* anchor, QPointF offset,
                                            Qt::Alignment alignment, const QString& text,
                                            const QString& name) {
    auto* label = new QCPItemText(plot());
    label->setLayer(kMarksLayer);
    label->setObjectName(name);
    label->position->setType(QCPItemPosition::ptAbsolute);
    label->position->setParentAnchor(anchor);
    label->position->setCoords(offset);
    label->setPositionAlignment(alignment);
    label->setText(text);
    label->setFont(PlotStyle::annotationFont());
    label->setColor(PlotStyle::switchMarker());
    label->setSelectable(false);
    segmentItems_.append(label);
    return label;
}

void TimeSeriesPlot::resizeEvent(QResizeEvent* event) {
    PlotPanel::resizeEvent(event);
    redraw();  // the point budget follows the width
}

void TimeSeriesPlot::redraw() {
    if (history_ == nullptr) return;
    const RunHistory& history = *history_;
    const std::int64_t n = history.iterations();
    syncSegmentMarkers(history);
    if (following_) {
        const int window = std::clamp(display_.traceWindow, kMinTraceWindow, kMaxTraceWindow);
        setIterationRange(n == 0
                              ? QCPRange(0, window)
                              : QCPRange(static_cast<double>(std::max<std::int64_t>(0, n - window)),
                                         static_cast<double>(n)));
    }
    const QCPRange range = plot()->xAxis->range();
    const auto first = static_cast<std::int64_t>(std::floor(std::max(range.lower, 0.0)));
    const auto last = static_cast<std::int64_t>(std::ceil(std::max(range.upper, 0.0))) + 1;
    shown_ = {std::min(first, n), std::min(last, n)};
    if (n == 0) {
        clearSeries();
        showHint(pressStartHint());
    } else {
        hideHint();
        drawSeries(history, shown_, pointBudget());
    }
    setLegendWanted(n > 0);
    requestReplot();
}

void TimeSeriesPlot::setIterationRange(const QCPRange& range) {
    settingRange_ = true;
    plot()->xAxis->setRange(range);
    settingRange_ = false;
}

void TimeSeriesPlot::onIterationRangeChanged(const QCPRange& range) {
    if (settingRange_) return;  // ours, not the user's
    following_ = false;
    redraw();
    emit iterationRangeChangedByUser(range);
}

void TimeSeriesPlot::syncSegmentMarkers(const RunHistory& history) {
    std::vector<SegmentMarkerKey> keys;
    keys.reserve(history.segments().size());
    for (const Segment& segment : history.segments())
        keys.push_back({segment.start, segment.warmup, segment.slowWindows, segment.label});
    if (keys == markedSegments_) return;  // markers change only at a switch or a reset

    removeSegmentMarkers();
    int labelled = 0;
    for (const Segment& segment : history.segments()) {
        addSegmentShading(segment);
        if (segment.label.isEmpty()) continue;
        auto* line = new QCPItemStraightLine(plot());
        line->setLayer(kMarksLayer);
        line->setObjectName(QStringLiteral("switch-line"));
        line->point1->setTypeY(QCPItemPosition::ptAxisRectRatio);
        line->point2->setTypeY(QCPItemPosition::ptAxisRectRatio);
        line->point1->setCoords(static_cast<double>(segment.start), 0.0);
        line->point2->setCoords(static_cast<double>(segment.start), 1.0);
        line->setPen(QPen(PlotStyle::switchMarker(), 1.5));
        line->setSelectable(false);
        segmentItems_.append(line);

        const double row = labelled++ % kSwitchLabelRows;
        QCPItemText* label =
            addSegmentText(line->point1, QPointF(4, 3 + 20 * row), Qt::AlignLeft | Qt::AlignTop,
                           segment.label, kSwitchLabelName);
        label->setBrush(QColor(255, 255, 255, 215));
        label->setPadding(QMargins(3, 1, 3, 1));
    }
    markedSegments_ = std::move(keys);
}

void TimeSeriesPlot::placeSwitchLabels() {
    // A switch usually happens at the latest iteration, at the right edge: its label then goes
    // to the left of the line instead of being clipped.
    const int right = plot()->axisRect()->right();
    for (QCPAbstractItem* item : segmentItems_) {
        auto* label = qobject_cast<QCPItemText*>(item);
        if (label == nullptr || label->objectName() != kSwitchLabelName) continue;
        const QPointF anchor = label->position->parentAnchor()->pixelPosition();
        const int width = QFontMetrics(label->font()).horizontalAdvance(label->text()) + 12;
        const bool fitsRight = right <= 0 || anchor.x() + width <= right;
        const QPointF offset = label->position->coords();
        label->position->setCoords(fitsRight ? 4 : -4, offset.y());
        label->setPositionAlignment((fitsRight ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop);
    }
}

void TimeSeriesPlot::removeSegmentMarkers() {
    for (QCPAbstractItem* item : segmentItems_)
        plot()->removeItem(item);
    segmentItems_.clear();
    markedSegments_.clear();
}

}  // namespace couplinglab::ui
