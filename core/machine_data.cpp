#include "core/machine_data.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/bit_data.h"
#include "core/input_error.h"
#include "core/random.h"

namespace couplinglab {
namespace {

constexpr std::uint64_t kWordsPerBlock = 4096;

// Each block of words has its own generator, as in BitData, so the bits do not depend on the
// order in which blocks are filled.
Rng blockRng(std::uint64_t seed, std::uint64_t block) {
    SplitMix64 mixer(seed ^ (0x9fb21c651e98df25ULL * (block + 1)));
    return Rng(mixer.next());
}

// Walker's alias table (Vose's construction): one uniform index and one coin per draw.
struct AliasTable {
    std::vector<double> keep;
    std::vector<int> alias;

    explicit AliasTable(const std::vector<double>& probabilities) {
        const int n = static_cast<int>(probabilities.size());
        keep.assign(static_cast<std::size_t>(n), 1.0);
        alias.resize(static_cast<std::size_t>(n));
        std::vector<double> scaled(probabilities.size());
        std::vector<int> small;
        std::vector<int> large;
        for (int i = 0; i < n; ++i) {
            alias[static_cast<std::size_t>(i)] = i;
            scaled[static_cast<std::size_t>(i)] = probabilities[static_cast<std::size_t>(i)] * n;
            (scaled[static_cast<std::size_t>(i)] < 1.0 ? small : large).push_back(i);
        }
        while (!small.empty() && !large.empty()) {
            const int s = small.back();
            small.pop_back();
            const int l = large.back();
            keep[static_cast<std::size_t>(s)] = scaled[static_cast<std::size_t>(s)];
            alias[static_cast<std::size_t>(s)] = l;
            scaled[static_cast<std::size_t>(l)] -= 1.0 - scaled[static_cast<std::size_t>(s)];
            if (scaled[static_cast<std::size_t>(l)] < 1.0) {
                large.pop_back();
                small.push_back(l);
            }
        }
        // Left-overs are 1 up to rounding: keep them whole.
    }

    // Top `bits` bits of the word pick a column, the low 53 bits are the coin.
    int draw(std::uint64_t word, unsigned bits) const {
        const int column = static_cast<int>(word >> (64U - bits));
        const double coin = static_cast<double>(word & ((std::uint64_t{1} << 53U) - 1)) * 0x1.0p-53;
        return coin < keep[static_cast<std::size_t>(column)]
                   ? column
                   : alias[static_cast<std::size_t>(column)];
    }
};

}  // namespace

std::optional<std::string> validate(const MachineDataSpec& spec) {
    if (auto problem = validate(MachineShape{spec.units, false})) return problem;
    const MachineShape shape{spec.units, false};
    if (!spec.couplings.empty() && static_cast<int>(spec.couplings.size()) != shape.couplings()) {
        return "K = " + std::to_string(spec.units) + " units need " +
               std::to_string(shape.couplings()) + " true couplings, not " +
               std::to_string(spec.couplings.size());
    }
    if (!spec.biases.empty() && static_cast<int>(spec.biases.size()) != spec.units) {
        return "K = " + std::to_string(spec.units) + " units need " + std::to_string(spec.units) +
               " true biases, not " + std::to_string(spec.biases.size());
    }
    auto finite = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
    };
    if (!finite(spec.couplings) || !finite(spec.biases)) {
        return "the true couplings and biases must be finite numbers";
    }
    if (spec.observations < 1 || spec.observations > kMaxObservations) {
        return "the number of observations N must be between 1 and 100000000";
    }
    return std::nullopt;
}

std::vector<double> patternProbabilities(const MachineDataSpec& spec) {
    const MachineShape shape{spec.units, true};
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(shape.dimension());
    for (std::size_t i = 0; i < spec.couplings.size(); ++i)
        theta[static_cast<Eigen::Index>(i)] = spec.couplings[i];
    for (std::size_t k = 0; k < spec.biases.size(); ++k)
        theta[shape.couplings() + static_cast<Eigen::Index>(k)] = spec.biases[k];
    const Eigen::VectorXd energies = featureMatrix(shape) * theta;
    const Eigen::ArrayXd weights = (energies.array() - energies.maxCoeff()).exp();
    const Eigen::ArrayXd p = weights / weights.sum();
    return {p.begin(), p.end()};
}

MachineData MachineData::generate(const MachineDataSpec& spec) {
    if (auto problem = validate(spec)) throw InputError(*problem);
    const std::uint64_t words = packedWords(spec.observations);
    MachineData data;
    data.observations_ = spec.observations;
    data.words_ = allocatePackedLists(static_cast<std::uint64_t>(spec.units), spec.observations,
                                      "K = " + std::to_string(spec.units) + " units of N = " +
                                          std::to_string(spec.observations) + " observations",
                                      "choose a smaller N");
    const AliasTable table(patternProbabilities(spec));
    const auto bits = static_cast<unsigned>(spec.units);
    for (std::uint64_t first = 0, block = 0; first < words; first += kWordsPerBlock, ++block) {
        Rng rng = blockRng(spec.seed, block);
        const std::uint64_t last = std::min(words, first + kWordsPerBlock);
        for (std::uint64_t w = first; w < last; ++w) {
            const std::uint64_t inWord = std::min<std::uint64_t>(64, spec.observations - w * 64);
            for (unsigned b = 0; b < inWord; ++b) {
                const auto pattern = static_cast<unsigned>(table.draw(rng.nextWord(), bits));
                for (unsigned k = 0; k < bits; ++k)
                    data.words_[k][w] |= static_cast<std::uint64_t>((pattern >> k) & 1U) << b;
            }
        }
    }
    data.counts_ = countPatterns(data.words_, data.observations_);
    return data;
}

MachineData MachineData::fromSpins(int units, std::span<const signed char> spins) {
    if (auto problem = validate(MachineShape{units, false})) throw InputError(*problem);
    MachineData data;
    data.observations_ = spins.size() / static_cast<std::size_t>(units);
    data.words_ = allocatePackedLists(static_cast<std::uint64_t>(units), data.observations_,
                                      "N = " + std::to_string(data.observations_) + " observations",
                                      "use fewer rows");
    for (std::uint64_t n = 0; n < data.observations_; ++n) {
        for (int k = 0; k < units; ++k) {
            if (spins[n * static_cast<std::uint64_t>(units) + static_cast<std::uint64_t>(k)] > 0)
                data.words_[static_cast<std::size_t>(k)][n / 64] |= std::uint64_t{1} << (n % 64);
        }
    }
    data.counts_ = countPatterns(data.words_, data.observations_);
    return data;
}

PatternCounts MachineData::patternCounts(bool biases) const {
    return {{units(), biases}, counts_};
}

std::uint64_t MachineData::memoryBytes() const {
    std::uint64_t bytes = 0;
    for (const auto& unit : words_)
        bytes += unit.capacity() * 8;
    return bytes;
}

std::vector<std::uint64_t> countPatterns(const std::vector<std::vector<std::uint64_t>>& units,
                                         std::uint64_t observations) {
    const std::size_t k = units.size();
    const std::size_t patterns = std::size_t{1} << k;
    std::vector<std::uint64_t> counts(patterns, 0);
    std::vector<std::uint64_t> masks(patterns);
    const std::uint64_t words = packedWords(observations);
    const auto tail = static_cast<unsigned>(observations % 64);
    for (std::uint64_t w = 0; w < words; ++w) {
        // masks[i]: observations of this word whose units 0..u-1 show the bits of i.
        masks[0] = w + 1 == words && tail != 0 ? (std::uint64_t{1} << tail) - 1 : ~std::uint64_t{0};
        for (std::size_t u = 0; u < k; ++u) {
            const std::uint64_t x = units[u][w];
            const std::size_t half = std::size_t{1} << u;
            for (std::size_t i = 0; i < half; ++i) {
                masks[i + half] = masks[i] & x;
                masks[i] &= ~x;
            }
        }
        for (std::size_t i = 0; i < patterns; ++i)
            counts[i] += static_cast<std::uint64_t>(std::popcount(masks[i]));
    }
    return counts;
}

}  // namespace couplinglab
