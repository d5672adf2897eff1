// The sampler against the reference posterior of the K-unit Boltzmann machine, for K = 2, 3, 4
// with and without biases, both likelihoods and divide-by-N on and off.
//
// References: potential only is the closed-form Gaussian; exact Boltzmann is the Laplace
// approximation at N = 10^5 observations, where its error in a mean is of order sd/sqrt(N)
// (~0.003 sd), well below one MCSE (~sd/sqrt(ESS), ~0.02 sd here), and in an sd of order
// 1/N. Divided by N, the exact Boltzmann posterior is tempered to the weight of one
// observation and is not close to Gaussian at any N, so there the reference is importance
// sampling from a widened Laplace proposal (checked to be unbiased by its own standard error).
#include <Eigen/Cholesky>
#include <QtTest>
#include <cmath>

#include "core/diagnostics.h"
#include "core/machine_data.h"
#include "core/machine_posterior.h"
#include "core/machine_runner.h"

using namespace couplinglab;

namespace {

struct Reference {
    Eigen::VectorXd mean;
    Eigen::VectorXd sd;
    Eigen::VectorXd meanError;  // standard error of the reference mean itself (0 if exact)
};

// Self-normalised importance sampling with proposal N(mode, (1.5^2) Sigma_laplace).
Reference importanceSampled(const ModelSpec& model, const PatternCounts& data) {
    const MachinePosterior laplace = machinePosterior(model, data);
    const BoltzmannTarget<Eigen::Dynamic> target(model, data);
    const Eigen::Index d = laplace.mean.size();
    const Eigen::MatrixXd factor = 1.5 * Eigen::MatrixXd(laplace.covariance.llt().matrixL());
    Rng rng(99);
    constexpr int kDraws = 200'000;
    std::vector<Eigen::VectorXd> draws(kDraws);
    std::vector<double> logWeights(kDraws);
    double largest = -1e300;
    for (int i = 0; i < kDraws; ++i) {
        Eigen::VectorXd z(d);
        for (Eigen::Index k = 0; k < d; ++k)
            z[k] = rng.normal();
        draws[i] = laplace.mode + factor * z;
        logWeights[i] = target.logDensity(draws[i]) + 0.5 * z.squaredNorm();
        largest = std::max(largest, logWeights[i]);
    }
    double total = 0.0;
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(d), sumSquares = Eigen::VectorXd::Zero(d);
    std::vector<double> weights(kDraws);
    for (int i = 0; i < kDraws; ++i) {
        weights[i] = std::exp(logWeights[i] - largest);
        total += weights[i];
        sum += weights[i] * draws[i];
        sumSquares += weights[i] * draws[i].cwiseProduct(draws[i]);
    }
    Reference r{sum / total, Eigen::VectorXd(d), Eigen::VectorXd::Zero(d)};
    r.sd = (sumSquares / total - r.mean.cwiseProduct(r.mean)).cwiseSqrt();
    for (int i = 0; i < kDraws; ++i) {
        const Eigen::VectorXd deviation = draws[i] - r.mean;
        r.meanError +=
            (weights[i] / total) * (weights[i] / total) * deviation.cwiseProduct(deviation);
    }
    r.meanError = r.meanError.cwiseSqrt();
    return r;
}

Reference referenceFor(const ModelSpec& model, const PatternCounts& data) {
    const MachinePosterior posterior = machinePosterior(model, data);
    if (posterior.kind == ReferenceKind::Laplace && model.divideByN)
        return importanceSampled(model, data);
    return {posterior.mean, posterior.sd(), Eigen::VectorXd::Zero(posterior.mean.size())};
}

MachineDataSpec dataFor(int units) {
    MachineDataSpec spec;
    spec.units = units;
    const MachineShape shape{units, true};
    for (int i = 0; i < shape.couplings(); ++i)
        spec.couplings.push_back(0.3 * std::cos(1.7 * i));
    for (int k = 0; k < units; ++k)
        spec.biases.push_back(0.6 * std::sin(2.3 * k + 1.0));
    spec.observations = 100'000;
    spec.seed = 11 + static_cast<std::uint64_t>(units);
    return spec;
}

}  // namespace

class TestMachinePosteriorAccuracy : public QObject {
    Q_OBJECT
  private slots:
    // Each parameter's mean within 5 MCSE (combined with the reference's own error) and sd
    // within 5 % (the sd's Monte Carlo error at these ESS is about 1 %).
    void samplerMatchesReference_data() {
        QTest::addColumn<int>("units");
        QTest::addColumn<bool>("biases");
        QTest::addColumn<bool>("boltzmann");
        QTest::addColumn<bool>("divideByN");
        QTest::addColumn<int>("metric");
        for (int units : {2, 3, 4}) {
            for (bool biases : {false, true}) {
                for (bool boltzmann : {false, true}) {
                    for (bool divide : {false, true}) {
                        const auto metric = units == 2 ? MetricKind::Diagonal : MetricKind::Dense;
                        QTest::addRow("K=%d%s %s%s %s", units, biases ? " biases" : "",
                                      boltzmann ? "boltzmann" : "potential", divide ? " /N" : "",
                                      toString(metric).data())
                            << units << biases << boltzmann << divide << static_cast<int>(metric);
                    }
                }
            }
        }
        QTest::newRow("K=3 biases boltzmann diag")
            << 3 << true << true << false << static_cast<int>(MetricKind::Diagonal);
    }
    void samplerMatchesReference() {
        QFETCH(int, units);
        QFETCH(bool, biases);
        QFETCH(bool, boltzmann);
        QFETCH(bool, divideByN);
        QFETCH(int, metric);
        const auto data = MachineData::generate(dataFor(units)).patternCounts(biases);
        ModelSpec model;
        model.likelihood = boltzmann ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
        model.divideByN = divideByN;
        SamplerSettings settings;
        settings.draws = 2500;
        settings.seed = 3;
        setMetricKind(settings, static_cast<MetricKind>(metric));
        const MachineRunResult run = runMachineChains(model, data, settings);
        const Reference reference = referenceFor(model, data);
        const auto names = parameterNames(data.shape);
        for (int i = 0; i < data.shape.dimension(); ++i) {
            std::vector<std::vector<double>> draws;
            ChainSpans spans;
            for (const auto& chain : run.chains)
                draws.push_back(chain.drawsOf(i));
            for (const auto& d : draws)
                spans.emplace_back(d);
            const Summary s = summarize(spans);
            const double tolerance = 5.0 * std::hypot(s.mcseMean, reference.meanError[i]);
            const QString what = QString("%1: mean %2 vs %3 (mcse %4), sd %5 vs %6")
                                     .arg(names[static_cast<std::size_t>(i)].c_str())
                                     .arg(s.mean)
                                     .arg(reference.mean[i])
                                     .arg(s.mcseMean)
                                     .arg(s.sd)
                                     .arg(reference.sd[i]);
            QVERIFY2(std::abs(s.mean - reference.mean[i]) < tolerance, qPrintable(what));
            QVERIFY2(std::abs(s.sd / reference.sd[i] - 1.0) < 0.05, qPrintable(what));
        }
    }

    // A switch of the metric mid-run (the window's metric chooser during a run) carries the
    // chains on from where they are with a new warmup; the metric does not change the target,
    // so the draws after it still match the reference within 5 MCSE.
    void metricSwitchedMidRunStillSamplesThePosterior_data() {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("diag -> dense")
            << static_cast<int>(MetricKind::Diagonal) << static_cast<int>(MetricKind::Dense);
        QTest::newRow("dense -> diag")
            << static_cast<int>(MetricKind::Dense) << static_cast<int>(MetricKind::Diagonal);
        QTest::newRow("unit -> dense")
            << static_cast<int>(MetricKind::Unit) << static_cast<int>(MetricKind::Dense);
    }
    void metricSwitchedMidRunStillSamplesThePosterior() {
        QFETCH(int, from);
        QFETCH(int, to);
        constexpr std::int64_t kSwitchAt = 700;
        constexpr int kTrajectoryEvery = 100;
        const auto data = MachineData::generate(dataFor(3)).patternCounts(true);
        const ModelSpec model;
        SamplerSettings settings;
        settings.draws = 2500;
        settings.seed = 11;
        setMetricKind(settings, static_cast<MetricKind>(from));
        // Each hook runs on its chain's thread: each chain touches its own element only.
        std::vector<std::int64_t> done(static_cast<std::size_t>(settings.chains), 0);
        std::vector<int> trajectories(done.size(), 0);
        std::vector<int> tunings(done.size(), 0);
        std::vector<Eigen::Index> tunedColumns(done.size(), 0);
        MachineRunHooks hooks;
        hooks.trajectoryWanted = [&](int chain) {
            return chain == 0 && done[0] % kTrajectoryEvery == 0;
        };
        hooks.iterationDone = [&](int chain, const IterationRecord&, const double*,
                                  const TrajectoryRecord* trajectory) {
            const auto c = static_cast<std::size_t>(chain);
            if (trajectory != nullptr && trajectory->hasPositions() &&
                trajectory->dimension == data.shape.dimension())
                ++trajectories[c];
            ++done[c];
        };
        hooks.metricSwitch = [&](int chain) -> std::optional<MetricKind> {
            if (done[static_cast<std::size_t>(chain)] < kSwitchAt) return std::nullopt;
            return static_cast<MetricKind>(to);
        };
        hooks.tuned = [&](int chain, double stepSize, const Eigen::MatrixXd& inverseMetric) {
            const auto c = static_cast<std::size_t>(chain);
            if (stepSize > 0.0) ++tunings[c];
            tunedColumns[c] = inverseMetric.cols();
        };
        const MachineRunResult run = runMachineChains(model, data, settings, {}, hooks);
        const int d = data.shape.dimension();
        for (const MachineChainResult& chain : run.chains) {
            const auto c = static_cast<std::size_t>(chain.base.chain);
            QCOMPARE(static_cast<int>(chain.segments.size()), 2);
            QVERIFY(chain.segments[0].metric == static_cast<MetricKind>(from));
            QCOMPARE(chain.segments[1].start, kSwitchAt);
            QVERIFY(chain.segments[1].metric == static_cast<MetricKind>(to));
            QCOMPARE(static_cast<std::int64_t>(chain.base.records.size()),
                     kSwitchAt + settings.warmup + settings.draws);
            QCOMPARE(done[c], static_cast<std::int64_t>(chain.base.records.size()));
            QCOMPARE(chain.positions.size(),
                     chain.base.records.size() * static_cast<std::size_t>(d));
            // The first segment never reached its draws; the second ran all of them.
            QCOMPARE(static_cast<int>(chain.drawsOf(0).size()), settings.draws);
            QCOMPARE(tunings[c], 1);  // only the second segment finished a warmup
            QCOMPARE(tunedColumns[c], to == static_cast<int>(MetricKind::Dense) ? d : 1);
            QCOMPARE(chain.inverseMetric.cols(), tunedColumns[c]);
        }
        QCOMPARE(trajectories[0], static_cast<int>((kSwitchAt + settings.warmup + settings.draws +
                                                    kTrajectoryEvery - 1) /
                                                   kTrajectoryEvery));
        QCOMPARE(trajectories[1], 0);
        const Reference reference = referenceFor(model, data);
        for (int i = 0; i < d; ++i) {
            ChainSpans spans;
            std::vector<std::vector<double>> draws;
            for (const auto& chain : run.chains)
                draws.push_back(chain.drawsOf(i));
            for (const auto& x : draws)
                spans.emplace_back(x);
            const Summary s = summarize(spans);
            const double tolerance = 5.0 * std::hypot(s.mcseMean, reference.meanError[i]);
            QVERIFY2(std::abs(s.mean - reference.mean[i]) < tolerance,
                     qPrintable(QString("parameter %1: mean %2 vs %3 (mcse %4)")
                                    .arg(i)
                                    .arg(s.mean)
                                    .arg(reference.mean[i])
                                    .arg(s.mcseMean)));
        }
    }
};

QTEST_GUILESS_MAIN(TestMachinePosteriorAccuracy)
#include "test_machine_posterior_accuracy.moc"
