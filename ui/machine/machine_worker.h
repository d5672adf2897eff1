#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "core/machine_data.h"
#include "core/machine_posterior.h"
#include "core/machine_runner.h"
#include "ui/machine/machine_live_feed.h"
#include "ui/machine/machine_run_spec.h"

class QThread;

namespace couplinglab::ui {

// A finished run and what it is judged against.
struct MachineRunOutcome {
    MachineRunSpec spec;
    PatternCounts counts;
    MachineRunResult run;
    MachinePosterior reference;
    QStringList names;  // the parameters' names, "w.1.2", ..., "b.1", ...
    // The first observations of each unit (true: +1), for the data view.
    std::vector<std::vector<bool>> firstBits;
    static constexpr std::uint64_t kFirstBits = 48;

    int dimension() const { return static_cast<int>(names.size()); }
    // Post-warmup draws of `parameter` over all chains, chain after chain.
    std::vector<double> pooledDraws(int parameter) const;
    // Mean leapfrog steps a draw and mean tree depth, post-warmup, over all chains (the draws
    // of the last metric, after a switch mid-run).
    double meanLeapfrogSteps() const;
    double meanTreeDepth() const;
    int divergences() const;
};

// Generates the data, finds the reference posterior and runs the chains on the calling thread;
// `prepared` sees the outcome before the chains run (data, names, reference, no chains), for a
// live view, which `hooks` feed. Throws InputError for a spec that cannot run.
// The data of a run of `spec` (its bits, pattern counts, first bits, parameter names and
// reference posterior), no chains yet. Throws InputError for an invalid spec.
std::shared_ptr<MachineRunOutcome> prepareMachineData(const MachineRunSpec& spec);

std::shared_ptr<MachineRunOutcome> runMachine(
    const MachineRunSpec& spec, const RunOptions& options = {}, const MachineRunHooks& hooks = {},
    const std::function<void(const MachineRunOutcome&)>& prepared = {});

// Generates the data, finds the reference posterior and runs the chains (core
// runMachineChains, a thread per chain) on a thread of its own. The GUI thread calls start(),
// cancel(), setSpeed(), requestMetric(), progress() and takeLive() (the draws so far, for the
// live plots); finished() comes back on the GUI thread with the outcome, or with cancelled or
// an error and no outcome.
class MachineWorker : public QObject {
    Q_OBJECT
  public:
    explicit MachineWorker(QObject* parent = nullptr);
    ~MachineWorker() override;  // cancels a running run and waits for it

    // Starts unless a run is going on; false (and nothing started) when one is.
    bool start(const MachineRunSpec& spec);
    void cancel();
    bool isRunning() const { return thread_ != nullptr; }
    bool wait(int milliseconds);
    // Share of the run's iterations done, 0 to 1.
    double progress() const;
    // An index into machineSpeeds(), for this run and the next ones.
    void setSpeed(int speed);
    int speed() const { return speed_; }
    // The running chains carry on with `metric` from where they are (a new warmup); false when
    // no run is going on.
    bool requestMetric(MetricKind metric);
    // Moves the running run's new draws into `live` (see MachineLiveFeed::takeInto).
    bool takeLive(MachineRunOutcome& live, int& visiblePoints);

  signals:
    void finished(std::shared_ptr<const couplinglab::ui::MachineRunOutcome> outcome, bool cancelled,
                  const QString& error);

  private:
    void onThreadFinished();

    QThread* thread_ = nullptr;
    std::atomic<bool> cancel_{false};
    std::shared_ptr<MachineLiveFeed> feed_;  // the last run's
    int speed_ = kFullSpeed;
    // Written by the run's thread before it ends, read on the GUI thread after it has.
    std::shared_ptr<MachineRunOutcome> outcome_;
    QString error_;
};

}  // namespace couplinglab::ui
