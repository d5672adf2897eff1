#include "ui/run/sampling_controller.h"

#include <QDeadlineTimer>

#include "ui/settings/settings_diff.h"
#include "ui/support/thread_sanitizer.h"

namespace couplinglab::ui {

namespace {
void registerMetaTypes() {
    qRegisterMetaType<IterationBatch>();
    qRegisterMetaType<TrajectorySnapshot>();
    qRegisterMetaType<DataSummary>();
    qRegisterMetaType<RunState>();
    qRegisterMetaType<Segment>();
    qRegisterMetaType<SettingsChange>();
    qRegisterMetaType<ApplyOutcome>();
}

SettingsChange changeBetween(const RunSettings& before, const RunSettings& after,
                             ApplyOutcome outcome) {
    return {.outcome = outcome,
            .data = !(before.data == after.data),
            .model = !(before.model == after.model),
            .sampler = !(before.sampler == after.sampler),
            .label = {}};
}
}  // namespace

SamplingController::SamplingController(const RunSettings& initial, QObject* parent)
    : QObject(parent), requested_(initial) {
    registerMetaTypes();
    // The window's controls cannot hold invalid settings, but a caller might: then the run
    // starts from the defaults and says why, queued so that whoever constructed this has
    // connected to failed() by then.
    if (auto problem = validate(initial)) {
        requested_ = RunSettings{};
        QMetaObject::invokeMethod(
            this, [this, message = QString::fromStdString(*problem)] { emit failed(message); },
            Qt::QueuedConnection);
    }
    inForce_ = requested_;
    worker_ = new SamplingWorker(inForce_);
    thread_.setObjectName("sampling");
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::started, worker_, &SamplingWorker::loop);
    // Direct: the GUI thread may be blocked in wait() and could not deliver a queued quit.
    connect(worker_, &SamplingWorker::loopFinished, &thread_, &QThread::quit, Qt::DirectConnection);
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
    history_.reset(inForce_.sampler.chains);
    thread_.start();
}

SamplingController::~SamplingController() {
    shutdown();
    thread_.wait();  // the loop checks for stop after every iteration: this does not hang
    // Deleted here, on the GUI thread, after its thread has ended: the connections' slot objects
    // that this thread invoked are freed on this thread too. QThread::wait() joins through a
    // futex that ThreadSanitizer cannot see; the worker released everything it did at the end
    // of its loop.
    tsan::acquire(worker_);
    delete worker_;
    worker_ = nullptr;
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

// The one place where a change of settings is judged; see the header for the rule.
ApplyOutcome SamplingController::apply(const RunSettings& settings) {
    if (shutDown_) return ApplyOutcome::Unchanged;
    if (refuseIfInvalid(settings)) return ApplyOutcome::Refused;
    if (settings == requested_) return ApplyOutcome::Unchanged;
    SettingsChange change = changeBetween(requested_, settings, ApplyOutcome::Switched);
    const bool onlyAtReset = onlyResetSettingsDiffer(requested_, settings);
    if (!onlyAtReset) change.label = describeChange(requested_, settings);
    requested_ = settings;
    if (nothingSampledYet()) {
        change.outcome = ApplyOutcome::Reset;
        change.label.clear();
        resetToRequested();
    } else if (onlyAtReset) {
        change.outcome = ApplyOutcome::Deferred;
    } else {
        switchLive(change.label);
    }
    emit settingsApplied(change);
    return change.outcome;
}

void SamplingController::reset() {
    if (!shutDown_) resetToRequested();
}

ApplyOutcome SamplingController::resetTo(const RunSettings& settings) {
    if (shutDown_) return ApplyOutcome::Unchanged;
    if (refuseIfInvalid(settings)) return ApplyOutcome::Refused;
    const SettingsChange change = changeBetween(requested_, settings, ApplyOutcome::Reset);
    requested_ = settings;
    resetToRequested();
    emit settingsApplied(change);
    return ApplyOutcome::Reset;
}

void SamplingController::applyDisplay(const DisplaySettings& display) {
    if (shutDown_) return;
    display_ = display;
    worker_->requestSpeed(display.speedLevel, display.leapfrogStepsPerSecond);
    emit displayApplied(display);
}

bool SamplingController::refuseIfInvalid(const RunSettings& settings) {
    const auto problem = validate(settings);
    if (problem) emit settingsRefused(QString::fromStdString(*problem));
    return problem.has_value();
}

// Also true between a reset and the worker's first segment after it, whose draws are not in.
bool SamplingController::nothingSampledYet() const {
    return history_.iterations() == 0 || awaitingReset_;
}

void SamplingController::resetToRequested() {
    inForce_ = requested_;
    history_.reset(inForce_.sampler.chains);
    status_.clear();
    hasTrajectory_ = false;
    awaitingReset_ = true;
    worker_->requestReset(inForce_);
    emit runReset();
    emit historyChanged();
    emit trajectoryUpdated();
}

// The chains keep their number and their seed: those are theirs until the next reset.
void SamplingController::switchLive(const QString& label) {
    const int chains = inForce_.sampler.chains;
    const std::uint64_t seed = inForce_.sampler.seed;
    inForce_ = requested_;
    inForce_.sampler.chains = chains;
    inForce_.sampler.seed = seed;
    worker_->requestSwitch(inForce_, display_.keepTunedStepSize, label);
    emit liveSwitch(label);
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
