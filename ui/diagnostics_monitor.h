#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "core/diagnostics.h"
#include "ui/run_history.h"

namespace couplinglab::ui {

// R-hat, ESS and MCSE of the current segment's draws, computed on a pool thread so that
// millions of draws never stall the window. The monitor keeps its own copy of the draws, one
// array per chain. The GUI thread's share of the work is proportional to what arrived since its
// last look, never to what is held: new draws go into small blocks, and the computation appends
// the blocks to the arrays on its own thread before it summarises them. Arrays and blocks are
// lent to the computation (moved, not shared, so no thread ever sees another write them) and
// come back with the result; meanwhile new draws gather in fresh blocks, and one computation
// runs at a time.
class DiagnosticsMonitor : public QObject {
    Q_OBJECT
  public:
    explicit DiagnosticsMonitor(QObject* parent = nullptr);
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
    // Draws in blocks of a fixed capacity, so that appending never moves what is there.
    using Blocks = std::vector<std::vector<double>>;
    struct ChainCopy {
        std::vector<double> draws;  // merged by the computation; empty while lent
        Blocks arrived;             // since the last computation started
        std::size_t count = 0;      // all draws taken of this chain, lent or not
        std::size_t consumed = 0;   // history index up to which draws were taken
    };
    // What a computation gives back: its summary and the arrays it merged.
    struct Outcome {
        Summary summary{};
        bool failed = false;  // the computation threw (out of memory); the summary is empty
        std::vector<std::vector<double>> draws;
        std::vector<Blocks> arrived;  // blocks not merged (only after an out-of-memory)
    };
    class Task;  // the computation on a pool thread

    void collect(const RunHistory& history);
    void finished();

    QFutureWatcher<Outcome> watcher_;
    // Shared with the running computation, which may outlive this monitor by one stage.
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    std::vector<ChainCopy> copies_;
    int copiedGeneration_ = -1;
    std::size_t copiedSegments_ = 0;
    std::optional<Summary> latest_;
    std::int64_t latestDraws_ = 0;
    std::int64_t runningDraws_ = 0;
    int epoch_ = 0;  // results computed before a clear() are dropped
    int runningEpoch_ = 0;
    bool lent_ = false;  // copies_'s draws are with the running computation
};

}  // namespace couplinglab::ui
