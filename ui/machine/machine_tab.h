#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>
#include <memory>

#include "core/metric_geometry.h"
#include "ui/machine/machine_worker.h"
#include "ui/settings/machine_session.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QHBoxLayout;
class QTabWidget;
class QLabel;
class QProgressBar;
class QPushButton;

namespace couplinglab::ui {

class EffectiveStepPlot;
class TreeDepthAcceptancePlot;
class EnergyErrorPlot;
class ParameterPhasePlot;
class MachineDataView;
class MachineInputs;
class PairsPlot;
class ParameterPosteriorPlot;
class ParameterTracePlot;
class PlotPanel;
class PositionTrajectoryPlot;
class StepWidthPlot;

// The Boltzmann machine tab: the metric lesson with several parameters (DESIGN.md §5). The
// user sets K units, biases and the true θ*, the model and the sampler's metric; Run samples
// on a worker thread (MachineWorker) with a progress bar and Cancel, at full speed or paced for
// a class to watch, and the plots follow the run live: a pairs view of the picked parameters
// (x, y) against the reference ellipses, chain 1's trajectory in the (x, y) plane (growing a
// leapfrog step at a time at the slowest speed), the trace and the posterior of x, each
// parameter's posterior sd against its effective step, and, once the run ends, an explanation
// with its numbers. Choosing another metric during a run switches the chains from where they
// are (a new warmup; the switch is marked on the trace). The picker defaults to the pair with
// the strongest correlation.
//
// Object names: machineRunButton, machineCancelButton, machineProgress, machineStatus,
// machinePresetCombo, machineSpeedCombo, pickXCombo, pickYCombo, machineExplanation (and
// MachineInputs').
class MachineTab : public QWidget {
    Q_OBJECT
  public:
    explicit MachineTab(QWidget* parent = nullptr);
    ~MachineTab() override;

    QList<PlotPanel*> panels() const;
    MachineInputs* inputs() const { return inputs_; }
    MachineDataView* dataView() const { return dataView_; }
    MachineWorker* worker() const { return worker_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }
    PairsPlot* pairsPlot() const { return pairs_; }
    PositionTrajectoryPlot* trajectoryPlot() const { return trajectory_; }
    StepWidthPlot* stepWidthPlot() const { return steps_; }
    ParameterTracePlot* tracePlot() const { return trace_; }
    ParameterPosteriorPlot* posteriorPlot() const { return posterior_; }
    EffectiveStepPlot* effectiveStepPlot() const { return effectiveSteps_; }
    TreeDepthAcceptancePlot* treeDepthPlot() const { return treeDepth_; }
    EnergyErrorPlot* energyErrorPlot() const { return energy_; }
    ParameterPhasePlot* phasePlot() const { return phase_; }
    QComboBox* speedCombo() const { return speed_; }
    // The running run's draws so far as the plots show them, or null.
    const MachineRunOutcome* liveRun() const;
    QComboBox* pickX() const { return pickX_; }
    QComboBox* pickY() const { return pickY_; }
    QCheckBox* allTracesCheck() const { return allTraces_; }
    QString explanationHtml() const;
    // The run on screen, or null before the first.
    const MachineRunOutcome* outcome() const { return outcome_.get(); }
    const MetricGeometry& geometry() const { return geometry_; }
    bool isRunning() const;
    // The inputs and the picked pair (empty names before the first run), for a session; and
    // setting them from one: the pair is picked after the next run, which the user starts.
    MachineSession session() const;
    void setSession(const MachineSession& session);

  public slots:
    void run();
    // Runs now, or, while a run is going on, cancels it and runs as soon as it has ended.
    void runWhenIdle();
    void cancel();
    // Draws the inputs' data now and shows its bits and statistics; the plots keep the run.
    void generateData();
    // Bits from a file (File ▸ Open bits…) in place of generated ones, shown at once as
    // Generate data shows them; Run samples them. False, changing nothing, while a run goes on.
    bool openBits(std::shared_ptr<const MachineData> bits, const QString& file);
    // Picks the parameters the views show (indices into the names).
    void pick(int x, int y);
    // Sets every input from machinePresets()[index] and runs it.
    void applyPreset(int index);

    // For a lesson: its plots by export name (plotNames(); empty: all of them), the numbers
    // that give away a prediction (ε, the steps a draw, κ in the status line and on the plots,
    // the step plots, the explanation) masked until Reveal, and the step's own text above the
    // explanation (HTML, placeholders already filled).
    static const QStringList& plotNames();
    void setVisiblePlots(const QStringList& names);
    void setNumbersMasked(bool masked);
    bool numbersMasked() const { return masked_; }
    void setLessonNote(const QString& html);
    QString statusText() const;

  signals:
    void runFinished(bool cancelled);

  protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    QWidget* createResults();
    QHBoxLayout* createRunBar();
    void placePlots();
    bool plotWanted(const PlotPanel* panel) const;
    void onMetricChosen(MetricKind metric);
    void drawLive();
    void restoreFinishedRun();
    void drawRun(const MachineRunOutcome& run, const MetricGeometry& geometry, int visiblePoints);
    void onFinished(std::shared_ptr<const MachineRunOutcome> outcome, bool cancelled,
                    const QString& error);
    void fillPicker(const QStringList& names, std::pair<int, int> pair);
    bool pickerLists(const QStringList& names) const;
    void redraw();
    void updateProgress();
    void showStatus();
    void showExplanation();

    MachineInputs* inputs_ = nullptr;
    MachineWorker* worker_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QComboBox* presets_ = nullptr;
    QString presetNote_;  // what to look at, shown with the preset's results
    QComboBox* pickX_ = nullptr;
    QComboBox* pickY_ = nullptr;
    QCheckBox* allTraces_ = nullptr;
    QLabel* explanation_ = nullptr;
    QWidget* explanationArea_ = nullptr;
    QTabWidget* detailTabs_ = nullptr;
    MachineDataView* dataView_ = nullptr;
    const MachineRunOutcome* liveDataShown_ =
        nullptr;  // the live run whose data is shown  // trace, posterior, step widths on a narrow
                  // screen
    QString lessonNote_;
    QString introduction_;
    QString resultStatus_;  // the last run's numbers, shown unless masked
    bool masked_ = false;
    QStringList visiblePlots_;  // a lesson step's; empty: all
    PairsPlot* pairs_ = nullptr;
    PositionTrajectoryPlot* trajectory_ = nullptr;
    StepWidthPlot* steps_ = nullptr;
    ParameterTracePlot* trace_ = nullptr;
    ParameterPosteriorPlot* posterior_ = nullptr;
    EffectiveStepPlot* effectiveSteps_ = nullptr;
    TreeDepthAcceptancePlot* treeDepth_ = nullptr;
    EnergyErrorPlot* energy_ = nullptr;
    ParameterPhasePlot* phase_ = nullptr;
    QComboBox* speed_ = nullptr;
    QGridLayout* grid_ = nullptr;
    bool wideGrid_ = false;
    std::shared_ptr<const MachineRunOutcome> outcome_;
    std::shared_ptr<MachineRunOutcome> live_;  // the running run's copy, drawn as it grows
    int liveVisiblePoints_ = -1;
    QString switchNote_;  // a metric switch of the running run
    MetricGeometry geometry_;
    QTimer progressTimer_;
    QElapsedTimer clock_;
    bool picking_ = false;
    bool runWhenFinished_ = false;
    std::pair<QString, QString> pendingPick_;  // from a session, for the next run
};

}  // namespace couplinglab::ui
