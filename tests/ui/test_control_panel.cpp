#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest>
#include <cmath>
#include <vector>

#include "core/machine_runner.h"
#include "core/nuts.h"
#include "core/settings_schema.h"
#include "ui/controls/control_panel.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

QString describe(const RunSettings& s) {
    return QStringLiteral(
               "N=%1 W=%2 seed=%3 | mean=%4 sd=%5 lik=%6 div=%7 | alg=%8 L=%9 adapt=%10 eps=%11 "
               "delta=%12 metric=%13 depth=%14 warmup=%15 draws=%16 chains=%17 seed=%18 gamma=%19")
        .arg(s.data.pairs)
        .arg(s.data.coupling)
        .arg(s.data.seed)
        .arg(s.model.priorMean)
        .arg(s.model.priorSd)
        .arg(static_cast<int>(s.model.likelihood))
        .arg(s.model.divideByN)
        .arg(static_cast<int>(s.sampler.algorithm))
        .arg(s.sampler.leapfrogSteps)
        .arg(s.sampler.adaptStepSize)
        .arg(s.sampler.stepSize)
        .arg(s.sampler.targetAccept)
        .arg(s.sampler.adaptMetric)
        .arg(s.sampler.maxDepth)
        .arg(s.sampler.warmup)
        .arg(s.sampler.draws)
        .arg(s.sampler.chains)
        .arg(s.sampler.seed)
        .arg(s.sampler.gamma);
}

bool isInput(const QWidget* widget) {
    return qobject_cast<const QAbstractButton*>(widget) != nullptr ||
           qobject_cast<const QAbstractSpinBox*>(widget) != nullptr ||
           qobject_cast<const QComboBox*>(widget) != nullptr ||
           qobject_cast<const QSlider*>(widget) != nullptr;
}

// Types into a spin box as a student would: select everything, type, optionally press Enter.
void typeInto(QAbstractSpinBox* box, const QString& text, bool pressReturn) {
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    if (pressReturn) QTest::keyClick(box, Qt::Key_Return);
}

DataSummary summaryOf(std::uint64_t pairs, std::int64_t c) {
    DataSummary summary;
    summary.spec.pairs = pairs;
    summary.statistic = {pairs, c};
    summary.firstX = {true, false, true, true, false, false, true, false};
    summary.firstY = {true, true, false, true, false, true, true, false};
    return summary;
}

}  // namespace

class TestControlPanel : public QObject {
    Q_OBJECT

  private:
    template <class T>
    static T* child(const ControlPanel& panel, const char* name) {
        T* widget = panel.findChild<T*>(QString::fromLatin1(name));
        if (widget == nullptr) qFatal("no child %s", name);
        return widget;
    }

    static void showAndActivate(ControlPanel& panel) {
        panel.show();
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
    }

  private slots:
    // The panel's ranges and decimals are the settings schema's: one row per shown setting,
    // found by the objectName the schema names.
    void everyFieldHasTheSchemasRange_data() {
        QTest::addColumn<QString>("path");
        for (const SettingSpec& spec : settingsSchema()) {
            if (spec.isShownInWindow())
                QTest::newRow(spec.path().c_str()) << QString::fromStdString(spec.path());
        }
    }
    void everyFieldHasTheSchemasRange() {
        QFETCH(QString, path);
        const SettingSpec& spec = setting(path.toStdString());
        ControlPanel panel;
        auto* widget = panel.findChild<QWidget*>(
            QString::fromLatin1(spec.widget.data(), qsizetype(spec.widget.size())));
        QVERIFY2(widget != nullptr, spec.widget.data());
        if (auto* real = qobject_cast<QDoubleSpinBox*>(widget)) {
            QCOMPARE(real->minimum(), spec.minimum);
            QCOMPARE(real->maximum(), spec.maximum);
            QCOMPARE(real->decimals(), spec.decimals);
        } else if (auto* whole = qobject_cast<QSpinBox*>(widget)) {
            QCOMPARE(whole->minimum(), static_cast<int>(spec.minimum));
            QCOMPARE(whole->maximum(), static_cast<int>(spec.maximum));
            QCOMPARE(spec.decimals, kAnyDecimals);
        } else if (auto* slider = qobject_cast<QSlider*>(widget)) {
            QCOMPARE(slider->minimum(), static_cast<int>(spec.minimum));
            QCOMPARE(slider->maximum(), static_cast<int>(spec.maximum));
        } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
            QCOMPARE(std::size_t(combo->count()), spec.windowChoices);
        } else {
            // A check box, radio button or toggle: a flag, or a choice of two.
            QVERIFY(qobject_cast<QAbstractButton*>(widget) != nullptr);
            QVERIFY(spec.type == SettingType::Flag ||
                    (spec.type == SettingType::Choice && spec.windowChoices == 2));
        }
        QVERIFY(spec.defaultValue() == spec.get(AllSettings{panel.settings(), panel.display()}));
    }

    // The metric setting as the window offers it: unit or diag, by its check box.
    void theMetricCheckBoxChoosesUnitOrDiag() {
        ControlPanel panel;
        panel.show();
        auto* check = panel.findChild<QCheckBox*>(QStringLiteral("adaptMetricCheck"));
        QVERIFY(check != nullptr);
        QSignalSpy sampler(&panel, &ControlPanel::samplerChanged);
        QVERIFY(metricKind(panel.settings().sampler) == MetricKind::Diagonal);
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(4, check->height() / 2));
        QCOMPARE(sampler.size(), 1);
        QVERIFY(metricKind(sampler.last().first().value<SamplerSettings>()) == MetricKind::Unit);
        QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(4, check->height() / 2));
        QVERIFY(metricKind(sampler.last().first().value<SamplerSettings>()) ==
                MetricKind::Diagonal);
        RunSettings unit;
        setMetricKind(unit.sampler, MetricKind::Unit);
        panel.setSettings(unit);
        QVERIFY(!check->isChecked());
        QCOMPARE(panel.settings(), unit);
    }

    void setSettingsThenSettingsGivesTheSameBackWithoutSignals_data() {
        QTest::addColumn<RunSettings>("settings");
        QTest::newRow("defaults") << RunSettings{};

        RunSettings boltzmann;
        boltzmann.data = {50'000, 0.25, 77};
        boltzmann.model = {0.5, 2.5, Likelihood::ExactBoltzmann, true};
        QTest::newRow("exact Boltzmann, divided by N") << boltzmann;

        RunSettings hmc;
        hmc.sampler.algorithm = Algorithm::StaticHmc;
        hmc.sampler.leapfrogSteps = 25;
        hmc.sampler.adaptStepSize = false;
        hmc.sampler.stepSize = 0.0042;
        hmc.sampler.adaptMetric = false;
        hmc.sampler.gamma = 0.1;  // not shown, must pass through untouched
        QTest::newRow("static HMC with fixed step size") << hmc;

        RunSettings low;
        low.data = {window_limits::kMinPairs, window_limits::kMinCoupling, 0};
        low.model = {window_limits::kMinPriorMean, window_limits::kMinPriorSd,
                     Likelihood::PotentialOnly, false};
        low.sampler.algorithm = Algorithm::StaticHmc;
        low.sampler.leapfrogSteps = 1;
        low.sampler.adaptStepSize = false;
        low.sampler.stepSize = window_limits::kMinStepSize;
        low.sampler.targetAccept = window_limits::kMinTargetAccept;
        low.sampler.maxDepth = 1;
        low.sampler.warmup = 0;
        low.sampler.draws = 1;
        low.sampler.chains = 1;
        low.sampler.seed = 0;
        QTest::newRow("lower ends of every range") << low;

        RunSettings high;
        high.data = {window_limits::kMaxPairs, window_limits::kMaxCoupling,
                     window_limits::kMaxSeed};
        high.model = {window_limits::kMaxPriorMean, window_limits::kMaxPriorSd,
                      Likelihood::ExactBoltzmann, true};
        high.sampler.leapfrogSteps = kMaxLeapfrogSteps;
        high.sampler.stepSize = window_limits::kMaxStepSize;
        high.sampler.targetAccept = window_limits::kMaxTargetAccept;
        high.sampler.maxDepth = kMaxTreeDepthLimit;
        high.sampler.warmup = kMaxIterations;
        high.sampler.draws = kMaxIterations;
        high.sampler.chains = window_limits::kMaxChains;
        high.sampler.seed = window_limits::kMaxSeed;
        QTest::newRow("upper ends of every range") << high;
    }
    void setSettingsThenSettingsGivesTheSameBackWithoutSignals() {
        QFETCH(RunSettings, settings);
        ControlPanel panel;
        QSignalSpy generate(&panel, &ControlPanel::generateRequested);
        QSignalSpy model(&panel, &ControlPanel::modelChanged);
        QSignalSpy sampler(&panel, &ControlPanel::samplerChanged);
        QSignalSpy display(&panel, &ControlPanel::displayChanged);

        panel.setSettings(settings);

        const RunSettings shown = panel.settings();
        QVERIFY2(shown == settings,
                 qPrintable(describe(shown) + "\n  expected " + describe(settings)));
        QCOMPARE(generate.count() + model.count() + sampler.count() + display.count(), 0);
    }

    void setDisplayThenDisplayGivesTheSameBackWithoutSignals_data() {
        QTest::addColumn<DisplaySettings>("display");
        QTest::newRow("defaults") << DisplaySettings{};
        QTest::newRow("slowest") << DisplaySettings{0, kMinLeapfrogStepsPerSecond, kMinTraceWindow,
                                                    true};
        QTest::newRow("fastest pace, widest window")
            << DisplaySettings{3, kMaxLeapfrogStepsPerSecond, kMaxTraceWindow, false};
        QTest::newRow("fractional pace") << DisplaySettings{0, 12.5, 5000, true};
    }
    void setDisplayThenDisplayGivesTheSameBackWithoutSignals() {
        QFETCH(DisplaySettings, display);
        ControlPanel panel;
        QSignalSpy changed(&panel, &ControlPanel::displayChanged);
        panel.setDisplay(display);
        QCOMPARE(panel.display(), display);
        QCOMPARE(changed.count(), 0);
    }

    void divideByNToggledByClickAndByCtrlNEmitsModelChangedOnceEach() {
        ControlPanel panel;
        showAndActivate(panel);
        auto* button = child<QPushButton>(panel, "divideByNButton");
        QSignalSpy spy(&panel, &ControlPanel::modelChanged);
        const ModelSpec before = panel.settings().model;

        QCOMPARE(button->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(button->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));  // survives new text
        auto model = spy.at(0).at(0).value<ModelSpec>();
        QCOMPARE(model.divideByN, !before.divideByN);
        ModelSpec expected = before;
        expected.divideByN = !before.divideByN;
        QVERIFY(model == expected);  // nothing else moved

        QTest::keyClick(&panel, Qt::Key_N, Qt::ControlModifier);
        QTRY_COMPARE(spy.count(), 2);  // a shortcut "animates" the click for a moment
        QTest::qWait(150);
        QCOMPARE(spy.count(), 2);
        model = spy.at(1).at(0).value<ModelSpec>();
        QCOMPARE(model.divideByN, before.divideByN);
        QVERIFY(button->text().contains(QStringLiteral("Divide by N")));
    }

    void likelihoodChoiceEmitsModelChangedOnce() {
        ControlPanel panel;
        QSignalSpy spy(&panel, &ControlPanel::modelChanged);
        child<QRadioButton>(panel, "boltzmannRadio")->click();
        QCOMPARE(spy.count(), 1);
        QVERIFY(spy.at(0).at(0).value<ModelSpec>().likelihood == Likelihood::ExactBoltzmann);
        child<QRadioButton>(panel, "potentialOnlyRadio")->click();
        QCOMPARE(spy.count(), 2);
        QVERIFY(spy.at(1).at(0).value<ModelSpec>().likelihood == Likelihood::PotentialOnly);
    }

    void generateEmitsTheTypedNWAndSeed() {
        ControlPanel panel;
        showAndActivate(panel);
        QSignalSpy generate(&panel, &ControlPanel::generateRequested);
        QSignalSpy model(&panel, &ControlPanel::modelChanged);
        QSignalSpy sampler(&panel, &ControlPanel::samplerChanged);

        typeInto(child<QSpinBox>(panel, "pairsSpin"), QStringLiteral("250000"), false);
        typeInto(child<QDoubleSpinBox>(panel, "couplingSpin"), QStringLiteral("-0.35"), false);
        typeInto(child<QSpinBox>(panel, "dataSeedSpin"), QStringLiteral("4242"), false);
        QCOMPARE(generate.count(), 0);  // data waits for Generate

        QTest::mouseClick(child<QPushButton>(panel, "generateButton"), Qt::LeftButton);
        QCOMPARE(generate.count(), 1);
        const auto spec = generate.at(0).at(0).value<DataSpec>();
        QCOMPARE(spec.pairs, std::uint64_t{250'000});
        QCOMPARE(spec.coupling, -0.35);
        QCOMPARE(spec.seed, std::uint64_t{4242});
        QCOMPARE(model.count() + sampler.count(), 0);
    }

    void enterInADataFieldGenerates() {
        ControlPanel panel;
        showAndActivate(panel);
        QSignalSpy generate(&panel, &ControlPanel::generateRequested);
        typeInto(child<QSpinBox>(panel, "pairsSpin"), QStringLiteral("1e6"), true);
        QCOMPARE(generate.count(), 1);
        QCOMPARE(generate.at(0).at(0).value<DataSpec>().pairs, std::uint64_t{1'000'000});
    }

    void valuesThatDifferFromTheGeneratedDataAreMarkedPending() {
        ControlPanel panel;
        showAndActivate(panel);
        auto* note = child<QLabel>(panel, "dataPendingNote");
        DataSummary summary = summaryOf(10'000, 98);
        summary.spec = panel.settings().data;
        panel.setDataSummary(summary);
        QVERIFY(note->isHidden());
        child<QDoubleSpinBox>(panel, "couplingSpin")->setValue(0.5);
        QVERIFY(note->isVisible());
    }

    void logSliderAndSpinBoxStayInSync() {
        ControlPanel panel;
        auto* slider = child<QSlider>(panel, "pairsSlider");
        auto* spin = child<QSpinBox>(panel, "pairsSpin");
        QCOMPARE(slider->minimum(), 0);
        QCOMPARE(slider->maximum(), 21);  // 1, 2, 5 per decade from 10 to 10^8

        const std::vector<std::pair<int, int>> positions{
            {0, 10},       {1, 20},       {2, 50},          {12, 100'000},
            {13, 200'000}, {14, 500'000}, {21, 100'000'000}};
        for (const auto& [position, pairs] : positions) {
            slider->setValue(position);
            QCOMPARE(spin->value(), pairs);
        }
        // A typed N off the grid moves the slider to the nearest step but stays as typed.
        spin->setValue(123'456);
        QCOMPARE(slider->value(), 12);
        QCOMPARE(spin->value(), 123'456);
        spin->setValue(70'000);
        QCOMPARE(slider->value(), 11);  // 5e4 is nearer than 1e5 on a log scale
        QCOMPARE(spin->value(), 70'000);
        panel.setSettings(RunSettings{{30, 0.0, 1}, {}, {}});
        QCOMPARE(slider->value(), 1);  // 30 is nearer 20 than 50 on a log scale
    }

    void fixedStepSizeAndTargetAcceptanceExcludeEachOther() {
        ControlPanel panel;
        auto* delta = child<QDoubleSpinBox>(panel, "targetAcceptSpin");
        auto* epsilon = child<QDoubleSpinBox>(panel, "stepSizeSpin");
        QSignalSpy spy(&panel, &ControlPanel::samplerChanged);
        QVERIFY(delta->isEnabled());
        QVERIFY(!epsilon->isEnabled());

        child<QRadioButton>(panel, "fixedStepRadio")->click();
        QVERIFY(!delta->isEnabled());
        QVERIFY(epsilon->isEnabled());
        QCOMPARE(spy.count(), 1);
        QVERIFY(!spy.at(0).at(0).value<SamplerSettings>().adaptStepSize);

        child<QRadioButton>(panel, "adaptedStepRadio")->click();
        QVERIFY(delta->isEnabled());
        QVERIFY(!epsilon->isEnabled());
        QCOMPARE(spy.count(), 2);
        QVERIFY(spy.at(1).at(0).value<SamplerSettings>().adaptStepSize);
    }

    void leapfrogStepsOnlyForStaticHmcAndTreeDepthOnlyForNuts() {
        ControlPanel panel;
        auto* algorithm = child<QComboBox>(panel, "algorithmCombo");
        auto* steps = child<QSpinBox>(panel, "leapfrogStepsSpin");
        auto* depth = child<QSpinBox>(panel, "maxDepthSpin");
        QSignalSpy spy(&panel, &ControlPanel::samplerChanged);
        QVERIFY(!steps->isEnabled());
        QVERIFY(depth->isEnabled());

        algorithm->setCurrentIndex(algorithm->findText(QStringLiteral("static HMC")));
        QVERIFY(steps->isEnabled());
        QVERIFY(!depth->isEnabled());
        QCOMPARE(spy.count(), 1);
        QVERIFY(spy.at(0).at(0).value<SamplerSettings>().algorithm == Algorithm::StaticHmc);

        RunSettings nuts;
        panel.setSettings(nuts);
        QVERIFY(!steps->isEnabled());
        QVERIFY(depth->isEnabled());
        QCOMPARE(spy.count(), 1);
    }

    void rangesAreTheValidRanges() {
        ControlPanel panel;
        QCOMPARE(child<QDoubleSpinBox>(panel, "priorSdSpin")->minimum(),
                 window_limits::kMinPriorSd);
        QVERIFY(child<QDoubleSpinBox>(panel, "priorSdSpin")->minimum() > 0.0);
        QCOMPARE(child<QSpinBox>(panel, "pairsSpin")->minimum(), 10);
        QCOMPARE(child<QSpinBox>(panel, "pairsSpin")->maximum(), 100'000'000);
        QCOMPARE(child<QSpinBox>(panel, "maxDepthSpin")->maximum(), kMaxTreeDepthLimit);
        QCOMPARE(child<QSpinBox>(panel, "chainsSpin")->maximum(), 4);
        QCOMPARE(child<QSpinBox>(panel, "warmupSpin")->minimum(), 0);
        QCOMPARE(child<QSpinBox>(panel, "drawsSpin")->minimum(), 1);
        QCOMPARE(child<QSpinBox>(panel, "leapfrogStepsSpin")->maximum(), kMaxLeapfrogSteps);
        QCOMPARE(child<QDoubleSpinBox>(panel, "stepSizeSpin")->minimum(), 1e-6);
        QCOMPARE(child<QSpinBox>(panel, "traceWindowSpin")->minimum(), kMinTraceWindow);
        QCOMPARE(child<QSlider>(panel, "speedSlider")->maximum(), kFullSpeedLevel);
    }

    void everyInputHasAToolTipAndAnAccessibleName() {
        ControlPanel panel;
        QAction start(QStringLiteral("&Start"));
        start.setShortcut(Qt::Key_Space);
        QAction step(QStringLiteral("Step"));
        QAction reset(QStringLiteral("Reset"));
        for (bool withActions : {false, true}) {
            if (withActions) panel.setRunActions(&start, &step, &reset);
            int inputs = 0;
            for (const QWidget* widget : panel.findChildren<QWidget*>()) {
                if (!isInput(widget)) continue;
                ++inputs;
                const QString name = widget->objectName();
                QVERIFY2(!widget->toolTip().trimmed().isEmpty(), qPrintable(name));
                QVERIFY2(!widget->accessibleName().trimmed().isEmpty(), qPrintable(name));
            }
            QCOMPARE(inputs, 30);
        }
        QCOMPARE(child<QToolButton>(panel, "startPauseButton")->accessibleName(),
                 QStringLiteral("Start"));
    }

    void tabOrderFollowsTheVisualOrder() {
        ControlPanel panel;
        panel.resize(330, panel.sizeHint().height());
        showAndActivate(panel);
        QWidget* first = child<QSpinBox>(panel, "pairsSpin");
        std::vector<QWidget*> order;
        QWidget* widget = first;
        do {
            if (isInput(widget) && panel.isAncestorOf(widget)) order.push_back(widget);
            widget = widget->nextInFocusChain();
        } while (widget != first && order.size() < 100);
        QCOMPARE(static_cast<int>(order.size()), 30);
        for (std::size_t i = 1; i < order.size(); ++i) {
            const QRect a(order[i - 1]->mapTo(&panel, QPoint(0, 0)), order[i - 1]->size());
            const QRect b(order[i]->mapTo(&panel, QPoint(0, 0)), order[i]->size());
            const bool sameRow = std::abs(a.center().y() - b.center().y()) < 8;
            const bool below = b.center().y() > a.center().y();
            const bool rightOf = b.center().x() > a.center().x();
            QVERIFY2(sameRow ? rightOf : below,
                     qPrintable(order[i - 1]->objectName() + " -> " + order[i]->objectName()));
        }
    }

    void typedValuesOutsideTheRangeAreClampedWithAHint_data() {
        QTest::addColumn<QString>("box");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<double>("expected");
        QTest::addColumn<QString>("hint");
        QTest::addColumn<QString>("message");
        QTest::newRow("prior sd 0") << "priorSdSpin"
                                    << "0" << 0.001 << "modelHint"
                                    << "prior sd must be > 0: set to 0.001";
        QTest::newRow("prior sd -2") << "priorSdSpin"
                                     << "-2" << 0.001 << "modelHint"
                                     << "prior sd must be > 0: set to 0.001";
        QTest::newRow("step size 1e-9") << "stepSizeSpin"
                                        << "1e-9" << 1e-6 << "samplerHint"
                                        << "step size ε must be at least 1e-6: set to 1e-6";
        QTest::newRow("chains 9") << "chainsSpin"
                                  << "9" << 4.0 << "samplerHint"
                                  << "chains must be at most 4: set to 4";
        QTest::newRow("chains 2.5") << "chainsSpin"
                                    << "2.5" << 3.0 << "samplerHint"
                                    << "chains must be a whole number: set to 3";
        QTest::newRow("N 3") << "pairsSpin"
                             << "3" << 10.0 << "dataHint"
                             << "N must be at least 10: set to 10";
    }
    void typedValuesOutsideTheRangeAreClampedWithAHint() {
        QFETCH(QString, box);
        QFETCH(QString, typed);
        QFETCH(double, expected);
        QFETCH(QString, hint);
        QFETCH(QString, message);
        ControlPanel panel;
        RunSettings fixedStepSize;  // so that the step size box is enabled
        fixedStepSize.sampler.adaptStepSize = false;
        panel.setSettings(fixedStepSize);
        showAndActivate(panel);
        auto* spin = panel.findChild<QAbstractSpinBox*>(box);
        QVERIFY(spin != nullptr);
        auto* label = panel.findChild<QLabel*>(hint);
        QVERIFY(label != nullptr);
        QVERIFY(label->isHidden());

        typeInto(spin, typed, true);

        const double value = qobject_cast<QDoubleSpinBox*>(spin) != nullptr
                                 ? qobject_cast<QDoubleSpinBox*>(spin)->value()
                                 : qobject_cast<QSpinBox*>(spin)->value();
        QCOMPARE(value, expected);
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), message);
    }

    void correctionHintDisappearsAfterAFewSeconds() {
        ControlPanel panel;
        showAndActivate(panel);
        auto* hint = child<QLabel>(panel, "modelHint");
        typeInto(child<QDoubleSpinBox>(panel, "priorSdSpin"), QStringLiteral("0"), true);
        QVERIFY(hint->isVisible());
        QTest::qWait(1500);
        QVERIFY(hint->isVisible());  // long enough to read
        QTRY_VERIFY_WITH_TIMEOUT(hint->isHidden(), 4000);
    }

    void typedValueInRangeGivesNoHintAndOneModelChange() {
        ControlPanel panel;
        showAndActivate(panel);
        QSignalSpy spy(&panel, &ControlPanel::modelChanged);
        typeInto(child<QDoubleSpinBox>(panel, "priorSdSpin"), QStringLiteral("2.5"), true);
        QCOMPARE(spy.count(), 1);  // once on Enter, not once per keystroke
        QCOMPARE(spy.at(0).at(0).value<ModelSpec>().priorSd, 2.5);
        QVERIFY(child<QLabel>(panel, "modelHint")->isHidden());
    }

    void dataSummaryShowsCAndAtanh_data() {
        QTest::addColumn<quint64>("pairs");
        QTest::addColumn<qint64>("c");
        QTest::addColumn<QString>("cText");
        QTest::addColumn<QString>("agreementText");
        QTest::addColumn<QString>("atanhText");
        QTest::newRow("independent") << quint64(10'000) << qint64(98) << "98"
                                     << "0.5049"
                                     << "0.0098";
        QTest::newRow("negative") << quint64(1000) << qint64(-200) << "−200"
                                  << "0.4000"
                                  << "−0.2027";
        QTest::newRow("all agree") << quint64(50) << qint64(50) << "50"
                                   << "1.0000"
                                   << "∞";
        QTest::newRow("none agree") << quint64(50) << qint64(-50) << "−50"
                                    << "0.0000"
                                    << "−∞";
        QTest::newRow("large N") << quint64(100'000'000) << qint64(12'346) << "12 346"
                                 << "0.5001"
                                 << "0.0001235";
    }
    void dataSummaryShowsCAndAtanh() {
        QFETCH(quint64, pairs);
        QFETCH(qint64, c);
        QFETCH(QString, cText);
        QFETCH(QString, agreementText);
        QFETCH(QString, atanhText);
        ControlPanel panel;
        panel.setDataSummary(summaryOf(pairs, c));
        // Digit groups use a no-break space (as in the explanation); compare with plain spaces.
        const auto plain = [](QString text) { return text.replace(QChar(0x00A0), ' '); };
        QCOMPARE(plain(child<QLabel>(panel, "cValue")->text()), cText);
        QCOMPARE(child<QLabel>(panel, "agreementValue")->text(), agreementText);
        QCOMPARE(child<QLabel>(panel, "atanhValue")->text(), atanhText);
        QCOMPARE(child<QWidget>(panel, "bitStrip")->accessibleDescription(),
                 QStringLiteral("X: 10110010; Y: 11010110"));
    }

    void chainsAndSamplerSeedAreEditableOnlyWhenIdle() {
        ControlPanel panel;
        auto* chains = child<QSpinBox>(panel, "chainsSpin");
        auto* seed = child<QSpinBox>(panel, "samplerSeedSpin");
        QVERIFY(chains->toolTip().contains(QStringLiteral("Reset")));
        QVERIFY(seed->toolTip().contains(QStringLiteral("Reset")));
        for (RunState state : {RunState::Running, RunState::Paused, RunState::Finished}) {
            panel.setRunState(state);
            QVERIFY(!chains->isEnabled());
            QVERIFY(!seed->isEnabled());
        }
        panel.setRunState(RunState::Idle);
        QVERIFY(chains->isEnabled());
        QVERIFY(seed->isEnabled());
    }

    void speedSliderShowsItsLevelAndEnablesThePaceOnlyAtLevelZero() {
        ControlPanel panel;
        auto* slider = child<QSlider>(panel, "speedSlider");
        auto* label = child<QLabel>(panel, "speedLabel");
        auto* pace = child<QDoubleSpinBox>(panel, "leapfrogPaceSpin");
        QSignalSpy spy(&panel, &ControlPanel::displayChanged);
        QCOMPARE(label->text(), QString::fromLatin1(kSpeedLevels[kFullSpeedLevel].label));
        QVERIFY(!pace->isEnabled());

        slider->setValue(0);
        QCOMPARE(label->text(), QStringLiteral("one leapfrog step at a time"));
        QVERIFY(pace->isEnabled());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<DisplaySettings>().speedLevel, 0);

        slider->setValue(3);
        QCOMPARE(label->text(), QString::fromLatin1(kSpeedLevels[3].label));
        QVERIFY(!pace->isEnabled());
        child<QCheckBox>(panel, "keepTunedCheck")->click();
        QCOMPARE(spy.count(), 3);
        QVERIFY(spy.at(2).at(0).value<DisplaySettings>().keepTunedStepSize);
    }

    void runButtonsFollowTheMainWindowsActions() {
        ControlPanel panel;
        QAction start(QStringLiteral("&Start"));
        start.setShortcut(Qt::Key_Space);
        QAction step(QStringLiteral("Step"));
        QAction reset(QStringLiteral("Reset"));
        reset.setToolTip(QStringLiteral("Own tooltip"));
        panel.setRunActions(&start, &step, &reset);
        auto* button = child<QToolButton>(panel, "startPauseButton");
        QVERIFY(button->isEnabled());
        QVERIFY(button->toolTip().contains(QStringLiteral("Space")));
        QCOMPARE(child<QToolButton>(panel, "resetButton")->toolTip(),
                 QStringLiteral("Own tooltip"));

        QSignalSpy triggered(&start, &QAction::triggered);
        button->click();
        QCOMPARE(triggered.count(), 1);

        start.setText(QStringLiteral("&Pause"));
        QCOMPARE(button->accessibleName(), QStringLiteral("Pause"));
        QVERIFY(!button->toolTip().isEmpty());
        start.setEnabled(false);
        QVERIFY(!button->isEnabled());
    }
};

QTEST_MAIN(TestControlPanel)
#include "test_control_panel.moc"
