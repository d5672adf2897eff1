#include "ui/controls/control_panel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QScopedValueRollback>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

#include "core/settings_schema.h"
#include "ui/controls/bit_strip.h"
#include "ui/controls/pairs_scale.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

namespace lim = window_limits;
using pairs_scale::nearestSliderPosition;
using pairs_scale::pairsAtSliderPosition;

namespace {

// Projected classrooms need larger text than the usual 9-10 pt desktop default.
constexpr double kMinimumPointSize = 11.0;
// Readouts stay fixed down to 1e-6, since students compare them by eye with values like C/N.
constexpr double kSmallestFixedReadout = 1e-6;
const QKeySequence kDivideByNShortcut(Qt::CTRL | Qt::Key_N);

int toSeedSpin(std::uint64_t seed) {
    return static_cast<int>(std::min<std::uint64_t>(seed, lim::kMaxSeed));
}

}  // namespace

ControlPanel::ControlPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("controlPanel"));
    QFont legible = font();
    if (legible.pointSizeF() > 0 && legible.pointSizeF() < kMinimumPointSize) {
        legible.setPointSizeF(kMinimumPointSize);
        setFont(legible);
    }
    // Only the titles: a style sheet's font does not reach the widgets inside a group.
    setStyleSheet(QStringLiteral("QGroupBox { font-weight: bold; }"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createDataGroup());
    layout->addWidget(createModelGroup());
    layout->addWidget(createSamplerGroup());
    layout->addWidget(createRunGroup());
    layout->addStretch(1);

    connectDataSignals();
    connectModelSignals();
    connectSamplerSignals();
    connectRunSignals();
    setTabOrderToVisualOrder();

    setSettings(RunSettings{});
    setDisplay(DisplaySettings{});
    setRunState(RunState::Idle);
}

ControlPanel::~ControlPanel() = default;

void ControlPanel::connectDataSignals() {
    connect(pairsSlider_, &QSlider::valueChanged, this, [this](int position) {
        pairsSpin_->setValue(static_cast<int>(pairsAtSliderPosition(position)));
    });
    connect(pairsSpin_, &QSpinBox::valueChanged, this, [this] {
        syncSliderToPairs();
        updateDataPendingNote();
    });
    connect(couplingSpin_, &QDoubleSpinBox::valueChanged, this,
            &ControlPanel::updateDataPendingNote);
    connect(dataSeedSpin_, &QSpinBox::valueChanged, this, &ControlPanel::updateDataPendingNote);
    connect(newSeedButton_, &QToolButton::clicked, this, [this] {
        dataSeedSpin_->setValue(
            static_cast<int>(QRandomGenerator::global()->bounded(qint64{lim::kMaxSeed} + 1)));
    });
    connect(generateButton_, &QPushButton::clicked, this, &ControlPanel::requestGenerate);
}

void ControlPanel::connectModelSignals() {
    connect(priorMeanSpin_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitModelChanged);
    connect(priorSdSpin_, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitModelChanged);
    // Of the two toggles a switch of radio button causes, only the one that turns on counts.
    for (QRadioButton* radio : {potentialOnlyRadio_, boltzmannRadio_}) {
        connect(radio, &QRadioButton::toggled, this, [this](bool on) {
            if (on) emitModelChanged();
        });
    }
    connect(divideByNButton_, &QPushButton::toggled, this, [this] {
        updateDivideByNText();
        emitModelChanged();
    });
}

void ControlPanel::connectSamplerSignals() {
    connect(algorithmCombo_, &QComboBox::currentIndexChanged, this, [this] {
        updateSamplerEnabling();
        emitSamplerChanged();
    });
    for (QRadioButton* radio : {adaptedStepRadio_, fixedStepRadio_}) {
        connect(radio, &QRadioButton::toggled, this, [this](bool on) {
            updateSamplerEnabling();
            if (on) emitSamplerChanged();
        });
    }
    for (QSpinBox* box : {leapfrogStepsSpin_, maxDepthSpin_, warmupSpin_, drawsSpin_, chainsSpin_,
                          samplerSeedSpin_}) {
        connect(box, &QSpinBox::valueChanged, this, &ControlPanel::emitSamplerChanged);
    }
    for (QDoubleSpinBox* box : {targetAcceptSpin_, stepSizeSpin_}) {
        connect(box, &QDoubleSpinBox::valueChanged, this, &ControlPanel::emitSamplerChanged);
    }
    connect(adaptMetricCheck_, &QCheckBox::toggled, this, &ControlPanel::emitSamplerChanged);
}

void ControlPanel::connectRunSignals() {
    connect(speedSlider_, &QSlider::valueChanged, this, [this] {
        updateSpeedLabel();
        emitDisplayChanged();
    });
    connect(leapfrogPaceSpin_, &QDoubleSpinBox::valueChanged, this,
            &ControlPanel::emitDisplayChanged);
    connect(traceWindowSpin_, &QSpinBox::valueChanged, this, &ControlPanel::emitDisplayChanged);
    connect(keepTunedCheck_, &QCheckBox::toggled, this, &ControlPanel::emitDisplayChanged);
}

// Widgets join the focus chain as they are created, which is already close to the visual
// order; stating the order keeps it right when rows are added or moved.
void ControlPanel::setTabOrderToVisualOrder() {
    const std::array<QWidget*, 30> order{
        pairsSpin_,          pairsSlider_,      couplingSpin_,     dataSeedSpin_,
        newSeedButton_,      generateButton_,   priorMeanSpin_,    priorSdSpin_,
        potentialOnlyRadio_, boltzmannRadio_,   divideByNButton_,  algorithmCombo_,
        leapfrogStepsSpin_,  adaptedStepRadio_, targetAcceptSpin_, fixedStepRadio_,
        stepSizeSpin_,       adaptMetricCheck_, maxDepthSpin_,     warmupSpin_,
        drawsSpin_,          chainsSpin_,       samplerSeedSpin_,  startPauseButton_,
        stepButton_,         resetButton_,      speedSlider_,      leapfrogPaceSpin_,
        traceWindowSpin_,    keepTunedCheck_};
    for (std::size_t i = 1; i < order.size(); ++i)
        setTabOrder(order[i - 1], order[i]);
}

// ---- Reading and writing the widgets ------------------------------------------------------------

DataSpec ControlPanel::dataSpec() const {
    DataSpec spec = hidden_.data;
    spec.pairs = static_cast<std::uint64_t>(pairsSpin_->value());
    spec.coupling = couplingSpin_->value();
    spec.seed = static_cast<std::uint64_t>(dataSeedSpin_->value());
    return spec;
}

ModelSpec ControlPanel::modelSpec() const {
    ModelSpec model = hidden_.model;
    model.priorMean = priorMeanSpin_->value();
    model.priorSd = priorSdSpin_->value();
    model.likelihood =
        boltzmannRadio_->isChecked() ? Likelihood::ExactBoltzmann : Likelihood::PotentialOnly;
    model.divideByN = divideByNButton_->isChecked();
    return model;
}

SamplerSettings ControlPanel::samplerSettings() const {
    SamplerSettings sampler = hidden_.sampler;
    sampler.algorithm = static_cast<Algorithm>(algorithmCombo_->currentData().toInt());
    sampler.leapfrogSteps = leapfrogStepsSpin_->value();
    sampler.adaptStepSize = adaptedStepRadio_->isChecked();
    sampler.stepSize = stepSizeSpin_->value();
    sampler.targetAccept = targetAcceptSpin_->value();
    sampler.adaptMetric = adaptMetricCheck_->isChecked();
    sampler.maxDepth = maxDepthSpin_->value();
    sampler.warmup = warmupSpin_->value();
    sampler.draws = drawsSpin_->value();
    sampler.chains = chainsSpin_->value();
    sampler.seed = static_cast<std::uint64_t>(samplerSeedSpin_->value());
    return sampler;
}

RunSettings ControlPanel::settings() const {
    return {dataSpec(), modelSpec(), samplerSettings()};
}

void ControlPanel::setSettings(const RunSettings& settings) {
    const QScopedValueRollback<bool> quiet(applying_, true);
    hidden_ = settings;

    setPairs(settings.data.pairs);
    couplingSpin_->setValue(settings.data.coupling);
    dataSeedSpin_->setValue(toSeedSpin(settings.data.seed));

    priorMeanSpin_->setValue(settings.model.priorMean);
    priorSdSpin_->setValue(settings.model.priorSd);
    (settings.model.likelihood == Likelihood::ExactBoltzmann ? boltzmannRadio_
                                                             : potentialOnlyRadio_)
        ->setChecked(true);
    divideByNButton_->setChecked(settings.model.divideByN);

    const SamplerSettings& sampler = settings.sampler;
    algorithmCombo_->setCurrentIndex(
        algorithmCombo_->findData(static_cast<int>(sampler.algorithm)));
    leapfrogStepsSpin_->setValue(sampler.leapfrogSteps);
    (sampler.adaptStepSize ? adaptedStepRadio_ : fixedStepRadio_)->setChecked(true);
    stepSizeSpin_->setValue(sampler.stepSize);
    targetAcceptSpin_->setValue(sampler.targetAccept);
    adaptMetricCheck_->setChecked(sampler.adaptMetric);
    maxDepthSpin_->setValue(sampler.maxDepth);
    warmupSpin_->setValue(sampler.warmup);
    drawsSpin_->setValue(sampler.draws);
    chainsSpin_->setValue(sampler.chains);
    samplerSeedSpin_->setValue(toSeedSpin(sampler.seed));

    updateDivideByNText();
    updateSamplerEnabling();
    updateDataPendingNote();
}

DisplaySettings ControlPanel::display() const {
    DisplaySettings display;
    display.speedLevel = speedSlider_->value();
    display.leapfrogStepsPerSecond = leapfrogPaceSpin_->value();
    display.traceWindow = traceWindowSpin_->value();
    display.keepTunedStepSize = keepTunedCheck_->isChecked();
    return display;
}

void ControlPanel::setDisplay(const DisplaySettings& display) {
    const QScopedValueRollback<bool> quiet(applying_, true);
    speedSlider_->setValue(std::clamp(display.speedLevel, 0, kFullSpeedLevel));
    leapfrogPaceSpin_->setValue(display.leapfrogStepsPerSecond);
    traceWindowSpin_->setValue(display.traceWindow);
    keepTunedCheck_->setChecked(display.keepTunedStepSize);
    updateSpeedLabel();
}

void ControlPanel::setDataSummary(const DataSummary& summary) {
    generatedSpec_ = summary.spec;
    const SufficientStatistic& statistic = summary.statistic;
    const auto pairs = static_cast<long long>(statistic.pairs);
    pairsValue_->setText(formatCount(pairs));
    readoutStatistic_ = statistic;
    showReadouts();
    bitStrip_->setBits(summary.firstX, summary.firstY, statistic.pairs);
    updateDataPendingNote();
}

void ControlPanel::setMaskedReadouts(const QStringList& names) {
    if (names == maskedReadouts_) return;
    maskedReadouts_ = names;
    showReadouts();
}

// The data's readouts, each "?" while a lesson masks it.
void ControlPanel::showReadouts() {
    if (!readoutStatistic_) return;
    const SufficientStatistic& statistic = *readoutStatistic_;
    const auto pairs = static_cast<long long>(statistic.pairs);
    const auto show = [this](QLabel* label, const QString& name, const QString& text) {
        label->setText(maskedReadouts_.contains(name) ? QStringLiteral("?") : text);
    };
    show(cValue_, QStringLiteral("C"), formatCount(statistic.c));
    show(agreementValue_, QStringLiteral("agreement"),
         QString::number(statistic.agreementFraction(), 'f', 4));
    agreementValue_->setToolTip(
        maskedReadouts_.contains(QStringLiteral("agreement"))
            ? QString()
            : tr("%1 of %2 pairs have x = y.")
                  .arg(formatCount(static_cast<std::int64_t>(statistic.agreements())),
                       formatCount(pairs)));
    QString ratio = QStringLiteral("–");
    QString atanh = QStringLiteral("–");
    if (statistic.pairs != 0) {
        ratio =
            withTypographicMinus(formatSignificant(statistic.cOverN(), 4, kSmallestFixedReadout));
        // |C| = N: every pair agrees (or none does) and atanh diverges.
        const bool unbounded = std::abs(statistic.c) == pairs;
        atanh = unbounded ? (statistic.c > 0 ? QStringLiteral("∞")
                                             : QString(kTypographicMinus) + QStringLiteral("∞"))
                          : withTypographicMinus(formatSignificant(std::atanh(statistic.cOverN()),
                                                                   4, kSmallestFixedReadout));
    }
    show(cOverNValue_, QStringLiteral("C/N"), ratio);
    show(atanhValue_, QStringLiteral("atanh(C/N)"), atanh);
}

void ControlPanel::setRunState(RunState state) {
    runState_ = state;
    const bool idle = state == RunState::Idle;
    chainsSpin_->setEnabled(idle);
    samplerSeedSpin_->setEnabled(idle);
    samplerResetNote_->setVisible(!idle);
    switch (state) {
        case RunState::Idle:
            runStateLabel_->setText(tr("Idle: press Start to sample."));
            break;
        case RunState::Running:
            runStateLabel_->setText(tr("Sampling…"));
            break;
        case RunState::Paused:
            runStateLabel_->setText(tr("Paused: Start continues, Step runs one iteration."));
            break;
        case RunState::Finished:
            runStateLabel_->setText(tr("Finished: Start continues with more draws."));
            break;
    }
}

void ControlPanel::setRunActions(QAction* startPause, QAction* step, QAction* reset) {
    bindRunButton(startPauseButton_, startPause, tr("Starts sampling, or pauses it while it runs"));
    bindRunButton(stepButton_, step, tr("Runs one iteration of every chain, then pauses"));
    bindRunButton(resetButton_, reset,
                  tr("Discards the draws and starts the chains again, with the chosen number "
                     "of chains and seed"));
}

void ControlPanel::bindRunButton(QToolButton* button, QAction* action, const QString& description) {
    if (action == nullptr) {
        button->setEnabled(false);
        return;
    }
    button->setDefaultAction(action);
    // The button follows the action (Start becomes Pause); its name and tooltip follow too. An
    // action without a tooltip of its own only repeats its text, so the sentence replaces it.
    const auto describeButton = [button, action, description] {
        QString text = action->text();
        text.remove('&');
        button->setAccessibleName(text);
        QString tip = action->toolTip();
        if (tip == text || tip.isEmpty()) {
            const QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
            tip = shortcut.isEmpty() ? description + '.'
                                     : QStringLiteral("%1 (%2).").arg(description, shortcut);
        }
        button->setToolTip(tip);
    };
    describeButton();
    connect(action, &QAction::changed, button, describeButton);
}

// ---- Reactions ----------------------------------------------------------------------------------

void ControlPanel::requestGenerate() {
    // A value typed but not yet confirmed is what the student means to generate.
    for (QAbstractSpinBox* box :
         std::initializer_list<QAbstractSpinBox*>{pairsSpin_, couplingSpin_, dataSeedSpin_}) {
        box->interpretText();
    }
    emit generateRequested(dataSpec());
}

void ControlPanel::emitModelChanged() {
    if (!applying_) emit modelChanged(modelSpec());
}

void ControlPanel::emitSamplerChanged() {
    if (!applying_) emit samplerChanged(samplerSettings());
}

void ControlPanel::emitDisplayChanged() {
    if (!applying_) emit displayChanged(display());
}

void ControlPanel::setPairs(std::uint64_t pairs) {
    pairsSpin_->setValue(static_cast<int>(std::clamp(pairs, lim::kMinPairs, lim::kMaxPairs)));
    syncSliderToPairs();
}

void ControlPanel::syncSliderToPairs() {
    const QSignalBlocker blocker(pairsSlider_);  // the slider must not round the typed N
    pairsSlider_->setValue(nearestSliderPosition(static_cast<std::uint64_t>(pairsSpin_->value())));
}

void ControlPanel::updateSamplerEnabling() {
    const bool nuts = algorithmCombo_->currentData().toInt() == static_cast<int>(Algorithm::Nuts);
    leapfrogStepsSpin_->setEnabled(!nuts);
    maxDepthSpin_->setEnabled(nuts);
    targetAcceptSpin_->setEnabled(adaptedStepRadio_->isChecked());
    stepSizeSpin_->setEnabled(fixedStepRadio_->isChecked());
}

void ControlPanel::updateDivideByNText() {
    divideByNButton_->setText(divideByNButton_->isChecked() ? tr("Divide by N:  ON")
                                                            : tr("Divide by N:  off"));
    // setText replaces a button's shortcut with the text's mnemonic (none here): restore it.
    divideByNButton_->setShortcut(kDivideByNShortcut);
}

void ControlPanel::updateSpeedLabel() {
    const int level = speedSlider_->value();
    speedLabel_->setText(QString::fromLatin1(kSpeedLevels[static_cast<std::size_t>(level)].label));
    leapfrogPaceSpin_->setEnabled(level == 0);
}

void ControlPanel::updateDataPendingNote() {
    dataPendingNote_->setVisible(generatedSpec_.has_value() && *generatedSpec_ != dataSpec());
}

}  // namespace couplinglab::ui
