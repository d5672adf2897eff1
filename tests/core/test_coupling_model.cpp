#include <QtTest>
#include <cmath>
#include <limits>

#include "core/coupling_model.h"

using namespace couplinglab;

namespace {

ModelSpec spec(Likelihood likelihood, bool divideByN, double mean = 0.0, double sd = 1.0) {
    ModelSpec s;
    s.likelihood = likelihood;
    s.divideByN = divideByN;
    s.priorMean = mean;
    s.priorSd = sd;
    return s;
}

// The definition, written naively: fine for moderate w.
double naiveLogDensity(const ModelSpec& s, const SufficientStatistic& d, double w) {
    const double scale = s.divideByN ? 1.0 / static_cast<double>(d.pairs) : 1.0;
    double likelihood = w * static_cast<double>(d.c);
    if (s.likelihood == Likelihood::ExactBoltzmann)
        likelihood -= d.pairs * std::log(4.0 * std::cosh(w));
    const double z = (w - s.priorMean) / s.priorSd;
    return -0.5 * z * z + scale * likelihood;
}

}  // namespace

class TestCouplingModel : public QObject {
    Q_OBJECT
  private slots:
    void logDensityMatchesTheDefinition_data() {
        QTest::addColumn<int>("likelihood");
        QTest::addColumn<bool>("divideByN");
        QTest::addColumn<double>("w");
        for (int l : {0, 1}) {
            for (bool d : {false, true}) {
                for (double w : {-3.0, -0.2, 0.0, 0.01, 1.5, 7.0}) {
                    QTest::addRow("%s%s w=%g", l ? "boltzmann" : "potential", d ? "/N" : "", w)
                        << l << d << w;
                }
            }
        }
    }
    void logDensityMatchesTheDefinition() {
        QFETCH(int, likelihood);
        QFETCH(bool, divideByN);
        QFETCH(double, w);
        const ModelSpec s =
            spec(likelihood ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly, divideByN,
                 0.3, 1.7);
        const SufficientStatistic data{10'000, -152};
        const CouplingTarget target(s, data);
        const double expected = naiveLogDensity(s, data, w);
        QVERIFY2(
            std::abs(target.logDensity(w) - expected) <= 1e-9 * std::max(1.0, std::abs(expected)),
            qPrintable(QString("%1 vs %2")
                           .arg(target.logDensity(w), 0, 'g', 17)
                           .arg(expected, 0, 'g', 17)));
    }

    // Central differences with h = 1e-5 have truncation error ~h^2 * f''' and rounding
    // ~eps*|f|/h; the tolerance allows both.
    void gradientAndCurvatureMatchFiniteDifferences_data() {
        logDensityMatchesTheDefinition_data();
    }
    void gradientAndCurvatureMatchFiniteDifferences() {
        QFETCH(int, likelihood);
        QFETCH(bool, divideByN);
        QFETCH(double, w);
        const CouplingTarget target(
            spec(likelihood ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly, divideByN),
            {10'000, 98});
        const double h = 1e-5;
        const double numericGradient =
            (target.logDensity(w + h) - target.logDensity(w - h)) / (2 * h);
        const double scale = std::max(1.0, std::abs(target.logDensity(w)));
        QVERIFY(std::abs(target.gradient(w) - numericGradient) < 1e-6 * scale);
        const double numericCurvature = (target.gradient(w + h) - target.gradient(w - h)) / (2 * h);
        QVERIFY(std::abs(target.curvature(w) - numericCurvature) <
                1e-5 * std::max(1.0, std::abs(numericCurvature)));
    }

    // Both branches of partitionTerms (series below |w| = 1/8, exponentials above) against long
    // double evaluations: within a few ulps everywhere, continuous at the switch.
    void partitionTermsAreAccurateOnBothSidesOfTheSeriesSwitch() {
        for (int i = -4000; i <= 4000; ++i) {
            const double w = i * 0.0005;
            const PartitionTerms terms = partitionTerms(w);
            const long double wl = w;
            const long double logZ = std::log(4.0L * std::cosh(wl));
            const long double tanhW = std::tanh(wl);
            QVERIFY2(std::abs(terms.logZ - static_cast<double>(logZ)) <
                         4e-16 * static_cast<double>(logZ),
                     qPrintable(QString("log Z at w=%1").arg(w)));
            QVERIFY2(std::abs(terms.tanhW - static_cast<double>(tanhW)) <=
                         1e-15 * std::abs(static_cast<double>(tanhW)) + 1e-300,
                     qPrintable(QString("tanh at w=%1").arg(w)));
        }
        const double below = std::nextafter(0.125, 0.0);
        QVERIFY(std::abs(partitionTerms(below).logZ - partitionTerms(0.125).logZ) < 1e-15);
        QVERIFY(std::abs(partitionTerms(below).tanhW - partitionTerms(0.125).tanhW) < 1e-15);
    }

    void logPartitionIsStableWhereCoshOverflows() {
        QVERIFY(std::abs(logPartition(0.0) - std::log(4.0)) < 1e-15);
        QVERIFY(std::abs(logPartition(2.0) - std::log(4.0 * std::cosh(2.0))) < 1e-14);
        QCOMPARE(logPartition(1e6), std::log(2.0) + 1e6);
        QCOMPARE(logPartition(-1e6), std::log(2.0) + 1e6);
        QVERIFY(std::isfinite(logPartition(1e300)));
    }

    void densityAndGradientStayFiniteForHugeWeights_data() {
        QTest::addColumn<double>("w");
        QTest::newRow("+1e6") << 1e6;
        QTest::newRow("-1e6") << -1e6;
        QTest::newRow("+1e3") << 1e3;
    }
    void densityAndGradientStayFiniteForHugeWeights() {
        QFETCH(double, w);
        for (int l : {0, 1}) {
            for (bool d : {false, true}) {
                const CouplingTarget target(
                    spec(l ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly, d),
                    {2'000'000'000, 123'456});
                double gradient = 0.0;
                const double lp = target.logDensityAndGradient(w, gradient);
                QVERIFY(std::isfinite(lp));
                QVERIFY(std::isfinite(gradient));
                QVERIFY(std::isfinite(target.curvature(w)));
                // Far beyond |C| the prior always pulls back towards 0.
                if (std::abs(w) > 123'456) QVERIFY(gradient * w < 0);
            }
        }
    }

    void invalidModelsAreRefusedWithAMessage_data() {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("sd");
        QTest::addColumn<QString>("needle");
        QTest::newRow("sd 0") << 0.0 << 0.0 << "prior sd";
        QTest::newRow("sd negative") << 0.0 << -1.0 << "prior sd";
        QTest::newRow("sd NaN") << 0.0 << std::nan("") << "prior sd";
        QTest::newRow("sd infinite")
            << 0.0 << std::numeric_limits<double>::infinity() << "prior sd";
        QTest::newRow("mean NaN") << std::nan("") << 1.0 << "prior mean";
    }
    void invalidModelsAreRefusedWithAMessage() {
        QFETCH(double, mean);
        QFETCH(double, sd);
        QFETCH(QString, needle);
        const auto problem = validate(spec(Likelihood::PotentialOnly, false, mean, sd));
        QVERIFY(problem.has_value());
        QVERIFY(QString::fromStdString(*problem).contains(needle));
        QVERIFY(!validate(spec(Likelihood::PotentialOnly, false)).has_value());
    }

    void likelihoodNamesRoundTrip() {
        for (Likelihood l : {Likelihood::PotentialOnly, Likelihood::ExactBoltzmann}) {
            QCOMPARE(likelihoodFromString(toString(l)), std::optional<Likelihood>(l));
        }
        QVERIFY(!likelihoodFromString("Boltzmann").has_value());
    }
};

QTEST_GUILESS_MAIN(TestCouplingModel)
#include "test_coupling_model.moc"
