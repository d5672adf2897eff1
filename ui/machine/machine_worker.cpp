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

template <class Value>
double postWarmupMean(const MachineRunResult& run, Value value) {
    double sum = 0.0;
    std::int64_t n = 0;
    for (const MachineChainResult& chain : run.chains) {
        for (const IterationRecord& record : chain.base.records) {
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

std::shared_ptr<MachineRunOutcome> runMachine(const MachineRunSpec& spec,
                                              const RunOptions& options) {
    if (auto problem = validate(spec)) throw InputError(problem->toStdString());
    auto outcome = std::make_shared<MachineRunOutcome>();
    outcome->spec = spec;
    outcome->counts = MachineData::generate(spec.data).patternCounts(spec.biases);
    for (const std::string& name : parameterNames(spec.shape()))
        outcome->names.append(QString::fromStdString(name));
    outcome->run = runMachineChains(spec.model, outcome->counts, spec.sampler, options);
    if (!outcome->run.cancelled) outcome->reference = machinePosterior(spec.model, outcome->counts);
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
    const int chains = spec.sampler.chains;
    chainCount_ = chains;
    chainIterations_ =
        std::make_unique<std::atomic<std::int64_t>[]>(static_cast<std::size_t>(chains));
    totalIterations_ = std::max<std::int64_t>(
        1, static_cast<std::int64_t>(chains) * (spec.sampler.warmup + spec.sampler.draws));
    tsan::release(this);
    thread_ = QThread::create([this, spec] {
        tsan::acquire(this);
        try {
            RunOptions options;
            options.cancel = &cancel_;
            options.progress = [this](int chain, std::int64_t done) {
                chainIterations_[static_cast<std::size_t>(chain)].store(done,
                                                                        std::memory_order_relaxed);
            };
            auto outcome = runMachine(spec, options);
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
    std::int64_t done = 0;
    for (int c = 0; c < chainCount_; ++c)
        done += chainIterations_[static_cast<std::size_t>(c)].load(std::memory_order_relaxed);
    return std::min(1.0, static_cast<double>(done) / static_cast<double>(totalIterations_));
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
