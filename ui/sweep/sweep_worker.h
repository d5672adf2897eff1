#pragma once

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>
#include <cstdint>
#include <vector>

#include "core/sweep.h"

class QThread;

namespace couplinglab::ui {

// Estimates the time a sweep has left from the points finished so far. Each point is taken to
// cost a + b·N seconds (sampling that does not depend on N, plus generating and reducing N
// pairs of bits), with a and b ≥ 0 fitted by least squares to the finished points; the wall
// time left is the predicted cost of the points not yet finished, scaled by the ratio of the
// wall time so far to the predicted cost of the finished ones (which accounts for the threads).
class SweepTimeEstimate {
  public:
    void start(const std::vector<SweepJob>& jobs);
    void finished(const SweepPoint& point, double elapsedSeconds);
    // Seconds left; negative while nothing has finished.
    double secondsLeft() const;

  private:
    double predictedCost(std::uint64_t pairs) const;

    std::vector<SweepJob> jobs_;
    std::vector<bool> done_;
    std::vector<std::pair<double, double>> samples_;  // (N, seconds) of finished points
    double elapsed_ = 0.0;
    double a_ = 0.0;
    double b_ = 0.0;
};

// Runs a sweep on a thread of its own. The GUI thread calls start() and cancel(); every finished
// point comes back by a queued signal, and finished() once the sweep has ended, whether it ran
// to the end, was cancelled (the points already sent stay valid) or failed.
class SweepWorker : public QObject {
    Q_OBJECT

  public:
    explicit SweepWorker(QObject* parent = nullptr);
    ~SweepWorker() override;  // cancels a running sweep and waits for it

    // Starts `spec` unless a sweep is running; false (and nothing started) when one is.
    // `threads` as in SweepOptions (0: one per core).
    bool start(const SweepSpec& spec, int threads = 0);
    // Raises the core's cancel flag: the running points stop within milliseconds.
    void cancel();
    bool isRunning() const { return thread_ != nullptr; }
    // Blocks until a running sweep has ended (for tests and shutdown); true if it has.
    bool wait(int milliseconds);

  signals:
    void pointFinished(const couplinglab::SweepPoint& point, int done, int total);
    // Emitted on the sweep's threads; a queued connection turns it into pointFinished on the
    // GUI thread (Qt copies the arguments into the event).
    void pointReady(const couplinglab::SweepPoint& point, int done, int total, QPrivateSignal);
    // `error` is empty unless the sweep failed.
    void finished(bool cancelled, const QString& error);

  private:
    void onThreadFinished();

    QThread* thread_ = nullptr;
    std::atomic<bool> cancel_{false};
    QString error_;  // written by the sweep's thread before it ends, read after
};

}  // namespace couplinglab::ui

Q_DECLARE_METATYPE(couplinglab::SweepPoint)
