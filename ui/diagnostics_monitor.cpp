#include "ui/diagnostics_monitor.h"

#include <sys/resource.h>
#include <unistd.h>
#include <QFutureInterface>
#include <QRunnable>
#include <QThreadPool>
#include <algorithm>
#include <exception>

#include "ui/thread_sanitizer.h"

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
    Task(std::vector<std::vector<double>> draws, std::size_t length,
         std::shared_ptr<std::atomic<bool>> cancel)
        : draws_(std::move(draws)), length_(length), cancel_(std::move(cancel)) {
        result_.reportStarted();
    }

    QFuture<Outcome> future() { return result_.future(); }

    void start(QThreadPool& pool) {
        tsan::release(this);
        pool.start(this);
    }

    void run() override {
        tsan::acquire(this);
        // Below the window in priority: on a busy machine the GUI thread must win the core.
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
        Outcome outcome;
        try {
            // Chains of equal length: the first length_ draws of each, in place.
            ChainSpans spans;
            for (const auto& chain : draws_)
                spans.push_back(std::span<const double>(chain).first(length_));
            outcome.summary = summarize(spans, cancel_.get());
        } catch (const std::bad_alloc&) {
            outcome.failed = true;
        }
        outcome.draws = std::move(draws_);
        tsan::release(cancel_.get());  // the monitor acquires the same token: it shares it
        result_.reportAndMoveResult(std::move(outcome));
        result_.reportFinished();
    }

  private:
    QFutureInterface<Outcome> result_;
    std::vector<std::vector<double>> draws_;
    std::size_t length_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

DiagnosticsMonitor::DiagnosticsMonitor(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &DiagnosticsMonitor::finished);
}

// No wait: the computation owns its snapshot and stops at its next stage.
DiagnosticsMonitor::~DiagnosticsMonitor() {
    cancel_->store(true);
    watcher_.disconnect(this);
}

// Takes the current segment's post-warmup draws that arrived since the last call.
void DiagnosticsMonitor::collect(const RunHistory& history) {
    const Segment* segment = history.currentSegment();
    if (history.generation() != copiedGeneration_ || history.segments().size() != copiedSegments_ ||
        static_cast<int>(copies_.size()) != history.chainCount()) {
        copies_.assign(static_cast<std::size_t>(history.chainCount()), ChainCopy{});
        copiedGeneration_ = history.generation();
        copiedSegments_ = history.segments().size();
        if (segment != nullptr) {
            for (ChainCopy& copy : copies_)
                copy.consumed = static_cast<std::size_t>(segment->start);
        }
    }
    if (segment == nullptr) return;
    for (int c = 0; c < history.chainCount(); ++c) {
        const ChainHistory& chain = history.chain(c);
        ChainCopy& copy = copies_[static_cast<std::size_t>(c)];
        for (std::size_t i = copy.consumed; i < chain.size(); ++i) {
            if (chain.warmup(i) || chain.segment(i) != segment->index) continue;
            copy.draws.push_back(chain.w(i));
        }
        copy.consumed = std::max(copy.consumed, chain.size());
    }
}

void DiagnosticsMonitor::update(const RunHistory& history, bool sampling) {
    if (lent_) return;
    collect(history);
    std::size_t shortest = copies_.empty() ? 0 : copies_.front().draws.size();
    for (const ChainCopy& copy : copies_)
        shortest = std::min(shortest, copy.draws.size());
    const auto draws = static_cast<std::int64_t>(shortest * copies_.size());
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
    std::vector<std::vector<double>> lent;
    for (ChainCopy& copy : copies_)
        lent.push_back(std::move(copy.draws));
    lent_ = true;
    auto* task = new Task(std::move(lent), shortest, cancel_);  // the pool deletes it
    watcher_.setFuture(task->future());
    task->start(*QThreadPool::globalInstance());
}

void DiagnosticsMonitor::clear() {
    ++epoch_;
    latest_.reset();
    latestDraws_ = 0;
    copies_.clear();
    copiedGeneration_ = -1;
}

void DiagnosticsMonitor::finished() {
    tsan::acquire(cancel_.get());
    Outcome outcome = watcher_.future().takeResult();
    lent_ = false;
    if (runningEpoch_ != epoch_) return;  // cleared meanwhile: the copies are stale too
    for (std::size_t c = 0; c < copies_.size() && c < outcome.draws.size(); ++c)
        copies_[c].draws = std::move(outcome.draws[c]);
    if (outcome.failed || outcome.summary.cancelled) return;
    latest_ = outcome.summary;
    latestDraws_ = runningDraws_;
    emit updated();
}

}  // namespace couplinglab::ui
