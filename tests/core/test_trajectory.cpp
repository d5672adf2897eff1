// The optional trajectory record: what the trajectory view draws must be what NUTS computed.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/chain_runner.h"
#include "core/exact_posterior.h"
#include "core/trajectory_csv.h"

using namespace couplinglab;

namespace {

const SufficientStatistic kQuestionData{10'000, 98};

CouplingTarget boltzmannTarget() {
    ModelSpec spec;
    spec.likelihood = Likelihood::ExactBoltzmann;
    return {spec, kQuestionData};
}

const TrajectoryPoint& pointAtTime(const TrajectoryRecord& record, int time) {
    return *std::find_if(record.points.begin(), record.points.end(),
                         [&](const auto& p) { return p.time == time; });
}

// The criterion recomputed from the recorded momenta of the span [begin, end].
bool spanIsUTurnFree(const TrajectoryRecord& record, int begin, int end) {
    double rho = 0.0;
    for (int t = begin; t <= end; ++t)
        rho += pointAtTime(record, t).momentum;
    const double first = record.inverseMetric * pointAtTime(record, begin).momentum;
    const double last = record.inverseMetric * pointAtTime(record, end).momentum;
    return first * rho > 0 && last * rho > 0;
}

}  // namespace

class TestTrajectory : public QObject {
    Q_OBJECT
  private slots:
    void tinyStepConservesEnergyToOneMillionth() {
        const CouplingTarget target = boltzmannTarget();
        const Nuts<CouplingTarget> nuts;
        Rng rng(4);
        auto state = makeState(target, Vector<1>(0.0098));
        TrajectoryRecord record;
        for (int i = 0; i < 20; ++i) {
            state = nuts.step(target, DiagonalMetric<1>::unit(1), 1e-5, state, rng, &record).state;
            QCOMPARE(record.points.size(), std::size_t(record.info.nLeapfrog + 1));
            for (const auto& point : record.points)
                QVERIFY(std::abs(point.energyError) < 1e-6);
        }
    }

    // Leapfrog on a Gaussian is unstable past eps = 2 sd: at 3 sd one step multiplies the
    // amplitude by about 6.9 and flips the momentum. Most trajectories therefore U-turn after a
    // step; those that continue see the energy error explode and are flagged divergent.
    void stepOfThreePosteriorSdsGrowsTheEnergyErrorUntilItDiverges() {
        const ExactPosterior exact(boltzmannTarget().model(), kQuestionData);
        const CouplingTarget target = boltzmannTarget();
        const Nuts<CouplingTarget> nuts;
        Rng rng(8);
        auto state = makeState(target, Vector<1>(exact.mean()));
        TrajectoryRecord record;
        int divergentIterations = 0;
        for (int i = 0; i < 200; ++i) {
            state =
                nuts.step(target, DiagonalMetric<1>::unit(1), 3.0 * exact.sd(), state, rng, &record)
                    .state;
            if (!record.info.divergent) continue;
            ++divergentIterations;
            const auto& last = record.points.back();
            QVERIFY(last.divergent);
            QVERIFY(last.energyError > 1000.0);
            QVERIFY(record.info.termination == Termination::Divergence);
            // Along the doubling that diverged the error grows step after step.
            double previous = 0.0;
            for (const auto& point : record.points) {
                if (point.doubling != last.doubling) continue;
                QVERIFY(point.energyError > previous);
                previous = point.energyError;
            }
        }
        QVERIFY2(divergentIterations >= 10, qPrintable(QString::number(divergentIterations)));
    }

    void eachUTurnLabelSitsWhereTheCriterionFires() {
        const CouplingTarget target = boltzmannTarget();
        const Nuts<CouplingTarget> nuts;
        Rng rng(15);
        auto state = makeState(target, Vector<1>(0.3));
        TrajectoryRecord record;
        int labelled = 0;
        for (int i = 0; i < 500; ++i) {
            state = nuts.step(target, DiagonalMetric<1>::unit(1), 0.004, state, rng, &record).state;
            if (record.info.termination == Termination::UTurn) QVERIFY(!record.uturns.empty());
            if (record.info.termination == Termination::MaxDepth) QVERIFY(record.uturns.empty());
            for (const UTurnEvent& event : record.uturns) {
                QVERIFY(!spanIsUTurnFree(record, event.timeBegin, event.timeEnd));
                ++labelled;
            }
        }
        QVERIFY(labelled > 400);
    }

    void selectedPointIsTheNextState() {
        const CouplingTarget target = boltzmannTarget();
        SamplerSettings settings;
        settings.warmup = 100;
        CouplingChain chain(target, settings, 0);
        TrajectoryRecord record;
        for (int i = 0; i < 200; ++i) {
            const auto draw = chain.next(&record);
            const auto selected =
                std::find_if(record.points.begin(), record.points.end(),
                             [&](const auto& p) { return p.order == record.selectedOrder; });
            QVERIFY(selected != record.points.end());
            QCOMPARE(selected->position, draw.state.q[0]);
            std::vector<int> orders;
            for (const auto& p : record.points)
                orders.push_back(p.order);
            std::sort(orders.begin(), orders.end());
            for (int k = 0; k < static_cast<int>(orders.size()); ++k)
                QCOMPARE(orders[k], k);
        }
    }

    void recordingDoesNotChangeTheDraws() {
        SamplerSettings settings;
        settings.warmup = 200;
        settings.draws = 200;
        CouplingChain recorded(boltzmannTarget(), settings, 1);
        CouplingChain plain(boltzmannTarget(), settings, 1);
        TrajectoryRecord record;
        for (int i = 0; i < 400; ++i)
            QCOMPARE(toRecord(recorded.next(&record)), toRecord(plain.next()));
    }

    void trajectoryCsvHasOneRowPerPointWithSelectedAndUTurnMarks() {
        SamplerSettings settings;
        settings.adaptMetric = false;
        const TrajectoryRecord record = recordTrajectory(boltzmannTarget(), settings, 0, 60);
        const std::string csv = trajectoryCsv(record);
        std::istringstream in(csv);
        std::string line;
        std::getline(in, line);
        QCOMPARE(QString::fromStdString(line), QString(kTrajectoryCsvHeader));
        int rows = 0, selected = 0, uturn = 0;
        while (std::getline(in, line)) {
            const QStringList cells = QString::fromStdString(line).split(',');
            QCOMPARE(cells.size(), 10);
            QCOMPARE(cells[0].toInt(), rows);  // ordered by computation
            selected += cells[8].toInt();
            uturn += cells[9].toInt();
            ++rows;
        }
        QCOMPARE(rows, record.info.nLeapfrog + 1);
        QCOMPARE(selected, 1);
        QCOMPARE(uturn > 0, !record.uturns.empty());
    }

    void replayedTrajectoryEqualsTheOneRecordedDuringTheRun() {
        SamplerSettings settings;
        settings.warmup = 50;
        CouplingChain chain(boltzmannTarget(), settings, 2);
        TrajectoryRecord during;
        for (int i = 1; i <= 80; ++i)
            chain.next(i == 80 ? &during : nullptr);
        const TrajectoryRecord replayed = recordTrajectory(boltzmannTarget(), settings, 2, 80);
        QCOMPARE(trajectoryCsv(replayed), trajectoryCsv(during));
    }

    void staticHmcRecordsItsStepsAndTheMetropolisDecision() {
        const CouplingTarget target = boltzmannTarget();
        const StaticHmc<CouplingTarget> hmc({7, 1000.0});
        Rng rng(2);
        auto state = makeState(target, Vector<1>(0.01));
        TrajectoryRecord record;
        int accepted = 0;
        for (int i = 0; i < 200; ++i) {
            const double before = state.q[0];
            state = hmc.step(target, DiagonalMetric<1>::unit(1), 0.012, state, rng, &record).state;
            QVERIFY(record.staticHmc);
            QCOMPARE(record.points.size(), std::size_t{8});
            QCOMPARE(state.q[0], record.accepted ? record.points.back().position : before);
            accepted += record.accepted ? 1 : 0;
        }
        QVERIFY(accepted > 100);
    }
};

QTEST_GUILESS_MAIN(TestTrajectory)
#include "test_trajectory.moc"
