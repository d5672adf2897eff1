#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <memory>

#include "core/machine_data.h"
#include "core/model_code.h"
#include "core/run_settings.h"
#include "ui/run/run_messages.h"
#include "ui/settings/display_settings.h"

class QAction;
class QDockWidget;
class QLabel;
class QScrollArea;
class QSettings;
class QTabWidget;

namespace couplinglab::ui {

class ControlPanel;
class PlotPanel;
class DiagnosticsMonitor;
class ExplanationPanel;
class PacedQueue;
class PresentationMode;
class RunToolBar;
class ZoomController;
class PlotGrid;
class SamplingController;
class StatusField;
class SettingsStore;
class MachineTab;
class SweepTab;
class FileActions;
class LessonHookup;
class ModelCodePanel;
struct Session;
struct Segment;

// The Coupling Lab window: controls on the left, live plots in the middle, the explanation on
// the right, the run's vital signs in the status bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    // `settings` persists window geometry and every setting; the window does not own it.
    explicit MainWindow(QSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    // For tests and scripting.
    ControlPanel* controlPanel() const { return controlPanel_; }
    PlotGrid* plotGrid() const { return plotGrid_; }
    SweepTab* sweepTab() const { return sweepTab_; }
    MachineTab* machineTab() const { return machineTab_; }
    FileActions* fileActions() const { return fileActions_; }
    ModelCodePanel* codePanel() const { return codePanel_; }
    ExplanationPanel* explanationPanel() const { return explanationPanel_; }
    SamplingController* controller() const { return controller_.get(); }
    DiagnosticsMonitor* diagnosticsMonitor() const { return diagnostics_; }
    QAction* startPauseAction() const { return startPauseAction_; }
    QAction* stepAction() const { return stepAction_; }
    QAction* resetAction() const { return resetAction_; }
    QAction* restoreDefaultsAction() const { return restoreDefaultsAction_; }
    QAction* followAction() const { return followAction_; }
    QAction* fullScreenAction() const { return fullScreenAction_; }
    RunToolBar* runToolBar() const { return runToolBar_; }
    ZoomController* zoomController() const { return zoom_; }
    PresentationMode* presentationMode() const { return presentation_; }
    QDockWidget* controlsDock() const { return controlsDock_; }
    QDockWidget* explanationDock() const { return explanationDock_; }
    RunSettings currentSettings() const;
    // Refreshes plots, explanation and status bar now instead of at the next timer tick.
    void refreshNow();
    // main_window_lessons.cpp. A lesson's step: every setting of `session` in the controls, its
    // note in the explanation (without the verdict paragraphs while `hideVerdict`), and a
    // fresh run, started at once when `startRun`.
    void applyLessonStep(const Session& session, const QString& note, bool hideVerdict,
                         bool startRun = true);
    // The note and verdict of the step in force, e.g. after Reveal; the run goes on.
    void showLessonNote(const QString& note, bool hideVerdict);
    // The readouts a lesson step masks until Reveal (lessonReadoutNames()): the controls' data
    // readouts and the status bar's R-hat and divergences show "?" meanwhile.
    void setMaskedReadouts(const QStringList& names);
    LessonHookup* lessons() const { return lessons_; }

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    // main_window_frame.cpp
    void createActions();
    void createToolBar();
    void createDocks();
    QDockWidget* addDock(const QString& title, const char* objectName, QWidget* contents,
                         Qt::DockWidgetArea area);
    void fitDocksToZoom();
    void createZoomAndPresentation();
    void createPlotArea();
    void createStatusBar();
    void fitToScreen();
    void refreshStatusBar();

    void createMenus();
    void createCodePanel();  // main_window_code.cpp
    void createBitsActions();
    void createAnimationAction();  // main_window_animation.cpp
    void exportAnimationInteractively();
    void saveBitsInteractively();
    void openBitsInteractively();
    // The bits of the tab in front, generated again from its inputs. Throws InputError when
    // there are more than Save bits writes.
    MachineData bitsInFront() const;

  public:
    // As File ▸ Open bits… after its dialog: reads `path` (CSV or .npy, as the CLI's --data)
    // into the Boltzmann machine tab and brings it to the front. Throws InputError naming the
    // file, row and problem, and then changes nothing.
    void openBits(const QString& path);

  private:
    bool machineInFront() const;
    ModelCodeSpec modelCodeSpec() const;
    void connectPanel();
    void connectController();
    void connectDiagnostics();

    void applyPanelEdit(const RunSettings& next);
    void restoreDefaults();
    void applySession(const Session& session);
    QList<PlotPanel*> allPanels() const;
    void onStateChanged(RunState state);
    void onTabChanged(int index);
    void keepMachineTabLayout(bool presenting);
    void onSegmentStarted(const Segment& segment);
    void refreshPlots();
    void updateRenderingMode();
    void refreshExplanation();

    QSettings& qsettings_;
    std::unique_ptr<SettingsStore> store_;
    std::unique_ptr<SamplingController> controller_;
    ControlPanel* controlPanel_ = nullptr;
    PlotGrid* plotGrid_ = nullptr;
    SweepTab* sweepTab_ = nullptr;
    MachineTab* machineTab_ = nullptr;
    QByteArray layoutBeforeMachine_;        // the docks as they were when the machine tab opened
    QByteArray layoutOutsidePresentation_;  // the same, from before a presentation began on it
    QTabWidget* tabs_ = nullptr;
    QScrollArea* plotScroll_ = nullptr;  // the plot grid, scrolled when it has no room
    QScrollArea* controlsScroll_ = nullptr;
    QDockWidget* controlsDock_ = nullptr;
    QDockWidget* explanationDock_ = nullptr;
    RunToolBar* runToolBar_ = nullptr;
    ZoomController* zoom_ = nullptr;
    PresentationMode* presentation_ = nullptr;
    ExplanationPanel* explanationPanel_ = nullptr;
    DiagnosticsMonitor* diagnostics_ = nullptr;
    FileActions* fileActions_ = nullptr;
    ModelCodePanel* codePanel_ = nullptr;
    QAction* modelCodeAction_ = nullptr;
    QAction* saveBitsAction_ = nullptr;
    QAction* openBitsAction_ = nullptr;
    QAction* exportAnimationAction_ = nullptr;
    QScrollArea* machineScroll_ = nullptr;

    QAction* startPauseAction_ = nullptr;
    QAction* stepAction_ = nullptr;
    QAction* resetAction_ = nullptr;
    QAction* restoreDefaultsAction_ = nullptr;
    QAction* followAction_ = nullptr;
    QAction* fullScreenAction_ = nullptr;
    QString lessonNote_;
    QStringList maskedReadouts_;
    bool hideVerdict_ = false;  // a lesson step's, while its settings are in force
    LessonHookup* lessons_ = nullptr;
    RunSettings lessonSettings_;

    StatusField* iterationLabel_ = nullptr;
    StatusField* phaseLabel_ = nullptr;
    StatusField* speedLabel_ = nullptr;
    StatusField* divergenceLabel_ = nullptr;
    StatusField* convergenceLabel_ = nullptr;

    QTimer refreshTimer_;
    QTimer slowTimer_;             // explanation and diagnostics, a few times a second
    PacedQueue* paced_ = nullptr;  // the plots' replots and the slow tick's jobs, one at a time
    bool plotsDirty_ = true;
    bool explanationDirty_ = true;
    QElapsedTimer rateClock_;
    std::int64_t rateIterations_ = 0;
    double iterationsPerSecond_ = 0.0;
};

}  // namespace couplinglab::ui
