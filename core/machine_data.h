#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/boltzmann_machine.h"

namespace couplinglab {

inline constexpr std::uint64_t kMaxObservations = 100'000'000ULL;

// How to generate K lists of bits from true parameters theta*: each observation is one of the
// 2^K spin patterns, drawn with its Boltzmann probability e^{theta*.phi(s)} / Z(theta*).
struct MachineDataSpec {
    int units = 3;
    std::vector<double> couplings;  // K(K-1)/2 true couplings, row-major j < k; empty = all 0
    std::vector<double> biases;     // K true biases; empty = all 0
    std::uint64_t observations = 10'000;
    std::uint64_t seed = 1;
    bool operator==(const MachineDataSpec&) const = default;
};

std::optional<std::string> validate(const MachineDataSpec& spec);

// The pattern probabilities of theta* (couplings, then biases, all K of them), summing to 1.
std::vector<double> patternProbabilities(const MachineDataSpec& spec);

// K lists of N bits, packed 64 to a word per unit; bits past N in the last word are zero.
class MachineData {
  public:
    // Throws InputError for an invalid spec or one that would not fit in memory; in both cases
    // before allocating anything.
    static MachineData generate(const MachineDataSpec& spec);
    // Bits given one observation at a time (from a file): `spins[n*K + k]` is unit k of
    // observation n, +1 or -1.
    static MachineData fromSpins(int units, std::span<const signed char> spins);

    int units() const { return static_cast<int>(words_.size()); }
    std::uint64_t observations() const { return observations_; }
    std::span<const std::uint64_t> unitWords(int unit) const {
        return words_[static_cast<std::size_t>(unit)];
    }
    bool bit(int unit, std::uint64_t i) const {
        return ((words_[static_cast<std::size_t>(unit)][i / 64] >> (i % 64)) & 1U) != 0;
    }
    // The sufficient statistics for a model of this data with or without biases.
    PatternCounts patternCounts(bool biases) const;
    std::uint64_t memoryBytes() const;

  private:
    std::vector<std::vector<std::uint64_t>> words_;
    std::vector<std::uint64_t> counts_;
    std::uint64_t observations_ = 0;
};

// Pattern counts from K packed bit lists by a per-word split on each unit and popcount.
std::vector<std::uint64_t> countPatterns(const std::vector<std::vector<std::uint64_t>>& units,
                                         std::uint64_t observations);

}  // namespace couplinglab
