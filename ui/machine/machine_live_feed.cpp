#include "ui/machine/machine_live_feed.h"

#include <QCoreApplication>
#include <algorithm>
#include <thread>

#include "ui/machine/machine_worker.h"

namespace couplinglab::ui {
namespace {

// At full speed the GUI gets a chain's new draws at most this often (and every this many
// draws), so that four chains at a million draws a second do not queue on the mutex.
constexpr auto kHandOverEvery = std::chrono::milliseconds(30);
constexpr std::size_t kHandOverDraws = 2048;
// At full speed, chain 1's trajectory is recorded this often for the view.
constexpr auto kTrajectoryEvery = std::chrono::milliseconds(100);
// A paced chain sleeps in slices this long, to notice Cancel and a change of speed.
constexpr auto kSleepSlice = std::chrono::milliseconds(10);

QString speedName(const char* text) {
    return QCoreApplication::translate("MachineSpeed", text);
}

}  // namespace

const std::vector<MachineSpeed>& machineSpeeds() {
    static const std::vector<MachineSpeed> speeds{
        {speedName("Full speed"), 0.0, 0.0},
        {speedName("100 draws/s"), 100.0, 0.0},
        {speedName("10 draws/s"), 10.0, 0.0},
        {speedName("1 draw/s"), 1.0, 0.0},
        {speedName("Leapfrog by leapfrog"), 0.0, 15.0},
    };
    return speeds;
}

MachineLiveFeed::MachineLiveFeed(int chains, int warmup, int draws, MetricKind metric)
    : chainCount_(chains),
      warmup_(warmup),
      draws_(draws),
      local_(static_cast<std::size_t>(chains)),
      iterations_(std::make_unique<std::atomic<std::int64_t>[]>(static_cast<std::size_t>(chains))),
      expected_(std::make_unique<std::atomic<std::int64_t>[]>(static_cast<std::size_t>(chains))),
      metricAsked_(std::make_unique<std::atomic<int>[]>(static_cast<std::size_t>(chains))),
      shared_(static_cast<std::size_t>(chains)) {
    for (int c = 0; c < chains; ++c) {
        const auto i = static_cast<std::size_t>(c);
        iterations_[i] = 0;
        expected_[i] = static_cast<std::int64_t>(warmup) + draws;
        metricAsked_[i] = -1;
        local_[i].metric = metric;
        local_[i].pending.segments.push_back({0, metric});
    }
}

MachineRunHooks MachineLiveFeed::hooks(const std::atomic<bool>& cancel) {
    MachineRunHooks hooks;
    hooks.trajectoryWanted = [this](int chain) { return trajectoryWanted(chain); };
    hooks.iterationDone = [this, &cancel](int chain, const IterationRecord& record,
                                          const double* position,
                                          const TrajectoryRecord* trajectory) {
        iterationDone(chain, record, position, trajectory, cancel);
    };
    hooks.metricSwitch = [this](int chain) { return metricSwitch(chain); };
    hooks.metricChanged = [this](int chain, std::int64_t iteration,
                                 const Eigen::VectorXd& inverseDiagonal) {
        local_[static_cast<std::size_t>(chain)].pending.metricChanges.push_back(
            {iteration, inverseDiagonal});
    };
    hooks.tuned = [this](int chain, double stepSize, const Eigen::MatrixXd& inverseMetric) {
        local_[static_cast<std::size_t>(chain)].pending.tuned = {stepSize, inverseMetric};
    };
    return hooks;
}

void MachineLiveFeed::publishPrepared(const MachineRunOutcome& prepared) {
    auto copy = std::make_unique<MachineRunOutcome>(prepared);
    dimension_ = copy->dimension();
    copy->run.chains.resize(static_cast<std::size_t>(chainCount_));
    for (int c = 0; c < chainCount_; ++c) {
        MachineChainResult& chain = copy->run.chains[static_cast<std::size_t>(c)];
        chain.base.chain = c;
        chain.dimension = dimension_;
        chain.base.stepSize = prepared.spec.sampler.stepSize;
        chain.inverseMetric = Eigen::MatrixXd::Ones(dimension_, 1);
    }
    const std::lock_guard lock(mutex_);
    prepared_ = std::move(copy);
}

void MachineLiveFeed::setSpeed(int speed) {
    speed_.store(std::clamp(speed, 0, static_cast<int>(machineSpeeds().size()) - 1),
                 std::memory_order_relaxed);
}

void MachineLiveFeed::requestMetric(MetricKind metric) {
    for (int c = 0; c < chainCount_; ++c)
        metricAsked_[static_cast<std::size_t>(c)].store(static_cast<int>(metric));
}

bool MachineLiveFeed::trajectoryWanted(int chain) {
    if (chain != 0) return false;
    const MachineSpeed& speed = machineSpeeds()[static_cast<std::size_t>(this->speed())];
    if (speed.drawsPerSecond > 0.0 || speed.leapfrogStepsPerSecond > 0.0) return true;
    const Clock::time_point now = Clock::now();
    if (now - lastTrajectory_ < kTrajectoryEvery) return false;
    lastTrajectory_ = now;
    return true;
}

std::optional<MetricKind> MachineLiveFeed::metricSwitch(int chain) {
    const auto i = static_cast<std::size_t>(chain);
    const int asked = metricAsked_[i].exchange(-1);
    if (asked < 0 || static_cast<MetricKind>(asked) == local_[i].metric) return std::nullopt;
    const auto metric = static_cast<MetricKind>(asked);
    const std::int64_t at = iterations_[i].load(std::memory_order_relaxed);
    local_[i].metric = metric;
    local_[i].pending.segments.push_back({at, metric});
    // The new warmup starts from a unit metric (its step size stays until it is tuned).
    local_[i].pending.tuned = {0.0, Eigen::MatrixXd::Ones(dimension_, 1)};
    expected_[i].store(at + warmup_ + draws_);
    return metric;
}

void MachineLiveFeed::iterationDone(int chain, const IterationRecord& record,
                                    const double* position, const TrajectoryRecord* trajectory,
                                    const std::atomic<bool>& cancel) {
    const auto i = static_cast<std::size_t>(chain);
    ChainLocal& local = local_[i];
    const MachineSpeed& speed = machineSpeeds()[static_cast<std::size_t>(this->speed())];
    // The trajectory is played before its draw joins the other plots, as the sampler found it.
    if (trajectory != nullptr) {
        if (speed.leapfrogStepsPerSecond > 0.0) {
            playBack(*trajectory, speed.leapfrogStepsPerSecond, cancel);
        } else {
            publishTrajectory(*trajectory, -1);
        }
    }
    local.pending.records.push_back(record);
    local.pending.positions.insert(local.pending.positions.end(), position, position + dimension_);
    iterations_[i].fetch_add(1, std::memory_order_release);
    const bool paced = speed.drawsPerSecond > 0.0 || speed.leapfrogStepsPerSecond > 0.0;
    const Clock::time_point now = Clock::now();
    if (paced || local.pending.records.size() >= kHandOverDraws ||
        now - local.lastHandOver >= kHandOverEvery) {
        handOver(chain);
        local.lastHandOver = now;
    }
    if (paced) pace(chain, speed, cancel);
}

void MachineLiveFeed::playBack(const TrajectoryRecord& trajectory, double stepsPerSecond,
                               const std::atomic<bool>& cancel) {
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / stepsPerSecond));
    Clock::time_point due = Clock::now();
    const int points = static_cast<int>(trajectory.points.size());
    for (int visible = 1; visible <= points && !cancel.load(std::memory_order_relaxed); ++visible) {
        // A change to a faster speed ends the play-back: the rest appears at once.
        if (machineSpeeds()[static_cast<std::size_t>(speed())].leapfrogStepsPerSecond <= 0.0) break;
        publishTrajectory(trajectory, visible == points ? -1 : visible);
        due += interval;
        sleepUnless(due, cancel);
    }
    publishTrajectory(trajectory, -1);
}

void MachineLiveFeed::publishTrajectory(const TrajectoryRecord& trajectory, int visiblePoints) {
    const std::lock_guard lock(mutex_);
    if (!trajectory_ || visiblePoints <= 1) trajectory_ = trajectory;
    visiblePoints_ = visiblePoints;
}

void MachineLiveFeed::handOver(int chain) {
    Pending& mine = local_[static_cast<std::size_t>(chain)].pending;
    if (mine.empty()) return;
    const std::lock_guard lock(mutex_);
    Pending& theirs = shared_[static_cast<std::size_t>(chain)];
    theirs.records.insert(theirs.records.end(), mine.records.begin(), mine.records.end());
    theirs.positions.insert(theirs.positions.end(), mine.positions.begin(), mine.positions.end());
    theirs.segments.insert(theirs.segments.end(), mine.segments.begin(), mine.segments.end());
    theirs.metricChanges.insert(theirs.metricChanges.end(), mine.metricChanges.begin(),
                                mine.metricChanges.end());
    if (mine.tuned) theirs.tuned = std::move(mine.tuned);
    mine = Pending{};
}

// Chain 1 keeps the speed's time; the others keep step with chain 1, so that at a slow speed
// every chain's draws appear together (as the live run's rounds do).
void MachineLiveFeed::pace(int chain, const MachineSpeed& speed, const std::atomic<bool>& cancel) {
    if (chain == 0) {
        if (speed.drawsPerSecond <= 0.0) return;  // the play-back set the pace
        ChainLocal& local = local_[0];
        const auto interval = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / speed.drawsPerSecond));
        const Clock::time_point now = Clock::now();
        local.nextDue = std::max(local.nextDue + interval, now);
        if (local.nextDue - now > interval) local.nextDue = now + interval;
        sleepUnless(local.nextDue, cancel);
        return;
    }
    const std::int64_t mine = iterations_[static_cast<std::size_t>(chain)].load();
    while (!cancel.load(std::memory_order_relaxed) && !chainFinished(0) &&
           iterations_[0].load(std::memory_order_acquire) < mine && this->speed() != kFullSpeed)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

bool MachineLiveFeed::chainFinished(int chain) const {
    const auto i = static_cast<std::size_t>(chain);
    return iterations_[i].load() >= expected_[i].load();
}

void MachineLiveFeed::sleepUnless(Clock::time_point until, const std::atomic<bool>& cancel) {
    while (!cancel.load(std::memory_order_relaxed)) {
        const Clock::time_point now = Clock::now();
        if (now >= until) return;
        std::this_thread::sleep_for(std::min<Clock::duration>(until - now, kSleepSlice));
    }
}

bool MachineLiveFeed::takeInto(MachineRunOutcome& live, int& visiblePoints) {
    const std::lock_guard lock(mutex_);
    bool changed = false;
    if (prepared_) {
        live = std::move(*prepared_);
        prepared_.reset();
        changed = true;
    }
    if (live.run.chains.size() != shared_.size()) return changed;
    for (std::size_t c = 0; c < shared_.size(); ++c) {
        if (shared_[c].empty()) continue;
        shared_[c].appendTo(live.run.chains[c]);
        shared_[c] = Pending{};
        changed = true;
    }
    if (trajectory_) {
        live.run.chains.front().lastTrajectory = std::move(*trajectory_);
        trajectory_.reset();
        visiblePoints = visiblePoints_;
        changed = true;
    } else if (visiblePoints != visiblePoints_) {
        visiblePoints = visiblePoints_;
        changed = true;
    }
    return changed;
}

void MachineLiveFeed::Pending::appendTo(MachineChainResult& chain) {
    chain.base.records.insert(chain.base.records.end(), records.begin(), records.end());
    chain.positions.insert(chain.positions.end(), positions.begin(), positions.end());
    chain.segments.insert(chain.segments.end(), segments.begin(), segments.end());
    chain.metricChanges.insert(chain.metricChanges.end(), metricChanges.begin(),
                               metricChanges.end());
    if (tuned) {
        if (tuned->first > 0.0) chain.base.stepSize = tuned->first;
        chain.inverseMetric = tuned->second;
    }
}

double MachineLiveFeed::progress() const {
    std::int64_t done = 0;
    std::int64_t expected = 0;
    for (int c = 0; c < chainCount_; ++c) {
        done += iterations_[static_cast<std::size_t>(c)].load(std::memory_order_relaxed);
        expected += expected_[static_cast<std::size_t>(c)].load(std::memory_order_relaxed);
    }
    return expected > 0 ? std::min(1.0, static_cast<double>(done) / static_cast<double>(expected))
                        : 0.0;
}

}  // namespace couplinglab::ui
