#include "ui/sweep/sweep_table_model.h"

#include <QColor>
#include <QLocale>
#include <algorithm>
#include <cmath>

#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

namespace {

QString number(double value, int digits = 4) {
    if (std::isnan(value)) return QStringLiteral("n/a");
    return QLocale::c().toString(value, 'g', digits);
}

QString metricText(MetricKind metric) {
    switch (metric) {
        case MetricKind::Unit:
            return QObject::tr("unit");
        case MetricKind::Diagonal:
            return QObject::tr("adapted diagonal");
        case MetricKind::Dense:
            return QObject::tr("adapted dense");
    }
    return {};
}

QString tooltip(int column) {
    switch (column) {
        case SweepTableModel::Pairs:
            return QObject::tr("N, the number of pairs of bits");
        case SweepTableModel::LikelihoodColumn:
            return QObject::tr(
                "potential: w·C alone; boltzmann: the exact likelihood w·C − "
                "N·log(4 cosh w)");
        case SweepTableModel::DivideByN:
            return QObject::tr("1 when the likelihood is divided by N");
        case SweepTableModel::Units:
            return QObject::tr(
                "K, the units of the machine (2 without biases: the one coupling w)");
        case SweepTableModel::Biases:
            return QObject::tr("1 when the model has a bias on each unit");
        case SweepTableModel::Metric:
            return QObject::tr(
                "diag: warmup adapted a diagonal metric (inverse mass); dense: a full one; unit: "
                "none");
        case SweepTableModel::C:
            return QObject::tr(
                "C = Σ sx·sy = N − 2·Hamming(X, Y), all the model needs of the data (of a "
                "machine: T₁₂, the statistic of w₁₂)");
        case SweepTableModel::ExactMean:
            return QObject::tr(
                "mean of the exact posterior of w (of a machine: w₁₂'s, Laplace approximation)");
        case SweepTableModel::ExactSd:
            return QObject::tr("sd of the exact posterior of w (of a machine: as the mean)");
        case SweepTableModel::Kappa:
            return QObject::tr(
                "κ, the posterior's condition number in chain 1's metric's units: ε is held to "
                "the narrowest width, so the steps a draw grow like √κ");
        case SweepTableModel::Mean:
            return QObject::tr("mean of the draws after warmup, all chains");
        case SweepTableModel::Sd:
            return QObject::tr("sd of the draws after warmup, all chains");
        case SweepTableModel::EssBulk:
            return QObject::tr("bulk effective sample size (of a machine: the smallest)");
        case SweepTableModel::Rhat:
            return QObject::tr(
                "rank-normalised split R-hat; below 1.01 is good (of a machine: the largest)");
        case SweepTableModel::StepSize:
            return QObject::tr("adapted step size ε, mean over chains");
        case SweepTableModel::EffectiveStepSize:
            return QObject::tr(
                "ε·√(inverse metric): the step in units of w, to compare with the "
                "posterior sd");
        case SweepTableModel::MeanLeapfrogs:
            return QObject::tr("leapfrog steps per draw after warmup: the cost of a draw");
        case SweepTableModel::Divergences:
            return QObject::tr("divergent transitions after warmup, all chains");
        case SweepTableModel::Seconds:
            return QObject::tr("wall-clock seconds of this point's chains");
        default:
            return {};
    }
}

}  // namespace

SweepTableModel::SweepTableModel(QObject* parent) : QAbstractTableModel(parent) {}

QStringList SweepTableModel::columnNames() {
    return QString::fromUtf8(kSweepCsvHeader.data(), static_cast<qsizetype>(kSweepCsvHeader.size()))
        .split(QLatin1Char(','));
}

QStringList SweepTableModel::headerTitles() {
    return {tr("N"),
            tr("K"),
            tr("biases"),
            tr("likelihood"),
            tr("÷ N"),
            tr("metric"),
            tr("C"),
            tr("exact mean"),
            tr("exact sd"),
            tr("mean"),
            tr("sd"),
            tr("bulk ESS"),
            tr("R-hat"),
            tr("ε"),
            tr("ε·√M⁻¹"),
            tr("κ"),
            tr("leapfrogs / draw"),
            tr("divergences"),
            tr("seconds")};
}

void SweepTableModel::clear() {
    beginResetModel();
    points_.clear();
    endResetModel();
}

void SweepTableModel::addPoint(const SweepPoint& point) {
    const auto at = std::ranges::upper_bound(points_, point.index, {}, &SweepPoint::index);
    const int row = static_cast<int>(at - points_.begin());
    beginInsertRows(QModelIndex(), row, row);
    points_.insert(at, point);
    endInsertRows();
}

void SweepTableModel::setPoints(const std::vector<SweepPoint>& points) {
    beginResetModel();
    points_ = points;
    std::ranges::stable_sort(points_, {}, &SweepPoint::index);
    endResetModel();
}

int SweepTableModel::rowOfIndex(int sweepIndex) const {
    const auto at = std::ranges::lower_bound(points_, sweepIndex, {}, &SweepPoint::index);
    return at != points_.end() && at->index == sweepIndex ? static_cast<int>(at - points_.begin())
                                                          : -1;
}

int SweepTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(points_.size());
}

int SweepTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SweepTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const SweepPoint& p = point(index.row());
    const int column = index.column();
    if (role == Qt::UserRole) {
        switch (column) {
            case Pairs:
                return static_cast<double>(p.pairs);
            case LikelihoodColumn:
                return QString::fromUtf8(toString(p.likelihood));
            case DivideByN:
                return p.divideByN ? 1.0 : 0.0;
            case Units:
                return static_cast<double>(p.units);
            case Biases:
                return p.biases ? 1.0 : 0.0;
            case Metric:
                return QString::fromUtf8(toString(p.metric));
            case Kappa:
                return p.conditionNumber;
            case C:
                return static_cast<double>(p.c);
            case ExactMean:
                return p.exactMean;
            case ExactSd:
                return p.exactSd;
            case Mean:
                return p.mean;
            case Sd:
                return p.sd;
            case EssBulk:
                return p.essBulk;
            case Rhat:
                return p.rhat;
            case StepSize:
                return p.stepSize;
            case EffectiveStepSize:
                return p.effectiveStepSize;
            case MeanLeapfrogs:
                return p.meanLeapfrogs;
            case Divergences:
                return static_cast<double>(p.divergences);
            case Seconds:
                return p.seconds;
            default:
                return {};
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
            case Pairs:
                return QString::number(p.pairs);
            case LikelihoodColumn:
                return QString::fromUtf8(toString(p.likelihood));
            case DivideByN:
                return p.divideByN ? QStringLiteral("1") : QStringLiteral("0");
            case Units:
                return QString::number(p.units);
            case Biases:
                return p.biases ? QStringLiteral("1") : QStringLiteral("0");
            case Metric:
                return QString::fromUtf8(toString(p.metric));
            case C:
                return QString::number(p.c);
            case EssBulk:
                return number(p.essBulk, 3);
            case Rhat:
                return number(p.rhat, 4);
            case Divergences:
                return QString::number(p.divergences);
            case Seconds:
                return number(p.seconds, 2);
            default:
                return number(data(index, Qt::UserRole).toDouble());
        }
    }
    if (role == Qt::TextAlignmentRole) {
        const bool text = column == LikelihoodColumn || column == Metric;
        return QVariant::fromValue(Qt::AlignVCenter | (text ? Qt::AlignLeft : Qt::AlignRight));
    }
    if (role == Qt::ForegroundRole) {
        if ((column == Rhat && p.rhat > 1.01) || (column == Divergences && p.divergences > 0))
            return PlotStyle::divergence();
    }
    if (role == Qt::ToolTipRole) {
        const bool oneCoupling = MachineShape{p.units, p.biases}.isOneCoupling();
        return tr("N = %1, %2%3, %4 metric, seed %5 — click to load into %6")
            .arg(p.pairs)
            .arg(p.likelihood == Likelihood::ExactBoltzmann ? tr("exact Boltzmann")
                                                            : tr("potential only"))
            .arg(p.divideByN ? tr(" ÷ N") : QString())
            .arg(metricText(p.metric))
            .arg(p.seed)
            .arg(oneCoupling ? tr("the live run") : tr("the Boltzmann machine tab"));
    }
    return {};
}

QVariant SweepTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) return headerTitles().at(section);
    if (role == Qt::ToolTipRole) {
        return tr("%1 (CSV column %2)").arg(tooltip(section), columnNames().at(section));
    }
    return {};
}

}  // namespace couplinglab::ui
