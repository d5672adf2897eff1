// The summaries' building blocks, in process: the JSON writer (escapes, numbers, nesting,
// misuse) and the table's closing sentence, which judges the sample mean in MCSE.
#include <QtTest>

#include <cmath>
#include <limits>
#include <sstream>

#include "app/cli/json_writer.h"
#include "app/cli/report.h"

class TestCliSummaryText : public QObject {
    Q_OBJECT

  private slots:
    // In process: the JSON writer.

    void jsonStringEscapes_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("abc") << QByteArray("\"abc\"");
        QTest::newRow("empty") << QByteArray("") << QByteArray("\"\"");
        QTest::newRow("quote and backslash")
            << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
        QTest::newRow("named controls")
            << QByteArray("\b\f\n\r\t") << QByteArray("\"\\b\\f\\n\\r\\t\"");
        QTest::newRow("other controls")
            << QByteArray("\x01\x1f", 2) << QByteArray("\"\\u0001\\u001f\"");
        QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray("\"a\\u0000b\"");
        QTest::newRow("slash kept") << QByteArray("a/b") << QByteArray("\"a/b\"");
        QTest::newRow("utf-8 kept") << QByteArray("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80")
                                    << QByteArray("\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
        QTest::newRow("lone continuation byte")
            << QByteArray("a\x80z") << QByteArray("\"a\xef\xbf\xbdz\"");
        QTest::newRow("truncated sequence")
            << QByteArray("\xe2\x82") << QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\"");
        QTest::newRow("overlong slash")
            << QByteArray("\xc0\xaf") << QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\"");
        QTest::newRow("surrogate")
            << QByteArray("\xed\xa0\x80") << QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    }
    void jsonStringEscapes() {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        const std::string escaped =
            couplinglab::cli::jsonString(std::string_view(text.constData(), text.size()));
        QCOMPARE(QByteArray::fromStdString(escaped), expected);
        // Qt's parser reads it back.
        const QJsonDocument document = QJsonDocument::fromJson("[" + expected + "]");
        QVERIFY(document.isArray());
    }

    void jsonNumbersRoundTripAndNonFiniteIsNull() {
        using couplinglab::cli::jsonNumber;
        QCOMPARE(jsonNumber(0.1), std::string("0.1"));
        QCOMPARE(jsonNumber(0.0), std::string("0"));
        QCOMPARE(jsonNumber(1e300), std::string("1e+300"));
        QCOMPARE(jsonNumber(std::nan("")), std::string("null"));
        QCOMPARE(jsonNumber(std::numeric_limits<double>::infinity()), std::string("null"));
        QCOMPARE(jsonNumber(-std::numeric_limits<double>::infinity()), std::string("null"));
        for (const double x : {0.1, 1.0 / 3.0, -2.5e-300, 98.01234567890123, 5e-324}) {
            QCOMPARE(std::strtod(jsonNumber(x).c_str(), nullptr), x);
        }
    }

    void jsonWriterNestsAndSeparates() {
        std::ostringstream out;
        couplinglab::cli::JsonWriter json(out);
        QVERIFY(!json.complete());
        json.beginObject()
            .key("a")
            .value(1)
            .key("b")
            .beginArray()
            .value(true)
            .null()
            .value("x")
            .beginObject()
            .endObject()
            .beginArray()
            .endArray()
            .endArray()
            .key("c")
            .value(std::numeric_limits<double>::quiet_NaN())
            .key("d")
            .value(std::uint64_t{18446744073709551615ULL})
            .key("e")
            .value(std::int64_t{-5})
            .endObject();
        QVERIFY(json.complete());
        QCOMPARE(
            QString::fromStdString(out.str()),
            QString(
                R"({"a":1,"b":[true,null,"x",{},[]],"c":null,"d":18446744073709551615,"e":-5})"));
        QVERIFY(QJsonDocument::fromJson(QByteArray::fromStdString(out.str())).isObject());
    }

    void jsonWriterRefusesMisuse() {
        std::ostringstream out;
        couplinglab::cli::JsonWriter json(out);
        json.beginObject();
        QVERIFY_THROWS_EXCEPTION(std::logic_error, json.value(1));  // a value needs a key
        QVERIFY_THROWS_EXCEPTION(std::logic_error, json.endArray());
        json.key("k");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, json.key("again"));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, json.endObject());
        json.value(2).endObject();
        QVERIFY_THROWS_EXCEPTION(std::logic_error, json.beginObject());  // a second top-level value
    }

    // In process: the closing sentence.

    void comparisonSentenceJudgesInMcse_data() {
        QTest::addColumn<double>("sample");
        QTest::addColumn<double>("exact");
        QTest::addColumn<double>("mcse");
        QTest::addColumn<QString>("expected");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("close above")
            << 98.02 << 98.0 << 0.02 << "lies 1.0 MCSE above the exact mean 98, as close";
        QTest::newRow("close below") << -0.001 << 0.0 << 0.002 << "lies 0.5 MCSE below";
        QTest::newRow("equal") << 1.0 << 1.0 << 0.1 << "lies 0.0 MCSE above";
        QTest::newRow("a little far")
            << 1.3 << 1.0 << 0.1 << "3.0 MCSE above the exact mean 1, a little far";
        QTest::newRow("far") << 0.0 << 98.0 << 0.5
                             << "196.0 MCSE below the exact mean 98, far more than chance";
        QTest::newRow("no mcse") << 1.0 << 1.0 << nan << "cannot be judged";
        QTest::newRow("zero mcse") << 1.0 << 1.5 << 0.0 << "cannot be judged";
        QTest::newRow("no mean") << nan << 1.0 << 0.1 << "not a finite number";
    }
    void comparisonSentenceJudgesInMcse() {
        QFETCH(double, sample);
        QFETCH(double, exact);
        QFETCH(double, mcse);
        QFETCH(QString, expected);
        const QString sentence =
            QString::fromStdString(couplinglab::cli::comparisonSentence(sample, exact, mcse));
        QVERIFY2(sentence.contains(expected), qPrintable(sentence));
        QVERIFY(sentence.startsWith("The sample mean") && sentence.endsWith('.'));
        QVERIFY(!sentence.contains('\n'));
    }
};

QTEST_GUILESS_MAIN(TestCliSummaryText)
#include "test_cli_summary_text.moc"
