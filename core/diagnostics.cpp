#include "core/diagnostics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numbers>
#include <utility>

namespace couplinglab {
namespace {

using Chains = std::vector<std::vector<double>>;
using Complex = std::complex<double>;

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

// Neumaier's compensated sum: the rounding error of every addition is carried along, so that
// millions of draws far from zero (a prior mean of 1e14) add up to the last bit or so.
class CompensatedSum {
  public:
    void add(double value) {
        const double total = sum_ + value;
        compensation_ +=
            std::abs(sum_) >= std::abs(value) ? (sum_ - total) + value : (value - total) + sum_;
        sum_ = total;
    }
    double value() const { return sum_ + compensation_; }

  private:
    double sum_ = 0.0;
    double compensation_ = 0.0;
};

// The mean as a reference value plus the mean deviation from it, both summed with
// compensation: deviations are small where the draws are large, so little is lost.
template <typename Spans>
double accurateMean(const Spans& spans, std::size_t count) {
    double reference = kNaN;
    for (const auto& span : spans) {
        if (!span.empty()) {
            reference = span.front();
            break;
        }
    }
    if (count == 0 || std::isnan(reference)) return kNaN;
    CompensatedSum deviations;
    for (const auto& span : spans) {
        for (const double value : span)
            deviations.add(value - reference);
    }
    return reference + deviations.value() / static_cast<double>(count);
}

double mean(std::span<const double> x) {
    if (x.empty()) return kNaN;
    const std::span<const double> one[] = {x};
    return accurateMean(one, x.size());
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
// FFT autocovariances

// Iterative radix-2 FFT of one power-of-two size, split into the two halves a correlation
// needs: the forward transform goes from natural to bit-reversed order (decimation in
// frequency) and the inverse from bit-reversed back to natural order (decimation in time).
// Squaring magnitudes in between does not care about the order, so the two bit-reversal
// permutations, scattered swaps that are slow on long arrays, are never needed.
class Fft {
  public:
    explicit Fft(std::size_t size) : size_(size), roots_(size) { computeRoots(); }

    std::size_t size() const { return size_; }

    void forwardToBitReversed(std::vector<Complex>& data) const {
        const std::size_t block = std::min(size_, kCacheBlock);
        for (std::size_t half = size_ / 2; half >= block; half /= 2) {
            forwardStage(data, 0, size_, half);
        }
        // The stages with short butterflies stay within blocks that fit in the L2 cache, so
        // running them block by block saves most passes over memory for long chains.
        for (std::size_t begin = 0; begin < size_; begin += block) {
            for (std::size_t half = block / 2; half >= 1; half /= 2) {
                forwardStage(data, begin, begin + block, half);
            }
        }
    }

    // Unnormalised: the inverse of the forward transform is size() times the input.
    void inverseFromBitReversed(std::vector<Complex>& data) const {
        const std::size_t block = std::min(size_, kCacheBlock);
        for (std::size_t begin = 0; begin < size_; begin += block) {
            for (std::size_t half = 1; half < block; half *= 2) {
                inverseStage(data, begin, begin + block, half);
            }
        }
        for (std::size_t half = block; half < size_; half *= 2) {
            inverseStage(data, 0, size_, half);
        }
    }

  private:
    static constexpr std::size_t kCacheBlock = std::size_t{1} << 13;  // 128 KiB of Complex

    // roots_[half + k] = exp(-2 pi i k / (2 half)), the twiddles of the stage whose butterflies
    // span 2 half points, stored contiguously so each stage reads them in order. Each root of
    // the longest stage comes from cos and sin directly, so rounding errors do not accumulate
    // as they would with a recurrence; the shorter stages reuse every other root.
    void computeRoots() {
        const std::size_t longest = size_ / 2;
        const std::size_t quarter = size_ / 4;
        for (std::size_t k = 0; k < longest; ++k) {
            if (quarter > 0 && k >= quarter) {
                // exp(-2 pi i (k + n/4) / n) = -i exp(-2 pi i k / n): halves the cos/sin calls.
                const Complex& base = roots_[longest + k - quarter];
                roots_[longest + k] = {base.imag(), -base.real()};
                continue;
            }
            const double angle =
                -2.0 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(size_);
            roots_[longest + k] = {std::cos(angle), std::sin(angle)};
        }
        for (std::size_t half = longest / 2; half >= 1; half /= 2) {
            for (std::size_t k = 0; k < half; ++k) {
                roots_[half + k] = roots_[2 * half + 2 * k];
            }
        }
    }

    // Complex product written out: std::complex's operator* checks for NaN and infinity
    // (C99 Annex G), which makes it several times slower in this inner loop.
    static Complex multiply(Complex a, Complex b) {
        return {a.real() * b.real() - a.imag() * b.imag(),
                a.real() * b.imag() + a.imag() * b.real()};
    }

    // Gentleman-Sande butterflies: (a, b) -> (a + b, (a - b) w^k).
    void forwardStage(std::vector<Complex>& data, std::size_t begin, std::size_t end,
                      std::size_t half) const {
        const Complex* roots = roots_.data() + half;
        for (std::size_t start = begin; start < end; start += 2 * half) {
            Complex* top = data.data() + start;
            Complex* bottom = top + half;
            for (std::size_t k = 0; k < half; ++k) {
                const Complex difference = top[k] - bottom[k];
                top[k] += bottom[k];
                bottom[k] = multiply(difference, roots[k]);
            }
        }
    }

    // Cooley-Tukey butterflies with conjugate roots: (a, b) -> (a + b conj(w^k), a - ...).
    void inverseStage(std::vector<Complex>& data, std::size_t begin, std::size_t end,
                      std::size_t half) const {
        const Complex* roots = roots_.data() + half;
        for (std::size_t start = begin; start < end; start += 2 * half) {
            Complex* top = data.data() + start;
            Complex* bottom = top + half;
            for (std::size_t k = 0; k < half; ++k) {
                const Complex product = multiply(bottom[k], std::conj(roots[k]));
                bottom[k] = top[k] - product;
                top[k] += product;
            }
        }
    }

    std::size_t size_;
    std::vector<Complex> roots_;
};

// Zero padding to at least 2N turns the FFT's circular correlation into the linear one: no
// lag wraps around onto another.
std::size_t paddedSize(std::size_t n) {
    return std::bit_ceil(2 * n);
}

double sumOfSquaredDeviations(std::span<const double> x) {
    const double center = mean(x);
    double sum = 0.0;
    for (const double value : x)
        sum += (value - center) * (value - center);
    return sum;
}

// The sum over chains of the lag products sum_j (x_j - mean)(x_{j+t} - mean), t = 0..N-1.
// Two chains share one FFT as the real and imaginary parts of its input z: the real part of
// the inverse transform of |Z|^2 is the sum of both chains' lag products (the cross terms
// land in the imaginary part). Only sums are needed, so the power spectra of all pairs add
// up before a single inverse transform.
std::vector<double> summedLagProducts(const ChainSpans& chains) {
    const std::size_t n = chains.front().size();
    const Fft fft(paddedSize(n));
    std::vector<Complex> buffer(fft.size());
    std::vector<double> power(fft.size(), 0.0);
    for (std::size_t c = 0; c < chains.size(); c += 2) {
        std::ranges::fill(buffer, Complex{});
        const double realMean = mean(chains[c]);
        for (std::size_t i = 0; i < n; ++i)
            buffer[i].real(chains[c][i] - realMean);
        if (c + 1 < chains.size()) {
            const double imagMean = mean(chains[c + 1]);
            for (std::size_t i = 0; i < n; ++i)
                buffer[i].imag(chains[c + 1][i] - imagMean);
        }
        fft.forwardToBitReversed(buffer);
        for (std::size_t k = 0; k < fft.size(); ++k)
            power[k] += std::norm(buffer[k]);
    }
    for (std::size_t k = 0; k < fft.size(); ++k)
        buffer[k] = {power[k], 0.0};
    fft.inverseFromBitReversed(buffer);
    std::vector<double> lagProducts(n);
    for (std::size_t t = 0; t < n; ++t)
        lagProducts[t] = buffer[t].real();
    return lagProducts;
}

// The mean over chains of the biased autocovariance at each lag. Like posterior
// (`ac / ac[1] * var(x) * (N - 1) / N`), the FFT result is rescaled so that lag 0 is exactly
// the biased variance, which removes the FFT's rounding there; constant chains give zeros.
std::vector<double> meanAutocovariance(const ChainSpans& chains) {
    std::vector<double> acov = summedLagProducts(chains);
    double sumOfSquares = 0.0;
    for (const auto& chain : chains)
        sumOfSquares += sumOfSquaredDeviations(chain);
    const double draws = static_cast<double>(chains.size() * chains.front().size());
    const double scale = sumOfSquares > 0.0 ? sumOfSquares / acov.front() / draws : 0.0;
    for (double& value : acov)
        value *= scale;
    return acov;
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
// Pooled ranks

// One draw of the split chains; `slot` is chain * length + position in the split layout.
// Packed to 12 bytes: sorting ten million draws in the window needs two arrays of these, and
// that sort is the peak of the window's memory. 32-bit slots bound the draws (kMaxDraws).
struct [[gnu::packed]] Entry {
    double value;
    std::uint32_t slot;
};
static_assert(sizeof(Entry) == 12);

constexpr std::uint32_t kDroppedSlot = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kMaxDraws = kDroppedSlot;

// Order-preserving map from doubles to unsigned integers. IEEE 754 bit patterns order like
// sign-magnitude integers; flipping every bit of a negative number and the sign bit of the
// others makes unsigned order agree with numeric order.
std::uint64_t orderedBits(double x) {
    constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63U;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    return (bits & kSignBit) != 0 ? ~bits : bits | kSignBit;
}

// Ascending by value; no NaN allowed. A least-significant-digit radix sort, 11 bits a pass,
// because every rank-based diagnostic sorts all the draws and for millions of draws this is
// several times faster than a comparison sort.
void sortByValue(std::vector<Entry>& entries) {
    constexpr unsigned kDigitBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
    constexpr unsigned kPasses = (64 + kDigitBits - 1) / kDigitBits;
    const auto digit = [](const Entry& e, unsigned pass) {
        return static_cast<std::size_t>((orderedBits(e.value) >> (pass * kDigitBits)) &
                                        (kBuckets - 1));
    };
    // All the histograms in one read of the entries.
    std::vector<std::array<std::size_t, kBuckets>> counts(kPasses);
    for (const Entry& e : entries) {
        for (unsigned pass = 0; pass < kPasses; ++pass)
            ++counts[pass][digit(e, pass)];
    }
    std::vector<Entry> scratch(entries.size());
    for (unsigned pass = 0; pass < kPasses; ++pass) {
        auto& offsets = counts[pass];
        // A digit shared by all entries would leave the order as it is.
        if (std::ranges::find(offsets, entries.size()) != offsets.end()) continue;
        std::size_t offset = 0;
        for (std::size_t& count : offsets)
            offset += std::exchange(count, offset);
        for (const Entry& e : entries)
            scratch[offsets[digit(e, pass)]++] = e;
        entries.swap(scratch);
    }
}

// Blom's normal scores with average ranks for ties (posterior's z_scale with c = 3/8). Ties
// share a rank so that draws that are equal stay equal after the transformation. Entry slots
// index `layout`: chain slot / length, position slot % length.
Chains normalScores(const std::vector<Entry>& sorted, std::size_t chainCount) {
    const std::size_t length = chainCount == 0 ? 0 : sorted.size() / chainCount;
    Chains scores(chainCount, std::vector<double>(length));
    const double total = static_cast<double>(sorted.size());
    for (std::size_t first = 0; first < sorted.size();) {
        std::size_t last = first + 1;
        while (last < sorted.size() && sorted[last].value == sorted[first].value)
            ++last;
        const double averageRank = static_cast<double>(first + 1 + last) / 2.0;  // of first+1..last
        const double z = inverseNormalCdf((averageRank - 0.375) / (total + 0.25));
        for (std::size_t i = first; i < last; ++i)
            scores[sorted[i].slot / length][sorted[i].slot % length] = z;
        first = last;
    }
    return scores;
}

// The draws folded about `center`, |x - center|, in ascending order, from the draws in
// ascending order by merging the two sides of the center: rounding is monotone, so below the
// center the folded values fall as x rises and above it they rise, so the folded order is a
// merge of two runs: O(n) instead of a sort, in place (a caller done with `sorted` moves it in).
std::vector<Entry> foldedOrder(std::vector<Entry> sorted, double center) {
    const auto split =
        std::ranges::partition_point(sorted, [center](const Entry& e) { return e.value < center; });
    for (Entry& e : sorted)
        e.value = std::abs(e.value - center);
    std::reverse(sorted.begin(), split);
    // Stable: on ties the draws below the center come first, as in a two-way merge.
    std::inplace_merge(sorted.begin(), split, sorted.end(),
                       [](const Entry& a, const Entry& b) { return a.value < b.value; });
    return sorted;
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

// ---------------------------------------------------------------------------------------------
// Wichura (1988), Algorithm AS 241 (PPND16), Applied Statistics 37, 477-484: rational
// approximations to the normal quantile on three ranges, accurate to about 1 part in 1e16.
// Coefficients are listed from the constant term up; each denominator's constant term is 1.

using Coefficients = std::array<double, 8>;

// |p - 0.5| <= 0.425, in r = 0.180625 - (p - 0.5)^2.
constexpr Coefficients kCentralNumerator = {3.3871328727963666080e+0, 1.3314166789178437745e+2,
                                            1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                            4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                            3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr Coefficients kCentralDenominator = {1.0000000000000000000e+0, 4.2313330701600911252e+1,
                                              6.8718700749205790830e+2, 5.3941960214247511077e+3,
                                              2.1213794301586595867e+4, 3.9307895800092710610e+4,
                                              2.8729085735721942674e+4, 5.2264952788528545610e+3};

// sqrt(-log(tail)) <= 5, in r - 1.6.
constexpr Coefficients kIntermediateNumerator = {
    1.42343711074968357734e+0, 4.63033784615654529590e+0, 5.76949722146069140550e+0,
    3.64784832476320460504e+0, 1.27045825245236838258e+0, 2.41780725177450611770e-1,
    2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr Coefficients kIntermediateDenominator = {
    1.0000000000000000000e+0,  2.05319162663775882187e+0, 1.67638483018380384940e+0,
    6.89767334985100004550e-1, 1.48103976427480074590e-1, 1.51986665636164571966e-2,
    5.47593808499534494600e-4, 1.05075007164441684324e-9};

// sqrt(-log(tail)) > 5 (tail area below about 1.4e-11), in r - 5.
constexpr Coefficients kFarNumerator = {6.65790464350110377720e+0, 5.46378491116411436990e+0,
                                        1.78482653991729133580e+0, 2.96560571828504891230e-1,
                                        2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                        2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr Coefficients kFarDenominator = {1.0000000000000000000e+0,  5.99832206555887937690e-1,
                                          1.36929880922735805310e-1, 1.48753612908506148525e-2,
                                          7.86869131145613259100e-4, 1.84631831751005468180e-5,
                                          1.42151175831644588870e-7, 2.04426310338993978564e-15};

// Horner's rule from the highest power down, the evaluation order of the published algorithm.
double polynomial(const Coefficients& c, double x) {
    double sum = c.back();
    for (auto it = c.rbegin() + 1; it != c.rend(); ++it)
        sum = sum * x + *it;
    return sum;
}

double ratio(const Coefficients& numerator, const Coefficients& denominator, double x) {
    return polynomial(numerator, x) / polynomial(denominator, x);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

double inverseNormalCdf(double p) {
    if (std::isnan(p) || p < 0.0 || p > 1.0) return kNaN;
    if (p == 0.0) return -std::numeric_limits<double>::infinity();
    if (p == 1.0) return std::numeric_limits<double>::infinity();

    const double q = p - 0.5;
    if (std::abs(q) <= 0.425) {
        const double r = 0.180625 - q * q;
        return q * ratio(kCentralNumerator, kCentralDenominator, r);
    }
    // In the tails the approximation is in r = sqrt(-log(tail area)), which grows only slowly
    // as the tail area shrinks towards the smallest double.
    const double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
    const double z = r <= 5.0 ? ratio(kIntermediateNumerator, kIntermediateDenominator, r - 1.6)
                              : ratio(kFarNumerator, kFarDenominator, r - 5.0);
    return q < 0.0 ? -z : z;
}

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
