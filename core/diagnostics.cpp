#include "core/diagnostics.h"

#include "core/accurate_mean.h"
#include "core/autocovariance.h"
#include "core/pooled_ranks.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>

namespace couplinglab {
namespace {

using detail::accurateMean;
using detail::Entry;
using detail::foldedOrder;
using detail::kDroppedSlot;
using detail::kMaxDraws;
using detail::meanAutocovariance;
using detail::normalScores;
using detail::sortByValue;

using Chains = std::vector<std::vector<double>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Fewer draws leave a split half with a single draw, which has no within-chain variance.
constexpr std::size_t kMinDrawsPerChain = 4;

// ---------------------------------------------------------------------------------------------
// Input checks and plain statistics

// The length every chain shares, or 0 when there are no chains or their lengths differ (the
// diagnostics compare chains position by position, so unequal lengths have no meaning).
std::size_t commonLength(const ChainSpans& chains) {
    if (chains.empty()) return 0;
    const std::size_t length = chains.front().size();
    for (const auto& chain : chains) {
        if (chain.size() != length) return 0;
    }
    return length;
}

bool allFinite(const ChainSpans& chains) {
    return std::ranges::all_of(chains, [](std::span<const double> chain) {
        return std::ranges::all_of(chain, [](double x) { return std::isfinite(x); });
    });
}

// posterior's is_constant(): a range below machine epsilon counts as constant. The tolerance
// is absolute, as in posterior, so that both give NaN for the same inputs.
bool isConstant(const ChainSpans& chains) {
    double lowest = std::numeric_limits<double>::infinity();
    double highest = -lowest;
    for (const auto& chain : chains) {
        for (const double x : chain) {
            lowest = std::min(lowest, x);
            highest = std::max(highest, x);
        }
    }
    return !(highest - lowest >= std::numeric_limits<double>::epsilon());
}

ChainSpans asSpans(const Chains& chains) {
    return ChainSpans(chains.begin(), chains.end());
}

double mean(std::span<const double> x) {
    return accurateMean(x);
}

// Two-pass sample variance (n - 1 denominator); the second pass avoids the cancellation of
// the sum-of-squares formula when the mean is large compared with the spread.
double sampleVariance(std::span<const double> x, double center) {
    double sum = 0.0;
    for (const double value : x)
        sum += (value - center) * (value - center);
    return sum / static_cast<double>(x.size() - 1);
}

double sampleVariance(std::span<const double> x) {
    return sampleVariance(x, mean(x));
}

std::vector<double> chainMeans(const ChainSpans& chains) {
    std::vector<double> means;
    means.reserve(chains.size());
    for (const auto& chain : chains)
        means.push_back(mean(chain));
    return means;
}

// The mean and sample sd of all draws pooled, in the order of the chains, without copying them
// (millions of draws in the window: a pooled copy would be one more array of that size).
struct MeanAndSd {
    double mean = kNaN;
    double sd = kNaN;
};

MeanAndSd pooledMeanAndSd(const ChainSpans& chains) {
    std::size_t count = 0;
    for (const auto& chain : chains)
        count += chain.size();
    MeanAndSd result;
    if (count == 0) return result;
    result.mean = accurateMean(chains, count);
    if (count < 2) return result;
    double squares = 0.0;
    for (const auto& chain : chains) {
        for (const double value : chain)
            squares += (value - result.mean) * (value - result.mean);
    }
    result.sd = std::sqrt(squares / static_cast<double>(count - 1));
    return result;
}

std::vector<double> pooled(const ChainSpans& chains) {
    std::vector<double> all;
    for (const auto& chain : chains)
        all.insert(all.end(), chain.begin(), chain.end());
    return all;
}

// NaN-propagating max and min, as R's max() and min() are: std::max would silently pick a
// side depending on the argument order.
double maxOrNaN(double a, double b) {
    return std::isnan(a) || std::isnan(b) ? kNaN : std::max(a, b);
}
double minOrNaN(double a, double b) {
    return std::isnan(a) || std::isnan(b) ? kNaN : std::min(a, b);
}

// ---------------------------------------------------------------------------------------------
// Quantiles (R's type 7)

struct Type7Position {
    std::size_t lower;  // 0-based order statistics to interpolate between
    std::size_t upper;
    double fraction;
};

// Computed on R's 1-based index 1 + (n - 1) p, not on (n - 1) p, because adding 1 can round
// and we want the fraction R gets, bit for bit.
Type7Position type7Position(std::size_t n, double prob) {
    const double index = 1.0 + static_cast<double>(n - 1) * prob;
    const double lower = std::floor(index);
    const double upper = std::ceil(index);
    return {static_cast<std::size_t>(lower) - 1, static_cast<std::size_t>(upper) - 1,
            index - lower};
}

// Equal neighbours are returned as they are, as R does, so that infinite draws give an
// infinite quantile instead of inf - inf = NaN.
double interpolateType7(double lower, double upper, double fraction) {
    if (fraction <= 0.0 || upper == lower) return lower;
    return (1.0 - fraction) * lower + fraction * upper;
}

bool isProbability(double prob) {
    return prob >= 0.0 && prob <= 1.0;
}

// ---------------------------------------------------------------------------------------------
// Geyer's initial sequences (posterior's .ess())

struct AutocorrelationSequence {
    std::vector<double> rho;  // combined autocorrelation estimates, zero beyond the truncation
    std::size_t maxLag = 0;   // posterior's max_t
};

// Geyer's initial positive sequence: the sum of an even and the following odd autocorrelation
// is positive for a reversible chain, so the first non-positive pair marks where noise takes
// over. posterior also stops five lags before the end, where the estimates rest on few pairs.
AutocorrelationSequence initialPositiveSequence(const std::vector<double>& acov, double meanVar,
                                                double varPlus) {
    const std::size_t n = acov.size();
    const auto rhoAt = [&](std::size_t t) { return 1.0 - (meanVar - acov[t]) / varPlus; };
    AutocorrelationSequence seq{std::vector<double>(n, 0.0), 0};
    double even = 1.0;
    double odd = rhoAt(1);
    seq.rho[0] = even;
    seq.rho[1] = odd;
    std::size_t t = 0;
    while (t + 5 < n && even + odd > 0.0) {  // a NaN sum compares false, as posterior's !is.nan
        t += 2;
        even = rhoAt(t);
        odd = rhoAt(t + 1);
        if (even + odd >= 0.0) {
            seq.rho[t] = even;
            seq.rho[t + 1] = odd;
        }
    }
    seq.maxLag = t;
    // Keeping the last even lag when positive is posterior's "improved estimate": it lowers the
    // variance of the estimate for antithetic chains.
    if (even > 0.0) seq.rho[t] = even;
    return seq;
}

// Geyer's initial monotone sequence: the pair sums of a reversible chain's autocorrelations
// decrease, so a pair that rises above its predecessor is noise and is capped at the
// predecessor's level.
void makeMonotone(AutocorrelationSequence& seq) {
    std::vector<double>& rho = seq.rho;
    for (std::size_t t = 2; t + 2 <= seq.maxLag; t += 2) {
        const double previous = rho[t - 2] + rho[t - 1];
        if (rho[t] + rho[t + 1] > previous) {
            rho[t] = previous / 2.0;
            rho[t + 1] = rho[t];
        }
    }
}

// tau = -1 + 2 sum(rho[0..max_t-1]) + rho[max_t], bounded below so ESS <= S log10(S).
double integratedAutocorrelationTime(const AutocorrelationSequence& seq, double totalDraws) {
    double sum = 0.0;
    for (std::size_t t = 0; t < seq.maxLag; ++t)
        sum += seq.rho[t];
    // R evaluates 1:0 as c(1, 0), so with max_t = 0 posterior's sum(rho[1:max_t]) is rho[0];
    // we copy that so chains of 6 to 11 draws agree with posterior.
    if (seq.maxLag == 0) sum = seq.rho[0];
    const double tau = -1.0 + 2.0 * sum + seq.rho[seq.maxLag];
    return std::max(tau, 1.0 / std::log10(totalDraws));
}

// ---------------------------------------------------------------------------------------------
// Shared preparation of the rank-based diagnostics

// posterior's split chains as views: all first halves, then all second halves (its cbind
// order); with an odd length the middle draw is in neither, so both halves are equally long.
// Chains of fewer than two draws stay whole.
ChainSpans splitSpans(const ChainSpans& chains) {
    if (std::ranges::any_of(chains, [](auto chain) { return chain.size() < 2; })) return chains;
    ChainSpans split;
    split.reserve(2 * chains.size());
    for (const auto& chain : chains)
        split.push_back(chain.first(chain.size() / 2));
    for (const auto& chain : chains)
        split.push_back(chain.last(chain.size() / 2));
    return split;
}

// What the top-level diagnostics share: the split chains, their draws in pooled order, and the
// quantiles of all draws (posterior takes those before splitting, middle draws included).
struct Prepared {
    ChainSpans split;           // views into the chains prepare() was given
    std::vector<Entry> sorted;  // split draws only
    double median = kNaN;
    double q05 = kNaN;
    double q95 = kNaN;
};

bool validForDiagnostics(const ChainSpans& chains) {
    const std::size_t length = commonLength(chains);
    return length >= kMinDrawsPerChain && length * chains.size() < kMaxDraws && allFinite(chains);
}

double quantileOfSorted(const std::vector<Entry>& sorted, double prob) {
    const Type7Position p = type7Position(sorted.size(), prob);
    return interpolateType7(sorted[p.lower].value, sorted[p.upper].value, p.fraction);
}

// Requires validForDiagnostics(chains).
Prepared prepare(const ChainSpans& chains) {
    Prepared prep;
    prep.split = splitSpans(chains);
    const std::size_t n = chains.front().size();
    const std::size_t half = n / 2;
    const std::size_t k = chains.size();

    // One sort serves both the quantiles of all draws and the ranks of the split draws.
    std::vector<Entry> entries;
    entries.reserve(k * n);
    for (std::size_t c = 0; c < k; ++c) {
        for (std::size_t i = 0; i < n; ++i) {
            // Split chain c holds the first half, split chain k + c the second (posterior's
            // cbind order); an odd length's middle draw belongs to neither.
            std::uint32_t slot = kDroppedSlot;
            if (i < half) {
                slot = static_cast<std::uint32_t>(c * half + i);
            } else if (i >= n - half) {
                slot = static_cast<std::uint32_t>((k + c) * half + (i - (n - half)));
            }
            entries.push_back({chains[c][i], slot});
        }
    }
    sortByValue(entries);
    prep.median = quantileOfSorted(entries, 0.5);
    prep.q05 = quantileOfSorted(entries, 0.05);
    prep.q95 = quantileOfSorted(entries, 0.95);
    std::erase_if(entries, [](const Entry& e) { return e.slot == kDroppedSlot; });
    prep.sorted = std::move(entries);
    return prep;
}

// Rank-normalised split draws, shared by bulk R-hat and bulk ESS.
Chains bulkScores(const Prepared& prep) {
    return normalScores(prep.sorted, prep.split.size());
}

// Folding about the median turns a difference in scale between chains into a difference in
// location, which the rank-normalised R-hat can see. Consumes prep.sorted (the last use of it).
double foldedRhat(Prepared& prep) {
    const Chains folded =
        normalScores(foldedOrder(std::move(prep.sorted), prep.median), prep.split.size());
    prep.sorted = {};
    return basicRhat(asSpans(folded));
}

// ESS of the indicator I(x <= threshold), which is what matters for estimating the quantile
// at threshold.
double indicatorEss(const ChainSpans& split, double threshold) {
    Chains indicator;
    indicator.reserve(split.size());
    for (const auto& chain : split) {
        std::vector<double>& values = indicator.emplace_back(chain.size());
        std::ranges::transform(chain, values.begin(),
                               [threshold](double x) { return x <= threshold ? 1.0 : 0.0; });
    }
    return basicEss(asSpans(indicator));
}

double tailEss(const ChainSpans& split, double q05, double q95) {
    return minOrNaN(indicatorEss(split, q05), indicatorEss(split, q95));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

double quantile(std::span<const double> draws, double prob) {
    if (draws.empty() || !isProbability(prob)) return kNaN;
    if (std::ranges::any_of(draws, [](double x) { return std::isnan(x); })) return kNaN;
    // Two selections instead of a sort: the upper order statistic is the smallest value
    // after the lower one once nth_element has partitioned around it.
    std::vector<double> sorted(draws.begin(), draws.end());
    const Type7Position p = type7Position(sorted.size(), prob);
    const auto lower = sorted.begin() + static_cast<std::ptrdiff_t>(p.lower);
    std::nth_element(sorted.begin(), lower, sorted.end());
    const double upper = p.upper == p.lower ? *lower : *std::min_element(lower + 1, sorted.end());
    return interpolateType7(*lower, upper, p.fraction);
}

std::vector<std::vector<double>> splitChains(const ChainSpans& chains) {
    Chains copies;
    for (const auto& chain : splitSpans(chains))
        copies.emplace_back(chain.begin(), chain.end());
    return copies;
}

std::vector<std::vector<double>> rankNormalize(const std::vector<std::vector<double>>& chains) {
    std::vector<Entry> entries;
    std::vector<std::size_t> offsets;
    bool hasNaN = false;
    for (const auto& chain : chains) {
        offsets.push_back(entries.size());
        for (const double x : chain) {
            hasNaN = hasNaN || std::isnan(x);
            entries.push_back({x, static_cast<std::uint32_t>(entries.size())});
        }
    }
    Chains result = chains;
    // NaN has no rank (and would break the sort's ordering), so nothing is ranked.
    if (hasNaN || entries.size() >= kMaxDraws) {
        for (auto& chain : result)
            std::ranges::fill(chain, kNaN);
        return result;
    }
    sortByValue(entries);
    // Chains of unequal length: scores in one flat chain, then cut to the chains' lengths.
    const std::vector<double> scores = normalScores(entries, 1).front();
    for (std::size_t c = 0; c < result.size(); ++c) {
        std::copy_n(scores.begin() + static_cast<std::ptrdiff_t>(offsets[c]), result[c].size(),
                    result[c].begin());
    }
    return result;
}

std::vector<double> autocovariance(std::span<const double> draws) {
    if (std::ranges::any_of(draws, [](double x) { return !std::isfinite(x); })) {
        return std::vector<double>(draws.size(), kNaN);
    }
    if (draws.empty()) return {};
    return meanAutocovariance(ChainSpans{draws});
}

double basicRhat(const ChainSpans& chains) {
    const std::size_t n = commonLength(chains);
    // One chain has no between-chain variance, one draw no within-chain variance.
    if (chains.size() < 2 || n < 2 || !allFinite(chains) || isConstant(chains)) return kNaN;
    const std::vector<double> means = chainMeans(chains);
    double varWithin = 0.0;
    for (std::size_t c = 0; c < chains.size(); ++c)
        varWithin += sampleVariance(chains[c], means[c]);
    varWithin /= static_cast<double>(chains.size());
    const double length = static_cast<double>(n);
    const double varBetween = length * sampleVariance(means);
    // Chains that are each constant but differ give varWithin = 0 and R-hat = +inf, as in
    // posterior: the chains certainly have not mixed.
    return std::sqrt((varBetween / varWithin + length - 1.0) / length);
}

double basicEss(const ChainSpans& chains) {
    const std::size_t n = commonLength(chains);
    // posterior needs three draws for its first autocorrelation pair.
    if (n < 3 || !allFinite(chains) || isConstant(chains)) return kNaN;
    const double length = static_cast<double>(n);
    const double totalDraws = static_cast<double>(chains.size()) * length;

    const std::vector<double> acov = meanAutocovariance(chains);
    const double meanVar = acov[0] * length / (length - 1.0);
    double varPlus = meanVar * (length - 1.0) / length;
    if (chains.size() > 1) varPlus += sampleVariance(chainMeans(chains));

    AutocorrelationSequence seq = initialPositiveSequence(acov, meanVar, varPlus);
    makeMonotone(seq);
    return totalDraws / integratedAutocorrelationTime(seq, totalDraws);
}

double rhat(const ChainSpans& chains) {
    if (!validForDiagnostics(chains)) return kNaN;
    Prepared prep = prepare(chains);
    const double bulk = basicRhat(asSpans(bulkScores(prep)));
    return maxOrNaN(bulk, foldedRhat(prep));
}

double essBulk(const ChainSpans& chains) {
    return validForDiagnostics(chains) ? basicEss(asSpans(bulkScores(prepare(chains)))) : kNaN;
}

double essTail(const ChainSpans& chains) {
    if (!validForDiagnostics(chains)) return kNaN;
    // Quantiles by selection: unlike the rank-based diagnostics, this needs no sort.
    const std::vector<double> all = pooled(chains);
    return tailEss(splitSpans(chains), quantile(all, 0.05), quantile(all, 0.95));
}

double essMean(const ChainSpans& chains) {
    return validForDiagnostics(chains) ? basicEss(splitSpans(chains)) : kNaN;
}

double mcseMean(const ChainSpans& chains) {
    return validForDiagnostics(chains) ? pooledMeanAndSd(chains).sd / std::sqrt(essMean(chains))
                                       : kNaN;
}

Summary summarize(const ChainSpans& chains) {
    return summarize(chains, nullptr);
}

Summary summarize(const ChainSpans& chains, const std::atomic<bool>* cancel) {
    Summary s{};
    s.draws = 0;
    for (const auto& chain : chains)
        s.draws += chain.size();
    // Mean and sd describe the pooled draws even when the chains cannot be compared.
    const MeanAndSd pooledMoments = pooledMeanAndSd(chains);
    s.mean = pooledMoments.mean;
    s.sd = pooledMoments.sd;
    if (!validForDiagnostics(chains)) {
        s.mcseMean = s.essBulk = s.essTail = s.rhat = kNaN;
        return s;
    }
    s.mcseMean = s.essBulk = s.essTail = s.rhat = kNaN;
    auto stopped = [&] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
    if (stopped()) return s.cancelled = true, s;
    // Each stage frees what it made before the next begins: with millions of draws in the
    // window, the peak is what the window's memory bound is about.
    // The sorted draws go before the first FFT, whose buffers are as large.
    Prepared prep = prepare(chains);
    if (stopped()) return s.cancelled = true, s;
    Chains bulk = bulkScores(prep);
    const double bulkRhat = basicRhat(asSpans(bulk));
    if (stopped()) return s.cancelled = true, s;
    s.rhat = maxOrNaN(bulkRhat, foldedRhat(prep));
    if (stopped()) return s.cancelled = true, s;
    s.essBulk = basicEss(asSpans(bulk));
    bulk = {};
    if (stopped()) return s.cancelled = true, s;
    s.essTail = tailEss(prep.split, prep.q05, prep.q95);
    if (stopped()) return s.cancelled = true, s;
    s.mcseMean = s.sd / std::sqrt(basicEss(prep.split));
    return s;
}

}  // namespace couplinglab
