#include "ui/sweep/sweep_tab.h"

#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/sweep/sweep_inputs.h"
#include "ui/sweep/sweep_plots.h"
#include "ui/sweep/sweep_table_model.h"

namespace couplinglab::ui {

namespace {

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

    sweepInputs_ = new SweepInputs;
    column->addWidget(sweepInputs_);

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
    connect(sweepInputs_, &SweepInputs::runnabilityChanged, this, &SweepTab::updateRunEnabling);
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
    return sweepInputs_->spec();
}

void SweepTab::setSpec(const SweepSpec& spec) {
    sweepInputs_->setSpec(spec);
    updateRunEnabling();
}

void SweepTab::setBaseSampler(const SamplerSettings& sampler) {
    sweepInputs_->setBaseSampler(sampler);
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

void SweepTab::updateRunEnabling() {
    const bool anyModel = sweepInputs_->anyLikelihoodTicked();
    const bool gridOk = sweepInputs_->gridIsOrdered();
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
                                 "row or a point to load it into %3.")
                                  .arg(seconds(elapsed))
                                  .arg(done_)
                                  .arg(loadTarget()));
    } else {
        setProgressText(tr("%1 of %2 points in %3").arg(done_).arg(total_).arg(seconds(elapsed)));
        statusLabel_->setText(
            tr("Done. Click a row or a point to load its settings into %1.").arg(loadTarget()));
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

namespace {

// A point of a K-unit sweep as the Boltzmann machine tab runs it: the same data, model,
// sampler, metric and seed.
MachineRunSpec machinePointRunSpec(const SweepSpec& sweep, const SweepPoint& point) {
    MachineRunSpec spec;
    spec.data = machineDataSpec(sweep, point.pairs);
    spec.biases = sweep.shape.biases;
    spec.model = sweep.prior;
    spec.model.likelihood = point.likelihood;
    spec.model.divideByN = point.divideByN;
    spec.sampler = sweep.sampler;
    setMetricKind(spec.sampler, point.metric);
    spec.sampler.seed = point.seed;
    return spec;
}

}  // namespace

void SweepTab::requestLoad(int row) {
    if (row < 0 || row >= model_->rowCount()) return;
    const SweepPoint& point = model_->point(row);
    if (running_.shape.isOneCoupling()) {
        emit loadPointRequested(pointRunSettings(running_, point));
    } else {
        emit loadMachinePointRequested(machinePointRunSpec(running_, point));
    }
    statusLabel_->setText(tr("Loaded N = %1, %2%3, %4 metric into %5.")
                              .arg(point.pairs)
                              .arg(point.likelihood == Likelihood::ExactBoltzmann
                                       ? tr("exact Boltzmann")
                                       : tr("potential only"))
                              .arg(point.divideByN ? tr(" ÷ N") : QString())
                              .arg(QString::fromUtf8(toString(point.metric)))
                              .arg(loadTarget()));
}

// Where a clicked point goes: the live run has one parameter, the machine tab several.
QString SweepTab::loadTarget() const {
    return running_.shape.isOneCoupling() ? tr("the main view") : tr("the Boltzmann machine tab");
}

void SweepTab::setProgressText(const QString& text) {
    QString format = text;
    progress_->setFormat(format.replace(QLatin1Char('%'), QStringLiteral("%%")));
}

}  // namespace couplinglab::ui
