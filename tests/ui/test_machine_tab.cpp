// The Boltzmann machine tab offscreen, driven through its widgets: the inputs, Run through the
// real worker thread, the three plots, the picker, the explanation, Cancel, and bad cells of θ*.
#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <cmath>

#include <qcustomplot.h>

#include "core/diagnostics.h"
#include "core/metric_geometry.h"
#include "support/sanitizers.h"
#include "ui/app/main_window.h"
#include "ui/files/file_actions.h"
#include "ui/machine/effective_step_plot.h"
#include "ui/machine/machine_data_view.h"
#include "ui/machine/machine_inputs.h"
#include "ui/machine/machine_live_feed.h"
#include "ui/machine/machine_presets.h"
#include "ui/machine/machine_tab.h"
#include "ui/machine/pairs_plot.h"
#include "ui/machine/parameter_phase_plot.h"
#include "ui/machine/parameter_posterior_plot.h"
#include "ui/machine/parameter_trace_plot.h"
#include "ui/machine/position_trajectory_plot.h"
#include "ui/machine/step_width_plot.h"
#include "ui/machine/tree_depth_acceptance_plot.h"
#include "ui/plots/energy_error_plot.h"
#include "ui/support/number_format.h"
#include "ui/sweep/sweep_tab.h"
#include "ui/sweep/sweep_table_model.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

constexpr int kRunTimeoutMs = testing::kSanitizedBuild ? 300'000 : 60'000;

template <class Widget>
Widget* child(const QWidget& parent, const char* name) {
    auto* widget = parent.findChild<Widget*>(QLatin1String(name));
    if (widget == nullptr) qFatal("no widget named %s", name);
    return widget;
}

void selectData(QComboBox* combo, int data) {
    combo->setCurrentIndex(combo->findData(data));
}

// Chooses preset `index` (1-based, as the chooser lists them after its title) with the
// keyboard, which runs it; true when the run finished.
bool choosePreset(MachineTab& tab, int index) {
    auto* presets = child<QComboBox>(tab, "machinePresetCombo");
    QSignalSpy finished(&tab, &MachineTab::runFinished);
    presets->setCurrentIndex(index - 1);
    QTest::keyClick(presets, Qt::Key_Down);
    return finished.wait(kRunTimeoutMs) && !finished.first().first().toBool();
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool runToEnd(MachineTab& tab) {
    QSignalSpy finished(&tab, &MachineTab::runFinished);
    QTest::mouseClick(tab.runButton(), Qt::LeftButton);
    return finished.wait(kRunTimeoutMs) && !finished.first().first().toBool();
}

// The data of DESIGN.md §5: K = 3 with biases, a strongly biased first unit.
void setBiasedUnitRun(MachineTab& tab, MetricKind metric, int warmup, int draws) {
    MachineRunSpec spec;
    spec.data.units = 3;
    spec.data.couplings = {0.5, 0.5, 0.0};
    spec.data.biases = {3.0, 0.0, 0.0};
    spec.data.observations = 10'000;
    spec.model.likelihood = Likelihood::ExactBoltzmann;
    setMetricKind(spec.sampler, metric);
    spec.sampler.warmup = warmup;
    spec.sampler.draws = draws;
    tab.inputs()->setSpec(spec);
}

}  // namespace

class TestMachineTab : public QObject {
    Q_OBJECT
  private slots:
    void runButtonFillsEveryViewForEachShapeAndMetric_data() {
        QTest::addColumn<int>("units");
        QTest::addColumn<bool>("biases");
        QTest::addColumn<int>("metric");
        QTest::newRow("K=3, biases, diagonal")
            << 3 << true << static_cast<int>(MetricKind::Diagonal);
        QTest::newRow("K=3, biases, dense") << 3 << true << static_cast<int>(MetricKind::Dense);
        QTest::newRow("K=4, no biases, unit") << 4 << false << static_cast<int>(MetricKind::Unit);
        QTest::newRow("K=2, biases, dense") << 2 << true << static_cast<int>(MetricKind::Dense);
    }
    // Everything is set through the widgets a student uses.
    void runButtonFillsEveryViewForEachShapeAndMetric() {
        QFETCH(int, units);
        QFETCH(bool, biases);
        QFETCH(int, metric);
        MachineTab tab;
        child<QSpinBox>(tab, "unitsSpin")->setValue(units);
        child<QCheckBox>(tab, "biasesCheck")->setChecked(biases);
        selectData(child<QComboBox>(tab, "metricCombo"), metric);
        child<QSpinBox>(tab, "observationsSpin")->setValue(3'000);
        child<QSpinBox>(tab, "chainsSpin")->setValue(2);
        child<QSpinBox>(tab, "warmupSpin")->setValue(400);
        child<QSpinBox>(tab, "drawsSpin")->setValue(300);
        QVERIFY(runToEnd(tab));

        const MachineRunOutcome& outcome = *tab.outcome();
        const int d = MachineShape{units, biases}.dimension();
        QCOMPARE(outcome.dimension(), d);
        QCOMPARE(static_cast<int>(outcome.run.chains.size()), 2);
        // The picker offers every parameter and starts on the most correlated pair.
        QCOMPARE(tab.pickX()->count(), d);
        const auto strongest = strongestCorrelationPair(outcome.reference.covariance);
        QCOMPARE(std::make_pair(tab.pickX()->currentIndex(), tab.pickY()->currentIndex()),
                 strongest);
        // Pairs: every draw, three ellipses, the correlation of the picked pair.
        QCOMPARE(tab.pairsPlot()->pointCount(), 2 * 300);
        QCOMPARE(tab.pairsPlot()->ellipseCount(), 3);
        const QString reference = QString::number(
            correlation(outcome.reference.covariance, strongest.first, strongest.second), 'f', 2);
        QVERIFY2(tab.pairsPlot()->correlationText().contains(reference),
                 qPrintable(tab.pairsPlot()->correlationText()));
        QCOMPARE(tab.pairsPlot()->plot()->xAxis->label(), outcome.names[strongest.first]);
        // Position space: chain 1's last trajectory, all of it, over the density.
        const TrajectoryRecord& record = outcome.run.chains.front().lastTrajectory;
        QCOMPARE(tab.trajectoryPlot()->pointCount(), static_cast<int>(record.points.size()));
        QVERIFY(tab.trajectoryPlot()->hasDensity());
        QVERIFY(tab.trajectoryPlot()->summaryText().contains(
            QStringLiteral("%1 steps").arg(record.info.nLeapfrog)));
        // Steps and widths: each parameter's ε·√(M⁻¹)_ii, and the metric's axes when dense.
        const MachineChainResult& first = outcome.run.chains.front();
        const Eigen::MatrixXd inverse = first.denseInverseMetric();
        for (int i = 0; i < d; ++i) {
            QVERIFY(std::abs(tab.geometry().effectiveSteps[i] -
                             first.base.stepSize * std::sqrt(inverse(i, i))) < 1e-12);
        }
        QCOMPARE(tab.stepWidthPlot()->parameterCount(), d);
        const bool dense = metric == static_cast<int>(MetricKind::Dense);
        QCOMPARE(tab.stepWidthPlot()->effectiveStepCount(), dense ? 2 * d : d);
        const QString kappa = formatConditionNumber(tab.geometry().conditionNumber());
        QVERIFY(tab.stepWidthPlot()->summaryText().contains(kappa));
        QVERIFY(tab.explanationHtml().contains(QStringLiteral("κ = ") + kappa));
        QVERIFY(tab.explanationHtml().contains(outcome.names[strongest.first]));
        // Trace and posterior of x: every iteration of both chains, the draws after warmup
        // against the reference curve; no switch marked.
        QCOMPARE(tab.tracePlot()->pointCount(), 2 * (400 + 300));
        QCOMPARE(tab.tracePlot()->warmupBands(), 1);
        QVERIFY(tab.tracePlot()->switchLabels().isEmpty());
        QCOMPARE(tab.posteriorPlot()->drawCount(), 2 * 300);
        QVERIFY(!tab.posteriorPlot()->referenceName().isEmpty());
        QCOMPARE(tab.posteriorPlot()->plot()->xAxis->label(), outcome.names[strongest.first]);
        // All traces: small multiples of every parameter, each chain thinned to at most
        // kMaxMultiplePointsPerChain points; unticked, the picked one again.
        QTest::mouseClick(tab.allTracesCheck(), Qt::LeftButton, {},
                          QPoint(8, tab.allTracesCheck()->height() / 2));
        QVERIFY(tab.tracePlot()->allParameters());
        QCOMPARE(tab.tracePlot()->traceCount(), d);
        QCOMPARE(tab.tracePlot()->traceNames(), outcome.names);
        QCOMPARE(tab.tracePlot()->plot()->axisRectCount(), d);
        const int stride = 700 / ParameterTracePlot::kMaxMultiplePointsPerChain + 1;
        const int thinned = (700 + stride - 1) / stride;
        QCOMPARE(tab.tracePlot()->pointCount(), d * 2 * thinned);
        // Each small trace is scaled to hold every draw after warmup (the first warmup
        // iterations may fall outside).
        for (int i = 0; i < d; ++i) {
            const QCPRange range =
                tab.tracePlot()->plot()->axisRect(i)->axis(QCPAxis::atLeft)->range();
            for (const MachineChainResult& chain : outcome.run.chains) {
                for (const double draw : chain.drawsOf(i))
                    QVERIFY2(range.contains(draw), qPrintable(outcome.names[i]));
            }
        }
        tab.allTracesCheck()->click();
        QCOMPARE(tab.tracePlot()->traceCount(), 1);
        QCOMPARE(tab.tracePlot()->plot()->axisRectCount(), 1);
        QCOMPARE(tab.tracePlot()->pointCount(), 2 * (400 + 300));
        // Step size over iterations: ε and each parameter's step, the last at the tuned metric.
        QCOMPARE(tab.effectiveStepPlot()->seriesCount(), 1 + d);
        QCOMPARE(tab.effectiveStepPlot()->pointCount(), 700);
        for (int i = 0; i < d; ++i) {
            const double expected = first.base.records.back().stepSize * std::sqrt(inverse(i, i));
            QVERIFY2(
                std::abs(tab.effectiveStepPlot()->lastEffectiveStep(i) / expected - 1.0) < 1e-9,
                qPrintable(QStringLiteral("%1: %2 vs %3")
                               .arg(i)
                               .arg(tab.effectiveStepPlot()->lastEffectiveStep(i))
                               .arg(expected)));
        }
        // Tree depth and acceptance: chain 1's every iteration, its divergences marked.
        QCOMPARE(tab.treeDepthPlot()->pointCount(), 700);
        QCOMPARE(tab.treeDepthPlot()->lastTreeDepth(),
                 static_cast<double>(first.base.records.back().treeDepth));
        QCOMPARE(
            tab.treeDepthPlot()->divergenceCount(),
            static_cast<int>(std::count_if(first.base.records.begin(), first.base.records.end(),
                                           [](const IterationRecord& r) { return r.divergent; })));
        // Energy error: every leapfrog point of chain 1's last trajectory (the start is on both
        // branches), its divergent points crossed, the sampler's threshold drawn.
        const TrajectoryRecord& last = first.lastTrajectory;
        const EnergyErrorPlot& energy = *tab.energyErrorPlot();
        QCOMPARE(energy.forwardGraph()->dataCount() + energy.backwardGraph()->dataCount(),
                 static_cast<int>(last.points.size()) + 1);
        QCOMPARE(
            energy.divergentGraph()->dataCount(),
            static_cast<int>(std::count_if(last.points.begin(), last.points.end(),
                                           [](const TrajectoryPoint& p) { return p.divergent; })));
        QCOMPARE(energy.threshold(), outcome.spec.sampler.maxDeltaH);
        QVERIFY(energy.hintText().isEmpty());
        // Phase space of x: every point of that trajectory at (q_x, p_x), from the start to the
        // next draw; the record's momenta agree with the first coordinate's it always kept.
        const int x = strongest.first;
        QVERIFY(last.hasPositions());
        for (std::size_t i = 0; i < last.points.size(); ++i)
            QCOMPARE(last.momentum(i, 0), last.points[i].momentum);
        QCOMPARE(tab.phasePlot()->pointCount(), static_cast<int>(last.points.size()));
        QCOMPARE(tab.phasePlot()->startPoint(), QPointF(last.position(0, x), last.momentum(0, x)));
        const auto selected =
            static_cast<std::size_t>(std::ranges::find_if(last.points,
                                                          [&](const TrajectoryPoint& p) {
                                                              return p.order == last.selectedOrder;
                                                          }) -
                                     last.points.begin());
        QCOMPARE(tab.phasePlot()->selectedPoint(),
                 QPointF(last.position(selected, x), last.momentum(selected, x)));
        QCOMPARE(tab.phasePlot()->plot()->xAxis->label(), outcome.names[x]);
        // The data: K lists of bits, each parameter's sufficient statistic T and T/N.
        QCOMPARE(tab.dataView()->bitStrip()->rows(), units);
        const QTableWidget& statistics = *child<QTableWidget>(tab, "machineStatistics");
        QCOMPARE(statistics.rowCount(), d);
        const Eigen::VectorXd sums = outcome.counts.featureSums();
        for (int i = 0; i < d; ++i) {
            QCOMPARE(statistics.item(i, 0)->text(), outcome.names[i]);
            QCOMPARE(statistics.item(i, 1)->text(), formatCount(std::llround(sums[i])));
        }
    }

    // Chosen during a paced run, another metric switches the running chains: they carry on
    // from where they are with a new warmup and draws, the trace marks the switch, and the
    // finished run is on the new metric. Meanwhile the plots follow the run live, the chains
    // in step with chain 1.
    void metricChosenDuringARunSwitchesTheRunningChains_data() {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QString>("label");
        QTest::newRow("diagonal -> dense")
            << static_cast<int>(MetricKind::Diagonal) << static_cast<int>(MetricKind::Dense)
            << QStringLiteral("metric → dense");
        QTest::newRow("dense -> diagonal")
            << static_cast<int>(MetricKind::Dense) << static_cast<int>(MetricKind::Diagonal)
            << QStringLiteral("metric → diagonal");
        QTest::newRow("unit -> dense")
            << static_cast<int>(MetricKind::Unit) << static_cast<int>(MetricKind::Dense)
            << QStringLiteral("metric → dense");
    }
    void metricChosenDuringARunSwitchesTheRunningChains() {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QString, label);
        MachineTab tab;
        setBiasedUnitRun(tab, static_cast<MetricKind>(from), 150, 150);
        auto* speed = child<QComboBox>(tab, "machineSpeedCombo");
        speed->setCurrentIndex(speed->findText(QStringLiteral("100 draws/s")));
        QSignalSpy finished(&tab, &MachineTab::runFinished);
        QTest::mouseClick(tab.runButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            tab.liveRun() != nullptr && tab.liveRun()->run.chains.front().base.records.size() >= 20,
            kRunTimeoutMs);
        const MachineRunOutcome& live = *tab.liveRun();
        const auto leader = static_cast<std::int64_t>(live.run.chains.front().base.records.size());
        for (const MachineChainResult& chain : live.run.chains)
            QVERIFY(static_cast<std::int64_t>(chain.base.records.size()) <= leader + 2);
        QVERIFY(tab.tracePlot()->pointCount() > 0);
        QCOMPARE(tab.pickX()->count(), live.dimension());
        // The user's choice: the combo's keyboard, one item down from the one above `to`.
        auto* metric = child<QComboBox>(tab, "metricCombo");
        metric->setCurrentIndex(metric->findData(to) - 1);
        QTest::keyClick(metric, Qt::Key_Down);
        QCOMPARE(metric->currentData().toInt(), to);
        QVERIFY(child<QLabel>(tab, "machineStatus")->text().contains(QStringLiteral("switched")));
        speed->setCurrentIndex(kFullSpeed);
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.first().first().toBool(), false);

        const MachineRunOutcome& outcome = *tab.outcome();
        QVERIFY(metricKind(outcome.spec.sampler) == static_cast<MetricKind>(to));
        for (const MachineChainResult& chain : outcome.run.chains) {
            QCOMPARE(static_cast<int>(chain.segments.size()), 2);
            const std::int64_t at = chain.segments[1].start;
            QVERIFY(at >= 20);
            QCOMPARE(static_cast<std::int64_t>(chain.base.records.size()), at + 150 + 150);
            QVERIFY(chain.segments[1].metric == static_cast<MetricKind>(to));
        }
        QCOMPARE(tab.tracePlot()->switchLabels(), QStringList{label});
        QCOMPARE(tab.tracePlot()->warmupBands(), 2);
        QVERIFY(child<QSpinBox>(tab, "unitsSpin")->isEnabled());
    }

    // At the slowest speed chain 1's trajectory grows in the position view one leapfrog step
    // at a time, as the phase-space view does for one parameter; Cancel ends the play-back.
    void slowestSpeedGrowsEachTrajectoryOneLeapfrogStepAtATime() {
        MachineTab tab;
        setBiasedUnitRun(tab, MetricKind::Diagonal, 100, 100);
        auto* speed = child<QComboBox>(tab, "machineSpeedCombo");
        speed->setCurrentIndex(speed->count() - 1);
        QSignalSpy finished(&tab, &MachineTab::runFinished);
        QTest::mouseClick(tab.runButton(), Qt::LeftButton);
        QSet<int> partialCounts;
        QElapsedTimer clock;
        clock.start();
        while (partialCounts.size() < 4 && clock.elapsed() < kRunTimeoutMs) {
            QTest::qWait(20);
            const PositionTrajectoryPlot& view = *tab.trajectoryPlot();
            if (view.summaryText().contains(QStringLiteral("step ")) && view.pointCount() > 0)
                partialCounts.insert(view.pointCount());
        }
        QVERIFY2(
            partialCounts.size() >= 4,
            qPrintable(QStringLiteral("%1 partial trajectories seen").arg(partialCounts.size())));
        QTest::mouseClick(tab.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.first().first().toBool(), true);
    }

    // The lesson the tab exists for, reached through its presets (DESIGN.md §5, measured with
    // Stan: diagonal ε 0.067 and 54 steps a draw, dense ε 0.68 and 6): the dense metric takes
    // steps several times longer and trees several times shorter, because it leaves a nearly
    // round posterior.
    void denseMetricPresetTakesLongerStepsThanTheDiagonalOne() {
        MachineTab tab;
        auto* presets = child<QComboBox>(tab, "machinePresetCombo");
        QCOMPARE(presets->count(), 1 + static_cast<int>(machinePresets().size()));
        QVERIFY(choosePreset(tab, 1));
        QCOMPARE(tab.inputs()->spec().data, machinePresets()[0].spec.data);
        QVERIFY(metricKind(tab.outcome()->spec.sampler) == MetricKind::Diagonal);
        QVERIFY(child<QLabel>(tab, "machineStatus")->text().contains(machinePresets()[0].lookAt));
        const double diagonalStep = tab.geometry().stepSize;
        const double diagonalSteps = tab.outcome()->meanLeapfrogSteps();
        const double diagonalKappa = tab.geometry().conditionNumber();
        QVERIFY(tab.explanationHtml().contains(QStringLiteral("Diagonal metric")));

        QVERIFY(choosePreset(tab, 2));
        QVERIFY(metricKind(tab.outcome()->spec.sampler) == MetricKind::Dense);
        const double denseStep = tab.geometry().stepSize;
        const double denseSteps = tab.outcome()->meanLeapfrogSteps();
        QVERIFY2(denseStep > 3.0 * diagonalStep,
                 qPrintable(QStringLiteral("ε %1 vs %2").arg(denseStep).arg(diagonalStep)));
        QVERIFY2(denseSteps * 3.0 < diagonalSteps,
                 qPrintable(QStringLiteral("steps %1 vs %2").arg(denseSteps).arg(diagonalSteps)));
        QVERIFY(diagonalKappa > 20.0);
        QVERIFY(tab.geometry().conditionNumber() < 3.0);
        QVERIFY(tab.explanationHtml().contains(QStringLiteral("Dense metric")));
        // Unit 1 is nearly always +1, so s1·sk ≈ sk: w.1.k and b.k are almost the same
        // feature, and the default pair is one of those (correlated below −0.95).
        const QString x = tab.pickX()->currentText();
        const QString y = tab.pickY()->currentText();
        QVERIFY2(x.startsWith(QStringLiteral("w.1.")) && y == QStringLiteral("b.") + x.back(),
                 qPrintable(x + QLatin1Char(' ') + y));
        QVERIFY(correlation(tab.outcome()->reference.covariance, tab.pickX()->currentIndex(),
                            tab.pickY()->currentIndex()) < -0.95);
    }

    // The question's mistake with four units: each coupling's posterior sits at its own
    // feature sum T_k (of order ±√N = ±100), with sd 1, however independent the bits.
    void potentialOnlyPresetRunsEveryCouplingOffToItsFeatureSum() {
        MachineTab tab;
        QVERIFY(choosePreset(tab, 3));
        const MachineRunOutcome& outcome = *tab.outcome();
        QCOMPARE(outcome.dimension(), 6);
        const Eigen::VectorXd sums = outcome.counts.featureSums();
        for (int i = 0; i < 6; ++i) {
            std::vector<std::vector<double>> chains;
            for (const MachineChainResult& chain : outcome.run.chains)
                chains.push_back(chain.drawsOf(i));
            const Summary summary = summarize(ChainSpans(chains.begin(), chains.end()));
            // Exact posterior N(T, 1): the draws' mean within 5 Monte Carlo standard errors.
            QVERIFY2(std::abs(summary.mean - sums[i]) < 5.0 * summary.mcseMean,
                     qPrintable(QStringLiteral("%1: %2 vs T %3 (mcse %4)")
                                    .arg(i)
                                    .arg(summary.mean)
                                    .arg(sums[i])
                                    .arg(summary.mcseMean)));
            QVERIFY(std::abs(summary.sd - 1.0) < 0.1);
        }
        QVERIFY(sums.cwiseAbs().maxCoeff() > 20.0);
        QVERIFY(tab.explanationHtml().contains(QStringLiteral("Potential only")));
    }

    void pickerChoosesWhatThePlotsShow() {
        MachineTab tab;
        setBiasedUnitRun(tab, MetricKind::Diagonal, 300, 200);
        QVERIFY(runToEnd(tab));
        tab.pickX()->setCurrentIndex(1);  // w.1.3
        tab.pickY()->setCurrentIndex(5);  // b.3
        QCOMPARE(tab.pairsPlot()->plot()->xAxis->label(), QStringLiteral("w.1.3"));
        QCOMPARE(tab.pairsPlot()->plot()->yAxis->label(), QStringLiteral("b.3"));
        QCOMPARE(tab.trajectoryPlot()->plot()->yAxis->label(), QStringLiteral("b.3"));
        tab.pickY()->setCurrentIndex(1);
        QVERIFY(!tab.pairsPlot()->hintText().isEmpty());  // x = y: asks for two parameters
        QCOMPARE(tab.pairsPlot()->pointCount(), 0);
        // The same shape again keeps the pick.
        tab.pickY()->setCurrentIndex(2);
        QVERIFY(runToEnd(tab));
        QCOMPARE(tab.pickY()->currentIndex(), 2);
    }

    // File ▸ Save session keeps the machine tab's inputs and picked pair; opening the file
    // brings them back, and the next run shows the saved pair.
    void sessionKeepsTheMachineTabsInputsAndPick() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("t.ini"), QSettings::IniFormat);
        MainWindow window(settings);
        MachineTab& tab = *window.machineTab();
        setBiasedUnitRun(tab, MetricKind::Dense, 300, 200);
        QVERIFY(runToEnd(tab));
        tab.pickX()->setCurrentIndex(0);  // w.1.2
        tab.pickY()->setCurrentIndex(4);  // b.2
        const MachineRunSpec saved = tab.inputs()->spec();
        const QString path = dir.filePath("machine.couplinglab.json");
        window.fileActions()->saveSession(path);
        QVERIFY(readAll(path).contains("\"pickY\": \"b.2\""));

        setBiasedUnitRun(tab, MetricKind::Unit, 100, 100);
        child<QSpinBox>(tab, "unitsSpin")->setValue(5);
        QVERIFY(!(tab.inputs()->spec() == saved));
        window.fileActions()->openSession(path);
        QVERIFY(tab.inputs()->spec() == saved);
        QVERIFY(runToEnd(tab));
        QCOMPARE(tab.pickX()->currentText(), QStringLiteral("w.1.2"));
        QCOMPARE(tab.pickY()->currentText(), QStringLiteral("b.2"));
    }

    // A row of a K-unit sweep, clicked in the Sweep tab's table, becomes this tab's inputs (the
    // window switches to it), and Run reproduces the point's ε and steps a draw exactly.
    void aMachineSweepRowLoadsIntoThisTabAndRunReproducesIt() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("t.ini"), QSettings::IniFormat);
        MainWindow window(settings);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SweepTab& sweep = *window.sweepTab();
        SweepSpec spec = defaultSweepSpec();
        spec.pairs = {1000};
        spec.shape = MachineShape{3, true};
        spec.coupling = 0.5;
        spec.firstBias = 3.0;
        spec.combinations = {{Likelihood::ExactBoltzmann, false}};
        spec.metrics = {MetricKind::Dense};
        spec.sampler.chains = 2;
        spec.sampler.warmup = 300;
        spec.sampler.draws = 300;
        sweep.setSpec(spec);
        auto* tabs = window.findChild<QTabWidget*>();
        tabs->setCurrentIndex(1);
        QVERIFY(tabs->currentWidget()->isAncestorOf(&sweep));
        QSignalSpy finished(&sweep, &SweepTab::sweepFinished);
        QTest::mouseClick(sweep.runButton(), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(sweep.tableModel()->rowCount(), 1);
        const SweepPoint point = sweep.tableModel()->point(0);
        const QRect cell = sweep.tableView()->visualRect(sweep.tableModel()->index(0, 0));
        QTest::mouseClick(sweep.tableView()->viewport(), Qt::LeftButton, {}, cell.center());
        MachineTab& tab = *window.machineTab();
        QVERIFY(tabs->currentWidget()->isAncestorOf(&tab));
        QCOMPARE(child<QSpinBox>(tab, "unitsSpin")->value(), 3);
        QVERIFY(metricKind(tab.inputs()->spec().sampler) == MetricKind::Dense);
        QVERIFY(runToEnd(tab));
        const MachineRunOutcome& outcome = *tab.outcome();
        QCOMPARE(outcome.run.chains.front().base.stepSize + outcome.run.chains.back().base.stepSize,
                 2.0 * point.stepSize);
        QCOMPARE(outcome.meanLeapfrogSteps(), point.meanLeapfrogs);
    }

    // Generate data draws the inputs' bits at once: the data view shows K lists and each
    // parameter's statistic, the same as Run will sample; no run starts, the plots stay empty.
    void generateDataShowsTheBitsAndStatisticsBeforeAnyRun() {
        MachineTab tab;
        child<QSpinBox>(tab, "unitsSpin")->setValue(4);
        QTest::mouseClick(child<QPushButton>(tab, "generateDataButton"), Qt::LeftButton);
        QVERIFY(!tab.isRunning());
        QCOMPARE(tab.dataView()->bitStrip()->rows(), 4);
        const MachineRunSpec spec = tab.inputs()->spec();
        const auto expected = prepareMachineData(spec);
        const QTableWidget& statistics = *child<QTableWidget>(tab, "machineStatistics");
        QCOMPARE(statistics.rowCount(), spec.shape().dimension());
        const Eigen::VectorXd sums = expected->counts.featureSums();
        for (int i = 0; i < statistics.rowCount(); ++i) {
            QCOMPARE(statistics.item(i, 0)->text(), expected->names[i]);
            QCOMPARE(statistics.item(i, 1)->text(), formatCount(std::llround(sums[i])));
        }
        QVERIFY2(tab.statusText().startsWith(
                     QStringLiteral("Generated %1 observations of 4 units")
                         .arg(formatCount(static_cast<std::int64_t>(spec.data.observations)))),
                 qPrintable(tab.statusText()));
        QVERIFY(tab.outcome() == nullptr);
        QCOMPARE(tab.pairsPlot()->hintText(), QStringLiteral("Press Run"));
    }

    void unitsResizeTheThetaEditorAndKeepTheValuesThatRemain() {
        MachineTab tab;
        QTableWidget* theta = tab.inputs()->thetaTable();
        child<QSpinBox>(tab, "unitsSpin")->setValue(5);
        QCOMPARE(theta->rowCount(), 6);
        QCOMPARE(theta->columnCount(), 5);
        const MachineRunSpec spec = tab.inputs()->spec();
        QCOMPARE(spec.data.couplings.size(), std::size_t{10});
        QCOMPARE(spec.data.couplings[0], 0.5);  // w.1.2 kept
        QCOMPARE(spec.data.biases[0], 3.0);     // b.1 kept
        QCOMPARE(spec.data.couplings[9], 0.0);  // w.4.5 new
        // All couplings = W, the quick path.
        auto* all = child<QDoubleSpinBox>(tab, "allCouplingsSpin");
        all->setValue(0.25);
        QTest::mouseClick(child<QPushButton>(tab, "allCouplingsButton"), Qt::LeftButton);
        for (double w : tab.inputs()->spec().data.couplings)
            QCOMPARE(w, 0.25);
        QCOMPARE(tab.inputs()->spec().data.biases[0], 3.0);
    }

    void badThetaCellIsRefusedAndNamed_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not a number") << QStringLiteral("abc") << QStringLiteral("not a number");
        QTest::newRow("too large") << QStringLiteral("12") << QStringLiteral("between");
        QTest::newRow("empty") << QString() << QStringLiteral("not a number");
    }
    void badThetaCellIsRefusedAndNamed() {
        QFETCH(QString, typed);
        QFETCH(QString, problem);
        MachineTab tab;
        const MachineRunSpec before = tab.inputs()->spec();
        QTableWidget* theta = tab.inputs()->thetaTable();
        theta->item(0, 2)->setText(typed);  // w.1.3
        QCOMPARE(theta->item(0, 2)->text(), QStringLiteral("0.5"));
        QCOMPARE(tab.inputs()->spec().data, before.data);
        const QString hint = child<QLabel>(tab, "machineHint")->text();
        QVERIFY2(hint.contains(QStringLiteral("w.1.3")) && hint.contains(problem),
                 qPrintable(hint));
        theta->item(3, 2)->setText(QStringLiteral("-1.5"));  // b.3
        QCOMPARE(tab.inputs()->spec().data.biases[2], -1.5);
        QVERIFY(!(theta->item(1, 0)->flags() & Qt::ItemIsEditable));  // below the diagonal
    }

    // Cancel stops the worker within moments and the previous run stays on screen; deleting
    // the tab mid-run (closing the window) waits for nothing longer than one iteration.
    void cancelKeepsThePreviousRunAndClosingMidRunIsClean() {
        MachineTab tab;
        setBiasedUnitRun(tab, MetricKind::Diagonal, 200, 200);
        QVERIFY(runToEnd(tab));
        const MachineRunOutcome* previous = tab.outcome();
        const int points = tab.pairsPlot()->pointCount();
        setBiasedUnitRun(tab, MetricKind::Diagonal, 1000, 300'000);
        QSignalSpy finished(&tab, &MachineTab::runFinished);
        QTest::mouseClick(tab.runButton(), Qt::LeftButton);
        QVERIFY(!tab.runButton()->isEnabled());
        // Every input but the metric (which switches the running chains) waits for the run.
        QVERIFY(!child<QSpinBox>(tab, "unitsSpin")->isEnabled());
        QVERIFY(!child<QTableWidget>(tab, "thetaTable")->isEnabled());
        QVERIFY(child<QComboBox>(tab, "metricCombo")->isEnabled());
        QTest::qWait(200);
        QTest::mouseClick(tab.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(tab.outcome(), previous);
        // The live plots drew the cancelled run; they show the previous one again.
        QCOMPARE(tab.pairsPlot()->pointCount(), points);
        QVERIFY(tab.runButton()->isEnabled());
        QVERIFY(child<QSpinBox>(tab, "unitsSpin")->isEnabled());

        auto* closing = new MachineTab;
        setBiasedUnitRun(*closing, MetricKind::Diagonal, 1000, 300'000);
        QTest::mouseClick(closing->runButton(), Qt::LeftButton);
        QVERIFY(closing->isRunning());
        QTest::qWait(100);
        delete closing;
    }
};

QTEST_MAIN(TestMachineTab)
#include "test_machine_tab.moc"
