#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/sweep.h"

namespace couplinglab::ui {

// The points of a sweep as a table with the CSV's columns (kSweepCsvHeader), one row per point
// in the sweep's result order whatever order they finish in. DisplayRole is a short readable
// form; Qt::UserRole is the raw value (a double, or a string for the likelihood), for sorting
// and tests; tooltips explain every column.
class SweepTableModel : public QAbstractTableModel {
    Q_OBJECT

  public:
    enum Column {
        Pairs,
        Units,
        Biases,
        LikelihoodColumn,
        DivideByN,
        Metric,
        C,
        ExactMean,
        ExactSd,
        Mean,
        Sd,
        EssBulk,
        Rhat,
        StepSize,
        EffectiveStepSize,
        Kappa,
        MeanLeapfrogs,
        Divergences,
        Seconds,
        ColumnCount
    };

    explicit SweepTableModel(QObject* parent = nullptr);

    // The CSV's column names, in order.
    static QStringList columnNames();
    // The table's headers, in the same order: words for a reader, not the CSV's identifiers.
    static QStringList headerTitles();

    void clear();
    // Inserted at the row its index in the sweep calls for.
    void addPoint(const SweepPoint& point);
    void setPoints(const std::vector<SweepPoint>& points);
    const std::vector<SweepPoint>& points() const { return points_; }
    const SweepPoint& point(int row) const { return points_[static_cast<std::size_t>(row)]; }
    // The row of the point with this index in the sweep, or -1.
    int rowOfIndex(int sweepIndex) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    std::vector<SweepPoint> points_;
};

}  // namespace couplinglab::ui
