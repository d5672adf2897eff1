#include "ui/sweep/sweep_plots.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

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

QSharedPointer<QCPAxisTickerLog> logTicker() {
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setLogBase(10);
    ticker->setSubTickCount(8);
    return ticker;
}

// As the time-series plots do: plain numbers while they are short, powers of ten beyond.
void makeLogarithmic(QCPAxis* axis) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(logTicker());
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(3);
}

QPen seriesPen(int combination, bool adaptMetric) {
    QPen pen = PlotStyle::chainPen(combination, adaptMetric ? Qt::SolidLine : Qt::DashLine);
    pen.setWidthF(1.8);
    return pen;
}

QCPScatterStyle seriesMarker(const QColor& colour, bool adaptMetric) {
    if (adaptMetric) {
        return QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, kMarkerSize);
    }
    return QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(colour, 1.6), QBrush(Qt::white),
                           kMarkerSize);
}

// The exact Boltzmann posterior sd that theory expects at N for data with C/N = tanh W: the
// Laplace approximation 1/√(1/σ0² + N·(1 − tanh² W)).
double theoryBoltzmannSd(double pairs, double coupling, double priorSd) {
    const double t = std::tanh(coupling);
    return 1.0 / std::sqrt(1.0 / (priorSd * priorSd) + pairs * (1.0 - t * t));
}

QString couplingText(double coupling) {
    return QLocale::c().toString(coupling, 'g', 3).replace(QLatin1Char('-'), QChar(0x2212));
}

}  // namespace

SweepPlot::SweepPlot(const QString& title, const QString& subtitle, const QString& valueLabel,
                     const QString& compactValueLabel, QWidget* parent)
    : PlotPanel(title, subtitle, parent) {
    QCustomPlot* p = plot();
    makeLogarithmic(p->xAxis);
    makeLogarithmic(p->yAxis);
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

QCPGraph* SweepPlot::seriesGraph(const SweepCombination& combination, bool adaptMetric) const {
    const auto it = series_.find(Key{combinationIndex(combination), adaptMetric});
    return it == series_.end() ? nullptr : it->second;
}

int SweepPlot::sampleCount() const {
    return sampleCount_;
}

QStringList SweepPlot::legendNames() const {
    QStringList names;
    for (int i = 0; i < plot()->legend->itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot()->legend->item(i)))
            names << item->plottable()->name();
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
        graph->setPen(seriesPen(key.combination, key.adaptMetric));
        graph->setScatterStyle(seriesMarker(colour, key.adaptMetric));
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
    theory_.append(graph);
}

void SweepPlot::addLegendKeys(const std::vector<bool>& combinations, bool adapted, bool unit,
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
    if (adapted && unit) {
        key(tr("adapted metric"), QPen(kKeyColour, 1.8), seriesMarker(kKeyColour, true));
        key(tr("unit metric"), QPen(kKeyColour, 1.8, Qt::DashLine),
            seriesMarker(kKeyColour, false));
    }
    if (secondary && adapted) {
        key(secondaryName(), QPen(kKeyColour, 1.4, Qt::DotLine),
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kKeyColour, 1.4), QBrush(Qt::white),
                            5.5));
    }
    if (exact) key(tr("exact"), QPen(kKeyColour, 1.0), QCPScatterStyle(QCPScatterStyle::ssNone));
}

void SweepPlot::setPoints(const SweepSpec& spec, const std::vector<SweepPoint>& points) {
    QCustomPlot* p = plot();
    p->clearGraphs();
    series_.clear();
    sweepIndices_.clear();
    theory_.clear();
    sampleCount_ = 0;

    // The x range of the whole sweep, fixed while it runs.
    const auto [lowest, highest] = std::ranges::minmax(spec.pairs);
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
    bool adapted = false;
    bool unit = false;
    bool anyExact = false;
    bool anySecondary = false;

    // Exact values, one thin line per combination, under the samples.
    std::map<int, std::pair<QVector<double>, QVector<double>>> exact;
    for (const SweepPoint& point : sorted) {
        const int c = combinationIndex(point.combination());
        combinations[static_cast<std::size_t>(c)] = true;
        (point.adaptMetric ? adapted : unit) = true;
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
        const Key key{combinationIndex(point.combination()), point.adaptMetric};
        const double y = sampleValue(point);
        if (showable(y)) {
            Data& d = samples[key];
            d.keys << static_cast<double>(point.pairs);
            d.values << y;
            d.indices.push_back(point.index);
            extend(y);
        }
        const double z = point.adaptMetric ? secondaryValue(point) : std::nan("");
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
        graph->setName(combinationName(combination) +
                       (key.adaptMetric ? tr(", adapted metric") : tr(", unit metric")));
        graph->setObjectName(QStringLiteral("series"));
        graph->setData(d.keys, d.values, true);
        sweepIndices_[graph] = d.indices;
        series_[key] = graph;
        sampleCount_ += static_cast<int>(d.keys.size());
    }

    if (!points.empty()) addTheory(spec, from, to);
    addLegendKeys(combinations, adapted, unit, anyExact, anySecondary);
    for (QCPGraph* graph : std::as_const(theory_)) {
        graph->removeFromLegend();
        graph->addToLegend();  // after the keys
    }

    const QCPRange minimum = minimumValueRange();
    low = std::min(low, minimum.lower);
    high = std::max(high, minimum.upper);
    if (high > 0.0 && std::isfinite(low)) {
        // At least one decade, so that the log axis has ticks to label.
        const double centre = std::sqrt(low * high);
        if (high / low < 10.0) {
            low = std::min(low, centre / std::sqrt(10.0));
            high = std::max(high, centre * std::sqrt(10.0));
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

void SweepPlot::onPlottableClick(QCPAbstractPlottable* plottable, int dataIndex) {
    const auto it = sweepIndices_.find(plottable);
    if (it == sweepIndices_.end() || dataIndex < 0 ||
        dataIndex >= static_cast<int>(it->second.size())) {
        return;
    }
    emit pointClicked(it->second[static_cast<std::size_t>(dataIndex)]);
}

// ---------------------------------------------------------------------------------------------

SweepStepSizePlot::SweepStepSizePlot(QWidget* parent)
    : SweepPlot(tr("Step size against N"),
                tr("A unit metric must step at the posterior's scale: ε follows its sd, 1/√N for "
                   "exact Boltzmann. An adapted metric keeps ε near 1, until Stan's regularised "
                   "metric stops absorbing the scale (N ≳ 10⁵)."),
                tr("step size ε"), tr("ε"), parent) {}

double SweepStepSizePlot::secondaryValue(const SweepPoint& point) const {
    return point.effectiveStepSize;
}

QString SweepStepSizePlot::secondaryName() const {
    return tr("ε·√(inv. metric), adapted");
}

void SweepStepSizePlot::addTheory(const SweepSpec& spec, double from, double to) {
    const bool boltzmann =
        std::ranges::count(spec.combinations, SweepCombination{Likelihood::ExactBoltzmann, false});
    if (!boltzmann) return;
    const double w = spec.coupling;
    const double priorSd = spec.prior.priorSd;
    addTheoryLine(tr("Boltzmann sd"), Qt::DashLine, from, to,
                  [=](double n) { return theoryBoltzmannSd(n, w, priorSd); });
    if (std::ranges::count(spec.adaptMetric, true) > 0) {
        const SamplerSettings sampler = spec.sampler;
        addTheoryLine(tr("ε, adapted metric (theory)"), Qt::DashDotLine, from, to, [=](double n) {
            return expectedStepSize(theoryBoltzmannSd(n, w, priorSd), true, sampler);
        });
    }
}

// ---------------------------------------------------------------------------------------------

SweepSdPlot::SweepSdPlot(QWidget* parent)
    : SweepPlot(tr("Posterior sd against N"),
                tr("Markers: the sample's sd; thin lines: the exact sd. Only the exact Boltzmann "
                   "posterior narrows with more data, like 1/√N; the others stay at the prior's "
                   "scale."),
                tr("posterior sd of w"), tr("sd"), parent) {}

void SweepSdPlot::addTheory(const SweepSpec& spec, double from, double to) {
    const double scale = std::cosh(spec.coupling);
    const QString name = spec.coupling == 0.0
                             ? tr("1/√N")
                             : tr("cosh(W)/√N, W = %1").arg(couplingText(spec.coupling));
    addTheoryLine(name, Qt::DashLine, from, to, [=](double n) { return scale / std::sqrt(n); });
}

// ---------------------------------------------------------------------------------------------

SweepMeanPlot::SweepMeanPlot(QWidget* parent)
    : SweepPlot(tr("|Posterior mean| against N"),
                tr("Potential only: the mean is C, of order √N for independent bits and N·tanh W "
                   "with a true coupling W."),
                tr("|posterior mean of w|"), tr("|mean|"), parent) {}

double SweepMeanPlot::sampleValue(const SweepPoint& point) const {
    return std::abs(point.mean);
}

double SweepMeanPlot::exactValue(const SweepPoint& point) const {
    return std::abs(point.exactMean);
}

void SweepMeanPlot::addTheory(const SweepSpec& spec, double from, double to) {
    const double w = spec.coupling;
    const double variance = spec.prior.priorSd * spec.prior.priorSd;
    const double mu = spec.prior.priorMean;
    if (w == 0.0) {
        setExplanation(
            tr("Potential only: the mean is C, of order ±√N for independent bits "
               "(W = 0; line: E|C| = √(2N/π)); exact Boltzmann's mean, atanh(C/N), "
               "shrinks like 1/√N."));
        addTheoryLine(tr("√(2N/π)"), Qt::DashLine, from, to,
                      [=](double n) { return variance * std::sqrt(2.0 * n / std::numbers::pi); });
        addTheoryLine(tr("√(2/(πN))"), Qt::DotLine, from, to,
                      [](double n) { return std::sqrt(2.0 / (std::numbers::pi * n)); });
    } else {
        setExplanation(tr("Potential only: the mean is C ≈ N·tanh W, growing like N with the "
                          "true coupling W = %1 (line); exact Boltzmann recovers W.")
                           .arg(couplingText(w)));
        addTheoryLine(tr("N·tanh W"), Qt::DashLine, from, to,
                      [=](double n) { return std::abs(mu + variance * n * std::tanh(w)); });
        addTheoryLine(tr("|W|"), Qt::DotLine, from, to, [=](double) { return std::abs(w); });
    }
}

// ---------------------------------------------------------------------------------------------

SweepLeapfrogPlot::SweepLeapfrogPlot(QWidget* parent)
    : SweepPlot(tr("Leapfrog steps per draw against N"),
                tr("With the step matched to the posterior's scale, a draw costs the same few "
                   "steps at every N."),
                tr("leapfrog steps per draw"), tr("steps"), parent) {}

}  // namespace couplinglab::ui
