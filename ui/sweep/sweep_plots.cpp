#include "ui/sweep/sweep_plots.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

namespace {

constexpr int kTheoryPoints = 64;
constexpr double kMarkerSize = 7.0;
const QColor kKeyColour(60, 60, 60);
const QColor kTheoryColour(110, 110, 110);

int combinationIndex(const SweepCombination& combination) {
    const auto all = allSweepCombinations();
    return static_cast<int>(std::ranges::find(all, combination) - all.begin());
}

bool showable(double value) {
    return std::isfinite(value) && value > 0.0;
}

// Diagonal (adapted) first, as the legend lists them.
int metricOrder(MetricKind metric) {
    switch (metric) {
        case MetricKind::Diagonal:
            return 0;
        case MetricKind::Unit:
            return 1;
        case MetricKind::Dense:
            return 2;
    }
    return 3;
}

Qt::PenStyle metricLine(MetricKind metric) {
    switch (metric) {
        case MetricKind::Unit:
            return Qt::DashLine;
        case MetricKind::Dense:
            return Qt::DashDotLine;
        case MetricKind::Diagonal:
            break;
    }
    return Qt::SolidLine;
}

QPen seriesPen(int combination, MetricKind metric) {
    QPen pen = PlotStyle::chainPen(combination, metricLine(metric));
    pen.setWidthF(1.8);
    return pen;
}

// Filled discs for the adapted diagonal metric, open squares for the unit one, filled
// triangles for the dense one: told apart in black and white too.
QCPScatterStyle seriesMarker(const QColor& colour, MetricKind metric) {
    switch (metric) {
        case MetricKind::Unit:
            return QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(colour, 1.6), QBrush(Qt::white),
                                   kMarkerSize);
        case MetricKind::Dense:
            return QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(colour, 1.6), QBrush(colour),
                                   kMarkerSize + 1.0);
        case MetricKind::Diagonal:
            break;
    }
    return QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, kMarkerSize);
}

QString metricName(MetricKind metric, bool severalParameters) {
    switch (metric) {
        case MetricKind::Unit:
            return SweepPlot::tr("unit metric");
        case MetricKind::Dense:
            return SweepPlot::tr("dense metric");
        case MetricKind::Diagonal:
            break;
    }
    return severalParameters ? SweepPlot::tr("diagonal metric") : SweepPlot::tr("adapted metric");
}

}  // namespace

bool SweepPlot::Key::operator<(const Key& other) const {
    return combination != other.combination ? combination < other.combination
                                            : metricOrder(metric) < metricOrder(other.metric);
}

SweepPlot::SweepPlot(const QString& title, const QString& subtitle, const QString& valueLabel,
                     const QString& compactValueLabel, QWidget* parent)
    : PlotPanel(title, subtitle, parent) {
    QCustomPlot* p = plot();
    PlotStyle::makeLogarithmic(p->xAxis);
    PlotStyle::makeLogarithmic(p->yAxis);
    setAxisLabel(p->xAxis, tr("pairs N"), QString());
    setAxisLabel(p->yAxis, valueLabel, compactValueLabel);
    p->xAxis->setRange(5, 2e7);
    p->yAxis->setRange(0.1, 10);
    placeLegendInTitleLine();
    connect(p, &QCustomPlot::plottableClick, this,
            [this](QCPAbstractPlottable* plottable, int dataIndex, QMouseEvent*) {
                onPlottableClick(plottable, dataIndex);
            });
    showHint(tr("Press Run sweep"));
}

QString SweepPlot::combinationName(const SweepCombination& combination) {
    const QString likelihood =
        combination.likelihood == Likelihood::ExactBoltzmann ? tr("Boltzmann") : tr("potential");
    return combination.divideByN ? likelihood + tr(" ÷ N") : likelihood;
}

double SweepPlot::exactValue(const SweepPoint&) const {
    return std::numeric_limits<double>::quiet_NaN();
}

double SweepPlot::secondaryValue(const SweepPoint&) const {
    return std::numeric_limits<double>::quiet_NaN();
}

void SweepPlot::addTheory(const SweepSpec&, double, double) {}

void SweepPlot::clear() {
    plot()->clearGraphs();
    series_.clear();
    sweepIndices_.clear();
    theory_.clear();
    sampleCount_ = 0;
    setLegendWanted(false);
    showHint(tr("Press Run sweep"));
    requestReplot();
}

QCPGraph* SweepPlot::seriesGraph(const SweepCombination& combination, MetricKind metric) const {
    const auto it = series_.find(Key{combinationIndex(combination), metric});
    return it == series_.end() ? nullptr : it->second;
}

int SweepPlot::sampleCount() const {
    return sampleCount_;
}

QStringList SweepPlot::legendNames() const {
    QStringList names;
    for (int i = 0; i < plot()->legend->itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot()->legend->item(i)))
            names << item->plottable()->name().trimmed();
    }
    return names;
}

void SweepPlot::setExplanation(const QString& text) {
    // PlotPanel draws its explanation as a text element of the plot's own layout.
    const QString current = subtitle();
    QCPLayoutGrid* grid = plot()->plotLayout();
    for (int i = 0; i < grid->elementCount(); ++i) {
        auto* element = qobject_cast<QCPTextElement*>(grid->elementAt(i));
        if (element != nullptr && element->text() == current) {
            element->setText(text);
            setToolTip(text);
            return;
        }
    }
}

QCPGraph* SweepPlot::addSeries(const Key& key, bool secondary) {
    QCPGraph* graph = plot()->addGraph();
    const QColor colour = PlotStyle::chain(key.combination);
    if (secondary) {
        QPen pen(colour, 1.4, Qt::DotLine);
        graph->setPen(pen);
        graph->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 1.4), QBrush(Qt::white), 5.5));
    } else {
        graph->setPen(seriesPen(key.combination, key.metric));
        graph->setScatterStyle(seriesMarker(colour, key.metric));
    }
    graph->removeFromLegend();
    return graph;
}

void SweepPlot::addTheoryLine(const QString& name, Qt::PenStyle style, double from, double to,
                              const std::function<double(double)>& f) {
    QCPGraph* graph = plot()->addGraph();
    graph->setName(name);
    graph->setObjectName(QStringLiteral("theory"));
    graph->setPen(QPen(kTheoryColour, 1.6, style));
    graph->setLayer(QStringLiteral("grid"));  // under the data
    QVector<double> keys;
    QVector<double> values;
    for (int i = 0; i < kTheoryPoints; ++i) {
        const double n = from * std::pow(to / from, static_cast<double>(i) / (kTheoryPoints - 1));
        const double y = f(n);
        if (showable(y)) {
            keys << n;
            values << y;
        }
    }
    graph->setData(keys, values, true);
    graph->removeFromLegend();
    theory_.append(graph);
    // Named where it ends rather than in the legend, which keeps to the colours and line
    // styles of the sweep's own series (up to ten entries otherwise).
    if (keys.isEmpty()) return;
    auto* label = new QCPItemText(plot());
    label->setObjectName(QStringLiteral("theory-label"));
    label->setText(name);
    label->setFont(PlotStyle::annotationFont());
    label->setColor(kTheoryColour.darker(140));
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    label->setClipToAxisRect(true);
    label->setSelectable(false);
    label->setLayer(QStringLiteral("grid"));  // under the points, which take the clicks
    label->position->setCoords(keys.back() / 1.4, f(keys.back() / 1.4));
    theoryLabels_.append(label);
}

QStringList SweepPlot::theoryLabels() const {
    QStringList names;
    for (const QCPItemText* label : theoryLabels_)
        names << label->text();
    return names;
}

void SweepPlot::addLegendKeys(const std::vector<bool>& combinations,
                              const std::vector<MetricKind>& metrics, bool severalParameters,
                              bool exact, bool secondary) {
    QCustomPlot* p = plot();
    auto key = [p](const QString& name, const QPen& pen, const QCPScatterStyle& scatter) {
        QCPGraph* graph = p->addGraph();
        graph->setName(name);
        graph->setObjectName(QStringLiteral("legend-key"));
        graph->setPen(pen);
        graph->setScatterStyle(scatter);
        graph->setSelectable(QCP::stNone);
        return graph;
    };
    const auto all = allSweepCombinations();
    for (std::size_t c = 0; c < all.size(); ++c) {
        if (!combinations[c]) continue;
        const QColor colour = PlotStyle::chain(static_cast<int>(c));
        key(combinationName(all[c]), QPen(colour, 3.0), QCPScatterStyle(QCPScatterStyle::ssNone));
    }
    if (metrics.size() > 1) {
        for (const MetricKind metric : metrics) {
            key(metricName(metric, severalParameters), QPen(kKeyColour, 1.8, metricLine(metric)),
                seriesMarker(kKeyColour, metric));
        }
    }
    if (secondary && std::ranges::count(metrics, MetricKind::Unit) < std::ssize(metrics)) {
        key(secondaryName(), QPen(kKeyColour, 1.4, Qt::DotLine),
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kKeyColour, 1.4), QBrush(Qt::white),
                            5.5));
    }
    if (exact) key(tr("exact"), QPen(kKeyColour, 1.0), QCPScatterStyle(QCPScatterStyle::ssNone));
}

void SweepPlot::setPoints(const SweepSpec& spec, const std::vector<SweepPoint>& points) {
    QCustomPlot* p = plot();
    p->clearGraphs();
    for (QCPItemText* label : std::as_const(theoryLabels_))
        p->removeItem(label);
    theoryLabels_.clear();
    series_.clear();
    sweepIndices_.clear();
    theory_.clear();
    sampleCount_ = 0;

    // The x range of the whole sweep, fixed while it runs.
    std::uint64_t lowest = 10;
    std::uint64_t highest = 10'000'000;
    if (!spec.pairs.empty()) {
        lowest = std::ranges::min(spec.pairs);
        highest = std::ranges::max(spec.pairs);
    }
    for (const SweepPoint& point : points) {
        lowest = std::min(lowest, point.pairs);
        highest = std::max(highest, point.pairs);
    }
    const double from = static_cast<double>(lowest) / 1.8;
    const double to = static_cast<double>(highest) * 1.8;
    p->xAxis->setRange(from, to);

    std::vector<SweepPoint> sorted = points;
    std::ranges::stable_sort(sorted, {}, &SweepPoint::pairs);

    double low = std::numeric_limits<double>::infinity();
    double high = 0.0;
    auto extend = [&](double y) {
        if (showable(y)) {
            low = std::min(low, y);
            high = std::max(high, y);
        }
    };

    std::vector<bool> combinations(allSweepCombinations().size(), false);
    std::vector<MetricKind> metrics;  // in legend order
    const bool several = spec.shape.dimension() > 1;
    bool anyExact = false;
    bool anySecondary = false;

    // Exact values, one thin line per combination, under the samples.
    std::map<int, std::pair<QVector<double>, QVector<double>>> exact;
    for (const SweepPoint& point : sorted) {
        const int c = combinationIndex(point.combination());
        combinations[static_cast<std::size_t>(c)] = true;
        if (std::ranges::count(metrics, point.metric) == 0) metrics.push_back(point.metric);
        const double y = exactValue(point);
        if (!showable(y)) continue;
        auto& [keys, values] = exact[c];
        if (!keys.isEmpty() && keys.back() == static_cast<double>(point.pairs)) continue;
        keys << static_cast<double>(point.pairs);
        values << y;
        extend(y);
    }
    for (auto& [c, data] : exact) {
        QCPGraph* graph = p->addGraph();
        QColor colour = PlotStyle::chain(c);
        graph->setPen(QPen(colour, 1.0));
        graph->setObjectName(QStringLiteral("exact"));
        graph->setData(data.first, data.second, true);
        graph->removeFromLegend();
        anyExact = true;
    }

    struct Data {
        QVector<double> keys, values;
        std::vector<int> indices;
    };
    std::map<Key, Data> samples;
    std::map<Key, Data> secondary;
    for (const SweepPoint& point : sorted) {
        const Key key{combinationIndex(point.combination()), point.metric};
        const double y = sampleValue(point);
        if (showable(y)) {
            Data& d = samples[key];
            d.keys << static_cast<double>(point.pairs);
            d.values << y;
            d.indices.push_back(point.index);
            extend(y);
        }
        const double z = point.adaptMetric() ? secondaryValue(point) : std::nan("");
        if (showable(z)) {
            Data& d = secondary[key];
            d.keys << static_cast<double>(point.pairs);
            d.values << z;
            d.indices.push_back(point.index);
            extend(z);
        }
    }
    for (auto& [key, d] : secondary) {
        QCPGraph* graph = addSeries(key, true);
        graph->setObjectName(QStringLiteral("secondary"));
        graph->setData(d.keys, d.values, true);
        sweepIndices_[graph] = d.indices;
        anySecondary = true;
    }
    for (auto& [key, d] : samples) {
        QCPGraph* graph = addSeries(key, false);
        const SweepCombination combination =
            allSweepCombinations()[static_cast<std::size_t>(key.combination)];
        graph->setName(combinationName(combination) + QStringLiteral(", ") +
                       metricName(key.metric, several));
        graph->setObjectName(QStringLiteral("series"));
        graph->setData(d.keys, d.values, true);
        sweepIndices_[graph] = d.indices;
        series_[key] = graph;
        sampleCount_ += static_cast<int>(d.keys.size());
    }

    if (!points.empty()) addTheory(spec, from, to);
    std::ranges::sort(metrics, {}, metricOrder);
    addLegendKeys(combinations, metrics, several, anyExact, anySecondary);
    padLegendNames();

    const QCPRange minimum = minimumValueRange();
    low = std::min(low, minimum.lower);
    high = std::max(high, minimum.upper);
    if (high > 0.0 && std::isfinite(low)) {
        // At least two decades: over less than about 1.6, QCP's log ticker falls back to
        // linear ticks such as 2.5, 5, 7.5.
        const double centre = std::sqrt(low * high);
        const double decades = minimumDecades();
        if (decades > 0.0 && high / low < std::pow(10.0, decades)) {
            low = std::min(low, centre / std::pow(10.0, decades / 2.0));
            high = std::max(high, centre * std::pow(10.0, decades / 2.0));
        }
        p->yAxis->setRange(low / 1.8, high * 1.8);
    }
    if (points.empty()) {
        showHint(tr("Press Run sweep"));
    } else {
        hideHint();
    }
    setLegendWanted(!points.empty());
    requestReplot();
}

void SweepPlot::padLegendNames() {
    // PlotPanel wraps the legend after as many entries as fit in the first row; a wider entry in
    // a later row would then widen its column past the plot's edge and be cut off. Entries of
    // one width make every row fit when the first does.
    QCPLegend* legend = plot()->legend;
    const QFontMetrics metrics(legend->font());
    int widest = 0;
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
            widest = std::max(widest, metrics.horizontalAdvance(item->plottable()->name()));
    }
    const QChar space(0x2009);  // thin space: fine steps
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
        if (item == nullptr) continue;
        QString name = item->plottable()->name();
        while (metrics.horizontalAdvance(name) < widest)
            name += space;
        item->plottable()->setName(name);
    }
}

void SweepPlot::onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex) {
    const auto it = sweepIndices_.find(plottable);
    if (it == sweepIndices_.end() || dataIndex < 0 ||
        dataIndex >= static_cast<int>(it->second.size())) {
        return;
    }
    emit pointClicked(it->second[static_cast<std::size_t>(dataIndex)]);
}

}  // namespace couplinglab::ui
