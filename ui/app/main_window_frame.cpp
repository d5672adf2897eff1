// The window's frame: its actions, tool bar, docks, status bar, zoom and presentation mode, and
// the size it opens at. The run itself is main_window.cpp's.
#include <QAction>
#include <QDockWidget>
#include <QGuiApplication>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <algorithm>
#include <cmath>

#include "ui/app/main_window.h"
#include "ui/app/presentation_mode.h"
#include "ui/app/run_toolbar.h"
#include "ui/app/status_field.h"
#include "ui/app/window_keys.h"
#include "ui/app/zoom_controller.h"
#include "ui/controls/control_panel.h"
#include "ui/explanation/explanation_panel.h"
#include "ui/plots/plot_grid.h"
#include "ui/run/diagnostics_monitor.h"
#include "ui/run/run_history.h"
#include "ui/run/sampling_controller.h"
#include "ui/settings/settings_store.h"

namespace couplinglab::ui {
namespace {

const QSize kPreferredSize(1600, 1000);
// Below this available width the explanation shares the controls' dock as a tab, so that the
// plots keep room for two columns.
constexpr int kTabbedDocksBelowWidth = 1200;
constexpr int kExplanationMinimumWidth = 240;
constexpr int kControlsMinimumWidth = 250;
constexpr int kExplanationWidth = 380;
constexpr double kExplanationMaxShare = 0.25;  // of the screen: the plots keep two columns

}  // namespace

void MainWindow::createActions() {
    startPauseAction_ = new QAction(tr("&Start"), this);
    startPauseAction_->setShortcut(Qt::Key_Space);
    startPauseAction_->setToolTip(tr("Start or pause sampling (Space)"));
    connect(startPauseAction_, &QAction::triggered, this, [this] { controller_->toggleRunning(); });

    stepAction_ = new QAction(tr("S&tep"), this);
    stepAction_->setShortcut(Qt::Key_Right);
    stepAction_->setToolTip(tr("Run one iteration of every chain (Right arrow)"));
    connect(stepAction_, &QAction::triggered, this, [this] { controller_->step(); });

    resetAction_ = new QAction(tr("&Reset"), this);
    resetAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    resetAction_->setToolTip(tr("Discard the draws and start fresh chains (Ctrl+R)"));
    connect(resetAction_, &QAction::triggered, this, [this] { controller_->reset(); });

    restoreDefaultsAction_ = new QAction(tr("Restore &defaults"), this);
    restoreDefaultsAction_->setToolTip(
        tr("Put every setting back to its default and reset the run"));
    connect(restoreDefaultsAction_, &QAction::triggered, this, &MainWindow::restoreDefaults);

    followAction_ = new QAction(tr("&Follow latest iterations"), this);
    followAction_->setShortcut(Qt::Key_End);
    followAction_->setToolTip(
        tr("Let the time-series plots follow the newest iterations again (End)"));
    connect(followAction_, &QAction::triggered, this, [this] { plotGrid_->followLatest(); });

    fullScreenAction_ = new QAction(tr("&Full screen"), this);
    fullScreenAction_->setShortcuts(
        keysWithPlatformOnes(QKeySequence(Qt::Key_F11), QKeySequence::FullScreen));
    fullScreenAction_->setCheckable(true);
    connect(fullScreenAction_, &QAction::toggled, this, [this](bool on) {
        // A flag of the state, so that a maximised window comes back maximised.
        setWindowState(on ? windowState() | Qt::WindowFullScreen
                          : windowState() & ~Qt::WindowFullScreen);
    });

    for (QAction* action :
         {startPauseAction_, stepAction_, resetAction_, followAction_, fullScreenAction_}) {
        addAction(action);  // shortcuts work wherever the focus is in the window
    }
    new SpaceReachesRunShortcut(*this);
}

void MainWindow::createToolBar() {
    runToolBar_ = new RunToolBar(this);
    runToolBar_->setRunActions(startPauseAction_, stepAction_, resetAction_);
    runToolBar_->mirrorSpeedSlider(
        controlPanel_->findChild<QSlider*>(QStringLiteral("speedSlider")));
    addToolBar(Qt::TopToolBarArea, runToolBar_);
}

// A dock that can be moved, closed (View brings it back), floated or tabbed with the other.
QDockWidget* MainWindow::addDock(const QString& title, const char* objectName, QWidget* contents,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(QString::fromLatin1(objectName));  // saveState() knows it by this name
    dock->setWidget(contents);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable |
                      QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks() {
    controlPanel_->setRunActions(startPauseAction_, stepAction_, resetAction_);
    controlsScroll_ = new QScrollArea;
    controlsScroll_->setWidget(controlPanel_);
    controlsScroll_->setWidgetResizable(true);
    controlsScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    controlsDock_ =
        addDock(tr("Controls"), "controlsDock", controlsScroll_, Qt::LeftDockWidgetArea);
    explanationPanel_ = new ExplanationPanel;
    explanationDock_ = addDock(tr("What is going on"), "explanationDock", explanationPanel_,
                               Qt::RightDockWidgetArea);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    fitDocksToZoom();
    const QScreen* current = screen() != nullptr ? screen() : QGuiApplication::primaryScreen();
    const int share =
        current != nullptr
            ? static_cast<int>(kExplanationMaxShare * current->availableGeometry().width())
            : kExplanationWidth;
    resizeDocks({explanationDock_},
                {std::clamp(share, kExplanationMinimumWidth, kExplanationWidth)}, Qt::Horizontal);
}

// The controls' column is as wide as the panel needs at the current zoom, up to a third of the
// screen (beyond that it scrolls sideways too, so that a large zoom never pushes the window
// off the screen); the explanation can be narrow at any zoom, since it wraps.
void MainWindow::fitDocksToZoom() {
    const QScreen* current = screen() != nullptr ? screen() : QGuiApplication::primaryScreen();
    const int third = current != nullptr ? current->availableGeometry().width() / 3 : 400;
    const int wanted = controlPanel_->minimumSizeHint().width() +
                       controlsScroll_->verticalScrollBar()->sizeHint().width() + 8;
    controlsScroll_->setMinimumWidth(std::min(wanted, std::max(third, kControlsMinimumWidth)));
    controlsScroll_->setHorizontalScrollBarPolicy(
        wanted > controlsScroll_->minimumWidth() ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    explanationDock_->setMinimumWidth(kExplanationMinimumWidth);
}

void MainWindow::createZoomAndPresentation() {
    zoom_ = new ZoomController(*this, qsettings_);
    presentation_ =
        new PresentationMode(*this, *zoom_, {controlsDock_, explanationDock_, fullScreenAction_});
    connect(presentation_, &PresentationMode::activeChanged, this,
            &MainWindow::keepMachineTabLayout);
    connect(zoom_, &ZoomController::zoomChanged, this, [this] {
        fitDocksToZoom();
        statusBar()->showMessage(tr("Zoom %1 %").arg(std::lround(zoom_->zoom() * 100)), 2000);
    });
}

void MainWindow::createPlotArea() {
    plotScroll_ = new QScrollArea;
    plotScroll_->setObjectName(QStringLiteral("plotScroll"));
    plotScroll_->setWidget(plotGrid_);
    plotScroll_->setWidgetResizable(true);
    plotScroll_->setFrameShape(QFrame::NoFrame);
    plotScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
}

void MainWindow::createStatusBar() {
    // Room for what a long run shows, so that the fields rarely widen while it runs.
    iterationLabel_ = new StatusField(tr("Iteration %1").arg(formatCount(99'999'999)));
    phaseLabel_ = new StatusField(tr("Phase: %1").arg(tr("sampling") + tr(" (paused)")));
    speedLabel_ = new StatusField(tr("%1 draws/s").arg(formatCount(99'999'999)));
    divergenceLabel_ = new StatusField(tr("Divergences: %1").arg(formatCount(99'999)));
    convergenceLabel_ = new StatusField(
        tr("R-hat %1   bulk ESS %2").arg(QStringLiteral("1.000"), formatCount(9'999'999)));
    // Most important first: a narrow window drops the fields from the end of this list.
    auto* row = new StatusFieldRow(
        {convergenceLabel_, divergenceLabel_, iterationLabel_, phaseLabel_, speedLabel_},
        {iterationLabel_, phaseLabel_, speedLabel_, divergenceLabel_, convergenceLabel_});
    row->setObjectName(QStringLiteral("statusFields"));
    for (StatusField* label :
         {iterationLabel_, phaseLabel_, speedLabel_, divergenceLabel_, convergenceLabel_}) {
        label->setContentsMargins(8, 0, 8, 0);
    }
    statusBar()->addPermanentWidget(row);
    iterationLabel_->setToolTip(tr("Iterations of each chain so far"));
    phaseLabel_->setToolTip(
        tr("Warmup adapts the step size and metric; sampling keeps them fixed"));
    speedLabel_->setToolTip(tr("Iterations per second of each chain"));
    divergenceLabel_->setToolTip(
        tr("Divergent transitions after warmup since the last switch (and during its warmup)"));
    convergenceLabel_->setToolTip(
        tr("Rank-normalised split R-hat and bulk ESS of the draws since the last switch"));
}

// Opens at a size that fits the screen it is on: the stored geometry if it still fits, else
// the preferred size within the available area. Small screens get the explanation as a tab
// beside the controls.
void MainWindow::fitToScreen() {
    const QScreen* current = screen() != nullptr ? screen() : QGuiApplication::primaryScreen();
    const QRect available = current != nullptr ? current->availableGeometry() : QRect();
    if (!store_->geometry().isEmpty()) restoreGeometry(store_->geometry());
    const bool restoredState =
        !store_->windowState().isEmpty() && restoreState(store_->windowState());
    if (available.isEmpty()) return;
    if (!restoredState && available.width() < kTabbedDocksBelowWidth) {
        tabifyDockWidget(controlsDock_, explanationDock_);
        controlsDock_->raise();
    }
    if (store_->geometry().isEmpty() || !available.contains(frameGeometry())) {
        const QSize size = kPreferredSize.boundedTo(available.size() * 0.95);
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
}

void MainWindow::refreshStatusBar() {
    const RunHistory& history = controller_->history();
    const std::int64_t iterations = history.iterations();
    const double seconds = static_cast<double>(rateClock_.elapsed()) / 1000.0;
    if (seconds >= 1.0) {
        iterationsPerSecond_ = static_cast<double>(iterations - rateIterations_) / seconds;
        rateIterations_ = iterations;
        rateClock_.restart();
    }
    if (controller_->state() != RunState::Running) iterationsPerSecond_ = 0.0;
    iterationLabel_->setText(tr("Iteration %1").arg(formatCount(iterations)));

    const auto& status = controller_->chainStatus();
    const bool warmup =
        std::any_of(status.begin(), status.end(), [](const ChainStatus& s) { return s.warmup; });
    QString phase = tr("idle");
    if (!status.empty()) phase = warmup ? tr("warmup") : tr("sampling");
    if (controller_->state() == RunState::Paused) phase += tr(" (paused)");
    if (controller_->state() == RunState::Finished) phase = tr("finished");
    phaseLabel_->setText(tr("Phase: %1").arg(phase));
    speedLabel_->setText(
        tr("%1 draws/s")
            .arg(formatCount(std::llround(iterationsPerSecond_ * history.chainCount()))));
    const int warmupDivergences = history.warmupDivergencesInSegment();
    if (maskedReadouts_.contains(QStringLiteral("divergences"))) {
        divergenceLabel_->setText(tr("Divergences: ?"));
    } else {
        divergenceLabel_->setText(warmupDivergences == 0
                                      ? tr("Divergences: %1").arg(history.divergencesInSegment())
                                      : tr("Divergences: %1 (+%2 in warmup)")
                                            .arg(history.divergencesInSegment())
                                            .arg(warmupDivergences));
    }

    const auto& summary = diagnostics_->latest();
    if (maskedReadouts_.contains(QStringLiteral("R-hat"))) {
        convergenceLabel_->setText(tr("R-hat ?   bulk ESS ?"));
    } else if (!summary) {
        convergenceLabel_->setText(tr("R-hat –   bulk ESS –"));
    } else if (history.chainCount() > 1) {
        convergenceLabel_->setText(
            tr("R-hat %1   bulk ESS %2")
                .arg(summary->rhat < 10.0 ? QString::number(summary->rhat, 'f', 3)
                                          : QString::number(summary->rhat, 'g', 2))
                .arg(std::isfinite(summary->essBulk) ? formatCount(std::llround(summary->essBulk))
                                                     : QStringLiteral("–")));
    } else {
        convergenceLabel_->setText(tr("bulk ESS %1")
                                       .arg(std::isfinite(summary->essBulk)
                                                ? formatCount(std::llround(summary->essBulk))
                                                : QStringLiteral("–")));
    }
}

}  // namespace couplinglab::ui
