#include "ui/run/run_history.h"

#include <algorithm>
#include <cmath>

namespace couplinglab::ui {

namespace {
constexpr int kHistogramBins = 80;
constexpr double kHistogramHalfWidthSds = 6.0;
}  // namespace

double RunLengthSeries::at(std::size_t index) const {
    const auto after =
        std::upper_bound(changes_.begin(), changes_.end(), index,
                         [](std::size_t i, const auto& change) { return i < change.first; });
    return after == changes_.begin() ? 0.0 : std::prev(after)->second;
}

void ChainHistory::append(std::span<const IterationRecord> records) {
    // The columns all have the same length, so they reach a chunk's end together: one pass per
    // chunk writes every column.
    std::size_t done = 0;
    while (done < records.size()) {
        std::size_t count = 0;
        const std::size_t first = w_.size();
        double* w = w_.extend(records.size() - done, count);
        std::size_t same = 0;
        double* lp = lp_.extend(count, same);
        double* acceptStat = acceptStat_.extend(count, same);
        double* energy = energy_.extend(count, same);
        std::int32_t* nLeapfrog = nLeapfrog_.extend(count, same);
        std::uint8_t* treeDepth = treeDepth_.extend(count, same);
        std::uint8_t* flags = flags_.extend(count, same);
        std::uint16_t* segment = segment_.extend(count, same);
        for (std::size_t i = 0; i < count; ++i) {
            const IterationRecord& r = records[done + i];
            w[i] = r.w;
            lp[i] = r.lp;
            acceptStat[i] = r.acceptStat;
            energy[i] = r.energy;
            nLeapfrog[i] = r.nLeapfrog;
            treeDepth[i] = static_cast<std::uint8_t>(r.treeDepth);
            flags[i] = static_cast<std::uint8_t>((r.divergent ? kDivergent : 0) |
                                                 (r.warmup ? kWarmup : 0));
            segment[i] = static_cast<std::uint16_t>(r.segment);
            stepSize_.append(first + i, r.stepSize);
            inverseMetric_.append(first + i, r.inverseMetric);
        }
        done += count;
    }
}

void ChainHistory::clear() {
    *this = ChainHistory();
}

IterationRecord ChainHistory::record(std::size_t i) const {
    IterationRecord r;
    r.iteration = static_cast<std::int64_t>(i);
    r.segment = segment_[i];
    r.warmup = warmup(i);
    r.w = w_[i];
    r.lp = lp_[i];
    r.acceptStat = acceptStat_[i];
    r.stepSize = stepSize(i);
    r.treeDepth = treeDepth_[i];
    r.nLeapfrog = nLeapfrog_[i];
    r.divergent = divergent(i);
    r.energy = energy_[i];
    r.inverseMetric = inverseMetric(i);
    return r;
}

double ChainHistory::effectiveStepSize(std::size_t i) const {
    return stepSize(i) * std::sqrt(inverseMetric(i));
}

std::size_t ChainHistory::memoryBytes() const {
    return w_.memoryBytes() + lp_.memoryBytes() + acceptStat_.memoryBytes() +
           energy_.memoryBytes() + nLeapfrog_.memoryBytes() + treeDepth_.memoryBytes() +
           flags_.memoryBytes() + segment_.memoryBytes() +
           (stepSize_.changeCount() + inverseMetric_.changeCount()) * 16;
}

void DrawHistogram::reset(double lower, double upper, int bins) {
    lower_ = lower;
    upper_ = upper > lower ? upper : lower + 1.0;
    counts_.assign(static_cast<std::size_t>(std::max(bins, 1)), 0);
    binsPerUnit_ = static_cast<double>(counts_.size()) / (upper_ - lower_);
    total_ = 0;
}

bool DrawHistogram::add(double w) {
    if (!(w >= lower_ && w < upper_)) return false;
    const auto bin =
        std::min(static_cast<std::size_t>((w - lower_) * binsPerUnit_), counts_.size() - 1);
    ++counts_[bin];
    if (total_ == 0) {
        minimum_ = maximum_ = w;
    } else {
        minimum_ = std::min(minimum_, w);
        maximum_ = std::max(maximum_, w);
    }
    ++total_;
    return true;
}

void DrawHistogram::addInRange(std::span<const double> w) {
    const std::size_t last = counts_.size() - 1;
    for (const double x : w) {
        if (!std::isfinite(x)) continue;
        ++counts_[std::min(static_cast<std::size_t>((x - lower_) * binsPerUnit_), last)];
        minimum_ = total_ == 0 ? x : std::min(minimum_, x);
        maximum_ = total_ == 0 ? x : std::max(maximum_, x);
        ++total_;
    }
}

double DrawHistogram::density(int bin) const {
    return total_ == 0
               ? 0.0
               : static_cast<double>(count(bin)) / (static_cast<double>(total_) * binWidth());
}

// Sums of deviations from the running mean (from the first draw at the start), so that draws
// far from zero keep their digits.
void SegmentStatistics::addBatch(std::span<const double> w) {
    if (w.empty()) return;
    const auto n = static_cast<double>(w.size());
    const double shift = draws > 0 ? mean : w.front();
    double sum = 0.0;
    for (const double x : w)
        sum += x - shift;
    const double batchOffset = sum / n;  // batch mean - shift
    double batchM2 = 0.0;
    for (const double x : w)
        batchM2 += (x - shift - batchOffset) * (x - shift - batchOffset);
    const auto before = static_cast<double>(draws);
    draws += static_cast<std::int64_t>(w.size());
    const double delta = shift + batchOffset - mean;
    mean += delta * n / static_cast<double>(draws);
    m2 += batchM2 + delta * delta * before * n / static_cast<double>(draws);
}

double SegmentStatistics::sd() const {
    return draws < 2 ? std::nan("") : std::sqrt(m2 / static_cast<double>(draws - 1));
}

double SegmentStatistics::meanTreeDepth() const {
    return draws == 0 ? std::nan("") : sumTreeDepth / static_cast<double>(draws);
}

double SegmentStatistics::meanLeapfrogs() const {
    return draws == 0 ? std::nan("") : sumLeapfrogs / static_cast<double>(draws);
}

double SegmentStatistics::meanAcceptStat() const {
    return draws == 0 ? std::nan("") : sumAcceptStat / static_cast<double>(draws);
}

void RunHistory::reset(int chains) {
    ++generation_;
    chains_.clear();
    chains_.resize(static_cast<std::size_t>(chains));
    segments_.clear();
    exact_.reset();
    divergences_.clear();
    segmentDivergences_ = 0;
    segmentWarmupDivergences_ = 0;
    statistics_ = SegmentStatistics{};
    histogram_.reset(-1.0, 1.0, kHistogramBins);
}

void RunHistory::startSegment(Segment segment) {
    exact_.emplace(segment.settings.model, segment.statistic);
    segments_.push_back(std::move(segment));
    segmentDivergences_ = 0;
    segmentWarmupDivergences_ = 0;
    statistics_ = SegmentStatistics{};
    histogram_.reset(exact_->mean() - kHistogramHalfWidthSds * exact_->sd(),
                     exact_->mean() + kHistogramHalfWidthSds * exact_->sd(), kHistogramBins);
}

void RunHistory::append(int chain, std::span<const IterationRecord> records) {
    chains_[static_cast<std::size_t>(chain)].append(records);
    const int current = segments_.empty() ? -1 : segments_.back().index;
    batchDraws_.clear();
    for (const IterationRecord& r : records) {
        if (r.divergent) divergences_.push_back({chain, r.iteration, r.w});
        if (r.segment != current) continue;
        if (r.warmup) {
            segmentWarmupDivergences_ += r.divergent ? 1 : 0;
            continue;
        }
        segmentDivergences_ += r.divergent ? 1 : 0;
        statistics_.sumTreeDepth += r.treeDepth;
        statistics_.sumLeapfrogs += r.nLeapfrog;
        statistics_.sumAcceptStat += r.acceptStat;
        batchDraws_.push_back(r.w);
    }
    statistics_.addBatch(batchDraws_);
    countDraws(batchDraws_);
}

// Draws beyond the histogram's range widen it (by a quarter beyond the farthest new draw, so
// that a few rebuilds cover any drift) and recount everything held, this batch included.
void RunHistory::countDraws(std::span<const double> w) {
    double lowest = histogram_.lower();
    double highest = histogram_.upper();
    bool outside = false;
    for (const double x : w) {
        if (!std::isfinite(x)) continue;
        outside = outside || !(x >= histogram_.lower() && x < histogram_.upper());
        lowest = std::min(lowest, x);
        highest = std::max(highest, x);
    }
    if (!outside) {
        histogram_.addInRange(w);
        return;
    }
    const double margin = 0.25 * (highest - lowest);
    rebuildHistogram(lowest - (lowest < histogram_.lower() ? margin : 0.0),
                     highest + (highest >= histogram_.upper() ? margin : 0.0));
}

// In place, without copying the draws: late in a long run they are tens of megabytes.
void RunHistory::rebuildHistogram(double lower, double upper) {
    histogram_.reset(lower, upper, histogram_.bins());
    forEachSegmentDraw([&](std::size_t /*chain*/, double w) { histogram_.add(w); });
}

std::int64_t RunHistory::iterations() const {
    std::size_t longest = 0;
    for (const auto& chain : chains_)
        longest = std::max(longest, chain.size());
    return static_cast<std::int64_t>(longest);
}

std::vector<std::vector<double>> RunHistory::segmentDraws() const {
    std::vector<std::vector<double>> draws(chains_.size());
    forEachSegmentDraw([&](std::size_t chain, double w) { draws[chain].push_back(w); });
    return draws;
}

std::size_t RunHistory::memoryBytes() const {
    std::size_t bytes = divergences_.capacity() * sizeof(DivergenceMark);
    for (const auto& chain : chains_)
        bytes += chain.memoryBytes();
    return bytes;
}

}  // namespace couplinglab::ui
