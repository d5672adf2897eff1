#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "core/diagnostics.h"
#include "core/platform/compute_thread.h"
#include "ui/run/run_history.h"

namespace couplinglab::ui {

// R-hat, ESS and MCSE of the current segment's draws, computed on a pool thread so that
// millions of draws never stall the window. The computation reads the draws where the history
// keeps them: it is handed slices of the history's chunks, which it co-owns and which the GUI
// thread never writes again, and gathers them into arrays on its own thread. The GUI thread's
// share is a few pointers a chain, however many draws are held; one computation runs at a time.
class DiagnosticsMonitor : public QObject {
    Q_OBJECT
  public:
    // `priority` is the computing thread's: below the sampler's in the window, so that on a busy
    // machine the draws and the GUI come first.
    explicit DiagnosticsMonitor(QObject* parent = nullptr,
                                ComputePriority priority = ComputePriority::Diagnostics);
    ~DiagnosticsMonitor() override;

    // While `sampling`, a new summary waits until the draws have grown by a quarter (each costs
    // O(n log n)); otherwise any new draw is worth one, so a paused or finished run always ends
    // with the diagnostics of all its draws.
    void update(const RunHistory& history, bool sampling);
    void clear();
    const std::optional<Summary>& latest() const { return latest_; }
    std::int64_t latestDraws() const { return latestDraws_; }

  signals:
    void updated();

  private:
    // What a computation gives back.
    struct Outcome {
        Summary summary{};
        bool failed = false;  // the computation threw (out of memory); the summary is empty
    };
    class Task;  // the computation on a pool thread

    // Where each chain's post-warmup draws of the current segment begin; false while some
    // chain has not reached them.
    bool findFirstDraws(const RunHistory& history);
    void finished();

    QFutureWatcher<Outcome> watcher_;
    // Shared with the running computation, which may outlive this monitor by one stage.
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    // The segment the first draws below belong to: (history generation, segments held).
    std::pair<int, std::size_t> segmentSeen_{-1, 0};
    std::vector<std::size_t> firstDraw_;  // per chain; empty until found
    std::optional<Summary> latest_;
    std::int64_t latestDraws_ = 0;
    std::int64_t runningDraws_ = 0;
    int epoch_ = 0;  // results computed for an earlier segment or before a clear() are dropped
    int runningEpoch_ = 0;
    bool running_ = false;
    ComputePriority priority_;
};

}  // namespace couplinglab::ui
