#include "ui/app/status_field.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QResizeEvent>
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

namespace couplinglab::ui {

StatusFieldRow::StatusFieldRow(const QList<StatusField*>& byImportance,
                               const QList<StatusField*>& inOrder, QWidget* parent)
    : QWidget(parent), byImportance_(byImportance) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->setSizeConstraint(QLayout::SetNoConstraint);  // the row may be narrower than its fields
    layout->addStretch(1);
    for (StatusField* field : inOrder) {
        layout->addWidget(field);
        field->installEventFilter(this);  // a field that widens may no longer fit
    }
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

QSize StatusFieldRow::minimumSizeHint() const {
    int height = 0;
    for (const StatusField* field : byImportance_)
        height = std::max(height, field->height());
    return {0, height};
}

QSize StatusFieldRow::sizeHint() const {
    int width = 0;
    for (const StatusField* field : byImportance_)
        width += field->width();
    return {width, minimumSizeHint().height()};
}

void StatusFieldRow::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    showWhatFits(width());
}

bool StatusFieldRow::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize && watched->parent() == this) showWhatFits(width());
    return QWidget::eventFilter(watched, event);
}

void StatusFieldRow::showWhatFits(int width) {
    int used = 0;
    for (StatusField* field : byImportance_) {
        const int wanted = field->minimumWidth();
        const bool fits = used + wanted <= width;
        if (fits) used += wanted;
        if (field->isVisibleTo(this) != fits) field->setVisible(fits);
    }
}

}  // namespace couplinglab::ui
