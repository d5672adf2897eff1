#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QWidget>
#include <vector>

#include "core/run_settings.h"
#include "core/sweep.h"
#include "ui/machine/machine_run_spec.h"
#include "ui/sweep/sweep_worker.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace couplinglab::ui {

class PlotPanel;
class SweepLeapfrogPlot;
class SweepMeanPlot;
class SweepPlot;
class SweepSdPlot;
class SweepStepSizePlot;
class SweepInputs;
class SweepTableModel;

// The Sweep tab: the scaling lesson as a law rather than one number. The user picks a log grid
// of N, the coupling W, which likelihood / divide-by-N combinations and metric settings to run,
// and the chains, warmup, draws and seed of every point; Run sweep runs them on a worker thread
// (SweepWorker) while a progress bar counts points and estimates the time left, and Cancel
// keeps the points already finished. Four plots (step size, sd, |mean|, leapfrog steps against
// N, with the theory in grey) and a table with the CSV's columns fill as points arrive;
// clicking a row or a point emits loadPointRequested() with the settings that reproduce it.
//
// Widgets carry object names for tests: the inputs' (see SweepInputs), runButton, cancelButton,
// progressBar, statusLabel, exportCsvButton, sweepTable.
class SweepTab : public QWidget {
    Q_OBJECT

  public:
    explicit SweepTab(QWidget* parent = nullptr);
    ~SweepTab() override;

    // The four plots, for File → Export plots and the plots' context menus.
    QList<PlotPanel*> panels() const;

    // The sweep the inputs describe, and setting every input from a spec (its pairs are taken
    // as a log grid from the first to the last value with as many points).
    SweepSpec spec() const;
    void setSpec(const SweepSpec& spec);
    // Sampler settings the tab does not show (algorithm, L, step-size adaptation, δ, maximum
    // depth), taken from the main view; chains, warmup, draws, seed and metric are the tab's.
    void setBaseSampler(const SamplerSettings& sampler);

    bool isRunning() const;
    // The points finished in the last sweep, in the sweep's order.
    const std::vector<SweepPoint>& points() const;
    // The table as CSV: exactly sweepCsv(points()).
    QString tableCsv() const;
    // Writes tableCsv() through QSaveFile; false with a message in `error` on failure.
    bool exportTableCsv(const QString& path, QString* error = nullptr) const;

    SweepWorker* worker() const { return worker_; }
    SweepTableModel* tableModel() const { return model_; }
    QTableView* tableView() const { return table_; }
    QProgressBar* progressBar() const { return progress_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* cancelButton() const { return cancelButton_; }
    SweepStepSizePlot* stepSizePlot() const { return stepSizePlot_; }
    SweepSdPlot* sdPlot() const { return sdPlot_; }
    SweepMeanPlot* meanPlot() const { return meanPlot_; }
    SweepLeapfrogPlot* leapfrogPlot() const { return leapfrogPlot_; }

  public slots:
    // Starts the sweep the inputs describe (nothing happens while one runs).
    void runSweep();
    void cancelSweep();
    // Asks for a file name and writes the table there.
    void exportTableWithDialog();

  signals:
    // The settings of one point (its data, model and sampler, with the point's own seed), for
    // the main view to load.
    void loadPointRequested(const couplinglab::RunSettings& settings);
    // A point of a K-unit sweep, for the Boltzmann machine tab to load.
    void loadMachinePointRequested(const couplinglab::ui::MachineRunSpec& spec);
    void sweepStarted();
    void sweepFinished(bool cancelled);

  private:
    QWidget* createInputs();
    QWidget* createResults();
    void updateRunEnabling();
    void setInputsEnabled(bool enabled);
    void onPointFinished(const SweepPoint& point, int done, int total);
    void onSweepFinished(bool cancelled, const QString& error);
    void redrawPlots();
    void requestLoad(int row);
    QString loadTarget() const;
    void setProgressText(const QString& text);

    SweepWorker* worker_;
    SweepTableModel* model_;
    SweepSpec running_;  // the spec of the sweep on screen
    SweepTimeEstimate estimate_;
    QElapsedTimer clock_;
    int total_ = 0;
    int done_ = 0;

    SweepInputs* sweepInputs_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QPushButton* exportCsvButton_ = nullptr;
    QWidget* inputs_ = nullptr;

    SweepStepSizePlot* stepSizePlot_ = nullptr;
    SweepSdPlot* sdPlot_ = nullptr;
    SweepMeanPlot* meanPlot_ = nullptr;
    SweepLeapfrogPlot* leapfrogPlot_ = nullptr;
    QTableView* table_ = nullptr;
};

}  // namespace couplinglab::ui
