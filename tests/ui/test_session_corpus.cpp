// The fuzzer's seed corpus (tests/fuzz/corpus/session) as a plain regression test of the
// session loader, run in every build (the fuzzer itself needs clang; see scripts/fuzz.sh).
//
// File names state the verdict:
//   accept-NAME.json         must load, and survive toJson unchanged;
//   refuse-FIELD-NAME.json   must be refused with SessionError naming FIELD (a dotted JSON path,
//                            "document" or "format"...), e.g. refuse-sampler.chains-5.json.
// accept-step-K-NAME.json holds the settings of step K of the first built-in lesson (the chains
// aside).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QtTest>

#include "ui/lessons/lesson.h"
#include "ui/settings/session.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

// The first built-in lesson, kept: builtInLessons() returns a new vector each time.
const Lesson& firstLesson() {
    static const Lesson lesson = builtInLessons().front();
    return lesson;
}

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
    void corpusHasBothVerdictsAndEveryLessonStep() {
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
        // Every step whose settings no earlier step has.
        const std::vector<LessonStep>& steps = firstLesson().steps;
        for (std::size_t k = 1; k <= steps.size(); ++k) {
            const bool seen =
                std::any_of(steps.begin(), steps.begin() + static_cast<long>(k - 1),
                            [&](const LessonStep& earlier) {
                                return earlier.session.settings == steps[k - 1].session.settings;
                            });
            if (seen) continue;
            QVERIFY2(!files.filter(QRegularExpression(QStringLiteral("^accept-step-%1-").arg(k)))
                          .isEmpty(),
                     qPrintable(QStringLiteral("no accept-step-%1-*.json").arg(k)));
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
            const QRegularExpressionMatch step =
                QRegularExpression(QStringLiteral("^accept-step-(\\d+)-")).match(file);
            if (step.hasMatch()) {
                const std::vector<LessonStep>& steps = firstLesson().steps;
                const std::size_t k = step.captured(1).toUInt();
                QVERIFY(k >= 1 && k <= steps.size());
                RunSettings expected = steps[k - 1].session.settings;
                expected.sampler.chains = session.settings.sampler.chains;
                QVERIFY2(session.settings == expected,
                         qPrintable(file + QStringLiteral(" no longer holds step %1's settings: "
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
