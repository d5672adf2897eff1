// Lessons: the JSON format (ui/lessons/lesson.h), its strict reading with line numbers, writing
// it back, the built-in lesson and the placeholders of a step's text.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/bit_data.h"
#include "core/exact_posterior.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_text.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

// A valid two-step lesson, one field a line, so that a test knows the line of every value.
// `replace` swaps the text of line `line` (from 1) for another.
QByteArray smallLesson(int line = 0, const QByteArray& replacement = {}) {
    QList<QByteArray> lines{
        "{",                                                                 // 1
        "  \"format\": \"couplinglab-lesson\",",                             // 2
        "  \"version\": 1,",                                                 // 3
        "  \"title\": \"Small\",",                                           // 4
        "  \"steps\": [",                                                    // 5
        "    {",                                                             // 6
        "      \"title\": \"One\",",                                         // 7
        "      \"settings\": {",                                             // 8
        "        \"model\": {\"likelihood\": \"boltzmann\"},",               // 9
        "        \"sampler\": {\"chains\": 2}",                              // 10
        "      },",                                                          // 11
        "      \"question\": {",                                             // 12
        "        \"text\": \"Where?\",",                                     // 13
        "        \"choices\": [\"here\", \"there\"],",                       // 14
        "        \"answer\": \"there\"",                                     // 15
        "      },",                                                          // 16
        "      \"hidden\": [\"referenceCurve\", \"verdict\"],",              // 17
        "      \"explanation\": \"C = {C}\"",                                // 18
        "    },",                                                            // 19
        "    {",                                                             // 20
        "      \"title\": \"Two\",",                                         // 21
        "      \"settings\": {\"sampler\": {\"metric\": \"unit\"}},",        // 22
        "      \"show\": {\"plots\": [\"trace\"], \"tab\": \"run\"},",       // 23
        "      \"question\": {\"text\": \"How much?\", \"answer\": 0.01},",  // 24
        "      \"reveal\": \"sd {exactSd}\"",                                // 25
        "    }",                                                             // 26
        "  ]",                                                               // 27
        "}",                                                                 // 28
    };
    if (line > 0) lines[line - 1] = replacement;
    return lines.join('\n') + '\n';
}

}  // namespace

class TestLesson : public QObject {
    Q_OBJECT

  private slots:
    void smallLessonReadsEveryField() {
        const Lesson lesson = lessonFromJson(smallLesson());
        QCOMPARE(lesson.title, QStringLiteral("Small"));
        QCOMPARE(lesson.steps.size(), std::size_t{2});
        const LessonStep& one = lesson.steps[0];
        QVERIFY(one.session.settings.model.likelihood == Likelihood::ExactBoltzmann);
        QCOMPARE(one.session.settings.sampler.chains, 2);
        QVERIFY(one.session.settings.data == DataSpec{});  // the rest are the defaults
        QCOMPARE(one.plots, lessonPlotNames());
        QCOMPARE(one.panels, lessonPanelNames());
        QVERIFY(one.question && !one.question->isNumber());
        QCOMPARE(one.question->answer, 1);
        QCOMPARE(one.hidden, QStringList({"referenceCurve", "verdict"}));
        // Step two keeps step one's settings and changes one.
        const LessonStep& two = lesson.steps[1];
        QVERIFY(two.session.settings.model.likelihood == Likelihood::ExactBoltzmann);
        QCOMPARE(two.session.settings.sampler.chains, 2);
        QVERIFY(!two.session.settings.sampler.adaptMetric);
        QCOMPARE(two.plots, QStringList{"trace"});
        QVERIFY(two.question && two.question->isNumber());
        QCOMPARE(two.question->number, 0.01);
        QVERIFY(two.hidden.isEmpty());
    }

    void writtenLessonReadsBackTheSame() {
        const Lesson lesson = lessonFromJson(smallLesson());
        QCOMPARE(lessonFromJson(lessonToJson(lesson)), lesson);
        for (const Lesson& builtIn : builtInLessons())
            QCOMPARE(lessonFromJson(lessonToJson(builtIn)), builtIn);
    }

    // docs/lessons.md's complete example is a lesson the window accepts.
    void documentedExampleIsAccepted() {
        QFile doc(QStringLiteral(COUPLINGLAB_SOURCE_DIR "/docs/lessons.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QByteArray text = doc.readAll();
        const qsizetype start = text.indexOf("```json\n") + 8;
        const qsizetype end = text.indexOf("```", start);
        QVERIFY(start > 8 && end > start);
        const Lesson lesson = lessonFromJson(text.mid(start, end - start));
        QCOMPARE(lesson.steps.size(), std::size_t{2});
        QCOMPARE(lesson.steps[1].tab, QStringLiteral("sweep"));
    }

    void fileSavedAndOpenedIsTheSameLesson() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("small.lesson.json"));
        const Lesson lesson = lessonFromJson(smallLesson());
        saveLessonFile(path, lesson);
        QCOMPARE(loadLessonFile(path), lesson);
    }

    void missingFileIsRefusedNamingIt() {
        try {
            loadLessonFile(QStringLiteral("/nonexistent/x.lesson.json"));
            QFAIL("a missing file was accepted");
        } catch (const LessonError& error) {
            QCOMPARE(error.line(), 0);
            QVERIFY(error.field().contains(QStringLiteral("x.lesson.json")));
        }
    }

    void malformed_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not JSON") << smallLesson(13, "        \"text\" \"Where?\",") << 13
                                  << "document"
                                  << "not valid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << 1 << "document"
                                       << "must be a JSON object";
        QTest::newRow("other format")
            << smallLesson(2, "  \"format\": \"couplinglab-session\",") << 2 << "format"
            << "must be \"couplinglab-lesson\"";
        QTest::newRow("future version") << smallLesson(3, "  \"version\": 2,") << 3 << "version"
                                        << "2 is not supported (expected 1)";
        QTest::newRow("unknown top field")
            << smallLesson(4, "  \"titel\": \"Small\",") << 4 << "titel"
            << "unknown field";
        QTest::newRow("no steps") << smallLesson(0).replace("\"steps\"", "\"stepz\"") << 5
                                  << "stepz"
                                  << "unknown field";
        QTest::newRow("empty step title")
            << smallLesson(7, "      \"title\": \" \",") << 7 << "steps[0].title"
            << "is empty";
        QTest::newRow("unknown block")
            << smallLesson(9, "        \"modle\": {\"x\": 1},") << 9 << "steps[0].settings.modle"
            << "unknown field";
        QTest::newRow("misspelt setting") << smallLesson(10, "        \"sampler\": {\"chanis\": 2}")
                                          << 10 << "steps[0].settings.sampler.chanis"
                                          << "unknown field";
        QTest::newRow("too many chains") << smallLesson(10, "        \"sampler\": {\"chains\": 9}")
                                         << 10 << "steps[0].settings.sampler.chains"
                                         << "must be a whole number from 1 to";
        QTest::newRow("bad likelihood")
            << smallLesson(9, "        \"model\": {\"likelihood\": \"ising\"},") << 9
            << "steps[0].settings.model.likelihood"
            << "must be \"potential\" or \"boltzmann\"";
        QTest::newRow("one choice") << smallLesson(14, "        \"choices\": [\"here\"],") << 14
                                    << "steps[0].question.choices"
                                    << "2 to 4 choices";
        QTest::newRow("answer not a choice") << smallLesson(15, "        \"answer\": \"nowhere\"")
                                             << 15 << "steps[0].question.answer"
                                             << "must be one of the choices";
        QTest::newRow("number answer not a number")
            << smallLesson(24,
                           "      \"question\": {\"text\": \"How much?\", \"answer\": \"lots\"},")
            << 24 << "steps[1].question.answer"
            << "must be a number";
        QTest::newRow("unknown hidden element")
            << smallLesson(17, "      \"hidden\": [\"referenceCurve\", \"answers\"],") << 17
            << "steps[0].hidden[1]"
            << "must be one of referenceCurve";
        QTest::newRow("unknown plot")
            << smallLesson(23, "      \"show\": {\"plots\": [\"tarce\"]},") << 23
            << "steps[1].show.plots[0]"
            << "must be one of";
        QTest::newRow("bad tab") << smallLesson(23, "      \"show\": {\"tab\": \"sweeps\"},") << 23
                                 << "steps[1].show.tab"
                                 << "must be \"run\", \"sweep\" or \"machine\"";
        QTest::newRow("unknown placeholder")
            << smallLesson(18, "      \"explanation\": \"C = {CC}\"") << 18
            << "steps[0].explanation"
            << "unknown placeholder {CC}";
        QTest::newRow("unmatched brace")
            << smallLesson(25, "      \"reveal\": \"sd {exactSd\"") << 25 << "steps[1].reveal"
            << "unmatched {";
        QTest::newRow("step is not an object")
            << smallLesson(0).replace("    {\n      \"title\": \"Two\"",
                                      "    3, {\n      \"title\": \"Two\"")
            << 20 << "steps[1]"
            << "must be an object";
    }
    void malformed() {
        QFETCH(QByteArray, json);
        QFETCH(int, line);
        QFETCH(QString, field);
        QFETCH(QString, problem);
        try {
            lessonFromJson(json);
            QFAIL("a malformed lesson was accepted");
        } catch (const LessonError& error) {
            QCOMPARE(error.field(), field);
            QVERIFY2(error.problem().contains(problem), qPrintable(error.problem()));
            QCOMPARE(error.line(), line);
            QVERIFY(QString::fromStdString(error.what())
                        .startsWith(QStringLiteral("line %1: %2: ").arg(line).arg(field)));
        }
    }

    // The built-in lesson's figures are the application's: C = 162 at the default data, the
    // posterior of the potential alone at Normal(C, 1), the exact one 0.01 wide.
    // The second built-in lesson plays on the Boltzmann machine tab: each step's "machine"
    // block changes the step before's inputs (the first the tab's defaults), and the numbers
    // that answer its questions wait for Reveal.
    void builtInNarrowestDirectionLessonChangesTheMachineStepByStep() {
        const Lesson lesson = builtInLessons().at(1);
        QCOMPARE(lesson.title, QStringLiteral("The step size and the narrowest direction"));
        QCOMPARE(lesson.steps.size(), std::size_t{4});
        for (const LessonStep& step : lesson.steps) {
            QCOMPARE(step.tab, QStringLiteral("machine"));
            QVERIFY(step.session.machine.has_value());
            QVERIFY(!validate(step.session.machine->spec));
        }
        const MachineRunSpec& independent = lesson.steps[0].session.machine->spec;
        QCOMPARE(independent.data.units, 3);
        QVERIFY(independent.biases);
        QCOMPARE(independent.data.couplings, (std::vector<double>{0, 0, 0}));
        QCOMPARE(independent.sampler.draws, defaultMachineRunSpec().sampler.draws);  // default
        const MachineRunSpec& biased = lesson.steps[1].session.machine->spec;
        QCOMPARE(biased.data, defaultMachineRunSpec().data);  // DESIGN.md §5's data
        QVERIFY(metricKind(biased.sampler) == MetricKind::Diagonal);
        const MachineRunSpec& dense = lesson.steps[2].session.machine->spec;
        QCOMPARE(dense.data, biased.data);
        QVERIFY(metricKind(dense.sampler) == MetricKind::Dense);
        QVERIFY(lesson.steps[2].question->isNumber());
        const MachineRunSpec& potential = lesson.steps[3].session.machine->spec;
        QCOMPARE(potential.data.units, 4);
        QVERIFY(!potential.biases);
        QVERIFY(potential.model.likelihood == Likelihood::PotentialOnly);
        for (int i = 0; i < 3; ++i)
            QVERIFY(lesson.steps[static_cast<std::size_t>(i)].hidden.contains("machine-numbers"));
        // Written back, each step holds only its changes, and reads back the same.
        const QByteArray json = lessonToJson(lesson);
        QCOMPARE(lessonFromJson(json), lesson);
        QCOMPARE(json.count("\"machine\": {"), 4);
    }

    // A machine block with a field the tab does not have is refused on its line.
    void machineBlockFieldsAreTheSessions() {
        const QByteArray json = R"({"format": "couplinglab-lesson", "version": 1, "title": "t",
            "steps": [{"title": "a", "show": {"tab": "machine"},
                       "settings": {"machine": {"units": 3, "colour": "red"}}}]})";
        try {
            lessonFromJson(json);
            QFAIL("accepted");
        } catch (const LessonError& error) {
            QCOMPARE(error.field(), QStringLiteral("steps[0].settings.machine.colour"));
            QCOMPARE(error.line(), 3);
        }
    }

    void builtInLessonIsTheRunOffTo162() {
        const std::vector<Lesson> lessons = builtInLessons();
        QCOMPARE(lessons.size(), std::size_t{2});
        const Lesson& lesson = lessons.front();
        QCOMPARE(lesson.title, QStringLiteral("Why did my posterior run off to 162?"));
        QCOMPARE(lesson.steps.size(), std::size_t{8});
        const SufficientStatistic statistic =
            BitData::generate(lesson.steps[0].session.settings.data).statistic();
        QCOMPARE(statistic.c, std::int64_t{162});
        const ExplanationInput first =
            makeExplanationInput(lesson.steps[0].session.settings, statistic);
        QCOMPARE(fillPlaceholders(lesson.steps[0].question->choices.at(2), first),
                 QStringLiteral("near C = 162"));
        QCOMPARE(lesson.steps[0].question->answer, 2);
        QCOMPARE(formatNumber(first.exactMean), QStringLiteral("162"));
        const ExplanationInput exact =
            makeExplanationInput(lesson.steps[3].session.settings, statistic);
        QVERIFY(lesson.steps[3].session.settings.model.likelihood == Likelihood::ExactBoltzmann);
        QCOMPARE(lesson.steps[3].question->choices.at(lesson.steps[3].question->answer),
                 QStringLiteral("about 0.01"));
        QVERIFY(std::abs(exact.exactSd - 0.01) < 0.0005);
        QVERIFY(lesson.steps[5].question->isNumber());
        QVERIFY(!lesson.steps[5].session.settings.sampler.adaptMetric);
        QCOMPARE(lesson.steps[6].tab, QStringLiteral("sweep"));
        QCOMPARE(lesson.steps[7].session.settings.sampler.stepSize, 0.03);
        QVERIFY(!lesson.steps[7].session.settings.sampler.adaptStepSize);
        for (const LessonStep& step : lesson.steps) {
            QVERIFY2(!step.reveal.isEmpty(), qPrintable(step.title));
            QVERIFY2(step.question.has_value(), qPrintable(step.title));
        }
    }

    void placeholdersShowTheNumbers_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("count") << "N = {N}, C = {C}"
                               << QString::fromUtf8("N = 10\u00a0000, C = 162");
        QTest::newRow("ratio") << "{C/N}"
                               << "0.0162";
        QTest::newRow("braces") << "{{C}} is {C}"
                                << "{C} is 162";
        QTest::newRow("before the sampler") << "{stepSize}"
                                            << "n/a";
        QTest::newRow("unknown kept as written") << "{nope}"
                                                 << "{nope}";
    }
    void placeholdersShowTheNumbers() {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        RunSettings settings;
        const SufficientStatistic statistic = BitData::generate(settings.data).statistic();
        QCOMPARE(fillPlaceholders(text, makeExplanationInput(settings, statistic)), shown);
    }
};

QTEST_GUILESS_MAIN(TestLesson)
#include "test_lesson.moc"
