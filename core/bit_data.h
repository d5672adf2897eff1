#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace couplinglab {

inline constexpr std::uint64_t kMaxPairs = 2'000'000'000ULL;

// How to generate the two lists of bits.
struct DataSpec {
    std::uint64_t pairs = 10'000;
    double coupling = 0.0;  // true coupling W; 0 = independent bits
    std::uint64_t seed = 1;
    bool operator==(const DataSpec&) const = default;
};

// Everything the model needs from the data: N and C = sum sx*sy = N - 2*Hamming(X, Y).
struct SufficientStatistic {
    std::uint64_t pairs = 0;
    std::int64_t c = 0;

    std::uint64_t agreements() const { return (pairs + static_cast<std::uint64_t>(c)) / 2; }
    double agreementFraction() const;  // share of pairs with x_i == y_i
    double cOverN() const;
    bool operator==(const SufficientStatistic&) const = default;
};

// Probability that y_i differs from x_i for a true coupling W: (1 - tanh W) / 2.
double disagreementProbability(double coupling);

// nullopt when the spec is valid, else a message naming the problem.
std::optional<std::string> validate(const DataSpec& spec);

// 64-bit words that hold `bits` bits.
std::uint64_t packedWords(std::uint64_t bits);

// Bytes of packed storage for N pairs (two bits per pair, 64 to a word).
std::uint64_t packedBytes(std::uint64_t pairs);

// Memory this process can still allocate, if the system tells: the least of MemAvailable, the
// room under its cgroup's memory limit and the room under its address-space limit (RLIMIT_AS).
std::optional<std::uint64_t> availableMemoryBytes();

// Refuses (InputError, before anything is allocated) a request of `needed` bytes that would
// take more than 80 % of the available memory. `request` names it, e.g. "N = 100 pairs".
void requireMemory(std::uint64_t needed, const std::string& request, const std::string& fix);

// "12.3 MiB"
std::string mebibytes(std::uint64_t bytes);

// `lists` zeroed lists of `bits` bits each, packed 64 to a word: the storage of BitData and
// MachineData. Refused by requireMemory before anything is allocated, and an allocation that
// fails all the same is the same InputError ("`request` need 12.3 MiB of memory, which could
// not be allocated; `fix`"), never std::bad_alloc.
std::vector<std::vector<std::uint64_t>> allocatePackedLists(std::uint64_t lists, std::uint64_t bits,
                                                            const std::string& request,
                                                            const std::string& fix);

// N pairs of bits, packed 64 to a word; bits past N in the last word are zero.
class BitData {
  public:
    // Throws InputError for an invalid spec or one that would not fit in memory; in both cases
    // before allocating anything.
    static BitData generate(const DataSpec& spec);

    const DataSpec& spec() const { return spec_; }
    std::uint64_t pairs() const { return spec_.pairs; }
    std::span<const std::uint64_t> xWords() const { return x_; }
    std::span<const std::uint64_t> yWords() const { return y_; }
    bool x(std::uint64_t i) const { return ((x_[i / 64] >> (i % 64)) & 1U) != 0; }
    bool y(std::uint64_t i) const { return ((y_[i / 64] >> (i % 64)) & 1U) != 0; }
    const SufficientStatistic& statistic() const { return statistic_; }
    std::uint64_t memoryBytes() const { return (x_.capacity() + y_.capacity()) * 8; }

  private:
    DataSpec spec_;
    std::vector<std::uint64_t> x_;
    std::vector<std::uint64_t> y_;
    SufficientStatistic statistic_;
};

// C from packed words by popcount of X xor Y.
SufficientStatistic computeStatistic(std::span<const std::uint64_t> x,
                                     std::span<const std::uint64_t> y, std::uint64_t pairs);

}  // namespace couplinglab
