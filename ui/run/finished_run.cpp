#include "ui/run/finished_run.h"

namespace couplinglab::ui {

void fillHistory(RunHistory& history, const RunSettings& settings,
                 const SufficientStatistic& statistic, const RunResult& run) {
    history.reset(static_cast<int>(run.chains.size()));
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
    for (const ChainResult& chain : run.chains)
        history.append(chain.chain, chain.records);
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

}  // namespace couplinglab::ui
