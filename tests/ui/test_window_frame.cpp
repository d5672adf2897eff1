// The window's frame, driven as a user drives it (menus, keys, the tool bar) under the offscreen
// platform: presets and their speeds, the tool bar, Space in number boxes, the window's
// minimum size, the plot grid's columns, zoom, full screen and presentation mode.
#include <qcustomplot.h>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include "ui/app/presentation_mode.h"
#include "ui/app/run_toolbar.h"
#include "ui/app/zoom_controller.h"
#include "ui/control_panel.h"
#include "ui/main_window.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plots.h"
#include "ui/plots/zoomable_plot.h"
#include "ui/presets.h"
#include "ui/sampling_controller.h"
#include "ui/status_field.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

// A window over a throw-away settings file with a short run.
struct Fixture {
    QTemporaryDir dir;
    QSettings settings{dir.filePath("test.ini"), QSettings::IniFormat};
    std::unique_ptr<MainWindow> window;

    Fixture() {
        settings.setValue("version", 1);
        settings.setValue("sampler/warmup", 100);
        settings.setValue("sampler/draws", 100);
        settings.setValue("sampler/chains", 2);
        open();
    }
    void open() {
        window = std::make_unique<MainWindow>(settings);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
    }
    SamplingController& controller() { return *window->controller(); }
    template <class T>
    T* find(const char* name) {
        return window->findChild<T*>(QString::fromLatin1(name));
    }
};

QString plain(QString text) {
    return text.remove('&');
}

// The action a user reaches as menu `menu` → `item` (texts without their '&').
QAction* menuItem(const QMainWindow& window, const QString& menu, const QString& item) {
    for (QAction* top : window.menuBar()->actions()) {
        if (top->menu() == nullptr || plain(top->text()) != menu) continue;
        for (QAction* action : top->menu()->actions()) {
            if (plain(action->text()) == item) return action;
        }
    }
    return nullptr;
}

QList<QAction*> menuActions(const QMainWindow& window, const QString& menu) {
    for (QAction* top : window.menuBar()->actions()) {
        if (top->menu() != nullptr && plain(top->text()) == menu) return top->menu()->actions();
    }
    return {};
}

bool isRunningOrDone(SamplingController& controller) {
    return controller.state() == RunState::Running || controller.state() == RunState::Finished;
}

// Every font a plot draws text with, scaled to the pixels it covers on screen.
QList<double> plotTextHeights(const PlotPanel& panel) {
    auto* plot = static_cast<ZoomablePlot*>(panel.plot());
    QList<QFont> fonts;
    for (QCPAxis* axis : plot->axisRect()->axes()) {
        if (!axis->visible()) continue;
        fonts << axis->tickLabelFont() << axis->labelFont();
    }
    if (plot->legend->visible()) fonts << plot->legend->font();
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) fonts << text->font();
    }
    QList<double> heights;
    for (const QFont& font : std::as_const(fonts))
        heights << QFontInfo(font).pixelSize() * plot->zoom();
    return heights;
}

QList<double> widgetTextHeights(const QWidget& root) {
    QList<double> heights;
    for (const QWidget* widget : root.findChildren<QWidget*>()) {
        if (!widget->isVisible() || qobject_cast<const QCustomPlot*>(widget) != nullptr) continue;
        if (qobject_cast<const QCustomPlot*>(widget->parentWidget()) != nullptr) continue;
        heights << QFontInfo(widget->font()).pixelSize();
    }
    return heights;
}

// The fraction of the widget's pixel columns, in its right quarter, that hold any dark pixel:
// a plot drawn at the wrong scale would leave that quarter blank.
bool drawsIntoItsRightQuarter(QWidget* plot) {
    const QImage image = plot->grab().toImage();
    for (int x = image.width() * 3 / 4; x < image.width() - 2; ++x) {
        for (int y = 0; y < image.height(); ++y) {
            if (qGray(image.pixel(x, y)) < 100) return true;
        }
    }
    return false;
}

// Answers the next modal dialog as a user would: `answer` fills it in and accepts it.
void answerNextDialog(std::function<void(QDialog*)> answer) {
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, answer = std::move(answer)] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (dialog == nullptr) return;
        poll->stop();
        poll->deleteLater();
        answer(dialog);
    });
    poll->start();
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

class TestWindowFrame : public QObject {
    Q_OBJECT
  private slots:
    // ---- Presets -------------------------------------------------------------------------------

    void presetsMenuItemStartsThePresetAtItsSpeed_data() {
        QTest::addColumn<int>("index");
        for (int i = 0; i < static_cast<int>(presets().size()); ++i)
            QTest::addRow("preset %d", i + 1) << i;
    }
    void presetsMenuItemStartsThePresetAtItsSpeed() {
        QFETCH(int, index);
        Fixture f;
        const QList<QAction*> items = menuActions(*f.window, QStringLiteral("Presets"));
        QCOMPARE(items.size(), static_cast<qsizetype>(presets().size()));
        const Preset& preset = presets()[static_cast<std::size_t>(index)];
        QCOMPARE(items[index]->text(), preset.name);
        items[index]->trigger();
        QVERIFY(f.window->controlPanel()->settings().model == preset.settings.model);
        QCOMPARE(f.window->controlPanel()->display().speedLevel, preset.speedLevel);
        QCOMPARE(f.window->runToolBar()->speedSlider()->value(), preset.speedLevel);
        QTRY_VERIFY(isRunningOrDone(f.controller()));
        QCOMPARE(f.window->runToolBar()->presetCombo()->currentIndex(), index);
    }

    void ctrlDigitStartsThePreset_data() { presetsMenuItemStartsThePresetAtItsSpeed_data(); }
    void ctrlDigitStartsThePreset() {
        QFETCH(int, index);
        Fixture f;
        const Preset& preset = presets()[static_cast<std::size_t>(index)];
        QCOMPARE(preset.shortcut, QStringLiteral("Ctrl+%1").arg(index + 1));
        QTest::keyClick(f.window.get(), static_cast<Qt::Key>(Qt::Key_1 + index),
                        Qt::ControlModifier);
        QVERIFY(f.window->controlPanel()->settings().model == preset.settings.model);
        QCOMPARE(f.window->controlPanel()->display().speedLevel, preset.speedLevel);
        QTRY_VERIFY(isRunningOrDone(f.controller()));
    }

    // Each lesson is slower than full speed, and the student can still change it.
    void presetSpeedIsWatchableAndTheSliderStillChangesIt() {
        for (const Preset& preset : presets()) {
            QVERIFY(preset.speedLevel >= 0 && preset.speedLevel < kFullSpeedLevel);
            const SpeedLevel& level = kSpeedLevels[static_cast<std::size_t>(preset.speedLevel)];
            QVERIFY2(level.mode == SpeedLevel::Mode::Iterations && level.iterationsPerSecond <= 100,
                     qPrintable(preset.name));
        }
        Fixture f;
        QTest::keyClick(f.window.get(), Qt::Key_4, Qt::ControlModifier);
        QSlider* slider = f.window->runToolBar()->speedSlider();
        slider->triggerAction(QAbstractSlider::SliderToMaximum);  // dragged to full speed
        QCOMPARE(f.window->controlPanel()->display().speedLevel, kFullSpeedLevel);
        QCOMPARE(f.find<QSlider>("speedSlider")->value(), kFullSpeedLevel);
    }

    void toolBarLessonChooserStartsThePreset() {
        Fixture f;
        QComboBox* combo = f.window->runToolBar()->presetCombo();
        QCOMPARE(combo->count(), static_cast<int>(presets().size()));
        QCOMPARE(combo->currentIndex(), -1);
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);  // a closed combo box activates the next entry
        QCOMPARE(combo->currentIndex(), 0);
        QVERIFY(f.window->controlPanel()->settings().model == presets()[0].settings.model);
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

    // ---- Fitting the screen --------------------------------------------------------------------

    void minimumWidthIsAtMost1000() {
        Fixture f;

        QVERIFY2(f.window->minimumSizeHint().width() <= 1000,
                 qPrintable(QString::number(f.window->minimumSizeHint().width())));
        QVERIFY(f.window->minimumSize().width() <= 1000);
        f.window->resize(900, 700);
        QTRY_VERIFY(f.window->width() <= 1000);
    }

    void at1024x768EveryDockToolBarAndStatusFieldIsInsideTheWindow() {
        Fixture f;
        f.window->resize(1024, 768);
        QTRY_COMPARE(f.window->size(), QSize(1024, 768));
        QTest::qWait(50);
        const QRect inside = f.window->rect();
        QList<QWidget*> parts;
        for (QDockWidget* dock : f.window->findChildren<QDockWidget*>())
            parts << dock;
        for (QToolBar* bar : f.window->findChildren<QToolBar*>())
            parts << bar;
        for (StatusField* field : f.window->findChildren<StatusField*>())
            parts << field;
        parts << f.window->runToolBar()->startPauseButton() << f.window->plotGrid();
        int checked = 0;
        for (QWidget* part : std::as_const(parts)) {
            if (!part->isVisible()) continue;
            // A dock behind another's tab is not shown; the tab in front is checked.
            auto* dock = qobject_cast<QDockWidget*>(part);
            if (dock != nullptr && part->visibleRegion().isEmpty() &&
                !f.window->tabifiedDockWidgets(dock).isEmpty())
                continue;
            const QRect where(part->mapTo(f.window.get(), QPoint(0, 0)), part->size());
            const QRect visible = part == f.window->plotGrid()
                                      ? QRect(where.topLeft(), QSize(where.width(), 1))
                                      : where;
            QVERIFY2(inside.contains(visible), qPrintable(QStringLiteral("%1 at %2,%3 %4x%5")
                                                              .arg(part->objectName())
                                                              .arg(where.x())
                                                              .arg(where.y())
                                                              .arg(where.width())
                                                              .arg(where.height())));
            ++checked;
        }
        QVERIFY(checked >= 6);
        // The most important status fields are still there.
        QVERIFY(f.window->statusBar()->findChildren<StatusField*>().size() == 5);
    }

    // A narrow window keeps the status bar's most important fields and leaves out the rest,
    // rather than growing wider than the screen.
    void narrowStatusBarKeepsConvergenceAndDivergences() {
        Fixture f;
        f.window->resize(1800, 900);
        const auto shown = [&f] {
            QStringList names;
            for (StatusField* field : f.window->statusBar()->findChildren<StatusField*>()) {
                if (field->isVisible()) names << field->text().section(' ', 0, 0);
            }
            return names;
        };
        QTRY_COMPARE(shown().size(), qsizetype{5});
        f.window->resize(640, 700);
        QTRY_VERIFY(shown().size() < 5);
        QVERIFY2(shown().contains(QStringLiteral("R-hat")), qPrintable(shown().join(',')));
        QVERIFY2(shown().contains(QStringLiteral("Divergences:")), qPrintable(shown().join(',')));
        QTest::qWait(50);  // the row lays out what it shows
        for (StatusField* field : f.window->statusBar()->findChildren<StatusField*>()) {
            if (!field->isVisible()) continue;
            const QRect where(field->mapTo(f.window.get(), QPoint(0, 0)), field->size());
            QWidget* row = field->parentWidget();
            QVERIFY2(f.window->rect().contains(where),
                     qPrintable(QStringLiteral("%1: %2+%3 in %4; row %5+%6")
                                    .arg(field->text())
                                    .arg(where.x())
                                    .arg(where.width())
                                    .arg(f.window->width())
                                    .arg(row->mapTo(f.window.get(), QPoint(0, 0)).x())
                                    .arg(row->width())));
        }
        QCOMPARE(f.window->width(), 640);
    }

    // The grid follows the room the window leaves it: two columns on a wide window, one (to be
    // scrolled through) when the docks leave it less than two panels' width.
    void plotGridReflowsToOneColumnWhenNarrow() {
        Fixture f;
        PlotGrid* grid = f.window->plotGrid();
        f.window->resize(1800, 1000);
        QTRY_COMPARE(grid->columnCount(), 2);
        f.window->resize(800, 768);
        QTRY_COMPARE(grid->columnCount(), 1);
        QVERIFY(grid->width() <= f.window->width());
        f.window->resize(1800, 1000);
        QTRY_COMPARE(grid->columnCount(), 2);
    }

    // ---- Zoom ----------------------------------------------------------------------------------

    void zoomKeysScalePlotTextAndControls() {
        Fixture f;
        ZoomController* zoom = f.window->zoomController();
        QCOMPARE(zoom->zoom(), 1.0);
        auto* spin = f.find<QWidget>("pairsSpin");
        PlotPanel* trace = f.window->plotGrid()->tracePlot();
        const double controlBefore = spin->font().pointSizeF();
        const double plotBefore = plotTextHeights(*trace).first();

        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(zoom->zoom(), 1.25);
        QCOMPARE(spin->font().pointSizeF(), controlBefore * 1.25);
        QCOMPARE(plotTextHeights(*trace).first(), plotBefore * 1.25);
        QVERIFY(trace->minimumWidth() >= 280 * 1.25);

        QTest::keyClick(f.window.get(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(zoom->zoom(), 1.1);
        QTest::keyClick(f.window.get(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(zoom->zoom(), 1.0);
        QCOMPARE(spin->font().pointSizeF(), controlBefore);
        QCOMPARE(plotTextHeights(*trace).first(), plotBefore);
    }

    void zoomStopsAt75And300Percent() {
        Fixture f;
        for (int i = 0; i < 20; ++i)
            menuItem(*f.window, "View", "Zoom in")->trigger();
        QCOMPARE(f.window->zoomController()->zoom(), 3.0);
        QVERIFY(!f.window->zoomController()->zoomInAction()->isEnabled());
        for (int i = 0; i < 20; ++i)
            menuItem(*f.window, "View", "Zoom out")->trigger();
        QCOMPARE(f.window->zoomController()->zoom(), 0.75);
        menuItem(*f.window, "View", "Actual size")->trigger();
        QCOMPARE(f.window->zoomController()->zoom(), 1.0);
    }

    // However large the zoom, the window can still be as narrow as a projector's screen: the
    // plots and, beyond a third of the screen, the controls scroll.
    void atEveryZoomTheWindowCanBeAtMost1000Wide() {
        Fixture f;
        for (int i = 0; i < 12; ++i) {
            QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
            QVERIFY2(f.window->minimumSizeHint().width() <= 1000,
                     qPrintable(QStringLiteral("%1 px at %2")
                                    .arg(f.window->minimumSizeHint().width())
                                    .arg(f.window->zoomController()->zoom())));
        }
        QCOMPARE(f.window->zoomController()->zoom(), ZoomController::kMaximum);
    }

    // The plot is laid out on its size over the zoom and painted over the whole widget.
    void zoomedPlotFillsItsWidget() {
        Fixture f;
        f.window->resize(1600, 1000);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.window->zoomController()->zoom(), 1.5);
        auto* plot = static_cast<ZoomablePlot*>(f.window->plotGrid()->posteriorPlot()->plot());
        QTRY_VERIFY(plot->viewport().width() > 0);
        QCOMPARE(plot->viewport().width(), qRound(plot->width() / 1.5));
        plot->replot();
        QVERIFY(drawsIntoItsRightQuarter(plot));
    }

    // Mouse positions reach the plot in its own (zoomed-out) coordinates, so a drag or a double
    // click lands where the user sees it.
    void zoomedPlotReceivesMousePositionsInItsCoordinates() {
        Fixture f;
        for (int i = 0; i < 5; ++i)  // 100 % → 200 %
            QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.window->zoomController()->zoom(), 2.0);
        QCustomPlot* plot = f.window->plotGrid()->tracePlot()->plot();
        QPointF received(-1, -1);
        connect(plot, &QCustomPlot::mousePress, this,
                [&received](QMouseEvent* event) { received = event->position(); });
        const QPoint at(plot->width() / 2, plot->height() / 2);
        QTest::mousePress(plot, Qt::LeftButton, {}, at);
        QTest::mouseRelease(plot, Qt::LeftButton, {}, at);
        QCOMPARE(received, QPointF(at) / 2.0);
        const QRect axes = plot->axisRect()->rect();
        QVERIFY(axes.right() <= plot->viewport().right());
        QVERIFY(axes.right() * 2 > plot->width() / 2);  // the axes span the widget, not a quarter
    }

    void zoomPersistsInANewWindow() {
        Fixture f;
        const double pointSize = f.find<QWidget>("pairsSpin")->font().pointSizeF();
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.window->zoomController()->zoom(), 1.1);
        f.window->close();
        f.open();
        QCOMPARE(f.window->zoomController()->zoom(), 1.1);
        QCOMPARE(f.find<QWidget>("pairsSpin")->font().pointSizeF(), pointSize * 1.1);
    }

    // ---- Full screen and presentation mode -----------------------------------------------------

    void f11AndTheViewMenuToggleFullScreen() {
        Fixture f;
        QVERIFY(!f.window->isFullScreen());
        QTest::keyClick(f.window.get(), Qt::Key_F11);
        QTRY_VERIFY(f.window->isFullScreen());
        QTest::keyClick(f.window.get(), Qt::Key_F11);
        QTRY_VERIFY(!f.window->isFullScreen());
        menuItem(*f.window, "View", "Full screen")->trigger();
        QTRY_VERIFY(f.window->isFullScreen());
        menuItem(*f.window, "View", "Full screen")->trigger();
        QTRY_VERIFY(!f.window->isFullScreen());
    }

    void f5PresentsAndEscapeLeaves() {
        Fixture f;
        const double zoomBefore = f.window->zoomController()->zoom();
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->presentationMode()->isActive());
        QTRY_VERIFY(f.window->isFullScreen());
        QCOMPARE(f.window->zoomController()->zoom(), PresentationMode::kZoom);
        QVERIFY(!f.window->controlsDock()->isVisible());
        QVERIFY(f.window->explanationDock()->isVisible());
        QCOMPARE(f.window->dockWidgetArea(f.window->explanationDock()), Qt::RightDockWidgetArea);
        QVERIFY(f.window->runToolBar()->isVisible());

        QTest::keyClick(f.window.get(), Qt::Key_Escape);
        QVERIFY(!f.window->presentationMode()->isActive());
        QTRY_VERIFY(!f.window->isFullScreen());
        QCOMPARE(f.window->zoomController()->zoom(), zoomBefore);
        QVERIFY(f.window->controlsDock()->isVisible());

        menuItem(*f.window, "View", "Presentation mode")->trigger();
        QVERIFY(f.window->presentationMode()->isActive());
        menuItem(*f.window, "View", "Presentation mode")->trigger();
        QVERIFY(!f.window->presentationMode()->isActive());
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->presentationMode()->isActive());
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(!f.window->presentationMode()->isActive());
        // The presentation's zoom is not what the next start opens with.
        QCOMPARE(f.settings.value("view/zoom", 1.0).toDouble(), zoomBefore);
    }

    void closingWhilePresentingKeepsTheLayoutFromBefore() {
        Fixture f;
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(!f.window->controlsDock()->isVisible());
        f.window->close();
        f.open();
        QVERIFY(!f.window->presentationMode()->isActive());
        QVERIFY(f.window->controlsDock()->isVisible());
        QVERIFY(!f.window->isFullScreen());
        QCOMPARE(f.window->zoomController()->zoom(), 1.0);
    }

    // The done-when of the classroom issue: presented on 1024 × 768, the smallest text of the
    // plots, the tool bar, the status bar and the explanation is at least 16 px high (the
    // font's pixel size, its em, which is larger than the height of its capitals).
    void presentedAt1024x768TheSmallestTextIsAtLeast16Pixels() {
        Fixture f;
        f.window->resize(1024, 768);
        QTest::keyClick(f.window.get(), Qt::Key_Space);
        QTRY_VERIFY(f.controller().history().iterations() > 10);
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->presentationMode()->isActive());
        QTest::qWait(100);
        f.window->refreshNow();
        QList<double> heights;
        for (PlotPanel* panel : f.window->plotGrid()->panels())
            heights << plotTextHeights(*panel);
        heights << widgetTextHeights(*f.window->runToolBar())
                << widgetTextHeights(*f.window->statusBar())
                << widgetTextHeights(*f.window->explanationDock());
        QVERIFY(heights.size() > 20);
        const double smallest = *std::min_element(heights.begin(), heights.end());
        qInfo("smallest text in presentation mode: %.1f px (of %lld texts)", smallest,
              static_cast<long long>(heights.size()));
        QVERIFY2(smallest >= 16.0, qPrintable(QString::number(smallest)));
    }
};

QTEST_MAIN(TestWindowFrame)
#include "test_window_frame.moc"
