#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <deque>
#include <functional>

namespace couplinglab::ui {

// Runs the window's heavier GUI-thread jobs (a plot's replot, the explanation's layout, the
// status bar) one per turn of the event loop, with a short pause after each. Left to their own
// timers, jobs that fall due together run back to back in one turn and their times add up to
// one long stall; here the next job's timer starts only when the previous job has finished, so
// input and painting always get a turn in between, and the longest pause of the GUI thread is
// one job, not the sum of them.
//
// A job is identified by its owner and a tag: posting it again while it waits replaces it in
// place, so the queue holds at most one job per identity however often a view asks. A job whose
// owner has been destroyed is dropped.
class PacedQueue : public QObject {
    Q_OBJECT

  public:
    explicit PacedQueue(int pauseMs, QObject* parent = nullptr);

    void post(QObject* owner, int tag, std::function<void()> job);
    void cancel(const QObject* owner, int tag);
    bool isQueued(const QObject* owner, int tag) const;
    std::size_t size() const { return jobs_.size(); }

  private:
    struct Job {
        QPointer<QObject> owner;
        const QObject* identity;  // the owner's address, still comparable once it is gone
        int tag;
        std::function<void()> run;
    };

    void runNext();

    std::deque<Job> jobs_;
    QTimer timer_;
    int pauseMs_;
};

}  // namespace couplinglab::ui
