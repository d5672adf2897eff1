#include <QtTest>
#include <sstream>

#include "core/chain_runner.h"
#include "core/input_error.h"
#include "core/stan_csv.h"

using namespace couplinglab;

namespace {

struct CsvRun {
    CsvRunInfo info;
    RunResult run;
};

CsvRun smallRun(std::uint64_t seed, int threads = 0) {
    CsvRun r;
    r.info.data = {1000, 0.0, 3};
    r.info.statistic = BitData::generate(r.info.data).statistic();
    r.info.model.likelihood = Likelihood::ExactBoltzmann;
    r.info.sampler.warmup = 300;
    r.info.sampler.draws = 400;
    r.info.sampler.chains = 3;
    r.info.sampler.seed = seed;
    RunOptions options;
    options.threads = threads;
    r.run = runChains(CouplingTarget(r.info.model, r.info.statistic), r.info.sampler, options);
    return r;
}

std::string csvOfChain(CsvRun& r, int chain) {
    r.info.chain = chain;
    r.info.stepSize = r.run.chains[chain].stepSize;
    r.info.inverseMetric = r.run.chains[chain].inverseMetric;
    return stanCsv(r.info, r.run.chains[chain].records);
}

}  // namespace

class TestStanCsv : public QObject {
    Q_OBJECT
  private slots:
    void sameSeedGivesIdenticalBytesWhateverTheThreadCount() {
        CsvRun first = smallRun(5, 1);
        CsvRun second = smallRun(5, 3);
        CsvRun other = smallRun(6);
        for (int chain = 0; chain < 3; ++chain) {
            QCOMPARE(csvOfChain(first, chain), csvOfChain(second, chain));
            QVERIFY(csvOfChain(first, chain) != csvOfChain(other, chain));
        }
        QVERIFY(csvOfChain(first, 0) != csvOfChain(first, 1));
    }

    void csvRoundTripsEveryValueExactly() {
        CsvRun r = smallRun(9);
        const std::string text = csvOfChain(r, 1);
        std::istringstream in(text);
        const StanCsv csv = readStanCsv(in);
        QCOMPARE(QString::fromStdString(csv.config.at("id")), QString("2"));
        QCOMPARE(QString::fromStdString(csv.config.at("num_samples")), QString("400"));
        QCOMPARE(QString::fromStdString(csv.config.at("engine")), QString("nuts"));
        QCOMPARE(QString::fromStdString(csv.config.at("metric")), QString("diag_e"));
        QCOMPARE(QString::fromStdString(csv.config.at("likelihood")), QString("boltzmann"));
        QCOMPARE(csv.stepSize, r.run.chains[1].stepSize);
        QCOMPARE(csv.inverseMetric, std::vector<double>{r.run.chains[1].inverseMetric});
        QCOMPARE(QString::fromStdString(csv.header.front() + "," + csv.header.back()),
                 QString("lp__,w"));
        QCOMPARE(csv.header.size(), std::size_t{8});
        std::vector<IterationRecord> draws;
        for (const auto& rec : r.run.chains[1].records) {
            if (!rec.warmup) draws.push_back(rec);
        }
        QCOMPARE(csv.rows.size(), draws.size());
        const auto w = csv.column("w");
        const auto lp = csv.column("lp__");
        const auto depth = csv.column("treedepth__");
        for (std::size_t i = 0; i < draws.size(); ++i) {
            QVERIFY(w[i] == draws[i].w);
            QVERIFY(lp[i] == draws[i].lp);
            QCOMPARE(static_cast<int>(depth[i]), draws[i].treeDepth);
        }
    }

    void numbersAreWrittenInShortestRoundTripForm() {
        QCOMPARE(QString::fromStdString(formatNumber(0.1)), QString("0.1"));
        QCOMPARE(QString::fromStdString(formatNumber(1e-300)), QString("1e-300"));
        QCOMPARE(QString::fromStdString(formatNumber(-2.5)), QString("-2.5"));
        QCOMPARE(QString::fromStdString(formatNumber(std::nan(""))), QString("nan"));
        QCOMPARE(QString::fromStdString(formatNumber(-std::numeric_limits<double>::infinity())),
                 QString("-inf"));
    }

    void chainFilesFollowCmdStanNaming() {
        QCOMPARE(chainFileNames("out.csv", 1), std::vector<std::string>{"out.csv"});
        QCOMPARE(chainFileNames("dir/out.csv", 3),
                 (std::vector<std::string>{"dir/out_1.csv", "dir/out_2.csv", "dir/out_3.csv"}));
        QCOMPARE(chainFileNames("out", 2), (std::vector<std::string>{"out_1", "out_2"}));
    }

    void malformedCsvIsRefusedNamingTheLine_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no header") << "# only comments\n"
                                   << "no header";
        QTest::newRow("short row") << "a,b\n1,2\n3\n"
                                   << "line 3";
        QTest::newRow("not a number") << "a,b\n1,x\n"
                                      << "line 2";
        QTest::newRow("trailing junk") << "a\n1.5abc\n"
                                       << "line 2";
    }
    void malformedCsvIsRefusedNamingTheLine() {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        std::istringstream in(text.toStdString());
        try {
            readStanCsv(in);
            QFAIL("accepted a malformed CSV");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains(needle), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestStanCsv)
#include "test_stan_csv.moc"
