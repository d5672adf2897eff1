#include "ui/sweep/sweep_tab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/settings_schema.h"
#include "ui/controls/control_panel.h"
#include "ui/plots/plot_style.h"
#include "ui/sweep/sweep_plots.h"
#include "ui/sweep/sweep_table_model.h"

namespace couplinglab::ui {

namespace {

namespace lim = window_limits;

constexpr int kMinGridPoints = 2;
constexpr int kMaxGridPoints = 20;
constexpr int kMaxIterationsPerPoint = 1'000'000;

// A spin box for N whose arrows and Page keys move by decades, as the log grid does.
class DecadeSpinBox final : public QSpinBox {
  public:
    using QSpinBox::QSpinBox;
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

QSpinBox* wholeSpin(QSpinBox* spin, int minimum, int maximum, const QString& name,
                    const QString& accessible, const QString& tip) {
    spin->setRange(minimum, maximum);
    spin->setObjectName(name);
    spin->setAccessibleName(accessible);
    spin->setToolTip(tip);
    spin->setLocale(QLocale::c());
    spin->setGroupSeparatorShown(true);
    spin->setKeyboardTracking(false);
    return spin;
}

QDoubleSpinBox* realSpin(double minimum, double maximum, double step, int decimals,
                         const QString& name, const QString& accessible, const QString& tip) {
    auto* spin = new QDoubleSpinBox;
    spin->setRange(minimum, maximum);
    spin->setSingleStep(step);
    spin->setDecimals(decimals);
    spin->setObjectName(name);
    spin->setAccessibleName(accessible);
    spin->setToolTip(tip);
    spin->setLocale(QLocale::c());
    spin->setKeyboardTracking(false);
    return spin;
}

// 10 000 000 with narrow no-break spaces, as the control panel writes N.
QString groupedDigits(std::uint64_t value) {
    QString digits = QString::number(value);
    if (digits.size() < 5) return digits;
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QChar(0x202F));
    return digits;
}

QString seconds(double value) {
    if (value < 1.0) return QObject::tr("%1 s").arg(value, 0, 'f', 1);
    if (value < 120.0) return QObject::tr("%1 s").arg(std::round(value));
    return QObject::tr("%1 min").arg(std::round(value / 60.0));
}

}  // namespace

SweepTab::SweepTab(QWidget* parent)
    : QWidget(parent), worker_(new SweepWorker(this)), model_(new SweepTableModel(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(createInputs());
    scroll->setMinimumWidth(inputs_->sizeHint().width() + 20);
    scroll->setMaximumWidth(inputs_->sizeHint().width() + 40);
    layout->addWidget(scroll);
    layout->addWidget(createResults(), 1);

    connect(worker_, &SweepWorker::pointFinished, this, &SweepTab::onPointFinished);
    connect(worker_, &SweepWorker::finished, this, &SweepTab::onSweepFinished);
    setSpec(defaultSweepSpec());
}

SweepTab::~SweepTab() = default;

QWidget* SweepTab::createInputs() {
    inputs_ = new QWidget;
    auto* column = new QVBoxLayout(inputs_);
    column->setContentsMargins(0, 0, 0, 0);

    // Values of N
    auto* gridGroup = new QGroupBox(tr("Values of N"));
    auto* grid = new QFormLayout(gridGroup);
    fromSpin_ = wholeSpin(new DecadeSpinBox, static_cast<int>(lim::kMinPairs),
                          static_cast<int>(lim::kMaxPairs), QStringLiteral("fromPairsSpin"),
                          tr("Smallest N"),
                          tr("The smallest number of pairs of bits in the sweep; the arrows move "
                             "by decades"));
    QLocale grouped = QLocale::c();
    grouped.setNumberOptions(QLocale::DefaultNumberOptions);  // 10,000,000
    fromSpin_->setLocale(grouped);
    toSpin_ =
        wholeSpin(new DecadeSpinBox, static_cast<int>(lim::kMinPairs),
                  static_cast<int>(lim::kMaxPairs), QStringLiteral("toPairsSpin"), tr("Largest N"),
                  tr("The largest number of pairs of bits in the sweep; the arrows move by "
                     "decades"));
    toSpin_->setLocale(grouped);
    gridPointsSpin_ = wholeSpin(new QSpinBox, kMinGridPoints, kMaxGridPoints,
                                QStringLiteral("gridPointsSpin"), tr("Number of values of N"),
                                tr("How many values of N, evenly spaced in log N from the "
                                   "smallest to the largest"));
    gridLabel_ = new QLabel;
    gridLabel_->setObjectName(QStringLiteral("gridLabel"));
    gridLabel_->setWordWrap(true);
    gridLabel_->setAccessibleName(tr("Values of N in the sweep"));
    grid->addRow(tr("From N"), fromSpin_);
    grid->addRow(tr("To N"), toSpin_);
    grid->addRow(tr("Values"), gridPointsSpin_);
    grid->addRow(gridLabel_);
    column->addWidget(gridGroup);

    // Data and prior
    auto* dataGroup = new QGroupBox(tr("Data and prior"));
    auto* data = new QFormLayout(dataGroup);
    couplingSpin_ = realSpin(lim::kMinCoupling, lim::kMaxCoupling, 0.05, 3,
                             QStringLiteral("couplingSpin"), tr("True coupling W"),
                             tr("The coupling that generates the bits of every N; 0 = "
                                "independent bits"));
    dataSeedSpin_ =
        wholeSpin(new QSpinBox, 0, static_cast<int>(lim::kMaxSeed), QStringLiteral("dataSeedSpin"),
                  tr("Data seed"), tr("Seed of the bit generator; every N draws its bits from it"));
    dataSeedSpin_->setGroupSeparatorShown(false);
    priorMeanSpin_ =
        realSpin(lim::kMinPriorMean, lim::kMaxPriorMean, 0.1, 3, QStringLiteral("priorMeanSpin"),
                 tr("Prior mean"), tr("Mean μ0 of the Normal prior of w"));
    priorSdSpin_ =
        realSpin(lim::kMinPriorSd, lim::kMaxPriorSd, 0.1, 3, QStringLiteral("priorSdSpin"),
                 tr("Prior sd"), tr("Standard deviation σ0 of the Normal prior of w"));
    data->addRow(tr("Coupling W"), couplingSpin_);
    data->addRow(tr("Data seed"), dataSeedSpin_);
    data->addRow(tr("Prior mean"), priorMeanSpin_);
    data->addRow(tr("Prior sd"), priorSdSpin_);
    column->addWidget(dataGroup);

    // Models
    auto* modelGroup = new QGroupBox(tr("Likelihoods"));
    auto* models = new QVBoxLayout(modelGroup);
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
        auto* check = new QCheckBox(labels[i]);
        check->setObjectName(names[i]);
        check->setAccessibleName(labels[i]);
        check->setToolTip(tips[i]);
        check->setStyleSheet(QStringLiteral("QCheckBox { color: %1; font-weight: 600; }")
                                 .arg(PlotStyle::chain(i).darker(115).name()));
        models->addWidget(check);
        combinationChecks_.append(check);
        connect(check, &QCheckBox::toggled, this, &SweepTab::updateRunEnabling);
    }
    column->addWidget(modelGroup);

    // Sampler
    auto* samplerGroup = new QGroupBox(tr("Sampler, per point"));
    auto* sampler = new QFormLayout(samplerGroup);
    metricCombo_ = new QComboBox;
    metricCombo_->setObjectName(QStringLiteral("metricCombo"));
    metricCombo_->setAccessibleName(tr("Metric adaptation"));
    metricCombo_->setToolTip(
        tr("Run every point with the metric adapted in warmup, with the "
           "unit metric, or both, to compare"));
    metricCombo_->addItem(tr("adapted and unit"));
    metricCombo_->addItem(tr("adapted only"));
    metricCombo_->addItem(tr("unit only"));
    chainsSpin_ = wholeSpin(new QSpinBox, 1, lim::kMaxChains, QStringLiteral("chainsSpin"),
                            tr("Chains per point"), tr("Independent chains at every point"));
    warmupSpin_ = wholeSpin(new QSpinBox, 0, kMaxIterationsPerPoint, QStringLiteral("warmupSpin"),
                            tr("Warmup iterations per point"),
                            tr("Warmup iterations of every chain: Stan's windowed adaptation"));
    warmupSpin_->setSingleStep(100);
    drawsSpin_ = wholeSpin(new QSpinBox, 1, kMaxIterationsPerPoint, QStringLiteral("drawsSpin"),
                           tr("Draws per point"), tr("Draws of every chain after warmup"));
    drawsSpin_->setSingleStep(100);
    seedSpin_ = wholeSpin(new QSpinBox, 0, static_cast<int>(lim::kMaxSeed),
                          QStringLiteral("seedSpin"), tr("Sweep seed"),
                          tr("Every point's sampler seed is derived from this one and the "
                             "point's N, likelihood and metric"));
    seedSpin_->setGroupSeparatorShown(false);
    sampler->addRow(tr("Metric"), metricCombo_);
    sampler->addRow(tr("Chains"), chainsSpin_);
    sampler->addRow(tr("Warmup"), warmupSpin_);
    sampler->addRow(tr("Draws"), drawsSpin_);
    sampler->addRow(tr("Seed"), seedSpin_);
    column->addWidget(samplerGroup);

    // Run
    auto* buttons = new QHBoxLayout;
    runButton_ = new QPushButton(tr("Run sweep"));
    runButton_->setObjectName(QStringLiteral("runButton"));
    runButton_->setAccessibleName(tr("Run sweep"));
    runButton_->setToolTip(tr("Run every point on a worker thread, largest N first"));
    runButton_->setDefault(true);
    cancelButton_ = new QPushButton(tr("Cancel"));
    cancelButton_->setObjectName(QStringLiteral("cancelButton"));
    cancelButton_->setAccessibleName(tr("Cancel sweep"));
    cancelButton_->setToolTip(tr("Stop the sweep; the points already finished stay"));
    cancelButton_->setEnabled(false);
    buttons->addWidget(runButton_);
    buttons->addWidget(cancelButton_);
    column->addLayout(buttons);

    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("progressBar"));
    progress_->setAccessibleName(tr("Sweep progress"));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setTextVisible(true);
    progress_->setFormat(tr("not run yet"));
    column->addWidget(progress_);

    statusLabel_ = new QLabel;
    statusLabel_->setObjectName(QStringLiteral("statusLabel"));
    statusLabel_->setWordWrap(true);
    statusLabel_->setAccessibleName(tr("Sweep status"));
    statusLabel_->setText(
        tr("Click a row of the table or a point of a plot to load it into the "
           "main view."));
    column->addWidget(statusLabel_);

    exportCsvButton_ = new QPushButton(tr("Export table as CSV…"));
    exportCsvButton_->setObjectName(QStringLiteral("exportCsvButton"));
    exportCsvButton_->setAccessibleName(tr("Export table as CSV"));
    exportCsvButton_->setToolTip(
        tr("Write the table as CSV, the same file as couplinglab-cli --sweep-output"));
    exportCsvButton_->setEnabled(false);
    column->addWidget(exportCsvButton_);
    column->addStretch(1);

    connect(runButton_, &QPushButton::clicked, this, &SweepTab::runSweep);
    connect(cancelButton_, &QPushButton::clicked, this, &SweepTab::cancelSweep);
    connect(exportCsvButton_, &QPushButton::clicked, this, &SweepTab::exportTableWithDialog);
    for (QSpinBox* spin : {fromSpin_, toSpin_, gridPointsSpin_}) {
        connect(spin, &QSpinBox::valueChanged, this, &SweepTab::updateGridLabel);
        connect(spin, &QSpinBox::valueChanged, this, &SweepTab::updateRunEnabling);
    }
    return inputs_;
}

QWidget* SweepTab::createResults() {
    auto* splitter = new QSplitter(Qt::Vertical);
    auto* plots = new QWidget;
    auto* grid = new QGridLayout(plots);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    stepSizePlot_ = new SweepStepSizePlot;
    sdPlot_ = new SweepSdPlot;
    meanPlot_ = new SweepMeanPlot;
    leapfrogPlot_ = new SweepLeapfrogPlot;
    grid->addWidget(stepSizePlot_, 0, 0);
    grid->addWidget(sdPlot_, 0, 1);
    grid->addWidget(meanPlot_, 1, 0);
    grid->addWidget(leapfrogPlot_, 1, 1);
    for (SweepPlot* plot :
         std::initializer_list<SweepPlot*>{stepSizePlot_, sdPlot_, meanPlot_, leapfrogPlot_}) {
        plot->setMinimumHeight(260);
        connect(plot, &SweepPlot::pointClicked, this, [this](int sweepIndex) {
            const int row = model_->rowOfIndex(sweepIndex);
            if (row < 0) return;
            table_->selectRow(row);
            table_->scrollTo(model_->index(row, 0));
            requestLoad(row);
        });
    }
    splitter->addWidget(plots);

    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("sweepTable"));
    table_->setAccessibleName(tr("Sweep results"));
    table_->setToolTip(
        tr("One row per point; click a row to load its settings into the main "
           "view"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_, &QTableView::clicked, this,
            [this](const QModelIndex& index) { requestLoad(index.row()); });
    splitter->addWidget(table_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    return splitter;
}

QList<PlotPanel*> SweepTab::panels() const {
    return {stepSizePlot_, sdPlot_, meanPlot_, leapfrogPlot_};
}

SweepSpec SweepTab::spec() const {
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
    switch (metricCombo_->currentIndex()) {
        case 1:
            spec.adaptMetric = {true};
            break;
        case 2:
            spec.adaptMetric = {false};
            break;
        default:
            spec.adaptMetric = {true, false};
            break;
    }
    spec.sampler = baseSampler_;
    spec.sampler.chains = chainsSpin_->value();
    spec.sampler.warmup = warmupSpin_->value();
    spec.sampler.draws = drawsSpin_->value();
    spec.sampler.seed = static_cast<std::uint64_t>(seedSpin_->value());
    return spec;
}

void SweepTab::setSpec(const SweepSpec& spec) {
    if (!spec.pairs.empty()) {
        const auto [lowest, highest] = std::ranges::minmax(spec.pairs);
        fromSpin_->setValue(
            static_cast<int>(std::clamp<std::uint64_t>(lowest, lim::kMinPairs, lim::kMaxPairs)));
        toSpin_->setValue(
            static_cast<int>(std::clamp<std::uint64_t>(highest, lim::kMinPairs, lim::kMaxPairs)));
        gridPointsSpin_->setValue(
            std::clamp(static_cast<int>(spec.pairs.size()), kMinGridPoints, kMaxGridPoints));
    }
    couplingSpin_->setValue(spec.coupling);
    dataSeedSpin_->setValue(
        static_cast<int>(std::min<std::uint64_t>(spec.dataSeed, lim::kMaxSeed)));
    priorMeanSpin_->setValue(spec.prior.priorMean);
    priorSdSpin_->setValue(spec.prior.priorSd);
    const auto all = allSweepCombinations();
    for (int i = 0; i < combinationChecks_.size(); ++i) {
        combinationChecks_[i]->setChecked(
            std::ranges::count(spec.combinations, all[static_cast<std::size_t>(i)]) > 0);
    }
    const bool adapted = std::ranges::count(spec.adaptMetric, true) > 0;
    const bool unit = std::ranges::count(spec.adaptMetric, false) > 0;
    metricCombo_->setCurrentIndex(adapted && unit ? 0 : adapted ? 1 : 2);
    baseSampler_ = spec.sampler;
    chainsSpin_->setValue(spec.sampler.chains);
    warmupSpin_->setValue(spec.sampler.warmup);
    drawsSpin_->setValue(spec.sampler.draws);
    seedSpin_->setValue(
        static_cast<int>(std::min<std::uint64_t>(spec.sampler.seed, lim::kMaxSeed)));
    updateGridLabel();
    updateRunEnabling();
}

void SweepTab::setBaseSampler(const SamplerSettings& sampler) {
    baseSampler_ = sampler;
}

bool SweepTab::isRunning() const {
    return worker_->isRunning();
}

const std::vector<SweepPoint>& SweepTab::points() const {
    return model_->points();
}

QString SweepTab::tableCsv() const {
    return QString::fromStdString(sweepCsv(model_->points()));
}

bool SweepTab::exportTableCsv(const QString& path, QString* error) const {
    QSaveFile file(path);
    const QByteArray bytes = tableCsv().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error != nullptr) *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void SweepTab::exportTableWithDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export sweep table as CSV"), QDir::home().filePath(QStringLiteral("sweep.csv")),
        tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportTableCsv(path, &error)) {
        QMessageBox::warning(this, tr("Export failed"), error);
    } else {
        statusLabel_->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
    }
}

void SweepTab::updateGridLabel() {
    const std::vector<std::uint64_t> grid =
        logGrid(static_cast<std::uint64_t>(fromSpin_->value()),
                static_cast<std::uint64_t>(toSpin_->value()), gridPointsSpin_->value());
    if (grid.empty()) {
        gridLabel_->setText(tr("<i>The largest N must not be smaller than the smallest.</i>"));
        return;
    }
    QStringList values;
    for (const std::uint64_t n : grid)
        values << groupedDigits(n);
    gridLabel_->setText(tr("N = %1").arg(values.join(QStringLiteral(", "))));
}

void SweepTab::updateRunEnabling() {
    const bool anyModel =
        std::ranges::any_of(combinationChecks_, [](const QCheckBox* c) { return c->isChecked(); });
    const bool gridOk = toSpin_->value() >= fromSpin_->value();
    runButton_->setEnabled(!isRunning() && anyModel && gridOk);
    runButton_->setToolTip(!anyModel ? tr("Tick at least one likelihood")
                           : !gridOk ? tr("The largest N must not be smaller than the smallest")
                                     : tr("Run every point on a worker thread, largest N first"));
}

void SweepTab::setInputsEnabled(bool enabled) {
    for (QWidget* child : inputs_->findChildren<QWidget*>()) {
        if (child == cancelButton_ || child == progress_ || child == statusLabel_) continue;
        if (qobject_cast<QGroupBox*>(child) != nullptr) child->setEnabled(enabled);
    }
    exportCsvButton_->setEnabled(enabled && !model_->points().empty());
    cancelButton_->setEnabled(!enabled);
    updateRunEnabling();
}

void SweepTab::runSweep() {
    if (isRunning()) return;
    const SweepSpec next = spec();
    if (auto problem = validate(next)) {
        statusLabel_->setText(QString::fromStdString(*problem));
        return;
    }
    running_ = next;
    model_->clear();
    const std::vector<SweepJob> jobs = sweepJobs(running_);
    total_ = static_cast<int>(jobs.size());
    done_ = 0;
    estimate_.start(jobs);
    progress_->setRange(0, total_);
    progress_->setValue(0);
    setProgressText(tr("0 of %1 points").arg(total_));
    statusLabel_->setText(tr("Running %1 points, largest N first…").arg(total_));
    redrawPlots();
    clock_.start();
    worker_->start(running_);
    setInputsEnabled(false);
    emit sweepStarted();
}

void SweepTab::cancelSweep() {
    if (!isRunning()) return;
    worker_->cancel();
    cancelButton_->setEnabled(false);
    statusLabel_->setText(tr("Cancelling…"));
}

void SweepTab::onPointFinished(const SweepPoint& point, int done, int total) {
    model_->addPoint(point);
    done_ = done;
    total_ = total;
    const double elapsed = static_cast<double>(clock_.nsecsElapsed()) * 1e-9;
    estimate_.finished(point, elapsed);
    progress_->setMaximum(total);
    progress_->setValue(done);
    const double left = estimate_.secondsLeft();
    if (done < total && left >= 0.0) {
        setProgressText(
            tr("%1 of %2 points, about %3 left").arg(done).arg(total).arg(seconds(left)));
    } else {
        setProgressText(tr("%1 of %2 points").arg(done).arg(total));
    }
    redrawPlots();
}

void SweepTab::onSweepFinished(bool cancelled, const QString& error) {
    const double elapsed = static_cast<double>(clock_.nsecsElapsed()) * 1e-9;
    const bool complete = done_ == total_ && total_ > 0;
    if (!error.isEmpty()) {
        setProgressText(tr("failed after %1 of %2 points").arg(done_).arg(total_));
        statusLabel_->setText(error);
    } else if (cancelled && !complete) {
        setProgressText(tr("cancelled: %1 of %2 points kept").arg(done_).arg(total_));
        statusLabel_->setText(tr("Cancelled after %1; the %2 finished points are kept. Click a "
                                 "row or a point to load it into the main view.")
                                  .arg(seconds(elapsed))
                                  .arg(done_));
    } else {
        setProgressText(tr("%1 of %2 points in %3").arg(done_).arg(total_).arg(seconds(elapsed)));
        statusLabel_->setText(
            tr("Done. Click a row or a point to load its settings into the main view."));
    }
    setInputsEnabled(true);
    emit sweepFinished(cancelled && !complete);
}

void SweepTab::redrawPlots() {
    for (SweepPlot* plot :
         std::initializer_list<SweepPlot*>{stepSizePlot_, sdPlot_, meanPlot_, leapfrogPlot_}) {
        plot->setPoints(running_, model_->points());
    }
}

void SweepTab::requestLoad(int row) {
    if (row < 0 || row >= model_->rowCount()) return;
    const SweepPoint& point = model_->point(row);
    emit loadPointRequested(pointRunSettings(running_, point));
    statusLabel_->setText(tr("Loaded N = %1, %2%3, %4 metric into the main view.")
                              .arg(point.pairs)
                              .arg(point.likelihood == Likelihood::ExactBoltzmann
                                       ? tr("exact Boltzmann")
                                       : tr("potential only"))
                              .arg(point.divideByN ? tr(" ÷ N") : QString())
                              .arg(point.adaptMetric ? tr("adapted") : tr("unit")));
}

void SweepTab::setProgressText(const QString& text) {
    QString format = text;
    progress_->setFormat(format.replace(QLatin1Char('%'), QStringLiteral("%%")));
}

}  // namespace couplinglab::ui
