#pragma once

#include <QVector>
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace couplinglab::ui {

// Points ready for QCPGraph::setData(keys, values, true): keys ascending.
struct PlotSeries {
    QVector<double> keys;
    QVector<double> values;

    int size() const { return static_cast<int>(keys.size()); }
    bool empty() const { return keys.isEmpty(); }
    void clear() {
        keys.clear();
        values.clear();
    }
    void reserve(qsizetype points) {
        keys.reserve(points);
        values.reserve(points);
    }
    void append(double key, double value) {
        keys.append(key);
        values.append(value);
    }
};

// The lowest and highest sample of a run, each at its first occurrence. NaNs never win.
struct Extremes {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    std::int64_t lowAt = -1;
    std::int64_t highAt = -1;

    void add(std::int64_t at, double value) {
        if (value < low) {
            low = value;
            lowAt = at;
        }
        if (value > high) {
            high = value;
            highAt = at;
        }
    }
    // `later` covers samples after all of ours: ties stay with the earlier sample.
    void merge(const Extremes& later) {
        if (later.lowAt >= 0 && later.low < low) {
            low = later.low;
            lowAt = later.lowAt;
        }
        if (later.highAt >= 0 && later.high > high) {
            high = later.high;
            highAt = later.highAt;
        }
    }
};

// The smallest budget that still holds the first and last point and one bucket's min and max.
inline constexpr int kMinDecimationPoints = 4;

// How many buckets a budget of `maxPoints` affords: two points per bucket plus the first and
// last point of the series.
inline std::int64_t decimationBuckets(int maxPoints) {
    return std::max(1, (std::max(maxPoints, kMinDecimationPoints) - 2) / 2);
}

// The bucket walk shared by the decimators: `extremesOf(begin, end)` says where the lowest and
// highest sample of [begin, end) are, however it finds out.
template <class ValueAt, class ExtremesOf>
void decimateByBuckets(std::int64_t first, std::int64_t last, int maxPoints, ValueAt&& valueAt,
                       ExtremesOf&& extremesOf, PlotSeries& out) {
    out.clear();
    const std::int64_t count = last - first;
    if (count <= 0) return;
    if (count <= std::max(maxPoints, kMinDecimationPoints)) {
        out.reserve(count);
        for (std::int64_t i = first; i < last; ++i)
            out.append(static_cast<double>(i), static_cast<double>(valueAt(i)));
        return;
    }
    const std::int64_t buckets = decimationBuckets(maxPoints);
    out.reserve(2 * buckets + 2);
    const auto keep = [&](std::int64_t i, double value) {
        if (i >= 0 && i != first && i != last - 1) out.append(static_cast<double>(i), value);
    };
    out.append(static_cast<double>(first), static_cast<double>(valueAt(first)));
    for (std::int64_t b = 0; b < buckets; ++b) {
        const Extremes e =
            extremesOf(first + count * b / buckets, first + count * (b + 1) / buckets);
        if (e.lowAt == e.highAt) {
            keep(e.lowAt, e.low);
        } else if (e.lowAt < e.highAt) {
            keep(e.lowAt, e.low);
            keep(e.highAt, e.high);
        } else {
            keep(e.highAt, e.high);
            keep(e.lowAt, e.low);
        }
    }
    out.append(static_cast<double>(last - 1), static_cast<double>(valueAt(last - 1)));
}

template <class ValueAt>
Extremes scanExtremes(std::int64_t begin, std::int64_t end, ValueAt&& valueAt) {
    Extremes e;
    for (std::int64_t i = begin; i < end; ++i)
        e.add(i, static_cast<double>(valueAt(i)));
    return e;
}

// Min/max decimation of the series (i, valueAt(i)), i in [first, last): a line drawn through the
// result covers the same pixels as one drawn through every sample when there are about
// maxPoints / 2 pixels across, because each bucket keeps its lowest and highest sample (in
// their original order) and the ends are kept exactly. Series no longer than maxPoints pass
// through unchanged. NaNs are gaps: they never win a bucket. The point count is at most
// max(maxPoints, 4).
//
// A template so that each column of the history (doubles, bytes, ints) is read in place,
// inlined, without copying a million values first.
template <class ValueAt>
void decimateMinMax(std::int64_t first, std::int64_t last, int maxPoints, ValueAt&& valueAt,
                    PlotSeries& out) {
    decimateByBuckets(
        first, last, maxPoints, valueAt,
        [&](std::int64_t begin, std::int64_t end) { return scanExtremes(begin, end, valueAt); },
        out);
}

// The same for a column of doubles whose first sample has key `firstKey`.
void decimateMinMax(std::span<const double> values, std::int64_t firstKey, int maxPoints,
                    PlotSeries& out);

// The same for scattered points (keys ascending, not necessarily evenly spaced): the buckets
// are of equal width in key, so a dense stretch costs as many points as a sparse one.
void decimateMinMax(std::span<const double> keys, std::span<const double> values, int maxPoints,
                    PlotSeries& out);

// decimateMinMax for a column that only grows, as a chain's history does while sampling: the
// extremes of every complete block of kBlockSize samples are remembered, so decimating a window
// of a million samples reads some 16 000 block summaries and the samples between bucket edges
// and block edges, not every sample. The result is identical to decimateMinMax's.
class MinMaxBlocks {
  public:
    static constexpr std::int64_t kBlockSize = 64;

    // Summarises the blocks completed since the last call. A column that shrank or whose
    // summarised samples changed (the history was reset) is summarised afresh.
    template <class ValueAt>
    void extend(std::int64_t count, ValueAt&& valueAt) {
        if (count < summarised() || !stillDescribes(valueAt)) clear();
        for (std::int64_t begin = summarised(); begin + kBlockSize <= count; begin += kBlockSize) {
            const Extremes e = scanExtremes(begin, begin + kBlockSize, valueAt);
            lows_.push_back(e.low);
            highs_.push_back(e.high);
            offsets_.push_back({offsetOf(e.lowAt, begin), offsetOf(e.highAt, begin)});
        }
    }

    template <class ValueAt>
    void decimate(std::int64_t first, std::int64_t last, int maxPoints, ValueAt&& valueAt,
                  PlotSeries& out) const {
        decimateByBuckets(
            first, last, maxPoints, valueAt,
            [&](std::int64_t begin, std::int64_t end) { return extremes(begin, end, valueAt); },
            out);
    }

    void clear();
    std::int64_t summarised() const { return static_cast<std::int64_t>(lows_.size()) * kBlockSize; }

  private:
    static constexpr std::uint8_t kNoSample = 0xFF;  // a block of NaNs
    struct Offsets {
        std::uint8_t low;
        std::uint8_t high;
    };

    static std::uint8_t offsetOf(std::int64_t at, std::int64_t blockBegin) {
        return at < 0 ? kNoSample : static_cast<std::uint8_t>(at - blockBegin);
    }

    Extremes block(std::size_t index) const {
        const auto begin = static_cast<std::int64_t>(index) * kBlockSize;
        const Offsets o = offsets_[index];
        return {lows_[index], highs_[index], o.low == kNoSample ? -1 : begin + o.low,
                o.high == kNoSample ? -1 : begin + o.high};
    }

    template <class ValueAt>
    Extremes extremes(std::int64_t begin, std::int64_t end, ValueAt&& valueAt) const {
        // [begin, end) = a head of loose samples, whole summarised blocks, a tail of loose ones.
        const std::int64_t wholeBegin = (begin + kBlockSize - 1) / kBlockSize * kBlockSize;
        const std::int64_t blocksEnd = std::min(end, summarised());
        if (blocksEnd < wholeBegin + kBlockSize) return scanExtremes(begin, end, valueAt);
        const std::int64_t wholeEnd = blocksEnd / kBlockSize * kBlockSize;
        Extremes e = scanExtremes(begin, wholeBegin, valueAt);
        for (std::int64_t i = wholeBegin; i < wholeEnd; i += kBlockSize)
            e.merge(block(static_cast<std::size_t>(i / kBlockSize)));
        e.merge(scanExtremes(wholeEnd, end, valueAt));
        return e;
    }

    // The first and last summarised blocks still hold what they held: a reset history shows up
    // here unless it reproduced the same samples, and then the summaries are still right.
    template <class ValueAt>
    bool stillDescribes(ValueAt&& valueAt) const {
        if (lows_.empty()) return true;
        const auto same = [&](std::size_t index) {
            const auto begin = static_cast<std::int64_t>(index) * kBlockSize;
            const Extremes now = scanExtremes(begin, begin + kBlockSize, valueAt);
            const Extremes then = block(index);
            return now.lowAt == then.lowAt && now.highAt == then.highAt &&
                   (now.lowAt < 0 || now.low == then.low) &&
                   (now.highAt < 0 || now.high == then.high);
        };
        return same(0) && same(lows_.size() - 1);
    }

    std::vector<double> lows_;
    std::vector<double> highs_;
    std::vector<Offsets> offsets_;
};

}  // namespace couplinglab::ui
