#include "ui/run/sampling_worker.h"

#include <QThread>
#include <algorithm>
#include <cassert>
#include <chrono>

#include "core/input_error.h"
#include "core/platform/compute_thread.h"
#include "core/platform/vector_state.h"
#include "ui/support/thread_sanitizer.h"

namespace couplinglab::ui {
namespace {

constexpr double kBatchIntervalMs = 1000.0 / 60.0;       // at most 60 batches a second
constexpr double kTrajectoryIntervalMs = 1000.0 / 30.0;  // at most 30 trajectories a second
constexpr int kMaxBatchesInFlight = 3;
constexpr int kBitStripLength = 64;

DataSummary summarize(const BitData& data, double seconds) {
    DataSummary summary;
    summary.spec = data.spec();
    summary.statistic = data.statistic();
    const auto shown = std::min<std::uint64_t>(data.pairs(), kBitStripLength);
    for (std::uint64_t i = 0; i < shown; ++i) {
        summary.firstX.push_back(data.x(i));
        summary.firstY.push_back(data.y(i));
    }
    summary.generationSeconds = seconds;
    return summary;
}

}  // namespace

SamplingWorker::SamplingWorker(const RunSettings& initial) : settings_(initial) {
    requests_.reset = initial;
    requestPending_ = true;
}

SamplingWorker::~SamplingWorker() = default;

void SamplingWorker::requestRunning(bool running) {
    const std::lock_guard lock(mutex_);
    requests_.running = running;
    requestPending_ = true;
    wake_.notify_all();
}

void SamplingWorker::requestStep() {
    const std::lock_guard lock(mutex_);
    ++requests_.steps;
    requests_.running = false;
    requestPending_ = true;
    wake_.notify_all();
}

void SamplingWorker::requestReset(const RunSettings& settings) {
    const std::lock_guard lock(mutex_);
    requests_.reset = settings;
    requests_.switches.clear();
    requests_.running = false;
    requests_.steps = 0;
    requestPending_ = true;
    wake_.notify_all();
}

void SamplingWorker::requestSwitch(const RunSettings& settings, bool keepTuning,
                                   const QString& label) {
    const std::lock_guard lock(mutex_);
    requests_.switches.push_back({settings, keepTuning, label});
    requestPending_ = true;
    wake_.notify_all();
}

void SamplingWorker::requestSpeed(int speedLevel, double leapfrogStepsPerSecond) {
    const std::lock_guard lock(mutex_);
    requests_.speedLevel = std::clamp(speedLevel, 0, kFullSpeedLevel);
    requests_.leapfrogStepsPerSecond =
        std::clamp(leapfrogStepsPerSecond, kMinLeapfrogStepsPerSecond, kMaxLeapfrogStepsPerSecond);
    requestPending_ = true;
    wake_.notify_all();
}

void SamplingWorker::requestStop() {
    const std::lock_guard lock(mutex_);
    stop_ = true;
    requestPending_ = true;
    wake_.notify_all();
}

void SamplingWorker::batchConsumed() {
    --batchesInFlight_;
}

void SamplingWorker::loop() {
    // When cores are short, the window stays responsive and the sampler takes what is left.
    prepareComputeThread(ComputePriority::Sampler);
    sinceFlush_.start();
    sinceTrajectory_.start();
    pacing_.start();
    while (!stop_) {
        if (requestPending_.exchange(false)) takeRequests();
        if (stop_) break;
        const bool stepping = steps_ > 0;
        if (running_ && !stepping && allChainsDone()) {
            running_ = false;
            flushBatch(true);
            setState(RunState::Finished);
            continue;
        }
        if (!running_ && !stepping) {
            flushBatch(true);
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return requestPending_ || stop_; });
            continue;
        }
        if (stepping && allChainsDone()) {
            for (CouplingChain& chain : chains_)
                chain.extendSegment(1);
        }
        runOneRound();
        if (stepping) {
            --steps_;
            flushBatch(true);
            if (steps_ == 0 && !running_)
                setState(allChainsDone() ? RunState::Finished : RunState::Paused);
        } else {
            flushBatch(false);
        }
    }
    flushBatch(true);
    // requestStop() sets stop_ and then notifies, both under mutex_, and this object is deleted
    // soon after the loop returns. The loop may have seen stop_ before the GUI
    // thread left notify_all(): taking the mutex once waits for it, so that the mutex and the
    // condition variable are never destroyed while the GUI thread is still using them.
    { const std::lock_guard lock(mutex_); }
    emit loopFinished();
    // Last: the controller deletes this worker, and the connections this thread just used, once
    // the thread has ended.
    tsan::release(this);
}

void SamplingWorker::takeRequests() {
    Requests taken;
    {
        const std::lock_guard lock(mutex_);
        taken = std::move(requests_);
        requests_ = Requests{};
        requests_.speedLevel = taken.speedLevel;
        requests_.leapfrogStepsPerSecond = taken.leapfrogStepsPerSecond;
    }
    speedLevel_ = taken.speedLevel;
    leapfrogStepsPerSecond_ = taken.leapfrogStepsPerSecond;
    try {
        if (taken.reset) applyReset(*taken.reset);
        for (const Switch& change : taken.switches)
            applySwitch(change);
    } catch (const std::exception& error) {
        // Nothing was replaced: the settings in force stay, and the GUI says why.
        const tsan::QueuedEmission queued;
        emit failed(QString::fromStdString(error.what()));
    }
    steps_ += taken.steps;
    if (taken.running) {
        const bool start = *taken.running;
        if (start && allChainsDone()) {
            for (CouplingChain& chain : chains_)
                chain.extendSegment(settings_.sampler.draws);
        }
        running_ = start;
        if (!start) flushBatch(true);
        setState(start ? RunState::Running
                       : (state_ == RunState::Idle ? RunState::Idle : RunState::Paused));
        nextRoundDueMs_ = static_cast<double>(pacing_.elapsed());
    }
}

bool SamplingWorker::ensureData(const DataSpec& spec) {
    if (data_ && data_->spec() == spec) return false;
    QElapsedTimer timer;
    timer.start();
    auto generated = std::make_unique<BitData>(BitData::generate(spec));
    data_ = std::move(generated);
    const DataSummary summary = summarize(*data_, static_cast<double>(timer.nsecsElapsed()) * 1e-9);
    const tsan::QueuedEmission queued;
    emit dataReady(summary);
    return true;
}

// The controller's apply() is where settings are judged, once; this guard only keeps a request
// that reached the thread some other way (a bug) from building chains on invalid settings, which
// the core does not check again. It reports through failed() like any other failure here.
void SamplingWorker::requireValid(const RunSettings& settings) {
    if (auto problem = validate(settings)) throw InputError(*problem);
}

void SamplingWorker::applyReset(const RunSettings& settings) {
    requireValid(settings);
    ensureData(settings.data);
    settings_ = settings;
    ++generation_;
    const CouplingTarget target(settings.model, data_->statistic());
    chains_.clear();
    chains_.reserve(static_cast<std::size_t>(settings.sampler.chains));
    for (int c = 0; c < settings.sampler.chains; ++c)
        chains_.emplace_back(target, settings.sampler, c);
    batch_ = IterationBatch{};
    batch_.generation = generation_;
    batch_.chains.resize(chains_.size());
    running_ = false;
    steps_ = 0;
    setState(RunState::Idle);
    emitSegment(QString());
}

void SamplingWorker::applySwitch(const Switch& change) {
    requireValid(change.settings);
    // The controller keeps the number of chains and the seed for the next reset; a switch that
    // changed them would describe chains that are not the ones running.
    assert(change.settings.sampler.chains == settings_.sampler.chains &&
           change.settings.sampler.seed == settings_.sampler.seed);
    ensureData(change.settings.data);
    const bool samplerChanged = !(change.settings.sampler == settings_.sampler);
    settings_ = change.settings;
    const CouplingTarget target(settings_.model, data_->statistic());
    flushBatch(true);
    for (CouplingChain& chain : chains_) {
        if (samplerChanged) {
            chain.reconfigure(target, settings_.sampler, change.keepTuning);
        } else {
            chain.retarget(target, change.keepTuning);
        }
    }
    emitSegment(change.label);
    if (state_ == RunState::Finished) setState(RunState::Paused);
}

void SamplingWorker::emitSegment(const QString& label) {
    if (chains_.empty()) return;
    const CouplingChain& first = chains_.front();
    Segment segment;
    segment.index = first.segment();
    segment.start = first.segmentStart();
    segment.warmup = first.segmentWarmup();
    segment.slowWindows = first.slowWindows();
    segment.settings = settings_;
    segment.statistic = data_->statistic();
    segment.label = label;
    const tsan::QueuedEmission queued;
    emit segmentStarted(generation_, segment);
}

void SamplingWorker::runOneRound() {
    // Qt's code runs on this thread between rounds (signals, requests) and may leave the upper
    // vector state dirty, which slows the sampler's SSE arithmetic several times over.
    clearUpperVectorState();
    const SpeedLevel& speed = kSpeedLevels[static_cast<std::size_t>(speedLevel_)];
    const bool slowMotion = speed.mode == SpeedLevel::Mode::LeapfrogSteps;
    // Every trajectory when they can be watched one by one; otherwise the latest, 30 times a
    // second.
    const bool everyTrajectory =
        slowMotion || steps_ > 0 ||
        (speed.mode == SpeedLevel::Mode::Iterations && speed.iterationsPerSecond <= 30.0);
    // The round that completes the run records too, so that a finished run shows its last
    // trajectory rather than one from up to 1/30 s before.
    const bool lastRound =
        std::all_of(chains_.begin(), chains_.end(), [](const CouplingChain& chain) {
            return !chain.inWarmup() && chain.drawsDone() + 1 >= chain.settings().draws;
        });
    const bool wantTrajectory =
        everyTrajectory || lastRound ||
        static_cast<double>(sinceTrajectory_.elapsed()) >= kTrajectoryIntervalMs;
    std::int64_t iteration = 0;
    for (std::size_t c = 0; c < chains_.size(); ++c) {
        TrajectoryRecord* record = c == 0 && wantTrajectory ? &trajectory_ : nullptr;
        iteration = chains_[c].iteration();
        batch_.chains[c].push_back(toRecord(chains_[c].next(record)));
    }
    if (wantTrajectory) {
        if (slowMotion) {
            playTrajectory(iteration);
        } else {
            publishTrajectory(iteration, static_cast<int>(trajectory_.points.size()), true);
        }
    }
    if (speed.mode == SpeedLevel::Mode::Iterations && steps_ == 0) {
        nextRoundDueMs_ += 1000.0 / speed.iterationsPerSecond;
        const double wait = nextRoundDueMs_ - static_cast<double>(pacing_.elapsed());
        if (wait > 0) {
            flushBatch(true);
            pause(wait);
        } else if (wait < -250.0) {
            nextRoundDueMs_ = static_cast<double>(pacing_.elapsed());  // fell behind: do not race
        }
    }
}

// Reveals chain 1's trajectory one leapfrog step at a time at the chosen pace. The iteration is
// already computed, so slowing down changes nothing in the draws; a request (pause, reset,
// speed change) ends the playback at once and shows the whole trajectory.
void SamplingWorker::playTrajectory(std::int64_t iteration) {
    const int points = static_cast<int>(trajectory_.points.size());
    for (int visible = 1; visible < points; ++visible) {
        publishTrajectory(iteration, visible, false);
        if (!pause(1000.0 / leapfrogStepsPerSecond_)) break;
    }
    publishTrajectory(iteration, points, true);
}

void SamplingWorker::publishTrajectory(std::int64_t iteration, int visiblePoints, bool complete) {
    TrajectorySnapshot snapshot;
    snapshot.generation = generation_;
    snapshot.iteration = iteration;
    snapshot.record = trajectory_;
    snapshot.visiblePoints = visiblePoints;
    snapshot.complete = complete;
    {
        const tsan::QueuedEmission queued;
        emit trajectoryReady(snapshot);
    }
    sinceTrajectory_.restart();
}

void SamplingWorker::flushBatch(bool force) {
    bool empty = true;
    for (const auto& records : batch_.chains)
        empty = empty && records.empty();
    if (empty) return;
    if (!force && (static_cast<double>(sinceFlush_.elapsed()) < kBatchIntervalMs ||
                   batchesInFlight_ >= kMaxBatchesInFlight))
        return;
    batch_.status.clear();
    for (const CouplingChain& chain : chains_) {
        batch_.status.push_back(
            {chain.stepSize(), chain.metric().inverse[0], chain.inWarmup(), chain.iteration()});
    }
    ++batchesInFlight_;
    {
        const tsan::QueuedEmission queued;
        emit iterationsReady(batch_);
    }
    for (auto& records : batch_.chains)
        records.clear();
    sinceFlush_.restart();
}

void SamplingWorker::setState(RunState state) {
    if (state == state_) return;
    state_ = state;
    const tsan::QueuedEmission queued;
    emit stateChanged(state);
}

bool SamplingWorker::pause(double milliseconds) {
    std::unique_lock lock(mutex_);
    const std::chrono::milliseconds timeout(static_cast<std::int64_t>(std::max(1.0, milliseconds)));
    return !wake_.wait_for(lock, timeout, [this] { return requestPending_ || stop_; });
}

bool SamplingWorker::allChainsDone() const {
    return !chains_.empty() && std::all_of(chains_.begin(), chains_.end(),
                                           [](const CouplingChain& c) { return c.segmentDone(); });
}

}  // namespace couplinglab::ui
