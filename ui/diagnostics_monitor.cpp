#include "ui/diagnostics_monitor.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

namespace couplinglab::ui {

DiagnosticsMonitor::DiagnosticsMonitor(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Summary>::finished, this, &DiagnosticsMonitor::finished);
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
            for (ChainCopy& copy : copies_) copy.consumed = static_cast<std::size_t>(segment->start);
        }
    }
    if (segment == nullptr) return;
    for (int c = 0; c < history.chainCount(); ++c) {
        const ChainHistory& chain = history.chain(c);
        ChainCopy& copy = copies_[static_cast<std::size_t>(c)];
        for (std::size_t i = copy.consumed; i < chain.size(); ++i) {
            if (chain.warmup(i) || chain.segment(i) != segment->index) continue;
            copy.open.push_back(chain.w(i));
            if (copy.open.size() == kChunk) {
                copy.full.push_back(std::make_shared<const std::vector<double>>(std::move(copy.open)));
                copy.open = {};
                copy.open.reserve(kChunk);
            }
        }
        copy.consumed = std::max(copy.consumed, chain.size());
    }
}

void DiagnosticsMonitor::update(const RunHistory& history) {
    if (watcher_.isRunning()) return;
    collect(history);
    std::size_t shortest = copies_.empty() ? 0 : copies_.front().size();
    for (const ChainCopy& copy : copies_) shortest = std::min(shortest, copy.size());
    const auto draws = static_cast<std::int64_t>(shortest * copies_.size());
    if (draws == latestDraws_ && latest_) return;
    // A summary costs O(n log n): with many draws, wait until they have grown by a quarter, so
    // that the computation takes a small share of a core however long the run.
    if (latest_ && draws > 100'000 && static_cast<double>(draws) < 1.25 * static_cast<double>(latestDraws_)) return;
    if (shortest < 4) {
        latest_.reset();
        latestDraws_ = draws;
        return;
    }
    runningDraws_ = draws;
    runningEpoch_ = epoch_;
    // Chunk pointers are shared, open chunks copied (at most 64 Ki draws per chain); the pool
    // thread assembles contiguous chains of equal length.
    struct Snapshot {
        std::vector<Chunk> full;
        std::vector<double> open;
    };
    std::vector<Snapshot> snapshot;
    for (const ChainCopy& copy : copies_) snapshot.push_back({copy.full, copy.open});
    watcher_.setFuture(QtConcurrent::run([snapshot = std::move(snapshot), shortest, cancel = cancel_] {
        // Below the window in priority: on a busy machine the GUI thread must win the core.
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
        std::vector<std::vector<double>> chains;
        for (const Snapshot& part : snapshot) {
            std::vector<double> chain;
            chain.reserve(shortest);
            for (const Chunk& chunk : part.full) chain.insert(chain.end(), chunk->begin(), chunk->end());
            chain.insert(chain.end(), part.open.begin(), part.open.end());
            chain.resize(shortest);
            chains.push_back(std::move(chain));
        }
        ChainSpans spans(chains.begin(), chains.end());
        return summarize(spans, cancel.get());
    }));
}

void DiagnosticsMonitor::clear() {
    ++epoch_;
    latest_.reset();
    latestDraws_ = 0;
    copies_.clear();
    copiedGeneration_ = -1;
}

void DiagnosticsMonitor::finished() {
    if (runningEpoch_ != epoch_ || watcher_.result().cancelled) return;
    latest_ = watcher_.result();
    latestDraws_ = runningDraws_;
    emit updated();
}

}  // namespace couplinglab::ui
