#pragma once

// The pairs slider's log scale, shared by the Data group that builds the slider and the panel
// that keeps it in step with the N field.

#include <array>
#include <cmath>
#include <cstdint>

namespace couplinglab::ui::pairs_scale {

// Data from the log slider: 1, 2 and 5 per decade from 10 to 10^8.
inline constexpr std::array<int, 3> kMantissas{1, 2, 5};
inline constexpr int kPairsSliderMaximum = 3 * 7;

inline std::uint64_t pairsAtSliderPosition(int position) {
    std::uint64_t pairs = static_cast<std::uint64_t>(kMantissas[position % 3]);
    for (int decade = 0; decade <= position / 3; ++decade)
        pairs *= 10;
    return pairs;
}

inline int nearestSliderPosition(std::uint64_t pairs) {
    const double logPairs = std::log(static_cast<double>(pairs));
    int best = 0;
    for (int position = 1; position <= kPairsSliderMaximum; ++position) {
        const auto distance = [&](int p) {
            return std::abs(std::log(static_cast<double>(pairsAtSliderPosition(p))) - logPairs);
        };
        if (distance(position) < distance(best)) best = position;
    }
    return best;
}

}  // namespace couplinglab::ui::pairs_scale
