#include "ui/support/paced_queue.h"

#include <algorithm>

namespace couplinglab::ui {

PacedQueue::PacedQueue(int pauseMs, QObject* parent) : QObject(parent), pauseMs_(pauseMs) {
    timer_.setSingleShot(true);
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setObjectName(QStringLiteral("paced-queue"));  // names the timer for profiling
    connect(&timer_, &QTimer::timeout, this, &PacedQueue::runNext);
}

void PacedQueue::post(QObject* owner, int tag, std::function<void()> job) {
    const auto same = std::find_if(jobs_.begin(), jobs_.end(), [&](const Job& j) {
        return j.identity == owner && j.tag == tag;
    });
    if (same != jobs_.end()) {
        same->run = std::move(job);
        return;
    }
    jobs_.push_back({owner, owner, tag, std::move(job)});
    // An idle queue runs its first job in the next turn of the event loop.
    if (!timer_.isActive()) timer_.start(0);
}

void PacedQueue::cancel(const QObject* owner, int tag) {
    std::erase_if(jobs_, [&](const Job& j) { return j.identity == owner && j.tag == tag; });
}

bool PacedQueue::isQueued(const QObject* owner, int tag) const {
    return std::any_of(jobs_.begin(), jobs_.end(),
                       [&](const Job& j) { return j.identity == owner && j.tag == tag; });
}

void PacedQueue::runNext() {
    while (!jobs_.empty()) {
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        if (job.owner.isNull()) continue;  // its view is gone
        job.run();
        break;
    }
    if (!jobs_.empty()) timer_.start(pauseMs_);
}

}  // namespace couplinglab::ui
