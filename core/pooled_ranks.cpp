#include "core/pooled_ranks.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <utility>

#include "core/normal_quantile.h"

namespace couplinglab::detail {
namespace {

// Order-preserving map from doubles to unsigned integers. IEEE 754 bit patterns order like
// sign-magnitude integers; flipping every bit of a negative number and the sign bit of the
// others makes unsigned order agree with numeric order.
std::uint64_t orderedBits(double x) {
    constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63U;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    return (bits & kSignBit) != 0 ? ~bits : bits | kSignBit;
}

}  // namespace

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
std::vector<std::vector<double>> normalScores(const std::vector<Entry>& sorted,
                                              std::size_t chainCount) {
    const std::size_t length = chainCount == 0 ? 0 : sorted.size() / chainCount;
    std::vector<std::vector<double>> scores(chainCount, std::vector<double>(length));
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

}  // namespace couplinglab::detail
