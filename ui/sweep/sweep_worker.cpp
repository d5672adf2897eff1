#include "ui/sweep/sweep_worker.h"

#include <QThread>
#include <algorithm>
#include <exception>

#include "ui/support/thread_sanitizer.h"

namespace couplinglab::ui {

void SweepTimeEstimate::start(const std::vector<SweepJob>& jobs) {
    jobs_ = jobs;
    done_.assign(jobs.size(), false);
    samples_.clear();
    elapsed_ = 0.0;
    a_ = b_ = 0.0;
}

void SweepTimeEstimate::finished(const SweepPoint& point, double elapsedSeconds) {
    const auto index = static_cast<std::size_t>(point.index);
    if (index < done_.size()) done_[index] = true;
    samples_.emplace_back(static_cast<double>(point.pairs), point.seconds);
    elapsed_ = elapsedSeconds;

    // Least squares of seconds = a + b·N with a, b >= 0.
    const auto n = static_cast<double>(samples_.size());
    double sumN = 0.0, sumS = 0.0, sumNN = 0.0, sumNS = 0.0;
    for (const auto& [pairs, seconds] : samples_) {
        sumN += pairs;
        sumS += seconds;
        sumNN += pairs * pairs;
        sumNS += pairs * seconds;
    }
    const double meanS = sumS / n;
    const double varianceN = sumNN - sumN * sumN / n;
    a_ = meanS;
    b_ = 0.0;
    if (samples_.size() >= 2 && varianceN > 0.0) {
        const double b = (sumNS - sumN * sumS / n) / varianceN;
        const double a = meanS - b * sumN / n;
        if (b > 0.0 && a >= 0.0) {
            a_ = a;
            b_ = b;
        } else if (b > 0.0) {
            a_ = 0.0;
            b_ = sumNS / sumNN;
        }
    }
}

double SweepTimeEstimate::predictedCost(std::uint64_t pairs) const {
    return a_ + b_ * static_cast<double>(pairs);
}

double SweepTimeEstimate::secondsLeft() const {
    if (samples_.empty()) return -1.0;
    double costDone = 0.0;
    double costLeft = 0.0;
    for (std::size_t i = 0; i < jobs_.size(); ++i)
        (done_[i] ? costDone : costLeft) += predictedCost(jobs_[i].pairs);
    if (!(costDone > 0.0)) return -1.0;
    return elapsed_ * costLeft / costDone;
}

// ---------------------------------------------------------------------------------------------

SweepWorker::SweepWorker(QObject* parent) : QObject(parent) {
    qRegisterMetaType<SweepPoint>();
    connect(this, &SweepWorker::pointReady, this, &SweepWorker::pointFinished,
            Qt::QueuedConnection);
}

SweepWorker::~SweepWorker() {
    if (thread_ != nullptr) {
        cancel_ = true;
        thread_->wait();
        tsan::acquire(this);  // see the end of the thread's function
        delete thread_;
    }
}

bool SweepWorker::start(const SweepSpec& spec, int threads) {
    if (thread_ != nullptr) return false;
    cancel_ = false;
    error_.clear();
    thread_ = QThread::create([this, spec, threads] {
        SweepOptions options;
        options.threads = threads;
        options.cancel = &cancel_;
        // pointFinished is emitted on the GUI thread, whatever a receiver's connection type.
        options.onPoint = [this](const SweepPoint& point, int done, int total) {
            const tsan::QueuedEmission queued;
            emit pointReady(point, done, total, QPrivateSignal());
        };
        try {
            runSweep(spec, options);
        } catch (const std::exception& error) {
            error_ = QString::fromStdString(error.what());
        }
        // QThread::wait() synchronises inside Qt, where ThreadSanitizer cannot see it: the
        // GUI thread acquires this after wait() before it reads error_ or deletes anything.
        tsan::release(this);
    });
    thread_->setObjectName(QStringLiteral("sweep"));
    connect(thread_, &QThread::finished, this, &SweepWorker::onThreadFinished,
            Qt::QueuedConnection);
    thread_->start();
    return true;
}

void SweepWorker::cancel() {
    cancel_ = true;
}

bool SweepWorker::wait(int milliseconds) {
    return thread_ == nullptr || thread_->wait(QDeadlineTimer(milliseconds));
}

void SweepWorker::onThreadFinished() {
    if (thread_ == nullptr) return;
    thread_->wait();
    tsan::acquire(this);
    delete thread_;
    thread_ = nullptr;
    emit finished(cancel_.load(), error_);
}

}  // namespace couplinglab::ui
