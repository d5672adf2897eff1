// The K-unit Boltzmann machine: its features, log density and gradient, the data generator and
// pattern counts, and the Newton/Laplace reference.
#include <Eigen/Eigenvalues>
#include <QtTest>
#include <cmath>
#include <random>

#include "core/boltzmann_machine.h"
#include "core/input_error.h"
#include "core/machine_data.h"
#include "core/machine_posterior.h"

using namespace couplinglab;

namespace {

ModelSpec modelSpec(bool boltzmann, bool divideByN) {
    ModelSpec spec;
    spec.likelihood = boltzmann ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
    spec.divideByN = divideByN;
    return spec;
}

// DESIGN.md §5's example: a strongly biased first unit.
MachineDataSpec designExample(std::uint64_t observations, std::uint64_t seed) {
    return {3, {0.5, 0.5, 0.0}, {3.0, 0.0, 0.0}, observations, seed};
}

Vector<10> someParameters() {
    Vector<10> q;
    q << 0.3, -0.2, 0.1, 0.5, -0.4, 0.05, 1.2, -0.7, 0.2, 0.9;
    return q;
}

}  // namespace

class TestBoltzmannMachine : public QObject {
    Q_OBJECT
  private slots:
    void parameterNamesFollowStanIndexing() {
        QCOMPARE(parameterNames({2, false}), (std::vector<std::string>{"w"}));
        QCOMPARE(parameterNames({3, true}),
                 (std::vector<std::string>{"w.1.2", "w.1.3", "w.2.3", "b.1", "b.2", "b.3"}));
        QCOMPARE(MachineShape({8, true}).dimension(), 36);
        QVERIFY(validate(MachineShape{9, false}).has_value());
        QVERIFY(validate(MachineShape{1, false}).has_value());
    }

    // Pattern 5 = binary 101: units 1 and 3 up, unit 2 down.
    void featuresAreSpinProductsThenSpins() {
        const Eigen::MatrixXd f = featureMatrix({3, true});
        QCOMPARE(f.rows(), 8);
        QCOMPARE(f.row(5), (Eigen::RowVectorXd(6) << -1, 1, -1, 1, -1, 1).finished());
    }

    // With K = 2 and no biases the machine is the one-coupling model: same log density (up to
    // a constant) and the same gradient, for every likelihood and scale.
    void twoUnitsWithoutBiasesIsTheCouplingModel_data() {
        QTest::addColumn<bool>("boltzmann");
        QTest::addColumn<bool>("divideByN");
        for (bool b : {false, true}) {
            for (bool d : {false, true})
                QTest::addRow("%s%s", b ? "boltzmann" : "potential", d ? " /N" : "") << b << d;
        }
    }
    void twoUnitsWithoutBiasesIsTheCouplingModel() {
        QFETCH(bool, boltzmann);
        QFETCH(bool, divideByN);
        const ModelSpec spec = modelSpec(boltzmann, divideByN);
        // counts: (--, +-, -+, ++) = agreements 3000 + 2049, disagreements 2500 + 2451: C = 98.
        const PatternCounts counts{{2, false}, {3000, 2500, 2451, 2049}};
        const BoltzmannTarget<1> machine(spec, counts);
        const CouplingTarget coupling(spec, {10'000, 98});
        for (double w : {-3.0, -0.4, 0.0098, 0.2, 5.0}) {
            Vector<1> gradient;
            const double lp = machine.logDensityAndGradient(Vector<1>(w), gradient);
            const double offset = lp - coupling.logDensity(w);
            Vector<1> gradient0;
            const double offset0 =
                machine.logDensityAndGradient(Vector<1>(0.0), gradient0) - coupling.logDensity(0.0);
            QVERIFY(std::abs(offset - offset0) < 1e-9 * std::max(1.0, std::abs(lp)));
            QVERIFY(std::abs(gradient[0] - coupling.gradient(w)) <
                    1e-9 * std::max(1.0, std::abs(gradient[0])));
        }
    }

    // Central differences with h = 1e-5: truncation error ~1e-10 times the third derivative.
    void gradientMatchesFiniteDifferences() {
        const auto data = MachineData::generate(
            {4, {0.2, -0.3, 0.1, 0.4, 0.0, -0.1}, {0.5, 0.0, -1.0, 0.2}, 5000, 3});
        const BoltzmannTarget<10> target(modelSpec(true, false), data.patternCounts(true));
        const Vector<10> q = someParameters();
        Vector<10> gradient;
        target.logDensityAndGradient(q, gradient);
        for (int i = 0; i < 10; ++i) {
            const double h = 1e-5;
            Vector<10> up = q, down = q;
            up[i] += h;
            down[i] -= h;
            const double numeric = (target.logDensity(up) - target.logDensity(down)) / (2 * h);
            QVERIFY2(std::abs(numeric - gradient[i]) < 1e-5 * std::max(1.0, std::abs(numeric)),
                     qPrintable(QString("%1: %2 vs %3").arg(i).arg(numeric).arg(gradient[i])));
        }
    }

    // The vectorised exponential behind every gradient: within 2 ulp of libm's exp over its
    // whole range [-700, 0], on a grid and at random points, and exactly 1 at 0.
    void fastExponentialIsWithinTwoUlpOfLibm() {
        std::mt19937_64 random(11);
        std::uniform_real_distribution<double> anywhere(-700.0, 0.0);
        std::uniform_real_distribution<double> nearZero(-3.0, 0.0);
        double worstUlps = 0.0;
        for (int i = 0; i < 200'000; ++i) {
            const double x = i % 3 == 0 ? -700.0 * i / 200'000
                                        : (i % 3 == 1 ? anywhere(random) : nearZero(random));
            const Lanes y = expInRange(Lanes{x, -x / 7});
            for (int lane = 0; lane < kLaneWidth; ++lane) {
                const double exact = std::exp(lane == 0 ? x : -x / 7);
                const double ulp = std::nextafter(exact, 1.0e300) - exact;
                worstUlps = std::max(worstUlps, std::abs(y[lane] - exact) / ulp);
            }
        }
        QVERIFY2(worstUlps <= 2.0, qPrintable(QString("worst error %1 ulp").arg(worstUlps)));
        QCOMPARE(expInRange(Lanes{0.0, 0.0})[0], 1.0);
    }

    // log Z and E[phi] from the one pass against a plain sum in long double, for parameters
    // whose energies span less and more than the fast exponential's range (libm takes over).
    void logPartitionAndMeanMatchPlainSums_data() {
        QTest::addColumn<double>("scale");
        QTest::addColumn<bool>("wideSpan");
        QTest::newRow("moderate parameters") << 1.0 << false;
        QTest::newRow("energies spanning more than 700") << 200.0 << true;
    }
    void logPartitionAndMeanMatchPlainSums() {
        QFETCH(double, scale);
        QFETCH(bool, wideSpan);
        const MachineShape shape{4, true};
        const Eigen::MatrixXd features = featureMatrix(shape);
        const PatternFeatures<10> pass(features);
        const Vector<10> q = scale * someParameters();
        Vector<10> mean;
        const double logZ = pass.logPartitionAndMean(q, mean);
        const Eigen::VectorXd energies = features * Eigen::VectorXd(q);
        const double top = energies.maxCoeff();
        QCOMPARE(top - energies.minCoeff() > 700.0, wideSpan);
        long double z = 0.0L;
        Eigen::Matrix<long double, 10, 1> weighted = Eigen::Matrix<long double, 10, 1>::Zero();
        for (int s = 0; s < shape.patterns(); ++s) {
            const long double w = std::exp(static_cast<long double>(energies[s] - top));
            z += w;
            weighted += w * features.row(s).transpose().cast<long double>();
        }
        QVERIFY(std::abs(logZ - static_cast<double>(top + std::log(z))) <=
                1e-14 * std::max(1.0, std::abs(logZ)));
        for (int d = 0; d < 10; ++d)
            QVERIFY(std::abs(mean[d] - static_cast<double>(weighted[d] / z)) <= 1e-14);
    }

    // The split-and-popcount counts equal a count observation by observation, including the
    // last, partly filled word.
    void patternCountsMatchObservationByObservation() {
        const auto data = MachineData::generate({5, {}, {0.3, -0.2, 0.0, 0.1, 1.0}, 1000 + 37, 9});
        std::vector<std::uint64_t> naive(32, 0);
        for (std::uint64_t n = 0; n < data.observations(); ++n) {
            int pattern = 0;
            for (int k = 0; k < 5; ++k)
                pattern |= (data.bit(k, n) ? 1 : 0) << k;
            ++naive[static_cast<std::size_t>(pattern)];
        }
        QCOMPARE(data.patternCounts(false).counts, naive);
        QCOMPARE(data.patternCounts(true).observations(), 1037ULL);
        // Padding of the last word (17 words hold bits 0 ... 1087) stays zero.
        QVERIFY(!data.bit(0, 1037) && !data.bit(4, 1087));
    }

    // Chi-square of 10^5 generated observations against the Boltzmann probabilities of
    // DESIGN.md §5's theta*; 7 degrees of freedom, 24.3 is the 0.999 quantile.
    void generatedPatternsFollowTheBoltzmannProbabilities() {
        const auto spec = designExample(100'000, 4);
        const auto data = MachineData::generate(spec);
        const auto p = patternProbabilities(spec);
        const auto counts = data.patternCounts(true).counts;
        double chi2 = 0.0;
        for (std::size_t s = 0; s < p.size(); ++s) {
            const double expected = p[s] * 100'000;
            chi2 += (static_cast<double>(counts[s]) - expected) *
                    (static_cast<double>(counts[s]) - expected) / expected;
        }
        QVERIFY2(chi2 < 24.3, qPrintable(QString::number(chi2)));
    }

    void sameSeedSameBitsOtherSeedOtherBits() {
        const auto a = MachineData::generate(designExample(5000, 1));
        const auto b = MachineData::generate(designExample(5000, 1));
        const auto c = MachineData::generate(designExample(5000, 2));
        QVERIFY(std::equal(a.unitWords(1).begin(), a.unitWords(1).end(), b.unitWords(1).begin()));
        QVERIFY(!std::equal(a.unitWords(1).begin(), a.unitWords(1).end(), c.unitWords(1).begin()));
    }

    void invalidDataRequestsAreRefusedNamingTheProblem_data() {
        QTest::addColumn<int>("units");
        QTest::addColumn<int>("couplings");
        QTest::addColumn<int>("biases");
        QTest::addColumn<quint64>("observations");
        QTest::addColumn<QString>("named");
        QTest::newRow("nine units") << 9 << 0 << 0 << 100ULL << "units K";
        QTest::newRow("two couplings for K = 3") << 3 << 2 << 0 << 100ULL << "true couplings";
        QTest::newRow("two biases for K = 3") << 3 << 0 << 2 << 100ULL << "true biases";
        QTest::newRow("N above 1e8") << 3 << 0 << 0 << 100'000'001ULL << "observations N";
        QTest::newRow("N = 0") << 3 << 0 << 0 << 0ULL << "observations N";
    }
    void invalidDataRequestsAreRefusedNamingTheProblem() {
        QFETCH(int, units);
        QFETCH(int, couplings);
        QFETCH(int, biases);
        QFETCH(quint64, observations);
        QFETCH(QString, named);
        const MachineDataSpec spec{units, std::vector<double>(static_cast<std::size_t>(couplings)),
                                   std::vector<double>(static_cast<std::size_t>(biases)),
                                   observations, 1};
        try {
            MachineData::generate(spec);
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains(named), error.what());
        }
    }

    // Newton's mode is where the gradient vanishes, and the Laplace covariance is the inverse
    // of minus the Hessian there: (s N Cov[phi] + I/sd0^2)^-1.
    void laplaceReferenceSitsAtAZeroGradient() {
        const auto data = MachineData::generate(designExample(10'000, 5));
        const ModelSpec spec = modelSpec(true, false);
        const auto posterior = machinePosterior(spec, data.patternCounts(true));
        QVERIFY(posterior.kind == ReferenceKind::Laplace);
        const BoltzmannTarget<6> target(spec, data.patternCounts(true));
        Vector<6> gradient;
        target.logDensityAndGradient(Vector<6>(posterior.mode), gradient);
        QVERIFY2(gradient.norm() < 1e-8, qPrintable(QString::number(gradient.norm())));
        const Eigen::MatrixXd precision = -target.hessian(Vector<6>(posterior.mode));
        QVERIFY((precision * posterior.covariance - Eigen::MatrixXd::Identity(6, 6)).norm() < 1e-9);
        // b_1 recovers theta* = 3 within a few sds. With s_1 almost always +1, the feature
        // s_1*s_2 is almost s_2: w_12 and b_2 are strongly anti-correlated a posteriori.
        QVERIFY(std::abs(posterior.mode[3] - 3.0) < 5.0 * posterior.sd()[3]);
        const double rho = posterior.covariance(0, 4) / (posterior.sd()[0] * posterior.sd()[4]);
        QVERIFY2(rho < -0.9, qPrintable(QString::number(rho)));
    }

    void potentialOnlyReferenceIsTheClosedFormGaussian() {
        const PatternCounts counts{{2, true}, {10, 20, 30, 40}};
        const auto posterior = machinePosterior(modelSpec(false, false), counts);
        QVERIFY(posterior.kind == ReferenceKind::Exact);
        // T = (w: 10 - 20 - 30 + 40, b1: -10 + 20 - 30 + 40, b2: -10 - 20 + 30 + 40).
        QCOMPARE(posterior.mean, (Eigen::VectorXd(3) << 0.0, 20.0, 40.0).finished());
        QCOMPARE(posterior.sd(), Eigen::VectorXd::Ones(3));
    }

    // An isotropic metric sees a diagonal covariance's spread as its condition number; the
    // covariance itself as metric makes it 1.
    void conditionNumberIsMeasuredInTheMetricsUnits() {
        Eigen::MatrixXd sigma(2, 2);
        sigma << 4.0, 1.9, 1.9, 1.0;
        const double plain = conditionNumberInMetric(sigma, Eigen::MatrixXd::Identity(2, 2));
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(sigma);
        QVERIFY(std::abs(plain - eigen.eigenvalues()[1] / eigen.eigenvalues()[0]) < 1e-9 * plain);
        QVERIFY(std::abs(conditionNumberInMetric(sigma, sigma) - 1.0) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestBoltzmannMachine)
#include "test_boltzmann_machine.moc"
