#pragma once

#include <span>
#include <utility>
#include <vector>

#include "core/coupling_model.h"
#include "core/trajectory_record.h"

namespace couplinglab::ui {

// One closed curve of constant energy H(w, p) = U(w) + p²·m⁻¹/2 in phase space, with
// U(w) = −log p(w): p = ±√(2(h − U(w))/m⁻¹) over the interval [lower, upper] where U ≤ h.
struct LevelCurve {
    double energy = 0.0;
    double lower = 0.0;  // a ≤ mode with U(a) = h (to the last bit; U(a) ≤ h)
    double upper = 0.0;  // b ≥ mode with U(b) = h
    // A closed polyline: the upper branch (p ≥ 0) from a to b, then the lower branch (p ≤ 0)
    // from b back to a; the last point repeats the first.
    std::vector<double> w;
    std::vector<double> p;
};

// The levels drawn behind one trajectory, in ascending energy.
struct LevelSet {
    std::vector<LevelCurve> curves;
    int initialIndex = -1;  // the curve at the start's energy H0 (exactly record.initialEnergy)
    // The energy the outermost level had to enclose: the highest of the trajectory's points,
    // leaving out divergent points whose energy is non-finite or absurd (above `energyCap`).
    double enclosedEnergy = 0.0;
    double energyCap = 0.0;
    int pointsOffScale = 0;  // divergent points left out for that reason

    bool empty() const { return curves.empty(); }
    const LevelCurve& outermost() const { return curves.back(); }
};

// The energy levels of a one-dimensional CouplingTarget for a diagonal metric. The target is
// log-concave, so U is convex with a single minimum at the mode and every level above the
// minimum is one closed curve around (mode, 0).
class LevelCurves {
  public:
    static constexpr int kSamplesPerBranch = 200;
    static constexpr int kMinLevels = 6;
    static constexpr int kMaxLevels = 10;

    LevelCurves(const CouplingTarget& target, double inverseMetric);

    const CouplingTarget& target() const { return target_; }
    double inverseMetric() const { return inverseMetric_; }
    double mode() const { return mode_; }
    double minimumEnergy() const { return minimumEnergy_; }  // U(mode)

    double potential(double w) const { return -target_.logDensity(w); }
    double energy(double w, double p) const { return potential(w) + 0.5 * p * p * inverseMetric_; }

    // [a, b] where U ≤ h, found by bracketing outwards from the mode and bisection; both ends
    // equal the mode when h is at or below the minimum.
    std::pair<double, double> interval(double h) const;

    // The level H = h, sampled at w = a + (b − a)(1 − cos t)/2, t uniform in [0, π], which
    // crowds the samples towards a and b where the curve turns vertical.
    LevelCurve curve(double h, int samplesPerBranch = kSamplesPerBranch) const;

    // 6–10 levels for a trajectory that starts at energy h0 and whose points reach at most
    // `highest`: h0 itself, levels inside it down towards the minimum, and enough outside it
    // that the outermost encloses `highest`. Evenly spaced in √(h − U(mode)), the radius of a
    // Gaussian's elliptic level, while the trajectory stays within 5× the start's radius.
    // Beyond, spaced geometrically (an unstable leapfrog throws each point out by a constant
    // factor), and each of those levels moves onto the energy of one of `pointEnergies` if one
    // is near: the picture then shows each point of a blowing-up trajectory on a level of its
    // own. Returns the energies in ascending order and the index of h0 among them.
    static std::pair<std::vector<double>, int> chooseLevels(
        double minimumEnergy, double h0, double highest,
        std::span<const double> pointEnergies = {});

    // The highest energy among the record's points that the outermost level must enclose, and
    // the cap above which divergent points are left out: 10⁶ times the excess energy of the
    // non-divergent trajectory above U(mode) (at least 1). Non-divergent points are never left
    // out: their energy error is at most maxΔH.
    struct Enclosure {
        double highest = 0.0;
        double cap = 0.0;
        int leftOut = 0;
    };
    Enclosure enclosure(const TrajectoryRecord& record) const;

    // The levels for a recorded trajectory of this target and metric.
    LevelSet forRecord(const TrajectoryRecord& record,
                       int samplesPerBranch = kSamplesPerBranch) const;

    // Whether the record was computed on this target and metric: its start's energy must be
    // U(w0) + p0²·m⁻¹/2. False for a record from before a switch of model or data.
    bool describes(const TrajectoryRecord& record) const;

  private:
    double boundary(double h, double direction) const;

    CouplingTarget target_;
    double inverseMetric_;
    double mode_;
    double minimumEnergy_;
    double scale_;  // the Laplace sd at the mode: the first bracketing step
};

}  // namespace couplinglab::ui
