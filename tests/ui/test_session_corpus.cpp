// The fuzzer's seed corpus (tests/fuzz/corpus/session) as a plain regression test of the
// session loader, run in every build (the fuzzer itself needs clang; see scripts/fuzz.sh).
//
// File names state the verdict:
//   accept-NAME.json         must load, and survive toJson unchanged;
//   refuse-FIELD-NAME.json   must be refused with SessionError naming FIELD (a dotted JSON path,
//                            "document" or "format"...), e.g. refuse-sampler.chains-5.json.
// accept-preset-K-NAME.json holds preset K's settings (the chains aside, which a preset keeps).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QtTest>

#include "ui/app/presets.h"
#include "ui/settings/session.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

QString corpusDir() {
    return QFINDTESTDATA("../fuzz/corpus/session");
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestSessionCorpus : public QObject {
    Q_OBJECT

  private slots:
    void corpusHasBothVerdictsAndEveryPreset() {
        const QDir dir(corpusDir());
        QVERIFY2(dir.exists(), "tests/fuzz/corpus/session not found");
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QVERIFY(files.filter(QRegularExpression(QStringLiteral("^accept-"))).size() >= 5);
        QVERIFY(files.filter(QRegularExpression(QStringLiteral("^refuse-"))).size() >= 5);
        for (const QString& file : dir.entryList(QDir::Files)) {
            QVERIFY2(
                QRegularExpression(QStringLiteral("^(accept|refuse-[A-Za-z.]+)-[a-z0-9-]+\\.json$"))
                    .match(file)
                    .hasMatch(),
                qPrintable(file + QStringLiteral(": name does not state its verdict")));
        }
        for (std::size_t k = 1; k <= presets().size(); ++k) {
            QVERIFY2(!files.filter(QRegularExpression(QStringLiteral("^accept-preset-%1-").arg(k)))
                          .isEmpty(),
                     qPrintable(QStringLiteral("no accept-preset-%1-*.json").arg(k)));
        }
    }

    void everyFileGetsItsVerdict_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(corpusDir());
        for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files))
            QTest::newRow(qPrintable(file)) << dir.filePath(file);
    }

    void everyFileGetsItsVerdict() {
        QFETCH(QString, path);
        const QString file = QFileInfo(path).fileName();
        const QByteArray bytes = readAll(path);
        if (file.startsWith(QStringLiteral("accept-"))) {
            Session session;
            try {
                session = sessionFromJson(bytes);
            } catch (const SessionError& error) {
                QFAIL(qPrintable(QStringLiteral("refused: ") + QString::fromUtf8(error.what())));
            }
            QVERIFY(!validate(session.settings));
            QVERIFY(!sessionProblem(session));
            QCOMPARE(sessionFromJson(toJson(session)), session);
            QCOMPARE(loadSessionFile(path), session);
            const QRegularExpressionMatch preset =
                QRegularExpression(QStringLiteral("^accept-preset-(\\d+)-")).match(file);
            if (preset.hasMatch()) {
                const std::size_t k = preset.captured(1).toUInt();
                QVERIFY(k >= 1 && k <= presets().size());
                RunSettings expected = presets()[k - 1].settings;
                expected.sampler.chains = session.settings.sampler.chains;
                QVERIFY2(session.settings == expected,
                         qPrintable(file + QStringLiteral(" no longer holds preset %1's settings: "
                                                          "write it again with toJson")
                                               .arg(k)));
            }
            return;
        }
        const QString field = file.section(QLatin1Char('-'), 1, 1);
        QVERIFY2(file.startsWith(QStringLiteral("refuse-")) && !field.isEmpty(), qPrintable(file));
        bool refused = false;
        try {
            sessionFromJson(bytes);
        } catch (const SessionError& error) {
            refused = true;
            QCOMPARE(error.field(), field);
        }
        QVERIFY2(refused, "accepted, but the name says it is refused");
        // The file path gives the same verdict (it only adds the size and read checks).
        QVERIFY_THROWS_EXCEPTION(SessionError, loadSessionFile(path));
    }
};

QTEST_MAIN(TestSessionCorpus)
#include "test_session_corpus.moc"
