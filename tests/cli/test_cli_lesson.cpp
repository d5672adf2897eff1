// couplinglab-cli --list-lessons and --lesson FILE|NAME --handout FILE.pdf, run as a user runs
// them: the real executable in a QProcess, without a display. The PDF is read back with
// poppler's pdfinfo and pdftotext (scripts/setup.sh installs poppler-utils).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "support/pdf_reader.h"

#include "ui/lessons/lesson.h"

#ifndef COUPLINGLAB_CLI_PATH
#error "COUPLINGLAB_CLI_PATH must name the couplinglab-cli executable"
#endif

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::testing;

namespace {

struct Outcome {
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome runCli(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));  // the CLI chooses offscreen itself
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(COUPLINGLAB_CLI_PATH), arguments);
    Outcome outcome;
    if (!process.waitForStarted(10000) || !process.waitForFinished(240000)) {
        process.kill();
        process.waitForFinished();
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestCliLesson : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { Q_INIT_RESOURCE(resources); }

    void listLessonsPrintsEachBuiltInLessonsNameFirstOnItsLine() {
        const Outcome outcome = runCli({QStringLiteral("--list-lessons")});
        QCOMPARE(outcome.exitCode, 0);
        const QStringList lines = outcome.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList names = builtInLessonNames();
        const std::vector<Lesson> lessons = builtInLessons();
        QCOMPARE(lines.size(), names.size());
        QVERIFY(names.contains(QStringLiteral("why-162")));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QCOMPARE(lines.at(i).section(QLatin1Char('\t'), 0, 0), names.at(i));
            QCOMPARE(lines.at(i).section(QLatin1Char('\t'), 1),
                     lessons[static_cast<std::size_t>(i)].title);
        }
    }

    // Every step of the built-in lesson on its own page: title, the answer marked, the answer
    // paragraph with its numbers filled in, and the sweep's plots on the sweep step.
    void handoutOfTheBuiltInLessonHasOnePagePerStepWithItsAnswer() {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("why-162.pdf"));
        const Outcome outcome = runCli({QStringLiteral("--lesson"), QStringLiteral("why-162"),
                                        QStringLiteral("--handout"), pdf});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        QVERIFY2(outcome.err.isEmpty(), qPrintable(outcome.err));  // no progress off a terminal
        const Lesson lesson = lessonByNameOrFile(QStringLiteral("why-162"));
        const auto steps = static_cast<int>(lesson.steps.size());
        QCOMPARE(pdfPageCount(pdf), steps);
        const QString info = pdfInfo(pdf);
        QVERIFY2(info.contains(QStringLiteral("Title:           ") + lesson.title +
                               QStringLiteral(" (handout)")),
                 qPrintable(info));
        QVERIFY2(QRegularExpression(QStringLiteral("Creator:\\s+Coupling Lab \\d"))
                     .match(info)
                     .hasMatch(),
                 qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("842 x 595 pts (A4)")), qPrintable(info));
        for (int i = 0; i < steps; ++i) {
            const LessonStep& step = lesson.steps[static_cast<std::size_t>(i)];
            const QString text = pdfPageText(pdf, i + 1);
            QVERIFY2(text.contains(QStringLiteral("Step %1 of %2").arg(i + 1).arg(steps)),
                     qPrintable(text));
            QVERIFY2(text.contains(step.title), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("Answer.")), qPrintable(text));
            QVERIFY2(!text.contains(QLatin1Char('{')), qPrintable(text));
            if (step.question && !step.question->isNumber())
                QVERIFY2(text.contains(QStringLiteral("— the answer")), qPrintable(text));
            if (step.tab == QLatin1String("sweep")) {
                QVERIFY2(text.contains(QStringLiteral("Step size against N")), qPrintable(text));
            } else {
                QVERIFY2(text.contains(QStringLiteral("Trace of w")), qPrintable(text));
            }
        }
        // Step 1's answer with the exact posterior of its own run: Normal(162, 1.00).
        QVERIFY2(pdfPageText(pdf, 1).contains(QStringLiteral("Normal(162, 1.00)")),
                 qPrintable(pdfPageText(pdf, 1)));
    }

    // The Boltzmann machine lesson's pages show the machine tab's plots and its run's numbers
    // in the answers (no "n/a", no placeholder), with the machine's settings line.
    void handoutOfTheMachineLessonShowsItsPlotsAndNumbers() {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("narrowest.pdf"));
        const Outcome outcome =
            runCli({QStringLiteral("--lesson"), QStringLiteral("narrowest-direction"),
                    QStringLiteral("--handout"), pdf});
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.err));
        const Lesson lesson = lessonByNameOrFile(QStringLiteral("narrowest-direction"));
        QCOMPARE(pdfPageCount(pdf), static_cast<int>(lesson.steps.size()));
        for (int i = 0; i < static_cast<int>(lesson.steps.size()); ++i) {
            const QString text = pdfPageText(pdf, i + 1);
            QVERIFY2(text.contains(QStringLiteral("Pairs")) &&
                         text.contains(QStringLiteral("Trajectory in position space")) &&
                         text.contains(QStringLiteral("Step size and widths")),
                     qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("Boltzmann machine: K =")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("n/a")) && !text.contains(QLatin1Char('{')),
                     qPrintable(text));
        }
        QVERIFY2(
            pdfPageText(pdf, 2).contains(QStringLiteral("it drops about tenfold — the answer")),
            qPrintable(pdfPageText(pdf, 2)));
    }

    // Refused before anything is drawn: exit 2, the problem named, no file written and a file
    // already there untouched.
    void refusedInvocationsNameTheProblemAndWriteNothing_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("OUT");
        QTest::newRow("unknown lesson")
            << QStringList{"--lesson", "nope", "--handout", out}
            << "--lesson: nope: is neither a built-in lesson (why-162, narrowest-direction) nor a "
               "file";
        QTest::newRow("handout alone")
            << QStringList{"--handout", out} << "--handout: needs --lesson";
        QTest::newRow("lesson alone") << QStringList{"--lesson", "why-162"}
                                      << "--lesson: is only used with --handout FILE.pdf";
        QTest::newRow("with a run option")
            << QStringList{"--lesson", "why-162", "--handout", out, "--pairs", "5"}
            << "--handout: cannot be combined with --pairs";
        QTest::newRow("malformed lesson file") << QStringList{"--lesson", "BAD", "--handout", out}
                                               << "--lesson: line 1: version: 9 is not supported";
        QTest::newRow("folder that does not exist")
            << QStringList{"--lesson", "why-162", "--handout", "MISSING/handout.pdf"}
            << "--handout:";
    }
    void refusedInvocationsNameTheProblemAndWriteNothing() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("handout.pdf"));
        {
            QFile old(out);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
        }
        const QString bad = dir.filePath(QStringLiteral("bad.lesson.json"));
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(
                R"({"format": "couplinglab-lesson", "version": 9, "title": "x", "steps": []})");
        }
        for (QString& argument : arguments) {
            if (argument == QLatin1String("OUT")) argument = out;
            if (argument == QLatin1String("BAD")) argument = bad;
            if (argument.startsWith(QLatin1String("MISSING/"))) argument = dir.filePath(argument);
        }
        const Outcome outcome = runCli(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message), qPrintable(outcome.err));
        QCOMPARE(readAll(out), QByteArray("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);  // the old file, the lesson
    }
};

QTEST_GUILESS_MAIN(TestCliLesson)
#include "test_cli_lesson.moc"
