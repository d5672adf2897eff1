#include "ui/status_field.h"

#include <QEvent>
#include <algorithm>

namespace couplinglab::ui {

StatusField::StatusField(const QString& widestExpected, QWidget* parent)
    : QLabel(parent), widestExpected_(widestExpected) {
    fit(true);
}

void StatusField::setText(const QString& text) {
    if (text == this->text()) return;
    QLabel::setText(text);
    fit(false);
}

void StatusField::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange ||
        event->type() == QEvent::ContentsRectChange)
        fit(true);
}

void StatusField::fit(bool allowShrinking) {
    // A label's size hint is its text's own, whatever size it is fixed at.
    const QSize wanted = QLabel::sizeHint();
    const QMargins margins = contentsMargins();
    const int expected = fontMetrics().horizontalAdvance(widestExpected_) + margins.left() +
                         margins.right() + 2 * margin();
    const int width = std::max({wanted.width(), expected, allowShrinking ? 0 : minimumWidth()});
    if (minimumSize() == QSize(width, wanted.height()) &&
        maximumSize() == QSize(width, wanted.height()))
        return;
    setFixedSize(width, wanted.height());
}

}  // namespace couplinglab::ui
