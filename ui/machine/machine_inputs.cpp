#include "ui/machine/machine_inputs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "ui/controls/number_input.h"
#include "ui/controls/transient_hint.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {
namespace {

constexpr int kThetaCellWidth = 52;

template <class Box>
Box* named(Box* box, const char* name, const QString& tip) {
    box->setObjectName(QLatin1String(name));
    box->setToolTip(tip);
    return box;
}

QString cellText(double value) {
    return QString::number(value, 'g', kTrueParameterDigits);
}

}  // namespace

MachineInputs::MachineInputs(QWidget* parent) : QWidget(parent) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(createDataGroup());
    column->addWidget(createModelGroup());
    column->addWidget(createSamplerGroup());
    hint_ = new TransientHint(this, "machineHint");
    column->addWidget(hint_);
    column->addStretch(1);
    setSpec(defaultMachineRunSpec());
}

QWidget* MachineInputs::createDataGroup() {
    auto* group = new QGroupBox(tr("Data: K lists of bits from θ*"));
    auto* form = new QFormLayout(group);
    units_ = named(new IntegerSpinBox(group, kMinUnits, kMaxUnits), "unitsSpin",
                   tr("Number of units K: the lists of bits, one per unit (2–8)"));
    biases_ = named(new QCheckBox(tr("Biases (a field on each unit)"), group), "biasesCheck",
                    tr("The model has a bias b_k for each unit as well as the couplings"));
    theta_ = named(new QTableWidget(group), "thetaTable",
                   tr("The true couplings w_jk (upper triangle) and biases b_k (last row) the "
                      "bits are drawn from"));
    theta_->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    theta_->horizontalHeader()->setDefaultSectionSize(kThetaCellWidth);
    theta_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    theta_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    allCouplings_ = named(new RealSpinBox(group, -kMaxTrueParameter, kMaxTrueParameter, 2,
                                          RealSpinBox::Format::Fixed),
                          "allCouplingsSpin", tr("One value for every true coupling"));
    auto* setAll = named(new QPushButton(tr("Set all"), group), "allCouplingsButton",
                         tr("Set every true coupling w_jk to this value"));
    setAllButton_ = setAll;
    auto* allRow = new QHBoxLayout;
    allRow->addWidget(allCouplings_, 1);
    allRow->addWidget(setAll);
    observations_ =
        named(new IntegerSpinBox(group, 1, static_cast<int>(kMaxObservations)), "observationsSpin",
              tr("Observations N: how many patterns of K bits are drawn"));
    observations_->setGroupSeparatorShown(true);
    dataSeed_ = named(new IntegerSpinBox(group, 0, kMaxMachineSeed), "dataSeedSpin",
                      tr("Seed of the data's random numbers"));
    form->addRow(tr("Units K"), units_);
    form->addRow(biases_);
    form->addRow(tr("θ*"), theta_);
    form->addRow(tr("All couplings"), allRow);
    form->addRow(tr("N"), observations_);
    form->addRow(tr("Data seed"), dataSeed_);
    auto* generate = named(new QPushButton(tr("Generate data"), group), "generateDataButton",
                           tr("Draw the K lists of bits from θ* now, to look at them and their "
                              "statistics before Run samples them"));
    form->addRow(generate);
    bitsLabel_ = named(new QLabel(group), "bitsFileLabel", tr("Where the bits come from"));
    bitsLabel_->setWordWrap(true);
    generatedBitsButton_ =
        named(new QPushButton(tr("Use generated bits"), group), "generatedBitsButton",
              tr("Draw the bits from θ* again instead of the file's"));
    form->addRow(bitsLabel_);
    form->addRow(generatedBitsButton_);
    connect(generate, &QPushButton::clicked, this, &MachineInputs::generateRequested);
    connect(generatedBitsButton_, &QPushButton::clicked, this, [this] {
        setBits(nullptr, {});
        emit generateRequested();
    });
    connect(units_, &QSpinBox::valueChanged, this, [this](int units) {
        if (filling_) return;
        resizeTheta(units);
        emit specChanged();
    });
    connect(biases_, &QCheckBox::toggled, this, [this] {
        updateBiasRow();
        if (!filling_) emit specChanged();
    });
    connect(setAll, &QPushButton::clicked, this, &MachineInputs::setAllCouplings);
    connect(theta_, &QTableWidget::itemChanged, this, &MachineInputs::onCellChanged);
    for (QSpinBox* box : {static_cast<QSpinBox*>(observations_), static_cast<QSpinBox*>(dataSeed_)})
        connect(box, &QSpinBox::valueChanged, this, &MachineInputs::specChanged);
    return group;
}

QWidget* MachineInputs::createModelGroup() {
    auto* group = new QGroupBox(tr("Model"));
    auto* form = new QFormLayout(group);
    likelihood_ = named(new QComboBox(group), "likelihoodCombo",
                        tr("Exact Boltzmann: θ·T − N log Z(θ). Potential only: θ·T, the "
                           "normalising constant left out"));
    likelihood_->addItem(tr("Exact Boltzmann"), static_cast<int>(Likelihood::ExactBoltzmann));
    likelihood_->addItem(tr("Potential only"), static_cast<int>(Likelihood::PotentialOnly));
    divideByN_ = named(new QCheckBox(tr("Divide by N"), group), "divideByNCheck",
                       tr("Scale the log likelihood by 1/N"));
    form->addRow(tr("Likelihood"), likelihood_);
    form->addRow(divideByN_);
    connect(likelihood_, &QComboBox::currentIndexChanged, this, &MachineInputs::specChanged);
    connect(divideByN_, &QCheckBox::toggled, this, &MachineInputs::specChanged);
    return group;
}

QWidget* MachineInputs::createSamplerGroup() {
    auto* group = new QGroupBox(tr("Sampler: NUTS"));
    auto* form = new QFormLayout(group);
    metric_ = named(new QComboBox(group), "metricCombo",
                    tr("Unit: no adaptation. Diagonal: one scale per parameter (Stan's "
                       "default). Dense: the posterior's covariance, tilts included"));
    metric_->addItem(tr("Unit"), static_cast<int>(MetricKind::Unit));
    metric_->addItem(tr("Diagonal"), static_cast<int>(MetricKind::Diagonal));
    metric_->addItem(tr("Dense"), static_cast<int>(MetricKind::Dense));
    chains_ = named(new IntegerSpinBox(group, 1, kMaxChains), "chainsSpin", tr("Chains"));
    warmup_ = named(new IntegerSpinBox(group, 0, kMaxMachineIterations), "warmupSpin",
                    tr("Warmup iterations per chain"));
    draws_ = named(new IntegerSpinBox(group, 1, kMaxMachineIterations), "drawsSpin",
                   tr("Draws per chain after warmup"));
    seed_ = named(new IntegerSpinBox(group, 0, kMaxMachineSeed), "seedSpin",
                  tr("Seed of the sampler's random numbers"));
    form->addRow(tr("Metric"), metric_);
    form->addRow(tr("Chains"), chains_);
    form->addRow(tr("Warmup"), warmup_);
    form->addRow(tr("Draws"), draws_);
    form->addRow(tr("Seed"), seed_);
    connect(metric_, &QComboBox::currentIndexChanged, this, &MachineInputs::specChanged);
    connect(metric_, &QComboBox::activated, this, [this] { emit metricChosen(metric()); });
    for (QSpinBox* box : {static_cast<QSpinBox*>(chains_), static_cast<QSpinBox*>(warmup_),
                          static_cast<QSpinBox*>(draws_), static_cast<QSpinBox*>(seed_)})
        connect(box, &QSpinBox::valueChanged, this, &MachineInputs::specChanged);
    return group;
}

QTableWidgetItem* MachineInputs::cell(int row, int column) const {
    return theta_->item(row, column);
}

QString MachineInputs::cellName(int row, int column) const {
    if (row == theta_->rowCount() - 1) return QStringLiteral("b.%1").arg(column + 1);
    return QStringLiteral("w.%1.%2").arg(row + 1).arg(column + 1);
}

// Rows 1..K: unit j's couplings w_jk to the units k > j; the last row: the biases. Values the
// new size still has are kept.
void MachineInputs::resizeTheta(int units) {
    const MachineRunSpec before = spec();
    const bool wasFilling = filling_;
    filling_ = true;
    theta_->clear();
    theta_->setRowCount(units + 1);
    theta_->setColumnCount(units);
    QStringList rows;
    QStringList columns;
    for (int k = 0; k < units; ++k) {
        rows << tr("unit %1").arg(k + 1);
        columns << QString::number(k + 1);
    }
    rows << tr("bias");
    theta_->setVerticalHeaderLabels(rows);
    theta_->setHorizontalHeaderLabels(columns);
    auto previousCoupling = [&](int j, int k) {
        const MachineShape old{before.data.units, false};
        if (j >= old.units || k >= old.units || before.data.couplings.empty()) return 0.0;
        int index = 0;
        for (int a = 0; a < old.units; ++a) {
            for (int b = a + 1; b < old.units; ++b, ++index) {
                if (a == j && b == k) return before.data.couplings[static_cast<std::size_t>(index)];
            }
        }
        return 0.0;
    };
    for (int j = 0; j < units; ++j) {
        for (int k = 0; k < units; ++k) {
            auto* item = new QTableWidgetItem;
            if (k > j) {
                const double value = previousCoupling(j, k);
                item->setText(cellText(value));
                item->setData(Qt::UserRole, value);
                item->setToolTip(tr("true coupling w.%1.%2").arg(j + 1).arg(k + 1));
            } else {
                item->setFlags(Qt::NoItemFlags);
                item->setBackground(palette().window());
            }
            theta_->setItem(j, k, item);
        }
    }
    for (int k = 0; k < units; ++k) {
        const double value = k < static_cast<int>(before.data.biases.size())
                                 ? before.data.biases[static_cast<std::size_t>(k)]
                                 : 0.0;
        auto* item = new QTableWidgetItem(cellText(value));
        item->setData(Qt::UserRole, value);
        item->setToolTip(tr("true bias b.%1").arg(k + 1));
        theta_->setItem(units, k, item);
    }
    filling_ = wasFilling;
    updateBiasRow();
    fitThetaHeight();
}

// A zoom (presentation mode) changes the font, and with it the rows' heights.
void MachineInputs::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        QTimer::singleShot(0, this, &MachineInputs::fitThetaHeight);
}

// Every row in view, however short the window: the column scrolls instead of the table.
void MachineInputs::fitThetaHeight() {
    int height = theta_->horizontalHeader()->sizeHint().height() + 2 * theta_->frameWidth();
    for (int row = 0; row < theta_->rowCount(); ++row)
        height += theta_->verticalHeader()->sectionSizeHint(row);
    if (theta_->horizontalScrollBar()->isVisible() ||
        theta_->horizontalHeader()->length() > theta_->viewport()->width())
        height += theta_->horizontalScrollBar()->sizeHint().height();
    theta_->setFixedHeight(height);
}

// Without biases in the model, the data may still come from true biases: the row stays
// editable, and says so.
void MachineInputs::updateBiasRow() {
    const int row = theta_->rowCount() - 1;
    if (row < 0) return;
    theta_->verticalHeaderItem(row)->setText(biases_->isChecked() ? tr("bias")
                                                                  : tr("bias (data only)"));
}

void MachineInputs::setAllCouplings() {
    filling_ = true;
    const int units = theta_->columnCount();
    for (int j = 0; j < units; ++j) {
        for (int k = j + 1; k < units; ++k) {
            cell(j, k)->setText(cellText(allCouplings_->value()));
            cell(j, k)->setData(Qt::UserRole, allCouplings_->value());
        }
    }
    filling_ = false;
    emit specChanged();
}

void MachineInputs::onCellChanged(QTableWidgetItem* item) {
    if (filling_ || !(item->flags() & Qt::ItemIsEditable)) return;
    const std::optional<double> typed = parseTypedNumber(item->text());
    const double last = item->data(Qt::UserRole).toDouble();
    const QString name = cellName(item->row(), item->column());
    filling_ = true;
    if (!typed) {
        hint_->flash(
            tr("%1: “%2” is not a number; kept %3").arg(name, item->text(), cellText(last)));
        item->setText(cellText(last));
    } else if (std::abs(*typed) > kMaxTrueParameter) {
        hint_->flash(tr("%1 must be between −%2 and %2; kept %3")
                         .arg(name, cellText(kMaxTrueParameter), cellText(last)));
        item->setText(cellText(last));
    } else {
        item->setData(Qt::UserRole, *typed);
        item->setText(cellText(*typed));
    }
    filling_ = false;
    emit specChanged();
}

MachineRunSpec MachineInputs::spec() const {
    MachineRunSpec s;
    const int units = theta_->columnCount();
    s.data.units = units;
    for (int j = 0; j < units; ++j) {
        for (int k = j + 1; k < units; ++k)
            s.data.couplings.push_back(cell(j, k)->data(Qt::UserRole).toDouble());
    }
    for (int k = 0; k < units && theta_->rowCount() == units + 1; ++k)
        s.data.biases.push_back(cell(units, k)->data(Qt::UserRole).toDouble());
    s.data.observations = static_cast<std::uint64_t>(observations_->value());
    s.data.seed = static_cast<std::uint64_t>(dataSeed_->value());
    s.bits = bits_;
    s.bitsFile = bits_ ? bitsFile_ : QString();
    s.biases = biases_->isChecked();
    s.model.likelihood = static_cast<Likelihood>(likelihood_->currentData().toInt());
    s.model.divideByN = divideByN_->isChecked();
    setMetricKind(s.sampler, metric());
    s.sampler.chains = chains_->value();
    s.sampler.warmup = warmup_->value();
    s.sampler.draws = draws_->value();
    s.sampler.seed = static_cast<std::uint64_t>(seed_->value());
    return s;
}

void MachineInputs::setSpec(const MachineRunSpec& spec) {
    filling_ = true;
    units_->setValue(spec.data.units);
    biases_->setChecked(spec.biases);
    observations_->setValue(static_cast<int>(spec.data.observations));
    dataSeed_->setValue(static_cast<int>(spec.data.seed));
    likelihood_->setCurrentIndex(likelihood_->findData(static_cast<int>(spec.model.likelihood)));
    divideByN_->setChecked(spec.model.divideByN);
    metric_->setCurrentIndex(metric_->findData(static_cast<int>(metricKind(spec.sampler))));
    chains_->setValue(spec.sampler.chains);
    warmup_->setValue(spec.sampler.warmup);
    draws_->setValue(spec.sampler.draws);
    seed_->setValue(static_cast<int>(spec.sampler.seed));
    theta_->setColumnCount(0);
    theta_->setRowCount(0);
    resizeTheta(spec.data.units);
    const int units = spec.data.units;
    int index = 0;
    for (int j = 0; j < units; ++j) {
        for (int k = j + 1; k < units; ++k, ++index) {
            const double value = index < static_cast<int>(spec.data.couplings.size())
                                     ? spec.data.couplings[static_cast<std::size_t>(index)]
                                     : 0.0;
            cell(j, k)->setText(cellText(value));
            cell(j, k)->setData(Qt::UserRole, value);
        }
    }
    for (int k = 0; k < units; ++k) {
        const double value = k < static_cast<int>(spec.data.biases.size())
                                 ? spec.data.biases[static_cast<std::size_t>(k)]
                                 : 0.0;
        cell(units, k)->setText(cellText(value));
        cell(units, k)->setData(Qt::UserRole, value);
    }
    updateBiasRow();
    bits_ = spec.bits;
    bitsFile_ = spec.bits ? spec.bitsFile : QString();
    showDataSource();
    filling_ = false;
    emit specChanged();
}

void MachineInputs::setMetric(MetricKind metric) {
    metric_->setCurrentIndex(metric_->findData(static_cast<int>(metric)));
}

MetricKind MachineInputs::metric() const {
    return static_cast<MetricKind>(metric_->currentData().toInt());
}

void MachineInputs::setRunning(bool running) {
    running_ = running;
    // The named fields (the object names above), not Qt's own parts of them.
    for (QWidget* field : findChildren<QWidget*>()) {
        const QString name = field->objectName();
        if (field == metric_ || name.isEmpty() || name.startsWith(QLatin1String("qt_"))) continue;
        field->setEnabled(!running);
    }
    showDataSource();
}

void MachineInputs::setBits(std::shared_ptr<const MachineData> bits, const QString& file) {
    if (bits) {
        filling_ = true;
        units_->setValue(bits->units());
        resizeTheta(bits->units());
        observations_->setValue(static_cast<int>(bits->observations()));
        filling_ = false;
    }
    bits_ = std::move(bits);
    bitsFile_ = bits_ ? file : QString();
    showDataSource();
    emit specChanged();
}

// With bits from a file, what would generate bits is locked and the label names the file.
void MachineInputs::showDataSource() {
    const bool fromFile = bits_ != nullptr;
    for (QWidget* field : std::initializer_list<QWidget*>{units_, theta_, allCouplings_,
                                                          setAllButton_, observations_, dataSeed_})
        field->setEnabled(!running_ && !fromFile);
    bitsLabel_->setVisible(fromFile);
    generatedBitsButton_->setVisible(fromFile);
    if (fromFile) {
        bitsLabel_->setText(tr("Bits from <b>%1</b>: %2 observations of %3 units (θ* and the "
                               "data seed are not used)")
                                .arg(QFileInfo(bitsFile_).fileName().toHtmlEscaped())
                                .arg(bits_->observations())
                                .arg(bits_->units()));
        bitsLabel_->setToolTip(bitsFile_);
    }
}

}  // namespace couplinglab::ui
