#include <QtTest>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <vector>

#include "core/diagnostics.h"
#include "core/random.h"

namespace cl = couplinglab;

namespace {

using Chains = std::vector<std::vector<double>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

cl::ChainSpans spans(const Chains& chains) {
    return cl::ChainSpans(chains.begin(), chains.end());
}

// Chains of independent standard normal draws, one Rng stream per chain.
Chains iidNormal(std::size_t chainCount, std::size_t draws, std::uint64_t seed) {
    Chains chains(chainCount, std::vector<double>(draws));
    for (std::size_t c = 0; c < chainCount; ++c) {
        cl::Rng rng(seed, c);
        for (double& x : chains[c])
            x = rng.normal();
    }
    return chains;
}

// Stationary Gaussian AR(1) chains x_t = rho x_{t-1} + e_t with unit marginal variance; the
// first draw comes from the stationary distribution so there is no transient.
Chains ar1(std::size_t chainCount, std::size_t draws, double rho, std::uint64_t seed) {
    Chains chains(chainCount, std::vector<double>(draws));
    const double innovationSd = std::sqrt(1.0 - rho * rho);
    for (std::size_t c = 0; c < chainCount; ++c) {
        cl::Rng rng(seed, c);
        double x = rng.normal();
        for (double& value : chains[c]) {
            value = x;
            x = rho * x + innovationSd * rng.normal();
        }
    }
    return chains;
}

double normalCdf(double z) {
    return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

// Biased autocovariance at one lag straight from its definition, O(N) per lag.
double directAutocovariance(const std::vector<double>& x, std::size_t lag) {
    double mean = 0.0;
    for (const double value : x)
        mean += value;
    mean /= static_cast<double>(x.size());
    double sum = 0.0;
    for (std::size_t i = 0; i + lag < x.size(); ++i)
        sum += (x[i] - mean) * (x[i + lag] - mean);
    return sum / static_cast<double>(x.size());
}

// Chains that R reproduces bit for bit: every step is exact or one IEEE rounding (the LCG state
// stays below 2^53), so posterior can compute reference values on the very same draws. In R:
//   make <- function(nchains, ndraws, phi, offset, levels = 0) {
//     state <- 12345; x <- matrix(0, ndraws, nchains)
//     for (c in seq_len(nchains)) { y <- 0
//       for (i in seq_len(ndraws)) {
//         state <- (69069 * state + 1) %% 4294967296; u <- state / 4294967296
//         y <- phi * y + (u - 0.5)
//         x[i, c] <- if (levels > 0) floor(u * levels) else y + (c - 1) * offset } }
//     x }
Chains lcgChains(std::size_t chainCount, std::size_t draws, double phi, double offset,
                 int levels = 0) {
    double state = 12345.0;
    Chains chains(chainCount, std::vector<double>(draws));
    for (std::size_t c = 0; c < chainCount; ++c) {
        double y = 0.0;
        for (double& x : chains[c]) {
            state = std::fmod(69069.0 * state + 1.0, 4294967296.0);
            const double u = state / 4294967296.0;
            y = phi * y + (u - 0.5);
            x = levels > 0 ? std::floor(u * levels) : y + static_cast<double>(c) * offset;
        }
    }
    return chains;
}

bool relativelyClose(double actual, double expected, double tolerance) {
    return std::abs(actual - expected) <= tolerance * std::abs(expected);
}

// Compares two doubles where NaN must match NaN.
bool sameOrBothNaN(double actual, double expected, double tolerance) {
    if (std::isnan(expected)) return std::isnan(actual);
    return relativelyClose(actual, expected, tolerance);
}

}  // namespace

class TestDiagnostics : public QObject {
    Q_OBJECT

  private slots:
    void inverseNormalCdfMatchesKnownQuantiles_data();
    void inverseNormalCdfMatchesKnownQuantiles();
    void inverseNormalCdfIsAntisymmetric();
    void inverseNormalCdfInvertsTheNormalCdf();
    void inverseNormalCdfHandlesTheEndpoints();

    void quantileInterpolatesLikeRType7_data();
    void quantileInterpolatesLikeRType7();
    void quantileOfNothingOrBadProbabilityIsNaN();

    void autocovarianceMatchesDirectSum_data();
    void autocovarianceMatchesDirectSum();
    void autocovarianceOfConstantIsZero();

    void splitChainsHalvesEvenLengths();
    void splitChainsDropsTheMiddleDrawOfOddLengths();
    void rankNormalizeGivesTiesTheAverageRank();
    void rankNormalizePoolsRanksOverAllChains();

    void basicRhatMatchesHandComputation();
    void basicRhatIsInfiniteForChainsStuckAtDifferentValues();
    void basicEssOfAntitheticChainIsCapped();
    void basicEssFollowsPosteriorWhenNoPairIsPositive();

    void diagnosticsMatchPosteriorPackage_data();
    void diagnosticsMatchPosteriorPackage();
    void summarizeAgreesWithTheSingleDiagnostics();

    void iidDrawsLookConverged();
    void ar1EssMatchesTheory();
    void shiftedChainRaisesRhat();
    void wideChainIsCaughtByFoldedRhatOnly();
    void longChainsAreHandled();

    void undefinedInputsGiveNaN_data();
    void undefinedInputsGiveNaN();
};

// ---------------------------------------------------------------------------------------------
// inverseNormalCdf

void TestDiagnostics::inverseNormalCdfMatchesKnownQuantiles_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("z");
    // The exact quantiles of these doubles p, to 17 digits, from 50-digit arithmetic (mpmath,
    // solving erfc(-z / sqrt 2) / 2 = p), one or more rows in each of AS 241's three ranges.
    QTest::newRow("median") << 0.5 << 0.0;
    QTest::newRow("0.6, central") << 0.6 << 0.25334710313579974;
    QTest::newRow("0.1, central") << 0.1 << -1.2815515655446004;
    QTest::newRow("0.975, intermediate") << 0.975 << 1.9599639845400539;
    QTest::newRow("0.025, intermediate") << 0.025 << -1.9599639845400542;
    QTest::newRow("1e-3, intermediate") << 1e-3 << -3.0902323061678135;
    QTest::newRow("1e-5, intermediate") << 1e-5 << -4.2648907939228246;
    QTest::newRow("1e-10, intermediate") << 1e-10 << -6.3613409024040562;
    QTest::newRow("1e-20, far tail") << 1e-20 << -9.2623400897984076;
    QTest::newRow("1e-300, far tail") << 1e-300 << -37.047096299361199;
}

void TestDiagnostics::inverseNormalCdfMatchesKnownQuantiles() {
    QFETCH(double, p);
    QFETCH(double, z);
    const double actual = cl::inverseNormalCdf(p);
    // AS 241 is accurate to about 1e-16 relative; double rounding in its evaluation adds a
    // few ulps (2.6e-16 relative at 1e-20), so allow 1e-15.
    QVERIFY2(std::abs(actual - z) <= 1e-15 * std::max(1.0, std::abs(z)),
             qPrintable(QString::number(actual, 'g', 17)));
}

void TestDiagnostics::inverseNormalCdfIsAntisymmetric() {
    // Phi^-1(1 - p) = -Phi^-1(p) holds exactly when 1 - p is exact, as for these dyadic p.
    for (const double p : {0.5, 0.375, 0.25, 0.125, 0.03125, 0x1p-20, 0x1p-40}) {
        QVERIFY2(cl::inverseNormalCdf(1.0 - p) == -cl::inverseNormalCdf(p),
                 qPrintable(QString::number(p)));
    }
}

void TestDiagnostics::inverseNormalCdfInvertsTheNormalCdf() {
    // Phi^-1(Phi(z)) = z, with Phi from the C library's erfc, over the lower half down to
    // Phi(z) ~ 1e-308 (the upper half follows by antisymmetry; there p rounds too close to 1
    // to pin z down). Phi's rounding error e moves z by about e Phi / phi < e, and AS 241
    // adds ~1e-16 relative: the worst seen is 6e-16 relative, so 2e-15 leaves a margin.
    for (double z = -37.5; z <= 0.0; z += 1.0 / 64.0) {
        const double back = cl::inverseNormalCdf(normalCdf(z));
        QVERIFY2(std::abs(back - z) <= 2e-15 * std::max(1.0, std::abs(z)),
                 qPrintable(QString("z = %1: %2").arg(z).arg(back, 0, 'g', 17)));
    }
}

void TestDiagnostics::inverseNormalCdfHandlesTheEndpoints() {
    QCOMPARE(cl::inverseNormalCdf(0.0), -kInf);
    QCOMPARE(cl::inverseNormalCdf(1.0), kInf);
    QVERIFY(std::isnan(cl::inverseNormalCdf(-1e-300)));
    QVERIFY(std::isnan(cl::inverseNormalCdf(1.5)));
    QVERIFY(std::isnan(cl::inverseNormalCdf(kNaN)));
}

// ---------------------------------------------------------------------------------------------
// quantile

void TestDiagnostics::quantileInterpolatesLikeRType7_data() {
    QTest::addColumn<std::vector<double>>("draws");
    QTest::addColumn<double>("prob");
    QTest::addColumn<double>("expected");
    // Type 7: h = (n - 1) p, then x[floor h] + frac(h) (x[floor h + 1] - x[floor h]) of the
    // sorted draws, 0-based. Each expected value is worked out by hand in the comment.
    const std::vector<double> five{5.0, 1.0, 4.0, 2.0, 3.0};  // sorted 1 2 3 4 5
    QTest::newRow("min") << five << 0.0 << 1.0;
    QTest::newRow("max") << five << 1.0 << 5.0;
    QTest::newRow("median odd") << five << 0.5 << 3.0;      // h = 2
    QTest::newRow("q10 of 1..5") << five << 0.1 << 1.4;     // h = 0.4
    QTest::newRow("q95 of 1..5") << five << 0.95 << 4.8;    // h = 3.8
    const std::vector<double> four{10.0, 0.0, 30.0, 20.0};  // sorted 0 10 20 30
    QTest::newRow("median even") << four << 0.5 << 15.0;    // h = 1.5
    QTest::newRow("q05 of four") << four << 0.05 << 1.5;    // h = 0.15
    QTest::newRow("single draw") << std::vector<double>{7.0} << 0.3 << 7.0;
    QTest::newRow("ties") << std::vector<double>{2.0, 2.0, 2.0, 9.0} << 0.5 << 2.0;
    QTest::newRow("infinite neighbours") << std::vector<double>{1.0, kInf, kInf} << 0.75 << kInf;
}

void TestDiagnostics::quantileInterpolatesLikeRType7() {
    QFETCH(std::vector<double>, draws);
    QFETCH(double, prob);
    QFETCH(double, expected);
    const double actual = cl::quantile(draws, prob);
    if (std::isinf(expected)) {
        QCOMPARE(actual, expected);
    } else {
        QVERIFY2(std::abs(actual - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
                 qPrintable(QString::number(actual, 'g', 17)));
    }
}

void TestDiagnostics::quantileOfNothingOrBadProbabilityIsNaN() {
    const std::vector<double> draws{1.0, 2.0, 3.0};
    QVERIFY(std::isnan(cl::quantile(std::vector<double>{}, 0.5)));
    QVERIFY(std::isnan(cl::quantile(draws, -0.1)));
    QVERIFY(std::isnan(cl::quantile(draws, 1.1)));
    QVERIFY(std::isnan(cl::quantile(draws, kNaN)));
    QVERIFY(std::isnan(cl::quantile(std::vector<double>{1.0, kNaN}, 0.5)));
}

// ---------------------------------------------------------------------------------------------
// autocovariance

void TestDiagnostics::autocovarianceMatchesDirectSum_data() {
    QTest::addColumn<int>("length");
    // Lengths around powers of two exercise the zero padding; 1 and 2 are the degenerate ends.
    for (const int length : {1, 2, 3, 7, 8, 9, 100, 257, 1000}) {
        QTest::addRow("N = %d", length) << length;
    }
}

void TestDiagnostics::autocovarianceMatchesDirectSum() {
    QFETCH(int, length);
    const std::vector<double> x = ar1(1, static_cast<std::size_t>(length), 0.6, 11).front();
    const std::vector<double> acov = cl::autocovariance(x);
    QCOMPARE(acov.size(), x.size());
    // FFT rounding grows like log2(N) ulps of the lag-0 value; 1e-10 of lag 0 is far above it.
    const double scale = directAutocovariance(x, 0);
    for (std::size_t lag = 0; lag < x.size(); ++lag) {
        const double expected = directAutocovariance(x, lag);
        QVERIFY2(std::abs(acov[lag] - expected) <= 1e-10 * std::max(scale, 1e-300),
                 qPrintable(QString("lag %1: %2 vs %3").arg(lag).arg(acov[lag]).arg(expected)));
    }
}

void TestDiagnostics::autocovarianceOfConstantIsZero() {
    const std::vector<double> acov = cl::autocovariance(std::vector<double>(10, 3.5));
    QCOMPARE(acov, std::vector<double>(10, 0.0));
    QVERIFY(cl::autocovariance(std::vector<double>{}).empty());
}

// ---------------------------------------------------------------------------------------------
// Building blocks: splitting and ranks

void TestDiagnostics::splitChainsHalvesEvenLengths() {
    const Chains chains{{1, 2, 3, 4}, {5, 6, 7, 8}};
    // posterior's order: every chain's first half, then every chain's second half.
    const Chains expected{{1, 2}, {5, 6}, {3, 4}, {7, 8}};
    QCOMPARE(cl::splitChains(spans(chains)), expected);
}

void TestDiagnostics::splitChainsDropsTheMiddleDrawOfOddLengths() {
    const Chains chains{{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}};
    const Chains expected{{1, 2}, {6, 7}, {4, 5}, {9, 10}};
    QCOMPARE(cl::splitChains(spans(chains)), expected);
}

void TestDiagnostics::rankNormalizeGivesTiesTheAverageRank() {
    const Chains z = cl::rankNormalize({{1.0, 2.0, 2.0, 3.0}});
    // Ranks 1, 2.5, 2.5, 4 of S = 4 draws, z = Phi^-1((r - 3/8) / (S + 1/4)).
    const auto blom = [](double rank) { return cl::inverseNormalCdf((rank - 0.375) / 4.25); };
    QCOMPARE(z, (Chains{{blom(1.0), blom(2.5), blom(2.5), blom(4.0)}}));
    QCOMPARE(z[0][1], 0.0);  // the middle of a symmetric sample maps to the median exactly
}

void TestDiagnostics::rankNormalizePoolsRanksOverAllChains() {
    const Chains z = cl::rankNormalize({{30.0, 10.0}, {20.0, 20.0, 40.0}});
    // Pooled ranks: 10 -> 1, 20 and 20 -> 2.5, 30 -> 4, 40 -> 5, of S = 5 draws.
    const auto blom = [](double rank) { return cl::inverseNormalCdf((rank - 0.375) / 5.25); };
    QCOMPARE(z, (Chains{{blom(4.0), blom(1.0)}, {blom(2.5), blom(2.5), blom(5.0)}}));
}

// ---------------------------------------------------------------------------------------------
// basicRhat and basicEss

void TestDiagnostics::basicRhatMatchesHandComputation() {
    // Means 2 and 5, within variances 1 and 1: W = 1, B = N var(means) = 3 * 4.5 = 13.5,
    // R-hat = sqrt((B / W + N - 1) / N) = sqrt(15.5 / 3).
    const Chains chains{{1, 2, 3}, {4, 5, 6}};
    QCOMPARE(cl::basicRhat(spans(chains)), std::sqrt(15.5 / 3.0));
    // Identical chains: B = 0, R-hat = sqrt((N - 1) / N), below 1 as for any chains that agree.
    const Chains same{{1, 2, 3}, {1, 2, 3}};
    QCOMPARE(cl::basicRhat(spans(same)), std::sqrt(2.0 / 3.0));
}

void TestDiagnostics::basicRhatIsInfiniteForChainsStuckAtDifferentValues() {
    // Each chain constant, but not the same constant: no within-chain variance at all, so
    // R-hat is infinite, as in posterior. The full rhat() is NaN all the same (posterior: NA):
    // folded about the median 1.5 every draw is 0.5, and the folded R-hat is undefined.
    const Chains chains{{1, 1, 1, 1}, {2, 2, 2, 2}};
    QCOMPARE(cl::basicRhat(spans(chains)), kInf);
    QVERIFY(std::isnan(cl::rhat(spans(chains))));
}

void TestDiagnostics::basicEssOfAntitheticChainIsCapped() {
    // AR(1) with rho = -0.9 has tau = (1 + rho) / (1 - rho) = 0.05, below the bound
    // 1 / log10(S) = 0.28 for S = 4000 (the estimate's noise, ~0.02, is far smaller than the
    // gap), so the ESS is capped at exactly S log10(S).
    const std::vector<double> chain = ar1(1, 4000, -0.9, 8).front();
    const double ess = cl::basicEss(cl::ChainSpans{chain});
    QVERIFY2(relativelyClose(ess, 4000.0 * std::log10(4000.0), 1e-12),
             qPrintable(QString::number(ess)));
}

void TestDiagnostics::basicEssFollowsPosteriorWhenNoPairIsPositive() {
    // A chain alternating +1, -1 has rho_1 just below -1, so Geyer's loop never runs
    // (max_t = 0). posterior's sum(rho[1:0]) is then rho[0] (R's 1:0 is c(1, 0)), giving
    // tau = 2 and ESS = S / 2; posterior::ess_basic(rep(c(1, -1), 500), split = FALSE) is 500.
    std::vector<double> alternating(1000);
    for (std::size_t i = 0; i < alternating.size(); ++i)
        alternating[i] = i % 2 == 0 ? 1.0 : -1.0;
    QCOMPARE(cl::basicEss(cl::ChainSpans{alternating}), 500.0);
}

// ---------------------------------------------------------------------------------------------
// Agreement with R's posterior package

void TestDiagnostics::diagnosticsMatchPosteriorPackage_data() {
    QTest::addColumn<Chains>("chains");
    QTest::addColumn<double>("rhat");
    QTest::addColumn<double>("essBulk");
    QTest::addColumn<double>("essTail");
    QTest::addColumn<double>("essMean");
    QTest::addColumn<double>("mcseMean");
    // posterior 1.4.0 (R 4.2.2) on lcgChains(): rhat(x), ess_bulk(x), ess_tail(x), ess_mean(x),
    // mcse_mean(x), printed with 17 significant digits.
    QTest::newRow("4 x 100, AR 0.7, offsets 0.1")
        << lcgChains(4, 100, 0.7, 0.1) << 1.0991107686251069 << 30.184367280718646
        << 37.19289553213909 << 29.597839249751431 << 0.076639014512199455;
    // Split halves of 4 draws: posterior's loop never runs (max_t = 0) and R's 1:0 quirk
    // makes tau = 2, so every ESS is S / 2.
    QTest::newRow("3 x 9, odd and short") << lcgChains(3, 9, 0.3, 0.0) << 1.2034035186932779 << 12.0
                                          << 12.0 << 12.0 << 0.077746602000387646;
    QTest::newRow("4 x 7, halves of 3 draws") << lcgChains(4, 7, 0.5, 0.2) << 1.7232383089748708
                                              << 12.0 << 12.0 << 12.0 << 0.12120602354943809;
    // Five levels with many ties; q95 is the top level, so I(x <= q95) is constant and
    // posterior's tail ESS is NA.
    QTest::newRow("2 x 51, five discrete levels")
        << lcgChains(2, 51, 0.0, 0.0, 5) << 0.99589188087931557 << 134.47681673973889 << kNaN
        << 135.82152935983444 << 0.11483873765069759;
    QTest::newRow("2 x 1001, AR 0.95, odd")
        << lcgChains(2, 1001, 0.95, 0.0) << 1.0648264186292744 << 47.318104923272926
        << 85.517413931485763 << 47.606354910237627 << 0.13159517377006058;
}

void TestDiagnostics::diagnosticsMatchPosteriorPackage() {
    QFETCH(Chains, chains);
    QFETCH(double, rhat);
    QFETCH(double, essBulk);
    QFETCH(double, essTail);
    QFETCH(double, essMean);
    QFETCH(double, mcseMean);
    const cl::ChainSpans x = spans(chains);
    // Only summation order differs from R (which sums in long double), worth ~1e-15 relative;
    // ESS adds the FFT's rounding. 1e-11 leaves room without hiding a real difference.
    constexpr double kTolerance = 1e-11;
    QVERIFY2(sameOrBothNaN(cl::rhat(x), rhat, kTolerance), "rhat");
    QVERIFY2(sameOrBothNaN(cl::essBulk(x), essBulk, kTolerance), "essBulk");
    QVERIFY2(sameOrBothNaN(cl::essTail(x), essTail, kTolerance), "essTail");
    QVERIFY2(sameOrBothNaN(cl::essMean(x), essMean, kTolerance), "essMean");
    QVERIFY2(sameOrBothNaN(cl::mcseMean(x), mcseMean, kTolerance), "mcseMean");
}

void TestDiagnostics::summarizeAgreesWithTheSingleDiagnostics() {
    const Chains chains = ar1(3, 501, 0.5, 5);
    const cl::ChainSpans x = spans(chains);
    const cl::Summary s = cl::summarize(x);
    QCOMPARE(s.draws, std::size_t{1503});
    QCOMPARE(s.rhat, cl::rhat(x));
    QCOMPARE(s.essBulk, cl::essBulk(x));
    QCOMPARE(s.essTail, cl::essTail(x));
    QCOMPARE(s.mcseMean, cl::mcseMean(x));
    std::vector<double> all;
    for (const auto& chain : chains)
        all.insert(all.end(), chain.begin(), chain.end());
    double mean = 0.0;
    for (const double v : all)
        mean += v;
    mean /= static_cast<double>(all.size());
    double squares = 0.0;
    for (const double v : all)
        squares += (v - mean) * (v - mean);
    QVERIFY(relativelyClose(s.mean, mean, 1e-12));
    QVERIFY(relativelyClose(s.sd, std::sqrt(squares / static_cast<double>(all.size() - 1)), 1e-12));
}

// ---------------------------------------------------------------------------------------------
// Statistical behaviour (fixed seeds, tolerances from Monte Carlo error)

void TestDiagnostics::iidDrawsLookConverged() {
    const Chains chains = iidNormal(4, 4000, 2024);
    const cl::ChainSpans x = spans(chains);
    const double total = 16000.0;

    // R-hat of 8 independent split chains of N = 2000: B / W is about chi2_7 / 7, so
    // R-hat - 1 ~ (chi2_7 / 7 - 1) / (2N), below 0.001 even at chi2_7 / 7 = 3 (p < 0.005).
    // 0.01 is ten times that, for both signs (R-hat can dip below 1 by up to 1 / (2N)).
    const double r = cl::rhat(x);
    QVERIFY2(std::abs(r - 1.0) < 0.01, qPrintable(QString::number(r, 'g', 10)));

    // For independent draws each estimated autocorrelation has sd ~ 1 / sqrt(S) = 0.008 and
    // Geyer's truncation sums a handful of them, so tau = S / ESS has sd of about 0.03 and
    // ESS / S an sd of about 3 %; 15 % is about 5 sd.
    const double bulk = cl::essBulk(x);
    const double mean = cl::essMean(x);
    QVERIFY2(relativelyClose(bulk, total, 0.15), qPrintable(QString::number(bulk)));
    QVERIFY2(relativelyClose(mean, total, 0.15), qPrintable(QString::number(mean)));

    // The 5 % and 95 % indicators are far from normal and the tail ESS is the smaller of two
    // estimates, so its spread is wider and biased low: allow 25 %.
    const double tail = cl::essTail(x);
    QVERIFY2(tail > 0.0 && relativelyClose(tail, total, 0.25), qPrintable(QString::number(tail)));

    // MCSE = sd / sqrt(ESS): sd is within 1 % of 1 (its relative sd is 1 / sqrt(2 S)), ESS
    // within 15 %, so MCSE is within 1 % + 8 % of 1 / sqrt(S); allow 10 %.
    const double mcse = cl::mcseMean(x);
    QVERIFY2(relativelyClose(mcse, 1.0 / std::sqrt(total), 0.10),
             qPrintable(QString::number(mcse)));
}

void TestDiagnostics::ar1EssMatchesTheory() {
    // For AR(1), tau = (1 + rho) / (1 - rho) = 19 at rho = 0.9, so ESS = S (1 - rho) / (1 + rho).
    const double rho = 0.9;
    const Chains chains = ar1(4, 20000, rho, 77);
    const double expected = 80000.0 * (1.0 - rho) / (1.0 + rho);  // 4210.5
    // A truncated autocorrelation sum over M lags has relative sd ~ sqrt(2 (2M + 1) / S)
    // (Bartlett); Geyer stops near M = 50 here (rho^t falls below the 1 / sqrt(S) noise at
    // t ~ 45), giving about 5 %, so 15 % is about 3 sd. Halving the split chains' length adds
    // only a bias of order tau / N = 0.2 %.
    const double ess = cl::essMean(spans(chains));
    QVERIFY2(relativelyClose(ess, expected, 0.15), qPrintable(QString::number(ess)));
}

void TestDiagnostics::shiftedChainRaisesRhat() {
    Chains chains = iidNormal(4, 1000, 31);
    for (double& x : chains[3])
        x += 3.0;
    // Two of eight split chains sit 3 sd away: their rank-normalised means are more than one
    // sd above the others', so B / W is in the hundreds and R-hat near 1.47 (sd 0.005 over
    // seeds), far above 1.1.
    const double r = cl::rhat(spans(chains));
    QVERIFY2(r > 1.1, qPrintable(QString::number(r)));
}

void TestDiagnostics::wideChainIsCaughtByFoldedRhatOnly() {
    Chains chains = iidNormal(4, 1000, 43);
    for (double& x : chains[0])
        x *= 3.0;
    const cl::ChainSpans x = spans(chains);

    // Bulk R-hat sees only locations, and all chains are centred at 0: the split chain means
    // of the rank-normalised draws differ by noise of sd ~ 1 / sqrt(500), so B / W stays
    // near 1 and bulk R-hat within ~0.003 of 1.
    const Chains bulk = cl::rankNormalize(cl::splitChains(x));
    const double bulkRhat = cl::basicRhat(spans(bulk));
    QVERIFY2(bulkRhat < 1.01, qPrintable(QString::number(bulkRhat)));

    // Folded about the median, the wide chain's |x - median| is 3 times larger: its
    // rank-normalised mean is about 1 sd above the others', giving B / W ~ 150 and R-hat near
    // 1.14, far above 1.05.
    const double r = cl::rhat(x);
    QVERIFY2(r > 1.05, qPrintable(QString::number(r)));
}

void TestDiagnostics::longChainsAreHandled() {
    // A guard against accidentally quadratic code: 4 x 2^18 draws take well under a second
    // with O(N log N) algorithms and hours with O(N^2) ones.
    const Chains chains = ar1(4, std::size_t{1} << 18, 0.5, 99);
    const cl::Summary s = cl::summarize(spans(chains));
    // ESS = S (1 - rho) / (1 + rho) = S / 3; with S = 2^20 the relative sd is well below 1 %.
    const double expected = static_cast<double>(std::size_t{1} << 20) / 3.0;
    QVERIFY2(relativelyClose(s.essBulk, expected, 0.05), qPrintable(QString::number(s.essBulk)));
    QVERIFY(std::abs(s.rhat - 1.0) < 0.01);
}

// ---------------------------------------------------------------------------------------------
// Undefined results

void TestDiagnostics::undefinedInputsGiveNaN_data() {
    QTest::addColumn<Chains>("chains");
    QTest::addColumn<bool>("basicEssDefined");  // basicEss needs only 3 draws per chain
    QTest::newRow("no chains") << Chains{} << false;
    QTest::newRow("empty chains") << Chains{{}, {}} << false;
    QTest::newRow("3 draws per chain") << Chains{{1, 2, 3}, {3, 1, 2}} << true;
    QTest::newRow("constant draws") << Chains(3, std::vector<double>(10, 2.5)) << false;
    QTest::newRow("unequal lengths") << Chains{{1, 2, 3, 4, 5}, {5, 4, 3, 2}} << false;
    QTest::newRow("NaN draw") << Chains{{1, 2, 3, 4}, {4, kNaN, 2, 1}} << false;
    QTest::newRow("infinite draw") << Chains{{1, 2, 3, 4}, {4, 3, -kInf, 1}} << false;
}

void TestDiagnostics::undefinedInputsGiveNaN() {
    QFETCH(Chains, chains);
    QFETCH(bool, basicEssDefined);
    const cl::ChainSpans x = spans(chains);
    QVERIFY(std::isnan(cl::rhat(x)));
    QVERIFY(std::isnan(cl::essBulk(x)));
    QVERIFY(std::isnan(cl::essTail(x)));
    QVERIFY(std::isnan(cl::essMean(x)));
    QVERIFY(std::isnan(cl::mcseMean(x)));
    QCOMPARE(!std::isnan(cl::basicEss(x)), basicEssDefined);
    const cl::Summary s = cl::summarize(x);
    QVERIFY(std::isnan(s.rhat) && std::isnan(s.essBulk) && std::isnan(s.essTail) &&
            std::isnan(s.mcseMean));
}

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "test_diagnostics.moc"
