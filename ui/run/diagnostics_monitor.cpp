#include "ui/run/diagnostics_monitor.h"

#include <QFutureInterface>
#include <QRunnable>
#include <QThreadPool>
#include <algorithm>
#include <exception>

#include "core/platform/compute_thread.h"
#include "ui/support/thread_sanitizer.h"

namespace couplinglab::ui {

// One summary on a pool thread. QThreadPool hands a runnable to its thread, and QFuture hands a
// result back, under mutexes inside QtCore, which ThreadSanitizer cannot see (Qt is not
// instrumented), so the task marks both hand-overs itself: everything written before start()
// happens before run(), and everything run() did happens before the monitor's finished().
// Built and started by hand rather than by QtConcurrent::run, which writes the task after the
// last point where we could mark it. A QFutureInterface rather than a QPromise: takeResult() on
// the GUI thread resets the state to "not finished", and a QPromise destroyed after that (the
// pool deletes the task when run() returns, which on a loaded machine can come later) cancels
// and finishes it again, so the watcher would report finished() twice.
class DiagnosticsMonitor::Task final : public QRunnable {
  public:
    Task(std::vector<ColumnSlice<double>> chains, std::shared_ptr<std::atomic<bool>> cancel,
         ComputePriority priority)
        : chains_(std::move(chains)), cancel_(std::move(cancel)), priority_(priority) {
        result_.reportStarted();
    }

    QFuture<Outcome> future() { return result_.future(); }

    void start(QThreadPool& pool) {
        tsan::release(this);
        pool.start(this);
    }

    void run() override {
        tsan::acquire(this);
        // On a busy machine the GUI thread must win the core; and Qt's code ran on this pool
        // thread before.
        prepareComputeThread(priority_);
        Outcome outcome;
        try {
            std::vector<std::vector<double>> draws;
            for (ColumnSlice<double>& slice : chains_) {
                draws.emplace_back(slice.count);
                slice.copyTo(draws.back().data());
                slice = {};  // the history may free these chunks now
            }
            outcome.summary = summarize(ChainSpans(draws.begin(), draws.end()), cancel_.get());
        } catch (const std::bad_alloc&) {
            outcome.failed = true;
        }
        chains_.clear();
        tsan::release(cancel_.get());  // the monitor acquires the same token: it shares it
        result_.reportResult(outcome);
        result_.reportFinished();
    }

  private:
    QFutureInterface<Outcome> result_;
    std::vector<ColumnSlice<double>> chains_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    ComputePriority priority_;
};

DiagnosticsMonitor::DiagnosticsMonitor(QObject* parent, ComputePriority priority)
    : QObject(parent), priority_(priority) {
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &DiagnosticsMonitor::finished);
}

// No wait: the computation owns its slices and stops at its next stage.
DiagnosticsMonitor::~DiagnosticsMonitor() {
    cancel_->store(true);
    watcher_.disconnect(this);
}

bool DiagnosticsMonitor::findFirstDraws(const RunHistory& history) {
    const std::pair<int, std::size_t> segmentNow{history.generation(), history.segments().size()};
    if (segmentNow != segmentSeen_) {
        clear();
        segmentSeen_ = segmentNow;
    }
    const Segment* segment = history.currentSegment();
    if (segment == nullptr) return false;
    if (static_cast<int>(firstDraw_.size()) == history.chainCount()) return true;
    // Within a segment the warmup iterations come first and the draws follow to its end: the
    // first draw is found once, by a walk over at most the warmup.
    std::vector<std::size_t> first;
    for (int c = 0; c < history.chainCount(); ++c) {
        const ChainHistory& chain = history.chain(c);
        auto i = static_cast<std::size_t>(std::max<std::int64_t>(segment->start, 0));
        while (i < chain.size() && (chain.warmup(i) || chain.segment(i) != segment->index))
            ++i;
        if (i >= chain.size()) return false;
        first.push_back(i);
    }
    firstDraw_ = std::move(first);
    return true;
}

void DiagnosticsMonitor::update(const RunHistory& history, bool sampling) {
    const bool found = findFirstDraws(history);
    if (running_) return;
    std::size_t shortest = 0;
    if (found) {
        shortest = history.chain(0).size() - firstDraw_[0];
        for (int c = 1; c < history.chainCount(); ++c) {
            shortest = std::min(shortest,
                                history.chain(c).size() - firstDraw_[static_cast<std::size_t>(c)]);
        }
    }
    const auto draws =
        static_cast<std::int64_t>(shortest * static_cast<std::size_t>(history.chainCount()));
    if (draws == latestDraws_ && latest_) return;
    // A summary costs O(n log n): with many draws, wait until they have grown by a quarter, so
    // that the computation takes a small share of a core however long the run.
    if (sampling && latest_ && draws > 100'000 &&
        static_cast<double>(draws) < 1.25 * static_cast<double>(latestDraws_))
        return;
    if (shortest < 4) {
        latest_.reset();
        latestDraws_ = draws;
        return;
    }
    runningDraws_ = draws;
    runningEpoch_ = epoch_;
    std::vector<ColumnSlice<double>> slices;
    slices.reserve(static_cast<std::size_t>(history.chainCount()));
    for (int c = 0; c < history.chainCount(); ++c)
        slices.push_back(
            history.chain(c).wSlice(firstDraw_[static_cast<std::size_t>(c)], shortest));
    running_ = true;
    auto* task = new Task(std::move(slices), cancel_, priority_);
    watcher_.setFuture(task->future());  // the pool deletes the task
    task->start(*QThreadPool::globalInstance());
}

void DiagnosticsMonitor::clear() {
    ++epoch_;  // a computation still running summarises draws that no longer count
    latest_.reset();
    latestDraws_ = 0;
    firstDraw_.clear();
    segmentSeen_ = {-1, 0};
}

void DiagnosticsMonitor::finished() {
    tsan::acquire(cancel_.get());
    Outcome outcome = watcher_.future().takeResult();
    running_ = false;
    if (runningEpoch_ != epoch_) return;  // another segment, or cleared meanwhile
    if (outcome.failed || outcome.summary.cancelled) return;
    latest_ = outcome.summary;
    latestDraws_ = runningDraws_;
    emit updated();
}

}  // namespace couplinglab::ui
