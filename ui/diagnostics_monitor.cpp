#include "ui/diagnostics_monitor.h"

#include <sys/resource.h>
#include <unistd.h>
#include <QFutureInterface>
#include <QRunnable>
#include <QThreadPool>
#include <algorithm>
#include <exception>
#include <iterator>

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
    Task(std::vector<std::vector<double>> draws, std::vector<Blocks> arrived, std::size_t length,
         std::shared_ptr<std::atomic<bool>> cancel)
        : draws_(std::move(draws)),
          arrived_(std::move(arrived)),
          length_(length),
          cancel_(std::move(cancel)) {
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
            merge();
            // Chains of equal length: the first length_ draws of each, in place.
            ChainSpans spans;
            for (const auto& chain : draws_)
                spans.push_back(std::span<const double>(chain).first(length_));
            outcome.summary = summarize(spans, cancel_.get());
        } catch (const std::bad_alloc&) {
            outcome.failed = true;
        }
        outcome.draws = std::move(draws_);
        outcome.arrived = std::move(arrived_);
        tsan::release(cancel_.get());  // the monitor acquires the same token: it shares it
        result_.reportAndMoveResult(std::move(outcome));
        result_.reportFinished();
    }

  private:
    // The blocks that arrived since the last computation go to the end of their chain's array:
    // here the array's reallocation, tens of megabytes late in a long run, costs no frame. Only
    // reserve() can throw, before a chain's blocks are touched, so after an out-of-memory the
    // unmerged blocks go back with the outcome and no draw is lost.
    void merge() {
        for (std::size_t c = 0; c < draws_.size() && c < arrived_.size(); ++c) {
            std::size_t total = draws_[c].size();
            for (const auto& block : arrived_[c])
                total += block.size();
            draws_[c].reserve(total);
            for (auto& block : arrived_[c]) {
                draws_[c].insert(draws_[c].end(), block.begin(), block.end());
                std::vector<double>().swap(block);
            }
            arrived_[c].clear();
        }
    }

    QFutureInterface<Outcome> result_;
    std::vector<std::vector<double>> draws_;
    std::vector<Blocks> arrived_;
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

namespace {

// 64 K draws (512 KB) a block: large enough that blocks are few, small enough to allocate
// without a noticeable pause.
constexpr std::size_t kBlockCapacity = std::size_t{1} << 16;

void appendToBlocks(std::vector<std::vector<double>>& blocks, double value) {
    if (blocks.empty() || blocks.back().size() == kBlockCapacity) {
        blocks.emplace_back();
        blocks.back().reserve(kBlockCapacity);
    }
    blocks.back().push_back(value);
}

}  // namespace

// Takes the current segment's post-warmup draws that arrived since the last call, also while
// a computation has the arrays: the GUI thread then never has a backlog to catch up on.
void DiagnosticsMonitor::collect(const RunHistory& history) {
    const Segment* segment = history.currentSegment();
    if (history.generation() != copiedGeneration_ || history.segments().size() != copiedSegments_ ||
        static_cast<int>(copies_.size()) != history.chainCount()) {
        ++epoch_;  // a computation still running summarises draws that no longer count
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
            appendToBlocks(copy.arrived, chain.w(i));
            ++copy.count;
        }
        copy.consumed = std::max(copy.consumed, chain.size());
    }
}

void DiagnosticsMonitor::update(const RunHistory& history, bool sampling) {
    collect(history);
    if (lent_) return;
    std::size_t shortest = copies_.empty() ? 0 : copies_.front().count;
    for (const ChainCopy& copy : copies_)
        shortest = std::min(shortest, copy.count);
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
    std::vector<Blocks> arrived;
    for (ChainCopy& copy : copies_) {
        lent.push_back(std::move(copy.draws));
        arrived.push_back(std::move(copy.arrived));
        copy.draws.clear();
        copy.arrived.clear();
    }
    lent_ = true;
    auto* task = new Task(std::move(lent), std::move(arrived), shortest, cancel_);
    watcher_.setFuture(task->future());  // the pool deletes the task
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
    // What arrived meanwhile stays in its blocks for the next computation, after any blocks
    // the computation could not merge.
    for (std::size_t c = 0; c < copies_.size() && c < outcome.draws.size(); ++c) {
        ChainCopy& copy = copies_[c];
        copy.draws = std::move(outcome.draws[c]);
        if (c < outcome.arrived.size() && !outcome.arrived[c].empty()) {
            Blocks& unmerged = outcome.arrived[c];
            unmerged.insert(unmerged.end(), std::make_move_iterator(copy.arrived.begin()),
                            std::make_move_iterator(copy.arrived.end()));
            copy.arrived = std::move(unmerged);
        }
    }
    if (outcome.failed || outcome.summary.cancelled) return;
    latest_ = outcome.summary;
    latestDraws_ = runningDraws_;
    emit updated();
}

}  // namespace couplinglab::ui
