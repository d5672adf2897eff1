#include "ui/controls/transient_hint.h"

namespace couplinglab::ui {
namespace {

// Long enough to read a short sentence, short enough not to linger over the next edit.
constexpr int kHintMilliseconds = 3000;

}  // namespace

TransientHint::TransientHint(QWidget* parent, const char* objectName) : QLabel(parent) {
    setObjectName(QString::fromLatin1(objectName));
    setAccessibleName(QStringLiteral("Correction notice"));
    setWordWrap(true);
    setStyleSheet(
        QStringLiteral("color: #9b1c1c; background: #fdeaea; border: 1px solid "
                       "#efb0b0; border-radius: 3px; padding: 2px 4px;"));
    timer_.setSingleShot(true);
    timer_.setInterval(kHintMilliseconds);
    connect(&timer_, &QTimer::timeout, this, &QLabel::hide);
    hide();
}

void TransientHint::flash(const QString& text) {
    setText(text);
    show();
    timer_.start();
}

}  // namespace couplinglab::ui
