#include "ui/sweep/sweep_inputs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QStandardItemModel>
#include <QStringList>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/settings_schema.h"
#include "ui/controls/control_panel.h"
#include "ui/controls/number_input.h"
#include "ui/controls/transient_hint.h"
#include "ui/machine/machine_run_spec.h"
#include "ui/plots/plot_style.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {

namespace {

namespace lim = window_limits;

constexpr int kMinGridPoints = 2;
constexpr int kMaxGridPoints = 20;
constexpr int kMaxIterationsPerPoint = 1'000'000;

// A field for N whose arrows and Page keys move by decades, as the log grid does.
class DecadeSpinBox final : public IntegerSpinBox {
  public:
    using IntegerSpinBox::IntegerSpinBox;
    void stepBy(int steps) override {
        double value = static_cast<double>(this->value());
        for (int i = 0; i < std::abs(steps); ++i) {
            // From a round power of ten move to the next; otherwise to the nearest one that way.
            const double decade = std::pow(10.0, std::floor(std::log10(value) + 1e-9));
            if (steps > 0) {
                value = decade * 10.0;
            } else {
                value = value > decade * (1.0 + 1e-9) ? decade : decade / 10.0;
            }
        }
        setValue(static_cast<int>(
            std::clamp(value, static_cast<double>(minimum()), static_cast<double>(maximum()))));
    }
};

template <class Box>
Box* described(Box* box, const QString& name, const QString& accessible, const QString& tip) {
    box->setObjectName(name);
    box->setAccessibleName(accessible);
    box->setToolTip(tip);
    return box;
}

// The arrows step by one (or the field's single step), not by the current value's decade.
template <class Box>
Box* steppedEvenly(Box* box) {
    box->setStepType(QAbstractSpinBox::DefaultStepType);
    return box;
}

}  // namespace

SweepInputs::SweepInputs(QWidget* parent) : QWidget(parent) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(createGridGroup());
    column->addWidget(createDataGroup());
    column->addWidget(createLikelihoodGroup());
    column->addWidget(createSamplerGroup());
    for (QSpinBox* spin : {fromSpin_, toSpin_, gridPointsSpin_}) {
        connect(spin, &QSpinBox::valueChanged, this, &SweepInputs::updateGridLabel);
        connect(spin, &QSpinBox::valueChanged, this, &SweepInputs::runnabilityChanged);
    }
    connect(unitsSpin_, &QSpinBox::valueChanged, this, &SweepInputs::updateShape);
    connect(biasesCheck_, &QCheckBox::toggled, this, &SweepInputs::updateShape);
    updateShape();
}

// The dense metric needs more than one parameter, and unit 1's bias needs biases.
void SweepInputs::updateShape() {
    const MachineShape shape{unitsSpin_->value(), biasesCheck_->isChecked()};
    firstBiasSpin_->setEnabled(shape.biases);
    auto* model = qobject_cast<QStandardItemModel*>(metricCombo_->model());
    for (int i = kFirstDenseItem; i < metricCombo_->count(); ++i)
        model->item(i)->setEnabled(shape.dimension() > 1);
    if (shape.dimension() == 1 && metricCombo_->currentIndex() >= kFirstDenseItem)
        metricCombo_->setCurrentIndex(0);
    // A machine of several parameters is where the dense metric shows what it buys.
    if (shape.dimension() > 1 && !wasMachine_) metricCombo_->setCurrentIndex(kAllMetricsItem);
    wasMachine_ = shape.dimension() > 1;
}

QWidget* SweepInputs::createGridGroup() {
    auto* group = new QGroupBox(tr("Values of N"));
    auto* grid = new QFormLayout(group);
    gridHint_ = new TransientHint(group, "gridHint");
    auto* from = described(new DecadeSpinBox(group, static_cast<int>(lim::kMinPairs),
                                             static_cast<int>(lim::kMaxPairs)),
                           QStringLiteral("fromPairsSpin"), tr("Smallest N"),
                           tr("The smallest number of pairs of bits in the sweep; the arrows move "
                              "by decades"));
    explainCorrections(from, gridHint_, tr("smallest N"));
    fromSpin_ = from;
    auto* to = described(new DecadeSpinBox(group, static_cast<int>(lim::kMinPairs),
                                           static_cast<int>(lim::kMaxPairs)),
                         QStringLiteral("toPairsSpin"), tr("Largest N"),
                         tr("The largest number of pairs of bits in the sweep; the arrows move by "
                            "decades"));
    explainCorrections(to, gridHint_, tr("largest N"));
    toSpin_ = to;
    auto* points = described(
        steppedEvenly(new IntegerSpinBox(group, kMinGridPoints, kMaxGridPoints)),
        QStringLiteral("gridPointsSpin"), tr("Number of values of N"),
        tr("How many values of N, evenly spaced in log N from the smallest to the largest"));
    explainCorrections(points, gridHint_, tr("number of values"));
    gridPointsSpin_ = points;
    gridLabel_ = new QLabel(group);
    gridLabel_->setObjectName(QStringLiteral("gridLabel"));
    gridLabel_->setWordWrap(true);
    gridLabel_->setAccessibleName(tr("Values of N in the sweep"));
    grid->addRow(tr("From N"), fromSpin_);
    grid->addRow(tr("To N"), toSpin_);
    grid->addRow(tr("Values"), gridPointsSpin_);
    grid->addRow(gridLabel_);
    grid->addRow(gridHint_);
    return group;
}

QWidget* SweepInputs::createDataGroup() {
    auto* group = new QGroupBox(tr("Data and prior"));
    auto* data = new QFormLayout(group);
    dataHint_ = new TransientHint(group, "dataHint");
    auto* coupling = described(
        new RealSpinBox(group, lim::kMinCoupling, lim::kMaxCoupling, 3, RealSpinBox::Format::Fixed),
        QStringLiteral("couplingSpin"), tr("True coupling W"),
        tr("The coupling that generates the bits of every N (every coupling of a machine); 0 = "
           "independent bits"));
    coupling->setSingleStep(0.05);
    explainCorrections(coupling, dataHint_, tr("W"));
    couplingSpin_ = coupling;
    auto* seed =
        described(steppedEvenly(new IntegerSpinBox(group, 0, static_cast<int>(lim::kMaxSeed))),
                  QStringLiteral("dataSeedSpin"), tr("Data seed"),
                  tr("Seed of the bit generator; every N draws its bits from it"));
    explainCorrections(seed, dataHint_, tr("data seed"));
    dataSeedSpin_ = seed;
    auto* mean = described(new RealSpinBox(group, lim::kMinPriorMean, lim::kMaxPriorMean, 3,
                                           RealSpinBox::Format::Fixed),
                           QStringLiteral("priorMeanSpin"), tr("Prior mean"),
                           tr("Mean μ0 of the Normal prior of w"));
    mean->setSingleStep(0.1);
    explainCorrections(mean, dataHint_, tr("prior mean"));
    priorMeanSpin_ = mean;
    auto* sd = described(
        new RealSpinBox(group, lim::kMinPriorSd, lim::kMaxPriorSd, 3, RealSpinBox::Format::Fixed),
        QStringLiteral("priorSdSpin"), tr("Prior sd"),
        tr("Standard deviation σ0 of the Normal prior of w"));
    sd->setSingleStep(0.1);
    explainCorrections(sd, dataHint_, tr("prior sd"), /*mustBePositive=*/true);
    priorSdSpin_ = sd;
    auto* units = described(steppedEvenly(new IntegerSpinBox(group, kMinUnits, kMaxUnits)),
                            QStringLiteral("sweepUnitsSpin"), tr("Units K"),
                            tr("K = 2 without biases is the one coupling w; more units (or biases) "
                               "make a Boltzmann machine of several parameters, where the metric "
                               "matters (DESIGN.md §5)"));
    explainCorrections(units, dataHint_, tr("units"));
    unitsSpin_ = units;
    biasesCheck_ = new QCheckBox(tr("Biases (a field on each unit)"), group);
    biasesCheck_->setObjectName(QStringLiteral("sweepBiasesCheck"));
    biasesCheck_->setToolTip(tr("Parameters b_k as well as the couplings w_jk"));
    auto* firstBias = described(new RealSpinBox(group, -kMaxTrueParameter, kMaxTrueParameter, 3,
                                                RealSpinBox::Format::Fixed),
                                QStringLiteral("firstBiasSpin"), tr("True bias of unit 1"),
                                tr("The bias b₁* that generates unit 1's bits (the others are 0): "
                                   "a strong one makes b₁ and w₁ₖ nearly the same feature, a "
                                   "narrow, tilted posterior"));
    firstBias->setSingleStep(0.5);
    explainCorrections(firstBias, dataHint_, tr("bias of unit 1"));
    firstBiasSpin_ = firstBias;
    data->addRow(tr("Units K"), unitsSpin_);
    data->addRow(QString(), biasesCheck_);
    data->addRow(tr("Coupling W"), couplingSpin_);
    data->addRow(tr("Bias b₁*"), firstBiasSpin_);
    data->addRow(tr("Data seed"), dataSeedSpin_);
    data->addRow(tr("Prior mean"), priorMeanSpin_);
    data->addRow(tr("Prior sd"), priorSdSpin_);
    data->addRow(dataHint_);
    return group;
}

QWidget* SweepInputs::createLikelihoodGroup() {
    auto* group = new QGroupBox(tr("Likelihoods"));
    auto* models = new QVBoxLayout(group);
    const QStringList names = {
        QStringLiteral("potentialCheck"), QStringLiteral("potentialOverNCheck"),
        QStringLiteral("boltzmannCheck"), QStringLiteral("boltzmannOverNCheck")};
    const QStringList labels = {tr("Potential only: w·C"), tr("Potential only ÷ N"),
                                tr("Exact Boltzmann"), tr("Exact Boltzmann ÷ N")};
    const QStringList tips = {
        tr("L(w) = w·C, the energy without its normalising constant: the mean runs away with C"),
        tr("L(w) = w·C/N: looks right, but all the data count as one observation"),
        tr("L(w) = w·C − N·log(4 cosh w), the correct likelihood: the posterior narrows like "
           "1/√N"),
        tr("The exact likelihood to the power 1/N: a tempered posterior that ignores N")};
    for (int i = 0; i < names.size(); ++i) {
        auto* check = new QCheckBox(labels[i], group);
        check->setObjectName(names[i]);
        check->setAccessibleName(labels[i]);
        check->setToolTip(tips[i]);
        check->setStyleSheet(QStringLiteral("QCheckBox { color: %1; font-weight: 600; }")
                                 .arg(PlotStyle::chain(i).darker(115).name()));
        models->addWidget(check);
        combinationChecks_.append(check);
        connect(check, &QCheckBox::toggled, this, &SweepInputs::runnabilityChanged);
    }
    return group;
}

QWidget* SweepInputs::createSamplerGroup() {
    auto* group = new QGroupBox(tr("Sampler, per point"));
    auto* sampler = new QFormLayout(group);
    samplerHint_ = new TransientHint(group, "samplerHint");
    metricCombo_ = new QComboBox(group);
    metricCombo_->setObjectName(QStringLiteral("metricCombo"));
    metricCombo_->setAccessibleName(tr("Metric adaptation"));
    metricCombo_->setToolTip(
        tr("Run every point with the (diagonal) metric adapted in warmup, with the unit metric, "
           "or both, to compare; with several parameters, with a dense metric too"));
    for (const MetricChoice& choice : metricChoices())
        metricCombo_->addItem(choice.label);
    auto* chains = described(steppedEvenly(new IntegerSpinBox(group, 1, lim::kMaxChains)),
                             QStringLiteral("chainsSpin"), tr("Chains per point"),
                             tr("Independent chains at every point"));
    explainCorrections(chains, samplerHint_, tr("chains"));
    chainsSpin_ = chains;
    auto* warmup = described(steppedEvenly(new IntegerSpinBox(group, 0, kMaxIterationsPerPoint)),
                             QStringLiteral("warmupSpin"), tr("Warmup iterations per point"),
                             tr("Warmup iterations of every chain: Stan's windowed adaptation"));
    warmup->setSingleStep(100);
    explainCorrections(warmup, samplerHint_, tr("warmup"));
    warmupSpin_ = warmup;
    auto* draws = described(steppedEvenly(new IntegerSpinBox(group, 1, kMaxIterationsPerPoint)),
                            QStringLiteral("drawsSpin"), tr("Draws per point"),
                            tr("Draws of every chain after warmup"));
    draws->setSingleStep(100);
    explainCorrections(draws, samplerHint_, tr("draws"));
    drawsSpin_ = draws;
    auto* seed = described(
        steppedEvenly(new IntegerSpinBox(group, 0, static_cast<int>(lim::kMaxSeed))),
        QStringLiteral("seedSpin"), tr("Sweep seed"),
        tr("Every point's sampler seed is derived from this one and the point's N, likelihood "
           "and metric"));
    explainCorrections(seed, samplerHint_, tr("sweep seed"));
    seedSpin_ = seed;
    sampler->addRow(tr("Metric"), metricCombo_);
    sampler->addRow(tr("Chains"), chainsSpin_);
    sampler->addRow(tr("Warmup"), warmupSpin_);
    sampler->addRow(tr("Draws"), drawsSpin_);
    sampler->addRow(tr("Seed"), seedSpin_);
    sampler->addRow(samplerHint_);
    return group;
}

SweepSpec SweepInputs::spec() const {
    SweepSpec spec;
    spec.pairs = logGrid(static_cast<std::uint64_t>(fromSpin_->value()),
                         static_cast<std::uint64_t>(toSpin_->value()), gridPointsSpin_->value());
    spec.coupling = couplingSpin_->value();
    spec.dataSeed = static_cast<std::uint64_t>(dataSeedSpin_->value());
    spec.prior.priorMean = priorMeanSpin_->value();
    spec.prior.priorSd = priorSdSpin_->value();
    const auto all = allSweepCombinations();
    for (int i = 0; i < combinationChecks_.size(); ++i) {
        if (combinationChecks_[i]->isChecked())
            spec.combinations.push_back(all[static_cast<std::size_t>(i)]);
    }
    spec.shape = MachineShape{unitsSpin_->value(), biasesCheck_->isChecked()};
    spec.firstBias = firstBiasSpin_->value();
    spec.metrics = metricChoices().value(std::max(0, metricCombo_->currentIndex())).metrics;
    spec.sampler = baseSampler_;
    spec.sampler.chains = chainsSpin_->value();
    spec.sampler.warmup = warmupSpin_->value();
    spec.sampler.draws = drawsSpin_->value();
    spec.sampler.seed = static_cast<std::uint64_t>(seedSpin_->value());
    return spec;
}

void SweepInputs::setSpec(const SweepSpec& spec) {
    if (!spec.pairs.empty()) {
        const auto [lowest, highest] = std::ranges::minmax(spec.pairs);
        fromSpin_->setValue(
            static_cast<int>(std::clamp<std::uint64_t>(lowest, lim::kMinPairs, lim::kMaxPairs)));
        toSpin_->setValue(
            static_cast<int>(std::clamp<std::uint64_t>(highest, lim::kMinPairs, lim::kMaxPairs)));
        gridPointsSpin_->setValue(
            std::clamp(static_cast<int>(spec.pairs.size()), kMinGridPoints, kMaxGridPoints));
    }
    unitsSpin_->setValue(spec.shape.units);
    biasesCheck_->setChecked(spec.shape.biases);
    couplingSpin_->setValue(spec.coupling);
    firstBiasSpin_->setValue(spec.firstBias);
    dataSeedSpin_->setValue(
        static_cast<int>(std::min<std::uint64_t>(spec.dataSeed, lim::kMaxSeed)));
    priorMeanSpin_->setValue(spec.prior.priorMean);
    priorSdSpin_->setValue(spec.prior.priorSd);
    const auto all = allSweepCombinations();
    for (int i = 0; i < combinationChecks_.size(); ++i) {
        combinationChecks_[i]->setChecked(
            std::ranges::count(spec.combinations, all[static_cast<std::size_t>(i)]) > 0);
    }
    const QList<MetricChoice> choices = metricChoices();
    for (int i = 0; i < choices.size(); ++i) {
        auto has = [&](MetricKind m) { return std::ranges::count(spec.metrics, m) > 0; };
        const auto& wanted = choices[i].metrics;
        const bool same = std::ranges::all_of(wanted, has) &&
                          std::ranges::all_of(spec.metrics, [&](MetricKind m) {
                              return std::ranges::count(wanted, m) > 0;
                          });
        if (same) metricCombo_->setCurrentIndex(i);
    }
    baseSampler_ = spec.sampler;
    chainsSpin_->setValue(spec.sampler.chains);
    warmupSpin_->setValue(spec.sampler.warmup);
    drawsSpin_->setValue(spec.sampler.draws);
    seedSpin_->setValue(
        static_cast<int>(std::min<std::uint64_t>(spec.sampler.seed, lim::kMaxSeed)));
    updateGridLabel();
}

QList<SweepInputs::MetricChoice> SweepInputs::metricChoices() {
    using M = MetricKind;
    return {{tr("adapted and unit"), {M::Diagonal, M::Unit}},
            {tr("adapted only"), {M::Diagonal}},
            {tr("unit only"), {M::Unit}},
            {tr("diagonal and dense"), {M::Diagonal, M::Dense}},
            {tr("unit, diagonal and dense"), {M::Unit, M::Diagonal, M::Dense}},
            {tr("dense only"), {M::Dense}}};
}

void SweepInputs::setBaseSampler(const SamplerSettings& sampler) {
    baseSampler_ = sampler;
}

bool SweepInputs::anyLikelihoodTicked() const {
    return std::ranges::any_of(combinationChecks_,
                               [](const QCheckBox* check) { return check->isChecked(); });
}

bool SweepInputs::gridIsOrdered() const {
    return toSpin_->value() >= fromSpin_->value();
}

void SweepInputs::updateGridLabel() {
    const std::vector<std::uint64_t> grid =
        logGrid(static_cast<std::uint64_t>(fromSpin_->value()),
                static_cast<std::uint64_t>(toSpin_->value()), gridPointsSpin_->value());
    if (grid.empty()) {
        gridLabel_->setText(tr("<i>The largest N must not be smaller than the smallest.</i>"));
        return;
    }
    QStringList values;
    for (const std::uint64_t n : grid)
        values << formatCount(static_cast<std::int64_t>(n));
    gridLabel_->setText(tr("N = %1").arg(values.join(QStringLiteral(", "))));
}

}  // namespace couplinglab::ui
