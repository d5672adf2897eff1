#pragma once

#include <array>

#include "core/integrator.h"
#include "core/proposal.h"
#include "core/termination.h"
#include "core/trajectory_record.h"
#include "core/transition.h"

namespace couplinglab {

inline constexpr int kMaxTreeDepthLimit = 30;

struct NutsSettings {
    int maxDepth = 10;
    double maxDeltaH = 1000.0;  // energy error that counts as a divergence
};

// The No-U-Turn Sampler as Stan runs it: multinomial sampling of the next state, biased
// progressive sampling across doublings, the generalised U-turn criterion including the extra
// checks across subtree boundaries, and divergence at H - H0 > maxDeltaH.
//
// Stan builds each doubling by recursion. Here a doubling is integrated leaf by leaf and
// finished subtrees are merged on a small stack as soon as both halves exist (a post-order
// walk), which performs the same merges, the same random draws and the same floating-point
// operations in the same order, without recursion and without allocating.
template <LogDensityModel Model,
          EuclideanMetric<Model::dimension> Metric = DiagonalMetric<Model::dimension>>
class Nuts {
  public:
    static constexpr int Dim = Model::dimension;
    using V = Vector<Dim>;

    explicit Nuts(NutsSettings settings = {}) : settings_(settings) {}

    Transition<Dim> step(const Model& model, const Metric& metric, double stepSize,
                         const HmcState<Dim>& state, Rng& rng,
                         TrajectoryRecord* record = nullptr) const {
        Builder builder(model, metric, stepSize, settings_, rng, record);
        return builder.run(state);
    }

    const NutsSettings& settings() const { return settings_; }

  private:
    // Momentum and velocity at one end of a span, and the end's signed time from the start.
    struct End {
        V p;
        V pSharp;
        int time;
    };

    // A finished, valid span of a doubling in integration order: `begin` was computed first.
    struct Span {
        Proposal<Dim> proposal;
        End begin;
        End end;
        V rho;  // summed momenta
        double logSumWeight;
        int level;  // log2 of the number of points
    };

    class Builder {
      public:
        Builder(const Model& model, const Metric& metric, double stepSize,
                const NutsSettings& settings, Rng& rng, TrajectoryRecord* record)
            : model_(model),
              metric_(metric),
              stepSize_(stepSize),
              settings_(settings),
              rng_(rng),
              record_(record) {}

        Transition<Dim> run(const HmcState<Dim>& state) {
            PhasePoint<Dim> start{state.q, metric_.sampleMomentum(rng_), state.logDensity,
                                  state.gradient};
            h0_ = metric_.hamiltonian(start);
            beginRecord(start);

            const End startEnd{start.p, metric_.velocity(start.p), 0};
            End leftmost = startEnd;
            End rightmost = startEnd;
            PhasePoint<Dim> forwardFrontier = start;
            PhasePoint<Dim> backwardFrontier = start;
            V rho = start.p;
            double logSumWeight = 0.0;  // log of exp(H0 - H0)
            Proposal<Dim> sample{start, 0};
            int depth = 0;
            Termination termination = Termination::MaxDepth;

            while (depth < settings_.maxDepth) {
                const int direction = rng_.uniform() > 0.5 ? 1 : -1;
                PhasePoint<Dim>& frontier = direction > 0 ? forwardFrontier : backwardFrontier;
                const int frontierTime = direction > 0 ? rightmost.time : leftmost.time;
                Span subtree;
                if (!buildSubtree(depth, direction, frontier, frontierTime, subtree)) {
                    termination = divergent_ ? Termination::Divergence : Termination::UTurn;
                    break;
                }
                ++depth;
                const WeightMerge weights = mergeLogWeights(logSumWeight, subtree.logSumWeight);
                sampleBiasedProgressive(sample, subtree.proposal, subtree.logSumWeight,
                                        logSumWeight, weights.candidateOverCurrent, rng_);
                logSumWeight = weights.logSum;

                // Orient the old tree and the new subtree in time: left part, right part.
                const bool forward = direction > 0;
                const V& rhoLeft = forward ? rho : subtree.rho;
                const V& rhoRight = forward ? subtree.rho : rho;
                const End& leftLeft = forward ? leftmost : subtree.end;
                const End& leftRight = forward ? rightmost : subtree.begin;
                const End& rightLeft = forward ? subtree.begin : leftmost;
                const End& rightRight = forward ? subtree.end : rightmost;
                const V merged = rhoLeft + rhoRight;
                const bool spanFree = isUTurnFree<Dim>(leftLeft.pSharp, rightRight.pSharp, merged);
                const bool leftFree =
                    isUTurnFree<Dim>(leftLeft.pSharp, rightLeft.pSharp, V(rhoLeft + rightLeft.p));
                const bool rightFree = isUTurnFree<Dim>(leftRight.pSharp, rightRight.pSharp,
                                                        V(rhoRight + leftRight.p));
                if (record_ != nullptr) {
                    recordUTurns(depth - 1, true, spanFree, leftFree, rightFree, leftLeft,
                                 leftRight, rightLeft, rightRight);
                }
                const End newLeft = leftLeft;
                const End newRight = rightRight;
                leftmost = newLeft;
                rightmost = newRight;
                rho = merged;
                if (!(spanFree && leftFree && rightFree)) {
                    termination = Termination::UTurn;
                    break;
                }
            }

            Transition<Dim> result{{sample.point.q, sample.point.logDensity, sample.point.gradient},
                                   {}};
            result.info.acceptStat = nLeapfrog_ > 0 ? sumMetroProb_ / nLeapfrog_ : 0.0;
            result.info.stepSize = stepSize_;
            result.info.treeDepth = depth;
            result.info.nLeapfrog = nLeapfrog_;
            result.info.divergent = divergent_;
            result.info.energy = metric_.hamiltonian(sample.point);
            result.info.termination = termination;
            endRecord(sample.order, result.info);
            return result;
        }

      private:
        // Integrates 2^depth steps from `frontier` in `direction`. False when a point diverges
        // or a sub-span U-turns; then the whole doubling is discarded, as in Stan.
        bool buildSubtree(int depth, int direction, PhasePoint<Dim>& frontier, int time,
                          Span& subtree) {
            std::array<Span, kMaxTreeDepthLimit + 2> stack;
            int top = 0;
            const long leaves = 1L << depth;
            for (long leaf = 0; leaf < leaves; ++leaf) {
                leapfrogInPlace(model_, metric_, frontier, direction * stepSize_);
                time += direction;
                ++nLeapfrog_;
                V pSharp;
                const double h = energyAndVelocityOf(metric_, frontier, pSharp);
                const bool diverged = h - h0_ > settings_.maxDeltaH;
                divergent_ = divergent_ || diverged;
                sumMetroProb_ += h0_ - h > 0 ? 1.0 : std::exp(h0_ - h);
                const int order = nextOrder_++;
                if (record_ != nullptr)
                    recordPoint(frontier, h, order, time, depth, direction, diverged);
                if (divergent_) return false;

                // Filled in place: a Span is a few hundred bytes at D = 6.
                Span& leafSpan = stack[top++];
                leafSpan.proposal = {frontier, order};
                leafSpan.begin = {frontier.p, pSharp, time};
                leafSpan.end = leafSpan.begin;
                leafSpan.rho = frontier.p;
                leafSpan.logSumWeight = h0_ - h;
                leafSpan.level = 0;
                while (top >= 2 && stack[top - 1].level == stack[top - 2].level) {
                    if (!merge(stack[top - 2], stack[top - 1], depth)) return false;
                    --top;
                }
            }
            subtree = stack[0];
            return true;
        }

        // Merges the later-integrated span `final` into `init`; false when the merged span U-turns.
        bool merge(Span& init, const Span& final, int depth) {
            const WeightMerge weights = mergeLogWeights(init.logSumWeight, final.logSumWeight);
            sampleUniformProgressive(init.proposal, final.proposal, weights.candidateProbability,
                                     rng_);
            const V rho = init.rho + final.rho;
            const bool spanFree = isUTurnFree<Dim>(init.begin.pSharp, final.end.pSharp, rho);
            const bool initFree = isUTurnFree<Dim>(init.begin.pSharp, final.begin.pSharp,
                                                   V(init.rho + final.begin.p));
            const bool finalFree =
                isUTurnFree<Dim>(init.end.pSharp, final.end.pSharp, V(final.rho + init.end.p));
            if (record_ != nullptr) {
                recordUTurns(depth, false, spanFree, initFree, finalFree, init.begin, init.end,
                             final.begin, final.end);
            }
            init.end = final.end;
            init.rho = rho;
            init.logSumWeight = weights.logSum;
            ++init.level;
            return spanFree && initFree && finalFree;
        }

        void beginRecord(const PhasePoint<Dim>& start) {
            if (record_ == nullptr) return;
            record_->clear();
            record_->staticHmc = false;
            record_->initialEnergy = h0_;
            record_->stepSize = stepSize_;
            record_->inverseMetric = metric_.inverseDiagonal()[0];
            record_->points.push_back({0, 0, -1, 0, start.q[0], start.p[0], h0_, 0.0, false});
            record_->addCoordinates(start.q, start.p);
        }

        void recordPoint(const PhasePoint<Dim>& z, double h, int order, int time, int depth,
                         int direction, bool diverged) {
            record_->points.push_back(
                {order, time, depth, direction, z.q[0], z.p[0], h, h - h0_, diverged});
            record_->addCoordinates(z.q, z.p);
        }

        // Spans are given by their ends in either orientation; events store them in time order.
        void recordUTurns(int doubling, bool whole, bool spanFree, bool firstFree, bool secondFree,
                          const End& a, const End& b, const End& c, const End& d) {
            auto add = [&](const End& x, const End& y, UTurnCheck check) {
                record_->uturns.push_back(
                    {doubling, std::min(x.time, y.time), std::max(x.time, y.time), whole, check});
            };
            if (!spanFree) add(a, d, UTurnCheck::SpanEnds);
            if (!firstFree) add(a, c, UTurnCheck::LeftPlusNextPoint);
            if (!secondFree) add(b, d, UTurnCheck::RightPlusPreviousPoint);
        }

        void endRecord(int selectedOrder, const TransitionInfo& info) {
            if (record_ == nullptr) return;
            record_->selectedOrder = selectedOrder;
            record_->accepted = selectedOrder != 0;
            record_->info = info;
        }

        const Model& model_;
        const Metric& metric_;
        double stepSize_;
        const NutsSettings& settings_;
        Rng& rng_;
        TrajectoryRecord* record_;
        double h0_ = 0.0;
        int nLeapfrog_ = 0;
        double sumMetroProb_ = 0.0;
        bool divergent_ = false;
        int nextOrder_ = 1;
    };

    NutsSettings settings_;
};

}  // namespace couplinglab
