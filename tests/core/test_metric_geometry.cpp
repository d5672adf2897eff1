// The numbers behind the metric lesson: the posterior's widths in the metric's units, the
// condition number, effective steps, and the trajectory a machine run keeps of its last draw.
#include <QtTest>
#include <cmath>
#include <numbers>

#include "core/machine_data.h"
#include "core/machine_runner.h"
#include "core/metric_geometry.h"

using namespace couplinglab;

Q_DECLARE_METATYPE(Eigen::MatrixXd)

namespace {

Eigen::MatrixXd matrix(std::initializer_list<std::initializer_list<double>> rows) {
    Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()),
                      static_cast<Eigen::Index>(rows.begin()->size()));
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (double v : row)
            m(r, c++) = v;
        ++r;
    }
    return m;
}

}  // namespace

class TestMetricGeometry : public QObject {
    Q_OBJECT
  private slots:
    void conditionNumberIsTheSquaredWidthRatioInTheMetricsUnits_data() {
        QTest::addColumn<Eigen::MatrixXd>("covariance");
        QTest::addColumn<Eigen::MatrixXd>("inverseMetric");
        QTest::addColumn<double>("kappa");
        const Eigen::MatrixXd axes = matrix({{4.0, 0.0}, {0.0, 1.0}});
        const Eigen::MatrixXd tilted = matrix({{1.0, 0.9}, {0.9, 1.0}});
        QTest::newRow("axis-aligned, unit metric") << axes << matrix({{1.0}, {1.0}}) << 4.0;
        QTest::newRow("axis-aligned, diagonal metric absorbs it")
            << axes << matrix({{4.0}, {1.0}}) << 1.0;
        QTest::newRow("tilted, diagonal metric cannot")
            << tilted << matrix({{1.0}, {1.0}}) << 1.9 / 0.1;
        QTest::newRow("tilted, dense metric absorbs it") << tilted << tilted << 1.0;
    }
    void conditionNumberIsTheSquaredWidthRatioInTheMetricsUnits() {
        QFETCH(Eigen::MatrixXd, covariance);
        QFETCH(Eigen::MatrixXd, inverseMetric);
        QFETCH(double, kappa);
        const MetricGeometry g = metricGeometry(covariance, inverseMetric, 0.5);
        QVERIFY(std::abs(g.conditionNumber() - kappa) < 1e-9 * kappa);
    }

    void effectiveStepsAreTheStepTimesTheMetricsSd() {
        const Eigen::MatrixXd covariance = matrix({{4.0, 0.0}, {0.0, 1.0}});
        const MetricGeometry g = metricGeometry(covariance, matrix({{9.0}, {0.25}}), 0.5);
        QCOMPARE(g.effectiveSteps[0], 1.5);
        QCOMPARE(g.effectiveSteps[1], 0.25);
        QCOMPARE(g.posteriorSd[0], 2.0);
        QCOMPARE(g.posteriorSd[1], 1.0);
        // In the metric's units the widths are 2/3 and 2: the narrowest is the first parameter.
        QVERIFY(std::abs(g.narrowestScaledWidth() - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(g.widestScaledWidth() - 2.0) < 1e-12);
        QVERIFY(std::abs(g.stepOverNarrowest() - 0.75) < 1e-12);
        QVERIFY(std::abs(g.predictedSteps() - std::numbers::pi * 4.0) < 1e-12);
        // The metric's own eigen-directions: steps 0.5·0.5 and 0.5·3, ascending.
        QCOMPARE(g.eigenSteps[0], 0.25);
        QCOMPARE(g.eigenSteps[1], 1.5);
    }

    void narrowestAndWidestDirectionsOfATiltedPosterior() {
        const MetricGeometry g =
            metricGeometry(matrix({{1.0, -0.9}, {-0.9, 1.0}}), matrix({{1.0}, {1.0}}), 0.1);
        QVERIFY(std::abs(g.narrowestWidth - std::sqrt(0.1)) < 1e-12);
        QVERIFY(std::abs(g.widestWidth - std::sqrt(1.9)) < 1e-12);
        // Anti-correlated: the narrow direction is along (1, 1), the wide one along (1, -1).
        QVERIFY(std::abs(g.narrowestDirection[0] - g.narrowestDirection[1]) < 1e-12);
        QVERIFY(std::abs(g.widestDirection[0] + g.widestDirection[1]) < 1e-12);
    }

    void strongestCorrelationPairIsFoundAmongAll() {
        const Eigen::MatrixXd c =
            matrix({{1.0, 0.1, -0.2}, {0.1, 4.0, -1.9}, {-0.2, -1.9, 1.0}});  // r23 = -0.95
        QCOMPARE(strongestCorrelationPair(c), std::make_pair(1, 2));
        QVERIFY(std::abs(correlation(c, 1, 2) + 0.95) < 1e-12);
        QCOMPARE(strongestCorrelationPair(matrix({{2.0}})), std::make_pair(0, 0));
        QCOMPARE(strongestCorrelationPair(Eigen::MatrixXd::Identity(4, 4)), std::make_pair(0, 1));
    }

    // The last draw's recorded trajectory runs through every parameter: its selected point is
    // the chain's last draw, and its start is the draw before.
    void lastTrajectoryEndsAtTheLastDraw_data() {
        QTest::addColumn<int>("metric");
        QTest::newRow("diagonal") << static_cast<int>(MetricKind::Diagonal);
        QTest::newRow("dense") << static_cast<int>(MetricKind::Dense);
    }
    void lastTrajectoryEndsAtTheLastDraw() {
        QFETCH(int, metric);
        MachineDataSpec spec;
        spec.units = 3;
        spec.couplings = {0.5, 0.5, 0.0};
        spec.biases = {1.0, 0.0, 0.0};
        spec.observations = 2'000;
        const PatternCounts counts = MachineData::generate(spec).patternCounts(true);
        ModelSpec model;
        model.likelihood = Likelihood::ExactBoltzmann;
        SamplerSettings sampler;
        sampler.chains = 2;
        sampler.warmup = 200;
        sampler.draws = 50;
        setMetricKind(sampler, static_cast<MetricKind>(metric));
        const MachineRunResult run = runMachineChains(model, counts, sampler);
        for (const MachineChainResult& chain : run.chains) {
            const TrajectoryRecord& record = chain.lastTrajectory;
            QCOMPARE(record.dimension, 6);
            QVERIFY(record.hasPositions());
            QVERIFY(record.points.size() >= 2);
            std::size_t selected = 0;
            while (record.points[selected].order != record.selectedOrder)
                ++selected;
            const std::size_t last = chain.base.records.size() - 1;
            for (int p = 0; p < 6; ++p) {
                const auto at = [&](std::size_t i) {
                    return chain.positions[i * 6 + static_cast<std::size_t>(p)];
                };
                QCOMPARE(record.position(selected, p), at(last));
                QCOMPARE(record.position(0, p), at(last - 1));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMetricGeometry)
#include "test_metric_geometry.moc"
