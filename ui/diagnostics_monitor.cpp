#include "ui/diagnostics_monitor.h"

#include <QtConcurrent/QtConcurrentRun>

namespace couplinglab::ui {

DiagnosticsMonitor::DiagnosticsMonitor(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Summary>::finished, this, &DiagnosticsMonitor::finished);
}

DiagnosticsMonitor::~DiagnosticsMonitor() {
    watcher_.waitForFinished();
}

void DiagnosticsMonitor::update(const RunHistory& history) {
    if (watcher_.isRunning()) return;
    const std::int64_t draws = history.drawsInSegment();
    if (draws == latestDraws_ && latest_) return;
    if (draws < 8) {
        latest_.reset();
        latestDraws_ = draws;
        return;
    }
    // The copy happens here, on the GUI thread, so the pool thread never reads the history.
    runningDraws_ = draws;
    runningEpoch_ = epoch_;
    watcher_.setFuture(QtConcurrent::run([chains = history.segmentDraws()] {
        // Chains of unequal length (a batch in flight) are cut to the shortest.
        std::size_t shortest = chains.empty() ? 0 : chains.front().size();
        for (const auto& chain : chains)
            shortest = std::min(shortest, chain.size());
        ChainSpans spans;
        for (const auto& chain : chains)
            spans.emplace_back(chain.data(), shortest);
        return summarize(spans);
    }));
}

void DiagnosticsMonitor::clear() {
    ++epoch_;
    latest_.reset();
    latestDraws_ = 0;
}

void DiagnosticsMonitor::finished() {
    if (runningEpoch_ != epoch_) return;
    latest_ = watcher_.result();
    latestDraws_ = runningDraws_;
    emit updated();
}

}  // namespace couplinglab::ui
