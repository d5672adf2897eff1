// The Sweep tab offscreen: a tiny sweep through the real worker thread, cancel, the table, the
// plots, loading a point and the CSV.
#include <QtTest>

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <cmath>

#include <qcustomplot.h>

#include "core/sweep.h"
#include "support/sanitizers.h"
#include "ui/controls/control_panel.h"
#include "ui/sweep/sweep_inputs.h"
#include "ui/sweep/sweep_plots.h"
#include "ui/sweep/sweep_tab.h"
#include "ui/sweep/sweep_table_model.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

constexpr SweepCombination kBoltzmann{Likelihood::ExactBoltzmann, false};

// 3 values of N, one combination, both metric settings: 6 quick points.
SweepSpec tinySpec() {
    SweepSpec spec = defaultSweepSpec();
    spec.pairs = {10, 100, 1000};
    spec.combinations = {kBoltzmann};
    spec.metrics = {MetricKind::Diagonal, MetricKind::Unit};
    spec.sampler.warmup = 200;
    spec.sampler.draws = 200;
    return spec;
}

bool runToEnd(SweepTab& tab) {
    QSignalSpy finished(&tab, &SweepTab::sweepFinished);
    QTest::mouseClick(tab.runButton(), Qt::LeftButton);
    return finished.wait(60000);
}

// Types into a field as a student would: select everything, type, press Enter.
void typeInto(QAbstractSpinBox* box, const QString& text) {
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

double valueOf(const QAbstractSpinBox* box) {
    if (const auto* real = qobject_cast<const QDoubleSpinBox*>(box)) return real->value();
    return qobject_cast<const QSpinBox*>(box)->value();
}

// Types `typed` into the field named `box` of `window` and returns the value it kept; `hint`
// receives the text of the hint label named `hintName`, or stays empty if that label is hidden.
double typeAndRead(QWidget& window, const QString& box, const QString& typed,
                   const QString& hintName, QString& hint) {
    window.show();
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window)) return std::nan("");
    auto* spin = window.findChild<QAbstractSpinBox*>(box);
    auto* label = window.findChild<QLabel*>(hintName);
    if (spin == nullptr || label == nullptr || !label->isHidden()) return std::nan("");
    typeInto(spin, typed);
    hint = label->isVisible() ? label->text() : QString();
    return valueOf(spin);
}

QList<SweepPlot*> plotsOf(const SweepTab& tab) {
    return {tab.stepSizePlot(), tab.sdPlot(), tab.meanPlot(), tab.leapfrogPlot()};
}

}  // namespace

class TestSweepTab : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { qRegisterMetaType<RunSettings>(); }

    void inputsStartAtTheDefaultSweepAndAreNamedForAssistiveTechnology() {
        SweepTab tab;
        const SweepSpec spec = tab.spec();
        const SweepSpec defaults = defaultSweepSpec();
        QCOMPARE(spec.pairs, defaults.pairs);
        QVERIFY(spec.combinations == defaults.combinations);
        QVERIFY(spec.metrics == defaults.metrics);
        QCOMPARE(spec.sampler.chains, 1);
        QCOMPARE(spec.sampler.warmup, 1000);
        QCOMPARE(spec.sampler.draws, 1000);
        QVERIFY(spec == defaults);
        for (const char* name :
             {"fromPairsSpin",       "toPairsSpin",    "gridPointsSpin",      "couplingSpin",
              "dataSeedSpin",        "priorMeanSpin",  "priorSdSpin",         "potentialCheck",
              "potentialOverNCheck", "boltzmannCheck", "boltzmannOverNCheck", "metricCombo",
              "chainsSpin",          "warmupSpin",     "drawsSpin",           "seedSpin",
              "runButton",           "cancelButton",   "progressBar",         "exportCsvButton",
              "sweepTable"}) {
            auto* widget = tab.findChild<QWidget*>(QString::fromLatin1(name));
            QVERIFY2(widget != nullptr, name);
            QVERIFY2(!widget->accessibleName().isEmpty(), name);
            QVERIFY2(!widget->toolTip().isEmpty() || qobject_cast<QProgressBar*>(widget), name);
        }
        const QString grid = tab.findChild<QLabel*>("gridLabel")->text();
        QVERIFY2(grid.contains(QStringLiteral("10\u00A0000\u00A0000")), qPrintable(grid));
        QCOMPARE(grid.count(','), 7);
    }

    // The sweep's fields are the control panel's clamping inputs: a value typed out of range is
    // clamped when editing finishes and the group's hint says why, in the panel's words where
    // both have the field.
    void typedValuesOutsideTheRangeAreClampedWithAHintLikeTheControlPanel_data() {
        QTest::addColumn<QString>("box");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<double>("expected");
        QTest::addColumn<QString>("hint");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("panelBox");  // empty: the panel has no such field
        QTest::addColumn<QString>("panelHint");
        const QString none;
        QTest::newRow("smallest N 3")
            << "fromPairsSpin"
            << "3" << 10.0 << "gridHint"
            << "smallest N must be at least 10: set to 10" << none << none;
        QTest::newRow("values 50")
            << "gridPointsSpin"
            << "50" << 20.0 << "gridHint"
            << "number of values must be at most 20: set to 20" << none << none;
        QTest::newRow("W 7") << "couplingSpin"
                             << "7" << 3.0 << "dataHint"
                             << "W must be at most 3.000: set to 3.000" << none << none;
        QTest::newRow("data seed -5") << "dataSeedSpin"
                                      << "-5" << 0.0 << "dataHint"
                                      << "data seed must be at least 0: set to 0"
                                      << "dataSeedSpin"
                                      << "dataHint";
        QTest::newRow("prior sd 0") << "priorSdSpin"
                                    << "0" << 0.001 << "dataHint"
                                    << "prior sd must be > 0: set to 0.001"
                                    << "priorSdSpin"
                                    << "modelHint";
        QTest::newRow("chains 9") << "chainsSpin"
                                  << "9" << 4.0 << "samplerHint"
                                  << "chains must be at most 4: set to 4"
                                  << "chainsSpin"
                                  << "samplerHint";
        QTest::newRow("chains 2.5") << "chainsSpin"
                                    << "2.5" << 3.0 << "samplerHint"
                                    << "chains must be a whole number: set to 3"
                                    << "chainsSpin"
                                    << "samplerHint";
        QTest::newRow("warmup 2e6") << "warmupSpin"
                                    << "2000000" << 1e6 << "samplerHint"
                                    << "warmup must be at most 1\u00A0000\u00A0000: set to "
                                       "1\u00A0000\u00A0000"
                                    << none << none;
    }
    void typedValuesOutsideTheRangeAreClampedWithAHintLikeTheControlPanel() {
        QFETCH(QString, box);
        QFETCH(QString, typed);
        QFETCH(double, expected);
        QFETCH(QString, hint);
        QFETCH(QString, message);
        QFETCH(QString, panelBox);
        QFETCH(QString, panelHint);
        SweepTab tab;
        QString shown;
        QCOMPARE(typeAndRead(tab, box, typed, hint, shown), expected);
        QCOMPARE(shown, message);
        if (panelBox.isEmpty()) return;
        ControlPanel panel;
        QString panelShown;
        QCOMPARE(typeAndRead(panel, panelBox, typed, panelHint, panelShown), expected);
        QCOMPARE(panelShown, message);
    }

    void plotsExportUnderTheirOwnNames() {
        SweepTab tab;
        QStringList names;
        for (PlotPanel* panel : tab.panels())
            names << panel->exportName();
        QCOMPARE(names,
                 (QStringList{"sweep-step-size", "sweep-sd", "sweep-mean", "sweep-leapfrogs"}));
    }

    void runNeedsALikelihoodAndAnOrderedRange() {
        SweepTab tab;
        QVERIFY(tab.runButton()->isEnabled());
        for (QCheckBox* check : tab.findChildren<QCheckBox*>())
            check->setChecked(false);
        QVERIFY(!tab.runButton()->isEnabled());
        tab.findChild<QCheckBox*>("boltzmannCheck")->setChecked(true);
        QVERIFY(tab.runButton()->isEnabled());
        tab.findChild<QSpinBox*>("toPairsSpin")->setValue(5);  // clamped to the panel's 10
        tab.findChild<QSpinBox*>("fromPairsSpin")->setValue(1000);
        QVERIFY(!tab.runButton()->isEnabled());
    }

    void decadeArrowsMoveNByPowersOfTen() {
        SweepTab tab;
        auto* from = tab.findChild<QSpinBox*>("fromPairsSpin");
        from->setValue(10);
        from->stepUp();
        QCOMPARE(from->value(), 100);
        from->setValue(250);
        from->stepDown();
        QCOMPARE(from->value(), 100);
        from->stepUp();
        QCOMPARE(from->value(), 1000);
    }

    void aTinySweepFillsTheTableAndThePlotsAndTheProgressBarReachesItsEnd() {
        SweepTab tab;
        tab.setSpec(tinySpec());
        QCOMPARE(sweepJobs(tab.spec()).size(), std::size_t{6});
        QVERIFY(runToEnd(tab));
        QVERIFY(!tab.isRunning());
        QCOMPARE(tab.tableModel()->rowCount(), 6);
        QCOMPARE(tab.tableModel()->columnCount(),
                 static_cast<int>(SweepTableModel::columnNames().size()));
        for (int row = 0; row < 6; ++row)
            QCOMPARE(tab.tableModel()->point(row).index, row);
        QCOMPARE(tab.progressBar()->value(), tab.progressBar()->maximum());
        QCOMPARE(tab.progressBar()->maximum(), 6);
        QVERIFY2(tab.progressBar()->text().startsWith("6 of 6 points"),
                 qPrintable(tab.progressBar()->text()));
        for (SweepPlot* plot : plotsOf(tab)) {
            QVERIFY2(plot->sampleCount() >= 5, qPrintable(plot->exportName()));
            QVERIFY(plot->hintText().isEmpty());
            QVERIFY(plot->seriesGraph(kBoltzmann, MetricKind::Diagonal) != nullptr);
            QVERIFY(plot->seriesGraph(kBoltzmann, MetricKind::Unit) != nullptr);
            QCOMPARE(plot->seriesGraph(kBoltzmann, MetricKind::Unit)->data()->size(), 3);
        }
        // Theory drawn in grey, named beside the lines; the legend keeps to the series' colours
        // and line styles, a short list.
        QVERIFY(tab.sdPlot()->theoryLabels().contains("1/√N"));
        QVERIFY(tab.meanPlot()->theoryLabels().contains("E|C|"));
        QVERIFY(tab.stepSizePlot()->theoryLabels().contains("sd, theory"));
        QVERIFY(tab.stepSizePlot()->theoryLabels().contains("ε, theory"));
        QVERIFY(tab.stepSizePlot()->legendNames().contains("adapted metric"));
        QVERIFY(tab.stepSizePlot()->legendNames().contains("unit metric"));
        for (SweepPlot* plot : plotsOf(tab)) {
            QVERIFY2(plot->legendNames().size() <= 7, qPrintable(plot->legendNames().join(", ")));
            for (const QString& theory : plot->theoryLabels())
                QVERIFY(!plot->legendNames().contains(theory));
        }
        QVERIFY(tab.meanPlot()->subtitle().contains("√N"));
        QVERIFY(tab.findChild<QPushButton*>("exportCsvButton")->isEnabled());
    }

    void theMeanPlotDrawsTheNLineWithATrueCouplingAndSaysSo() {
        SweepTab tab;
        SweepSpec spec = tinySpec();
        spec.coupling = 0.2;
        spec.combinations = {{Likelihood::PotentialOnly, false}};
        tab.setSpec(spec);
        QVERIFY(runToEnd(tab));
        QVERIFY(tab.meanPlot()->theoryLabels().contains("N·tanh W"));
        QVERIFY(!tab.meanPlot()->theoryLabels().contains("E|C|"));
        QVERIFY2(tab.meanPlot()->subtitle().contains("growing like N"),
                 qPrintable(tab.meanPlot()->subtitle()));
    }

    void cancelMidRunStopsWithinASecondAndKeepsTheFinishedRows() {
        SweepTab tab;
        SweepSpec spec = tinySpec();
        spec.metrics = {MetricKind::Unit};
        tab.setSpec(spec);
        // Every draw builds the deepest tree: about a second per point (a quarter of the draws
        // under a sanitizer, which is some twenty times slower).
        SamplerSettings slow;
        slow.adaptStepSize = false;
        slow.stepSize = 1e-6;
        slow.maxDepth = 15;
        tab.setBaseSampler(slow);
        tab.findChild<QSpinBox*>("warmupSpin")->setValue(0);
        tab.findChild<QSpinBox*>("drawsSpin")
            ->setValue(couplinglab::testing::kSanitizedBuild ? 100 : 400);

        QSignalSpy points(tab.worker(), &SweepWorker::pointFinished);
        QSignalSpy finished(&tab, &SweepTab::sweepFinished);
        QTest::mouseClick(tab.runButton(), Qt::LeftButton);
        QVERIFY(tab.isRunning());
        QVERIFY(tab.cancelButton()->isEnabled());
        QVERIFY(!tab.runButton()->isEnabled());
        QVERIFY(points.wait(30000));
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(tab.cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(5000));
        const double seconds = static_cast<double>(timer.elapsed()) / 1000.0;
        qInfo("the sweep ended %.3f s after Cancel with %d of 3 points", seconds,
              tab.tableModel()->rowCount());
        QVERIFY(seconds < 1.0);
        QCOMPARE(finished.takeFirst().at(0).toBool(), true);
        QVERIFY(tab.tableModel()->rowCount() >= 1);
        QVERIFY(tab.tableModel()->rowCount() < 3);
        QVERIFY2(tab.progressBar()->text().contains("cancelled"),
                 qPrintable(tab.progressBar()->text()));
        QVERIFY(tab.runButton()->isEnabled());
        QVERIFY(!tab.cancelButton()->isEnabled());
        QVERIFY(tab.stepSizePlot()->sampleCount() >= 1);
    }

    void clickingARowLoadsThatPointsSettings() {
        SweepTab tab;
        tab.resize(1400, 900);
        tab.setSpec(tinySpec());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QVERIFY(runToEnd(tab));
        QSignalSpy load(&tab, &SweepTab::loadPointRequested);
        QTableView* table = tab.tableView();
        for (const int row : {3, 0}) {
            const QRect rect = table->visualRect(tab.tableModel()->index(row, 2));
            QVERIFY(rect.isValid());
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
            QCOMPARE(load.size(), 1);
            const auto settings = load.takeFirst().at(0).value<RunSettings>();
            const SweepPoint& point = tab.tableModel()->point(row);
            QCOMPARE(settings.data.pairs, point.pairs);
            QVERIFY(settings.model.likelihood == point.likelihood);
            QCOMPARE(settings.model.divideByN, point.divideByN);
            QCOMPARE(settings.sampler.adaptMetric, point.adaptMetric());
            QCOMPARE(settings.sampler.seed, point.seed);
            QVERIFY(settings == pointRunSettings(tab.spec(), point));
        }
        QCOMPARE(tab.tableModel()->point(3).pairs, std::uint64_t{100});
    }

    void clickingAPointOfAPlotLoadsIt() {
        SweepTab tab;
        tab.resize(1400, 900);
        tab.setSpec(tinySpec());
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        QVERIFY(runToEnd(tab));
        SweepPlot* plot = tab.sdPlot();
        plot->plot()->replot();
        QCPGraph* graph = plot->seriesGraph(kBoltzmann, MetricKind::Unit);
        QVERIFY(graph != nullptr);
        const auto datum = graph->data()->at(2);  // N = 1000, unit metric
        const QPointF pixel = graph->coordsToPixels(datum->key, datum->value);
        QSignalSpy load(&tab, &SweepTab::loadPointRequested);
        QTest::mouseClick(plot->plot(), Qt::LeftButton, {}, pixel.toPoint());
        QCOMPARE(load.size(), 1);
        const auto settings = load.takeFirst().at(0).value<RunSettings>();
        QCOMPARE(settings.data.pairs, std::uint64_t{1000});
        QCOMPARE(settings.sampler.adaptMetric, false);
        QVERIFY(settings.model.likelihood == Likelihood::ExactBoltzmann);
        const int row = tab.tableView()->selectionModel()->selectedRows().value(0).row();
        QCOMPARE(tab.tableModel()->point(row).pairs, std::uint64_t{1000});
    }

    // The metric choices a sweep of one parameter cannot run (dense) are greyed out until the
    // units or biases give it several.
    void denseChoicesNeedMoreThanOneParameter() {
        SweepTab tab;
        auto* units = tab.findChild<QSpinBox*>(QStringLiteral("sweepUnitsSpin"));
        auto* biases = tab.findChild<QCheckBox*>(QStringLiteral("sweepBiasesCheck"));
        auto* metric = tab.findChild<QComboBox*>(QStringLiteral("metricCombo"));
        auto* model = qobject_cast<QStandardItemModel*>(metric->model());
        QVERIFY(units && biases && metric && model);
        auto denseEnabled = [&] {
            return model->item(SweepInputs::kFirstDenseItem)->isEnabled() &&
                   model->item(SweepInputs::kFirstDenseItem + 2)->isEnabled();
        };
        QCOMPARE(units->value(), 2);
        QVERIFY(!denseEnabled());
        QCOMPARE(metric->count(), static_cast<int>(SweepInputs::metricChoices().size()));
        biases->click();
        QVERIFY(denseEnabled());
        QCOMPARE(metric->currentIndex(), SweepInputs::kAllMetricsItem);
        biases->click();
        QVERIFY(!denseEnabled());
        QCOMPARE(metric->currentIndex(), 0);
        typeInto(units, QStringLiteral("3"));
        QVERIFY(denseEnabled());
        QVERIFY(!tab.findChild<QDoubleSpinBox*>(QStringLiteral("firstBiasSpin"))->isEnabled());
    }

    // A sweep of DESIGN.md §5's machine set up in the inputs as a student would (K = 3, biases,
    // b₁* = 3, W = 0.5) runs every chosen metric at every N; the plots draw a series per metric,
    // and a row loads its point into the Boltzmann machine tab with the point's metric and seed.
    void aMachineSweepRunsEveryChosenMetricAndARowLoadsIntoTheMachineTab_data() {
        QTest::addColumn<int>("choice");
        QTest::newRow("unit, diagonal and dense") << SweepInputs::kAllMetricsItem;
        QTest::newRow("diagonal and dense") << SweepInputs::kFirstDenseItem;
        QTest::newRow("dense only") << SweepInputs::kFirstDenseItem + 2;
    }
    void aMachineSweepRunsEveryChosenMetricAndARowLoadsIntoTheMachineTab() {
        QFETCH(int, choice);
        SweepTab tab;
        tab.resize(1400, 900);
        SweepSpec small = tinySpec();
        small.pairs = {100, 10'000};
        tab.setSpec(small);
        tab.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tab));
        typeInto(tab.findChild<QSpinBox*>(QStringLiteral("sweepUnitsSpin")), QStringLiteral("3"));
        tab.findChild<QCheckBox*>(QStringLiteral("sweepBiasesCheck"))->click();
        typeInto(tab.findChild<QDoubleSpinBox*>(QStringLiteral("firstBiasSpin")),
                 QStringLiteral("3"));
        typeInto(tab.findChild<QDoubleSpinBox*>(QStringLiteral("couplingSpin")),
                 QStringLiteral("0.5"));
        auto* metric = tab.findChild<QComboBox*>(QStringLiteral("metricCombo"));
        metric->setFocus();
        QTest::keyClick(metric, Qt::Key_Home);
        for (int i = 0; i < choice; ++i)
            QTest::keyClick(metric, Qt::Key_Down);
        QCOMPARE(metric->currentIndex(), choice);
        const std::vector<MetricKind> metrics = SweepInputs::metricChoices()[choice].metrics;

        QVERIFY(runToEnd(tab));
        const auto& points = tab.tableModel()->points();
        QCOMPARE(points.size(), 2 * metrics.size());
        for (const SweepPoint& p : points) {
            QCOMPARE(p.units, 3);
            QVERIFY(p.biases);
            QVERIFY(std::ranges::count(metrics, p.metric) == 1);
        }
        for (const MetricKind m : metrics) {
            QCPGraph* series = tab.stepSizePlot()->seriesGraph(kBoltzmann, m);
            QVERIFY(series != nullptr);
            QCOMPARE(series->data()->size(), 2);
        }
        const int metricColumn = SweepTableModel::columnNames().indexOf(QStringLiteral("metric"));
        QSignalSpy loadMachine(&tab, &SweepTab::loadMachinePointRequested);
        QSignalSpy loadLive(&tab, &SweepTab::loadPointRequested);
        QTableView* table = tab.tableView();
        const int row = static_cast<int>(points.size()) - 1;
        table->scrollTo(tab.tableModel()->index(row, metricColumn));
        const QRect rect = table->visualRect(tab.tableModel()->index(row, metricColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(loadLive.size(), 0);
        QCOMPARE(loadMachine.size(), 1);
        const auto spec = loadMachine.takeFirst().at(0).value<MachineRunSpec>();
        const SweepPoint& point = points.back();
        QCOMPARE(spec.data.units, 3);
        QVERIFY(spec.biases);
        QCOMPARE(spec.data.observations, point.pairs);
        QCOMPARE(spec.data.biases.front(), 3.0);
        QVERIFY(metricKind(spec.sampler) == point.metric);
        QCOMPARE(spec.sampler.seed, point.seed);
        QVERIFY(!validate(spec));
    }

    void theTableExportsTheSameCsvAsTheCli() {
        SweepTab tab;
        tab.setSpec(tinySpec());
        QVERIFY(runToEnd(tab));
        const std::string expected = sweepCsv(tab.points());
        QCOMPARE(tab.tableCsv().toStdString(), expected);
        QCOMPARE(tab.points().size(), std::size_t{6});
        QVERIFY(tab.tableCsv().startsWith(
            QString::fromUtf8(kSweepCsvHeader.data(), kSweepCsvHeader.size()) + "\n"));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("sweep.csv");
        QString error;
        QVERIFY2(tab.exportTableCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().toStdString(), expected);
        QVERIFY(!tab.exportTableCsv(dir.filePath("missing/sweep.csv"), &error));
        QVERIFY(!error.isEmpty());
        // The table's headers are words; the CSV keeps its identifiers, named in the tooltips.
        QCOMPARE(SweepTableModel::headerTitles().size(), tab.tableModel()->columnCount());
        for (int c = 0; c < tab.tableModel()->columnCount(); ++c) {
            const QString header = tab.tableModel()->headerData(c, Qt::Horizontal).toString();
            QCOMPARE(header, SweepTableModel::headerTitles().at(c));
            QVERIFY2(!header.contains(QLatin1Char('_')), qPrintable(header));
            QVERIFY(tab.tableModel()
                        ->headerData(c, Qt::Horizontal, Qt::ToolTipRole)
                        .toString()
                        .contains(SweepTableModel::columnNames().at(c)));
        }
        QCOMPARE(SweepTableModel::headerTitles().at(SweepTableModel::EssBulk),
                 QStringLiteral("bulk ESS"));
    }

    void timeLeftIsEstimatedFromFinishedPoints() {
        SweepTimeEstimate estimate;
        SweepSpec spec = tinySpec();
        const std::vector<SweepJob> jobs = sweepJobs(spec);
        estimate.start(jobs);
        QVERIFY(estimate.secondsLeft() < 0.0);
        SweepPoint first;
        first.index = 0;
        first.pairs = 10;
        first.seconds = 0.5;
        estimate.finished(first, 0.5);
        // Five more points of about the same cost.
        QVERIFY(std::abs(estimate.secondsLeft() - 2.5) < 1e-9);
    }
};

QTEST_MAIN(TestSweepTab)
#include "test_sweep_tab.moc"
