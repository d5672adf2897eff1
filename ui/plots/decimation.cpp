#include "ui/plots/decimation.h"

#include <cassert>

namespace couplinglab::ui {

void MinMaxBlocks::clear() {
    lows_.clear();
    highs_.clear();
    offsets_.clear();
}

void decimateMinMax(std::span<const double> values, std::int64_t firstKey, int maxPoints,
                    PlotSeries& out) {
    const double* data = values.data();
    decimateMinMax(
        firstKey, firstKey + static_cast<std::int64_t>(values.size()), maxPoints,
        [data, firstKey](std::int64_t key) { return data[key - firstKey]; }, out);
}

void decimateMinMax(std::span<const double> keys, std::span<const double> values, int maxPoints,
                    PlotSeries& out) {
    assert(keys.size() == values.size());
    out.clear();
    const auto count = static_cast<std::int64_t>(keys.size());
    if (count == 0) return;
    if (count <= std::max(maxPoints, kMinDecimationPoints)) {
        out.reserve(count);
        for (std::int64_t i = 0; i < count; ++i)
            out.append(keys[i], values[i]);
        return;
    }
    const std::int64_t buckets = decimationBuckets(maxPoints);
    const double firstKey = keys.front();
    const double keySpan = keys.back() - firstKey;
    const double bucketsPerKey = keySpan > 0.0 ? static_cast<double>(buckets) / keySpan : 0.0;
    const auto bucketOf = [&](double key) {
        const auto bucket = static_cast<std::int64_t>((key - firstKey) * bucketsPerKey);
        return std::clamp<std::int64_t>(bucket, 0, buckets - 1);
    };
    const auto keep = [&](std::int64_t i) {
        if (i > 0 && i < count - 1) out.append(keys[i], values[i]);
    };
    const auto flush = [&](const Extremes& e) {
        keep(std::min(e.lowAt, e.highAt));
        if (e.lowAt != e.highAt) keep(std::max(e.lowAt, e.highAt));
    };

    out.reserve(2 * buckets + 2);
    out.append(keys.front(), values.front());
    Extremes extremes;
    std::int64_t bucket = 0;
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t next = bucketOf(keys[i]);
        if (next != bucket) {
            flush(extremes);
            extremes = Extremes();
            bucket = next;
        }
        extremes.add(i, values[i]);
    }
    flush(extremes);
    out.append(keys.back(), values.back());
}

}  // namespace couplinglab::ui
