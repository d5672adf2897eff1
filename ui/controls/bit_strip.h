#pragma once

#include <QWidget>
#include <cstdint>
#include <vector>

class QPainter;

namespace couplinglab::ui {

// The first bits of X and Y, and their product sx·sy: filled squares for 1, hollow for 0, and
// a blue (agree) or orange (differ) cell per pair, so C = Σ sx·sy can be seen being counted.
class BitStrip final : public QWidget {
  public:
    explicit BitStrip(QWidget* parent);

    void setBits(std::vector<bool> x, std::vector<bool> y, std::uint64_t pairs);

    QSize sizeHint() const override { return {280, preferredHeight()}; }
    QSize minimumSizeHint() const override { return {160, preferredHeight()}; }

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    static constexpr int kPreferredCell = 8;  // at the small font's usual 10 pt
    static constexpr int kGap = 2;

    QFont smallFont() const;
    int preferredCell() const;
    int rowLabelWidth() const;
    int preferredHeight() const;
    int columnCount(int available) const;
    void drawBit(QPainter& painter, QRect cell, bool one) const;
    static void drawProduct(QPainter& painter, QRect cell, bool agree);
    static QString bitText(const std::vector<bool>& bits);

    std::vector<bool> x_, y_;
    std::uint64_t pairs_ = 0;
};

}  // namespace couplinglab::ui
