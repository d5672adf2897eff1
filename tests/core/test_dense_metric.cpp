// The dense Euclidean metric (Stan's dense_e): its momentum, NUTS with it against the recursive
// reference, and its windowed adaptation against a plain covariance of the same draws.
#include <QtTest>
#include <cmath>
#include <vector>

#include <Eigen/LU>
#include "core/chain.h"

#include "core/dense_metric.h"
#include "core/diagnostics.h"
#include "support/reference_nuts.h"
#include "support/test_models.h"

using namespace couplinglab;
using couplinglab::testing::CorrelatedGaussian;
using couplinglab::testing::DenseInverseMetric;
using couplinglab::testing::ReferenceNuts;

namespace {

Matrix<2> covarianceOf(double sd1, double sd2, double rho) {
    Matrix<2> sigma;
    sigma << sd1 * sd1, rho * sd1 * sd2, rho * sd1 * sd2, sd2 * sd2;
    return sigma;
}

couplinglab::testing::LogDensityFunction asFunction(const CorrelatedGaussian& target) {
    return [target](const Eigen::VectorXd& q, Eigen::VectorXd& gradient) {
        return target.evaluate(q, gradient);
    };
}

bool close(double a, double b, double relative) {
    return std::abs(a - b) <= relative * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

// Sample covariance by the textbook two-pass formula, the slow reference for Welford's.
Matrix<2> plainCovariance(const std::vector<Vector<2>>& draws) {
    Vector<2> mean = Vector<2>::Zero();
    for (const auto& x : draws)
        mean += x;
    mean /= static_cast<double>(draws.size());
    Matrix<2> sum = Matrix<2>::Zero();
    for (const auto& x : draws)
        sum += (x - mean) * (x - mean).transpose();
    return sum / static_cast<double>(draws.size() - 1);
}

SamplerSettings denseSettings() {
    SamplerSettings settings;
    settings.warmup = 1000;
    settings.draws = 4000;
    settings.seed = 5;
    return settings;
}

}  // namespace

class TestDenseMetric : public QObject {
    Q_OBJECT
  private slots:
    // Cov(p) must be M = (M^-1)^-1: each entry of the sample covariance of 40,000 momenta is
    // within 5 standard errors (Var of a product of normals: M_ii*M_jj + M_ij^2, over n).
    void momentumHasTheInverseOfTheInverseMetricAsCovariance() {
        const auto metric = DenseMetric<2>::fromInverse(covarianceOf(1.0, 3.0, 0.9));
        const Matrix<2> mass = metric.inverse.inverse();
        Rng rng(3);
        constexpr int kDraws = 40'000;
        Matrix<2> sum = Matrix<2>::Zero();
        for (int i = 0; i < kDraws; ++i) {
            const Vector<2> p = metric.sampleMomentum(rng);
            sum += p * p.transpose();
        }
        const Matrix<2> estimate = sum / kDraws;
        for (int i = 0; i < 2; ++i) {
            for (int j = 0; j < 2; ++j) {
                const double se =
                    std::sqrt((mass(i, i) * mass(j, j) + mass(i, j) * mass(i, j)) / kDraws);
                QVERIFY2(std::abs(estimate(i, j) - mass(i, j)) < 5.0 * se,
                         qPrintable(QString("entry %1,%2: %3 vs %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(estimate(i, j))
                                        .arg(mass(i, j))));
            }
        }
    }

    // Same random numbers, same transitions. The fast sampler multiplies by M^-1 with Eigen's
    // fixed-size kernels and the reference with plain loops, so positions agree to rounding
    // (1e-12), not necessarily to the bit; depths and leapfrog counts agree exactly.
    void fastNutsWithDenseMetricMatchesRecursiveReference_data() {
        QTest::addColumn<double>("correlation");
        QTest::addColumn<double>("metricCorrelation");
        QTest::addColumn<double>("stepSize");
        QTest::newRow("metric = posterior covariance") << 0.99 << 0.99 << 0.9;
        QTest::newRow("metric half right") << 0.99 << 0.9 << 0.3;
        QTest::newRow("metric of the opposite sign") << 0.9 << -0.5 << 0.1;
    }
    void fastNutsWithDenseMetricMatchesRecursiveReference() {
        QFETCH(double, correlation);
        QFETCH(double, metricCorrelation);
        QFETCH(double, stepSize);
        const auto target = CorrelatedGaussian::withCorrelation(1.0, 3.0, correlation);
        const auto metric = DenseMetric<2>::fromInverse(covarianceOf(1.0, 3.0, metricCorrelation));
        const Nuts<CorrelatedGaussian, DenseMetric<2>> fast;
        ReferenceNuts slow(asFunction(target), DenseInverseMetric{Eigen::MatrixXd(metric.inverse)},
                           stepSize, 10);
        Rng fastRng(17), slowRng(17);
        auto state = makeState(target, Vector<2>(0.3, -0.2));
        Eigen::VectorXd slowQ = state.q;
        for (int i = 0; i < 500; ++i) {
            const auto fastStep = fast.step(target, metric, stepSize, state, fastRng);
            const auto slowStep = slow.transition(slowQ, slowRng);
            const QString where = QString("iteration %1").arg(i);
            QVERIFY2(close(fastStep.state.q[0], slowStep.next.q[0], 1e-12), qPrintable(where));
            QVERIFY2(close(fastStep.state.q[1], slowStep.next.q[1], 1e-12), qPrintable(where));
            QVERIFY2(close(fastStep.info.acceptStat, slowStep.acceptStat, 1e-10),
                     qPrintable(where));
            QCOMPARE(fastStep.info.treeDepth, slowStep.treeDepth);
            QCOMPARE(fastStep.info.nLeapfrog, slowStep.nLeapfrog);
            state = fastStep.state;
            slowQ = slowStep.next.q;
        }
    }

    // At the end of the last slow window the chain's inverse metric must be Stan's regularised
    // covariance of exactly that window's positions, computed here by the plain two-pass formula.
    void adaptedInverseMetricIsRegularisedCovarianceOfLastSlowWindow() {
        const auto target = CorrelatedGaussian::withCorrelation(1.0, 3.0, 0.95);
        Chain<CorrelatedGaussian, DenseMetric<2>> chain(target, denseSettings(), 0);
        const auto windows = chain.slowWindows();
        QVERIFY(!windows.empty());
        const auto [first, last] = windows.back();
        std::vector<Vector<2>> window;
        while (chain.inWarmup()) {
            const auto draw = chain.next();
            if (draw.iteration >= first && draw.iteration <= last) window.push_back(draw.state.q);
        }
        const double n = static_cast<double>(window.size());
        const Matrix<2> expected = (n / (n + 5.0)) * plainCovariance(window) +
                                   1e-3 * (5.0 / (n + 5.0)) * Matrix<2>::Identity();
        for (int i = 0; i < 2; ++i) {
            for (int j = 0; j < 2; ++j)
                QVERIFY(close(chain.metric().inverse(i, j), expected(i, j), 1e-12));
        }
        const Matrix<2> factor = chain.metric().upper.transpose() * chain.metric().upper;
        QVERIFY((factor - expected).norm() < 1e-12 * expected.norm());
    }

    // A posterior with correlation 0.99: the dense metric absorbs it, so the adapted step size
    // is near 1 and far larger than the diagonal metric's, and the draws are right: means
    // within 5 MCSE, sds within 5 %.
    void denseMetricSamplesCorrelatedGaussianWithLargeSteps() {
        const double sd[] = {1.0, 3.0};
        const auto target = CorrelatedGaussian::withCorrelation(sd[0], sd[1], 0.99);
        Chain<CorrelatedGaussian, DenseMetric<2>> dense(target, denseSettings(), 0);
        Chain<CorrelatedGaussian> diagonal(target, denseSettings(), 0);
        std::vector<double> x[2];
        while (!dense.segmentDone()) {
            const auto draw = dense.next();
            if (draw.warmup) continue;
            for (int k = 0; k < 2; ++k)
                x[k].push_back(draw.state.q[k]);
        }
        while (diagonal.inWarmup())
            diagonal.next();
        QVERIFY2(
            dense.stepSize() > 4.0 * diagonal.stepSize(),
            qPrintable(
                QString("dense %1, diagonal %2").arg(dense.stepSize()).arg(diagonal.stepSize())));
        for (int k = 0; k < 2; ++k) {
            const Summary s = summarize({std::span<const double>(x[k])});
            QVERIFY2(std::abs(s.mean) < 5.0 * s.mcseMean, qPrintable(QString::number(s.mean)));
            QVERIFY2(std::abs(s.sd / sd[k] - 1.0) < 0.05, qPrintable(QString::number(s.sd)));
        }
    }
};

QTEST_GUILESS_MAIN(TestDenseMetric)
#include "test_dense_metric.moc"
