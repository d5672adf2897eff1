#include "ui/controls/bit_strip.h"

#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "ui/support/number_format.h"

namespace couplinglab::ui {

BitStrip::BitStrip(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("bitStrip"));
    setAccessibleName(QStringLiteral("First bits of X and Y"));
    setToolTip(QStringLiteral(
        "The first pairs of bits: a filled square is 1 and a hollow one 0; the bottom row is "
        "sx·sy, blue (+1) where the bits agree and orange (−1) where they differ, and C is "
        "the sum of that row over all N pairs."));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BitStrip::setBits(std::vector<bool> x, std::vector<bool> y, std::uint64_t pairs) {
    x_ = std::move(x);
    y_ = std::move(y);
    pairs_ = pairs;
    setAccessibleDescription(QStringLiteral("X: %1; Y: %2").arg(bitText(x_), bitText(y_)));
    update();
}

void BitStrip::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.setFont(smallFont());
    const QFontMetrics metrics(smallFont());
    const int n = static_cast<int>(std::min(x_.size(), y_.size()));
    const int columns = columnCount(n);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRect captionRect(0, 0, width(), metrics.height());
    if (columns == 0) {
        painter.drawText(captionRect, Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("no data yet: press Generate"));
        return;
    }
    painter.drawText(captionRect, Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("first %1 of %2 pairs")
                         .arg(columns)
                         .arg(formatCount(static_cast<std::int64_t>(pairs_))));
    const int labelWidth = rowLabelWidth();
    const int cell = std::min(preferredCell() + 4, (width() - labelWidth) / columns);
    const int top = metrics.height() + kGap;
    const std::array<QString, 3> labels{QStringLiteral("X"), QStringLiteral("Y"),
                                        QStringLiteral("sx·sy")};
    for (int row = 0; row < 3; ++row) {
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(0, top + row * (cell + kGap), labelWidth - 4, cell),
                         Qt::AlignRight | Qt::AlignVCenter, labels[row]);
    }
    for (int i = 0; i < columns; ++i) {
        const int left = labelWidth + i * cell;
        drawBit(painter, QRect(left, top, cell, cell), x_[i]);
        drawBit(painter, QRect(left, top + cell + kGap, cell, cell), y_[i]);
        drawProduct(painter, QRect(left, top + 2 * (cell + kGap), cell, cell), x_[i] == y_[i]);
    }
}

QFont BitStrip::smallFont() const {
    QFont small = font();
    small.setPointSizeF(std::max(9.0, font().pointSizeF() - 1.0));
    return small;
}

// The cells grow with the text (View → Zoom), so the row labels keep to their rows.
int BitStrip::preferredCell() const {
    return std::max(kPreferredCell, static_cast<int>(std::lround(kPreferredCell *
                                                                 smallFont().pointSizeF() / 10.0)));
}

int BitStrip::rowLabelWidth() const {
    return QFontMetrics(smallFont()).horizontalAdvance(QStringLiteral("sx·sy")) + 6;
}

// Room for cells a little larger than preferred, which wide panels get.
int BitStrip::preferredHeight() const {
    return QFontMetrics(smallFont()).height() + kGap + 3 * (preferredCell() + 4 + kGap);
}

// Whole bytes of bits, as many as fit at the preferred cell size (at most 64).
int BitStrip::columnCount(int available) const {
    const int fit = (width() - rowLabelWidth()) / preferredCell();
    return std::min({available, 64, std::max(8, fit / 8 * 8)});
}

void BitStrip::drawBit(QPainter& painter, QRect cell, bool one) const {
    const QRect square = cell.adjusted(1, 1, -1, -1);
    const QColor ink = palette().color(QPalette::WindowText);
    painter.setPen(ink);
    painter.setBrush(one ? QBrush(ink) : Qt::NoBrush);
    painter.drawRect(square.adjusted(0, 0, -1, -1));
}

void BitStrip::drawProduct(QPainter& painter, QRect cell, bool agree) {
    // Blue and orange stay distinct for the common colour-vision deficiencies.
    painter.setPen(Qt::NoPen);
    painter.setBrush(agree ? QColor(0x1f, 0x6f, 0xb4) : QColor(0xe6, 0x7e, 0x12));
    painter.drawRect(cell.adjusted(1, 1, -1, -1));
}

QString BitStrip::bitText(const std::vector<bool>& bits) {
    QString text;
    for (bool bit : bits)
        text += bit ? '1' : '0';
    return text;
}

}  // namespace couplinglab::ui
