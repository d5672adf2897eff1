#include "ui/run/finished_run.h"

namespace couplinglab::ui {

void fillHistory(RunHistory& history, const RunSettings& settings,
                 const SufficientStatistic& statistic, const RunResult& run) {
    startHistory(history, settings, statistic, static_cast<int>(run.chains.size()));
    for (const ChainResult& chain : run.chains)
        history.append(chain.chain, chain.records);
}

void startHistory(RunHistory& history, const RunSettings& settings,
                  const SufficientStatistic& statistic, int chains) {
    history.reset(chains);
    // A chain that has not run yet knows its segment's warmup and slow windows, as in the window.
    const CouplingChain schedule(CouplingTarget(settings.model, statistic), settings.sampler, 0);
    Segment segment;
    segment.index = schedule.segment();
    segment.start = schedule.segmentStart();
    segment.warmup = schedule.segmentWarmup();
    segment.slowWindows = schedule.slowWindows();
    segment.settings = settings;
    segment.statistic = statistic;
    history.startSegment(segment);
}

std::optional<TrajectorySnapshot> lastTrajectory(const RunSettings& settings,
                                                 const SufficientStatistic& statistic,
                                                 const RunResult& run) {
    const std::int64_t iterations =
        static_cast<std::int64_t>(settings.sampler.warmup) + settings.sampler.draws;
    if (run.chains.empty() || run.chains.front().records.empty() ||
        iterations > kMaxReplayIterations) {
        return std::nullopt;
    }
    const std::vector<IterationRecord>& records = run.chains.front().records;
    CouplingChain chain(CouplingTarget(settings.model, statistic), settings.sampler, 0);
    TrajectorySnapshot snapshot;
    for (std::size_t i = 0; i + 1 < records.size(); ++i)
        chain.next();
    const IterationRecord last = toRecord(chain.next(&snapshot.record));
    if (!(last == records.back())) return std::nullopt;
    snapshot.iteration = last.iteration;
    snapshot.visiblePoints = static_cast<int>(snapshot.record.points.size());
    snapshot.complete = true;
    return snapshot;
}

ChainReplay::ChainReplay(const RunSettings& settings, const SufficientStatistic& statistic,
                         const RunResult& run)
    : chain_(CouplingTarget(settings.model, statistic), settings.sampler, 0),
      records_(run.chains.empty() ? nullptr : &run.chains.front().records),
      replayable_(records_ != nullptr &&
                  static_cast<std::int64_t>(records_->size()) <= kMaxReplayIterations) {}

std::optional<TrajectorySnapshot> ChainReplay::at(std::int64_t iteration) {
    if (!replayable_ || iteration < 1 || iteration > static_cast<std::int64_t>(records_->size()))
        return std::nullopt;
    if (iteration == done_) return last_;
    if (iteration < done_) return std::nullopt;
    while (done_ + 1 < iteration) {
        chain_.next();
        ++done_;
    }
    TrajectorySnapshot snapshot;
    const IterationRecord record = toRecord(chain_.next(&snapshot.record));
    ++done_;
    if (!(record == (*records_)[static_cast<std::size_t>(done_ - 1)])) {
        replayable_ = false;
        return last_ = std::nullopt;
    }
    snapshot.iteration = record.iteration;
    snapshot.visiblePoints = static_cast<int>(snapshot.record.points.size());
    snapshot.complete = true;
    return last_ = std::move(snapshot);
}

}  // namespace couplinglab::ui
