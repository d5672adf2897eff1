#pragma once

#include <QObject>
#include <QThread>
#include <memory>

#include "core/run_settings.h"
#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"
#include "ui/run/sampling_worker.h"

namespace couplinglab::ui {

// The GUI thread's side of sampling: owns the worker thread and the history of everything the
// worker has sent. All its functions are called on the GUI thread.
class SamplingController : public QObject {
    Q_OBJECT
  public:
    explicit SamplingController(const RunSettings& initial, QObject* parent = nullptr);
    ~SamplingController() override;

    void start();
    void pause();
    void toggleRunning();
    void step();
    // Fresh chains (and fresh data if the data spec changed); the history is cleared now.
    void reset(const RunSettings& settings);
    // Continue every chain from its current position under new settings, marking the switch.
    // Before anything was sampled this is a reset.
    void switchTo(const RunSettings& settings, bool keepTuning, const QString& label);
    void setSpeed(int speedLevel, double leapfrogStepsPerSecond);
    // Stops the worker and waits for its thread (at most `timeoutMs`); safe to call twice.
    bool shutdown(int timeoutMs = 2000);

    RunState state() const { return state_; }
    const RunSettings& settings() const { return settings_; }
    const RunHistory& history() const { return history_; }
    const std::vector<ChainStatus>& chainStatus() const { return status_; }
    const TrajectorySnapshot* latestTrajectory() const {
        return hasTrajectory_ ? &trajectory_ : nullptr;
    }
    const DataSummary* dataSummary() const { return hasData_ ? &data_ : nullptr; }
    bool isThreadRunning() const { return thread_.isRunning(); }

  signals:
    void historyChanged();
    void segmentStarted(const couplinglab::ui::Segment& segment);
    void dataReady(const couplinglab::ui::DataSummary& summary);
    void trajectoryUpdated();
    void stateChanged(couplinglab::ui::RunState state);
    void failed(const QString& message);

  private:
    void onSegment(int generation, const Segment& segment);
    void onBatch(const IterationBatch& batch);
    void onTrajectory(const TrajectorySnapshot& snapshot);

    QThread thread_;
    SamplingWorker* worker_;  // lives on thread_; deleted when the thread finishes
    RunSettings settings_;
    RunHistory history_;
    std::vector<ChainStatus> status_;
    int generation_ = -1;
    bool awaitingReset_ = true;
    RunState state_ = RunState::Idle;
    TrajectorySnapshot trajectory_;
    bool hasTrajectory_ = false;
    DataSummary data_;
    bool hasData_ = false;
    bool shutDown_ = false;
};

}  // namespace couplinglab::ui
