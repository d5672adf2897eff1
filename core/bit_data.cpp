#include "core/bit_data.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <fstream>
#include <new>
#include <sstream>

#include "core/input_error.h"
#include "core/random.h"

namespace couplinglab {
namespace {

constexpr std::uint64_t kWordsPerBlock = 4096;

// Each block of words has its own generator, so blocks could be filled in any order or in
// parallel and still give the same bits.
Rng blockRng(std::uint64_t seed, std::uint64_t block) {
    SplitMix64 mixer(seed ^ (0xd1b54a32d192ed03ULL * (block + 1)));
    return Rng(mixer.next());
}

// 64 independent Bernoulli(q) bits, q given as a 64-bit binary fraction. A bit is 1 when a
// uniform U < q; U's binary digits are drawn one word (64 bits at once) at a time and compared
// with q's, and each bit is settled at its first differing digit, so about 8 words suffice.
std::uint64_t bernoulliWord(Rng& rng, std::uint64_t qFraction) {
    std::uint64_t result = 0;
    std::uint64_t undecided = ~std::uint64_t{0};
    for (int k = 63; k >= 0 && undecided != 0; --k) {
        const std::uint64_t u = rng.nextWord();
        if (((qFraction >> static_cast<unsigned>(k)) & 1U) != 0) {
            result |= undecided & ~u;  // digit of U is 0 < 1: U < q
            undecided &= u;
        } else {
            undecided &= ~u;  // digit of U is 1 > 0: U > q, bit stays 0
        }
    }
    return result;  // still undecided: U's 64 digits equal q's, so U >= q
}

std::uint64_t toFraction(double q) {
    if (q <= 0.0) return 0;
    if (q >= 1.0) return ~std::uint64_t{0};
    return static_cast<std::uint64_t>(std::ldexp(q, 64));
}

}  // namespace

std::string mebibytes(std::uint64_t bytes) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
    return out.str();
}

double SufficientStatistic::agreementFraction() const {
    return pairs == 0 ? 0.0 : static_cast<double>(agreements()) / static_cast<double>(pairs);
}

double SufficientStatistic::cOverN() const {
    return pairs == 0 ? 0.0 : static_cast<double>(c) / static_cast<double>(pairs);
}

double disagreementProbability(double coupling) {
    return 1.0 / (1.0 + std::exp(2.0 * coupling));
}

std::optional<std::string> validate(const DataSpec& spec) {
    if (spec.pairs < 1) return "the number of pairs N must be at least 1";
    if (spec.pairs > kMaxPairs) {
        return "the number of pairs N = " + std::to_string(spec.pairs) +
               " is larger than the maximum 2000000000";
    }
    if (!std::isfinite(spec.coupling)) return "the true coupling W must be a finite number";
    return std::nullopt;
}

std::uint64_t packedWords(std::uint64_t bits) {
    return (bits + 63) / 64;
}

std::uint64_t packedBytes(std::uint64_t pairs) {
    return 2 * packedWords(pairs) * 8;
}

namespace {

std::optional<std::uint64_t> readNumber(const char* path) {
    std::ifstream in(path);
    std::uint64_t value = 0;
    if (in >> value) return value;
    return std::nullopt;  // missing, or "max" (no limit)
}

// Room left under this process's cgroup (v2) memory limit, where one is set: in a container
// MemAvailable describes the host, not what the kernel will let us use.
std::optional<std::uint64_t> cgroupHeadroom() {
    const auto limit = readNumber("/sys/fs/cgroup/memory.max");
    const auto used = readNumber("/sys/fs/cgroup/memory.current");
    if (!limit || !used) return std::nullopt;
    return *limit > *used ? *limit - *used : 0;
}

// Room left under this process's address-space limit (ulimit -v, RLIMIT_AS), where one is set:
// past it every allocation fails whatever the machine has free.
std::optional<std::uint64_t> addressSpaceHeadroom() {
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return std::nullopt;
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    if (!(statm >> pages)) return std::nullopt;
    const std::uint64_t used = pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    const auto cap = static_cast<std::uint64_t>(limit.rlim_cur);
    return cap > used ? cap - used : 0;
}

}  // namespace

std::optional<std::uint64_t> availableMemoryBytes() {
    std::optional<std::uint64_t> available;
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::uint64_t kib = 0;
    std::string unit;
    while (meminfo >> key >> kib >> unit) {
        if (key == "MemAvailable:") {
            available = kib * 1024;
            break;
        }
    }
    if (const auto headroom = cgroupHeadroom())
        available = available ? std::min(*available, *headroom) : *headroom;
    if (const auto headroom = addressSpaceHeadroom())
        available = available ? std::min(*available, *headroom) : *headroom;
    return available;
}

void requireMemory(std::uint64_t needed, const std::string& request, const std::string& fix) {
    if (auto available = availableMemoryBytes(); available && needed > *available / 10 * 8) {
        throw InputError(request + " need " + mebibytes(needed) + " of memory, but only " +
                         mebibytes(*available) + " are available; " + fix);
    }
}

std::vector<std::vector<std::uint64_t>> allocatePackedLists(std::uint64_t lists, std::uint64_t bits,
                                                            const std::string& request,
                                                            const std::string& fix) {
    const std::uint64_t needed = lists * packedWords(bits) * 8;
    requireMemory(needed, request, fix);
    try {
        return std::vector<std::vector<std::uint64_t>>(
            static_cast<std::size_t>(lists), std::vector<std::uint64_t>(packedWords(bits), 0));
    } catch (const std::bad_alloc&) {
        throw InputError(request + " need " + mebibytes(needed) +
                         " of memory, which could not be allocated; " + fix);
    }
}

BitData BitData::generate(const DataSpec& spec) {
    if (auto problem = validate(spec)) throw InputError(*problem);
    auto lists = allocatePackedLists(2, spec.pairs, "N = " + std::to_string(spec.pairs) + " pairs",
                                     "choose a smaller N");
    BitData data;
    data.spec_ = spec;
    data.x_ = std::move(lists[0]);
    data.y_ = std::move(lists[1]);
    const std::uint64_t words = packedWords(spec.pairs);

    const bool independent = spec.coupling == 0.0;
    const std::uint64_t q = toFraction(disagreementProbability(spec.coupling));
    const unsigned tailBits = static_cast<unsigned>(spec.pairs % 64);
    const std::uint64_t lastMask =
        tailBits == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << tailBits) - 1;
    std::uint64_t disagreements = 0;

    for (std::uint64_t first = 0, block = 0; first < words; first += kWordsPerBlock, ++block) {
        Rng rng = blockRng(spec.seed, block);
        const std::uint64_t last = std::min(words, first + kWordsPerBlock);
        for (std::uint64_t w = first; w < last; ++w) {
            const std::uint64_t x = rng.nextWord();
            const std::uint64_t flips = independent ? rng.nextWord() : bernoulliWord(rng, q);
            const std::uint64_t mask = w + 1 == words ? lastMask : ~std::uint64_t{0};
            data.x_[w] = x & mask;
            data.y_[w] = (x ^ flips) & mask;
            disagreements += static_cast<std::uint64_t>(std::popcount(flips & mask));
        }
    }
    data.statistic_ = {spec.pairs, static_cast<std::int64_t>(spec.pairs) -
                                       2 * static_cast<std::int64_t>(disagreements)};
    return data;
}

SufficientStatistic computeStatistic(std::span<const std::uint64_t> x,
                                     std::span<const std::uint64_t> y, std::uint64_t pairs) {
    std::uint64_t disagreements = 0;
    const std::size_t words = std::min(x.size(), y.size());
    for (std::size_t w = 0; w < words; ++w) {
        disagreements += static_cast<std::uint64_t>(std::popcount(x[w] ^ y[w]));
    }
    return {pairs, static_cast<std::int64_t>(pairs) - 2 * static_cast<std::int64_t>(disagreements)};
}

}  // namespace couplinglab
