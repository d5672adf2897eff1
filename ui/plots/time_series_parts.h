#pragma once

// What the four time-series plots share besides their base class: layer names, transparency,
// the extent of what is on screen, and decimating one column of a chain. Only their .cpp files
// include this.

#include <QColor>
#include <QString>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <qcustomplot.h>

#include "ui/plots/decimation.h"
#include "ui/plots/time_series_plot.h"

namespace couplinglab::ui::time_series {

inline const QString kShadingLayer = QStringLiteral("shading");  // above the grid, below the data
inline const QString kMarksLayer = QStringLiteral("marks");      // above the data
inline const QString kUnderDataLayer = QStringLiteral("under-data");  // below the data
inline constexpr int kDensityAlpha = 90;  // of 255: about six points on one pixel look opaque
inline constexpr int kDivergenceAlpha =
    170;  // the trace's crosses: still red, lighter than the lines
// Live squares are 2.5-5 pixels wide: a decimation bucket (its lowest and highest point) every
// 2 pixels rather than every pixel leaves no gap between them.
inline constexpr int kLiveScatterThinning = 2;
inline const QColor kLegendKeyColour(60, 60, 60);

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
inline IterationWindow clampToChain(IterationWindow window, const ChainHistory& chain) {
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

inline void setSeries(QCPGraph* graph, const PlotSeries& series) {
    graph->setData(series.keys, series.values, true);
}

// A graph that draws nothing and exists for its legend entry, to explain a line style or a
// shading once rather than once per chain.
QCPGraph* addLegendKey(QCustomPlot* plot, const QString& name, const QPen& pen,
                       const QCPScatterStyle& scatter = QCPScatterStyle());

// A chain's pen for scatters of many iterations: translucent, so dense bands darken.
QPen densityPen(int chain);

}  // namespace couplinglab::ui::time_series
