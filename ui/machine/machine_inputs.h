#pragma once

#include <QWidget>

#include "ui/machine/machine_worker.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;

namespace couplinglab::ui {

class IntegerSpinBox;
class RealSpinBox;
class TransientHint;

// The Boltzmann machine tab's inputs: the data (units K, biases, the true couplings and biases
// θ* in a K×K upper triangle with a row of biases, "all couplings = W" as the quick path, N and
// the data seed), the model (likelihood, divide by N) and the sampler (metric unit / diagonal /
// dense, chains, warmup, draws, seed). A cell of θ* that is not a number in [−10, 10] goes back
// to its last value and the hint names the cell and the problem.
//
// Object names: unitsSpin, biasesCheck, thetaTable, allCouplingsSpin, allCouplingsButton,
// observationsSpin, dataSeedSpin, likelihoodCombo, divideByNCheck, metricCombo, chainsSpin,
// warmupSpin, drawsSpin, seedSpin, machineHint, bitsFileLabel, generatedBitsButton.
class MachineInputs : public QWidget {
    Q_OBJECT
  public:
    explicit MachineInputs(QWidget* parent = nullptr);

    MachineRunSpec spec() const;
    void setSpec(const MachineRunSpec& spec);
    // Bits from a file in place of generated ones: K and N become the file's, and θ*, N and
    // the data seed are locked until "Use generated bits" (or a preset, lesson or session).
    void setBits(std::shared_ptr<const MachineData> bits, const QString& file);
    void setMetric(MetricKind metric);
    MetricKind metric() const;
    QTableWidget* thetaTable() const { return theta_; }
    // While a run goes on every input is locked but the metric, which switches the running
    // chains (from where they are, with a new warmup).
    void setRunning(bool running);

  signals:
    void specChanged();
    // The user picked a metric (not a session, preset or lesson setting every input).
    void metricChosen(couplinglab::MetricKind metric);
    // Generate data was pressed.
    void generateRequested();

  protected:
    void changeEvent(QEvent* event) override;

  private:
    QWidget* createDataGroup();
    QWidget* createModelGroup();
    QWidget* createSamplerGroup();
    void resizeTheta(int units);
    void showDataSource();
    void updateBiasRow();
    void fitThetaHeight();
    void setAllCouplings();
    void onCellChanged(QTableWidgetItem* item);
    QTableWidgetItem* cell(int row, int column) const;
    QString cellName(int row, int column) const;

    IntegerSpinBox* units_ = nullptr;
    QCheckBox* biases_ = nullptr;
    QTableWidget* theta_ = nullptr;
    RealSpinBox* allCouplings_ = nullptr;
    IntegerSpinBox* observations_ = nullptr;
    IntegerSpinBox* dataSeed_ = nullptr;
    QComboBox* likelihood_ = nullptr;
    QCheckBox* divideByN_ = nullptr;
    QComboBox* metric_ = nullptr;
    IntegerSpinBox* chains_ = nullptr;
    IntegerSpinBox* warmup_ = nullptr;
    IntegerSpinBox* draws_ = nullptr;
    IntegerSpinBox* seed_ = nullptr;
    TransientHint* hint_ = nullptr;
    QLabel* bitsLabel_ = nullptr;
    QPushButton* generatedBitsButton_ = nullptr;
    QPushButton* setAllButton_ = nullptr;
    std::shared_ptr<const MachineData> bits_;
    QString bitsFile_;
    bool running_ = false;
    bool filling_ = false;
};

}  // namespace couplinglab::ui
