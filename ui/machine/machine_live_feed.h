#pragma once

#include <QString>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/machine_runner.h"

namespace couplinglab::ui {

struct MachineRunOutcome;

// How fast a machine run goes: at full speed, or paced for a class to watch it. At a paced
// speed the chains move in step with chain 1, and the trajectory view shows chain 1's every
// trajectory; at the slowest, each trajectory grows one leapfrog step at a time.
struct MachineSpeed {
    QString name;
    double drawsPerSecond = 0.0;          // 0: unpaced
    double leapfrogStepsPerSecond = 0.0;  // > 0: trajectories played back step by step
};
const std::vector<MachineSpeed>& machineSpeeds();  // index 0 is full speed
constexpr int kFullSpeed = 0;

// What a running machine run has produced and the GUI has not yet drawn. The run's threads
// write through hooks() (each chain into its own buffers, handed over under a mutex every few
// milliseconds); the GUI thread sets the speed, asks for metric switches and takes what is new
// into its copy of the run with takeInto().
class MachineLiveFeed {
  public:
    MachineLiveFeed(int chains, int warmup, int draws, MetricKind metric);

    // For the run's threads. `cancel` wakes a paced chain.
    MachineRunHooks hooks(const std::atomic<bool>& cancel);
    // The run's thread, before sampling: the data, the names and the reference, chains empty.
    void publishPrepared(const MachineRunOutcome& prepared);

    // For the GUI thread.
    void setSpeed(int speed);
    int speed() const { return speed_.load(std::memory_order_relaxed); }
    // Every chain carries on with `metric` from its next iteration.
    void requestMetric(MetricKind metric);
    // Moves what is new into `live` (the run's copy the window draws; the prepared run
    // replaces it when it arrives). `visiblePoints` becomes the leapfrog points of chain 1's
    // trajectory shown so far (-1: all). True when anything changed.
    bool takeInto(MachineRunOutcome& live, int& visiblePoints);
    // Share of the run's iterations done, 0 to 1 (a switch adds a warmup and draws).
    double progress() const;

  private:
    using Clock = std::chrono::steady_clock;
    // New results of one chain, not yet handed to the GUI.
    struct Pending {
        std::vector<IterationRecord> records;
        std::vector<double> positions;
        std::vector<MetricSegment> segments;
        std::vector<MachineChainResult::MetricChange> metricChanges;
        std::optional<std::pair<double, Eigen::MatrixXd>> tuned;
        void appendTo(MachineChainResult& chain);
        bool empty() const {
            return records.empty() && segments.empty() && metricChanges.empty() && !tuned;
        }
    };
    // Owned by one chain's thread.
    struct ChainLocal {
        Pending pending;
        Clock::time_point lastHandOver;
        Clock::time_point nextDue;
        MetricKind metric = MetricKind::Diagonal;
    };

    void iterationDone(int chain, const IterationRecord& record, const double* position,
                       const TrajectoryRecord* trajectory, const std::atomic<bool>& cancel);
    std::optional<MetricKind> metricSwitch(int chain);
    bool trajectoryWanted(int chain);
    void playBack(const TrajectoryRecord& trajectory, double stepsPerSecond,
                  const std::atomic<bool>& cancel);
    void publishTrajectory(const TrajectoryRecord& trajectory, int visiblePoints);
    void handOver(int chain);
    void pace(int chain, const MachineSpeed& speed, const std::atomic<bool>& cancel);
    bool chainFinished(int chain) const;
    static void sleepUnless(Clock::time_point until, const std::atomic<bool>& cancel);

    const int chainCount_;
    const int warmup_;
    const int draws_;
    int dimension_ = 1;  // set before the threads start sampling
    std::vector<ChainLocal> local_;
    std::unique_ptr<std::atomic<std::int64_t>[]> iterations_;
    std::unique_ptr<std::atomic<std::int64_t>[]> expected_;
    std::unique_ptr<std::atomic<int>[]> metricAsked_;  // -1: none
    std::atomic<int> speed_{kFullSpeed};
    Clock::time_point lastTrajectory_;  // chain 1's thread only

    // Handed over to the GUI; guarded by mutex_.
    std::mutex mutex_;
    std::unique_ptr<MachineRunOutcome> prepared_;
    std::vector<Pending> shared_;
    std::optional<TrajectoryRecord> trajectory_;
    int visiblePoints_ = -1;
};

}  // namespace couplinglab::ui
