#pragma once

#include <QObject>
#include <QThread>
#include <memory>

#include "core/run_settings.h"
#include "ui/run/run_history.h"
#include "ui/run/run_messages.h"
#include "ui/run/sampling_worker.h"
#include "ui/settings/display_settings.h"

namespace couplinglab::ui {

// What apply() did with a change of the run's settings.
enum class ApplyOutcome {
    Unchanged,  // the settings asked for are the ones already asked for: nothing happened
    Refused,    // invalid: settingsRefused() said why, and nothing changed
    Reset,      // nothing sampled yet: fresh chains under the new settings
    Switched,   // every chain continues from where it is under the new settings, marked
    Deferred,   // only the number of chains or the sampler seed changed: they wait for Reset
};

// An accepted change of settings: what became of it and which groups of settings it touched.
struct SettingsChange {
    ApplyOutcome outcome = ApplyOutcome::Unchanged;
    bool data = false;
    bool model = false;
    bool sampler = false;
    QString label;  // the switch marker's text (Switched only)
};

// The GUI thread's side of sampling: owns the run's settings, the worker thread and the history
// of everything the worker has sent. Every change of settings goes through apply() or resetTo(),
// which validate it once and decide between continuing, switching live and resetting; the window
// and its panels follow the signals. All its functions are called on the GUI thread.
class SamplingController : public QObject {
    Q_OBJECT
  public:
    explicit SamplingController(const RunSettings& initial, QObject* parent = nullptr);
    ~SamplingController() override;

    void start();
    void pause();
    void toggleRunning();
    void step();
    // A change of data, model or sampler settings. Before anything is sampled it resets; while
    // sampling, every chain continues from its current position under the new settings and the
    // switch is marked, except for the number of chains and the sampler seed, which wait for
    // the next reset.
    ApplyOutcome apply(const RunSettings& settings);
    // Fresh chains (and fresh data if the data spec changed) under the settings asked for last,
    // including a number of chains or a seed that waited for it; the history is cleared now.
    void reset();
    // New settings and fresh chains at once (a preset, a session, the defaults, a sweep point).
    ApplyOutcome resetTo(const RunSettings& settings);
    // The settings of the window that do not change the draws: the speed goes to the worker,
    // and whether a switch keeps the tuned step size is apply()'s.
    void applyDisplay(const DisplaySettings& display);
    // Stops the worker and waits for its thread (at most `timeoutMs`); safe to call twice.
    bool shutdown(int timeoutMs = 2000);

    RunState state() const { return state_; }
    // The settings asked for last: what the controls show and what the next reset uses.
    const RunSettings& settings() const { return requested_; }
    // What the chains run under now: settings() but for a number of chains or seed that waits.
    const RunSettings& settingsInForce() const { return inForce_; }
    const DisplaySettings& display() const { return display_; }
    const RunHistory& history() const { return history_; }
    const std::vector<ChainStatus>& chainStatus() const { return status_; }
    const TrajectorySnapshot* latestTrajectory() const {
        return hasTrajectory_ ? &trajectory_ : nullptr;
    }
    const DataSummary* dataSummary() const { return hasData_ ? &data_ : nullptr; }
    bool isThreadRunning() const { return thread_.isRunning(); }

  signals:
    // After every accepted change of settings (not for Unchanged or Refused).
    void settingsApplied(const couplinglab::ui::SettingsChange& change);
    // apply() or resetTo() was given invalid settings; `message` names the problem.
    void settingsRefused(const QString& message);
    // The draws were discarded; fresh chains come with the next segment.
    void runReset();
    // The chains continue under new settings; `label` marks the switch on the plots.
    void liveSwitch(const QString& label);
    void displayApplied(const couplinglab::ui::DisplaySettings& display);
    void historyChanged();
    void segmentStarted(const couplinglab::ui::Segment& segment);
    void dataReady(const couplinglab::ui::DataSummary& summary);
    void trajectoryUpdated();
    void stateChanged(couplinglab::ui::RunState state);
    // The worker could not do what it was asked (e.g. no memory for the data).
    void failed(const QString& message);

  private:
    bool refuseIfInvalid(const RunSettings& settings);
    bool nothingSampledYet() const;
    void resetToRequested();
    void switchLive(const QString& label);
    void onSegment(int generation, const Segment& segment);
    void onBatch(const IterationBatch& batch);
    void onTrajectory(const TrajectorySnapshot& snapshot);

    QThread thread_;
    SamplingWorker* worker_ = nullptr;  // lives on thread_; deleted by the destructor after it
    RunSettings requested_;
    RunSettings inForce_;
    DisplaySettings display_;
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

Q_DECLARE_METATYPE(couplinglab::ui::SettingsChange)
Q_DECLARE_METATYPE(couplinglab::ui::ApplyOutcome)
