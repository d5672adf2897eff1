#include "ui/plots/time_series_plots.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

namespace {

const QString kShadingLayer = QStringLiteral("shading");       // above the grid, below the data
const QString kMarksLayer = QStringLiteral("marks");           // above the data
const QString kUnderDataLayer = QStringLiteral("under-data");  // below the data
constexpr int kDensityAlpha = 90;      // of 255: about six points on one pixel look opaque
constexpr int kDivergenceAlpha = 170;  // the trace's crosses: still red, lighter than the lines
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

// The lowest and highest finite value seen, for fitting a value axis to what is on screen.
class ValueExtent {
  public:
    void add(double v) {
        if (std::isfinite(v) && (!positiveOnly_ || v > 0.0)) {
            low_ = std::min(low_, v);
            high_ = std::max(high_, v);
        }
    }
    void add(const QVector<double>& values) {
        for (const double v : values)
            add(v);
    }
    void requirePositive() { positiveOnly_ = true; }
    bool empty() const { return low_ > high_; }
    double low() const { return low_; }
    double high() const { return high_; }

    // With a margin of 5 % on either side, and a unit span around a flat line.
    QCPRange padded() const {
        if (empty()) return QCPRange(-1.0, 1.0);
        const double span = high_ - low_;
        if (span <= 0.0) return QCPRange(low_ - 1.0, high_ + 1.0);
        return QCPRange(low_ - 0.05 * span, high_ + 0.05 * span);
    }
    // The same on a log axis: a factor instead of an offset.
    QCPRange paddedLog(double fallbackLow, double fallbackHigh) const {
        if (empty()) return QCPRange(fallbackLow, fallbackHigh);
        return QCPRange(low_ / 1.6, high_ * 1.6);
    }

  private:
    double low_ = std::numeric_limits<double>::infinity();
    double high_ = -std::numeric_limits<double>::infinity();
    bool positiveOnly_ = false;
};

// The part of `window` that chain `chain` has reached.
IterationWindow clampToChain(IterationWindow window, const ChainHistory& chain) {
    const auto size = static_cast<std::int64_t>(chain.size());
    const std::int64_t last = std::min(window.last, size);
    return {std::min(window.first, last), last};
}

// Decimates one column of a chain after bringing its block summaries up to date; `blocks` must
// be kept for this chain and column between refreshes.
template <class Column>
void decimateColumn(MinMaxBlocks& blocks, const ChainHistory& chain, IterationWindow part,
                    int budget, Column column, PlotSeries& out) {
    const auto valueAt = [&chain, &column](std::int64_t i) {
        return column(chain, static_cast<std::size_t>(i));
    };
    // A window a few times the budget is cheaper to scan than to summarise: following the
    // newest iterations at full speed then costs nothing in proportion to the whole history.
    if (part.last - part.first <= 16 * static_cast<std::int64_t>(budget)) {
        decimateMinMax(part.first, part.last, budget, valueAt, out);
        return;
    }
    blocks.extend(part.last, valueAt);
    blocks.decimate(part.first, part.last, budget, valueAt, out);
}

void setSeries(QCPGraph* graph, const PlotSeries& series) {
    graph->setData(series.keys, series.values, true);
}

QSharedPointer<QCPAxisTickerLog> logTicker() {
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    return ticker;
}

void makeLogarithmic(QCPAxis* axis) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(logTicker());
    // "0.01", "20", "1·10⁴": plain numbers while they are short, powers beyond. Three digits
    // because over less than 1.6 decades QCP falls back to linear ticks such as 15.
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(3);
}

// A graph that draws nothing and exists for its legend entry, to explain a line style or a
// shading once rather than once per chain.
QCPGraph* addLegendKey(QCustomPlot* plot, const QString& name, const QPen& pen,
                       const QCPScatterStyle& scatter = QCPScatterStyle()) {
    QCPGraph* key = plot->addGraph();
    key->setName(name);
    key->setPen(pen);
    key->setScatterStyle(scatter);
    key->setLineStyle(pen.style() == Qt::NoPen ? QCPGraph::lsNone : QCPGraph::lsLine);
    return key;
}

const QColor kLegendKeyColour(60, 60, 60);

}  // namespace

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

TracePlot::TracePlot(QWidget* parent)
    : TimeSeriesPlot(tr("Trace of w"),
                     tr("Each chain's w per iteration; grey: warmup; red crosses under the traces: "
                        "divergences."),
                     parent),
      chains_(plot(), plot()->yAxis, [](QCPGraph* graph, int chain) {
          graph->setPen(PlotStyle::chainPen(chain));
          graph->setLineStyle(QCPGraph::lsLine);
      }) {
    setAxisLabel(plot()->yAxis, tr("w (coupling weight)"), tr("w"));
    plot()->yAxis->setRange(-3, 3);
    placeLegendInTitleLine();

    // Under the traces, small and thin: a badly tuned run diverges at nearly every iteration,
    // and crosses drawn over the lines would hide the trace they are about.
    plot()->addLayer(kUnderDataLayer, plot()->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    divergences_ = plot()->addGraph();
    divergences_->setLayer(kUnderDataLayer);
    divergences_->setObjectName(QStringLiteral("divergences"));
    divergences_->setName(tr("divergent"));
    divergences_->setLineStyle(QCPGraph::lsNone);
    QColor cross = PlotStyle::divergence();
    cross.setAlpha(kDivergenceAlpha);
    divergences_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCross, QPen(cross, 1.5), Qt::NoBrush, 7));
    divergences_->removeFromLegend();
}

void TracePlot::drawSeries(const RunHistory& history, IterationWindow window, int budget) {
    if (chains_.size() != history.chainCount()) {
        chains_.resize(history.chainCount());
        // Keep "divergent" after the chains in the legend.
        divergences_->removeFromLegend();
        divergences_->addToLegend();
    }
    blocks_.resize(static_cast<std::size_t>(history.chainCount()));
    ValueExtent extent;
    for (int c = 0; c < history.chainCount(); ++c) {
        const ChainHistory& chain = history.chain(c);
        decimateColumn(
            blocks_[static_cast<std::size_t>(c)], chain, clampToChain(window, chain), budget,
            [](const ChainHistory& h, std::size_t i) { return h.w(i); }, series_);
        setSeries(chains_.at(c), series_);
        extent.add(series_.values);
    }

    // The list of divergences is short unless the sampler is badly tuned; then it is decimated
    // like the traces.
    std::vector<std::pair<double, double>> marks;
    for (const DivergenceMark& mark : history.divergences()) {
        if (mark.iteration >= window.first && mark.iteration < window.last)
            marks.emplace_back(static_cast<double>(mark.iteration), mark.w);
    }
    std::sort(marks.begin(), marks.end());
    std::vector<double> keys(marks.size());
    std::vector<double> values(marks.size());
    for (std::size_t i = 0; i < marks.size(); ++i)
        std::tie(keys[i], values[i]) = marks[i];
    decimateMinMax(keys, values, budget, series_);
    setSeries(divergences_, series_);

    plot()->yAxis->setRange(extent.padded());
}

void TracePlot::clearSeries() {
    chains_.clearData();
    blocks_.clear();
    divergences_->data()->clear();
    plot()->yAxis->setRange(-3, 3);
}

void TracePlot::addSegmentShading(const Segment& segment) {
    if (segment.warmup <= 0) return;
    const auto start = static_cast<double>(segment.start);
    QCPItemRect* band =
        addIterationBand(start, start + segment.warmup, PlotStyle::warmupShading(), "warmup");
    QCPItemText* label =
        addSegmentText(band->bottomLeft, QPointF(4, -3), Qt::AlignLeft | Qt::AlignBottom,
                       tr("warmup"), QStringLiteral("warmup-label"));
    label->setColor(QColor(100, 100, 100));
}

// ---------------------------------------------------------------------------------------------

// ε and ε·√(inverse metric) of one chain where either changes, read once as iterations arrive:
// ChainHistory answers "value at i" by binary search, too slow to ask for each of a million
// iterations at every refresh, and both change only during warmup.
class StepSizeChanges {
  public:
    // Walks the two change lists past where it stopped last time: the work is proportional to
    // the number of changes, not of iterations.
    void update(const ChainHistory& chain) {
        if (!stillDescribes(chain)) *this = StepSizeChanges();
        const auto steps = chain.stepSizeChanges().changes();
        const auto metrics = chain.inverseMetricChanges().changes();
        constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
        while (stepPosition_ < steps.size() || metricPosition_ < metrics.size()) {
            const std::size_t nextStep =
                stepPosition_ < steps.size() ? steps[stepPosition_].first : kNone;
            const std::size_t nextMetric =
                metricPosition_ < metrics.size() ? metrics[metricPosition_].first : kNone;
            const std::size_t at = std::min(nextStep, nextMetric);
            if (nextStep == at) currentStep_ = steps[stepPosition_++].second;
            if (nextMetric == at) currentMetric_ = metrics[metricPosition_++].second;
            const double effective = currentStep_ * std::sqrt(currentMetric_);
            if (iterations_.empty() || currentStep_ != steps_.back() ||
                effective != effective_.back()) {
                iterations_.push_back(static_cast<double>(at));
                steps_.push_back(currentStep_);
                effective_.push_back(effective);
            }
        }
        seen_ = chain.size();
    }

    // Step-line points over `window`: the values in force at its first iteration, every change
    // inside it and the values at its last iteration; decimated when there are too many.
    void series(IterationWindow window, int budget, PlotSeries& steps,
                PlotSeries& effective) const {
        steps.clear();
        effective.clear();
        if (window.size() <= 0 || iterations_.empty()) return;
        const auto firstKey = static_cast<double>(window.first);
        const auto lastKey = static_cast<double>(window.last - 1);
        // The change in force at `first` is the last one at or before it.
        const auto begin = std::upper_bound(iterations_.begin(), iterations_.end(), firstKey) -
                           iterations_.begin();
        const auto end =
            std::upper_bound(iterations_.begin(), iterations_.end(), lastKey) - iterations_.begin();
        const auto inForce = static_cast<std::size_t>(std::max<std::ptrdiff_t>(begin - 1, 0));

        keys_.clear();
        stepValues_.clear();
        effectiveValues_.clear();
        const auto add = [&](double key, std::size_t change) {
            keys_.push_back(key);
            stepValues_.push_back(steps_[change]);
            effectiveValues_.push_back(effective_[change]);
        };
        add(firstKey, inForce);
        for (auto i = static_cast<std::size_t>(begin); i < static_cast<std::size_t>(end); ++i)
            add(iterations_[i], i);
        if (lastKey > keys_.back()) add(lastKey, static_cast<std::size_t>(end - 1));
        decimateMinMax(keys_, stepValues_, budget, steps);
        decimateMinMax(keys_, effectiveValues_, budget, effective);
    }

  private:
    // False after a reset of the history, which the plot may not have been told about.
    bool stillDescribes(const ChainHistory& chain) const {
        if (seen_ == 0) return true;
        return chain.size() >= seen_ && chain.stepSize(seen_ - 1) == steps_.back() &&
               chain.effectiveStepSize(seen_ - 1) == effective_.back();
    }

    std::size_t seen_ = 0;
    std::size_t stepPosition_ = 0;
    std::size_t metricPosition_ = 0;
    double currentStep_ = 0.0;
    double currentMetric_ = 1.0;
    std::vector<double> iterations_, steps_, effective_;
    mutable std::vector<double> keys_, stepValues_, effectiveValues_;  // scratch, kept warm
};

StepSizePlot::StepSizePlot(QWidget* parent)
    : TimeSeriesPlot(tr("Step size"),
                     tr("ε per iteration and its step in w, ε·√(inverse metric); blue: metric "
                        "windows."),
                     parent),
      stepSizes_(plot(), plot()->yAxis,
                 [](QCPGraph* graph, int chain) {
                     graph->setPen(PlotStyle::chainPen(chain));
                     graph->setLineStyle(QCPGraph::lsStepLeft);
                     graph->removeFromLegend();
                 }),
      effectiveSteps_(plot(), plot()->yAxis, [](QCPGraph* graph, int chain) {
          QPen pen = PlotStyle::chainPen(chain, Qt::DashLine);
          pen.setWidthF(2.0);
          graph->setPen(pen);
          graph->setLineStyle(QCPGraph::lsStepLeft);
          graph->setName(graph->name() + QStringLiteral(" ε·√M⁻¹"));
          graph->removeFromLegend();
      }) {
    makeLogarithmic(plot()->yAxis);
    setAxisLabel(plot()->yAxis, tr("step (log scale)"), tr("step (log)"));
    plot()->yAxis->setRange(1e-3, 10);
    placeLegendInTitleLine();

    addLegendKey(plot(), tr("ε"), QPen(kLegendKeyColour, 1.5));
    addLegendKey(plot(), tr("ε·√M⁻¹ (in units of w)"), QPen(kLegendKeyColour, 2.0, Qt::DashLine));
    auto* windowKey = new QCPBars(plot()->xAxis, plot()->yAxis);
    windowKey->setName(tr("metric window"));
    windowKey->setPen(Qt::NoPen);
    windowKey->setBrush(PlotStyle::adaptationWindowShading());
}

StepSizePlot::~StepSizePlot() = default;

void StepSizePlot::drawSeries(const RunHistory& history, IterationWindow window, int budget) {
    const int chains = history.chainCount();
    if (cachedHistory_ != &history || static_cast<int>(changes_.size()) != chains) {
        changes_.assign(static_cast<std::size_t>(chains), StepSizeChanges());
        cachedHistory_ = &history;
    }
    stepSizes_.resize(chains);
    effectiveSteps_.resize(chains);
    ValueExtent extent;
    extent.requirePositive();
    for (int c = 0; c < chains; ++c) {
        const ChainHistory& chain = history.chain(c);
        StepSizeChanges& changes = changes_[static_cast<std::size_t>(c)];
        changes.update(chain);
        changes.series(clampToChain(window, chain), budget, stepSeries_, effectiveSeries_);
        setSeries(stepSizes_.at(c), stepSeries_);
        setSeries(effectiveSteps_.at(c), effectiveSeries_);
        extent.add(stepSeries_.values);
        extent.add(effectiveSeries_.values);
    }
    plot()->yAxis->setRange(extent.paddedLog(1e-3, 10));
}

void StepSizePlot::clearSeries() {
    stepSizes_.clearData();
    effectiveSteps_.clearData();
    changes_.clear();
    cachedHistory_ = nullptr;
    plot()->yAxis->setRange(1e-3, 10);
}

void StepSizePlot::addSegmentShading(const Segment& segment) {
    for (const auto& [first, last] : segment.slowWindows) {
        // Windows are inclusive [first, last]; the band covers the last iteration too.
        addIterationBand(static_cast<double>(first), static_cast<double>(last + 1),
                         PlotStyle::adaptationWindowShading(), QStringLiteral("adaptation-window"));
    }
}

// ---------------------------------------------------------------------------------------------

namespace {

// Leapfrog steps are drawn at log2(steps + 1): a complete tree of depth d has 2^d - 1 steps, so
// it lands on depth d's row and the right axis reads "this depth cost that many steps";
// trees cut short by a divergence or a U-turn inside a subtree fall below their row.
double leapfrogHeight(double steps) {
    return std::log2(steps + 1.0);
}

// Every `every`-th depth labelled, so that labels stay apart however deep the trees.
QSharedPointer<QCPAxisTickerText> leapfrogTicker(int maxDepth, int every = 1) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int depth = 0; depth <= maxDepth; depth += every) {
        const double steps = std::ldexp(1.0, depth) - 1.0;
        ticker->addTick(leapfrogHeight(steps), QString::number(steps, 'f', 0));
    }
    return ticker;
}

constexpr int kDeepestTick = 20;  // beyond Stan's largest sensible max_depth

// A scatter of thousands of iterations turns into a solid band: drawn translucent, points that
// pile up darken, so the band shows where the iterations are dense.
QPen densityPen(int chain) {
    QPen pen = PlotStyle::chainPen(chain);
    QColor colour = pen.color();
    colour.setAlpha(kDensityAlpha);
    pen.setColor(colour);
    return pen;
}

}  // namespace

TreeDepthPlot::TreeDepthPlot(QWidget* parent)
    : TimeSeriesPlot(tr("Tree depth"),
                     tr("The cost of each iteration: NUTS doubles its trajectory until it turns "
                        "back; a small ε needs many steps."),
                     parent),
      depths_(plot(), plot()->yAxis,
              [](QCPGraph* graph, int chain) {
                  graph->setPen(densityPen(chain));
                  graph->setLineStyle(QCPGraph::lsNone);
                  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
                  graph->removeFromLegend();
              }),
      leapfrogs_(plot(), plot()->yAxis2, [](QCPGraph* graph, int chain) {
          graph->setPen(densityPen(chain));
          graph->setLineStyle(QCPGraph::lsNone);
          graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
          graph->setName(graph->name() + QStringLiteral(" leapfrog steps"));
          graph->removeFromLegend();
      }) {
    setLiveScatterThinning(kLiveScatterThinning);
    QCustomPlot* p = plot();
    setAxisLabel(p->yAxis, tr("tree depth"), tr("depth"));
    auto depthTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    depthTicker->setTickStep(1.0);
    depthTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->yAxis->setTicker(depthTicker);

    p->yAxis2->setVisible(true);
    PlotStyle::applyToAxis(p->yAxis2);
    p->yAxis2->grid()->setVisible(false);
    p->yAxis2->setTicker(leapfrogTicker(kDeepestTick));
    p->yAxis2->setSubTicks(false);
    setAxisLabel(p->yAxis2, tr("leapfrog steps (log)"), tr("steps"));
    setDepthRange(3.0);
    p->axisRect()->setRangeDragAxes(p->xAxis, nullptr);
    p->axisRect()->setRangeZoomAxes(p->xAxis, nullptr);

    placeLegendInTitleLine();
    addLegendKey(plot(), tr("depth (left)"), Qt::NoPen,
                 QCPScatterStyle(QCPScatterStyle::ssDisc, kLegendKeyColour, 6));
    addLegendKey(plot(), tr("leapfrog steps (right)"), Qt::NoPen,
                 QCPScatterStyle(QCPScatterStyle::ssCircle, kLegendKeyColour, 8));
}

double TreeDepthPlot::rowOffset(int chain, int chains) {
    // Depths are small integers: drawn at the same height the chains would hide one another,
    // so each chain gets its own thin row around the integer.
    return 0.14 * (chain - 0.5 * (chains - 1));
}

double TreeDepthPlot::jitter(double iteration) {
    // Thousands of equal depths on one row draw a solid bar; spread over a thin band (the same
    // spread for an iteration every time it is drawn), the translucent points show where
    // they are dense.
    const double golden = iteration * 0.6180339887498949;
    return kJitter * (2.0 * (golden - std::floor(golden)) - 1.0);
}

void TreeDepthPlot::setDepthRange(double deepest) {
    // Both axes measure in depths; the right one labels them with the steps they cost.
    const QCPRange range(-0.5, deepest + 0.5);
    plot()->yAxis->setRange(range);
    plot()->yAxis2->setRange(range);
    spaceLabels();
}

void TreeDepthPlot::fitVerticalAxes(int axisLength) {
    axisLength_ = axisLength;
    spaceLabels();
}

void TreeDepthPlot::spaceLabels() {
    // A label every few rows once the rows come closer than a line of text (past depth 12 in
    // a plot 200 pixels tall): "4095" and "8191" would print over one another.
    const int length = axisLength_ > 0 ? axisLength_ : plot()->axisRect()->height();
    const int every = labelEvery(plot()->yAxis->range().size(), length,
                                 QFontMetrics(plot()->yAxis2->tickLabelFont()).height());
    if (every == labelledEvery_) return;
    labelledEvery_ = every;
    plot()->yAxis->ticker().staticCast<QCPAxisTickerFixed>()->setTickStep(every);
    plot()->yAxis2->setTicker(leapfrogTicker(kDeepestTick, every));
}

int TreeDepthPlot::labelEvery(double rows, int pixels, int lineHeight) {
    if (pixels <= 0 || rows <= 0.0) return 1;
    const double perRow = pixels / rows;
    return std::max(1, static_cast<int>(std::ceil(1.2 * lineHeight / perRow)));
}

void TreeDepthPlot::drawSeries(const RunHistory& history, IterationWindow window, int budget) {
    const int chains = history.chainCount();
    depths_.resize(chains);
    leapfrogs_.resize(chains);
    depthBlocks_.resize(static_cast<std::size_t>(chains));
    leapfrogBlocks_.resize(static_cast<std::size_t>(chains));
    ValueExtent extent;
    for (int c = 0; c < chains; ++c) {
        const ChainHistory& chain = history.chain(c);
        const IterationWindow part = clampToChain(window, chain);
        const auto slot = static_cast<std::size_t>(c);
        const double offset = rowOffset(c, chains);
        decimateColumn(
            depthBlocks_[slot], chain, part, budget,
            [](const ChainHistory& h, std::size_t i) { return h.treeDepth(i); }, series_);
        extent.add(series_.values);
        for (qsizetype i = 0; i < series_.values.size(); ++i)
            series_.values[i] += offset + jitter(series_.keys[i]);
        setSeries(depths_.at(c), series_);

        decimateColumn(
            leapfrogBlocks_[slot], chain, part, budget,
            [](const ChainHistory& h, std::size_t i) { return h.nLeapfrog(i); }, series_);
        for (qsizetype i = 0; i < series_.values.size(); ++i) {
            double& steps = series_.values[i];
            steps = leapfrogHeight(steps);
            extent.add(steps);
            steps += offset + jitter(series_.keys[i]);
        }
        setSeries(leapfrogs_.at(c), series_);
    }
    setDepthRange(extent.empty() ? 3.0 : std::max(std::ceil(extent.high()), 3.0));
}

void TreeDepthPlot::clearSeries() {
    depths_.clearData();
    leapfrogs_.clearData();
    depthBlocks_.clear();
    leapfrogBlocks_.clear();
    setDepthRange(3.0);
}

// ---------------------------------------------------------------------------------------------

AcceptancePlot::AcceptancePlot(QWidget* parent)
    : TimeSeriesPlot(tr("Acceptance"),
                     tr("accept_stat per iteration; warmup tunes ε until its average reaches the "
                        "target δ."),
                     parent),
      chains_(plot(), plot()->yAxis, [](QCPGraph* graph, int chain) {
          graph->setPen(densityPen(chain));
          graph->setLineStyle(QCPGraph::lsNone);
          graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3.5));
      }) {
    setLiveScatterThinning(kLiveScatterThinning);
    QCustomPlot* p = plot();
    setAxisLabel(p->yAxis, tr("accept_stat"), tr("accept"));
    p->yAxis->setRange(-0.03, 1.03);
    p->axisRect()->setRangeDragAxes(p->xAxis, nullptr);

    targetLine_ = new QCPItemStraightLine(p);
    targetLine_->setObjectName(QStringLiteral("target-line"));
    targetLine_->setLayer(kMarksLayer);
    targetLine_->setPen(QPen(PlotStyle::switchMarker(), 2.0, Qt::DashLine));
    targetLine_->setSelectable(false);
    targetLabel_ = new QCPItemText(p);
    targetLabel_->setObjectName(QStringLiteral("target-label"));
    targetLabel_->setLayer(kMarksLayer);
    targetLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    // Under the line at the right: switch labels hang from the top of the axes, and the
    // latest switch is usually near the right edge.
    targetLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    targetLabel_->setFont(PlotStyle::annotationFont());
    targetLabel_->setColor(PlotStyle::switchMarker());
    targetLabel_->setBrush(QColor(255, 255, 255, 215));
    targetLabel_->setPadding(QMargins(4, 1, 4, 1));
    targetLabel_->setSelectable(false);
    targetLine_->setVisible(false);
    targetLabel_->setVisible(false);
}

void AcceptancePlot::drawSeries(const RunHistory& history, IterationWindow window, int budget) {
    chains_.resize(history.chainCount());
    blocks_.resize(static_cast<std::size_t>(history.chainCount()));
    for (int c = 0; c < history.chainCount(); ++c) {
        const ChainHistory& chain = history.chain(c);
        decimateColumn(
            blocks_[static_cast<std::size_t>(c)], chain, clampToChain(window, chain), budget,
            [](const ChainHistory& h, std::size_t i) { return h.acceptStat(i); }, series_);
        setSeries(chains_.at(c), series_);
    }

    const Segment* segment = history.currentSegment();
    const bool showTarget = segment != nullptr;
    targetLine_->setVisible(showTarget);
    targetLabel_->setVisible(showTarget);
    if (!showTarget) return;
    const SamplerSettings& sampler = segment->settings.sampler;
    const double delta = sampler.targetAccept;
    targetLine_->point1->setCoords(0.0, delta);
    targetLine_->point2->setCoords(1.0, delta);
    targetLabel_->position->setCoords(0.99, delta);
    const QString target = tr("target δ = %1").arg(delta, 0, 'g', 3);
    targetLabel_->setText(sampler.adaptStepSize ? target : tr("%1 (unused: ε fixed)").arg(target));
}

void AcceptancePlot::clearSeries() {
    chains_.clearData();
    blocks_.clear();
    targetLine_->setVisible(false);
    targetLabel_->setVisible(false);
}

}  // namespace couplinglab::ui
