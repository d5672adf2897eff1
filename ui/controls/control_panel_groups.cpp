// The panel's four groups of fields. The ranges, decimals and steps of the fields are set here.
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QToolButton>

#include "core/settings_schema.h"
#include "ui/controls/bit_strip.h"
#include "ui/controls/control_panel.h"
#include "ui/controls/number_input.h"
#include "ui/controls/pairs_scale.h"
#include "ui/controls/transient_hint.h"

namespace couplinglab::ui {

using pairs_scale::kPairsSliderMaximum;

namespace {

void describe(QWidget* widget, const char* objectName, const QString& accessibleName,
              const QString& toolTip) {
    widget->setObjectName(QString::fromLatin1(objectName));
    widget->setAccessibleName(accessibleName);
    widget->setToolTip(toolTip);
}

QLabel* newReadout(QWidget* parent, const char* objectName, const QString& accessibleName) {
    auto* label = new QLabel(QStringLiteral("–"), parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setAccessibleName(accessibleName);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(parent->font().pointSizeF());
    mono.setBold(true);
    label->setFont(mono);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A small italic note for states the student should notice (pending data, frozen chains).
QLabel* newNote(QWidget* parent, const char* objectName, const QString& text) {
    auto* note = new QLabel(text, parent);
    note->setObjectName(QString::fromLatin1(objectName));
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: #7a4d00; font-style: italic;"));
    note->hide();
    return note;
}

// Fields whose range and decimals come from the settings schema (core/settings_schema.h), the
// one place that also gives them to the session, QSettings and the CLI.
IntegerSpinBox* newWholeSpin(QWidget* parent, std::string_view path) {
    const SettingSpec& spec = setting(path);
    return new IntegerSpinBox(parent, static_cast<int>(spec.minimum),
                              static_cast<int>(spec.maximum));
}

RealSpinBox* newRealSpin(QWidget* parent, std::string_view path, RealSpinBox::Format format,
                         int significant = 3) {
    const SettingSpec& spec = setting(path);
    return new RealSpinBox(parent, spec.minimum, spec.maximum, spec.decimals, format, significant);
}

}  // namespace

QWidget* ControlPanel::createDataGroup() {
    auto* group = new QGroupBox(tr("Data"), this);
    auto* form = new QFormLayout(group);
    dataHint_ = new TransientHint(group, "dataHint");

    auto* pairs = newWholeSpin(group, "data.pairs");
    describe(pairs, "pairsSpin", tr("Pairs N"),
             tr("Number of bit pairs N to generate, any whole number from 10 to 10⁸."));
    explainCorrections(pairs, dataHint_, tr("N"));
    pairs->setReturnHandler([this] { requestGenerate(); });
    pairsSpin_ = pairs;
    form->addRow(tr("Pairs N"), pairsSpin_);

    pairsSlider_ = new QSlider(Qt::Horizontal, group);
    describe(pairsSlider_, "pairsSlider", tr("Pairs N, log scale"),
             tr("Chooses N on a log scale, in steps of 1, 2 and 5 per decade."));
    pairsSlider_->setRange(0, kPairsSliderMaximum);
    pairsSlider_->setPageStep(3);  // one decade
    pairsSlider_->setTickPosition(QSlider::TicksBelow);
    pairsSlider_->setTickInterval(3);
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(new QLabel(QStringLiteral("10"), group));
    sliderRow->addWidget(pairsSlider_, 1);
    sliderRow->addWidget(new QLabel(QStringLiteral("10⁸"), group));
    form->addRow(sliderRow);

    auto* coupling = newRealSpin(group, "data.coupling", RealSpinBox::Format::Fixed);
    coupling->setSingleStep(0.05);
    describe(coupling, "couplingSpin", tr("True coupling W"),
             tr("Coupling W used to generate the bits; 0 makes X and Y independent."));
    explainCorrections(coupling, dataHint_, tr("W"));
    coupling->setReturnHandler([this] { requestGenerate(); });
    couplingSpin_ = coupling;
    form->addRow(tr("True coupling W"), couplingSpin_);

    auto* seed = newWholeSpin(group, "data.seed");
    describe(seed, "dataSeedSpin", tr("Data seed"),
             tr("Seed of the random bits; the same seed gives the same data."));
    explainCorrections(seed, dataHint_, tr("data seed"));
    seed->setReturnHandler([this] { requestGenerate(); });
    dataSeedSpin_ = seed;
    newSeedButton_ = new QToolButton(group);
    newSeedButton_->setText(tr("New"));
    describe(newSeedButton_, "newSeedButton", tr("New data seed"),
             tr("Picks a random data seed; press Generate to use it."));
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(dataSeedSpin_, 1);
    seedRow->addWidget(newSeedButton_);
    form->addRow(tr("Data seed"), seedRow);

    generateButton_ = new QPushButton(tr("Generate data"), group);
    describe(generateButton_, "generateButton", tr("Generate data"),
             tr("Draws new bits X and Y with this N, W and seed (Enter in a data field does "
                "the same)."));
    QFont bold = generateButton_->font();
    bold.setBold(true);
    generateButton_->setFont(bold);
    generateButton_->setAutoDefault(false);
    form->addRow(generateButton_);
    dataPendingNote_ =
        newNote(group, "dataPendingNote", tr("These values are not in use yet: press Generate."));
    form->addRow(dataPendingNote_);

    pairsValue_ = newReadout(group, "pairsValue", tr("Generated pairs N"));
    cValue_ = newReadout(group, "cValue", tr("Statistic C"));
    agreementValue_ = newReadout(group, "agreementValue", tr("Agreement fraction"));
    cOverNValue_ = newReadout(group, "cOverNValue", tr("C over N"));
    atanhValue_ = newReadout(group, "atanhValue", tr("atanh of C over N"));
    cValue_->setToolTip(tr("C = Σ sx·sy = agreements − disagreements, all the model needs."));
    atanhValue_->setToolTip(tr("Where the exact Boltzmann posterior peaks for large N."));
    form->addRow(tr("N generated"), pairsValue_);
    form->addRow(tr("C = Σ sx·sy"), cValue_);
    form->addRow(tr("agreement"), agreementValue_);
    form->addRow(tr("C / N"), cOverNValue_);
    form->addRow(tr("atanh(C / N)"), atanhValue_);

    bitStrip_ = new BitStrip(group);
    form->addRow(bitStrip_);
    form->addRow(dataHint_);
    return group;
}

QWidget* ControlPanel::createModelGroup() {
    auto* group = new QGroupBox(tr("Model"), this);
    auto* form = new QFormLayout(group);
    modelHint_ = new TransientHint(group, "modelHint");

    auto* mean = newRealSpin(group, "model.priorMean", RealSpinBox::Format::Fixed);
    mean->setSingleStep(0.1);
    describe(mean, "priorMeanSpin", tr("Prior mean"), tr("Mean μ₀ of the Normal prior on w."));
    explainCorrections(mean, modelHint_, tr("prior mean"));
    priorMeanSpin_ = mean;
    form->addRow(tr("Prior mean μ₀"), priorMeanSpin_);

    auto* sd = newRealSpin(group, "model.priorSd", RealSpinBox::Format::Significant);
    describe(sd, "priorSdSpin", tr("Prior sd"),
             tr("Standard deviation σ₀ of the Normal prior on w; it must be greater than 0."));
    explainCorrections(sd, modelHint_, tr("prior sd"), /*mustBePositive=*/true);
    priorSdSpin_ = sd;
    form->addRow(tr("Prior sd σ₀"), priorSdSpin_);

    form->addRow(new QLabel(tr("Likelihood"), group));
    potentialOnlyRadio_ = new QRadioButton(tr("potential only:  w·C"), group);
    describe(potentialOnlyRadio_, "potentialOnlyRadio", tr("Likelihood: potential only"),
             tr("Uses the energy w·C alone, without the normalising constant of the bits."));
    boltzmannRadio_ = new QRadioButton(tr("exact Boltzmann:\nw·C − N·log(4 cosh w)"), group);
    describe(boltzmannRadio_, "boltzmannRadio", tr("Likelihood: exact Boltzmann"),
             tr("Uses the normalised likelihood w·C − N·log(4 cosh w) of N independent pairs."));
    auto* likelihoods = new QButtonGroup(group);
    likelihoods->addButton(potentialOnlyRadio_, static_cast<int>(Likelihood::PotentialOnly));
    likelihoods->addButton(boltzmannRadio_, static_cast<int>(Likelihood::ExactBoltzmann));
    form->addRow(potentialOnlyRadio_);
    form->addRow(boltzmannRadio_);

    // The switch the whole lesson turns on, so it is big enough to see from the back row.
    divideByNButton_ = new QPushButton(group);
    divideByNButton_->setCheckable(true);
    divideByNButton_->setAutoDefault(false);
    describe(divideByNButton_, "divideByNButton", tr("Divide by N"),
             tr("Multiplies the likelihood by 1/N, so all N pairs count as one observation "
                "(Ctrl+N)."));
    divideByNButton_->setMinimumHeight(44);
    divideByNButton_->setStyleSheet(QStringLiteral(
        "QPushButton { font-size: 14pt; font-weight: bold; padding: 6px 10px;"
        "  border: 2px solid #8a8a8a; border-radius: 6px; background: #f2f2f2; color: #202020; }"
        "QPushButton:checked { background: #ffc94d; border-color: #a86b00; }"
        "QPushButton:focus { border-color: #2a64c4; }"
        "QPushButton:pressed { background: #e0b040; }"));
    form->addRow(divideByNButton_);
    form->addRow(modelHint_);
    return group;
}

QWidget* ControlPanel::createSamplerGroup() {
    auto* group = new QGroupBox(tr("Sampler"), this);
    auto* form = new QFormLayout(group);
    samplerHint_ = new TransientHint(group, "samplerHint");

    algorithmCombo_ = new QComboBox(group);
    algorithmCombo_->addItem(tr("NUTS"), static_cast<int>(Algorithm::Nuts));
    algorithmCombo_->addItem(tr("static HMC"), static_cast<int>(Algorithm::StaticHmc));
    describe(algorithmCombo_, "algorithmCombo", tr("Algorithm"),
             tr("NUTS grows each trajectory until it turns back; static HMC takes L steps."));
    form->addRow(tr("Algorithm"), algorithmCombo_);

    auto* steps = newWholeSpin(group, "sampler.leapfrogSteps");
    describe(steps, "leapfrogStepsSpin", tr("Leapfrog steps L"),
             tr("Number of leapfrog steps per static HMC trajectory."));
    explainCorrections(steps, samplerHint_, tr("L"));
    leapfrogStepsSpin_ = steps;
    form->addRow(tr("Leapfrog steps L"), leapfrogStepsSpin_);

    adaptedStepRadio_ = new QRadioButton(tr("adapted, target δ"), group);
    describe(adaptedStepRadio_, "adaptedStepRadio", tr("Adapt step size"),
             tr("Tunes the step size during warmup so the mean acceptance reaches δ."));
    auto* target = newRealSpin(group, "sampler.targetAccept", RealSpinBox::Format::Fixed);
    target->setSingleStep(0.05);
    describe(target, "targetAcceptSpin", tr("Target acceptance δ"),
             tr("Acceptance rate the step-size adaptation aims at; Stan's default is 0.8."));
    explainCorrections(target, samplerHint_, tr("δ"));
    targetAcceptSpin_ = target;
    form->addRow(adaptedStepRadio_, targetAcceptSpin_);

    fixedStepRadio_ = new QRadioButton(tr("fixed ε"), group);
    describe(fixedStepRadio_, "fixedStepRadio", tr("Fixed step size"),
             tr("Keeps the step size at ε for the whole run."));
    auto* stepSize = newRealSpin(group, "sampler.stepSize", RealSpinBox::Format::Significant, 4);
    describe(stepSize, "stepSizeSpin", tr("Fixed step size ε"),
             tr("Leapfrog step size ε in units of w, from 1e-6 to 1000 (type e.g. 1e-3)."));
    explainCorrections(stepSize, samplerHint_, tr("step size ε"));
    stepSizeSpin_ = stepSize;
    form->addRow(fixedStepRadio_, stepSizeSpin_);
    auto* stepSizeModes = new QButtonGroup(group);
    stepSizeModes->addButton(adaptedStepRadio_);
    stepSizeModes->addButton(fixedStepRadio_);

    adaptMetricCheck_ = new QCheckBox(tr("Adapt metric (inverse mass)"), group);
    describe(adaptMetricCheck_, "adaptMetricCheck", tr("Adapt metric"),
             tr("Estimates the posterior variance in warmup and rescales w by it, as Stan does."));
    form->addRow(adaptMetricCheck_);

    auto* depth = newWholeSpin(group, "sampler.maxDepth");
    describe(depth, "maxDepthSpin", tr("Maximum tree depth"),
             tr("NUTS stops doubling a trajectory after this many doublings."));
    explainCorrections(depth, samplerHint_, tr("max tree depth"));
    maxDepthSpin_ = depth;
    form->addRow(tr("Max tree depth"), maxDepthSpin_);

    auto* warmup = newWholeSpin(group, "sampler.warmup");
    describe(warmup, "warmupSpin", tr("Warmup iterations"),
             tr("Iterations per chain spent tuning; they are not counted as draws."));
    explainCorrections(warmup, samplerHint_, tr("warmup"));
    warmupSpin_ = warmup;
    form->addRow(tr("Warmup"), warmupSpin_);

    auto* draws = newWholeSpin(group, "sampler.draws");
    describe(draws, "drawsSpin", tr("Draws"), tr("Iterations per chain kept after warmup."));
    explainCorrections(draws, samplerHint_, tr("draws"));
    drawsSpin_ = draws;
    form->addRow(tr("Draws"), drawsSpin_);

    auto* chains = newWholeSpin(group, "sampler.chains");
    describe(chains, "chainsSpin", tr("Chains"),
             tr("Number of independent chains, 1 to 4; takes effect at Reset, so it is "
                "editable only while idle."));
    explainCorrections(chains, samplerHint_, tr("chains"));
    chainsSpin_ = chains;
    form->addRow(tr("Chains"), chainsSpin_);

    auto* seed = newWholeSpin(group, "sampler.seed");
    describe(seed, "samplerSeedSpin", tr("Sampler seed"),
             tr("Seed of the sampler's random numbers; takes effect at Reset, so it is "
                "editable only while idle."));
    explainCorrections(seed, samplerHint_, tr("sampler seed"));
    samplerSeedSpin_ = seed;
    form->addRow(tr("Sampler seed"), samplerSeedSpin_);

    samplerResetNote_ = newNote(group, "samplerResetNote",
                                tr("Chains and seed apply at Reset: press Reset to "
                                   "change them."));
    form->addRow(samplerResetNote_);
    form->addRow(samplerHint_);
    return group;
}

QWidget* ControlPanel::createRunGroup() {
    auto* group = new QGroupBox(tr("Run"), this);
    auto* form = new QFormLayout(group);
    runHint_ = new TransientHint(group, "runHint");

    auto* buttons = new QHBoxLayout;
    const auto newRunButton = [&](const char* name, const QString& text, const QString& tip) {
        auto* button = new QToolButton(group);
        button->setText(text);
        describe(button, name, text, tip);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        button->setMinimumHeight(34);
        button->setEnabled(false);  // until the main window hands over its actions
        buttons->addWidget(button);
        return button;
    };
    startPauseButton_ = newRunButton("startPauseButton", tr("Start"),
                                     tr("Starts sampling, or pauses it while it runs."));
    stepButton_ = newRunButton("stepButton", tr("Step"), tr("Runs one iteration, then pauses."));
    resetButton_ = newRunButton("resetButton", tr("Reset"),
                                tr("Discards the draws and starts the chains again."));
    form->addRow(buttons);

    speedSlider_ = new QSlider(Qt::Horizontal, group);
    speedSlider_->setRange(static_cast<int>(setting("display.speedLevel").minimum),
                           static_cast<int>(setting("display.speedLevel").maximum));
    speedSlider_->setPageStep(1);
    speedSlider_->setTickPosition(QSlider::TicksBelow);
    describe(speedSlider_, "speedSlider", tr("Speed"),
             tr("How fast the sampler runs, from one leapfrog step at a time to full speed; the "
                "draws are the same at every speed."));
    form->addRow(tr("Speed"), speedSlider_);
    speedLabel_ = new QLabel(group);
    speedLabel_->setObjectName(QStringLiteral("speedLabel"));
    QFont boldSpeed = speedLabel_->font();
    boldSpeed.setBold(true);
    speedLabel_->setFont(boldSpeed);
    form->addRow(QString(), speedLabel_);  // under the slider, where the eye already is

    auto* pace = newRealSpin(group, "display.leapfrogStepsPerSecond", RealSpinBox::Format::Fixed);
    pace->setSuffix(tr(" steps/s"));
    describe(pace, "leapfrogPaceSpin", tr("Leapfrog pace"),
             tr("Leapfrog steps shown per second at the slowest speed."));
    explainCorrections(pace, runHint_, tr("pace"));
    leapfrogPaceSpin_ = pace;
    form->addRow(tr("Leapfrog pace"), leapfrogPaceSpin_);

    auto* window = newWholeSpin(group, "display.traceWindow");
    describe(window, "traceWindowSpin", tr("Trace window"),
             tr("Number of recent iterations the time-series plots show."));
    explainCorrections(window, runHint_, tr("trace window"));
    traceWindowSpin_ = window;
    form->addRow(tr("Trace window"), traceWindowSpin_);

    keepTunedCheck_ = new QCheckBox(tr("Keep tuned step size"), group);
    describe(keepTunedCheck_, "keepTunedCheck", tr("Keep tuned step size"),
             tr("On a data or model change mid-run, keeps the tuned step size and metric "
                "instead of warming up again."));
    form->addRow(keepTunedCheck_);

    runStateLabel_ = new QLabel(group);
    runStateLabel_->setObjectName(QStringLiteral("runStateLabel"));
    runStateLabel_->setWordWrap(true);
    form->addRow(runStateLabel_);
    form->addRow(runHint_);
    return group;
}

}  // namespace couplinglab::ui
