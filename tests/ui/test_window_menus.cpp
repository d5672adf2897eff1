// The window's menus, keys and tool bar, driven as a user drives them under the offscreen
// platform: every item and key the README's window section promises, the lesson's steps in the
// Lessons menu (Ctrl+1 …) and their speeds, Space in number boxes.
#include <qcustomplot.h>
#include <QAbstractSpinBox>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QStatusBar>
#include <QToolButton>
#include <functional>

#include "support/window_fixture.h"
#include "ui/app/run_toolbar.h"
#include "ui/controls/control_panel.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_hookup.h"
#include "ui/lessons/lesson_player.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plots.h"
#include "ui/sweep/sweep_tab.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

// A step's run has started: the live run, or the sweep for a step on the sweep tab.
bool stepIsRunning(Fixture& f, const LessonStep& step) {
    if (step.tab == QLatin1String("sweep"))
        return f.window->sweepTab()->isRunning() || !f.window->sweepTab()->points().empty();
    return isRunningOrDone(f.controller());
}

// The first built-in lesson, kept: builtInLessons() returns a new vector each time.
const Lesson& firstLesson() {
    static const Lesson lesson = builtInLessons().front();
    return lesson;
}

void chooseFile(const QString& path) {
    answerNextDialog([path](QDialog* dialog) {
        auto* files = qobject_cast<QFileDialog*>(dialog);
        QVERIFY(files != nullptr);
        files->selectFile(path);
        dialog->accept();  // QFileDialog::accept, as the Save or Open button does
    });
}

}  // namespace

class TestWindowMenus : public QObject {
    Q_OBJECT
  private slots:
    // ---- Lessons: the steps of the built-in lesson in place of the presets ---------------------

    // Without an open lesson, the Lessons menu names the built-in lesson's steps; choosing one
    // starts that lesson at that step, with the step's settings and speed.
    void lessonsMenuStepItemStartsTheBuiltInLessonAtThatStep_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < static_cast<int>(firstLesson().steps.size()); ++i)
            QTest::addRow("step %d", i + 1) << i;
    }
    void lessonsMenuStepItemStartsTheBuiltInLessonAtThatStep() {
        QFETCH(int, index);
        Fixture f;
        const LessonStep& step = firstLesson().steps[static_cast<std::size_t>(index)];
        QAction* item = menuItem(*f.window, QStringLiteral("Lessons"), step.title);
        QVERIFY2(item != nullptr, qPrintable(step.title));
        QCOMPARE(item->shortcut(), QKeySequence(QStringLiteral("Ctrl+%1").arg(index + 1)));
        item->trigger();
        QCOMPARE(f.window->lessons()->player()->currentIndex(), index);
        QVERIFY(f.window->controlPanel()->settings() == step.session.settings);
        QCOMPARE(f.window->controlPanel()->display().speedLevel, step.session.display.speedLevel);
        QCOMPARE(f.window->runToolBar()->speedSlider()->value(), step.session.display.speedLevel);
        QTRY_VERIFY(stepIsRunning(f, step));
        QCOMPARE(f.window->runToolBar()->lessonCombo()->currentIndex(), 0);
    }

    void ctrlDigitJumpsToThatStep_data() {
        lessonsMenuStepItemStartsTheBuiltInLessonAtThatStep_data();
    }
    void ctrlDigitJumpsToThatStep() {
        QFETCH(int, index);
        Fixture f;
        const Lesson lesson = firstLesson();
        QTest::keyClick(f.window.get(), Qt::Key_1, Qt::ControlModifier);  // the lesson starts
        QCOMPARE(f.window->lessons()->player()->currentIndex(), 0);
        QTest::keyClick(f.window.get(), static_cast<Qt::Key>(Qt::Key_1 + index),
                        Qt::ControlModifier);
        QCOMPARE(f.window->lessons()->player()->currentIndex(), index);
        QVERIFY(f.window->controlPanel()->settings() ==
                lesson.steps[static_cast<std::size_t>(index)].session.settings);
        QTRY_VERIFY(stepIsRunning(f, lesson.steps[static_cast<std::size_t>(index)]));
    }

    // The step items follow the open lesson: a two-step lesson shows two, and Ctrl+3 does nothing.
    void stepItemsFollowTheOpenLesson() {
        Fixture f;
        Lesson lesson = firstLesson();
        lesson.title = QStringLiteral("Two steps");
        lesson.steps.resize(2);
        lesson.steps[1].title = QStringLiteral("Untitled");
        const QString path = f.dir.filePath(QStringLiteral("two.lesson.json"));
        saveLessonFile(path, lesson);
        QVERIFY(f.window->lessons()->openLessonFile(path));
        const QList<QAction*>& steps = f.window->lessons()->stepActions();
        QCOMPARE(steps.size(), 9);
        QVERIFY(steps[0]->isVisible() && steps[1]->isVisible() && !steps[2]->isVisible());
        QCOMPARE(steps[1]->text(), QStringLiteral("2. Untitled"));
        QCOMPARE(f.window->runToolBar()->lessonCombo()->currentIndex(), -1);  // not built in
        QTest::keyClick(f.window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(f.window->lessons()->player()->currentIndex(), 1);
        QTest::keyClick(f.window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(f.window->lessons()->player()->currentIndex(), 1);
        f.find<QPushButton>("lessonClose")->click();  // back to the built-in lesson's steps
        QVERIFY(steps[7]->isVisible());
        QCOMPARE(steps[0]->text(), firstLesson().steps[0].title);
    }

    // Each step runs slower than full speed, at most 1000 iterations a second (step 2's "the
    // same model, faster" finishes in two seconds), and the student can still change it.
    void stepSpeedIsWatchableAndTheSliderStillChangesIt() {
        for (const LessonStep& step : firstLesson().steps) {
            const int speed = step.session.display.speedLevel;
            QVERIFY(speed >= 0 && speed < kFullSpeedLevel);
            const SpeedLevel& level = kSpeedLevels[static_cast<std::size_t>(speed)];
            QVERIFY2(
                level.mode == SpeedLevel::Mode::Iterations && level.iterationsPerSecond <= 1000,
                qPrintable(step.title));
        }
        Fixture f;
        QTest::keyClick(f.window.get(), Qt::Key_8, Qt::ControlModifier);
        QSlider* slider = f.window->runToolBar()->speedSlider();
        slider->triggerAction(QAbstractSlider::SliderToMaximum);  // dragged to full speed
        QCOMPARE(f.window->controlPanel()->display().speedLevel, kFullSpeedLevel);
        QCOMPARE(f.find<QSlider>("speedSlider")->value(), kFullSpeedLevel);
    }

    void toolBarLessonChooserStartsTheLesson() {
        Fixture f;
        QComboBox* combo = f.window->runToolBar()->lessonCombo();
        QCOMPARE(combo->count(), static_cast<int>(builtInLessons().size()));
        QCOMPARE(combo->currentIndex(), -1);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);  // a closed combo box activates the next entry
        QCOMPARE(combo->currentIndex(), 0);
        QCOMPARE(f.window->lessons()->player()->currentIndex(), 0);
        QVERIFY(f.window->controlPanel()->settings() == firstLesson().steps[0].session.settings);
        QTRY_VERIFY(isRunningOrDone(f.controller()));
    }

    // ---- The Run menu and keys of the README --------------------------------------------------

    void runMenuStartPauseStepResetAndRestoreDefaults() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        menuItem(*f.window, "Run", "Step")->trigger();
        QTRY_COMPARE(f.controller().history().iterations(), std::int64_t{1});
        menuItem(*f.window, "Run", "Start")->trigger();
        QTRY_VERIFY(isRunningOrDone(f.controller()));
        QTRY_VERIFY(f.controller().state() == RunState::Finished);
        menuItem(*f.window, "Run", "Reset")->trigger();
        QTRY_COMPARE(f.controller().history().iterations(), std::int64_t{0});
        QVERIFY(f.window->controlPanel()->settings() != RunSettings{});
        menuItem(*f.window, "Run", "Restore defaults")->trigger();
        QVERIFY(f.window->controlPanel()->settings() == RunSettings{});
        QVERIFY(f.window->controlPanel()->display() == DisplaySettings{});
    }

    void rightArrowStepsAndCtrlRResets() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        QTest::keyClick(f.window.get(), Qt::Key_Right);
        QTRY_COMPARE(f.controller().history().iterations(), std::int64_t{1});
        QTest::keyClick(f.window.get(), Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE(f.controller().history().iterations(), std::int64_t{0});
    }

    // Space starts and pauses wherever the focus is, a number box included; the box's value
    // stays as it was.
    void spaceStartsAndPausesWhileANumberBoxHasTheFocus_data() {
        QTest::addColumn<QString>("box");
        for (const char* name : {"pairsSpin", "couplingSpin", "warmupSpin", "priorSdSpin"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void spaceStartsAndPausesWhileANumberBoxHasTheFocus() {
        QFETCH(QString, box);
        Fixture f;
        f.settings.setValue("sampler/draws", 1'000'000);  // long enough to pause
        f.open();
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        auto* spin = f.window->findChild<QAbstractSpinBox*>(box);
        QVERIFY(spin != nullptr);
        spin->setFocus();
        QTRY_VERIFY(spin->hasFocus());
        const QString before = spin->text();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTRY_COMPARE(f.controller().state(), RunState::Running);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTRY_COMPARE(f.controller().state(), RunState::Paused);
        QCOMPARE(spin->text(), before);
    }

    // A text field where a space means something keeps it.
    void spaceTypesASpaceInATextField() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        auto* note = new QLineEdit(f.window.get());
        f.window->statusBar()->addWidget(note);
        note->show();
        note->setFocus();
        QTRY_VERIFY(note->hasFocus());
        QTest::keyClicks(note, QStringLiteral("a b"));
        QCOMPARE(note->text(), QStringLiteral("a b"));
        QCOMPARE(f.controller().state(), RunState::Idle);
    }

    void endAndDoubleClickFollowTheLatestIterations() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        f.controller().start();
        QTRY_VERIFY(f.controller().state() == RunState::Finished);
        f.window->refreshNow();
        TracePlot* trace = f.window->plotGrid()->tracePlot();
        QVERIFY(trace->isFollowingLatest());
        trace->showIterations(QCPRange(0, 10));  // as a drag would
        QVERIFY(!trace->isFollowingLatest());
        QTest::keyClick(f.window.get(), Qt::Key_End);
        QVERIFY(trace->isFollowingLatest());
        QCOMPARE(menuItem(*f.window, "View", "Follow latest iterations"), f.window->followAction());

        trace->showIterations(QCPRange(0, 10));
        QVERIFY(!trace->isFollowingLatest());
        QWidget* plot = trace->plot();
        QTest::mouseDClick(plot, Qt::LeftButton, {}, plot->rect().center());
        QVERIFY(trace->isFollowingLatest());
    }

    // File → Save session…, Open session… and Open recent, through their dialogs.
    void fileMenuSavesAndOpensSessionsAndRemembersThem() {
        Fixture f;
        const QString path = f.dir.filePath("lesson.couplinglab.json");
        QTest::keyClick(f.window.get(), Qt::Key_3, Qt::ControlModifier);
        const RunSettings lesson = f.window->currentSettings();
        chooseFile(path);
        menuItem(*f.window, "File", "Save session…")->trigger();
        QVERIFY(QFileInfo::exists(path));

        menuItem(*f.window, "Run", "Restore defaults")->trigger();
        QVERIFY(f.window->currentSettings() != lesson);
        chooseFile(path);
        menuItem(*f.window, "File", "Open session…")->trigger();
        QVERIFY(f.window->currentSettings() == lesson);

        menuItem(*f.window, "Run", "Restore defaults")->trigger();
        auto* recent = f.window->findChild<QMenu*>(QStringLiteral("recentSessionsMenu"));
        QVERIFY(recent != nullptr);
        emit recent->aboutToShow();
        QAction* entry = nullptr;
        for (QAction* action : recent->actions()) {
            if (action->text().contains(QStringLiteral("lesson"))) entry = action;
        }
        QVERIFY(entry != nullptr);
        entry->trigger();
        QVERIFY(f.window->currentSettings() == lesson);
    }

    void fileMenuExportsPlotsAndDraws() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        QTest::keyClick(f.window.get(), Qt::Key_Space);
        QTRY_VERIFY(f.controller().state() == RunState::Finished);
        f.window->refreshNow();

        const QString folder = f.dir.filePath("plots");
        QVERIFY(QDir().mkpath(folder));
        answerNextDialog([folder](QDialog* dialog) {
            auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("folderEdit"));
            QVERIFY(edit != nullptr);
            edit->setText(folder);
            dialog->accept();
        });
        menuItem(*f.window, "File", "Export plots…")->trigger();
        QVERIFY(QDir(folder).entryList(QDir::Files).size() >=
                f.window->plotGrid()->panels().size());

        const QString draws = f.dir.filePath("draws.csv");
        chooseFile(draws);
        menuItem(*f.window, "File", "Export draws…")->trigger();
        QVERIFY(QFileInfo::exists(f.dir.filePath("draws_1.csv")));
        QVERIFY(QFileInfo::exists(f.dir.filePath("draws_2.csv")));
    }

    // A right click on any plot offers its export and a copy to the clipboard.
    void rightClickOnAPlotCopiesItToTheClipboard() {
        Fixture f;
        QCustomPlot* plot = f.window->plotGrid()->posteriorPlot()->plot();
        const QPoint at = plot->rect().center();
        QContextMenuEvent click(QContextMenuEvent::Mouse, at, plot->mapToGlobal(at));
        QApplication::sendEvent(plot, &click);
        QTRY_VERIFY(qobject_cast<QMenu*>(QApplication::activePopupWidget()) != nullptr);
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QAction* found = nullptr;
        for (QAction* action : menu->actions()) {
            if (action->objectName() == QLatin1String("copyAction")) found = action;
        }
        QVERIFY(found != nullptr);
        QGuiApplication::clipboard()->clear();
        found->trigger();
        menu->close();
        QVERIFY(!QGuiApplication::clipboard()->image().isNull());
    }

    void ctrlQQuits() {
        Fixture f;
        QVERIFY(f.window->isVisible());
        QTest::keyClick(f.window.get(), Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!f.window->isVisible());
        QCOMPARE(menuItem(*f.window, "File", "Quit")->shortcut(),
                 QKeySequence(QStringLiteral("Ctrl+Q")));
    }

    void viewMenuHidesAndShowsTheDocks() {
        Fixture f;
        for (QDockWidget* dock : {f.window->controlsDock(), f.window->explanationDock()}) {
            QAction* item = menuItem(*f.window, "View", plain(dock->windowTitle()));
            QVERIFY(item != nullptr);
            QVERIFY(dock->isVisible());
            item->trigger();
            QVERIFY(!dock->isVisible());
            item->trigger();
            QVERIFY(dock->isVisible());
        }
    }

    // ---- The tool bar --------------------------------------------------------------------------

    void toolBarStartIsTheMostProminentControlAndFollowsTheRun() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        RunToolBar* bar = f.window->runToolBar();
        QVERIFY(bar->isVisible());
        QVERIFY(!bar->toggleViewAction()->isVisible());  // nothing offers to hide it
        QToolButton* start = bar->startPauseButton();
        QCOMPARE(start->text(), QStringLiteral("Start"));
        QVERIFY(!start->icon().isNull());
        for (auto* other : f.window->findChildren<QToolButton*>()) {
            if (other == start || !other->isVisible()) continue;
            QVERIFY2(QFontInfo(start->font()).pixelSize() > QFontInfo(other->font()).pixelSize(),
                     qPrintable(other->objectName()));
        }
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(isRunningOrDone(f.controller()));
        if (f.controller().state() == RunState::Running)
            QCOMPARE(start->text(), QStringLiteral("Pause"));
        auto* step = f.find<QToolButton>("toolStep");
        auto* reset = f.find<QToolButton>("toolReset");
        QVERIFY(step != nullptr && reset != nullptr);
        QCOMPARE(step->defaultAction(), f.window->stepAction());
        QTest::mouseClick(reset, Qt::LeftButton);
        QTRY_COMPARE(f.controller().history().iterations(), std::int64_t{0});
    }

    void toolBarSpeedAndPanelSpeedAreOne() {
        Fixture f;
        QSlider* bar = f.window->runToolBar()->speedSlider();
        QSlider* panel = f.find<QSlider>("speedSlider");
        panel->setValue(3);
        QCOMPARE(bar->value(), 3);
        bar->setValue(6);
        QCOMPARE(panel->value(), 6);
        QCOMPARE(f.window->controlPanel()->display().speedLevel, 6);
    }
};

QTEST_MAIN(TestWindowMenus)
#include "test_window_menus.moc"
