#include "ui/run/sampling_controller.h"

#include <QDeadlineTimer>

namespace couplinglab::ui {

namespace {
void registerMetaTypes() {
    qRegisterMetaType<IterationBatch>();
    qRegisterMetaType<TrajectorySnapshot>();
    qRegisterMetaType<DataSummary>();
    qRegisterMetaType<RunState>();
    qRegisterMetaType<Segment>();
}
}  // namespace

SamplingController::SamplingController(const RunSettings& initial, QObject* parent)
    : QObject(parent), worker_(new SamplingWorker(initial)), settings_(initial) {
    registerMetaTypes();
    thread_.setObjectName("sampling");
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::started, worker_, &SamplingWorker::loop);
    // Direct: the GUI thread may be blocked in wait() and could not deliver a queued quit.
    connect(worker_, &SamplingWorker::loopFinished, &thread_, &QThread::quit, Qt::DirectConnection);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &SamplingWorker::segmentStarted, this, &SamplingController::onSegment);
    connect(worker_, &SamplingWorker::iterationsReady, this, &SamplingController::onBatch);
    connect(worker_, &SamplingWorker::trajectoryReady, this, &SamplingController::onTrajectory);
    connect(worker_, &SamplingWorker::dataReady, this, [this](const DataSummary& summary) {
        data_ = summary;
        hasData_ = true;
        emit dataReady(summary);
    });
    connect(worker_, &SamplingWorker::stateChanged, this, [this](RunState state) {
        state_ = state;
        emit stateChanged(state);
    });
    connect(worker_, &SamplingWorker::failed, this, &SamplingController::failed);
    history_.reset(initial.sampler.chains);
    thread_.start();
}

SamplingController::~SamplingController() {
    shutdown();
    thread_.wait();  // the loop checks for stop after every iteration: this does not hang
}

void SamplingController::start() {
    if (!shutDown_) worker_->requestRunning(true);
}

void SamplingController::pause() {
    if (!shutDown_) worker_->requestRunning(false);
}

void SamplingController::toggleRunning() {
    state_ == RunState::Running ? pause() : start();
}

void SamplingController::step() {
    if (!shutDown_) worker_->requestStep();
}

void SamplingController::reset(const RunSettings& settings) {
    if (shutDown_) return;
    if (auto problem = validate(settings)) {
        emit failed(QString::fromStdString(*problem));
        return;
    }
    settings_ = settings;
    history_.reset(settings.sampler.chains);
    status_.clear();
    hasTrajectory_ = false;
    awaitingReset_ = true;
    worker_->requestReset(settings);
    emit historyChanged();
    emit trajectoryUpdated();
}

void SamplingController::switchTo(const RunSettings& settings, bool keepTuning,
                                  const QString& label) {
    if (shutDown_) return;
    if (auto problem = validate(settings)) {
        emit failed(QString::fromStdString(*problem));
        return;
    }
    if (history_.iterations() == 0 || awaitingReset_) {
        reset(settings);
        return;
    }
    const int chains = settings_.sampler.chains;
    const std::uint64_t seed = settings_.sampler.seed;
    settings_ = settings;
    settings_.sampler.chains = chains;  // these two wait for a reset
    settings_.sampler.seed = seed;
    worker_->requestSwitch(settings, keepTuning, label);
}

void SamplingController::setSpeed(int speedLevel, double leapfrogStepsPerSecond) {
    if (!shutDown_) worker_->requestSpeed(speedLevel, leapfrogStepsPerSecond);
}

bool SamplingController::shutdown(int timeoutMs) {
    if (shutDown_) return !thread_.isRunning();
    shutDown_ = true;
    worker_->requestStop();
    return thread_.wait(QDeadlineTimer(timeoutMs));
}

void SamplingController::onSegment(int generation, const Segment& segment) {
    if (generation != generation_) {
        generation_ = generation;
        awaitingReset_ = false;
        history_.reset(segment.settings.sampler.chains);
    }
    if (awaitingReset_) return;
    history_.startSegment(segment);
    emit segmentStarted(segment);
    emit historyChanged();
}

void SamplingController::onBatch(const IterationBatch& batch) {
    if (shutDown_) return;  // the worker may already be gone
    worker_->batchConsumed();
    if (awaitingReset_ || batch.generation != generation_) return;
    for (int c = 0; c < static_cast<int>(batch.chains.size()) && c < history_.chainCount(); ++c) {
        history_.append(c, batch.chains[static_cast<std::size_t>(c)]);
    }
    status_ = batch.status;
    emit historyChanged();
}

void SamplingController::onTrajectory(const TrajectorySnapshot& snapshot) {
    if (awaitingReset_ || snapshot.generation != generation_) return;
    trajectory_ = snapshot;
    hasTrajectory_ = true;
    emit trajectoryUpdated();
}

}  // namespace couplinglab::ui
