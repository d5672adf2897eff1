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
// millions of draws never stall the window. The monitor keeps its own copy of the draws in
// immutable chunks and copies only what arrived since its last look, so handing a snapshot to
// the pool thread costs the GUI thread little however long the run. One computation at a time.
class DiagnosticsMonitor : public QObject {
    Q_OBJECT
public:
    explicit DiagnosticsMonitor(QObject* parent = nullptr);
    ~DiagnosticsMonitor() override;

    void update(const RunHistory& history);
    void clear();
    const std::optional<Summary>& latest() const { return latest_; }
    std::int64_t latestDraws() const { return latestDraws_; }

signals:
    void updated();

private:
    static constexpr std::size_t kChunk = 1 << 16;
    using Chunk = std::shared_ptr<const std::vector<double>>;
    struct ChainCopy {
        std::vector<Chunk> full;
        std::vector<double> open;
        std::size_t consumed = 0;  // history index up to which draws were taken
        std::size_t size() const { return full.size() * kChunk + open.size(); }
    };

    void collect(const RunHistory& history);
    void finished();

    QFutureWatcher<Summary> watcher_;
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
};

}  // namespace couplinglab::ui
