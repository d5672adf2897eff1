#pragma once

#include <QGroupBox>
#include <vector>

class QLabel;
class QTableWidget;

namespace couplinglab::ui {

struct MachineRunOutcome;

// The K lists of bits a run sampled from, one row per unit: a filled square for +1, a hollow
// one for −1, the first observations only.
class UnitBitStrip final : public QWidget {
    Q_OBJECT
  public:
    explicit UnitBitStrip(QWidget* parent = nullptr);
    void setBits(std::vector<std::vector<bool>> bits);
    int rows() const { return static_cast<int>(bits_.size()); }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    int cell() const;
    int rowHeight() const;
    int labelWidth() const;
    std::vector<std::vector<bool>> bits_;
};

// The data of the run on screen (the Boltzmann machine tab's inputs column): the K lists of
// bits, and each parameter's sufficient statistic T — the sum of its feature (sⱼ·sₖ for a
// coupling, sₖ for a bias) over the N observations — with T/N, which the posterior follows.
//
// Object names: machineBitStrip, machineStatistics.
class MachineDataView final : public QGroupBox {
    Q_OBJECT
  public:
    explicit MachineDataView(QWidget* parent = nullptr);

    void setRun(const MachineRunOutcome& outcome);
    void clear();

    UnitBitStrip* bitStrip() const { return strip_; }
    QTableWidget* statistics() const { return statistics_; }

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void fitTableHeight();

    UnitBitStrip* strip_;
    QLabel* caption_;
    QTableWidget* statistics_;
};

}  // namespace couplinglab::ui
