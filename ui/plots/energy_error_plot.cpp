#include "ui/plots/energy_error_plot.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "ui/plots/plot_style.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

namespace {

const QString kBandsLayer = QStringLiteral("under");  // above the grid, below the data
const QString kMarksLayer = QStringLiteral("marks");  // above the data
constexpr double kThinRow = 0.001;
constexpr double kFrameMargin = 0.06;
constexpr double kMinScale = 1e-12;
constexpr double kMaxScale = 100.0;
constexpr double kDefaultScale = 1e-3;
constexpr double kDefaultThreshold = 1000.0;
// U-turn brackets, in axis-rect fractions from the top: below the threshold and its label.
constexpr double kFirstBracket = 0.24;
constexpr double kBracketStep = 0.12;

// 0.001 … 10000 as plain numbers, powers of ten beyond: "10⁻⁵", "10⁶".
QString powerLabel(double value) {
    if (value == 0.0) return QStringLiteral("0");
    const double magnitude = std::abs(value);
    const int exponent = static_cast<int>(std::lround(std::log10(magnitude)));
    const QString text = exponent >= -3 && exponent <= 4
                             ? QString::number(magnitude, 'g', 6)
                             : QStringLiteral("10") + superscript(exponent);
    return value < 0.0 ? kTypographicMinus + text : text;
}

// One line of text under the axes that never widens the plot; elided when narrow.
class NoteLine final : public QCPTextElement {
  public:
    explicit NoteLine(QCustomPlot* plot) : QCPTextElement(plot, QString(), PlotStyle::baseFont()) {
        setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
        setTextColor(QColor(70, 70, 70));
        setMargins(QMargins(10, 2, 10, 4));
    }

  protected:
    void draw(QCPPainter* painter) override {
        painter->setFont(mainFont());
        painter->setPen(QPen(mainTextColor()));
        const QString elided =
            QFontMetrics(mainFont()).elidedText(mText, Qt::ElideRight, mRect.width());
        painter->drawText(mRect, mTextFlags, elided, &mTextBoundingRect);
    }
    QSize minimumOuterSizeHint() const override {
        return QSize(0, mText.isEmpty() ? 0 : QCPTextElement::minimumOuterSizeHint().height());
    }
    QSize maximumOuterSizeHint() const override {
        return QSize(QWIDGETSIZE_MAX,
                     mText.isEmpty() ? 0 : QCPTextElement::maximumOuterSizeHint().height());
    }
};

QCPGraph* addBranch(QCustomPlot* plot, const QString& name, const QColor& colour) {
    QCPGraph* graph = plot->addGraph();
    graph->setObjectName(name);
    graph->setPen(QPen(colour, 1.4));
    graph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(colour, 1.0), QBrush(colour), 5.5));
    graph->setLineStyle(QCPGraph::lsLine);
    graph->setSelectable(QCP::stNone);
    graph->removeFromLegend();
    return graph;
}

}  // namespace

// Ticks of the symmetric-log axis at 0 and ±c·10^k, labelled with the true values: every decade
// while there is room for a label every 22 pixels, every second or third when the plot is
// small; ±c itself only where it stays clear of 0. The room is judged from the size being
// drawn, which is known before the ticks are made, on screen and in an exported file alike.
class SymlogTicker final : public QCPAxisTicker {
  public:
    explicit SymlogTicker(const QCustomPlot* plot) : plot_(plot) {}
    void setLinearScale(double scale) { scale_ = scale; }
    void setThreshold(double threshold) { threshold_ = threshold; }

    void generate(const QCPRange& range, const QLocale&, QChar, int, QVector<double>& ticks,
                  QVector<double>* subTicks, QVector<QString>* tickLabels) override {
        ticks.clear();
        if (subTicks != nullptr) subTicks->clear();
        if (tickLabels != nullptr) tickLabels->clear();
        const int viewport = plot_->viewport().height();
        // What the title, the explanation, the step axis and the note leave to this axis.
        const int pixels =
            std::max(40, viewport - (viewport < PlotPanel::kCompactHeight ? 75 : 130));
        const double span = range.size();
        if (!(span > 0.0)) return;
        const int rows = std::max(2, pixels / 22);
        const int every = std::max(1, static_cast<int>(std::ceil(span / rows)));
        const bool showScale = EnergyErrorPlot::toAxis(scale_, scale_) * pixels / span >= 16.0;
        // When decades are skipped, the threshold's decade is one of those kept.
        const double decades = std::log10(threshold_ / scale_);
        const int anchor = std::isfinite(decades) ? static_cast<int>(std::lround(decades)) : 0;
        QMap<double, QString> sorted;
        sorted.insert(0.0, QStringLiteral("0"));
        for (int k = showScale ? 0 : 1; k < 400; ++k) {
            const double value = scale_ * std::pow(10.0, k);
            const double y = EnergyErrorPlot::toAxis(value, scale_);
            if (!std::isfinite(value) || (y > range.upper && -y < range.lower)) break;
            if ((k - anchor) % every != 0) continue;
            sorted.insert(y, powerLabel(value));
            sorted.insert(-y, powerLabel(-value));
        }
        for (auto it = sorted.constBegin(); it != sorted.constEnd(); ++it) {
            if (!range.contains(it.key())) continue;
            ticks.append(it.key());
            if (tickLabels != nullptr) tickLabels->append(it.value());
        }
    }

  private:
    const QCustomPlot* plot_;
    double scale_ = 1e-3;
    double threshold_ = 1000.0;
};

double EnergyErrorPlot::toAxis(double energyError, double linearScale) {
    if (std::isnan(energyError)) return energyError;
    const double magnitude = std::log10(1.0 + std::abs(energyError) / linearScale);
    return energyError < 0.0 ? -magnitude : magnitude;
}

double EnergyErrorPlot::fromAxis(double y, double linearScale) {
    const double magnitude = linearScale * (std::pow(10.0, std::abs(y)) - 1.0);
    return y < 0.0 ? -magnitude : magnitude;
}

double EnergyErrorPlot::chooseLinearScale(const TrajectoryRecord& record) {
    std::vector<double> errors;
    errors.reserve(record.points.size());
    for (const TrajectoryPoint& point : record.points) {
        if (point.order == 0 || point.divergent || !std::isfinite(point.energyError)) continue;
        errors.push_back(std::abs(point.energyError));
    }
    if (errors.empty()) return kDefaultScale;
    // The lower median: of two errors, the smaller, so that a trajectory that diverged after
    // a few steps still shows its first, small errors.
    const auto middle = errors.begin() + static_cast<std::ptrdiff_t>((errors.size() - 1) / 2);
    std::nth_element(errors.begin(), middle, errors.end());
    const double median = *middle;
    if (!(median > 0.0)) return kDefaultScale;
    const double scale = std::pow(10.0, std::floor(std::log10(median)));
    return std::clamp(scale, kMinScale, kMaxScale);
}

double EnergyErrorPlot::settleLinearScale(double current, double wanted) {
    // Iterations differ: one trajectory's errors are 10⁻³, the next one's 1. Following each
    // would redraw the band and every tick at each iteration; the band moves only once the
    // errors are more than two decades from it (the log part of the axis shows them well
    // meanwhile), and then by one decade at a time.
    constexpr double kTolerance = 100.0;
    if (!(current > 0.0) || !std::isfinite(current)) return wanted;
    if (wanted > kTolerance * current) return std::min(current * 10.0, kMaxScale);
    if (wanted < current / kTolerance) return std::max(current / 10.0, kMinScale);
    return current;
}

EnergyErrorPlot::EnergyErrorPlot(QWidget* parent)
    : PlotPanel(tr("Energy error along the trajectory"),
                tr("H − H₀ at each leapfrog step: leapfrog keeps it small and bounded; above the "
                   "threshold the iteration is divergent."),
                parent),
      emptyHint_(tr("Start or Step to see a trajectory")) {
    QCustomPlot* p = plot();
    p->addLayer(kBandsLayer, p->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    p->addLayer(kMarksLayer, p->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    p->setCurrentLayer(QStringLiteral("main"));
    setAxisLabel(p->xAxis, tr("leapfrog step from the start (signed time)"), tr("step"));
    setAxisLabel(p->yAxis, tr("H − H₀"), tr("H − H₀"));
    auto stepTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    stepTicker->setTickStep(1.0);
    stepTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->xAxis->setTicker(stepTicker);
    p->xAxis->setNumberFormat(QStringLiteral("f"));
    p->xAxis->setNumberPrecision(0);
    auto ticker = QSharedPointer<SymlogTicker>::create(p);
    ticker_ = ticker.data();
    p->yAxis->setTicker(ticker);

    p->setCurrentLayer(kMarksLayer);
    zeroLine_ = new QCPItemStraightLine(p);
    zeroLine_->setObjectName(QStringLiteral("zero-line"));
    zeroLine_->setPen(QPen(PlotStyle::zeroLine(), 1.0));
    zeroLine_->point1->setCoords(0.0, 0.0);
    zeroLine_->point2->setCoords(1.0, 0.0);
    zeroLine_->setSelectable(false);
    zeroLine_->setLayer(kBandsLayer);

    thresholdLine_ = new QCPItemStraightLine(p);
    thresholdLine_->setObjectName(QStringLiteral("threshold-line"));
    thresholdLine_->setPen(QPen(PlotStyle::divergence(), 2.0, Qt::DashLine));
    thresholdLine_->setSelectable(false);
    thresholdLabel_ = new QCPItemText(p);
    thresholdLabel_->setObjectName(QStringLiteral("threshold-label"));
    thresholdLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    // Under the line: above it there is no room in a small plot, where the line is the top.
    thresholdLabel_->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    thresholdLabel_->setFont(PlotStyle::annotationFont());
    thresholdLabel_->setColor(PlotStyle::divergence());
    thresholdLabel_->setBrush(QColor(255, 255, 255, 215));
    thresholdLabel_->setPadding(QMargins(4, 1, 4, 1));
    thresholdLabel_->setSelectable(false);

    p->setCurrentLayer(QStringLiteral("main"));
    backward_ = addBranch(p, QStringLiteral("backward"), PlotStyle::backwardDoubling());
    forward_ = addBranch(p, QStringLiteral("forward"), PlotStyle::forwardDoubling());
    divergent_ = p->addGraph();
    divergent_->setObjectName(QStringLiteral("divergent"));
    divergent_->setLayer(kMarksLayer);
    divergent_->setLineStyle(QCPGraph::lsNone);
    divergent_->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCross, QPen(PlotStyle::divergence(), 3.0), Qt::NoBrush, 14));
    divergent_->removeFromLegend();

    auto* note = new NoteLine(p);
    scaleNote_ = note;
    QCPLayoutGrid* grid = p->plotLayout();
    const int row = grid->rowCount();
    grid->addElement(row, 0, note);
    grid->setRowStretchFactor(row, kThinRow);

    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    connect(p->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &EnergyErrorPlot::onRangeChanged);
    connect(p->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &EnergyErrorPlot::onRangeChanged);
    // Once the size being drawn is known (on screen or in a file): in a small plot only the
    // first U-turn bracket's label.
    connect(p, &QCustomPlot::afterLayout, this, [this] {
        const bool compact = plot()->viewport().height() < kCompactHeight;
        for (int i = 0; i < bracketsShown_; ++i)
            bracketLabels_[i]->setVisible(!compact || i == 0);
        placeBrackets();
    });
    connect(p, &QCustomPlot::mouseDoubleClick, this, [this] {
        const bool wasLocked = locked_;
        setAxesLocked(false);
        if (wasLocked) emit axesLockedChanged(false);
    });
    clear();
}

QString EnergyErrorPlot::scaleNote() const {
    return scaleNote_->text();
}

void EnergyErrorPlot::clear() {
    backward_->data()->clear();
    forward_->data()->clear();
    divergent_->data()->clear();
    for (int i = 0; i < brackets_.size(); ++i) {
        brackets_[i]->setVisible(false);
        bracketLabels_[i]->setVisible(false);
    }
    bracketsShown_ = 0;
    thresholdLine_->setVisible(false);
    thresholdLabel_->setVisible(false);
    zeroLine_->setVisible(false);
    scaleNote_->setText(QString());
    if (!locked_) {
        scale_ = kDefaultScale;
        framedScale_ = 0.0;
        frameX_[0] = -5.0;
        frameX_[1] = 5.0;
        frameY_[0] = -1.0;
        frameY_[1] = toAxis(kDefaultThreshold, scale_) + 0.5;
        applyFrame();
    }
    showHint(emptyHint_);
    requestReplot();
}

void EnergyErrorPlot::setEmptyHint(const QString& hint) {
    const bool showing = hintText() == emptyHint_;
    emptyHint_ = hint;
    if (showing) showHint(emptyHint_);
}

void EnergyErrorPlot::refresh(const TrajectorySnapshot* snapshot, const Segment* segment) {
    if (snapshot == nullptr) {
        clear();
        return;
    }
    const int visible = snapshot->complete ? -1 : snapshot->visiblePoints;
    showTrajectory(snapshot->record, visible,
                   segment != nullptr ? segment->settings.sampler.maxDeltaH : kDefaultThreshold);
}

void EnergyErrorPlot::showTrajectory(const TrajectoryRecord& record, int visiblePoints,
                                     double threshold) {
    if (record.points.empty()) {
        clear();
        return;
    }
    hideHint();
    threshold_ = threshold;
    // Locked axes keep their scale too: the same y means the same error across iterations.
    if (!locked_) {
        // The first trajectory after a clear picks its own band; later ones settle from it.
        const double wanted = chooseLinearScale(record);
        scale_ = framedScale_ > 0.0 ? settleLinearScale(scale_, wanted) : wanted;
        frame(record);
        applyFrame();
    }
    const double top = plot()->yAxis->range().upper;
    const auto axisValue = [&](double error) {
        // A non-finite error (a broken leapfrog step) is drawn at the top edge.
        const double y = toAxis(error, scale_);
        return std::isfinite(y) ? y : top - 0.03 * plot()->yAxis->range().size();
    };

    const int pointCount = static_cast<int>(record.points.size());
    const int visible = visiblePoints < 0 ? pointCount : std::min(visiblePoints, pointCount);
    QVector<double> forwardKeys, forwardValues, backwardKeys, backwardValues, crossKeys,
        crossValues;
    for (int i = 0; i < visible; ++i) {
        const TrajectoryPoint& point = record.points[static_cast<std::size_t>(i)];
        const double y = axisValue(point.energyError);
        const auto t = static_cast<double>(point.time);
        if (point.time >= 0) {
            forwardKeys.append(t);
            forwardValues.append(y);
        }
        if (point.time <= 0) {
            backwardKeys.append(t);
            backwardValues.append(y);
        }
        if (point.divergent) {
            crossKeys.append(t);
            crossValues.append(y);
        }
    }
    forward_->setData(forwardKeys, forwardValues);  // sorts by time
    backward_->setData(backwardKeys, backwardValues);
    // Markers at least 1/150 of the axis apart: a 1023-step tree has more points than pixels.
    const int skip = static_cast<int>(plot()->xAxis->range().size() / 150.0);
    forward_->setScatterSkip(skip);
    backward_->setScatterSkip(skip);
    divergent_->setData(crossKeys, crossValues);

    zeroLine_->setVisible(true);
    const double thresholdY = toAxis(threshold_, scale_);
    thresholdLine_->point1->setCoords(0.0, thresholdY);
    thresholdLine_->point2->setCoords(1.0, thresholdY);
    thresholdLine_->setVisible(true);
    thresholdLabel_->position->setCoords(0.99, thresholdY);
    thresholdLabel_->setText(
        tr("divergence threshold +%1").arg(QString::number(threshold_, 'g', 6)));
    thresholdLabel_->setVisible(true);
    scaleNote_->setText(
        tr("Vertical scale: linear within ±%1, logarithmic beyond.").arg(powerLabel(scale_)));

    // The spans where U-turns were found, as brackets over the steps they cover, stacked
    // below the threshold; the first found (the criterion proper) on top.
    // Every U-turn of a record was found after its last point (see TrajectoryPlot).
    bracketsShown_ = 0;
    const bool found = visible >= pointCount;
    for (const UTurnEvent& event : record.uturns) {
        if (!found) continue;
        if (bracketsShown_ == brackets_.size()) {
            auto* bracket = new QCPItemLine(plot());
            bracket->setObjectName(QStringLiteral("uturn-bracket"));
            bracket->setLayer(kMarksLayer);
            bracket->start->setTypeY(QCPItemPosition::ptAxisRectRatio);
            bracket->end->setTypeY(QCPItemPosition::ptAxisRectRatio);
            bracket->setHead(QCPLineEnding(QCPLineEnding::esBar, 9));
            bracket->setTail(QCPLineEnding(QCPLineEnding::esBar, 9));
            bracket->setSelectable(false);
            auto* label = new QCPItemText(plot());
            label->setObjectName(QStringLiteral("uturn-bracket-label"));
            label->setLayer(kMarksLayer);
            label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            label->setFont(PlotStyle::annotationFont());
            label->setColor(PlotStyle::uturn().darker(150));
            label->setBrush(QColor(255, 255, 255, 200));
            label->setPadding(QMargins(3, 0, 3, 1));
            label->setSelectable(false);
            label->setClipToAxisRect(true);
            brackets_.append(bracket);
            bracketLabels_.append(label);
        }
        const bool extra = event.check != UTurnCheck::SpanEnds;
        const double y = kFirstBracket + kBracketStep * bracketsShown_;
        QCPItemLine* bracket = brackets_[bracketsShown_];
        bracket->start->setCoords(event.timeBegin, y);
        bracket->end->setCoords(event.timeEnd, y);
        bracket->setPen(
            QPen(PlotStyle::uturn(), extra ? 1.6 : 2.2, extra ? Qt::DotLine : Qt::DashLine));
        bracket->setVisible(true);
        QCPItemText* label = bracketLabels_[bracketsShown_];
        label->setText(extra ? tr("U-turn (extra check)") : tr("U-turn"));
        label->position->setCoords(0.5 * (event.timeBegin + event.timeEnd), y - 0.01);
        label->setVisible(true);
        ++bracketsShown_;
    }
    for (int i = bracketsShown_; i < brackets_.size(); ++i) {
        brackets_[i]->setVisible(false);
        bracketLabels_[i]->setVisible(false);
    }
    requestReplot();
}

void EnergyErrorPlot::placeBrackets() {
    // In pixels, once the axes' size is known: the first bracket's label (drawn above its
    // bracket) starts under the threshold's label, which hangs under the threshold line, so the
    // line never crosses it; each label stays inside the axes, however narrow the plot.
    const QRect rect = plot()->axisRect()->rect();
    if (rect.height() <= 0 || rect.width() <= 0 || !thresholdLine_->visible()) return;
    const QFontMetrics metrics(PlotStyle::annotationFont());
    const double line = metrics.height() + 2.0;  // a label and its padding
    const double threshold = plot()->yAxis->coordToPixel(toAxis(threshold_, scale_));
    const double first = std::max(threshold, static_cast<double>(rect.top())) + 2.0 * line + 4.0;
    const double step = std::max(kBracketStep * rect.height(), line + 8.0);
    for (int i = 0; i < bracketsShown_; ++i) {
        const double y = std::min(first + step * i, rect.bottom() - 4.0);
        const double ratio = (y - rect.top()) / rect.height();
        QCPItemLine* bracket = brackets_[i];
        bracket->start->setCoords(bracket->start->coords().x(), ratio);
        bracket->end->setCoords(bracket->end->coords().x(), ratio);
        QCPItemText* label = bracketLabels_[i];
        const double middle = 0.5 * (bracket->start->coords().x() + bracket->end->coords().x());
        const double half = 0.5 * metrics.horizontalAdvance(label->text()) + 4.0;
        double centre = plot()->xAxis->coordToPixel(middle);
        if (2.0 * half < rect.width())
            centre = std::clamp(centre, rect.left() + half, rect.right() - half);
        label->position->setCoords(plot()->xAxis->pixelToCoord(centre),
                                   ratio - 2.0 / rect.height());
    }
}

void EnergyErrorPlot::frame(const TrajectoryRecord& record) {
    int minTime = 0;
    int maxTime = 0;
    double low = -toAxis(scale_, scale_);  // the negative linear band, at least
    double high = std::max(toAxis(threshold_, scale_), toAxis(scale_, scale_));
    for (const TrajectoryPoint& point : record.points) {
        minTime = std::min(minTime, point.time);
        maxTime = std::max(maxTime, point.time);
        const double y = toAxis(point.energyError, scale_);
        if (!std::isfinite(y)) continue;
        low = std::min(low, y);
        high = std::max(high, y);
    }
    const double spanX = std::max(maxTime - minTime, 1);
    frameX_[0] = minTime - std::max(0.6, 0.03 * spanX);
    frameX_[1] = maxTime + std::max(0.6, 0.03 * spanX);
    // Down to the first labelled decade below the lowest error, so that negative errors are
    // read against a tick (the ticks of ±c are left out when the axis is tall).
    if (low < -toAxis(scale_, scale_)) {
        for (int k = 1; k < 400 && -toAxis(scale_ * std::pow(10.0, k - 1), scale_) > low; ++k)
            low = std::min(low, -toAxis(scale_ * std::pow(10.0, k), scale_));
    }
    const double spanY = high - low;
    const double newLow = low - kFrameMargin * spanY;
    const double newHigh = high + 1.6 * kFrameMargin * spanY;  // room for the threshold's label
    // Keep the previous frame while the new one fits inside it and fills half of it: the axis
    // stays still from one iteration to the next unless the errors need more, or much less.
    const bool sameScale = scale_ == framedScale_;
    const bool fits = newLow >= frameY_[0] && newHigh <= frameY_[1];
    const bool fills = newHigh - newLow >= 0.5 * (frameY_[1] - frameY_[0]);
    framedScale_ = scale_;
    if (sameScale && fits && fills) return;
    frameY_[0] = newLow;
    frameY_[1] = newHigh;
}

void EnergyErrorPlot::applyFrame() {
    settingRange_ = true;
    plot()->xAxis->setRange(frameX_[0], frameX_[1]);
    plot()->yAxis->setRange(frameY_[0], frameY_[1]);
    settingRange_ = false;
    ticker_->setLinearScale(scale_);
    ticker_->setThreshold(threshold_);
}

void EnergyErrorPlot::setAxesLocked(bool locked) {
    if (locked == locked_) return;
    locked_ = locked;
    if (!locked_) {
        applyFrame();
        requestReplot();
    }
}

void EnergyErrorPlot::onRangeChanged() {
    if (settingRange_ || locked_) return;
    locked_ = true;
    emit axesLockedChanged(true);
}

}  // namespace couplinglab::ui
