#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <optional>

#include "core/diagnostics.h"
#include "ui/run_history.h"

namespace couplinglab::ui {

// R-hat, ESS and MCSE of the current segment's draws, computed on a pool thread so that a
// million draws never stall the window. One computation at a time; a request while one runs is
// remembered and served when it ends.
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
    void finished();

    QFutureWatcher<Summary> watcher_;
    std::optional<Summary> latest_;
    std::int64_t latestDraws_ = 0;
    std::int64_t runningDraws_ = 0;
    int epoch_ = 0;  // results computed before a clear() are dropped
    int runningEpoch_ = 0;
};

}  // namespace couplinglab::ui
