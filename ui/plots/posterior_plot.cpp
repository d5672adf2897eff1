#include "ui/plots/posterior_plot.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

namespace {

constexpr double kPosteriorHalfWidthSds = 4.0;
constexpr double kMargin = 0.05;     // of the axis width, on either side
constexpr double kMaxStretch = 0.5;  // how much wider the axis may grow to show w = 0 or the prior
constexpr double kPriorHalfWidthSds = 8.0;
constexpr int kCurvePoints = 400;
constexpr double kHeadroom = 1.2;    // above the tallest curve, for the notes
constexpr double kNoteTop = 0.07;    // of the axis height
constexpr double kNoteSpacing = 26;  // pixels between stacked notes

// The visible range of w, grown to include what is close enough to be worth showing.
struct AxisSpan {
    double lower;
    double upper;

    double width() const { return upper - lower; }
    void addMargin() {
        const double margin = kMargin * std::max(width(), 1e-12);
        lower -= margin;
        upper += margin;
    }
    // Widens the span to include `w` when that costs at most kMaxStretch of its width; false
    // when `w` is too far away to be shown without squeezing everything else.
    bool reach(double w) {
        if (w >= lower && w <= upper) return true;
        const double distance = w < lower ? lower - w : w - upper;
        if (distance > kMaxStretch * width()) return false;
        const double margin = kMargin * width();
        if (w < lower) lower = w - margin;
        if (w > upper) upper = w + margin;
        return true;
    }
};

// "98", "3.5": distances of a few sd keep a decimal, large ones do not need it.
QString sdCount(double distance, double sd) {
    const double sds = std::abs(distance) / sd;
    return sds >= 10.0 ? QString::number(sds, 'f', 0) : QString::number(sds, 'f', 1);
}

QString sideOf(bool left) {
    return left ? QObject::tr("to the left") : QObject::tr("to the right");
}

QString priorName(double mean, double sd) {
    return QObject::tr("prior N(%1, %2)").arg(mean, 0, 'g', 4).arg(sd, 0, 'g', 4);
}

double normalDensity(double w, double mean, double sd) {
    const double z = (w - mean) / sd;
    return std::exp(-0.5 * z * z) / (sd * std::sqrt(2.0 * std::numbers::pi));
}

double largest(const QSharedPointer<QCPGraphDataContainer>& data) {
    double high = 0.0;
    for (const QCPGraphData& point : *data)
        high = std::max(high, point.value);
    return high;
}

}  // namespace

void PosteriorPlot::EdgeNote::create(QCustomPlot* plot, const QColor& colour, const QString& name) {
    arrow_ = new QCPItemLine(plot);
    arrow_->setObjectName(name + QStringLiteral("-arrow"));
    arrow_->start->setType(QCPItemPosition::ptAbsolute);
    arrow_->start->setParentAnchor(arrow_->end);
    arrow_->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 10, 12));
    arrow_->setPen(QPen(colour, 2.0));
    arrow_->setSelectable(false);

    label_ = new QCPItemText(plot);
    label_->setObjectName(name);
    label_->position->setType(QCPItemPosition::ptAbsolute);
    label_->position->setParentAnchor(arrow_->end);
    label_->setFont(PlotStyle::annotationFont());
    label_->setColor(colour);
    label_->setBrush(QColor(255, 255, 255, 215));
    label_->setPadding(QMargins(3, 1, 3, 1));
    label_->setSelectable(false);
    hide();
}

void PosteriorPlot::EdgeNote::show(bool leftEdge, const QString& text, const EdgeNote* above) {
    QCPItemPosition* tip = arrow_->end;
    const double edge = leftEdge ? 0.01 : 0.99;
    tip->setTypeX(QCPItemPosition::ptAxisRectRatio);
    if (above != nullptr && above->visible()) {
        tip->setTypeY(QCPItemPosition::ptAbsolute);
        tip->setParentAnchorY(above->arrow_->end);
        tip->setCoords(edge, kNoteSpacing);
    } else {
        tip->setParentAnchorY(nullptr);
        tip->setTypeY(QCPItemPosition::ptAxisRectRatio);
        tip->setCoords(edge, kNoteTop);
    }
    const double inwards = leftEdge ? 1.0 : -1.0;
    arrow_->start->setCoords(inwards * 32.0, 0.0);
    label_->position->setCoords(inwards * 36.0, 0.0);
    label_->setPositionAlignment((leftEdge ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    label_->setText(text);
    arrow_->setVisible(true);
    label_->setVisible(true);
}

void PosteriorPlot::EdgeNote::hide() {
    arrow_->setVisible(false);
    label_->setVisible(false);
}

QString PosteriorPlot::EdgeNote::text() const {
    return visible() ? label_->text() : QString();
}

bool PosteriorPlot::EdgeNote::visible() const {
    return label_->visible();
}

PosteriorPlot::PosteriorPlot(QWidget* parent)
    : PlotPanel(tr("Posterior of w"),
                tr("Draws after warmup, all chains pooled, against the exact density."), parent) {
    QCustomPlot* p = plot();
    setAxisLabel(p->xAxis, tr("w (coupling weight)"), tr("w"));
    setAxisLabel(p->yAxis, tr("density"), tr("density"));

    bars_ = new QCPBars(p->xAxis, p->yAxis);
    bars_->setObjectName(QStringLiteral("histogram"));
    QColor fill = PlotStyle::histogram();
    fill.setAlpha(90);
    bars_->setBrush(fill);
    bars_->setPen(QPen(PlotStyle::histogram().lighter(130), 1.0));
    bars_->setWidthType(QCPBars::wtPlotCoords);

    exact_ = p->addGraph();
    exact_->setObjectName(QStringLiteral("exact-posterior"));
    exact_->setName(tr("exact posterior"));
    exact_->setPen(QPen(PlotStyle::exactPosterior(), 2.5));

    prior_ = p->addGraph();
    prior_->setObjectName(QStringLiteral("prior"));
    prior_->setPen(QPen(PlotStyle::prior(), 2.0, Qt::DashLine));

    zeroLine_ = new QCPItemStraightLine(p);
    zeroLine_->setObjectName(QStringLiteral("zero-line"));
    zeroLine_->point1->setTypeY(QCPItemPosition::ptAxisRectRatio);
    zeroLine_->point2->setTypeY(QCPItemPosition::ptAxisRectRatio);
    zeroLine_->point1->setCoords(0.0, 0.0);
    zeroLine_->point2->setCoords(0.0, 1.0);
    zeroLine_->setPen(QPen(PlotStyle::zeroLine(), 1.5, Qt::DotLine));
    zeroLine_->setSelectable(false);
    zeroLabel_ = new QCPItemText(p);
    zeroLabel_->position->setType(QCPItemPosition::ptAbsolute);
    zeroLabel_->position->setParentAnchor(zeroLine_->point1);
    zeroLabel_->position->setCoords(4, 4);
    zeroLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    zeroLabel_->setText(tr("w = 0"));
    zeroLabel_->setFont(PlotStyle::annotationFont());
    zeroLabel_->setColor(PlotStyle::zeroLine());
    zeroLabel_->setSelectable(false);

    zeroNote_.create(p, PlotStyle::zeroLine(), QStringLiteral("zero-note"));
    priorNote_.create(p, PlotStyle::prior(), QStringLiteral("prior-note"));
    placeLegendInTitleLine();
    clear();
}

void PosteriorPlot::refresh(const RunHistory& history) {
    const ExactPosterior* exact = history.exactPosterior();
    const Segment* segment = history.currentSegment();
    if (exact == nullptr || segment == nullptr) {
        clear();
        return;
    }
    const DrawHistogram& histogram = history.histogram();
    const ModelSpec& model = segment->settings.model;
    const double mean = exact->mean();
    const double sd = exact->sd();

    AxisSpan span{mean - kPosteriorHalfWidthSds * sd, mean + kPosteriorHalfWidthSds * sd};
    if (histogram.total() > 0) {
        span.lower = std::min(span.lower, histogram.minimum());
        span.upper = std::max(span.upper, histogram.maximum());
    }
    span.addMargin();
    const bool zeroInView = span.reach(0.0);
    const bool priorInView = span.reach(model.priorMean);
    plot()->xAxis->setRange(span.lower, span.upper);

    drawHistogram(histogram);
    drawCurves(*exact, model.priorMean, model.priorSd);
    bars_->setName(tr("draws (n = %1)").arg(histogram.total()));
    prior_->setName(priorName(model.priorMean, model.priorSd));
    setLegendWanted(true);

    zeroLine_->setVisible(zeroInView);
    zeroLabel_->setVisible(zeroInView);
    if (zeroInView) {
        zeroNote_.hide();
    } else {
        const bool left = 0.0 < span.lower;
        zeroNote_.show(left, tr("w = 0 is %1 sd %2").arg(sdCount(mean, sd), sideOf(left)), nullptr);
    }
    if (priorInView) {
        priorNote_.hide();
    } else {
        const bool left = model.priorMean < span.lower;
        // A prior centred at 0 is where the note above points: said in a few words, it fits
        // a narrow plot.
        const QString where =
            model.priorMean == 0.0 && !zeroInView
                ? tr("%1 is there too").arg(priorName(model.priorMean, model.priorSd))
                : tr("%1 is centred %2 sd %3")
                      .arg(priorName(model.priorMean, model.priorSd),
                           sdCount(mean - model.priorMean, sd), sideOf(left));
        priorNote_.show(left, where, &zeroNote_);
    }

    if (histogram.total() == 0) {
        showHint(tr("Draws appear here after warmup"));
    } else {
        hideHint();
    }
    fitValueAxis();
    requestReplot();
}

void PosteriorPlot::clear() {
    bars_->data()->clear();
    exact_->data()->clear();
    prior_->data()->clear();
    zeroLine_->setVisible(false);
    zeroLabel_->setVisible(false);
    zeroNote_.hide();
    priorNote_.hide();
    setLegendWanted(false);
    plot()->xAxis->setRange(-3, 3);
    plot()->yAxis->setRange(0, 1);
    showHint(tr("Press Start to sample"));
    requestReplot();
}

void PosteriorPlot::drawHistogram(const DrawHistogram& histogram) {
    QVector<double> keys;
    QVector<double> densities;
    keys.reserve(histogram.bins());
    densities.reserve(histogram.bins());
    for (int bin = 0; bin < histogram.bins(); ++bin) {
        if (histogram.count(bin) == 0) continue;
        keys.append(histogram.lower() + (bin + 0.5) * histogram.binWidth());
        densities.append(histogram.density(bin));
    }
    bars_->setWidth(histogram.binWidth());
    bars_->setData(keys, densities, true);
}

void PosteriorPlot::drawCurves(const ExactPosterior& exact, double priorMean, double priorSd) {
    const QCPRange view = plot()->xAxis->range();
    // Each curve only where it has mass, so that all its points resolve its shape.
    const double exactFrom = std::max(view.lower, exact.lowerBound());
    const double exactTo = std::min(view.upper, exact.upperBound());
    if (exactFrom < exactTo) {
        const ExactPosterior::Curve curve = exact.curve(exactFrom, exactTo, kCurvePoints);
        exact_->setData(QVector<double>(curve.w.begin(), curve.w.end()),
                        QVector<double>(curve.density.begin(), curve.density.end()), true);
    } else {
        exact_->data()->clear();
    }

    const double priorFrom = std::max(view.lower, priorMean - kPriorHalfWidthSds * priorSd);
    const double priorTo = std::min(view.upper, priorMean + kPriorHalfWidthSds * priorSd);
    QVector<double> keys;
    QVector<double> densities;
    if (priorFrom < priorTo) {
        keys.reserve(kCurvePoints);
        densities.reserve(kCurvePoints);
        for (int i = 0; i < kCurvePoints; ++i) {
            const double w = priorFrom + (priorTo - priorFrom) * i / (kCurvePoints - 1);
            keys.append(w);
            densities.append(normalDensity(w, priorMean, priorSd));
        }
    }
    prior_->setData(keys, densities, true);
}

void PosteriorPlot::fitValueAxis() {
    double tallest = std::max(largest(exact_->data()), largest(prior_->data()));
    for (const QCPBarsData& bar : *bars_->data())
        tallest = std::max(tallest, bar.value);
    plot()->yAxis->setRange(0.0, tallest > 0.0 ? kHeadroom * tallest : 1.0);
}

}  // namespace couplinglab::ui
