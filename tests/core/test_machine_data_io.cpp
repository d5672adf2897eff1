// Files of bits for the K-unit machine: CSV (0/1 or -1/+1) and NumPy .npy, and the CSV that
// --data-output writes, which must read back to the same bits.
#include <QtTest>
#include <cstring>

#include "core/input_error.h"
#include "core/machine_data_io.h"

using namespace couplinglab;

namespace {

std::string npy(const std::string& descr, int rows, int cols, const std::string& payload) {
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" +
                         std::to_string(rows) + ", " + std::to_string(cols) + "), }";
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(header.size() % 256);
    bytes += static_cast<char>(header.size() / 256);
    return bytes + header + payload;
}

}  // namespace

class TestMachineDataIo : public QObject {
    Q_OBJECT
  private slots:
    void generatedBitsRoundTripThroughCsvExactly() {
        const auto data = MachineData::generate({4, {}, {0.5, -0.5, 1.0, 0.0}, 1000 + 11, 3});
        const auto back = readBitsCsv(bitsCsv(data), "bits.csv");
        QCOMPARE(back.units(), 4);
        QCOMPARE(back.observations(), data.observations());
        for (int k = 0; k < 4; ++k) {
            QVERIFY(std::equal(back.unitWords(k).begin(), back.unitWords(k).end(),
                               data.unitWords(k).begin()));
        }
        QCOMPARE(bitsCsv(back), bitsCsv(data));
    }

    // The .npy that Save bits writes: NumPy's layout (a header padded to 64 bytes, dtype |u1)
    // and read back bit for bit.
    void generatedBitsRoundTripThroughNpyExactly_data() {
        QTest::addColumn<int>("units");
        QTest::addColumn<int>("observations");
        for (const int units : {2, 3, 8}) {
            for (const int observations : {1, 63, 64, 1000 + 11})
                QTest::addRow("K=%d N=%d", units, observations) << units << observations;
        }
    }
    void generatedBitsRoundTripThroughNpyExactly() {
        QFETCH(int, units);
        QFETCH(int, observations);
        const auto data =
            MachineData::generate({units,
                                   {},
                                   std::vector<double>(static_cast<std::size_t>(units), 0.3),
                                   static_cast<std::uint64_t>(observations),
                                   5});
        const std::string npy = bitsNpy(data);
        QVERIFY(npy.starts_with("\x93NUMPY\x01"));
        const std::size_t headerLength =
            static_cast<unsigned char>(npy[8]) + 256U * static_cast<unsigned char>(npy[9]);
        QCOMPARE((10 + headerLength) % 64, std::size_t{0});
        QCOMPARE(npy[9 + headerLength], '\n');
        QCOMPARE(npy.size(), 10 + headerLength + static_cast<std::size_t>(units * observations));
        const auto back = readBitsNpy(npy, "bits.npy");
        QCOMPARE(back.units(), units);
        QCOMPARE(bitsCsv(back), bitsCsv(data));
    }

    // The live run's two lists become x1 and x2, with the same C.
    void twoListsBecomeTheMachinesTwoUnitsWithTheSameStatistic() {
        const BitData lists = BitData::generate({1000 + 37, 0.4, 9});
        const MachineData data = machineDataOf(lists);
        QCOMPARE(data.units(), 2);
        QCOMPARE(data.observations(), lists.pairs());
        for (std::uint64_t i = 0; i < lists.pairs(); ++i) {
            QCOMPARE(data.bit(0, i), lists.x(i));
            QCOMPARE(data.bit(1, i), lists.y(i));
        }
        const Eigen::VectorXd sums = data.patternCounts(false).featureSums();
        QCOMPARE(sums[0], static_cast<double>(lists.statistic().c));
    }

    void plusMinusOneCsvReadsAsSpins() {
        const auto data = readBitsCsv("a,b,c\n-1,1,+1\n1,-1,-1\n", "pm.csv");
        QCOMPARE(data.units(), 3);
        QCOMPARE(data.observations(), 2ULL);
        QVERIFY(!data.bit(0, 0) && data.bit(1, 0) && data.bit(2, 0));
        QVERIFY(data.bit(0, 1) && !data.bit(1, 1) && !data.bit(2, 1));
    }

    void malformedCsvIsRefusedNamingRowAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("named");
        QTest::newRow("a 2") << "x,y\n0,1\n1,2\n"
                             << "row 3, column 2";
        QTest::newRow("a word") << "x,y\n0,yes\n"
                                << "row 2, column 2";
        QTest::newRow("0 and -1 mixed") << "x,y\n0,1\n-1,1\n"
                                        << "row 3, column 1";
        QTest::newRow("a short row") << "x,y,z\n0,1,1\n0,1\n"
                                     << "row 3 has 2 columns";
        QTest::newRow("one column") << "x\n0\n"
                                    << "2 to 8";
        QTest::newRow("no rows") << "x,y\n"
                                 << "no observations";
    }
    void malformedCsvIsRefusedNamingRowAndColumn() {
        QFETCH(QString, text);
        QFETCH(QString, named);
        try {
            readBitsCsv(text.toStdString(), "bad.csv");
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains(named), error.what());
            QVERIFY2(QString(error.what()).startsWith("bad.csv"), error.what());
        }
    }

    void npyOfBooleansAndIntegersReads_data() {
        QTest::addColumn<QString>("descr");
        QTest::addColumn<int>("width");
        QTest::addColumn<bool>("plusMinus");
        QTest::newRow("bool") << "|b1" << 1 << false;
        QTest::newRow("int8 0/1") << "|i1" << 1 << false;
        QTest::newRow("int64 -1/+1") << "<i8" << 8 << true;
        QTest::newRow("int32 -1/+1") << "<i4" << 4 << true;
    }
    void npyOfBooleansAndIntegersReads() {
        QFETCH(QString, descr);
        QFETCH(int, width);
        QFETCH(bool, plusMinus);
        const int values[] = {1, 0, 0, 1, 1, 1};  // 2 rows x 3 units
        std::string payload;
        for (int v : values) {
            const std::int64_t x = plusMinus ? 2 * v - 1 : v;
            char bytes[8];
            std::memcpy(bytes, &x, 8);
            payload.append(bytes, static_cast<std::size_t>(width));
        }
        const auto data = readBitsNpy(npy(descr.toStdString(), 2, 3, payload), "a.npy");
        QCOMPARE(data.units(), 3);
        QCOMPARE(data.observations(), 2ULL);
        for (int n = 0; n < 2; ++n) {
            for (int k = 0; k < 3; ++k)
                QCOMPARE(data.bit(k, static_cast<std::uint64_t>(n)), values[n * 3 + k] == 1);
        }
    }

    void badNpyIsRefusedNamingTheProblem_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("named");
        QTest::newRow("a float dtype")
            << QByteArray::fromStdString(npy("<f8", 1, 2, std::string(16, '\0'))) << "dtype";
        QTest::newRow("a value of 2")
            << QByteArray::fromStdString(npy("|i1", 1, 2, std::string("\x01\x02", 2)))
            << "row 1, column 2";
        QTest::newRow("cut short")
            << QByteArray::fromStdString(npy("|i1", 4, 2, std::string("\x01\x00", 2)))
            << "cut short";
        QTest::newRow("not npy") << QByteArray("\x93NUMPX1234567") << "not a NumPy";
    }
    void badNpyIsRefusedNamingTheProblem() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, named);
        try {
            readBitsNpy(bytes.toStdString(), "bad.npy");
            QFAIL("accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains(named), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestMachineDataIo)
#include "test_machine_data_io.moc"
