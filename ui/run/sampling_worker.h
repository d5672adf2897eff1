#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/chain_runner.h"
#include "core/run_settings.h"
#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"
#include "ui/settings/display_settings.h"

namespace couplinglab::ui {

// Runs the chains on its own thread (a QObject moved to a QThread, after Qt's Mandelbrot
// example). It never touches a widget: the GUI thread sends requests through the thread-safe
// request*() functions, which store them under a mutex and raise an atomic flag that the
// sampling loop checks after every iteration and every leapfrog step it plays back; results
// travel back by queued signals, batched to at most 60 a second.
class SamplingWorker : public QObject {
    Q_OBJECT
  public:
    explicit SamplingWorker(const RunSettings& initial);
    ~SamplingWorker() override;

    // Thread-safe requests, callable from any thread.
    void requestRunning(bool running);
    void requestStep();
    void requestReset(const RunSettings& settings);
    void requestSwitch(const RunSettings& settings, bool keepTuning, const QString& label);
    void requestSpeed(int speedLevel, double leapfrogStepsPerSecond);
    void requestStop();
    // The GUI calls this after consuming a batch, so that a slow GUI throttles the batches.
    void batchConsumed();

  public slots:
    // The sampling loop; returns after requestStop().
    void loop();

  signals:
    void dataReady(const couplinglab::ui::DataSummary& summary);
    void segmentStarted(int generation, const couplinglab::ui::Segment& segment);
    void iterationsReady(const couplinglab::ui::IterationBatch& batch);
    void trajectoryReady(const couplinglab::ui::TrajectorySnapshot& snapshot);
    void stateChanged(couplinglab::ui::RunState state);
    void failed(const QString& message);
    void loopFinished();

  private:
    struct Switch {
        RunSettings settings;
        bool keepTuning;
        QString label;
    };
    // Requests not yet seen by the loop; guarded by mutex_.
    struct Requests {
        std::optional<RunSettings> reset;
        std::vector<Switch> switches;
        std::optional<bool> running;
        int steps = 0;
        int speedLevel = kFullSpeedLevel;
        double leapfrogStepsPerSecond = 10.0;
    };

    void takeRequests();
    static void requireValid(const RunSettings& settings);
    void applyReset(const RunSettings& settings);
    void applySwitch(const Switch& change);
    bool ensureData(const DataSpec& spec);
    void emitSegment(const QString& label);
    void runOneRound();
    void playTrajectory(std::int64_t iteration);
    void publishTrajectory(std::int64_t iteration, int visiblePoints, bool complete);
    void flushBatch(bool force);
    void setState(RunState state);
    // Sleeps up to `milliseconds`, waking early for any request. False when woken.
    bool pause(double milliseconds);
    bool allChainsDone() const;

    // Shared with the GUI thread. Standard primitives rather than QMutex + QWaitCondition: Qt's
    // own QWaitCondition::wait() unlocks and relocks the mutex inside the (uninstrumented) Qt
    // library, which ThreadSanitizer cannot see, so it reported every later lock as a double lock.
    std::mutex mutex_;
    std::condition_variable wake_;
    Requests requests_;
    std::atomic<bool> requestPending_{false};
    std::atomic<bool> stop_{false};
    std::atomic<int> batchesInFlight_{0};

    // Owned by the loop's thread. settings_ is the thread's private copy of what its chains run
    // under; the run's settings belong to the controller, which sends every change as a request.
    RunSettings settings_;
    std::unique_ptr<BitData> data_;
    std::vector<CouplingChain> chains_;
    int generation_ = 0;
    bool running_ = false;
    int steps_ = 0;
    int speedLevel_ = kFullSpeedLevel;
    double leapfrogStepsPerSecond_ = 10.0;
    RunState state_ = RunState::Idle;
    IterationBatch batch_;
    TrajectoryRecord trajectory_;
    QElapsedTimer sinceFlush_;
    QElapsedTimer sinceTrajectory_;
    QElapsedTimer pacing_;
    double nextRoundDueMs_ = 0.0;
};

}  // namespace couplinglab::ui
