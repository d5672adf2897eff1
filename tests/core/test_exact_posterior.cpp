#include <QtTest>
#include <cmath>

#include "core/exact_posterior.h"

using namespace couplinglab;

namespace {

struct Moments {
    double mean;
    double sd;
};

// Brute force, independent of the class: the unnormalised density on a fine uniform grid
// (trapezoid rule) over a generous window.
Moments bruteForce(const CouplingTarget& target, double from, double to) {
    constexpr int kPoints = 400'001;
    const double h = (to - from) / (kPoints - 1);
    double peak = -INFINITY;
    for (int i = 0; i < kPoints; i += 100)
        peak = std::max(peak, target.logDensity(from + i * h));
    double mass = 0.0, first = 0.0, second = 0.0;
    for (int i = 0; i < kPoints; ++i) {
        const double w = from + i * h;
        const double weight =
            (i == 0 || i == kPoints - 1 ? 0.5 : 1.0) * std::exp(target.logDensity(w) - peak);
        mass += weight;
        first += weight * w;
        second += weight * w * w;
    }
    const double mean = first / mass;
    return {mean, std::sqrt(second / mass - mean * mean)};
}

ModelSpec boltzmann(bool divideByN) {
    ModelSpec s;
    s.likelihood = Likelihood::ExactBoltzmann;
    s.divideByN = divideByN;
    return s;
}

}  // namespace

class TestExactPosterior : public QObject {
    Q_OBJECT
  private slots:
    void potentialOnlyIsTheShiftedPrior_data() {
        QTest::addColumn<bool>("divideByN");
        QTest::addColumn<double>("expectedMean");
        QTest::newRow("raw: mean = C") << false << 98.0;
        QTest::newRow("divided: mean = C/N") << true << 0.0098;
    }
    void potentialOnlyIsTheShiftedPrior() {
        QFETCH(bool, divideByN);
        QFETCH(double, expectedMean);
        ModelSpec s;
        s.divideByN = divideByN;
        const ExactPosterior posterior(s, {10'000, 98});
        QVERIFY(posterior.isGaussian());
        QVERIFY(std::abs(posterior.mean() - expectedMean) < 1e-12);
        QCOMPARE(posterior.sd(), 1.0);
        s.priorMean = 2.0;
        s.priorSd = 0.5;
        const ExactPosterior shifted(s, {10'000, 98});
        QVERIFY(std::abs(shifted.mean() - (2.0 + 0.25 * (divideByN ? 0.0098 : 98.0))) < 1e-12);
        QCOMPARE(shifted.sd(), 0.5);
    }

    void boltzmannMomentsMatchBruteForceQuadrature_data() {
        QTest::addColumn<quint64>("pairs");
        QTest::addColumn<qint64>("c");
        QTest::addColumn<bool>("divideByN");
        QTest::newRow("N=1e4, C=98") << quint64(10'000) << qint64(98) << false;
        QTest::newRow("N=1e4, C=98, /N") << quint64(10'000) << qint64(98) << true;
        QTest::newRow("N=10, C=6") << quint64(10) << qint64(6) << false;
        QTest::newRow("N=10, C=10 (all agree)") << quint64(10) << qint64(10) << false;
        QTest::newRow("N=1, C=-1") << quint64(1) << qint64(-1) << false;
        QTest::newRow("N=1e4, C=4506") << quint64(10'000) << qint64(4506) << false;
    }
    void boltzmannMomentsMatchBruteForceQuadrature() {
        QFETCH(quint64, pairs);
        QFETCH(qint64, c);
        QFETCH(bool, divideByN);
        const SufficientStatistic data{pairs, c};
        const ExactPosterior posterior(boltzmann(divideByN), data);
        QVERIFY(!posterior.isGaussian());
        const CouplingTarget target(boltzmann(divideByN), data);
        const Moments reference = bruteForce(target, posterior.mode() - 40 * posterior.sd(),
                                             posterior.mode() + 40 * posterior.sd());
        QVERIFY2(std::abs(posterior.mean() - reference.mean) < 1e-6 * posterior.sd(),
                 qPrintable(QString("mean %1 vs %2")
                                .arg(posterior.mean(), 0, 'g', 12)
                                .arg(reference.mean, 0, 'g', 12)));
        QVERIFY2(std::abs(posterior.sd() - reference.sd) < 1e-6 * reference.sd,
                 qPrintable(QString("sd %1 vs %2")
                                .arg(posterior.sd(), 0, 'g', 12)
                                .arg(reference.sd, 0, 'g', 12)));
    }

    // For large N the likelihood dominates: the posterior is nearly Gaussian around atanh(C/N)
    // with sd 1/sqrt(N (1 - (C/N)^2)), as DESIGN.md states.
    void boltzmannConcentratesAtAtanhOfCOverN() {
        const SufficientStatistic data{10'000, 98};
        const ExactPosterior posterior(boltzmann(false), data);
        const double ratio = 0.0098;
        QVERIFY(std::abs(posterior.mode() - std::atanh(ratio)) < 0.01 * 0.01 + 1e-4);
        QVERIFY(std::abs(posterior.sd() - 1.0 / std::sqrt(10'000 * (1 - ratio * ratio))) < 1e-5);
        QVERIFY(std::abs(posterior.laplaceSd() - posterior.sd()) < 1e-3 * posterior.sd());
    }

    void densityIsNormalised_data() {
        QTest::addColumn<int>("likelihood");
        QTest::addColumn<bool>("divideByN");
        for (int l : {0, 1}) {
            for (bool d : {false, true})
                QTest::addRow("%d%s", l, d ? "/N" : "") << l << d;
        }
    }
    void densityIsNormalised() {
        QFETCH(int, likelihood);
        QFETCH(bool, divideByN);
        ModelSpec s;
        s.likelihood = likelihood ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
        s.divideByN = divideByN;
        const ExactPosterior posterior(s, {10'000, 98});
        const auto curve = posterior.curve(posterior.lowerBound(), posterior.upperBound(), 200'001);
        const double h = curve.w[1] - curve.w[0];
        double mass = 0.0;
        for (std::size_t i = 0; i < curve.density.size(); ++i) {
            mass += (i == 0 || i + 1 == curve.density.size() ? 0.5 : 1.0) * curve.density[i] * h;
        }
        QVERIFY2(std::abs(mass - 1.0) < 1e-6, qPrintable(QString::number(mass, 'g', 12)));
    }

    void extremeDataGiveFiniteMoments() {
        for (bool d : {false, true}) {
            const ExactPosterior posterior(boltzmann(d), {2'000'000'000, 2'000'000'000});
            QVERIFY(std::isfinite(posterior.mean()));
            QVERIFY(std::isfinite(posterior.sd()));
            QVERIFY(posterior.sd() > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestExactPosterior)
#include "test_exact_posterior.moc"
