#include "ui/machine/machine_worker.h"

#include <QThread>
#include <algorithm>

#include "core/input_error.h"
#include "ui/support/thread_sanitizer.h"

namespace couplinglab::ui {

std::vector<double> MachineRunOutcome::pooledDraws(int parameter) const {
    std::vector<double> pooled;
    for (const MachineChainResult& chain : run.chains) {
        const std::vector<double> draws = chain.drawsOf(parameter);
        pooled.insert(pooled.end(), draws.begin(), draws.end());
    }
    return pooled;
}

namespace {

// Over the draws of each chain's last segment: the metric the run ended with.
template <class Value>
double postWarmupMean(const MachineRunResult& run, Value value) {
    double sum = 0.0;
    std::int64_t n = 0;
    for (const MachineChainResult& chain : run.chains) {
        const std::size_t from =
            chain.segments.empty() ? 0 : static_cast<std::size_t>(chain.segments.back().start);
        for (std::size_t i = from; i < chain.base.records.size(); ++i) {
            const IterationRecord& record = chain.base.records[i];
            if (record.warmup) continue;
            sum += value(record);
            ++n;
        }
    }
    return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

}  // namespace

double MachineRunOutcome::meanLeapfrogSteps() const {
    return postWarmupMean(run, [](const IterationRecord& r) { return r.nLeapfrog; });
}

double MachineRunOutcome::meanTreeDepth() const {
    return postWarmupMean(run, [](const IterationRecord& r) { return r.treeDepth; });
}

int MachineRunOutcome::divergences() const {
    int count = 0;
    for (const MachineChainResult& chain : run.chains) {
        count += static_cast<int>(
            std::count_if(chain.base.records.begin(), chain.base.records.end(),
                          [](const IterationRecord& r) { return !r.warmup && r.divergent; }));
    }
    return count;
}

std::shared_ptr<MachineRunOutcome> prepareMachineData(const MachineRunSpec& spec) {
    if (auto problem = validate(spec)) throw InputError(problem->toStdString());
    auto outcome = std::make_shared<MachineRunOutcome>();
    outcome->spec = spec;
    std::optional<MachineData> generated;
    if (!spec.bits) generated = MachineData::generate(spec.data);
    const MachineData& data = spec.bits ? *spec.bits : *generated;
    outcome->counts = data.patternCounts(spec.biases);
    const std::uint64_t shown = std::min(data.observations(), MachineRunOutcome::kFirstBits);
    outcome->firstBits.resize(static_cast<std::size_t>(data.units()));
    for (int unit = 0; unit < data.units(); ++unit) {
        for (std::uint64_t i = 0; i < shown; ++i)
            outcome->firstBits[static_cast<std::size_t>(unit)].push_back(data.bit(unit, i));
    }
    for (const std::string& name : parameterNames(spec.shape()))
        outcome->names.append(QString::fromStdString(name));
    outcome->reference = machinePosterior(spec.model, outcome->counts);
    return outcome;
}

std::shared_ptr<MachineRunOutcome> runMachine(
    const MachineRunSpec& spec, const RunOptions& options, const MachineRunHooks& hooks,
    const std::function<void(const MachineRunOutcome&)>& prepared) {
    std::shared_ptr<MachineRunOutcome> outcome = prepareMachineData(spec);
    if (prepared) prepared(*outcome);
    outcome->run = runMachineChains(spec.model, outcome->counts, spec.sampler, options, hooks);
    // A switch mid-run leaves the chains on another metric than the one they started with.
    const MachineChainResult* first =
        outcome->run.chains.empty() ? nullptr : &outcome->run.chains.front();
    if (first != nullptr && !first->segments.empty())
        setMetricKind(outcome->spec.sampler, first->segments.back().metric);
    return outcome;
}

MachineWorker::MachineWorker(QObject* parent) : QObject(parent) {}

MachineWorker::~MachineWorker() {
    if (thread_ != nullptr) {
        cancel_ = true;
        thread_->wait();
        tsan::acquire(this);
        delete thread_;
    }
}

bool MachineWorker::start(const MachineRunSpec& spec) {
    if (thread_ != nullptr) return false;
    cancel_ = false;
    error_.clear();
    outcome_.reset();
    feed_ = std::make_shared<MachineLiveFeed>(spec.sampler.chains, spec.sampler.warmup,
                                              spec.sampler.draws, metricKind(spec.sampler));
    feed_->setSpeed(speed_);
    tsan::release(this);
    thread_ = QThread::create([this, spec, feed = feed_] {
        tsan::acquire(this);
        try {
            RunOptions options;
            options.cancel = &cancel_;
            // Every chain at once, so that a paced run shows them moving together.
            options.threads = spec.sampler.chains;
            auto outcome = runMachine(
                spec, options, feed->hooks(cancel_),
                [&feed](const MachineRunOutcome& prepared) { feed->publishPrepared(prepared); });
            if (!outcome->run.cancelled) outcome_ = std::move(outcome);
        } catch (const std::exception& error) {
            error_ = QString::fromStdString(error.what());
        }
        // QThread::wait() synchronises inside Qt, which ThreadSanitizer cannot see.
        tsan::release(this);
    });
    thread_->setObjectName(QStringLiteral("machine"));
    connect(thread_, &QThread::finished, this, &MachineWorker::onThreadFinished,
            Qt::QueuedConnection);
    thread_->start();
    return true;
}

void MachineWorker::cancel() {
    cancel_ = true;
}

bool MachineWorker::wait(int milliseconds) {
    return thread_ == nullptr || thread_->wait(QDeadlineTimer(milliseconds));
}

double MachineWorker::progress() const {
    return feed_ ? feed_->progress() : 0.0;
}

void MachineWorker::setSpeed(int speed) {
    speed_ = std::clamp(speed, 0, static_cast<int>(machineSpeeds().size()) - 1);
    if (feed_) feed_->setSpeed(speed_);
}

bool MachineWorker::requestMetric(MetricKind metric) {
    if (!isRunning() || !feed_) return false;
    feed_->requestMetric(metric);
    return true;
}

bool MachineWorker::takeLive(MachineRunOutcome& live, int& visiblePoints) {
    return feed_ && feed_->takeInto(live, visiblePoints);
}

void MachineWorker::onThreadFinished() {
    if (thread_ == nullptr) return;
    thread_->wait();
    tsan::acquire(this);
    delete thread_;
    thread_ = nullptr;
    const bool cancelled = cancel_.load() && error_.isEmpty() && !outcome_;
    emit finished(std::move(outcome_), cancelled, error_);
}

}  // namespace couplinglab::ui
