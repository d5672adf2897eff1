#include "ui/plots/level_curves.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/exact_posterior.h"

namespace couplinglab::ui {

namespace {

// U is computed as a sum of terms as large as N·log 4; differences of energies below this
// fraction of |U(mode)| are rounding, not geometry.
constexpr double kEnergyResolution = 1e-10;
// The outermost level stays a little outside the highest point, so that the point is seen
// inside it rather than on it, and at least this far outside the start's level.
constexpr double kOuterMargin = 1.03;
constexpr double kOuterAtLeast = 1.2;
// Up to this ratio of the outermost radius to the start's, levels are evenly spaced.
constexpr double kLinearUpTo = 5.0;
constexpr int kGeometricOutside = 6;
// Divergent points with an excess energy above this factor times the non-divergent
// trajectory's are left out of the levels and the frame: a blown-up leapfrog step can reach
// 10^100, which no picture of the trajectory survives.
constexpr double kAbsurdEnergyFactor = 1e6;

}  // namespace

LevelCurves::LevelCurves(const CouplingTarget& target, double inverseMetric)
    : target_(target),
      inverseMetric_(inverseMetric > 0.0 && std::isfinite(inverseMetric) ? inverseMetric : 1.0),
      mode_(findMode(target)),
      minimumEnergy_(potential(mode_)) {
    const double curvature = -target_.curvature(mode_);
    scale_ = curvature > 0.0 && std::isfinite(curvature) ? 1.0 / std::sqrt(curvature) : 1.0;
}

double LevelCurves::boundary(double h, double direction) const {
    if (!(h > minimumEnergy_)) return mode_;
    // U is convex with its minimum at the mode: step outwards, doubling, until U exceeds h,
    // then bisect keeping `inside` at U ≤ h. U grows at least quadratically (the prior), so
    // the bracket is found in a few dozen doublings even for absurd energies.
    double step = scale_;
    double inside = mode_;
    double outside = mode_ + direction * step;
    for (int i = 0; i < 2100 && potential(outside) <= h; ++i) {
        inside = outside;
        step *= 2.0;
        outside = mode_ + direction * step;
        if (!std::isfinite(outside)) return inside;
    }
    for (int i = 0; i < 2200; ++i) {
        const double middle = inside + 0.5 * (outside - inside);
        if (middle == inside || middle == outside) break;
        (potential(middle) <= h ? inside : outside) = middle;
    }
    return inside;
}

std::pair<double, double> LevelCurves::interval(double h) const {
    return {boundary(h, -1.0), boundary(h, 1.0)};
}

LevelCurve LevelCurves::curve(double h, int samplesPerBranch) const {
    const int n = std::max(samplesPerBranch, 2);
    LevelCurve level;
    level.energy = h;
    std::tie(level.lower, level.upper) = interval(h);
    const double a = level.lower;
    const double b = level.upper;
    const auto size = static_cast<std::size_t>(2 * n - 1);
    level.w.resize(size);
    level.p.resize(size);
    for (int i = 0; i < n; ++i) {
        // (1 − cos t)/2 = sin²(t/2), without the cancellation near t = 0.
        const double s = std::sin(0.5 * std::numbers::pi * i / (n - 1));
        const double w = i == n - 1 ? b : a + (b - a) * s * s;
        const double kinetic = h - potential(w);
        const double p = kinetic > 0.0 ? std::sqrt(2.0 * kinetic / inverseMetric_) : 0.0;
        const auto upper = static_cast<std::size_t>(i);
        const auto lower = size - 1 - upper;
        level.w[lower] = w;
        level.p[lower] = -p;
        level.w[upper] = w;  // at b, where both branches meet, the upper branch's point
        level.p[upper] = p;
    }
    // Closed exactly: the last point repeats the first (at a, where p is zero or a rounding
    // error away from it).
    level.w.back() = level.w.front();
    level.p.back() = level.p.front();
    return level;
}

std::pair<std::vector<double>, int> LevelCurves::chooseLevels(
    double minimumEnergy, double h0, double highest, std::span<const double> pointEnergies) {
    const double resolution = kEnergyResolution * std::max(1.0, std::abs(minimumEnergy));
    const double startExcess = std::max(h0 - minimumEnergy, 0.0);
    const double topExcess = std::max(highest - minimumEnergy, startExcess);
    const double r0 = std::sqrt(std::max(startExcess, resolution));
    const double rTop = std::sqrt(std::max(topExcess, resolution));
    const double outer = std::max(kOuterMargin * rTop, kOuterAtLeast * r0);
    const double ratio = outer / r0;

    std::vector<double> radii;  // of every level but h0's
    if (ratio <= kLinearUpTo) {
        // Steps of r0/k: the smallest k that gives at least six levels up to `outer`. The
        // largest count this can give is ten (k = 2 at ratio 5).
        const auto count = [ratio](int k) { return static_cast<int>(std::ceil(k * ratio - 1e-9)); };
        int k = 2;
        while (k < 8 && count(k) < kMinLevels)
            ++k;
        const int n = std::min(count(k), kMaxLevels);
        for (int j = 1; j <= n; ++j) {
            if (j != k) radii.push_back(r0 * j / k);
        }
    } else {
        radii = {r0 / 3.0, 2.0 * r0 / 3.0};
        std::vector<double> pointRadii;
        for (const double e : pointEnergies) {
            const double excess = e - minimumEnergy;
            if (std::isfinite(excess) && excess > 0.0) pointRadii.push_back(std::sqrt(excess));
        }
        std::sort(pointRadii.begin(), pointRadii.end());
        const double q = std::pow(ratio, 1.0 / kGeometricOutside);
        const double snapWithin = 0.5 * std::log(q);  // half a rung of the ladder
        double previous = r0;
        for (int j = 1; j < kGeometricOutside; ++j) {
            double r = r0 * std::pow(q, j);
            // The nearest point's level in log radius, if it is clear of the level below and of
            // the outermost.
            double best = snapWithin;
            for (const double candidate : pointRadii) {
                const double distance = std::abs(std::log(candidate / (r0 * std::pow(q, j))));
                if (distance < best && candidate > 1.1 * previous && candidate < outer / 1.1) {
                    best = distance;
                    r = candidate;
                }
            }
            radii.push_back(r);
            previous = r;
        }
        radii.push_back(outer);
    }

    std::vector<double> energies;
    energies.reserve(radii.size() + 1);
    for (const double r : radii)
        energies.push_back(minimumEnergy + r * r);
    energies.push_back(h0);
    std::sort(energies.begin(), energies.end());
    energies.erase(std::unique(energies.begin(), energies.end()), energies.end());
    const auto initial = std::find(energies.begin(), energies.end(), h0) - energies.begin();
    return {std::move(energies), static_cast<int>(initial)};
}

LevelCurves::Enclosure LevelCurves::enclosure(const TrajectoryRecord& record) const {
    double regular = record.initialEnergy;
    for (const TrajectoryPoint& point : record.points) {
        if (!point.divergent && std::isfinite(point.energy))
            regular = std::max(regular, point.energy);
    }
    Enclosure result;
    result.cap = minimumEnergy_ + kAbsurdEnergyFactor * std::max(regular - minimumEnergy_, 1.0);
    result.highest = regular;
    for (const TrajectoryPoint& point : record.points) {
        if (!point.divergent) continue;
        const bool sensible = std::isfinite(point.energy) && point.energy <= result.cap &&
                              std::isfinite(point.position) && std::isfinite(point.momentum);
        if (sensible) {
            result.highest = std::max(result.highest, point.energy);
        } else {
            ++result.leftOut;
        }
    }
    return result;
}

LevelSet LevelCurves::forRecord(const TrajectoryRecord& record, int samplesPerBranch) const {
    LevelSet set;
    const Enclosure enclosed = enclosure(record);
    set.enclosedEnergy = enclosed.highest;
    set.energyCap = enclosed.cap;
    set.pointsOffScale = enclosed.leftOut;
    std::vector<double> pointEnergies;
    pointEnergies.reserve(record.points.size());
    for (const TrajectoryPoint& point : record.points) {
        if (std::isfinite(point.energy) && point.energy <= enclosed.cap)
            pointEnergies.push_back(point.energy);
    }
    auto [energies, initial] =
        chooseLevels(minimumEnergy_, record.initialEnergy, enclosed.highest, pointEnergies);
    set.initialIndex = initial;
    set.curves.reserve(energies.size());
    for (const double h : energies)
        set.curves.push_back(curve(h, samplesPerBranch));
    return set;
}

bool LevelCurves::describes(const TrajectoryRecord& record) const {
    if (record.points.empty() || record.inverseMetric != inverseMetric_) return false;
    const TrajectoryPoint& start = record.points.front();
    const double h = energy(start.position, start.momentum);
    return std::isfinite(h) &&
           std::abs(h - record.initialEnergy) <= 1e-9 * std::max(1.0, std::abs(h));
}

}  // namespace couplinglab::ui
