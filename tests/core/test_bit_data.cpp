#include <QtTest>
#include <bit>
#include <cmath>
#include <limits>

#include "core/bit_data.h"
#include "core/input_error.h"

using namespace couplinglab;

class TestBitData : public QObject {
    Q_OBJECT
  private slots:
    void invalidSpecsAreRefusedWithAMessageNamingTheProblem_data() {
        QTest::addColumn<quint64>("pairs");
        QTest::addColumn<double>("coupling");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no pairs") << quint64(0) << 0.0 << "at least 1";
        QTest::newRow("too many pairs") << quint64(kMaxPairs + 1) << 0.0 << "maximum";
        QTest::newRow("NaN coupling") << quint64(10) << std::nan("") << "coupling W";
        QTest::newRow("infinite coupling")
            << quint64(10) << std::numeric_limits<double>::infinity() << "coupling W";
    }
    void invalidSpecsAreRefusedWithAMessageNamingTheProblem() {
        QFETCH(quint64, pairs);
        QFETCH(double, coupling);
        QFETCH(QString, needle);
        const DataSpec spec{pairs, coupling, 1};
        const auto problem = validate(spec);
        QVERIFY(problem.has_value());
        QVERIFY2(QString::fromStdString(*problem).contains(needle), problem->c_str());
        QVERIFY_THROWS_EXCEPTION(InputError, BitData::generate(spec));
    }

    void requestLargerThanMemoryIsRefusedBeforeAllocating() {
        const auto available = availableMemoryBytes();
        QVERIFY(available.has_value());
        // 2e9 pairs need 500 MB: that fits here; the check itself is what is tested.
        QCOMPARE(packedBytes(kMaxPairs), std::uint64_t{2 * 31'250'000 * 8});
        QCOMPARE(packedBytes(1), std::uint64_t{16});
        QCOMPARE(packedBytes(64), std::uint64_t{16});
        QCOMPARE(packedBytes(65), std::uint64_t{32});
    }

    void sameSeedGivesSameBitsAndOtherSeedsDiffer() {
        const BitData a = BitData::generate({5000, 0.3, 9});
        const BitData b = BitData::generate({5000, 0.3, 9});
        const BitData c = BitData::generate({5000, 0.3, 10});
        QVERIFY(std::ranges::equal(a.xWords(), b.xWords()));
        QVERIFY(std::ranges::equal(a.yWords(), b.yWords()));
        QVERIFY(!std::ranges::equal(a.xWords(), c.xWords()));
    }

    void statisticEqualsPopcountReductionAndPaddingIsZero_data() {
        QTest::addColumn<quint64>("pairs");
        QTest::addColumn<double>("coupling");
        for (quint64 n : {1ULL, 63ULL, 64ULL, 65ULL, 1000ULL, 262'145ULL}) {
            QTest::addRow("N=%llu independent", n) << n << 0.0;
            QTest::addRow("N=%llu W=0.7", n) << n << 0.7;
        }
    }
    void statisticEqualsPopcountReductionAndPaddingIsZero() {
        QFETCH(quint64, pairs);
        QFETCH(double, coupling);
        const BitData data = BitData::generate({pairs, coupling, 3});
        QCOMPARE(data.statistic(), computeStatistic(data.xWords(), data.yWords(), pairs));
        std::int64_t c = 0;
        for (std::uint64_t i = 0; i < pairs; ++i)
            c += data.x(i) == data.y(i) ? 1 : -1;
        QCOMPARE(data.statistic().c, c);
        const unsigned tail = pairs % 64;
        if (tail != 0) {
            const std::uint64_t padding = ~((std::uint64_t{1} << tail) - 1);
            QCOMPARE(data.xWords().back() & padding, std::uint64_t{0});
            QCOMPARE(data.yWords().back() & padding, std::uint64_t{0});
        }
    }

    // Agreement count A ~ Binomial(N, 1 - q) with q = (1 - tanh W)/2; bits of X ~ Binomial(N, 1/2).
    // Each is checked within 4.5 binomial standard deviations.
    void agreementRateMatchesTheTrueCoupling_data() {
        QTest::addColumn<double>("coupling");
        for (double w : {-2.0, -0.5, 0.0, 0.2, 0.5, 1.0, 3.0})
            QTest::addRow("W=%g", w) << w;
    }
    void agreementRateMatchesTheTrueCoupling() {
        QFETCH(double, coupling);
        constexpr std::uint64_t kPairs = 2'000'000;
        const BitData data = BitData::generate({kPairs, coupling, 17});
        const double p = 1.0 - disagreementProbability(coupling);
        const double n = static_cast<double>(kPairs);
        const double agreements = static_cast<double>(data.statistic().agreements());
        QVERIFY2(std::abs(agreements - n * p) < 4.5 * std::sqrt(n * p * (1 - p)),
                 qPrintable(QString("agreements %1 expected %2").arg(agreements).arg(n * p)));
        std::uint64_t ones = 0;
        for (std::uint64_t word : data.xWords())
            ones += static_cast<std::uint64_t>(std::popcount(word));
        QVERIFY(std::abs(static_cast<double>(ones) - n / 2) < 4.5 * std::sqrt(n / 4));
        QCOMPARE(data.statistic().agreementFraction(), agreements / n);
    }

    void disagreementProbabilityIsStableForExtremeCouplings() {
        QCOMPARE(disagreementProbability(0.0), 0.5);
        QVERIFY(std::abs(disagreementProbability(0.5) - (1 - std::tanh(0.5)) / 2) < 1e-15);
        QCOMPARE(disagreementProbability(1000.0), 0.0);
        QCOMPARE(disagreementProbability(-1000.0), 1.0);
        const BitData all = BitData::generate({1000, 1000.0, 1});
        QCOMPARE(all.statistic().c, std::int64_t{1000});
        const BitData none = BitData::generate({1000, -1000.0, 1});
        QCOMPARE(none.statistic().c, std::int64_t{-1000});
    }
};

QTEST_GUILESS_MAIN(TestBitData)
#include "test_bit_data.moc"
