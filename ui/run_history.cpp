#include "ui/run_history.h"

#include <algorithm>
#include <cmath>

namespace couplinglab::ui {

namespace {
constexpr int kHistogramBins = 80;
constexpr double kHistogramHalfWidthSds = 6.0;
}  // namespace

void RunLengthSeries::append(std::size_t index, double value) {
    if (changes_.empty() || changes_.back().second != value) changes_.emplace_back(index, value);
}

double RunLengthSeries::at(std::size_t index) const {
    const auto after =
        std::upper_bound(changes_.begin(), changes_.end(), index,
                         [](std::size_t i, const auto& change) { return i < change.first; });
    return after == changes_.begin() ? 0.0 : std::prev(after)->second;
}

void ChainHistory::append(const IterationRecord& r) {
    const std::size_t index = w_.size();
    w_.push_back(r.w);
    lp_.push_back(r.lp);
    acceptStat_.push_back(r.acceptStat);
    energy_.push_back(r.energy);
    nLeapfrog_.push_back(r.nLeapfrog);
    treeDepth_.push_back(static_cast<std::uint8_t>(r.treeDepth));
    flags_.push_back(
        static_cast<std::uint8_t>((r.divergent ? kDivergent : 0) | (r.warmup ? kWarmup : 0)));
    segment_.push_back(static_cast<std::uint16_t>(r.segment));
    stepSize_.append(index, r.stepSize);
    inverseMetric_.append(index, r.inverseMetric);
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
    total_ = 0;
}

bool DrawHistogram::add(double w) {
    if (!(w >= lower_ && w < upper_)) return false;
    const auto bin =
        std::min(static_cast<std::size_t>((w - lower_) / binWidth()), counts_.size() - 1);
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

void DrawHistogram::rebuild(double lower, double upper, int bins,
                            const std::vector<std::span<const double>>& draws) {
    reset(lower, upper, bins);
    for (const auto& chain : draws) {
        for (const double w : chain)
            add(w);
    }
}

double DrawHistogram::density(int bin) const {
    return total_ == 0
               ? 0.0
               : static_cast<double>(count(bin)) / (static_cast<double>(total_) * binWidth());
}

void SegmentStatistics::add(const IterationRecord& r) {
    ++draws;
    const double delta = r.w - mean;
    mean += delta / static_cast<double>(draws);
    m2 += delta * (r.w - mean);
    sumTreeDepth += r.treeDepth;
    sumLeapfrogs += r.nLeapfrog;
    sumAcceptStat += r.acceptStat;
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
    ChainHistory& history = chains_[static_cast<std::size_t>(chain)];
    for (const IterationRecord& r : records) {
        history.append(r);
        if (r.divergent) divergences_.push_back({chain, r.iteration, r.w});
        if (!segments_.empty() && r.segment == segments_.back().index) {
            (r.warmup ? segmentWarmupDivergences_ : segmentDivergences_) += r.divergent ? 1 : 0;
            if (!r.warmup) {
                statistics_.add(r);
                countDraw(r.w);
            }
        }
    }
}

void RunHistory::countDraw(double w) {
    if (!std::isfinite(w) || histogram_.add(w)) return;
    // Outside the range: widen by a quarter beyond the new draw and recount everything, so a
    // few rebuilds cover any drift.
    const double lower = std::min(histogram_.lower(), w);
    const double upper = std::max(histogram_.upper(), w);
    const double margin = 0.25 * (upper - lower);
    std::vector<std::vector<double>> draws = segmentDraws();
    std::vector<std::span<const double>> spans(draws.begin(), draws.end());
    histogram_.rebuild(lower - (w < histogram_.lower() ? margin : 0.0),
                       upper + (w >= histogram_.upper() ? margin : 0.0), histogram_.bins(), spans);
}

std::int64_t RunHistory::iterations() const {
    std::size_t longest = 0;
    for (const auto& chain : chains_)
        longest = std::max(longest, chain.size());
    return static_cast<std::int64_t>(longest);
}

std::vector<std::vector<double>> RunHistory::segmentDraws() const {
    std::vector<std::vector<double>> draws(chains_.size());
    if (segments_.empty()) return draws;
    const int current = segments_.back().index;
    for (std::size_t c = 0; c < chains_.size(); ++c) {
        const ChainHistory& chain = chains_[c];
        const auto first = static_cast<std::size_t>(std::min<std::int64_t>(
            segments_.back().start, static_cast<std::int64_t>(chain.size())));
        for (std::size_t i = first; i < chain.size(); ++i) {
            if (chain.segment(i) == current && !chain.warmup(i)) draws[c].push_back(chain.w(i));
        }
    }
    return draws;
}

std::size_t RunHistory::memoryBytes() const {
    std::size_t bytes = divergences_.capacity() * sizeof(DivergenceMark);
    for (const auto& chain : chains_)
        bytes += chain.memoryBytes();
    return bytes;
}

}  // namespace couplinglab::ui
