#include "ui/machine/machine_data_view.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/machine/machine_worker.h"
#include "ui/support/number_format.h"

namespace couplinglab::ui {
namespace {

constexpr int kGap = 1;
constexpr int kPreferredColumns = 32;

}  // namespace

UnitBitStrip::UnitBitStrip(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("machineBitStrip"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void UnitBitStrip::setBits(std::vector<std::vector<bool>> bits) {
    bits_ = std::move(bits);
    updateGeometry();
    update();
}

// A square as tall as the small text, so that the strip grows with presentation mode's zoom.
int UnitBitStrip::cell() const {
    return std::max(6, fontMetrics().height() * 2 / 3);
}

int UnitBitStrip::labelWidth() const {
    return fontMetrics().horizontalAdvance(QStringLiteral("s8 "));
}

// A row as tall as its label.
int UnitBitStrip::rowHeight() const {
    return std::max(cell() + kGap, fontMetrics().height());
}

QSize UnitBitStrip::sizeHint() const {
    const int rows = std::max(1, static_cast<int>(bits_.size()));
    return {labelWidth() + kPreferredColumns * (cell() + kGap), rows * rowHeight() + kGap};
}

QSize UnitBitStrip::minimumSizeHint() const {
    return {labelWidth() + 8 * (cell() + kGap), sizeHint().height()};
}

void UnitBitStrip::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    const int size = cell();
    const int left = labelWidth();
    const int columns = std::max(0, (width() - left) / (size + kGap));
    const QColor ink = palette().color(QPalette::WindowText);
    for (std::size_t unit = 0; unit < bits_.size(); ++unit) {
        const int rowTop = kGap + static_cast<int>(unit) * rowHeight();
        const int top = rowTop + (rowHeight() - size) / 2;
        painter.setPen(ink);
        painter.drawText(QRect(0, rowTop, left, rowHeight()), Qt::AlignVCenter | Qt::AlignLeft,
                         QStringLiteral("s%1").arg(unit + 1));
        const std::vector<bool>& row = bits_[unit];
        const int shown = std::min(columns, static_cast<int>(row.size()));
        for (int i = 0; i < shown; ++i) {
            const QRect square(left + i * (size + kGap), top, size - 1, size - 1);
            painter.setPen(ink);
            painter.setBrush(row[static_cast<std::size_t>(i)] ? QBrush(ink) : Qt::NoBrush);
            painter.drawRect(square);
        }
    }
}

MachineDataView::MachineDataView(QWidget* parent)
    : QGroupBox(tr("The run's data"), parent),
      strip_(new UnitBitStrip(this)),
      caption_(new QLabel(this)),
      statistics_(new QTableWidget(this)) {
    auto* column = new QVBoxLayout(this);
    caption_->setWordWrap(true);
    statistics_->setObjectName(QStringLiteral("machineStatistics"));
    statistics_->setColumnCount(3);
    statistics_->setHorizontalHeaderLabels({tr("parameter"), tr("T"), tr("T / N")});
    statistics_->verticalHeader()->hide();
    statistics_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    statistics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    statistics_->setSelectionMode(QAbstractItemView::NoSelection);
    statistics_->setFocusPolicy(Qt::NoFocus);
    statistics_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    statistics_->setToolTip(
        tr("Each parameter's sufficient statistic: the sum over the N observations of sⱼ·sₖ "
           "(a coupling) or sₖ (a bias), with spins ±1. The likelihood sees the data only "
           "through these."));
    column->addWidget(strip_);
    column->addWidget(caption_);
    column->addWidget(statistics_);
    clear();
}

void MachineDataView::clear() {
    strip_->setBits({});
    strip_->hide();
    statistics_->setRowCount(0);
    statistics_->hide();
    caption_->setText(
        tr("Run generates the K lists of bits; they and their sufficient "
           "statistics show here."));
}

void MachineDataView::setRun(const MachineRunOutcome& outcome) {
    strip_->setBits(outcome.firstBits);
    strip_->show();
    const auto n = static_cast<double>(outcome.counts.observations());
    const Eigen::VectorXd sums = outcome.counts.featureSums();
    caption_->setText(tr("The first observations of each unit (filled: +1), and the sums the "
                         "likelihood sees, N = %1:")
                          .arg(formatCount(static_cast<std::int64_t>(n))));
    statistics_->setRowCount(outcome.dimension());
    for (int i = 0; i < outcome.dimension() && i < sums.size(); ++i) {
        const QStringList cells{outcome.names[i], formatCount(std::llround(sums[i])),
                                formatNumber(n > 0 ? sums[i] / n : 0.0, 3)};
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                          : Qt::AlignRight | Qt::AlignVCenter);
            statistics_->setItem(i, c, item);
        }
    }
    statistics_->show();
    fitTableHeight();
}

// Every row shows: the column scrolls, the table does not.
void MachineDataView::fitTableHeight() {
    statistics_->resizeRowsToContents();
    int height =
        statistics_->horizontalHeader()->sizeHint().height() + 2 * statistics_->frameWidth();
    for (int r = 0; r < statistics_->rowCount(); ++r)
        height += statistics_->rowHeight(r);
    statistics_->setFixedHeight(height);
}

void MachineDataView::changeEvent(QEvent* event) {
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::FontChange) fitTableHeight();
}

}  // namespace couplinglab::ui
