#include "core/trajectory_csv.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "core/stan_csv.h"

namespace couplinglab {

std::string trajectoryCsv(const TrajectoryRecord& record) {
    std::vector<TrajectoryPoint> points = record.points;
    std::sort(points.begin(), points.end(),
              [](const auto& a, const auto& b) { return a.order < b.order; });
    std::vector<int> uturnTimes;
    for (const UTurnEvent& event : record.uturns) {
        uturnTimes.push_back(event.timeBegin);
        uturnTimes.push_back(event.timeEnd);
    }
    std::ostringstream out;
    out << kTrajectoryCsvHeader << '\n';
    for (const TrajectoryPoint& p : points) {
        const bool uturn =
            std::find(uturnTimes.begin(), uturnTimes.end(), p.time) != uturnTimes.end();
        out << p.order << ',' << p.doubling << ',' << p.direction << ',' << formatNumber(p.position)
            << ',' << formatNumber(p.momentum) << ',' << formatNumber(p.energy) << ','
            << formatNumber(p.energyError) << ',' << (p.divergent ? 1 : 0) << ','
            << (p.order == record.selectedOrder ? 1 : 0) << ',' << (uturn ? 1 : 0) << '\n';
    }
    return std::move(out).str();
}

TrajectoryRecord recordTrajectory(const CouplingTarget& target, const SamplerSettings& settings,
                                  int chain, std::int64_t iteration) {
    if (iteration < 1) throw std::invalid_argument("the iteration must be at least 1");
    CouplingChain sampler(target, settings, chain);
    for (std::int64_t i = 1; i < iteration; ++i)
        sampler.next();
    TrajectoryRecord record;
    sampler.next(&record);
    return record;
}

}  // namespace couplinglab
