#include "ui/plots/step_size_plot.h"

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"
#include "ui/plots/time_series_parts.h"

namespace couplinglab::ui {

using namespace time_series;

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
    PlotStyle::makeLogarithmic(plot()->yAxis);
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

}  // namespace couplinglab::ui
