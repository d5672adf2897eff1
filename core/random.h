#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace couplinglab {

// SplitMix64: turns one user seed into well-mixed state words.
class SplitMix64 {
  public:
    explicit constexpr SplitMix64(std::uint64_t seed) : state_(seed) {}
    constexpr std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31U);
    }

  private:
    std::uint64_t state_;
};

// xoshiro256++ (Blackman & Vigna). Our own generator rather than <random>'s distributions so
// that a seed gives the same draws with every standard library.
class Rng {
  public:
    // `stream` selects one of 2^128-apart sub-sequences, so chains never overlap.
    explicit Rng(std::uint64_t seed, std::uint64_t stream = 0) {
        SplitMix64 mixer(seed);
        for (auto& word : state_)
            word = mixer.next();
        for (std::uint64_t i = 0; i < stream; ++i)
            jump();
    }

    std::uint64_t nextWord() {
        const std::uint64_t result = rotl(state_[0] + state_[3], 23) + state_[0];
        const std::uint64_t t = state_[1] << 17U;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(nextWord() >> 11U) * 0x1.0p-53; }

    // Standard normal by Marsaglia's polar method: no trigonometry, and each accepted pair
    // gives two variates; the second is kept for the next call (it is part of the state, so
    // copying an Rng still copies the exact stream position).
    double normal() {
        if (hasSpareNormal_) {
            hasSpareNormal_ = false;
            return spareNormal_;
        }
        double u = 0.0;
        double v = 0.0;
        double s = 0.0;
        do {
            u = 2.0 * uniform() - 1.0;
            v = 2.0 * uniform() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        const double factor = std::sqrt(-2.0 * std::log(s) / s);
        spareNormal_ = v * factor;
        hasSpareNormal_ = true;
        return u * factor;
    }

    void jump() {
        constexpr std::array<std::uint64_t, 4> kJump = {
            0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL, 0xa9582618e03fc9aaULL,
            0x39abdc4529b1661cULL};
        std::array<std::uint64_t, 4> next{};
        for (const std::uint64_t mask : kJump) {
            for (unsigned bit = 0; bit < 64; ++bit) {
                if ((mask & (std::uint64_t{1} << bit)) != 0) {
                    for (std::size_t i = 0; i < 4; ++i)
                        next[i] ^= state_[i];
                }
                nextWord();
            }
        }
        state_ = next;
        hasSpareNormal_ = false;
    }

    bool operator==(const Rng&) const = default;

  private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
        return (x << static_cast<unsigned>(k)) | (x >> static_cast<unsigned>(64 - k));
    }
    std::array<std::uint64_t, 4> state_{};
    double spareNormal_ = 0.0;
    bool hasSpareNormal_ = false;
};

}  // namespace couplinglab
