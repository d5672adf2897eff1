#pragma once

#include <QMetaType>
#include <QString>
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/exact_posterior.h"
#include "core/iteration_record.h"
#include "core/run_settings.h"

namespace couplinglab::ui {

// A value that changes rarely along a chain (step size, inverse metric), stored as the list of
// (index, value) changes: a sampling phase of a million draws costs one entry.
class RunLengthSeries {
  public:
    void append(std::size_t index, double value) {  // inline: called for every iteration
        if (changes_.empty() || changes_.back().second != value)
            changes_.emplace_back(index, value);
    }
    double at(std::size_t index) const;  // the value in force at `index`
    void clear() { changes_.clear(); }
    std::size_t changeCount() const { return changes_.size(); }
    // The (index, value) changes in index order, for plots that draw step functions.
    std::span<const std::pair<std::size_t, double>> changes() const { return changes_; }

  private:
    std::vector<std::pair<std::size_t, double>> changes_;
};

// Part of a ChunkedColumn handed to another thread: it holds the chunks it covers, so they
// outlive the column (a reset, a closed window), and the column only ever writes past the
// slice's end, so the two never touch the same element.
template <class T>
struct ColumnSlice {
    std::vector<std::shared_ptr<const T[]>> chunks;
    std::size_t offset = 0;  // of the first element in the first chunk
    std::size_t count = 0;

    void copyTo(T* out) const;
};

// A column that only grows, stored in fixed-size chunks: appending never moves what is there,
// so a history of millions of iterations grows without the pause of copying it all over, and
// a slice of it can be read on another thread while it grows.
template <class T>
class ChunkedColumn {
  public:
    static constexpr std::size_t kChunkSize = 1 << 16;

    // Room for up to `wanted` more elements, all in the last chunk: returns where to write them
    // and sets `granted` (1 to `wanted`, which must be positive); the caller writes them all.
    T* extend(std::size_t wanted, std::size_t& granted) {
        // Default-initialised, not zeroed: the caller writes every element before anyone reads
        // it, and zeroing a fresh chunk would touch its memory twice.
        if (size_ % kChunkSize == 0) chunks_.push_back(std::shared_ptr<T[]>(new T[kChunkSize]));
        T* slot = chunks_.back().get() + size_ % kChunkSize;
        granted = std::min(wanted, kChunkSize - size_ % kChunkSize);
        size_ += granted;
        return slot;
    }
    T operator[](std::size_t i) const { return chunks_[i / kChunkSize][i % kChunkSize]; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::size_t memoryBytes() const { return chunks_.size() * kChunkSize * sizeof(T); }
    // Elements [first, first + count), which must exist.
    ColumnSlice<T> slice(std::size_t first, std::size_t count) const {
        ColumnSlice<T> out;
        out.offset = first % kChunkSize;
        out.count = count;
        if (count == 0) return out;
        for (std::size_t c = first / kChunkSize; c <= (first + count - 1) / kChunkSize; ++c)
            out.chunks.push_back(chunks_[c]);
        return out;
    }

  private:
    std::vector<std::shared_ptr<T[]>> chunks_;
    std::size_t size_ = 0;
};

template <class T>
void ColumnSlice<T>::copyTo(T* out) const {
    std::size_t done = 0;
    std::size_t from = offset;
    for (const auto& chunk : chunks) {
        const std::size_t n = std::min(ChunkedColumn<T>::kChunkSize - from, count - done);
        std::copy_n(chunk.get() + from, n, out + done);
        done += n;
        from = 0;
    }
}

// One chain's iterations as the window received them, in compact columns (40 bytes per
// iteration, so 10^7 iterations stay well under 1 GB). Index i is iteration i of the chain.
class ChainHistory {
  public:
    void append(std::span<const IterationRecord> records);
    void clear();
    std::size_t size() const { return w_.size(); }
    bool empty() const { return w_.empty(); }

    IterationRecord record(std::size_t i) const;  // the full record, exactly as sampled
    double w(std::size_t i) const { return w_[i]; }
    // w of iterations [first, first + count), to be read on another thread.
    ColumnSlice<double> wSlice(std::size_t first, std::size_t count) const {
        return w_.slice(first, count);
    }
    double lp(std::size_t i) const { return lp_[i]; }
    double acceptStat(std::size_t i) const { return acceptStat_[i]; }
    double energy(std::size_t i) const { return energy_[i]; }
    int treeDepth(std::size_t i) const { return treeDepth_[i]; }
    int nLeapfrog(std::size_t i) const { return nLeapfrog_[i]; }
    bool divergent(std::size_t i) const { return (flags_[i] & kDivergent) != 0; }
    bool warmup(std::size_t i) const { return (flags_[i] & kWarmup) != 0; }
    int segment(std::size_t i) const { return segment_[i]; }
    double stepSize(std::size_t i) const { return stepSize_.at(i); }
    double inverseMetric(std::size_t i) const { return inverseMetric_.at(i); }
    double effectiveStepSize(std::size_t i) const;
    const RunLengthSeries& stepSizeChanges() const { return stepSize_; }
    const RunLengthSeries& inverseMetricChanges() const { return inverseMetric_; }

    std::size_t memoryBytes() const;

  private:
    static constexpr std::uint8_t kDivergent = 1;
    static constexpr std::uint8_t kWarmup = 2;
    ChunkedColumn<double> w_, lp_, acceptStat_, energy_;
    ChunkedColumn<std::int32_t> nLeapfrog_;
    ChunkedColumn<std::uint8_t> treeDepth_, flags_;
    ChunkedColumn<std::uint16_t> segment_;
    RunLengthSeries stepSize_, inverseMetric_;
};

// A stretch of a run under one target: it starts at a reset or at a switch of data, model or
// sampler settings, and runs `warmup` adaptation iterations before it samples.
struct Segment {
    int index = 0;
    std::int64_t start = 0;  // first iteration (same for every chain)
    int warmup = 0;          // 0 when the tuning was kept
    std::vector<std::pair<std::int64_t, std::int64_t>> slowWindows;  // metric windows, iterations
    RunSettings settings;
    SufficientStatistic statistic;
    QString label;  // what changed, e.g. "divide by N: on"; empty for the first segment
};

// Histogram of the current segment's post-warmup draws, pooled over chains, counted as they
// arrive so that every draw counts however fast the sampler runs.
class DrawHistogram {
  public:
    void reset(double lower, double upper, int bins);
    // False when `w` falls outside the range (or is not finite); the caller then resets it
    // wider and adds everything again.
    bool add(double w);
    // Adds every finite draw of a batch; the caller has checked that they are all in range.
    void addInRange(std::span<const double> w);
    double lower() const { return lower_; }
    double upper() const { return upper_; }
    int bins() const { return static_cast<int>(counts_.size()); }
    double binWidth() const { return (upper_ - lower_) / static_cast<double>(counts_.size()); }
    std::uint64_t count(int bin) const { return counts_[static_cast<std::size_t>(bin)]; }
    std::uint64_t total() const { return total_; }
    double density(int bin) const;  // count / (total * width): comparable to a pdf
    double minimum() const { return minimum_; }
    double maximum() const { return maximum_; }

  private:
    double lower_ = -1.0;
    double upper_ = 1.0;
    double binsPerUnit_ = 0.5;  // a multiplication per draw rather than a division
    std::vector<std::uint64_t> counts_ = std::vector<std::uint64_t>(1);
    std::uint64_t total_ = 0;
    double minimum_ = 0.0;
    double maximum_ = 0.0;
};

// A divergent iteration, kept in a list so that plots need not scan the whole history.
struct DivergenceMark {
    int chain;
    std::int64_t iteration;
    double w;
};

// Running sums over the current segment's post-warmup draws of all chains. The mean and the sum
// of squared deviations of w are kept as in Welford's method, but a batch at a time (Chan et
// al.'s pairwise update), so that no draw costs a division.
struct SegmentStatistics {
    std::int64_t draws = 0;
    double mean = 0.0;
    double m2 = 0.0;
    double sumTreeDepth = 0.0;
    double sumLeapfrogs = 0.0;
    double sumAcceptStat = 0.0;

    // Folds in the w of a batch of draws whose other sums the caller added itself.
    void addBatch(std::span<const double> w);
    double sd() const;  // NaN below 2 draws
    double meanTreeDepth() const;
    double meanLeapfrogs() const;
    double meanAcceptStat() const;
};

// Everything the window has received from the sampler since the last reset. Lives on the GUI
// thread; the worker never touches it.
class RunHistory {
  public:
    void reset(int chains);
    // Increments at every reset, so that views caching derived data know to drop it.
    int generation() const { return generation_; }
    void startSegment(Segment segment);
    // Appends iterations of one chain; they arrive in order.
    void append(int chain, std::span<const IterationRecord> records);

    int chainCount() const { return static_cast<int>(chains_.size()); }
    const ChainHistory& chain(int index) const { return chains_[static_cast<std::size_t>(index)]; }
    std::int64_t iterations() const;  // the longest chain's length
    const std::vector<Segment>& segments() const { return segments_; }
    const Segment* currentSegment() const {
        return segments_.empty() ? nullptr : &segments_.back();
    }
    const ExactPosterior* exactPosterior() const { return exact_ ? &*exact_ : nullptr; }
    const DrawHistogram& histogram() const { return histogram_; }
    const std::vector<DivergenceMark>& divergences() const { return divergences_; }
    // Divergent iterations of the current segment after warmup, and during its warmup.
    int divergencesInSegment() const { return segmentDivergences_; }
    int warmupDivergencesInSegment() const { return segmentWarmupDivergences_; }
    std::int64_t drawsInSegment() const { return statistics_.draws; }
    const SegmentStatistics& segmentStatistics() const { return statistics_; }
    // Post-warmup w of the current segment, one vector per chain (copies, for diagnostics).
    std::vector<std::vector<double>> segmentDraws() const;
    std::size_t memoryBytes() const;

  private:
    void countDraws(std::span<const double> w);
    void rebuildHistogram(double lower, double upper);
    // visit(chain, w) for every post-warmup draw of the current segment, in order.
    template <class Visit>
    void forEachSegmentDraw(Visit&& visit) const {
        if (segments_.empty()) return;
        const Segment& segment = segments_.back();
        for (std::size_t c = 0; c < chains_.size(); ++c) {
            const ChainHistory& chain = chains_[c];
            const auto first = static_cast<std::size_t>(
                std::min<std::int64_t>(segment.start, static_cast<std::int64_t>(chain.size())));
            for (std::size_t i = first; i < chain.size(); ++i) {
                if (chain.segment(i) == segment.index && !chain.warmup(i)) visit(c, chain.w(i));
            }
        }
    }

    std::vector<ChainHistory> chains_;
    std::vector<Segment> segments_;
    std::optional<ExactPosterior> exact_;
    DrawHistogram histogram_;
    SegmentStatistics statistics_;
    std::vector<DivergenceMark> divergences_;
    int segmentDivergences_ = 0;
    int segmentWarmupDivergences_ = 0;
    int generation_ = 0;
    std::vector<double> batchDraws_;  // scratch for append(), kept to keep its capacity
};

}  // namespace couplinglab::ui

Q_DECLARE_METATYPE(couplinglab::ui::Segment)
