#pragma once

#include "core/integrator.h"
#include "core/trajectory_record.h"
#include "core/transition.h"

namespace couplinglab {

struct StaticHmcSettings {
    int leapfrogSteps = 10;
    double maxDeltaH = 1000.0;
};

// Static HMC: L leapfrog steps of size epsilon, then a Metropolis accept or reject of the end
// point. Kept beside NUTS to show what a fixed trajectory length does.
template <LogDensityModel Model,
          EuclideanMetric<Model::dimension> Metric = DiagonalMetric<Model::dimension>>
class StaticHmc {
  public:
    static constexpr int Dim = Model::dimension;

    explicit StaticHmc(StaticHmcSettings settings = {}) : settings_(settings) {}

    Transition<Dim> step(const Model& model, const Metric& metric, double stepSize,
                         const HmcState<Dim>& state, Rng& rng,
                         TrajectoryRecord* record = nullptr) const {
        const PhasePoint<Dim> start{state.q, metric.sampleMomentum(rng), state.logDensity,
                                    state.gradient};
        const double h0 = metric.hamiltonian(start);
        if (record != nullptr) beginRecord(*record, start, h0, stepSize, metric);

        PhasePoint<Dim> z = start;
        double h = h0;
        bool divergent = false;
        int steps = 0;
        while (steps < settings_.leapfrogSteps) {
            z = leapfrog(model, metric, z, stepSize);
            ++steps;
            h = energyOf(metric, z);
            divergent = h - h0 > settings_.maxDeltaH;
            if (record != nullptr) {
                record->points.push_back(
                    {steps, steps, 0, 1, z.q[0], z.p[0], h, h - h0, divergent});
                record->addCoordinates(z.q, z.p);
            }
            if (divergent) break;
        }

        // A divergent trajectory is rejected outright; otherwise Metropolis on the energy error.
        const double acceptProb = divergent ? 0.0 : std::exp(h0 - h);
        const bool accepted = !divergent && (acceptProb >= 1.0 || rng.uniform() <= acceptProb);
        const PhasePoint<Dim>& next = accepted ? z : start;

        Transition<Dim> result{{next.q, next.logDensity, next.gradient}, {}};
        result.info.acceptStat = std::min(1.0, acceptProb);
        result.info.stepSize = stepSize;
        result.info.treeDepth = 0;
        result.info.nLeapfrog = steps;
        result.info.divergent = divergent;
        result.info.energy = metric.hamiltonian(next);
        result.info.termination = divergent ? Termination::Divergence : Termination::FixedLength;
        if (record != nullptr) {
            record->selectedOrder = accepted ? steps : 0;
            record->accepted = accepted;
            record->info = result.info;
        }
        return result;
    }

    const StaticHmcSettings& settings() const { return settings_; }

  private:
    static void beginRecord(TrajectoryRecord& record, const PhasePoint<Dim>& start, double h0,
                            double stepSize, const Metric& metric) {
        record.clear();
        record.staticHmc = true;
        record.initialEnergy = h0;
        record.stepSize = stepSize;
        record.inverseMetric = metric.inverseDiagonal()[0];
        record.points.push_back({0, 0, -1, 0, start.q[0], start.p[0], h0, 0.0, false});
        record.addCoordinates(start.q, start.p);
    }

    StaticHmcSettings settings_;
};

}  // namespace couplinglab
