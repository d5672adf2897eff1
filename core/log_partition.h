#pragma once

#include <Eigen/Core>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/phase_point.h"

namespace couplinglab {

// Two doubles that the compiler keeps in one SIMD register (SSE2 on plain x86-64, NEON on ARM).
// GCC's and Clang's vector extension: portable C++ syntax for what Eigen's packets do inside,
// used here because the exponential below needs the bit-level operations Eigen does not expose.
using Lanes = double __attribute__((vector_size(16)));
using LaneBits = std::int64_t __attribute__((vector_size(16)));
inline constexpr int kLaneWidth = 2;

// exp(x) for two x with -700 <= x <= 0 (the caller checks the range): x = k*ln2 + r with
// |r| <= ln2/2, exp(r) by its Taylor polynomial of degree 13 in Estrin's scheme (truncation below
// 1e-17 relative), 2^k put straight into the exponent bits. At most 2 ulp from libm's exp (checked
// by test_boltzmann_machine), about twice as fast as two calls to it and three times as
// fast as Eigen's SSE2 exp, whose division and emulated 64-bit conversions dominate a
// gradient. NaN in gives NaN out.
inline Lanes expInRange(Lanes x) {
    constexpr double kLog2e = 1.4426950408889634;
    constexpr double kLn2High = 6.93147180369123816490e-01;  // ln 2's leading 32 bits
    constexpr double kLn2Low = 1.90821492927058770002e-10;   // the rest
    constexpr double kShifter = 0x1.8p52;  // adding it rounds to an integer in the low bits
    const Lanes shifted = x * kLog2e + kShifter;
    const Lanes k = shifted - kShifter;
    const Lanes r = (x - k * kLn2High) - k * kLn2Low;
    const Lanes r2 = r * r;
    const Lanes r4 = r2 * r2;
    const Lanes c01 = 1.0 + r;
    const Lanes c23 = 1.0 / 2 + r * (1.0 / 6);
    const Lanes c45 = 1.0 / 24 + r * (1.0 / 120);
    const Lanes c67 = 1.0 / 720 + r * (1.0 / 5040);
    const Lanes c89 = 1.0 / 40320 + r * (1.0 / 362880);
    const Lanes c1011 = 1.0 / 3628800 + r * (1.0 / 39916800);
    const Lanes c1213 = 1.0 / 479001600 + r * (1.0 / 6227020800.0);
    const Lanes low = (c01 + r2 * c23) + r4 * (c45 + r2 * c67);
    const Lanes high = (c89 + r2 * c1011) + r4 * c1213;
    const Lanes polynomial = low + (r4 * r4) * high;
    const LaneBits scale = (std::bit_cast<LaneBits>(shifted) + 1023) << 52;
    return polynomial * std::bit_cast<Lanes>(scale);
}

// The 2^K patterns' features phi(s) and the one pass the exact
// Boltzmann likelihood needs per gradient: energies theta.phi(s), log Z by log-sum-exp with the
// maximum taken out, and E_theta[phi]. Two patterns at a time (2^K >= 4); nothing allocated.
template <int Dim>
class PatternFeatures {
  public:
    // Up to 2^8 patterns and 8*9/2 parameters (K = 8 with biases; boltzmann_machine.h checks).
    static constexpr int kMaxPatterns = 256;
    static constexpr int kMaxBlocks = kMaxPatterns / kLaneWidth;
    static constexpr int kMaxDimension = 36;

    // `features`: patterns x D, one row per pattern. Stored block by block: for each pair of
    // patterns, its D features as D lane pairs, so that both passes read memory in order.
    explicit PatternFeatures(const Eigen::MatrixXd& features)
        : values_(static_cast<std::size_t>(features.size())),
          blocks_(static_cast<int>(features.rows()) / kLaneWidth),
          dimension_(static_cast<int>(features.cols())) {
        std::size_t i = 0;
        for (int b = 0; b < blocks_; ++b) {
            for (int d = 0; d < dimension_; ++d) {
                for (int lane = 0; lane < kLaneWidth; ++lane)
                    values_[i++] = features(b * kLaneWidth + lane, d);
            }
        }
    }

    // Returns log Z(q) and sets `mean` to E_q[phi].
    double logPartitionAndMean(const Vector<Dim>& q, Vector<Dim>& mean) const {
        std::array<Lanes, kMaxBlocks> weights;  // NOLINT: the first blocks_ are written below
        const Range range = energies(q, weights);
        const double top = std::max(range.largest[0], range.largest[1]);
        const double bottom = std::min(range.smallest[0], range.smallest[1]);
        Lanes sum = {0.0, 0.0};
        for (int b = 0; b < blocks_; ++b) {
            weights[b] = exponential(weights[b] - top, top - bottom);
            sum += weights[b];
        }
        const double z = sum[0] + sum[1];
        const double inverseZ = 1.0 / z;
        std::array<Lanes, kMaxDimension> weighted;  // NOLINT: the first dimension() set here
        for (int d = 0; d < dimension(); ++d)
            weighted[d] = Lanes{0.0, 0.0};
        for (int b = 0; b < blocks_; ++b) {
            for (int d = 0; d < dimension(); ++d)
                weighted[d] += block(b, d) * weights[b];
        }
        for (int d = 0; d < dimension(); ++d)
            mean[d] = (weighted[d][0] + weighted[d][1]) * inverseZ;
        return top + std::log(z);
    }

  private:
    // A compile-time constant for fixed sizes, so that the loops over the parameters unroll.
    int dimension() const { return Dim == Eigen::Dynamic ? dimension_ : Dim; }

    // Patterns 2b and 2b + 1's feature d.
    Lanes block(int b, int d) const {
        Lanes values;
        std::memcpy(&values,
                    values_.data() + (static_cast<std::size_t>(b) * dimension() + d) * kLaneWidth,
                    sizeof values);
        return values;
    }

    struct Range {
        Lanes largest;
        Lanes smallest;
    };

    // theta.phi(s) for every pattern; returns their lane-wise extremes. `Group` blocks at a time
    // with one accumulator each: independent additions, where one running sum per block would
    // wait on each addition's latency (twice as slow at K = 8).
    Range energies(const Vector<Dim>& q, std::array<Lanes, kMaxBlocks>& out) const {
        return blocks_ % 4 == 0 ? groupedEnergies<4>(q, out) : groupedEnergies<2>(q, out);
    }

    template <int Group>
    Range groupedEnergies(const Vector<Dim>& q, std::array<Lanes, kMaxBlocks>& out) const {
        Range range{};  // set from the first block below
        for (int first = 0; first < blocks_; first += Group) {
            std::array<Lanes, Group> energy;
            for (int g = 0; g < Group; ++g)
                energy[g] = block(first + g, 0) * q[0];
            for (int d = 1; d < dimension(); ++d) {
                for (int g = 0; g < Group; ++g)
                    energy[g] += block(first + g, d) * q[d];
            }
            if (first == 0) range = {energy[0], energy[0]};
            for (int g = 0; g < Group; ++g) {
                out[first + g] = energy[g];
                range.largest = energy[g] > range.largest ? energy[g] : range.largest;
                range.smallest = energy[g] < range.smallest ? energy[g] : range.smallest;
            }
        }
        return range;
    }

    // exp of shifted energies (all <= 0); libm's exp when they span more than expInRange takes.
    static Lanes exponential(Lanes shifted, double span) {
        constexpr double kFastRange = 700.0;
        if (span <= kFastRange) return expInRange(shifted);
        for (int lane = 0; lane < kLaneWidth; ++lane)
            shifted[lane] = std::exp(shifted[lane]);
        return shifted;
    }

    std::vector<double> values_;
    int blocks_;
    int dimension_;
};

}  // namespace couplinglab
