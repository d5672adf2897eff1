// What a student takes home: the model as code (View ▸ Model as code…) and the bits (File ▸
// Save bits…), each of the tab in front.
#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <stdexcept>

#include "core/input_error.h"
#include "core/machine_data_io.h"
#include "ui/files/bit_files.h"

#include "ui/app/main_window.h"
#include "ui/code/model_code_panel.h"
#include "ui/machine/machine_inputs.h"
#include "ui/machine/machine_tab.h"
#include "ui/run/sampling_controller.h"

namespace couplinglab::ui {

bool MainWindow::machineInFront() const {
    return tabs_->currentWidget()->isAncestorOf(machineTab_);
}

ModelCodeSpec MainWindow::modelCodeSpec() const {
    if (machineInFront()) {
        const MachineRunSpec spec = machineTab_->inputs()->spec();
        return {spec.shape(), spec.model, spec.sampler};
    }
    const RunSettings settings = currentSettings();
    return {MachineShape{2, false}, settings.model, settings.sampler};
}

void MainWindow::createCodePanel() {
    codePanel_ = new ModelCodePanel({[this] { return modelCodeSpec(); },
                                     [this] {
                                         return machineInFront() ? tr("the Boltzmann machine tab")
                                                                 : tr("the Live run tab");
                                     }},
                                    qsettings_, this);
    connect(codePanel_, &ModelCodePanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    // Cheap to generate; refresh() leaves the text alone while it does not change.
    connect(&slowTimer_, &QTimer::timeout, codePanel_, &ModelCodePanel::refresh);
    connect(tabs_, &QTabWidget::currentChanged, codePanel_, &ModelCodePanel::refresh);

    modelCodeAction_ = new QAction(tr("Model as &code…"), this);
    modelCodeAction_->setObjectName(QStringLiteral("modelCodeAction"));
    modelCodeAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    modelCodeAction_->setToolTip(
        tr("The model as a Stan, PyMC or NumPyro program to run on the saved bits"));
    connect(modelCodeAction_, &QAction::triggered, this, [this] {
        codePanel_->show();
        codePanel_->raise();
        codePanel_->activateWindow();
    });
}

MachineData MainWindow::bitsInFront() const {
    const std::uint64_t observations = machineInFront()
                                           ? machineTab_->inputs()->spec().data.observations
                                           : currentSettings().data.pairs;
    if (observations > kMaxSavedObservations) {
        throw InputError(tr("%1 observations are more than Save bits writes (%2); use "
                            "couplinglab-cli --data-output for larger sets")
                             .arg(observations)
                             .arg(kMaxSavedObservations)
                             .toStdString());
    }
    if (machineInFront()) return MachineData::generate(machineTab_->inputs()->spec().data);
    return machineDataOf(BitData::generate(currentSettings().data));
}

void MainWindow::saveBitsInteractively() {
    const QString folder =
        qsettings_
            .value(QStringLiteral("bits/folder"),
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    QString filter = tr("CSV, as couplinglab-cli --data-output (*.csv)");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save bits"), QDir(folder).filePath(QStringLiteral("bits.csv")),
        filter + QStringLiteral(";;") + tr("NumPy array (*.npy)"), &filter);
    if (path.isEmpty()) return;
    QString target = path;
    if (bitsFileKind(target).isEmpty())
        target +=
            filter.contains(QLatin1String("npy")) ? QStringLiteral(".npy") : QStringLiteral(".csv");
    try {
        const MachineData data = bitsInFront();
        saveBitsFile(target, data);
        qsettings_.setValue(QStringLiteral("bits/folder"), QFileInfo(target).absolutePath());
        statusBar()->showMessage(tr("Saved %1 observations of %2 units to %3")
                                     .arg(data.observations())
                                     .arg(data.units())
                                     .arg(target),
                                 5000);
    } catch (const std::exception& error) {
        QMessageBox::warning(this, tr("Could not save the bits"),
                             QString::fromStdString(error.what()));
    }
}

void MainWindow::openBitsInteractively() {
    const QString folder =
        qsettings_
            .value(QStringLiteral("bits/folder"),
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open bits"), folder,
        tr("Bits (*.csv *.npy);;CSV, a header row and K columns of 0/1 or -1/+1 (*.csv);;"
           "NumPy array of shape (N, K) (*.npy)"));
    if (path.isEmpty()) return;
    QString problem;
    try {
        openBits(path);
    } catch (const std::exception& error) {
        problem = QString::fromStdString(error.what());
    }
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Could not open the bits"),
                             tr("%1\n\nNothing was changed.").arg(problem));
    }
}

void MainWindow::openBits(const QString& path) {
    if (machineTab_->isRunning()) {
        throw InputError(tr("A run is going on in the Boltzmann machine tab; cancel it, then "
                            "open the bits")
                             .toStdString());
    }
    auto bits = std::make_shared<const MachineData>(readBitsFile(path.toStdString()));
    if (bits->observations() > kMaxObservations) {
        throw InputError(tr("%1 holds %2 observations; the Boltzmann machine tab takes at most %3")
                             .arg(path)
                             .arg(bits->observations())
                             .arg(kMaxObservations)
                             .toStdString());
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    tabs_->setCurrentIndex(tabs_->indexOf(machineScroll_));
    machineTab_->openBits(bits, absolute);
    qsettings_.setValue(QStringLiteral("bits/folder"), QFileInfo(absolute).absolutePath());
    statusBar()->showMessage(tr("Opened %1: %2 observations of %3 units; press Run to sample them")
                                 .arg(QFileInfo(path).fileName())
                                 .arg(bits->observations())
                                 .arg(bits->units()),
                             8000);
}

void MainWindow::createBitsActions() {
    openBitsAction_ = new QAction(tr("Open b&its…"), this);
    openBitsAction_->setObjectName(QStringLiteral("openBitsAction"));
    openBitsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openBitsAction_->setToolTip(
        tr("Sample your own bits (CSV or NumPy .npy) in the Boltzmann "
           "machine tab"));
    connect(openBitsAction_, &QAction::triggered, this, &MainWindow::openBitsInteractively);

    saveBitsAction_ = new QAction(tr("Save &bits…"), this);
    saveBitsAction_->setObjectName(QStringLiteral("saveBitsAction"));
    saveBitsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    saveBitsAction_->setToolTip(
        tr("The bits of the tab in front as CSV or NumPy, for the model's code or a notebook"));
    connect(saveBitsAction_, &QAction::triggered, this, &MainWindow::saveBitsInteractively);
}

}  // namespace couplinglab::ui
