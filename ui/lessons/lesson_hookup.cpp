#include "ui/lessons/lesson_hookup.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>

#include <qcustomplot.h>
#include "ui/app/main_window.h"
#include "ui/app/presentation_mode.h"
#include "ui/app/run_toolbar.h"
#include "ui/controls/control_panel.h"
#include "ui/files/plot_exporter.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_handout.h"
#include "ui/lessons/lesson_player.h"
#include "ui/lessons/lesson_text.h"
#include "ui/machine/machine_tab.h"
#include "ui/plots/energy_error_plot.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/trajectory_plot.h"
#include "ui/plots/trajectory_view.h"
#include "ui/run/sampling_controller.h"
#include "ui/sweep/sweep_tab.h"

namespace couplinglab::ui {
namespace {

constexpr int kStepShortcuts = 9;  // Ctrl+1 … Ctrl+9
const QString kReferenceCurve = QStringLiteral("referenceCurve");
const QString kVerdict = QStringLiteral("verdict");
const QString kSweepTab = QStringLiteral("sweep");
const QString kMachineTab = QStringLiteral("machine");
const QString kExplanation = QStringLiteral("explanation");
const QString kMachineNumbers = QStringLiteral("machine-numbers");

// The window's tabs in order: the live run, the sweep, the Boltzmann machine.
int tabIndex(const QString& tab) {
    if (tab == kSweepTab) return 1;
    if (tab == kMachineTab) return 2;
    return 0;
}

QMenu* menuTitled(MainWindow& window, const QString& title) {
    for (QAction* action : window.menuBar()->actions()) {
        if (action->menu() != nullptr && action->text() == title) return action->menu();
    }
    return nullptr;
}

}  // namespace

LessonHookup::LessonHookup(MainWindow& window) : QObject(&window), window_(window) {
    installStrip();
    createActions();
    connect(player_, &LessonPlayer::stepEntered, this, &LessonHookup::enterStep);
    connect(player_, &LessonPlayer::revealed, this, [this] {
        applyVisibility();
        showNote();
    });
    connect(player_, &LessonPlayer::closed, this, [this] {
        applyVisibility();
        window_.showLessonNote({}, false);
        window_.machineTab()->setLessonNote({});
        for (QAction* action : {next_, back_, reveal_})
            action->setEnabled(false);
        handout_->setEnabled(player_->hasLesson());
        window_.runToolBar()->showLesson(-1);
        updateStepActions();
    });
    // A machine step's answer quotes its run's numbers, which come when the run ends.
    connect(window_.machineTab(), &MachineTab::runFinished, this, [this] { showNote(); });
    connect(player_->addStepButton(), &QPushButton::clicked, addStep_, &QAction::trigger);
    connect(player_->saveButton(), &QPushButton::clicked, save_, &QAction::trigger);
    // The question's placeholders show the data of the run in force.
    connect(window_.controller(), &SamplingController::dataReady, this,
            [this](const DataSummary& summary) {
                player_->setLiveNumbers(
                    makeExplanationInput(window_.controlPanel()->settings(), summary.statistic));
            });
}

// The strip goes above the tabs, so that it stays in presentation mode, where the docks hide.
void LessonHookup::installStrip() {
    QWidget* tabs = window_.takeCentralWidget();
    tabs_ = qobject_cast<QTabWidget*>(tabs);
    auto* column = new QWidget;
    column->setObjectName(QStringLiteral("lessonColumn"));
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    player_ = new LessonPlayer(column);
    layout->addWidget(player_);
    layout->addWidget(tabs, 1);
    window_.setCentralWidget(column);
}

void LessonHookup::createActions() {
    const auto make = [this](const QString& text, const char* name, const QString& tip) {
        auto* action = new QAction(text, &window_);
        action->setObjectName(QString::fromLatin1(name));
        action->setToolTip(tip);
        return action;
    };
    next_ = make(tr("&Next step"), "lessonNextAction", tr("Next step of the lesson (Page Down)"));
    next_->setShortcuts({QKeySequence(Qt::Key_PageDown)});
    back_ = make(tr("&Previous step"), "lessonBackAction", tr("The step before (Page Up)"));
    back_->setShortcuts({QKeySequence(Qt::Key_PageUp)});
    reveal_ = make(tr("&Reveal"), "lessonRevealAction",
                   tr("Show the answer and what the step hid (B or period)"));
    reveal_->setShortcuts({QKeySequence(Qt::Key_B), QKeySequence(Qt::Key_Period)});
    addStep_ = make(tr("&Add the current state as a step"), "lessonAddStepAction",
                    tr("Append the current settings, plots and panels to the lesson"));
    open_ = make(tr("Open &lesson…"), "openLessonAction", tr("Open a lesson file"));
    save_ = make(tr("Save l&esson…"), "saveLessonAction", tr("Save the lesson as a file"));
    handout_ = make(tr("Export lesson &handout (PDF)…"), "exportHandoutAction",
                    tr("One page per step of the open lesson: its question and answer, its plots "
                       "and its explanation, each step run to completion"));
    connect(next_, &QAction::triggered, player_, &LessonPlayer::next);
    connect(back_, &QAction::triggered, player_, &LessonPlayer::back);
    connect(reveal_, &QAction::triggered, player_, &LessonPlayer::reveal);
    connect(addStep_, &QAction::triggered, this, [this] {
        player_->appendStep(currentStateAsStep());
        save_->setEnabled(true);
        handout_->setEnabled(true);
        updateStepActions();
    });
    connect(open_, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            &window_, tr("Open lesson"), {},
            tr("Lessons (*%1);;JSON (*.json)").arg(QLatin1String(kLessonSuffix)));
        if (!path.isEmpty()) openLessonFile(path);
    });
    connect(save_, &QAction::triggered, this, [this] {
        QString path = QFileDialog::getSaveFileName(
            &window_, tr("Save lesson"), {}, tr("Lessons (*%1)").arg(QLatin1String(kLessonSuffix)));
        if (path.isEmpty()) return;
        if (!path.endsWith(QLatin1String(".json"))) path += QLatin1String(kLessonSuffix);
        saveLessonFile(path);
    });
    connect(handout_, &QAction::triggered, this, [this] {
        QString path = QFileDialog::getSaveFileName(&window_, tr("Export lesson handout"), {},
                                                    tr("PDF (*.pdf)"));
        if (path.isEmpty()) return;
        if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
            path += QLatin1String(".pdf");
        exportHandout(path);
    });
    for (QAction* action : {next_, back_, reveal_, save_, handout_})
        action->setEnabled(false);
    // Window actions: the keys work wherever the focus is, in presentation mode too.
    window_.addActions({next_, back_, reveal_});

    for (const Lesson& lesson : builtInLessons()) {
        auto* action = new QAction(lesson.title, &window_);
        action->setToolTip(tr("Start this lesson at its first step"));
        connect(action, &QAction::triggered, this, [this, lesson] { startLesson(lesson); });
        builtIn_.append(action);
    }
    window_.runToolBar()->setLessonActions(builtIn_);
    for (int i = 0; i < kStepShortcuts; ++i) {
        auto* action = new QAction(&window_);
        action->setObjectName(QStringLiteral("lessonStep%1Action").arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { goToStep(i); });
        steps_.append(action);
    }
    window_.addActions(steps_);  // the keys work wherever the focus is
    updateStepActions();
    if (QMenu* file = menuTitled(window_, tr("&File"))) {
        file->addSeparator();
        file->addActions({open_, save_, handout_});
    }
    auto* lessons = new QMenu(tr("&Lessons"), &window_);
    lessons->setToolTipsVisible(true);
    lessons->addActions(builtIn_);
    lessons->addSeparator();
    lessons->addActions(steps_);
    lessons->addSeparator();
    lessons->addActions({open_, save_, handout_});
    lessons->addSeparator();
    lessons->addActions({next_, back_, reveal_, addStep_});
    QMenu* view = menuTitled(window_, tr("&View"));
    window_.menuBar()->insertMenu(view != nullptr ? view->menuAction() : nullptr, lessons);
}

bool LessonHookup::openLessonFile(const QString& path) {
    try {
        startLesson(loadLessonFile(path));
        return true;
    } catch (const LessonError& error) {
        warn(tr("This lesson cannot be opened; nothing was changed.\n\n%1")
                 .arg(QString::fromStdString(error.what())));
        return false;
    }
}

bool LessonHookup::saveLessonFile(const QString& path) {
    try {
        ui::saveLessonFile(path, player_->lesson());
        window_.statusBar()->showMessage(tr("Saved the lesson to %1").arg(path), 5000);
        return true;
    } catch (const LessonError& error) {
        warn(QString::fromStdString(error.what()));
        return false;
    }
}

bool LessonHookup::exportHandout(const QString& path) {
    const Lesson lesson = player_->lesson();
    const auto steps = static_cast<int>(lesson.steps.size());
    QProgressDialog progress(tr("Running the lesson's steps…"), tr("Cancel"), 0, steps, &window_);
    progress.setWindowTitle(tr("Export lesson handout"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    try {
        writeLessonHandout(lesson, path, [&progress](int step, int total) {
            progress.setValue(step);
            if (step < total)
                progress.setLabelText(tr("Running step %1 of %2…").arg(step + 1).arg(total));
            QCoreApplication::processEvents();
            return !progress.wasCanceled();
        });
    } catch (const HandoutCancelled&) {
        window_.statusBar()->showMessage(tr("The handout was cancelled; nothing was written"),
                                         5000);
        return false;
    } catch (const ExportError& error) {
        progress.reset();
        warn(tr("The handout could not be written.\n\n%1")
                 .arg(QString::fromStdString(error.what())));
        return false;
    }
    window_.statusBar()->showMessage(tr("Saved the handout to %1").arg(path), 5000);
    return true;
}

LessonStep LessonHookup::currentStateAsStep() const {
    LessonStep step;
    step.title = tr("Step %1").arg(player_->lesson().steps.size() + 1);
    step.session = Session{window_.currentSettings(), window_.controlPanel()->display(), {}};
    for (PlotPanel* panel : window_.plotGrid()->panels()) {
        if (!panel->isHidden()) step.plots.append(panel->exportName());
    }
    if (!window_.controlsDock()->isHidden()) step.panels.append(QStringLiteral("controls"));
    if (!window_.explanationDock()->isHidden()) step.panels.append(QStringLiteral("explanation"));
    const int tab = tabs_ != nullptr ? tabs_->currentIndex() : 0;
    step.tab = tab == 1 ? kSweepTab : tab == 2 ? kMachineTab : QStringLiteral("run");
    if (tab == 2) {
        step.session.machine = window_.machineTab()->session();
        step.plots.clear();
        for (PlotPanel* panel : window_.machineTab()->panels()) {
            if (!panel->isHidden()) step.plots.append(panel->exportName());
        }
    }
    return step;
}

void LessonHookup::startLesson(const Lesson& lesson, int first) {
    const std::vector<Lesson> builtIn = builtInLessons();
    const auto at = std::find(builtIn.begin(), builtIn.end(), lesson);
    window_.runToolBar()->showLesson(
        at != builtIn.end() ? static_cast<int>(std::distance(builtIn.begin(), at)) : -1);
    player_->setLesson(lesson, first);
}

void LessonHookup::goToStep(int index) {
    if (!player_->hasLesson()) {
        startLesson(builtInLessons().front(), index);
    } else {
        player_->goTo(index);
    }
}

// The step items name the steps of the open lesson, or of the first built-in lesson, which
// they start when none is open.
void LessonHookup::updateStepActions() {
    const Lesson lesson = player_->hasLesson() ? player_->lesson() : builtInLessons().front();
    static const QRegularExpression numbered(QStringLiteral("^\\d+[.)] "));
    for (qsizetype i = 0; i < steps_.size(); ++i) {
        QAction* action = steps_[i];
        const bool exists = i < static_cast<qsizetype>(lesson.steps.size());
        action->setVisible(exists);
        if (!exists) continue;
        const QString title = lesson.steps[static_cast<std::size_t>(i)].title;
        action->setText(title.contains(numbered) ? title
                                                 : QStringLiteral("%1. %2").arg(i + 1).arg(title));
        action->setToolTip(
            player_->hasLesson()
                ? tr("Go to step %1 of the lesson (Ctrl+%1)").arg(i + 1)
                : tr("Start “%1” at step %2 (Ctrl+%2)").arg(lesson.title).arg(i + 1));
    }
}

void LessonHookup::enterStep(int index) {
    const LessonStep* step = player_->currentStep();
    if (step == nullptr) return;
    for (QAction* action : {next_, back_, reveal_, save_, handout_})
        action->setEnabled(true);
    updateStepActions();
    // A step on the sweep tab runs the sweep (with the step's sampler) instead of a live run;
    // one on the machine tab samples the machine.
    const bool sweep = step->tab == kSweepTab;
    const bool machine = step->tab == kMachineTab;
    window_.applyLessonStep(step->session, {}, false, !sweep && !machine);
    if (machine) {
        window_.machineTab()->setSession(
            step->session.machine.value_or(MachineSession{defaultMachineRunSpec(), {}, {}}));
    }
    applyVisibility();
    showNote();
    if (sweep && !window_.sweepTab()->isRunning()) window_.sweepTab()->runSweep();
    if (machine) window_.machineTab()->runWhenIdle();
    window_.statusBar()->showMessage(tr("Lesson step %1 of %2: %3")
                                         .arg(index + 1)
                                         .arg(player_->lesson().steps.size())
                                         .arg(step->title),
                                     4000);
}

// The step's plots, panels and tab; what waits for Reveal hidden until then. Without a lesson
// everything is shown again.
void LessonHookup::applyVisibility() {
    const LessonStep* step = player_->currentStep();
    const bool revealed = player_->isRevealed();
    const auto waits = [&](const QString& name) {
        return step != nullptr && !revealed && step->hidden.contains(name);
    };
    for (PlotPanel* panel : window_.plotGrid()->panels()) {
        const QString name = panel->exportName();
        panel->setVisible((step == nullptr || step->plots.contains(name)) && !waits(name));
    }
    // The trajectory view's Lock axes box goes with its plots, and the view with both, so that
    // a column with nothing shown leaves no empty space.
    TrajectoryView* view = window_.plotGrid()->trajectoryView();
    view->lockAxesCheck()->setVisible(!view->trajectoryPlot()->isHidden());
    view->setVisible(!view->trajectoryPlot()->isHidden() || !view->energyErrorPlot()->isHidden());
    PosteriorPlot* posterior = window_.plotGrid()->posteriorPlot();
    const bool curve = !waits(kReferenceCurve);
    if (posterior->exactCurve()->visible() != curve) {
        posterior->exactCurve()->setVisible(curve);
        if (curve) {
            posterior->exactCurve()->addToLegend();
        } else {
            posterior->exactCurve()->removeFromLegend();
        }
        posterior->plot()->replot();
    }
    QStringList masked;
    for (const QString& name : lessonReadoutNames()) {
        if (waits(name)) masked.append(name);
    }
    window_.setMaskedReadouts(masked);
    MachineTab& machine = *window_.machineTab();
    machine.setNumbersMasked(waits(kMachineNumbers));
    if (step == nullptr) {
        machine.setVisiblePlots({});
        return;
    }
    QStringList machinePlots;
    for (const QString& name : step->plots) {
        if (MachineTab::plotNames().contains(name) && !waits(name)) machinePlots.append(name);
    }
    // A step that names none of the machine's plots shows all three.
    machine.setVisiblePlots(machinePlots.isEmpty() ? MachineTab::plotNames() : machinePlots);
    // The tab first: leaving the machine tab puts back the docks it had hidden, which the step
    // then sets as it wants them; the machine tab has no use for them.
    if (tabs_ != nullptr) tabs_->setCurrentIndex(tabIndex(step->tab));
    // Presentation mode hides the docks itself and puts them back when it ends.
    if (!window_.presentationMode()->isActive() && step->tab != kMachineTab) {
        window_.controlsDock()->setVisible(step->panels.contains(QStringLiteral("controls")));
        window_.explanationDock()->setVisible(step->panels.contains(kExplanation) &&
                                              !waits(kExplanation));
    }
}

// The step's text in the explanation's lesson box, and after Reveal its answer too.
void LessonHookup::showNote() {
    const LessonStep* step = player_->currentStep();
    if (step == nullptr) return;
    const bool revealed = player_->isRevealed();
    const QString note = lessonNoteHtml(*step, revealed);
    MachineTab& machine = *window_.machineTab();
    if (step->tab == kMachineTab) {
        const int x = std::max(0, machine.pickX()->currentIndex());
        const int y = std::max(0, machine.pickY()->currentIndex());
        machine.setLessonNote(
            fillMachinePlaceholders(note, machine.outcome(), machine.geometry(), x, y));
        window_.showLessonNote({}, false);
        return;
    }
    machine.setLessonNote({});
    window_.showLessonNote(note, !revealed && step->hidden.contains(kVerdict));
}

void LessonHookup::warn(const QString& message) {
    window_.statusBar()->showMessage(message.section(QLatin1Char('\n'), -1), 8000);
    QMessageBox::warning(&window_, tr("Coupling Lab"), message);
}

}  // namespace couplinglab::ui
