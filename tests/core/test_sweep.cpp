// The sweep over N: the scaling laws it exists to show, its determinism, its cancel, its CSV.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <sstream>
#include <thread>

#include "core/chain_runner.h"
#include "core/diagnostics.h"
#include "core/input_error.h"
#include "core/sweep.h"

using namespace couplinglab;

namespace {

constexpr SweepCombination kPotential{Likelihood::PotentialOnly, false};
constexpr SweepCombination kBoltzmann{Likelihood::ExactBoltzmann, false};
constexpr SweepCombination kBoltzmannOverN{Likelihood::ExactBoltzmann, true};

// A K-unit sweep of the exact Boltzmann likelihood over the three metrics, DESIGN.md §5's data.
SweepSpec machineSpec(std::vector<std::uint64_t> pairs) {
    SweepSpec spec = defaultSweepSpec();
    spec.pairs = std::move(pairs);
    spec.shape = MachineShape{3, true};
    spec.coupling = 0.5;
    spec.firstBias = 3.0;
    spec.combinations = {kBoltzmann};
    spec.metrics = {MetricKind::Diagonal, MetricKind::Unit, MetricKind::Dense};
    spec.sampler.chains = 2;
    spec.sampler.warmup = 500;
    spec.sampler.draws = 500;
    return spec;
}

SweepSpec smallSpec(std::vector<std::uint64_t> pairs, std::vector<SweepCombination> combinations,
                    std::vector<bool> adaptMetric) {
    SweepSpec spec = defaultSweepSpec();
    spec.pairs = std::move(pairs);
    spec.combinations = std::move(combinations);
    spec.metrics.clear();
    for (const bool adapt : adaptMetric)
        spec.metrics.push_back(adapt ? MetricKind::Diagonal : MetricKind::Unit);
    return spec;
}

struct Series {
    std::vector<double> n;
    std::vector<double> y;
};

template <class F>
Series seriesOf(const std::vector<SweepPoint>& points, F value) {
    Series series;
    for (const SweepPoint& p : points) {
        series.n.push_back(static_cast<double>(p.pairs));
        series.y.push_back(value(p));
    }
    return series;
}

// Everything but the wall-clock time.
bool sameResults(const SweepPoint& a, const SweepPoint& b) {
    SweepPoint x = a;
    SweepPoint y = b;
    x.seconds = y.seconds = 0.0;
    return x == y;
}

// A sweep whose every point takes about a second: a fixed, tiny step that never U-turns, so
// every draw builds the deepest tree.
SweepSpec slowSpec() {
    SweepSpec spec = smallSpec({10, 100, 1000}, {kPotential}, {false});
    spec.sampler.warmup = 0;
    spec.sampler.draws = 400;
    spec.sampler.adaptStepSize = false;
    spec.sampler.stepSize = 1e-6;
    spec.sampler.maxDepth = 15;
    return spec;
}

}  // namespace

class TestSweep : public QObject {
    Q_OBJECT
  private slots:
    void logGridHasExactEndpointsAndEvenSpacingInLogN() {
        const auto decades = logGrid(10, 10'000'000, 7);
        QCOMPARE(decades, (std::vector<std::uint64_t>{10, 100, 1'000, 10'000, 100'000, 1'000'000,
                                                      10'000'000}));
        const auto eight = logGrid(10, 10'000'000, 8);
        QCOMPARE(eight.size(), std::size_t{8});
        QCOMPARE(eight.front(), std::uint64_t{10});
        QCOMPARE(eight.back(), std::uint64_t{10'000'000});
        const double ratio = std::pow(10.0, 6.0 / 7.0);
        for (std::size_t i = 1; i < eight.size(); ++i) {
            const double step = static_cast<double>(eight[i]) / static_cast<double>(eight[i - 1]);
            QVERIFY2(std::abs(step / ratio - 1.0) < 0.02, qPrintable(QString::number(step)));
        }
        // Rounding cannot make duplicates: a dense grid over a short range comes back shorter.
        QCOMPARE(logGrid(1, 3, 10), (std::vector<std::uint64_t>{1, 2, 3}));
        QCOMPARE(logGrid(5, 5, 4), (std::vector<std::uint64_t>{5}));
        QCOMPARE(logGrid(7, 1000, 1), (std::vector<std::uint64_t>{7}));
        QVERIFY(logGrid(0, 10, 3).empty());
        QVERIFY(logGrid(100, 10, 3).empty());
        QVERIFY(logGrid(10, 100, 0).empty());
    }

    void defaultSweepIsEightNFromTenToTenMillionAllCombinationsBothMetrics() {
        const SweepSpec spec = defaultSweepSpec();
        QCOMPARE(spec.pairs, logGrid(10, 10'000'000, 8));
        QCOMPARE(spec.combinations.size(), std::size_t{4});
        QVERIFY(spec.metrics == (std::vector<MetricKind>{MetricKind::Diagonal, MetricKind::Unit}));
        QCOMPARE(spec.sampler.chains, 1);
        QCOMPARE(spec.sampler.warmup, 1000);
        QCOMPARE(spec.sampler.draws, 1000);
        QVERIFY(!validate(spec));
        QCOMPARE(sweepJobs(spec).size(), std::size_t{64});
    }

    void jobsComeInResultOrderWithDuplicatesDropped() {
        const SweepSpec spec =
            smallSpec({1000, 10, 1000, 100}, {kBoltzmann, kPotential, kBoltzmann}, {false, true});
        const std::vector<SweepJob> jobs = sweepJobs(spec);
        QCOMPARE(jobs.size(), std::size_t{3 * 2 * 2});
        for (std::size_t i = 0; i < jobs.size(); ++i)
            QCOMPARE(jobs[i].index, static_cast<int>(i));
        QCOMPARE(jobs[0].pairs, std::uint64_t{10});
        QVERIFY(jobs[0].combination == kBoltzmann);
        QVERIFY(jobs[0].metric == MetricKind::Unit);
        QVERIFY(jobs[1].metric == MetricKind::Diagonal);
        QVERIFY(jobs[2].combination == kPotential);
        QCOMPARE(jobs.back().pairs, std::uint64_t{1000});
        for (const SweepJob& job : jobs)
            QVERIFY(job.seed <= kMaxPointSeed);
    }

    void invalidSpecsAreRefusedBeforeAnyWork_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no N") << 0 << "at least one value of N";
        QTest::newRow("101 N") << 1 << "at most 100";
        QTest::newRow("N = 0") << 2 << "at least 1";
        QTest::newRow("N too large") << 3 << "larger than the maximum";
        QTest::newRow("no combination") << 4 << "combination";
        QTest::newRow("no metric") << 5 << "at least one metric";
        QTest::newRow("dense with one parameter") << 9 << "more than one parameter";
        QTest::newRow("K = 9") << 10 << "units";
        QTest::newRow("bad prior") << 6 << "sd";
        QTest::newRow("bad sampler") << 7 << "draws";
        QTest::newRow("infinite W") << 8 << "coupling";
    }
    void invalidSpecsAreRefusedBeforeAnyWork() {
        QFETCH(int, which);
        QFETCH(QString, problem);
        SweepSpec spec = defaultSweepSpec();
        switch (which) {
            case 0:
                spec.pairs.clear();
                break;
            case 1:
                spec.pairs.clear();
                for (std::uint64_t n = 1; n <= 101; ++n)
                    spec.pairs.push_back(n);
                break;
            case 2:
                spec.pairs.push_back(0);
                break;
            case 3:
                spec.pairs.push_back(kMaxPairs + 1);
                break;
            case 4:
                spec.combinations.clear();
                break;
            case 5:
                spec.metrics.clear();
                break;
            case 6:
                spec.prior.priorSd = 0.0;
                break;
            case 7:
                spec.sampler.draws = 0;
                break;
            case 9:
                spec.metrics = {MetricKind::Dense};
                break;
            case 10:
                spec.shape.units = 9;
                break;
            default:
                spec.coupling = INFINITY;
                break;
        }
        if (which == 1) QCOMPARE(spec.pairs.size(), std::size_t{101});
        const auto message = validate(spec);
        QVERIFY(message.has_value());
        QVERIFY2(QString::fromStdString(*message).contains(problem), message->c_str());
        bool called = false;
        SweepOptions options;
        options.onPoint = [&](const SweepPoint&, int, int) { called = true; };
        QVERIFY_THROWS_EXCEPTION(InputError, runSweep(spec, options));
        QVERIFY(!called);
    }

    // The heart of the lesson: with a unit metric, NUTS must step at the posterior's own scale,
    // and the exact Boltzmann posterior's sd is 1/√(N(1 - (C/N)²)).
    void effectiveStepShrinksLikeOneOverSqrtNWithoutMetricAdaptationBecausePosteriorSdDoes() {
        const SweepSpec spec = smallSpec(logGrid(100, 10'000'000, 6), {kBoltzmann}, {false});
        const std::vector<SweepPoint> points = runSweep(spec);
        QCOMPARE(points.size(), std::size_t{6});
        const Series step =
            seriesOf(points, [](const SweepPoint& p) { return p.effectiveStepSize; });
        const Series sd = seriesOf(points, [](const SweepPoint& p) { return p.exactSd; });
        const double slope = logLogSlope(step.n, step.y);
        qInfo("log-log slope of eps*sqrt(inv metric) against N, unit metric: %.4f", slope);
        qInfo("log-log slope of the exact sd against N: %.4f", logLogSlope(sd.n, sd.y));
        QVERIFY2(std::abs(slope + 0.5) <= 0.1, qPrintable(QString::number(slope)));
        for (const SweepPoint& p : points) {
            // Without a metric, ε is the effective step.
            QCOMPARE(p.stepSize, p.effectiveStepSize);
            const double ratio = p.effectiveStepSize / p.exactSd;
            QVERIFY2(ratio > 0.3 && ratio < 3.0, qPrintable(QString::number(ratio)));
        }
    }

    // The potential-only posterior is Normal(μ0 + σ0²·C, σ0), and with a true coupling W the
    // data have C ≈ N·tanh W: the mean runs away in proportion to N.
    void potentialOnlyMeanGrowsLikeNWithTrueCouplingBecauseMeanIsC() {
        SweepSpec spec = smallSpec(logGrid(100, 10'000'000, 6), {kPotential}, {true, false});
        spec.coupling = 0.2;
        const std::vector<SweepPoint> points = runSweep(spec);
        QCOMPARE(points.size(), std::size_t{12});
        for (const bool adapt : {true, false}) {
            std::vector<SweepPoint> some;
            for (const SweepPoint& p : points) {
                if (p.adaptMetric() == adapt) some.push_back(p);
            }
            const Series mean =
                seriesOf(some, [](const SweepPoint& p) { return std::abs(p.mean); });
            const double slope = logLogSlope(mean.n, mean.y);
            qInfo("log-log slope of |mean| against N, potential only, W = 0.2, %s metric: %.4f",
                  adapt ? "adapted" : "unit", slope);
            QVERIFY2(std::abs(slope - 1.0) <= 0.1, qPrintable(QString::number(slope)));
        }
        for (const SweepPoint& p : points) {
            QCOMPARE(p.exactMean, spec.prior.priorMean + static_cast<double>(p.c));
            const double expected = static_cast<double>(p.pairs) * std::tanh(0.2);
            QVERIFY(std::abs(static_cast<double>(p.c) - expected) < 6.0 * std::sqrt(p.pairs));
        }
    }

    // Metric adaptation absorbs the posterior's scale, so ε stays near 1, until Stan's
    // regularisation of the metric towards 1e-3 outweighs a posterior variance below ~1e-5.
    void adaptedMetricKeepsStepNearOneUntilStansMetricRegularisationDominatesAtLargeN() {
        const SweepSpec spec =
            smallSpec(logGrid(10, 10'000'000, 7), allSweepCombinations(), {true});
        const std::vector<SweepPoint> points = runSweep(spec);
        QCOMPARE(points.size(), std::size_t{28});
        for (const SweepPoint& p : points) {
            const QString where = QStringLiteral("N=%1 %2%3 eps=%4")
                                      .arg(p.pairs)
                                      .arg(QString::fromUtf8(toString(p.likelihood)))
                                      .arg(p.divideByN ? "/N" : "")
                                      .arg(p.stepSize);
            const double expected = expectedStepSize(p.exactSd, true, spec.sampler);
            QVERIFY2(p.stepSize / expected > 1.0 / 3.0 && p.stepSize / expected < 3.0,
                     qPrintable(where + " expected " + QString::number(expected)));
            if (p.pairs <= 10'000) {
                QVERIFY2(p.stepSize > 1.0 / 3.0 && p.stepSize < 3.0, qPrintable(where));
            }
        }
        const SweepPoint& largest = points[points.size() - 2];  // Boltzmann at N = 10^7
        QVERIFY(largest.likelihood == Likelihood::ExactBoltzmann);
        QVERIFY(!largest.divideByN);
        qInfo("adapted metric, exact Boltzmann, N = 1e7: eps = %.4g (regularisation predicts %.4g)",
              largest.stepSize, expectedStepSize(largest.exactSd, true, spec.sampler));
        QVERIFY(largest.stepSize < 0.3);
    }

    void everyPointAgreesWithItsExactPosterior() {
        const SweepSpec spec =
            smallSpec({10, 1000, 100'000}, allSweepCombinations(), {true, false});
        for (const SweepPoint& p : runSweep(spec)) {
            const QString where = QStringLiteral("N=%1 %2%3 metric %4")
                                      .arg(p.pairs)
                                      .arg(QString::fromUtf8(toString(p.likelihood)))
                                      .arg(p.divideByN ? "/N" : "")
                                      .arg(p.adaptMetric());
            const double mcse = p.sd / std::sqrt(p.essBulk);
            QVERIFY2(std::abs(p.mean - p.exactMean) < 5.0 * mcse, qPrintable(where));
            QVERIFY2(std::abs(p.sd / p.exactSd - 1.0) < 0.2, qPrintable(where));
            QVERIFY2(p.rhat < 1.05, qPrintable(where));
            QCOMPARE(p.divergences, 0);
            QVERIFY(p.meanLeapfrogs >= 1.0);
            QVERIFY(p.seconds > 0.0);
        }
    }

    // DESIGN.md §5's correlated posterior (K = 3, biases, b₁* = 3) over N: at every N the
    // diagonal metric leaves κ in the hundreds, which holds ε far below the dense metric's and
    // multiplies the steps a draw.
    void machineSweepShowsTheDenseMetricsLargerStepAndShorterTreesAtEveryN() {
        SweepSpec spec = machineSpec({1000, 10'000, 100'000});
        const std::vector<SweepPoint> points = runSweep(spec);
        QCOMPARE(points.size(), std::size_t{3 * 3});
        auto at = [&](std::uint64_t n, MetricKind metric) {
            const auto it = std::ranges::find_if(
                points, [&](const SweepPoint& p) { return p.pairs == n && p.metric == metric; });
            Q_ASSERT(it != points.end());
            return *it;
        };
        std::vector<double> n, exactSd;
        for (const std::uint64_t pairs : {1000, 10'000, 100'000}) {
            const SweepPoint diagonal = at(pairs, MetricKind::Diagonal);
            const SweepPoint dense = at(pairs, MetricKind::Dense);
            const SweepPoint unit = at(pairs, MetricKind::Unit);
            for (const SweepPoint& p : {diagonal, dense, unit}) {
                QCOMPARE(p.units, 3);
                QVERIFY(p.biases);
                QCOMPARE(p.divergences, 0);
            }
            const QString where = QStringLiteral("N = %1").arg(pairs);
            QVERIFY2(diagonal.conditionNumber > 100.0, qPrintable(where));
            // At N = 10⁵ the posterior's narrowest variance (~10⁻⁵) nears Stan's regularisation
            // of the metric (10⁻³·5/(n+5)), which the dense metric then cannot undo: κ ≈ 7.5.
            QVERIFY2(dense.conditionNumber < (pairs < 100'000 ? 5.0 : 10.0), qPrintable(where));
            QVERIFY2(dense.stepSize > 5.0 * diagonal.stepSize, qPrintable(where));
            QVERIFY2(3.0 * dense.meanLeapfrogs < diagonal.meanLeapfrogs, qPrintable(where));
            n.push_back(static_cast<double>(pairs));
            exactSd.push_back(dense.exactSd);
        }
        // w₁₂'s sd falls with N, more slowly than 1/√N at first: with s₁ nearly always +1, w₁₂
        // and b₂ are almost one feature, and the prior holds their difference until N ≫ 1/0.01.
        QVERIFY(exactSd[0] > exactSd[1] && exactSd[1] > exactSd[2]);
        QVERIFY(logLogSlope(n, exactSd) < -0.3);
        // The draws agree with the reference: within 5 Monte Carlo standard errors (the smallest
        // ESS over the parameters, so the bound is if anything loose) plus the Laplace
        // approximation's error, which at N = 10⁵ is far below them.
        for (const SweepPoint& p : points) {
            if (p.pairs != 100'000) continue;
            const double mcse = p.sd / std::sqrt(p.essBulk);
            QVERIFY2(std::abs(p.mean - p.exactMean) < 5.0 * mcse,
                     qPrintable(QStringLiteral("%1: %2 vs %3 (mcse %4)")
                                    .arg(QString::fromUtf8(toString(p.metric)))
                                    .arg(p.mean)
                                    .arg(p.exactMean)
                                    .arg(mcse)));
            QVERIFY(p.rhat < 1.05);
        }
    }

    void resultsDoNotDependOnTheNumberOfThreads() {
        SweepSpec spec = smallSpec({10, 300, 50'000}, allSweepCombinations(), {true, false});
        spec.sampler.chains = 2;
        spec.sampler.warmup = 300;
        spec.sampler.draws = 300;
        SweepOptions one;
        one.threads = 1;
        SweepOptions two;
        two.threads = 2;
        const std::vector<SweepPoint> a = runSweep(spec, one);
        const std::vector<SweepPoint> b = runSweep(spec, two);
        QCOMPARE(a.size(), std::size_t{24});
        QCOMPARE(b.size(), a.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].index, static_cast<int>(i));
            QVERIFY2(sameResults(a[i], b[i]), qPrintable(QString::number(i)));
        }
    }

    void aPointGivesTheSameDrawsInEverySweepThatContainsIt() {
        const SweepSpec big = smallSpec({10, 1000, 100'000}, allSweepCombinations(), {true, false});
        const SweepSpec one = smallSpec({1000}, {kBoltzmannOverN}, {false});
        const std::vector<SweepPoint> all = runSweep(big);
        const std::vector<SweepPoint> single = runSweep(one);
        QCOMPARE(single.size(), std::size_t{1});
        const auto match = std::ranges::find_if(all, [](const SweepPoint& p) {
            return p.pairs == 1000 && p.combination() == kBoltzmannOverN && !p.adaptMetric();
        });
        QVERIFY(match != all.end());
        SweepPoint expected = *match;
        expected.index = 0;
        QVERIFY(sameResults(single[0], expected));
    }

    void pointSettingsReproduceThePointInASingleRun() {
        SweepSpec spec = smallSpec({5000}, {kBoltzmann}, {false});
        spec.coupling = 0.3;
        spec.dataSeed = 42;
        spec.prior.priorMean = 0.5;
        spec.prior.priorSd = 2.0;
        spec.sampler.seed = 7;
        const std::vector<SweepPoint> points = runSweep(spec);
        QCOMPARE(points.size(), std::size_t{1});
        const RunSettings settings = pointRunSettings(spec, points[0]);
        QCOMPARE(settings.data.pairs, std::uint64_t{5000});
        QCOMPARE(settings.data.coupling, 0.3);
        QCOMPARE(settings.data.seed, std::uint64_t{42});
        QVERIFY(settings.model.likelihood == Likelihood::ExactBoltzmann);
        QCOMPARE(settings.model.divideByN, false);
        QCOMPARE(settings.model.priorSd, 2.0);
        QCOMPARE(settings.sampler.adaptMetric, false);
        QCOMPARE(settings.sampler.seed, points[0].seed);
        QVERIFY(!validate(settings));

        const SufficientStatistic statistic = BitData::generate(settings.data).statistic();
        QCOMPARE(statistic.c, points[0].c);
        const RunResult run =
            runChains(CouplingTarget(settings.model, statistic), settings.sampler);
        QCOMPARE(run.chains[0].stepSize, points[0].stepSize);
        const std::vector<double> draws = run.chains[0].drawsOfW();
        QCOMPARE(summarize({std::span<const double>(draws)}).mean, points[0].mean);
    }

    void everyFinishedPointIsReportedOnceWithItsCount() {
        const SweepSpec spec = smallSpec({10, 100, 1000}, {kPotential, kBoltzmann}, {true});
        std::vector<int> indices;
        std::vector<int> counts;
        SweepOptions options;
        options.threads = 2;
        options.onPoint = [&](const SweepPoint& p, int done, int total) {
            QCOMPARE(total, 6);
            indices.push_back(p.index);
            counts.push_back(done);
        };
        const std::vector<SweepPoint> points = runSweep(spec, options);
        QCOMPARE(points.size(), std::size_t{6});
        QCOMPARE(counts, (std::vector<int>{1, 2, 3, 4, 5, 6}));
        std::ranges::sort(indices);
        QCOMPARE(indices, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    }

    void cancelStopsWithinASecondAndKeepsTheFinishedPoints() {
        const SweepSpec spec = slowSpec();
        std::atomic<bool> cancel{false};
        using Clock = std::chrono::steady_clock;
        std::atomic<Clock::rep> cancelledAt{0};
        std::vector<int> reported;
        SweepOptions options;
        options.threads = 2;
        options.cancel = &cancel;
        options.onPoint = [&](const SweepPoint& p, int, int) {
            reported.push_back(p.index);
            if (!cancel.exchange(true)) cancelledAt = Clock::now().time_since_epoch().count();
        };
        const Clock::time_point start = Clock::now();
        const std::vector<SweepPoint> points = runSweep(spec, options);
        const Clock::time_point end = Clock::now();
        QVERIFY2(cancel.load(), "no point finished");
        const double afterCancel =
            std::chrono::duration<double>(end - Clock::time_point(Clock::duration(cancelledAt)))
                .count();
        qInfo("first point after %.3f s; the sweep returned %.3f s after the cancel",
              std::chrono::duration<double>(end - start).count() - afterCancel, afterCancel);
        QVERIFY2(afterCancel < 1.0, qPrintable(QString::number(afterCancel)));
        QVERIFY(!points.empty());
        QVERIFY(points.size() < 3);
        QCOMPARE(points.size(), reported.size());
        for (const SweepPoint& p : points) {
            QVERIFY(std::ranges::find(reported, p.index) != reported.end());
            QVERIFY(std::isfinite(p.mean));
        }
    }

    void cancelBeforeTheStartReturnsNoPoints() {
        std::atomic<bool> cancel{true};
        SweepOptions options;
        options.cancel = &cancel;
        QVERIFY(runSweep(slowSpec(), options).empty());
    }

    void csvHasTheExactHeaderAndRowsRoundTrip() {
        QCOMPARE(QString::fromUtf8(kSweepCsvHeader.data(), kSweepCsvHeader.size()),
                 QStringLiteral("pairs,units,biases,likelihood,divide_by_n,metric,c,exact_mean,"
                                "exact_sd,mean,sd,ess_bulk,rhat,stepsize,effective_stepsize,kappa,"
                                "mean_n_leapfrog,divergences,seconds"));
        SweepSpec spec = smallSpec({10, 1000}, allSweepCombinations(), {true, false});
        spec.coupling = -0.4;
        std::vector<SweepPoint> points = runSweep(spec);
        SweepSpec machine = machineSpec({100});
        machine.sampler.warmup = machine.sampler.draws = 100;
        std::ranges::copy(runSweep(machine), std::back_inserter(points));
        points[0].rhat = std::nan("");  // as written for constant draws
        const std::string csv = sweepCsv(points);
        std::istringstream lines(csv);
        std::string header;
        std::getline(lines, header);
        QCOMPARE(header, std::string(kSweepCsvHeader));
        std::string first;
        std::getline(lines, first);
        QVERIFY2(first.starts_with("10,2,0,potential,0,diag,"), first.c_str());
        QVERIFY(csv.find("\n100,3,1,boltzmann,0,dense,") != std::string::npos);
        QCOMPARE(std::ranges::count(csv, '\n'), static_cast<std::ptrdiff_t>(points.size() + 1));

        std::istringstream in(csv);
        std::vector<SweepPoint> back = readSweepCsv(in);
        QCOMPARE(back.size(), points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            SweepPoint expected = points[i];
            expected.index = 0;
            expected.seed = 0;
            if (i == 0) {
                QVERIFY(std::isnan(back[i].rhat));
                expected.rhat = back[i].rhat = 0.0;
            }
            QVERIFY2(back[i] == expected, qPrintable(QString::number(i)));
            QCOMPARE(sweepCsvRow(back[i]), sweepCsvRow(expected));
        }
        std::istringstream bad("pairs,likelihood\n1,2\n");
        QVERIFY_THROWS_EXCEPTION(InputError, readSweepCsv(bad));
    }

    void logLogSlopeRecoversAPowerLaw() {
        const std::vector<double> x = {10, 100, 1000, 1e4};
        std::vector<double> y;
        for (const double v : x)
            y.push_back(3.0 * std::pow(v, -0.5));
        QCOMPARE(logLogSlope(x, y), -0.5);
        // Points that a log axis cannot show are left out.
        std::vector<double> withZero = y;
        withZero[1] = 0.0;
        QCOMPARE(logLogSlope(x, withZero), -0.5);
        QVERIFY(std::isnan(logLogSlope(std::vector<double>{10}, std::vector<double>{1})));
        QVERIFY(std::isnan(logLogSlope(std::vector<double>{5, 5}, std::vector<double>{1, 2})));
    }

    void expectedStepSizeFollowsStansRegularisedMetric() {
        const SamplerSettings settings;  // 1000 warmup: the last slow window has 500 draws
        QVERIFY(std::abs(expectedInverseMetric(1.0, settings) - (500.0 / 505.0 + 5e-3 / 505.0)) <
                1e-12);
        QCOMPARE(expectedStepSize(0.01, false, settings), 0.01);
        QVERIFY(std::abs(expectedStepSize(1.0, true, settings) - 1.0) < 0.01);
        // Below sd ≈ 3e-3 the regularisation sets the metric, and ε falls like the sd again.
        QVERIFY(expectedStepSize(3e-4, true, settings) < 0.1);
        SamplerSettings noWarmup;
        noWarmup.warmup = 10;
        QCOMPARE(expectedInverseMetric(0.01, noWarmup), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "test_sweep.moc"
