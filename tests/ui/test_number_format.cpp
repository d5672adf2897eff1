// The window's one number formatter (ui/support/number_format.h), in the shapes the window shows:
// counts in the status bar, the panel and the sweep grid; the explanation's significant digits
// and powers of ten; the panel's typeable numbers.
#include <QtTest>

#include <cmath>
#include <limits>

#include "ui/support/number_format.h"

using namespace couplinglab::ui;

namespace {

// Spaces written as '_' (no-break) so that the table below shows where the groups are.
QString visible(QString text) {
    return text.replace(QChar(0x00A0), QLatin1Char('_'));
}

}  // namespace

class TestNumberFormat : public QObject {
    Q_OBJECT

  private slots:
    void countsGroupDigitsWithANoBreakSpace_data() {
        QTest::addColumn<qint64>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64{0} << "0";
        QTest::newRow("three digits") << qint64{999} << "999";
        QTest::newRow("thousand") << qint64{1000} << "1_000";
        QTest::newRow("agreements") << qint64{5049} << "5_049";
        QTest::newRow("N default") << qint64{10'000} << "10_000";
        QTest::newRow("N largest") << qint64{100'000'000} << "100_000_000";
        QTest::newRow("seed largest") << qint64{2'147'483'647} << "2_147_483_647";
        QTest::newRow("negative C") << qint64{-98} << "\u221298";
        QTest::newRow("negative thousands") << qint64{-12'346} << "\u221212_346";
        QTest::newRow("int64 minimum")
            << std::numeric_limits<qint64>::min() << "\u22129_223_372_036_854_775_808";
    }
    void countsGroupDigitsWithANoBreakSpace() {
        QFETCH(qint64, value);
        QFETCH(QString, text);
        QCOMPARE(visible(formatCount(value)), text);
    }

    void numbersShowSignificantDigitsAndPowersOfTen_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("digits");
        QTest::addColumn<QString>("number");   // formatNumber
        QTest::addColumn<QString>("compact");  // formatCompact
        QTest::newRow("zero") << 0.0 << 3 << "0"
                              << "0";
        QTest::newRow("half") << 0.5 << 3 << "0.500"
                              << "0.5";
        QTest::newRow("negative half") << -0.5 << 3 << "\u22120.500"
                                       << "\u22120.5";
        QTest::newRow("one") << 1.0 << 4 << "1.000"
                             << "1";
        QTest::newRow("rounds up a decade") << 9.9996 << 3 << "10.0"
                                            << "10";
        QTest::newRow("thousands rounded") << 12345.0 << 3 << "12_300"
                                           << "12_300";
        QTest::newRow("small fixed") << 0.001234 << 3 << "0.00123"
                                     << "0.00123";
        QTest::newRow("small power") << 1e-4 << 3 << "1.00_×_10⁻⁴"
                                     << "1_×_10⁻⁴";
        QTest::newRow("large power") << 2.5e7 << 3 << "2.50_×_10⁷"
                                     << "2.5_×_10⁷";
        QTest::newRow("negative small") << -3.16e-4 << 3 << "\u22123.16_×_10⁻⁴"
                                        << "\u22123.16_×_10⁻⁴";
        QTest::newRow("NaN") << std::nan("") << 3 << "n/a"
                             << "n/a";
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << 3 << "n/a"
                                  << "n/a";
    }
    void numbersShowSignificantDigitsAndPowersOfTen() {
        QFETCH(double, value);
        QFETCH(int, digits);
        QFETCH(QString, number);
        QFETCH(QString, compact);
        QCOMPARE(visible(formatNumber(value, digits)), number);
        QCOMPARE(visible(formatCompact(value, digits)), compact);
    }

    // The panel's fields write numbers a student can type back: a hyphen and "1e-6".
    void typeableNumbersUseAHyphenAndEShorthand_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("significant");
        QTest::addColumn<double>("smallestFixed");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("readout");  // withTypographicMinus
        QTest::newRow("zero") << 0.0 << 3 << 1e-3 << "0"
                              << "0";
        QTest::newRow("prior sd") << 1.0 << 3 << 1e-3 << "1"
                                  << "1";
        QTest::newRow("step size") << 0.0125 << 4 << 1e-3 << "0.0125"
                                   << "0.0125";
        QTest::newRow("below fixed") << 1e-6 << 4 << 1e-3 << "1e-6"
                                     << "1e-6";
        QTest::newRow("C/N") << -0.0001235 << 4 << 1e-6 << "-0.0001235"
                             << "\u22120.0001235";
        QTest::newRow("large") << 2.5e7 << 3 << 1e-3 << "2.5e7"
                               << "2.5e7";
        QTest::newRow("hundreds") << 123.456 << 4 << 1e-3 << "123.5"
                                  << "123.5";
    }
    void typeableNumbersUseAHyphenAndEShorthand() {
        QFETCH(double, value);
        QFETCH(int, significant);
        QFETCH(double, smallestFixed);
        QFETCH(QString, text);
        QFETCH(QString, readout);
        const QString typed = formatSignificant(value, significant, smallestFixed);
        QCOMPARE(typed, text);
        QCOMPARE(withTypographicMinus(typed), readout);
    }

    void superscriptsWriteExponents_data() {
        QTest::addColumn<int>("exponent");
        QTest::addColumn<QString>("text");
        QTest::newRow("0") << 0 << "⁰";
        QTest::newRow("7") << 7 << "⁷";
        QTest::newRow("-5") << -5 << "⁻⁵";
        QTest::newRow("12") << 12 << "¹²";
    }
    void superscriptsWriteExponents() {
        QFETCH(int, exponent);
        QFETCH(QString, text);
        QCOMPARE(superscript(exponent), text);
    }
};

QTEST_GUILESS_MAIN(TestNumberFormat)
#include "test_number_format.moc"
