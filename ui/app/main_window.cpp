#include "ui/app/main_window.h"

#include "ui/app/presentation_mode.h"
#include "ui/app/run_toolbar.h"
#include "ui/app/window_keys.h"
#include "ui/app/zoom_controller.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <algorithm>
#include <cmath>

#include <qcustomplot.h>
#include "core/platform/memory_policy.h"
#include "ui/app/status_field.h"
#include "ui/controls/control_panel.h"
#include "ui/explanation/explanation.h"
#include "ui/explanation/explanation_panel.h"
#include "ui/files/file_actions.h"
#include "ui/help/help_menu.h"
#include "ui/lessons/lesson_hookup.h"
#include "ui/lessons/lesson_text.h"
#include "ui/machine/machine_tab.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/diagnostics_monitor.h"
#include "ui/run/sampling_controller.h"
#include "ui/settings/session.h"
#include "ui/settings/settings_store.h"
#include "ui/support/paced_queue.h"
#include "ui/sweep/sweep_tab.h"

namespace couplinglab::ui {
namespace {

constexpr int kRefreshIntervalMs = 33;  // plots at most 30 times a second
constexpr int kSlowIntervalMs = 250;    // explanation and diagnostics
constexpr int kPacedPauseMs = 2;        // between two heavy jobs: input and painting get a turn
// The slow tick's jobs in the paced queue.
enum SlowJob { kExplanationJob = 1, kStatusBarJob, kDiagnosticsJob };

}  // namespace

MainWindow::MainWindow(QSettings& settings, QWidget* parent)
    : QMainWindow(parent), qsettings_(settings), store_(std::make_unique<SettingsStore>(settings)) {
    returnLargeArraysToTheSystem();  // a long run's diagnostics must not keep their peak
    setWindowTitle(tr("Coupling Lab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/couplinglab.svg")));
    const auto [stored, storedDisplay] = store_->load();
    // The panel's ranges are a classroom's (at most 4 chains, N up to 10^8); what it shows is
    // what runs.
    controlPanel_ = new ControlPanel;
    controlPanel_->setSettings(stored);
    controlPanel_->setDisplay(storedDisplay);
    controller_ = std::make_unique<SamplingController>(controlPanel_->settings());
    controller_->applyDisplay(controlPanel_->display());

    paced_ = new PacedQueue(kPacedPauseMs, this);
    plotGrid_ = new PlotGrid;
    plotGrid_->setLiveReplotQueue(paced_);
    sweepTab_ = new SweepTab;
    sweepTab_->setBaseSampler(controller_->settings().sampler);
    tabs_ = new QTabWidget;
    tabs_->setDocumentMode(true);
    createPlotArea();
    tabs_->addTab(plotScroll_, tr("Live run"));
    // The sweep's controls and table need more width than a projector's: they scroll.
    auto* sweepScroll = new QScrollArea;
    sweepScroll->setWidget(sweepTab_);
    sweepScroll->setWidgetResizable(true);
    sweepScroll->setFrameShape(QFrame::NoFrame);
    tabs_->addTab(sweepScroll, tr("Sweep over N"));
    machineTab_ = new MachineTab;
    auto* machineScroll = new QScrollArea;
    machineScroll_ = machineScroll;
    machineScroll->setWidget(machineTab_);
    machineScroll->setWidgetResizable(true);
    machineScroll->setFrameShape(QFrame::NoFrame);
    tabs_->addTab(machineScroll, tr("Boltzmann machine"));
    tabs_->setTabToolTip(0,
                         tr("One run, live: trace, posterior, step size, trees and trajectories"));
    tabs_->setTabToolTip(
        1, tr("Many runs over a range of N: how the posterior and the step size scale"));
    tabs_->setTabToolTip(2, tr("K units and many parameters: why ε follows the posterior's "
                               "narrowest direction, and what a dense metric changes"));
    setCentralWidget(tabs_);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);
    // A sweep point clicked in the table becomes the live run's settings.
    connect(sweepTab_, &SweepTab::loadPointRequested, this, [this](const RunSettings& point) {
        controlPanel_->setSettings(point);
        controller_->resetTo(controlPanel_->settings());
        tabs_->setCurrentWidget(plotScroll_);
        statusBar()->showMessage(tr("Loaded the sweep point; press Start to run it"), 5000);
    });
    connect(sweepTab_, &SweepTab::loadMachinePointRequested, this,
            [this, machineScroll](const MachineRunSpec& point) {
                machineTab_->setSession(MachineSession{point, {}, {}});
                tabs_->setCurrentWidget(machineScroll);
                statusBar()->showMessage(tr("Loaded the sweep point; press Run to sample it"),
                                         5000);
            });
    diagnostics_ = new DiagnosticsMonitor(this);
    createActions();
    createToolBar();
    createDocks();
    createZoomAndPresentation();
    fileActions_ = new FileActions(
        this, qsettings_,
        FileActionsContext{
            .panels = [this] { return allPanels(); },
            .gridSize = [this] { return plotGrid_->size(); },
            .history = [this]() -> const RunHistory& { return controller_->history(); },
            .currentSession =
                [this] {
                    return Session{controller_->settings(), controller_->display(),
                                   machineTab_->session()};
                },
            .applySession = [this](const Session& session) { applySession(session); },
            .metadata = {},
        });
    fileActions_->installContextMenus();
    connect(fileActions_, &FileActions::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    createCodePanel();
    createBitsActions();
    createAnimationAction();
    createMenus();
    createStatusBar();
    connectPanel();
    connectController();

    refreshTimer_.setObjectName(QStringLiteral("refresh-plots"));  // names for profiling
    slowTimer_.setObjectName(QStringLiteral("refresh-explanation-diagnostics"));
    connect(&refreshTimer_, &QTimer::timeout, this, &MainWindow::refreshPlots);
    // Each its own job: together they would be one pause of the GUI thread as long as all three.
    connect(&slowTimer_, &QTimer::timeout, this, [this] {
        paced_->post(this, kExplanationJob, [this] { refreshExplanation(); });
        paced_->post(this, kStatusBarJob, [this] { refreshStatusBar(); });
        paced_->post(this, kDiagnosticsJob, [this] {
            diagnostics_->update(controller_->history(), controller_->state() == RunState::Running);
        });
    });
    connect(diagnostics_, &DiagnosticsMonitor::updated, this, &MainWindow::refreshStatusBar);
    // The explanation's check reads the latest summary, which may arrive after the last draw.
    connect(diagnostics_, &DiagnosticsMonitor::updated, this, [this] { explanationDirty_ = true; });
    refreshTimer_.start(kRefreshIntervalMs);
    slowTimer_.start(kSlowIntervalMs);
    rateClock_.start();

    lessons_ = new LessonHookup(*this);  // the lesson strip above the plots, its actions and keys
    fitToScreen();
    zoom_->reapply();  // the zoom stored last time, or 100 %
    fitDocksToZoom();
    refreshNow();
}

MainWindow::~MainWindow() {
    controller_->shutdown();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts(
        keysWithPlatformOnes(QKeySequence(Qt::CTRL | Qt::Key_Q), QKeySequence::Quit));
    fileActions_->populateFileMenu(file);
    file->insertAction(quit, exportAnimationAction_);
    file->insertSeparator(quit);
    file->insertAction(quit, openBitsAction_);
    file->insertAction(quit, saveBitsAction_);
    file->insertSeparator(quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addActions({startPauseAction_, stepAction_, resetAction_});
    run->addSeparator();
    run->addAction(restoreDefaultsAction_);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(followAction_);
    view->addAction(modelCodeAction_);
    view->addSeparator();
    view->addActions({zoom_->zoomInAction(), zoom_->zoomOutAction(), zoom_->actualSizeAction()});
    view->addSeparator();
    view->addAction(fullScreenAction_);
    view->addAction(presentation_->toggleAction());
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    help::addHelpActions(menuBar()->addMenu(tr("&Help")), this);
}

// The panel's edits go to the controller, which decides what they do.
void MainWindow::connectPanel() {
    connect(controlPanel_, &ControlPanel::generateRequested, this, [this](const DataSpec& data) {
        RunSettings next = controller_->settings();
        next.data = data;
        applyPanelEdit(next);
    });
    connect(controlPanel_, &ControlPanel::modelChanged, this, [this](const ModelSpec& model) {
        RunSettings next = controller_->settings();
        next.model = model;
        applyPanelEdit(next);
    });
    connect(controlPanel_, &ControlPanel::samplerChanged, this,
            [this](const SamplerSettings& sampler) {
                RunSettings next = controller_->settings();
                next.sampler = sampler;
                applyPanelEdit(next);
            });
    connect(controlPanel_, &ControlPanel::displayChanged, controller_.get(),
            &SamplingController::applyDisplay);
}

// The sweep starts from the sampler the controls show.
void MainWindow::applyPanelEdit(const RunSettings& next) {
    if (controller_->apply(next) != ApplyOutcome::Refused) sweepTab_->setBaseSampler(next.sampler);
}

void MainWindow::connectController() {
    connect(controller_.get(), &SamplingController::historyChanged, this, [this] {
        plotsDirty_ = true;
        explanationDirty_ = true;
    });
    // Trajectories arrive at most 30 times a second at full speed, and one per leapfrog step
    // in slow motion, which must show at once.
    connect(controller_.get(), &SamplingController::trajectoryUpdated, this, [this] {
        plotGrid_->refreshTrajectory(controller_->latestTrajectory(),
                                     controller_->history().currentSegment());
    });
    connect(controller_.get(), &SamplingController::dataReady, controlPanel_,
            &ControlPanel::setDataSummary);
    connect(controller_.get(), &SamplingController::stateChanged, this,
            &MainWindow::onStateChanged);
    connect(controller_.get(), &SamplingController::segmentStarted, this,
            &MainWindow::onSegmentStarted);
    connect(controller_.get(), &SamplingController::failed, this, [this](const QString& message) {
        statusBar()->showMessage(message, 8000);
        QMessageBox::warning(this, tr("Coupling Lab"), message);
    });
    connect(controller_.get(), &SamplingController::settingsRefused, this,
            [this](const QString& message) {
                QMessageBox::warning(this, tr("Coupling Lab"), message);
                controlPanel_->setSettings(controller_->settings());
            });
    connect(controller_.get(), &SamplingController::settingsApplied, this,
            [this](const SettingsChange& change) {
                explanationDirty_ = true;
                if (change.outcome != ApplyOutcome::Deferred) return;
                statusBar()->showMessage(
                    tr("The number of chains and the sampler seed take effect at Reset (Ctrl+R)"),
                    6000);
            });
    connect(controller_.get(), &SamplingController::displayApplied, this,
            [this] { plotsDirty_ = true; });
    connectDiagnostics();
}

// The diagnostics describe the current segment's draws: they start again with every segment,
// and at once when the draws are discarded or the target switches, before the worker's new
// segment arrives.
void MainWindow::connectDiagnostics() {
    SamplingController* controller = controller_.get();
    connect(controller, &SamplingController::runReset, diagnostics_, &DiagnosticsMonitor::clear);
    connect(controller, &SamplingController::liveSwitch, diagnostics_, &DiagnosticsMonitor::clear);
    connect(controller, &SamplingController::segmentStarted, diagnostics_,
            &DiagnosticsMonitor::clear);
}

void MainWindow::restoreDefaults() {
    store_->clear();
    controlPanel_->setSettings(RunSettings{});
    controlPanel_->setDisplay(DisplaySettings{});
    controller_->applyDisplay(DisplaySettings{});
    controller_->resetTo(RunSettings{});
    statusBar()->showMessage(tr("Every setting is back to its default"), 4000);
}

// Every setting from a saved session; the run starts afresh so that Start reproduces the
// session's draws.
void MainWindow::applySession(const Session& session) {
    controlPanel_->setSettings(session.settings);
    controlPanel_->setDisplay(session.display);
    controller_->applyDisplay(session.display);
    sweepTab_->setBaseSampler(session.settings.sampler);
    if (session.machine) machineTab_->setSession(*session.machine);
    lessonNote_.clear();
    hideVerdict_ = false;
    controller_->resetTo(session.settings);
    updateRenderingMode();
}

RunSettings MainWindow::currentSettings() const {
    return controller_->settings();
}

// The live run's panels and the sweep's: all of them export and copy alike.
QList<PlotPanel*> MainWindow::allPanels() const {
    QList<PlotPanel*> panels = plotGrid_->panels();
    panels.append(sweepTab_->panels());
    panels.append(machineTab_->panels());
    return panels;
}

void MainWindow::onStateChanged(RunState state) {
    startPauseAction_->setText(state == RunState::Running ? tr("&Pause") : tr("&Start"));
    updateRenderingMode();
    controlPanel_->setRunState(state);
    if (state == RunState::Finished) {
        statusBar()->showMessage(tr("Every chain has its draws; Start continues with %1 more each")
                                     .arg(controller_->settings().sampler.draws),
                                 6000);
    }
    refreshStatusBar();
}

void MainWindow::onSegmentStarted(const Segment&) {
    explanationDirty_ = true;
    plotsDirty_ = true;
}

void MainWindow::refreshNow() {
    plotsDirty_ = true;
    explanationDirty_ = true;
    refreshPlots();
    refreshExplanation();
    refreshStatusBar();
}

void MainWindow::refreshPlots() {
    if (!plotsDirty_) return;
    plotsDirty_ = false;
    plotGrid_->refresh(controller_->history(), controller_->display());
    // Keep drawing below about a third of the GUI thread's time: when the panels' last replots
    // took longer in total, refresh less often (at most 30 and at least 2 times a second).
    double replotMs = 0.0;
    for (PlotPanel* panel : plotGrid_->panels())
        replotMs += panel->plot()->replotTime();
    refreshTimer_.setInterval(
        std::clamp(static_cast<int>(3.0 * replotMs), kRefreshIntervalMs, 500));
}

// Fast, plainer drawing while the sampler runs faster than anyone can watch; the designed look
// as soon as it slows down, pauses or stops.
void MainWindow::updateRenderingMode() {
    const SpeedLevel& speed =
        kSpeedLevels[static_cast<std::size_t>(controller_->display().speedLevel)];
    const bool fast =
        speed.mode == SpeedLevel::Mode::Full ||
        (speed.mode == SpeedLevel::Mode::Iterations && speed.iterationsPerSecond >= 100.0);
    const bool live = fast && controller_->state() == RunState::Running;
    for (PlotPanel* panel : plotGrid_->panels())
        panel->setLiveRendering(live);
}

void MainWindow::refreshExplanation() {
    if (!explanationDirty_) return;
    explanationDirty_ = false;
    const RunHistory& history = controller_->history();
    const Segment* segment = history.currentSegment();
    const ExactPosterior* exact = history.exactPosterior();
    if (segment == nullptr || exact == nullptr) return;

    ExplanationInput input;
    input.settings = segment->settings;
    input.statistic = segment->statistic;
    input.exactMean = exact->mean();
    input.exactSd = exact->sd();
    input.laplaceSd = exact->laplaceSd();
    // A lesson step's paragraph stays while its settings are in force (the seed and chains aside).
    RunSettings comparable = controller_->settings();
    comparable.sampler.chains = lessonSettings_.sampler.chains;
    comparable.sampler.seed = lessonSettings_.sampler.seed;
    if (!lessonNote_.isEmpty() && comparable == lessonSettings_) input.lessonNote = lessonNote_;
    input.hideVerdict = hideVerdict_ && comparable == lessonSettings_;
    const auto& status = controller_->chainStatus();
    if (!status.empty()) {
        const SegmentStatistics& stats = history.segmentStatistics();
        SamplerSnapshot snapshot;
        snapshot.warmup = std::any_of(status.begin(), status.end(),
                                      [](const ChainStatus& s) { return s.warmup; });
        snapshot.iterations = status.front().iterations - segment->start;
        snapshot.draws = stats.draws;
        snapshot.sampleMean = stats.draws > 0 ? stats.mean : std::nan("");
        snapshot.sampleSd = stats.sd();
        for (const ChainStatus& s : status) {
            snapshot.stepSize.push_back(s.stepSize);
            snapshot.inverseMetric.push_back(s.inverseMetric);
        }
        snapshot.meanTreeDepth = stats.meanTreeDepth();
        snapshot.meanLeapfrogSteps = stats.meanLeapfrogs();
        snapshot.meanAcceptStat = stats.meanAcceptStat();
        snapshot.divergences = history.divergencesInSegment();
        if (const auto& summary = diagnostics_->latest(); summary && !summary->cancelled)
            snapshot.diagnostics = summary;
        input.sampler = snapshot;
    }
    input.lessonNote = fillPlaceholders(input.lessonNote, input);  // a lesson's live numbers
    explanationPanel_->setInput(input);
}

// The live run's docks (controls, explanation) say nothing about the Boltzmann machine, which
// has its own inputs and explanation: on its tab they make way, and come back as they were.
void MainWindow::onTabChanged(int index) {
    const bool machine = index >= 0 && tabs_->widget(index)->isAncestorOf(machineTab_);
    if (machine && layoutBeforeMachine_.isEmpty()) {
        layoutBeforeMachine_ = saveState();
        controlsDock_->hide();
        explanationDock_->hide();
    } else if (!machine && !layoutBeforeMachine_.isEmpty()) {
        restoreState(layoutBeforeMachine_);
        layoutBeforeMachine_.clear();
    }
}

// Presentation mode puts the explanation beside the plots and, when it ends, the layout it
// found back; the machine tab hides the docks and, when it is left, the layout it found back.
// Whichever starts or ends while the other holds, each ends with the layout it should.
void MainWindow::keepMachineTabLayout(bool presenting) {
    const bool machine = tabs_->currentWidget()->isAncestorOf(machineTab_);
    if (presenting) {
        if (!machine) return;
        layoutOutsidePresentation_ = layoutBeforeMachine_;
        layoutBeforeMachine_ = saveState();
        controlsDock_->hide();
        explanationDock_->hide();
        return;
    }
    if (machine) {
        layoutBeforeMachine_ =
            layoutOutsidePresentation_.isEmpty() ? saveState() : layoutOutsidePresentation_;
        controlsDock_->hide();
        explanationDock_->hide();
    } else if (!layoutOutsidePresentation_.isEmpty()) {
        restoreState(layoutOutsidePresentation_);
    }
    layoutOutsidePresentation_.clear();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    refreshTimer_.stop();
    slowTimer_.stop();
    controller_->shutdown();
    machineTab_->cancel();  // its worker ends within an iteration; the tab waits for it
    store_->save(controller_->settings(), controller_->display());
    // The layout to come back to is the one before the presentation, with the docks.
    presentation_->toggleAction()->setChecked(false);
    tabs_->setCurrentIndex(0);
    store_->saveGeometry(saveGeometry(), saveState());
    event->accept();
}

}  // namespace couplinglab::ui
