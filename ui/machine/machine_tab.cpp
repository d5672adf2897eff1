#include "ui/machine/machine_tab.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <utility>

#include "ui/machine/effective_step_plot.h"
#include "ui/machine/machine_data_view.h"
#include "ui/machine/machine_explanation.h"
#include "ui/machine/machine_inputs.h"
#include "ui/machine/machine_presets.h"
#include "ui/machine/pairs_plot.h"
#include "ui/machine/parameter_phase_plot.h"
#include "ui/machine/parameter_posterior_plot.h"
#include "ui/machine/parameter_trace_plot.h"
#include "ui/machine/position_trajectory_plot.h"
#include "ui/machine/step_width_plot.h"
#include "ui/machine/tree_depth_acceptance_plot.h"
#include "ui/plots/energy_error_plot.h"
#include "ui/plots/plot_panel.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {
namespace {

constexpr int kInputsWidth = 330;
constexpr int kProgressIntervalMs = 50;
// Three columns of plots when the plots' side of the tab is at least this wide, else two.
constexpr int kWideGridWidth = 900;
constexpr double kExplanationPointSize = 12.0;
constexpr int kPresetChooserCharacters = 14;
constexpr QSize kPlotMinimumSize(200, 120);
constexpr int kProgressMinimumWidth = 60;

}  // namespace

MachineTab::MachineTab(QWidget* parent) : QWidget(parent), worker_(new MachineWorker(this)) {
    auto* row = new QHBoxLayout(this);
    inputs_ = new MachineInputs;
    dataView_ = new MachineDataView;
    auto* inputsColumn = new QWidget;
    auto* inputsLayout = new QVBoxLayout(inputsColumn);
    inputsLayout->setContentsMargins(0, 0, 0, 0);
    inputsLayout->addWidget(inputs_);
    inputsLayout->addWidget(dataView_);
    inputsLayout->addStretch(1);
    auto* inputsScroll = new QScrollArea;
    inputsScroll->setWidget(inputsColumn);
    inputsScroll->setWidgetResizable(true);
    inputsScroll->setFrameShape(QFrame::NoFrame);
    inputsScroll->setFixedWidth(kInputsWidth);
    // Presentation mode's larger text may need more than the column: it scrolls sideways then,
    // rather than taking the plots' width.
    inputsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    row->addWidget(inputsScroll);
    row->addWidget(createResults(), 1);
    connect(worker_, &MachineWorker::finished, this, &MachineTab::onFinished);
    progressTimer_.setInterval(kProgressIntervalMs);
    connect(&progressTimer_, &QTimer::timeout, this, &MachineTab::updateProgress);
}

MachineTab::~MachineTab() = default;

QHBoxLayout* MachineTab::createRunBar() {
    auto* bar = new QHBoxLayout;
    runButton_ = new QPushButton(tr("▶ Run"));
    QFont bold = runButton_->font();
    bold.setBold(true);
    runButton_->setFont(bold);
    runButton_->setDefault(true);
    runButton_->setObjectName(QStringLiteral("machineRunButton"));
    runButton_->setToolTip(tr("Generate the data and sample the posterior with these settings"));
    cancelButton_ = new QPushButton(tr("Cancel"));
    cancelButton_->setObjectName(QStringLiteral("machineCancelButton"));
    cancelButton_->setEnabled(false);
    speed_ = new QComboBox;
    speed_->setObjectName(QStringLiteral("machineSpeedCombo"));
    speed_->setToolTip(
        tr("How fast the run goes: full speed, or slow enough for a class to watch the draws "
           "and, at the slowest, each trajectory growing one leapfrog step at a time"));
    for (const MachineSpeed& speed : machineSpeeds())
        speed_->addItem(speed.name);
    connect(speed_, &QComboBox::currentIndexChanged, worker_, &MachineWorker::setSpeed);
    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("machineProgress"));
    progress_->setRange(0, 1000);
    progress_->setTextVisible(false);
    presets_ = new QComboBox;
    presets_->setObjectName(QStringLiteral("machinePresetCombo"));
    presets_->setToolTip(
        tr("Ready-made runs for a lecture: choosing one sets every input and "
           "runs it"));
    presets_->addItem(tr("Presets…"));
    for (const MachinePreset& preset : machinePresets())
        presets_->addItem(preset.name);
    connect(presets_, &QComboBox::activated, this, [this](int index) {
        if (index > 0) applyPreset(index - 1);
    });
    presets_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    presets_->setMinimumContentsLength(kPresetChooserCharacters);
    speed_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    speed_->setMinimumContentsLength(kPresetChooserCharacters - 4);
    progress_->setMinimumWidth(kProgressMinimumWidth);
    bar->addWidget(presets_);
    bar->addWidget(runButton_);
    bar->addWidget(cancelButton_);
    bar->addWidget(speed_);
    bar->addWidget(progress_, 1);
    return bar;
}

QWidget* MachineTab::createResults() {
    auto* results = new QWidget;
    auto* column = new QVBoxLayout(results);
    column->setContentsMargins(0, 0, 0, 0);
    column->addLayout(createRunBar());
    status_ = new QLabel(tr("Set the data and the metric, then press Run."));
    status_->setObjectName(QStringLiteral("machineStatus"));
    status_->setWordWrap(true);
    pickX_ = new QComboBox;
    pickX_->setObjectName(QStringLiteral("pickXCombo"));
    pickX_->setToolTip(
        tr("The parameter on the x axis of the pairs and trajectory views, and the one the "
           "trace and the posterior show"));
    pickY_ = new QComboBox;
    pickY_->setObjectName(QStringLiteral("pickYCombo"));
    pickY_->setToolTip(tr("The parameter on the y axis of the pairs and trajectory views"));
    // The status and the picker share a line, so that a narrow projector keeps both.
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(status_, 1);
    statusRow->addWidget(new QLabel(tr("x")));
    statusRow->addWidget(pickX_);
    statusRow->addWidget(new QLabel(tr("y")));
    statusRow->addWidget(pickY_);
    allTraces_ = new QCheckBox(tr("All traces"));
    allTraces_->setObjectName(QStringLiteral("allTracesCheck"));
    allTraces_->setToolTip(
        tr("The trace shows every parameter in small plots of its own (up to 36) instead of x "
           "alone: which directions mix slowly is visible at a glance"));
    statusRow->addWidget(allTraces_);
    column->addLayout(statusRow);

    grid_ = new QGridLayout;
    pairs_ = new PairsPlot;
    trajectory_ = new PositionTrajectoryPlot;
    steps_ = new StepWidthPlot;
    trace_ = new ParameterTracePlot;
    posterior_ = new ParameterPosteriorPlot;
    effectiveSteps_ = new EffectiveStepPlot;
    treeDepth_ = new TreeDepthAcceptancePlot;
    energy_ = new EnergyErrorPlot;
    energy_->setExportName(QStringLiteral("energy-error-machine"));
    energy_->setTitles(tr("Energy error"),
                       tr("H − H₀ at each leapfrog step of chain 1's last trajectory: small and "
                          "bounded; above the threshold the draw is divergent."));
    energy_->setEmptyHint(tr("Press Run"));
    phase_ = new ParameterPhasePlot;
    explanation_ = new QLabel;
    explanation_->setObjectName(QStringLiteral("machineExplanation"));
    explanation_->setWordWrap(true);
    explanation_->setTextFormat(Qt::RichText);
    explanation_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    explanation_->setMargin(8);
    QFont font = explanation_->font();
    font.setPointSizeF(kExplanationPointSize);  // as the live run's explanation: read from afar
    explanation_->setFont(font);
    introduction_ =
        tr("<p>With one parameter the metric absorbs every scale and ε returns to about 1. With "
           "several, ε follows the <b>narrowest</b> direction of the posterior as the metric "
           "sees it. Run the default data (a strongly biased first unit) with the diagonal "
           "metric, then with the dense one, and compare ε and the steps a draw. At a slow "
           "speed, switch the metric while it runs and watch the trajectory change.</p>");
    explanation_->setText(introduction_);
    auto* explanationScroll = new QScrollArea;
    explanationScroll->setWidget(explanation_);
    explanationScroll->setWidgetResizable(true);
    explanationScroll->setMinimumWidth(kPlotMinimumSize.width());
    // Two columns of plots beside the inputs must fit a 1024-pixel projector at presentation
    // mode's 140 % (which scales these minimums too).
    for (PlotPanel* panel : panels())
        panel->setMinimumSize(kPlotMinimumSize);
    explanationArea_ = explanationScroll;
    detailTabs_ = new QTabWidget;
    detailTabs_->setObjectName(QStringLiteral("machineDetailTabs"));
    detailTabs_->setDocumentMode(true);
    placePlots();
    column->addLayout(grid_, 1);

    connect(runButton_, &QPushButton::clicked, this, &MachineTab::run);
    connect(cancelButton_, &QPushButton::clicked, this, &MachineTab::cancel);
    connect(inputs_, &MachineInputs::metricChosen, this, &MachineTab::onMetricChosen);
    connect(inputs_, &MachineInputs::generateRequested, this, &MachineTab::generateData);
    auto picked = [this] {
        if (!picking_) redraw();
    };
    connect(pickX_, &QComboBox::currentIndexChanged, this, picked);
    connect(pickY_, &QComboBox::currentIndexChanged, this, picked);
    connect(allTraces_, &QCheckBox::toggled, this, [this](bool all) {
        trace_->setAllParameters(all);
        redraw();
    });
    return results;
}

// The plots a lesson step leaves on screen; the step plots and the tree depth give ε and the
// steps a draw away while they are masked.
bool MachineTab::plotWanted(const PlotPanel* panel) const {
    const bool listed = visiblePlots_.isEmpty() || visiblePlots_.contains(panel->exportName());
    return listed && !(masked_ && (panel == steps_ || panel == effectiveSteps_ ||
                                   panel == treeDepth_ || panel == energy_));
}

// A wide screen shows every plot: pairs, trajectory and trace over the step plots (on tabs),
// posterior and the explanation. A narrow one (a 1024-pixel projector) keeps pairs and
// trajectory large and puts the trace, the posterior and the step plots on tabs beside the
// explanation. What a lesson step hides leaves no hole: the rest flow into two or three columns.
void MachineTab::placePlots() {
    for (QWidget* widget :
         QList<QWidget*>{pairs_, trajectory_, trace_, steps_, posterior_, effectiveSteps_,
                         treeDepth_, energy_, phase_, explanationArea_, detailTabs_})
        grid_->removeWidget(widget);
    QWidget* current = detailTabs_->currentWidget();
    while (detailTabs_->count() > 0)
        detailTabs_->removeTab(0);
    // Short names, so that the five of a wide screen fit the column at 1366 pixels; the tooltip
    // and the plot's own title say the rest.
    QList<PlotPanel*> tabbed{steps_, effectiveSteps_, treeDepth_, energy_, phase_};
    if (!wideGrid_) tabbed = QList<PlotPanel*>{trace_, posterior_} + tabbed;
    const QHash<PlotPanel*, QString> names{{trace_, tr("Trace")},     {posterior_, tr("Posterior")},
                                           {steps_, tr("Widths")},    {effectiveSteps_, tr("ε")},
                                           {treeDepth_, tr("Depth")}, {energy_, tr("Energy")},
                                           {phase_, tr("Phase")}};
    bool anyTab = false;
    for (PlotPanel* panel : tabbed) {
        const int tab = detailTabs_->addTab(panel, names.value(panel));
        detailTabs_->setTabToolTip(tab, panel->title());
        detailTabs_->setTabVisible(tab, plotWanted(panel));
        anyTab = anyTab || plotWanted(panel);
    }
    if (current != nullptr && detailTabs_->indexOf(current) >= 0 &&
        detailTabs_->isTabVisible(detailTabs_->indexOf(current)))
        detailTabs_->setCurrentWidget(current);
    for (int tab = 0; anyTab && !detailTabs_->isTabVisible(detailTabs_->currentIndex()); ++tab)
        detailTabs_->setCurrentIndex(tab);
    QList<QWidget*> items;
    auto addPanel = [&](PlotPanel* panel) {
        panel->setVisible(plotWanted(panel));
        if (plotWanted(panel)) items.append(panel);
    };
    addPanel(pairs_);
    addPanel(trajectory_);
    if (wideGrid_) addPanel(trace_);
    detailTabs_->setVisible(anyTab);
    if (anyTab) items.append(detailTabs_);
    if (wideGrid_) addPanel(posterior_);
    items.append(explanationArea_);
    const int columns = wideGrid_ && items.size() > 4 ? 3 : 2;
    for (int i = 0; i < static_cast<int>(items.size()); ++i)
        grid_->addWidget(items[i], i / columns, i % columns);
    const int rows = (static_cast<int>(items.size()) + columns - 1) / columns;
    for (int r = 0; r < 3; ++r)
        grid_->setRowStretch(r, r >= rows ? 0 : (r == 0 ? 3 : 2));
    for (int c = 0; c < 3; ++c)
        grid_->setColumnStretch(c, c < columns ? 1 : 0);
}

void MachineTab::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const bool wide = width() - kInputsWidth >= kWideGridWidth;
    if (wide == wideGrid_) return;
    wideGrid_ = wide;
    placePlots();
}

// A zoom (presentation mode, View ▸ Zoom) redraws the plots at their new scale; a finished
// run's plots have nothing else that would.
void MachineTab::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::FontChange) return;
    QTimer::singleShot(0, this, [this] {
        for (PlotPanel* panel : panels())
            panel->requestReplot();
    });
}

QList<PlotPanel*> MachineTab::panels() const {
    return {pairs_,          trajectory_, trace_,  posterior_, steps_,
            effectiveSteps_, treeDepth_,  energy_, phase_};
}

const MachineRunOutcome* MachineTab::liveRun() const {
    return worker_->isRunning() && live_ && !live_->names.isEmpty() ? live_.get() : nullptr;
}

QString MachineTab::explanationHtml() const {
    return explanation_->text();
}

bool MachineTab::isRunning() const {
    return worker_->isRunning();
}

void MachineTab::run() {
    if (worker_->isRunning()) return;
    const MachineRunSpec spec = inputs_->spec();
    if (auto problem = validate(spec)) {
        status_->setText(*problem);
        return;
    }
    if (!worker_->start(spec)) return;
    clock_.start();
    live_ = std::make_shared<MachineRunOutcome>();
    liveDataShown_ = nullptr;
    liveVisiblePoints_ = -1;
    switchNote_.clear();
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    inputs_->setRunning(true);
    progress_->setValue(0);
    status_->setText(tr("Sampling %1 chains of %2 parameters …")
                         .arg(spec.sampler.chains)
                         .arg(spec.shape().dimension()));
    progressTimer_.start();
}

MachineSession MachineTab::session() const {
    return {inputs_->spec(), pickX_->currentText(), pickY_->currentText()};
}

void MachineTab::setSession(const MachineSession& session) {
    if (worker_->isRunning()) worker_->cancel();
    inputs_->setSpec(session.spec);
    pendingPick_ = {session.pickX, session.pickY};
    status_->setText(tr("Settings from the session; press Run to sample them."));
}

void MachineTab::applyPreset(int index) {
    const auto& presets = machinePresets();
    if (index < 0 || index >= static_cast<int>(presets.size()) || worker_->isRunning()) return;
    inputs_->setSpec(presets[static_cast<std::size_t>(index)].spec);
    presetNote_ = presets[static_cast<std::size_t>(index)].lookAt;
    presets_->setCurrentIndex(0);
    run();
}

void MachineTab::runWhenIdle() {
    if (!worker_->isRunning()) {
        run();
        return;
    }
    runWhenFinished_ = true;
    worker_->cancel();
}

void MachineTab::cancel() {
    worker_->cancel();
}

void MachineTab::generateData() {
    if (worker_->isRunning()) return;
    const MachineRunSpec spec = inputs_->spec();
    if (auto problem = validate(spec)) {
        status_->setText(*problem);
        return;
    }
    // Up to 10⁸ observations of 8 units take about a second here.
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const std::shared_ptr<const MachineRunOutcome> data = prepareMachineData(spec);
    QApplication::restoreOverrideCursor();
    dataView_->setRun(*data);
    const QString origin =
        spec.bits ? tr("Read %1 observations of %2 units from %3")
                        .arg(formatCount(static_cast<std::int64_t>(spec.data.observations)))
                        .arg(spec.data.units)
                        .arg(QFileInfo(spec.bitsFile).fileName())
                  : tr("Generated %1 observations of %2 units")
                        .arg(formatCount(static_cast<std::int64_t>(spec.data.observations)))
                        .arg(spec.data.units);
    status_->setText(
        tr("%1: their bits and each parameter's statistic are under the inputs. Run samples "
           "them%2.")
            .arg(origin,
                 outcome_ ? tr("; the plots show the previous run until then") : QString()));
}

bool MachineTab::openBits(std::shared_ptr<const MachineData> bits, const QString& file) {
    if (worker_->isRunning()) return false;
    inputs_->setBits(std::move(bits), file);
    generateData();
    return true;
}

void MachineTab::updateProgress() {
    progress_->setValue(static_cast<int>(1000.0 * worker_->progress()));
    if (live_ && worker_->takeLive(*live_, liveVisiblePoints_)) drawLive();
}

void MachineTab::onMetricChosen(MetricKind metric) {
    if (!worker_->requestMetric(metric)) return;
    const MachineChainResult* first =
        live_ && !live_->run.chains.empty() ? &live_->run.chains.front() : nullptr;
    switchNote_ =
        tr("Metric switched to %1 at iteration %2: the chains carry on from where they are, "
           "with a new warmup.")
            .arg(inputs_->findChild<QComboBox*>(QStringLiteral("metricCombo"))->currentText())
            .arg(first != nullptr ? static_cast<qlonglong>(first->base.records.size()) : 0);
    status_->setText(switchNote_);
}

// The running run so far: the picker set from its reference as soon as it is known, every
// plot redrawn, the explanation left for the finished run.
void MachineTab::drawLive() {
    if (!live_ || live_->names.isEmpty() || live_->run.chains.empty()) return;
    if (!pickerLists(live_->names) || liveDataShown_ != live_.get()) {
        dataView_->setRun(*live_);
        liveDataShown_ = live_.get();
    }
    if (!pickerLists(live_->names)) {
        const auto [pendingX, pendingY] = pendingPick_;
        if (live_->names.contains(pendingX) && live_->names.contains(pendingY)) {
            fillPicker(live_->names,
                       {live_->names.indexOf(pendingX), live_->names.indexOf(pendingY)});
        } else {
            fillPicker(live_->names, strongestCorrelationPair(live_->reference.covariance));
        }
    }
    const MachineChainResult& first = live_->run.chains.front();
    // Until a warmup ends, the step size chain 1 is using now (the metric is known only then).
    const double stepSize = first.base.records.empty() || !first.base.records.back().warmup
                                ? first.base.stepSize
                                : first.base.records.back().stepSize;
    const MetricGeometry geometry =
        metricGeometry(live_->reference.covariance, first.inverseMetric, stepSize);
    drawRun(*live_, geometry, liveVisiblePoints_);
    const auto iterations = static_cast<qlonglong>(first.base.records.size());
    if (iterations == 0) return;
    const IterationRecord& last = first.base.records.back();
    QString line = tr("Chain 1, iteration %1 (%2)")
                       .arg(iterations)
                       .arg(last.warmup ? tr("warmup") : tr("sampling"));
    if (!masked_) line += tr(" · ε = %1").arg(formatNumber(last.stepSize));
    if (!switchNote_.isEmpty()) line += QStringLiteral("\n") + switchNote_;
    status_->setText(line);
}

void MachineTab::drawRun(const MachineRunOutcome& run, const MetricGeometry& geometry,
                         int visiblePoints) {
    const int x = std::max(0, pickX_->currentIndex());
    const int y = std::max(0, pickY_->currentIndex());
    pairs_->setRun(run, x, y);
    trajectory_->setRun(run, x, y, visiblePoints);
    trace_->setRun(run, x);
    posterior_->setRun(run, x);
    steps_->setRun(run, geometry);
    effectiveSteps_->setRun(run, x, y);
    treeDepth_->setRun(run);
    if (run.run.chains.empty()) {
        energy_->clear();
    } else {
        energy_->showTrajectory(run.run.chains.front().lastTrajectory, visiblePoints,
                                run.spec.sampler.maxDeltaH);
    }
    phase_->setRun(run, x, visiblePoints);
}

void MachineTab::onFinished(std::shared_ptr<const MachineRunOutcome> outcome, bool cancelled,
                            const QString& error) {
    progressTimer_.stop();
    live_.reset();
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    inputs_->setRunning(false);
    if (std::exchange(runWhenFinished_, false)) {
        run();  // the run asked for replaces the one cancelled for it
        return;
    }
    if (!error.isEmpty()) {
        progress_->setValue(0);
        status_->setText(tr("The run failed: %1").arg(error));
        emit runFinished(true);
        return;
    }
    if (cancelled || !outcome) {
        progress_->setValue(0);
        status_->setText(outcome_ ? tr("Cancelled; the plots show the previous run again.")
                                  : tr("Cancelled."));
        restoreFinishedRun();
        emit runFinished(true);
        return;
    }
    progress_->setValue(1000);
    // The picker was filled when the run's parameters became known (and may have been changed
    // since); a run of other parameters fills it afresh.
    const bool sameParameters = pickerLists(outcome->names);
    outcome_ = std::move(outcome);
    const MachineChainResult& first = outcome_->run.chains.front();
    geometry_ =
        metricGeometry(outcome_->reference.covariance, first.inverseMetric, first.base.stepSize);
    const auto [pendingX, pendingY] = std::exchange(pendingPick_, {});
    if (outcome_->names.contains(pendingX) && outcome_->names.contains(pendingY)) {
        fillPicker(outcome_->names,
                   {outcome_->names.indexOf(pendingX), outcome_->names.indexOf(pendingY)});
    } else if (!sameParameters) {
        fillPicker(outcome_->names, strongestCorrelationPair(outcome_->reference.covariance));
    }
    resultStatus_ =
        tr("%1 draws of %2 parameters in %3 s · ε = %4 · %5 steps a draw · κ = %6")
            .arg(formatCount(static_cast<std::int64_t>(outcome_->spec.sampler.chains) *
                             outcome_->spec.sampler.draws))
            .arg(outcome_->dimension())
            .arg(QString::number(outcome_->run.wallSeconds, 'f', 2),
                 formatNumber(geometry_.stepSize), formatNumber(outcome_->meanLeapfrogSteps(), 3),
                 formatConditionNumber(geometry_.conditionNumber())) +
        (presetNote_.isEmpty() ? QString() : QStringLiteral("\n") + presetNote_);
    presetNote_.clear();
    dataView_->setRun(*outcome_);
    showStatus();
    redraw();
    emit runFinished(false);
}

bool MachineTab::pickerLists(const QStringList& names) const {
    if (pickX_->count() != names.size()) return false;
    for (int i = 0; i < pickX_->count(); ++i) {
        if (pickX_->itemText(i) != names[i]) return false;
    }
    return true;
}

void MachineTab::fillPicker(const QStringList& names, std::pair<int, int> pair) {
    picking_ = true;
    pickX_->clear();
    pickY_->clear();
    pickX_->addItems(names);
    pickY_->addItems(names);
    pickX_->setCurrentIndex(pair.first);
    pickY_->setCurrentIndex(std::min<int>(pair.second, static_cast<int>(names.size()) - 1));
    picking_ = false;
}

void MachineTab::pick(int x, int y) {
    picking_ = true;
    pickX_->setCurrentIndex(x);
    pickY_->setCurrentIndex(y);
    picking_ = false;
    redraw();
}

void MachineTab::redraw() {
    if (liveRun() != nullptr) {
        drawLive();
        return;
    }
    if (!outcome_) return;
    drawRun(*outcome_, geometry_, -1);
    showExplanation();
}

// After a cancelled run the plots go back to the last finished run (or to empty).
void MachineTab::restoreFinishedRun() {
    if (outcome_) {
        if (!pickerLists(outcome_->names))
            fillPicker(outcome_->names, strongestCorrelationPair(outcome_->reference.covariance));
        dataView_->setRun(*outcome_);
        redraw();
        return;
    }
    dataView_->clear();
    pairs_->clear();
    trajectory_->clear();
    trace_->clear();
    posterior_->clear();
    steps_->clear();
    effectiveSteps_->clear();
    treeDepth_->clear();
    energy_->clear();
    phase_->clear();
}

const QStringList& MachineTab::plotNames() {
    static const QStringList names{QStringLiteral("pairs"),
                                   QStringLiteral("trajectory-position"),
                                   QStringLiteral("trace-parameter"),
                                   QStringLiteral("posterior-parameter"),
                                   QStringLiteral("step-widths"),
                                   QStringLiteral("step-size-parameters"),
                                   QStringLiteral("tree-depth-acceptance"),
                                   QStringLiteral("energy-error-machine"),
                                   QStringLiteral("trajectory-phase-parameter")};
    return names;
}

void MachineTab::setVisiblePlots(const QStringList& names) {
    visiblePlots_ = names;
    placePlots();
}

void MachineTab::setNumbersMasked(bool masked) {
    if (masked == masked_) return;
    masked_ = masked;
    placePlots();
    // What a Reveal brings back is what the class should look at next.
    if (!masked && plotWanted(steps_)) detailTabs_->setCurrentWidget(steps_);
    trajectory_->setSummaryMasked(masked);
    showStatus();
    showExplanation();
}

void MachineTab::setLessonNote(const QString& html) {
    lessonNote_ = html;
    showExplanation();
}

QString MachineTab::statusText() const {
    return status_->text();
}

void MachineTab::showStatus() {
    if (resultStatus_.isEmpty()) return;
    status_->setText(masked_ ? tr("Run finished. ε, the steps a draw and κ stay hidden until "
                                  "Reveal: predict them first.")
                             : resultStatus_);
}

// The lesson's text first (it asks the question), then the explanation of the run unless the
// numbers are masked.
void MachineTab::showExplanation() {
    QString html = lessonNote_;
    if (outcome_ && !masked_) {
        html += machineExplanationHtml(*outcome_, geometry_, std::max(0, pickX_->currentIndex()),
                                       std::max(0, pickY_->currentIndex()));
    } else if (!outcome_) {
        html += introduction_;
    }
    explanation_->setText(html);
}

}  // namespace couplinglab::ui
