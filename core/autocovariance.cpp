// Autocovariances by FFT, for the effective sample sizes of core/diagnostics.cpp.
#include "core/autocovariance.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <complex>
#include <cstddef>
#include <numbers>

#include "core/accurate_mean.h"

namespace couplinglab::detail {
namespace {

using Complex = std::complex<double>;
using ChainSpans = std::vector<std::span<const double>>;

double mean(std::span<const double> x) {
    return accurateMean(x);
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
}  // namespace

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

}  // namespace couplinglab::detail
