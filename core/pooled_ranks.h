#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

// The ranks of all draws pooled over the split chains, for the rank-normalised diagnostics of
// core/diagnostics.cpp.
namespace couplinglab::detail {

// One draw of the split chains; `slot` is chain * length + position in the split layout.
// Packed to 12 bytes: sorting ten million draws in the window needs two arrays of these, and
// that sort is the peak of the window's memory. 32-bit slots bound the draws (kMaxDraws).
struct [[gnu::packed]] Entry {
    double value;
    std::uint32_t slot;
};
static_assert(sizeof(Entry) == 12);

inline constexpr std::uint32_t kDroppedSlot = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::size_t kMaxDraws = kDroppedSlot;

// Ascending by value (a radix sort); no NaN allowed.
void sortByValue(std::vector<Entry>& entries);
// Blom's normal scores with average ranks for ties, as `chainCount` chains of equal length
// (posterior's z_scale); an entry's slot is chain * length + position.
std::vector<std::vector<double>> normalScores(const std::vector<Entry>& sorted,
                                              std::size_t chainCount);
// |x - center| in ascending order, from the entries in ascending order, in O(n).
std::vector<Entry> foldedOrder(std::vector<Entry> sorted, double center);

}  // namespace couplinglab::detail
