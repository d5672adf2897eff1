// The fast iterative NUTS against a slow recursive transcription of Stan's algorithm.
#include <QtTest>
#include <bit>
#include <cmath>
#include <numeric>
#include <span>

#include "core/coupling_model.h"
#include "core/diagnostics.h"
#include "core/nuts.h"
#include "support/reference_nuts.h"
#include "support/test_models.h"

using namespace couplinglab;
using couplinglab::testing::CorrelatedGaussian;
using couplinglab::testing::ReferenceNuts;
using couplinglab::testing::VectorXd;

namespace {

bool identical(double a, double b) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

template <class Model>
testing::LogDensityFunction asFunction(const Model& model) {
    return [model](const VectorXd& q, VectorXd& gradient) {
        Vector<Model::dimension> fixedQ = q;
        Vector<Model::dimension> fixedGradient;
        const double lp = model.logDensityAndGradient(fixedQ, fixedGradient);
        gradient = fixedGradient;
        return lp;
    };
}

// Runs both samplers from the same state and random stream and demands identical transitions.
// The integration, the energies and accept_stat are computed by the same operations in the same
// order, so they agree to the bit. The multinomial weights are not: the reference uses Stan's
// log_sum_exp and exp(w - sum), the fast sampler one exp and one log for both (proposal.h).
// They differ by a few ulps, so a decision could differ only if a uniform fell within ~1e-16 of
// its threshold: with the ~1e5 decisions below, a chance of about 1e-11.
template <class Model>
void compareTransitions(const Model& model, const Vector<Model::dimension>& inverseMetric,
                        double stepSize, int maxDepth, int iterations, std::uint64_t seed) {
    const Nuts<Model> fast(NutsSettings{maxDepth, 1000.0});
    ReferenceNuts slow(asFunction(model), VectorXd(inverseMetric), stepSize, maxDepth);
    const DiagonalMetric<Model::dimension> metric{inverseMetric};
    Rng fastRng(seed), slowRng(seed);
    HmcState<Model::dimension> state = makeState(model, Vector<Model::dimension>::Constant(0.3));
    VectorXd slowQ = state.q;
    int divergences = 0;
    long leapfrogs = 0;
    for (int i = 0; i < iterations; ++i) {
        const auto fastStep = fast.step(model, metric, stepSize, state, fastRng);
        const auto slowStep = slow.transition(slowQ, slowRng);
        for (Eigen::Index k = 0; k < state.q.size(); ++k) {
            QVERIFY2(identical(fastStep.state.q[k], slowStep.next.q[k]),
                     qPrintable(QString("iteration %1").arg(i)));
        }
        QVERIFY(identical(fastStep.info.acceptStat, slowStep.acceptStat));
        QVERIFY(identical(fastStep.info.energy, slowStep.energy));
        QCOMPARE(fastStep.info.treeDepth, slowStep.treeDepth);
        QCOMPARE(fastStep.info.nLeapfrog, slowStep.nLeapfrog);
        QCOMPARE(fastStep.info.divergent, slowStep.divergent);
        QVERIFY(fastRng == slowRng);
        divergences += fastStep.info.divergent ? 1 : 0;
        leapfrogs += fastStep.info.nLeapfrog;
        state = fastStep.state;
        slowQ = slowStep.next.q;
    }
    qInfo("%d transitions identical; %ld leapfrog steps, %d divergent", iterations, leapfrogs,
          divergences);
}

}  // namespace

class TestNuts : public QObject {
    Q_OBJECT
  private slots:
    void fastNutsMatchesRecursiveReferenceOnCouplingModel_data() {
        QTest::addColumn<int>("likelihood");
        QTest::addColumn<bool>("divideByN");
        QTest::addColumn<double>("stepSize");
        QTest::addColumn<double>("inverseMetric");
        QTest::addColumn<int>("maxDepth");
        QTest::newRow("potential, eps 1") << 0 << false << 1.0 << 1.0 << 10;
        QTest::newRow("potential, eps 0.05 (deep trees)") << 0 << false << 0.05 << 1.0 << 10;
        QTest::newRow("potential, eps 2.5 (unstable)") << 0 << false << 2.5 << 1.0 << 10;
        QTest::newRow("boltzmann, unit metric, eps 0.01") << 1 << false << 0.01 << 1.0 << 10;
        QTest::newRow("boltzmann, adapted metric") << 1 << false << 0.9 << 1e-4 << 10;
        QTest::newRow("boltzmann, eps 0.05 (5 sd: diverges)") << 1 << false << 0.05 << 1.0 << 10;
        QTest::newRow("boltzmann / N, max depth 3") << 1 << true << 0.02 << 1.0 << 3;
    }
    void fastNutsMatchesRecursiveReferenceOnCouplingModel() {
        QFETCH(int, likelihood);
        QFETCH(bool, divideByN);
        QFETCH(double, stepSize);
        QFETCH(double, inverseMetric);
        QFETCH(int, maxDepth);
        ModelSpec spec;
        spec.likelihood = likelihood == 1 ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
        spec.divideByN = divideByN;
        const CouplingTarget target(spec, {10'000, 98});
        compareTransitions(target, Vector<1>::Constant(inverseMetric), stepSize, maxDepth, 3000,
                           42);
    }

    void fastNutsMatchesRecursiveReferenceInTwoDimensions_data() {
        QTest::addColumn<double>("correlation");
        QTest::addColumn<double>("stepSize");
        QTest::newRow("independent, eps 0.8") << 0.0 << 0.8;
        QTest::newRow("correlation 0.95, eps 0.2") << 0.95 << 0.2;
        QTest::newRow("correlation 0.99, eps 0.05") << 0.99 << 0.05;
    }
    void fastNutsMatchesRecursiveReferenceInTwoDimensions() {
        QFETCH(double, correlation);
        QFETCH(double, stepSize);
        const auto target = CorrelatedGaussian::withCorrelation(1.0, 3.0, correlation);
        compareTransitions(target, Vector<2>(1.0, 4.0), stepSize, 10, 3000, 7);
    }

    // Independent seeds: the two samplers' draws must describe the same distribution. The
    // difference of two independent means has standard error sqrt(mcse1^2 + mcse2^2); 4 of
    // those is a false-alarm rate of 6e-5.
    void fastAndReferenceNutsAgreeInDistribution() {
        const auto target = CorrelatedGaussian::withCorrelation(1.0, 2.0, 0.9);
        const Nuts<CorrelatedGaussian> fast;
        ReferenceNuts slow(asFunction(target), VectorXd::Ones(2), 0.3, 10);
        const DiagonalMetric<2> metric{Vector<2>::Ones()};
        Rng fastRng(11), slowRng(12);
        constexpr int kDraws = 20'000;
        std::vector<double> fastX(kDraws), slowX(kDraws), fastY2(kDraws), slowY2(kDraws);
        auto state = makeState(target, Vector<2>::Zero());
        VectorXd slowQ = VectorXd::Zero(2);
        for (int i = 0; i < kDraws; ++i) {
            state = fast.step(target, metric, 0.3, state, fastRng).state;
            slowQ = slow.transition(slowQ, slowRng).next.q;
            fastX[i] = state.q[0];
            slowX[i] = slowQ[0];
            fastY2[i] = state.q[1] * state.q[1];
            slowY2[i] = slowQ[1] * slowQ[1];
        }
        auto check = [](const std::vector<double>& a, const std::vector<double>& b, double truth) {
            const double meanA = std::accumulate(a.begin(), a.end(), 0.0) / a.size();
            const double meanB = std::accumulate(b.begin(), b.end(), 0.0) / b.size();
            const double seA = mcseMean({std::span<const double>(a)});
            const double seB = mcseMean({std::span<const double>(b)});
            QVERIFY2(std::abs(meanA - meanB) < 4.0 * std::hypot(seA, seB),
                     qPrintable(QString("fast %1 vs reference %2").arg(meanA).arg(meanB)));
            QVERIFY(std::abs(meanA - truth) < 4.0 * seA);
        };
        check(fastX, slowX, 0.0);
        check(fastY2, slowY2, 4.0);
    }

    void treeStopsAtMaxDepthWhenStepsAreTiny() {
        const testing::Normal1d target;
        const Nuts<testing::Normal1d> nuts(NutsSettings{6, 1000.0});
        Rng rng(3);
        const auto result = nuts.step(target, DiagonalMetric<1>::unit(1), 1e-4,
                                      makeState(target, Vector<1>(0.5)), rng);
        QCOMPARE(result.info.treeDepth, 6);
        QCOMPARE(result.info.nLeapfrog, 63);
        QVERIFY(result.info.termination == Termination::MaxDepth);
        QVERIFY(!result.info.divergent);
    }

    void hugeStepDivergesAndKeepsTheStartingPoint() {
        const testing::Normal1d target{0.0, 1e-3};
        const Nuts<testing::Normal1d> nuts;
        Rng rng(5);
        const auto start = makeState(target, Vector<1>(1e-3));
        const auto result = nuts.step(target, DiagonalMetric<1>::unit(1), 10.0, start, rng);
        QVERIFY(result.info.divergent);
        QVERIFY(result.info.termination == Termination::Divergence);
        QCOMPARE(result.info.treeDepth, 0);
        QVERIFY(result.state.q[0] == start.q[0]);
        QVERIFY(std::isfinite(result.info.acceptStat));
        QVERIFY(std::isfinite(result.info.energy));
    }
};

QTEST_GUILESS_MAIN(TestNuts)
#include "test_nuts.moc"
