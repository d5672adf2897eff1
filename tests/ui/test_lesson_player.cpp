// The lesson player in the window, driven as a teacher drives it: the Lessons menu, Page Down /
// Page Up, B and period, the strip's buttons, presentation mode, Open lesson with malformed
// files, and building a lesson with "Add the current state as a step" and Save lesson.
#include <qcustomplot.h>
#include <QCheckBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <functional>

#include "support/window_fixture.h"
#include "ui/app/presentation_mode.h"
#include "ui/app/run_toolbar.h"
#include "ui/controls/control_panel.h"
#include "ui/explanation/explanation_panel.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_hookup.h"
#include "ui/lessons/lesson_player.h"
#include "ui/machine/machine_inputs.h"
#include "ui/machine/machine_tab.h"
#include "ui/machine/position_trajectory_plot.h"
#include "ui/machine/step_width_plot.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/trajectory_view.h"
#include "ui/sweep/sweep_tab.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

const QString kVerdictLead = QStringLiteral("What the posterior must be.");

PlotPanel* panelNamed(MainWindow& window, const QString& name) {
    for (PlotPanel* panel : window.plotGrid()->panels()) {
        if (panel->exportName() == name) return panel;
    }
    return nullptr;
}

// Whether each of the step's hidden elements is hidden (`hidden`) or shown.
void checkHidden(MainWindow& window, const LessonStep& step, bool hidden) {
    for (const QString& name : step.hidden) {
        if (name == QLatin1String("referenceCurve")) {
            QCOMPARE(window.plotGrid()->posteriorPlot()->exactCurve()->visible(), !hidden);
        } else if (name == QLatin1String("verdict")) {
            // The explanation follows at its next tick, once the run's segment has started.
            if (hidden) {
                QTRY_VERIFY(!window.explanationPanel()->html().isEmpty() &&
                            !window.explanationPanel()->html().contains(kVerdictLead));
            } else {
                QTRY_VERIFY(window.explanationPanel()->html().contains(kVerdictLead));
            }
        } else if (name == QLatin1String("explanation")) {
            QCOMPARE(window.explanationDock()->isHidden(), hidden);
        } else if (name == QLatin1String("machine-numbers")) {
            MachineTab& machine = *window.machineTab();
            QCOMPARE(machine.numbersMasked(), hidden);
            QCOMPARE(machine.statusText().contains(QStringLiteral("ε =")), !hidden);
            QCOMPARE(machine.stepWidthPlot()->isHidden(), hidden);
            QCOMPARE(machine.trajectoryPlot()->summaryText().contains(QStringLiteral("ε = ?")),
                     hidden);
        } else {
            PlotPanel* panel = panelNamed(window, name);
            QVERIFY2(panel != nullptr, qPrintable(name));
            QCOMPARE(panel->isHidden(), hidden);
        }
    }
}

LessonPlayer* player(Fixture& f) {
    return f.window->lessons()->player();
}

// The built-in lessons, kept: builtInLessons() reads them afresh each time.
const Lesson& builtIn(int lesson = 0) {
    static const std::vector<Lesson> lessons = builtInLessons();
    return lessons.at(static_cast<std::size_t>(lesson));
}

void startBuiltIn(Fixture& f, int lesson = 0) {
    QAction* item = menuItem(*f.window, "Lessons", builtIn(lesson).title);
    QVERIFY(item != nullptr);
    item->trigger();
    QVERIFY(player(f)->isVisible());
}

void checkStepApplied(Fixture& f, int index, int lesson = 0) {
    const LessonStep& step = builtIn(lesson).steps[static_cast<std::size_t>(index)];
    QCOMPARE(player(f)->currentIndex(), index);
    QVERIFY(f.window->controlPanel()->settings() == step.session.settings);
    QVERIFY(f.window->controlPanel()->display() == step.session.display);
    QCOMPARE(f.find<QLabel>("lessonCount")->text(),
             QStringLiteral("Step %1 of %2").arg(index + 1).arg(builtIn(lesson).steps.size()));
    QCOMPARE(f.find<QLabel>("lessonTitle")->text(), step.title);
}

}  // namespace

class TestLessonPlayer : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { Q_INIT_RESOURCE(resources); }

    // Every step: its settings in the controls, its hidden elements hidden until Reveal (the B
    // key, the period key or the strip's button, in turn) and shown after; then Page Down.
    void pageDownWalksEveryBuiltInLessonAndRevealShowsWhatWasHidden_data() {
        QTest::addColumn<int>("lesson");
        const std::vector<Lesson> lessons = builtInLessons();
        for (int l = 0; l < static_cast<int>(lessons.size()); ++l)
            QTest::newRow(qPrintable(lessons[static_cast<std::size_t>(l)].title)) << l;
    }
    void pageDownWalksEveryBuiltInLessonAndRevealShowsWhatWasHidden() {
        QFETCH(int, lesson);
        Fixture f;
        QVERIFY(!player(f)->isVisible());
        startBuiltIn(f, lesson);
        QCOMPARE(f.window->runToolBar()->lessonCombo()->currentText(), builtIn(lesson).title);
        const int count = static_cast<int>(builtIn(lesson).steps.size());
        for (int i = 0; i < count; ++i) {
            checkStepApplied(f, i, lesson);
            const LessonStep& step = builtIn(lesson).steps[static_cast<std::size_t>(i)];
            if (step.tab == QLatin1String("sweep")) {  // its run is the sweep
                QTRY_VERIFY(f.window->sweepTab()->isRunning() ||
                            !f.window->sweepTab()->points().empty());
            } else if (step.tab == QLatin1String("machine")) {  // its run samples the machine
                MachineTab& machine = *f.window->machineTab();
                QTRY_VERIFY_WITH_TIMEOUT(!machine.isRunning() && machine.outcome() != nullptr &&
                                             machine.outcome()->spec == step.session.machine->spec,
                                         60'000);
                QVERIFY(machine.inputs()->spec() == step.session.machine->spec);
            } else {
                QTRY_VERIFY(isRunningOrDone(f.controller()));
            }
            QVERIFY(!f.find<QLabel>("lessonAnswer")->isVisible());
            checkHidden(*f.window, step, true);
            if (i % 3 == 0) {
                QTest::keyClick(f.window.get(), Qt::Key_B);
            } else if (i % 3 == 1) {
                QTest::keyClick(f.window.get(), Qt::Key_Period);
            } else {
                QTest::mouseClick(f.find<QPushButton>("lessonReveal"), Qt::LeftButton);
            }
            QVERIFY(player(f)->isRevealed());
            QVERIFY(f.find<QLabel>("lessonAnswer")->isVisible());
            checkHidden(*f.window, step, false);
            if (step.question && !step.question->isNumber()) {
                QVERIFY(f.find<QLabel>("lessonAnswer")
                            ->text()
                            .contains(QStringLiteral("Answer: %1)")
                                          .arg(QChar(u'A' + step.question->answer))));
            }
            TrajectoryView* view = f.window->plotGrid()->trajectoryView();
            QCOMPARE(view->lockAxesCheck()->isHidden(),
                     !step.plots.contains(QStringLiteral("trajectory")));
            auto* tabs = f.window->findChild<QTabWidget*>();
            QCOMPARE(tabs->currentIndex(), step.tab == QLatin1String("sweep")     ? 1
                                           : step.tab == QLatin1String("machine") ? 2
                                                                                  : 0);
            if (step.tab == QLatin1String("machine")) {
                // The answer quotes the run's numbers, above the run's explanation.
                QVERIFY2(!f.window->machineTab()->explanationHtml().contains(QStringLiteral("n/a")),
                         qPrintable(f.window->machineTab()->explanationHtml()));
                QVERIFY(f.window->controlsDock()->isHidden());
            }
            QTest::keyClick(f.window.get(), Qt::Key_PageDown);
        }
        QCOMPARE(player(f)->currentIndex(), count - 1);  // Page Down at the end stays
    }

    // The strip shown over the plots must not make the window wider than a 1024-pixel projector
    // (test_window_frame allows the window 1000 pixels without it); its six buttons in one row
    // did.
    void lessonStripKeepsTheWindowNarrowEnoughForA1024PixelProjector() {
        Fixture f;
        startBuiltIn(f);
        QVERIFY2(f.window->minimumSizeHint().width() <= 1000,
                 qPrintable(QString::number(f.window->minimumSizeHint().width())));
        QTest::keyClick(f.window.get(), Qt::Key_B);
        QVERIFY2(f.window->minimumSizeHint().width() <= 1000,
                 qPrintable(QString::number(f.window->minimumSizeHint().width())));
    }

    void firstStepAsksAboutC162AndRevealsIt() {
        Fixture f;
        startBuiltIn(f);
        QTRY_VERIFY(f.find<QLabel>("lessonQuestion")->text().contains(QStringLiteral("C = 162")));
        QTest::keyClick(f.window.get(), Qt::Key_B);
        QCOMPARE(f.find<QLabel>("lessonAnswer")->text(), QStringLiteral("Answer: C) near C = 162"));
        QTRY_VERIFY(
            f.window->explanationPanel()->html().contains(QStringLiteral("Normal(162, 1.00)")));
    }

    void pageUpRestoresThePreviousStep_data() {
        QTest::addColumn<int>("from");
        QTest::newRow("divide by N back to the sampler question") << 2;
        QTest::newRow("exact Boltzmann back to divide by N") << 3;
        QTest::newRow("unit metric back to the adapted one") << 5;
        QTest::newRow("step too large back to the sweep") << 7;
    }
    void pageUpRestoresThePreviousStep() {
        QFETCH(int, from);
        Fixture f;
        startBuiltIn(f);
        for (int i = 0; i < from; ++i)
            QTest::keyClick(f.window.get(), Qt::Key_PageDown);
        checkStepApplied(f, from);
        QTest::keyClick(f.window.get(), Qt::Key_PageUp);
        checkStepApplied(f, from - 1);
        QVERIFY(!player(f)->isRevealed());
        QTest::mouseClick(f.find<QPushButton>("lessonNext"), Qt::LeftButton);
        checkStepApplied(f, from);
        QTest::mouseClick(f.find<QPushButton>("lessonBack"), Qt::LeftButton);
        checkStepApplied(f, from - 1);
    }

    void clickerKeysWorkInPresentationMode() {
        Fixture f;
        startBuiltIn(f);
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->presentationMode()->isActive());
        QVERIFY(player(f)->isVisible());
        QTest::keyClick(f.window.get(), Qt::Key_PageDown);
        checkStepApplied(f, 1);
        QTest::keyClick(f.window.get(), Qt::Key_Period);
        QVERIFY(player(f)->isRevealed());
        QTest::keyClick(f.window.get(), Qt::Key_PageUp);
        checkStepApplied(f, 0);
    }

    // Ctrl+digit jumps within the lesson: the step's settings, its hidden elements hidden; Page
    // Up then goes to the step before the one jumped to.
    void ctrlDigitJumpsToAStepAndPageUpGoesToTheOneBefore() {
        Fixture f;
        startBuiltIn(f);
        QTest::keyClick(f.window.get(), Qt::Key_4, Qt::ControlModifier);
        checkStepApplied(f, 3);
        QVERIFY(player(f)->isVisible());
        QVERIFY(!player(f)->isRevealed());
        checkHidden(*f.window, builtIn().steps[3], true);
        QTest::keyClick(f.window.get(), Qt::Key_PageUp);
        checkStepApplied(f, 2);
    }

    // Step 1 hides the posterior until Reveal and shows no trajectory: the trace takes the
    // whole width of the plots instead of leaving an empty column, and gives half back after.
    void aHiddenColumnGivesItsWidthToTheOther() {
        Fixture f;
        f.window->resize(1366, 768);
        startBuiltIn(f);
        PlotGrid* grid = f.window->plotGrid();
        PlotPanel* trace = panelNamed(*f.window, QStringLiteral("trace"));
        QTRY_VERIFY2(trace->width() > 0.9 * grid->width(),
                     qPrintable(QStringLiteral("%1 of %2").arg(trace->width()).arg(grid->width())));
        QTest::keyClick(f.window.get(), Qt::Key_B);
        QTRY_VERIFY2(trace->width() < 0.6 * grid->width(),
                     qPrintable(QStringLiteral("%1 of %2").arg(trace->width()).arg(grid->width())));
    }

    // Readouts a step masks show "?" until Reveal, in the controls and in the status bar, and
    // their numbers after; the next step, which masks nothing, shows every number.
    void maskedReadoutsShowAQuestionMarkUntilReveal() {
        Fixture f;
        Lesson lesson = builtIn();
        lesson.steps.resize(2);
        lesson.steps[0].hidden = {QStringLiteral("atanh(C/N)"), QStringLiteral("C/N"),
                                  QStringLiteral("R-hat"), QStringLiteral("divergences")};
        lesson.steps[1].hidden.clear();
        f.window->lessons()->startLesson(lesson);
        QLabel* atanh = f.find<QLabel>("atanhValue");
        QLabel* ratio = f.find<QLabel>("cOverNValue");
        QLabel* c = f.find<QLabel>("cValue");
        const auto statusText = [&f] {
            QStringList texts;
            for (const QLabel* label : f.window->statusBar()->findChildren<QLabel*>())
                texts.append(label->text());
            return texts.join(QLatin1Char('|'));
        };
        QTRY_COMPARE(c->text(), QStringLiteral("162"));  // the data have arrived
        QCOMPARE(atanh->text(), QStringLiteral("?"));
        QCOMPARE(ratio->text(), QStringLiteral("?"));
        QTRY_VERIFY2(statusText().contains(QStringLiteral("R-hat ?   bulk ESS ?")),
                     qPrintable(statusText()));
        QVERIFY2(statusText().contains(QStringLiteral("Divergences: ?")), qPrintable(statusText()));
        QTest::keyClick(f.window.get(), Qt::Key_B);
        QCOMPARE(atanh->text(), QStringLiteral("0.0162"));
        QCOMPARE(ratio->text(), QStringLiteral("0.0162"));
        QVERIFY2(!statusText().contains(QLatin1Char('?')), qPrintable(statusText()));
        QTest::keyClick(f.window.get(), Qt::Key_PageDown);
        QTRY_COMPARE(atanh->text(), QStringLiteral("0.0162"));
        QVERIFY2(!statusText().contains(QLatin1Char('?')), qPrintable(statusText()));
    }

    // The sweep step shows the sweep tab and runs the sweep over N there, not a live run.
    void sweepStepRunsTheSweep() {
        Fixture f;
        startBuiltIn(f);
        const auto at = std::find_if(builtIn().steps.begin(), builtIn().steps.end(),
                                     [](const LessonStep& s) { return s.tab == "sweep"; });
        QVERIFY(at != builtIn().steps.end());
        const auto index = static_cast<int>(std::distance(builtIn().steps.begin(), at));
        QTest::keyClick(f.window.get(), static_cast<Qt::Key>(Qt::Key_1 + index),
                        Qt::ControlModifier);
        checkStepApplied(f, index);
        QCOMPARE(f.window->findChild<QTabWidget*>()->currentIndex(), 1);  // the Sweep tab
        QVERIFY(f.controller().state() != RunState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(!f.window->sweepTab()->isRunning(), 60000);
        const SweepSpec spec = f.window->sweepTab()->spec();
        QCOMPARE(f.window->sweepTab()->points().size(),
                 spec.pairs.size() * spec.combinations.size() * spec.metrics.size());
    }

    void malformedLessonFileIsRefusedAndChangesNothing_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\n  \"format\": \n") << "line 3: document";
        QTest::newRow("chains out of range")
            << QByteArray(
                   "{\"format\": \"couplinglab-lesson\", \"version\": 1, \"title\": "
                   "\"T\",\n\"steps\": [{\"title\": \"S\",\n\"settings\": {\"sampler\": "
                   "{\"chains\": 99}}}]}")
            << "line 3: steps[0].settings.sampler.chains: must be a whole number";
        QTest::newRow("answer not among the choices")
            << QByteArray(
                   "{\"format\": \"couplinglab-lesson\", \"version\": 1, \"title\": "
                   "\"T\", \"steps\": [{\"title\": \"S\", \"question\":\n{\"text\": "
                   "\"Q\", \"choices\": [\"a\", \"b\"],\n\"answer\": \"c\"}}]}")
            << "line 3: steps[0].question.answer: must be one of the choices";
    }
    void malformedLessonFileIsRefusedAndChangesNothing() {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        Fixture f;
        startBuiltIn(f);
        QTest::keyClick(f.window.get(), Qt::Key_PageDown);
        const RunSettings before = f.window->controlPanel()->settings();
        const Lesson lessonBefore = player(f)->lesson();
        const QString path = f.dir.filePath(QStringLiteral("bad.lesson.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        // As a teacher does: File → Open lesson…, the file chosen, the refusal read and closed.
        QString shown;
        answerNextDialog([path, &shown](QDialog* dialog) {
            qobject_cast<QFileDialog*>(dialog)->selectFile(path);
            dialog->accept();
            answerNextDialog([&shown](QDialog* box) {
                shown = qobject_cast<QMessageBox*>(box)->text();
                box->reject();
            });
        });
        QAction* open = menuItem(*f.window, "File", "Open lesson…");
        QVERIFY(open != nullptr);
        open->trigger();
        QVERIFY2(shown.contains(message), qPrintable(shown));
        QVERIFY(f.window->controlPanel()->settings() == before);
        QVERIFY(player(f)->lesson() == lessonBefore);
        QCOMPARE(player(f)->currentIndex(), 1);
    }

    // A teacher builds a two-step lesson by clicking, saves it, and opens it again.
    void addedStepsAreSavedAndOpenAsTheSameLesson() {
        Fixture f;
        QAction* add = menuItem(*f.window, "Lessons", "Add the current state as a step");
        QVERIFY(add != nullptr);
        add->trigger();
        RunSettings second = f.window->controlPanel()->settings();
        second.model.likelihood = Likelihood::ExactBoltzmann;
        f.window->applyLessonStep(Session{second, f.window->controlPanel()->display(), {}}, {},
                                  false);
        QTest::mouseClick(f.find<QPushButton>("lessonAddStep"), Qt::LeftButton);
        QCOMPARE(player(f)->lesson().steps.size(), std::size_t{2});
        QVERIFY(player(f)->lesson().steps[1].session.settings == second);

        const QString path = f.dir.filePath(QStringLiteral("built.lesson.json"));
        answerNextDialog([path](QDialog* dialog) {
            qobject_cast<QFileDialog*>(dialog)->selectFile(path);
            dialog->accept();
        });
        menuItem(*f.window, "Lessons", "Save lesson…")->trigger();
        const Lesson saved = loadLessonFile(path);
        QVERIFY(saved == player(f)->lesson());

        QVERIFY(f.window->lessons()->openLessonFile(path));
        f.window->activateWindow();  // back from the file dialog
        QVERIFY(QTest::qWaitForWindowActive(f.window.get()));
        QCOMPARE(player(f)->currentIndex(), 0);
        QVERIFY(f.window->controlPanel()->settings().model.likelihood == Likelihood::PotentialOnly);
        QTest::keyClick(f.window.get(), Qt::Key_PageDown);
        QVERIFY(f.window->controlPanel()->settings() == second);
    }
};

QTEST_MAIN(TestLessonPlayer)
#include "test_lesson_player.moc"
