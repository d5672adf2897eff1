#pragma once

#include <cmath>
#include <cstdint>

#include "core/adaptation.h"
#include "core/nuts.h"
#include "core/sampler_settings.h"
#include "core/static_hmc.h"
#include "core/step_size_heuristic.h"

namespace couplinglab {

// One iteration of a chain: the new state, Stan's diagnostics and the tuning it ran with.
template <int Dim>
struct Draw {
    std::int64_t iteration;  // 0-based over the chain's whole life
    int segment;             // increments each time the target changes
    bool warmup;
    HmcState<Dim> state;
    TransitionInfo info;
    Vector<Dim> inverseMetric;  // the metric this transition used
};

// Where a chain is, for a chain of another metric to carry on from: its random stream, its
// position and step size, and its iteration and segment counts.
template <int Dim>
struct ChainPlace {
    Rng rng;
    Vector<Dim> q;
    double stepSize;
    std::int64_t iteration;
    int segment;
};

// A Markov chain: a kernel (NUTS or static HMC) plus Stan's windowed warmup. Each segment runs
// `warmup` adaptation iterations and then `draws` sampling iterations; changing the target starts
// a new segment from the current position, so a student can switch models mid-run.
template <LogDensityModel Model,
          EuclideanMetric<Model::dimension> Metric = DiagonalMetric<Model::dimension>>
class Chain {
  public:
    static constexpr int Dim = Model::dimension;
    using V = Vector<Dim>;
    using MetricType = Metric;

    // `chainIndex` (0-based) selects the chain's independent random stream.
    Chain(const Model& model, const SamplerSettings& settings, int chainIndex)
        : model_(model),
          settings_(settings),
          rng_(settings.seed, static_cast<std::uint64_t>(chainIndex)),
          nuts_(NutsSettings{settings.maxDepth, settings.maxDeltaH}),
          hmc_(StaticHmcSettings{settings.leapfrogSteps, settings.maxDeltaH}),
          metric_(Metric::unit(initialPosition().size())),
          stepSize_(settings.stepSize) {
        V q = initialPosition();
        for (Eigen::Index i = 0; i < q.size(); ++i)
            q[i] = settings_.initRadius * (2.0 * rng_.uniform() - 1.0);
        state_ = makeState(model_, q);
        startSegment(true);
    }

    // Carries on from `place` (a chain with another metric, which a chain cannot change in
    // place): a new segment whose warmup starts again from a unit metric and `place`'s step size.
    Chain(const Model& model, const SamplerSettings& settings, const ChainPlace<Dim>& place)
        : model_(model),
          settings_(settings),
          rng_(place.rng),
          nuts_(NutsSettings{settings.maxDepth, settings.maxDeltaH}),
          hmc_(StaticHmcSettings{settings.leapfrogSteps, settings.maxDeltaH}),
          metric_(Metric::unit(place.q.size())),
          stepSize_(place.stepSize),
          state_(makeState(model_, place.q)),
          iteration_(place.iteration),
          segment_(place.segment + 1) {
        startSegment(true);
    }

    ChainPlace<Dim> place() const { return {rng_, state_.q, stepSize_, iteration_, segment_}; }

    Draw<Dim> next(TrajectoryRecord* record = nullptr) {
        Draw<Dim> draw{iteration_, segment_, inWarmup(), state_, {}, metric_.inverseDiagonal()};
        const Transition<Dim> transition =
            settings_.algorithm == Algorithm::Nuts
                ? nuts_.step(model_, metric_, stepSize_, state_, rng_, record)
                : hmc_.step(model_, metric_, stepSize_, state_, rng_, record);
        state_ = transition.state;
        draw.state = state_;
        draw.info = transition.info;
        if (draw.warmup) {
            adapt(transition.info.acceptStat);
        } else {
            ++drawsDone_;
        }
        ++iteration_;
        return draw;
    }

    // The current segment has finished its warmup and its draws.
    bool segmentDone() const { return !inWarmup() && drawsDone_ >= settings_.draws; }
    bool inWarmup() const { return warmupDone_ < segmentWarmup_; }

    // Continue from the current position under a new target. Unless the tuning is kept, a new
    // warmup starts from a unit metric, as a fresh run would.
    void retarget(const Model& model, bool keepTuning) {
        if (keepTuning && inWarmup() && settings_.adaptStepSize && warmupDone_ > 0) {
            stepSize_ = dualAveraging_.finalStepSize();
        }
        model_ = model;
        state_ = makeState(model_, state_.q);
        ++segment_;
        startSegment(!keepTuning);
    }

    // Swap in new sampler settings (algorithm, L, step size, delta, metric adaptation, depth,
    // warmup, draws) and start a new segment from the current position. The random stream,
    // and so the seed, stay those of the chain.
    void reconfigure(const Model& model, const SamplerSettings& settings, bool keepTuning) {
        const std::uint64_t seed = settings_.seed;
        settings_ = settings;
        settings_.seed = seed;
        nuts_ = Nuts<Model, Metric>(NutsSettings{settings.maxDepth, settings.maxDeltaH});
        hmc_ =
            StaticHmc<Model, Metric>(StaticHmcSettings{settings.leapfrogSteps, settings.maxDeltaH});
        if (!settings.adaptStepSize) stepSize_ = settings.stepSize;
        retarget(model, keepTuning);
        if (!settings.adaptStepSize) stepSize_ = settings.stepSize;
    }

    // Puts the chain at `q` (to start it somewhere chosen, e.g. far out in the tails); the
    // segment and the tuning continue.
    void moveTo(const V& q) { state_ = makeState(model_, q); }

    // After the segment's draws are done, sample `moreDraws` further draws in the same segment.
    void extendSegment(int moreDraws) {
        settings_.draws = static_cast<int>(drawsDone_) + moreDraws;
    }

    const Model& model() const { return model_; }
    const SamplerSettings& settings() const { return settings_; }
    const HmcState<Dim>& state() const { return state_; }
    double stepSize() const { return stepSize_; }
    const Metric& metric() const { return metric_; }
    std::int64_t iteration() const { return iteration_; }
    int segment() const { return segment_; }
    std::int64_t segmentStart() const { return segmentStart_; }
    int segmentWarmup() const { return segmentWarmup_; }
    std::int64_t drawsDone() const { return drawsDone_; }
    // The slow windows of the current segment's warmup, as [first, last] iterations.
    std::vector<std::pair<std::int64_t, std::int64_t>> slowWindows() const {
        std::vector<std::pair<std::int64_t, std::int64_t>> windows;
        if (!settings_.adaptMetric) return windows;
        for (const auto& [first, last] : metricAdaptation_.schedule().slowWindows()) {
            windows.emplace_back(segmentStart_ + first, segmentStart_ + last);
        }
        return windows;
    }

  private:
    V initialPosition() const {
        if constexpr (Dim == Eigen::Dynamic) {
            return V::Zero(model_.dimensionAtRunTime());
        } else {
            return V::Zero();
        }
    }

    void startSegment(bool rerunWarmup) {
        segmentStart_ = iteration_;
        drawsDone_ = 0;
        warmupDone_ = 0;
        segmentWarmup_ = rerunWarmup ? settings_.warmup : 0;
        if (!rerunWarmup) return;
        metric_ = Metric::unit(state_.q.size());
        metricAdaptation_ = WindowedMetricAdaptation<Metric>(
            segmentWarmup_, {settings_.initBuffer, settings_.termBuffer, settings_.baseWindow});
        dualAveraging_ =
            DualAveraging({settings_.targetAccept, settings_.gamma, settings_.kappa, settings_.t0});
        if (!settings_.adaptStepSize || segmentWarmup_ == 0) return;
        // As Stan: mu from the step size before the heuristic, then the heuristic.
        dualAveraging_.setMu(std::log(10.0 * stepSize_));
        dualAveraging_.restart();
        stepSize_ = findReasonableStepSize(model_, metric_, state_, stepSize_, rng_);
    }

    void adapt(double acceptStat) {
        ++warmupDone_;
        if (settings_.adaptStepSize) stepSize_ = dualAveraging_.learn(acceptStat);
        if (settings_.adaptMetric && metricAdaptation_.learn(state_.q, metric_) &&
            settings_.adaptStepSize) {
            stepSize_ = findReasonableStepSize(model_, metric_, state_, stepSize_, rng_);
            dualAveraging_.setMu(std::log(10.0 * stepSize_));
            dualAveraging_.restart();
        }
        if (!inWarmup() && settings_.adaptStepSize) stepSize_ = dualAveraging_.finalStepSize();
    }

    Model model_;
    SamplerSettings settings_;
    Rng rng_;
    Nuts<Model, Metric> nuts_;
    StaticHmc<Model, Metric> hmc_;
    Metric metric_;
    double stepSize_;
    HmcState<Dim> state_;
    DualAveraging dualAveraging_;
    WindowedMetricAdaptation<Metric> metricAdaptation_;
    std::int64_t iteration_ = 0;
    std::int64_t segmentStart_ = 0;
    std::int64_t drawsDone_ = 0;
    int warmupDone_ = 0;
    int segmentWarmup_ = 0;
    int segment_ = 0;
};

}  // namespace couplinglab
