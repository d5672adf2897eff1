#include "ui/app/presentation_mode.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QScreen>
#include <QTimer>
#include <algorithm>

#include "ui/app/zoom_controller.h"

namespace couplinglab::ui {
namespace {
constexpr double kExplanationShare = 0.34;  // of the window's width, beside the plots
constexpr int kSmallScreenHeight = 768;     // a 1024 × 768 projector
constexpr int kLargeScreenHeight = 960;
}  // namespace

PresentationMode::PresentationMode(QMainWindow& window, ZoomController& zoom, Parts parts)
    : QObject(&window),
      window_(window),
      zoom_(zoom),
      parts_(parts),
      toggle_(new QAction(tr("&Presentation mode"), &window)),
      leave_(new QAction(tr("Leave presentation mode"), &window)) {
    toggle_->setCheckable(true);
    toggle_->setShortcut(Qt::Key_F5);
    toggle_->setToolTip(
        tr("Full screen, large text, controls in the tool bar only (F5; Esc leaves)"));
    leave_->setShortcut(Qt::Key_Escape);
    leave_->setEnabled(false);  // Esc means nothing else to the window
    window.installEventFilter(this);
    window.addAction(toggle_);
    window.addAction(leave_);
    connect(toggle_, &QAction::toggled, this, [this](bool on) { on ? enter() : leave(); });
    connect(leave_, &QAction::triggered, this, [this] { toggle_->setChecked(false); });
}

void PresentationMode::enter() {
    if (active_) return;
    savedState_ = window_.saveState();
    savedZoom_ = zoom_.zoom();
    wasFullScreen_ = parts_.fullScreen->isChecked();
    active_ = true;
    leave_->setEnabled(true);

    parts_.controls->hide();
    if (parts_.explanation->isFloating()) parts_.explanation->setFloating(false);
    window_.addDockWidget(Qt::RightDockWidgetArea, parts_.explanation);
    parts_.explanation->show();
    parts_.fullScreen->setChecked(true);
    const QScreen* screen = window_.screen();
    const int height = screen != nullptr ? screen->geometry().height() : kSmallScreenHeight;
    zoom_.setZoom(std::max(savedZoom_, zoomForScreenHeight(height)), /*persist=*/false);
    explanationSized_ = false;
    sizeExplanation();
    emit activeChanged(true);
}

double PresentationMode::zoomForScreenHeight(int screenHeight) {
    const double t = static_cast<double>(screenHeight - kSmallScreenHeight) /
                     (kLargeScreenHeight - kSmallScreenHeight);
    return kSmallScreenZoom + std::clamp(t, 0.0, 1.0) * (kZoom - kSmallScreenZoom);
}

void PresentationMode::sizeExplanation() {
    const int width = static_cast<int>(kExplanationShare * window_.width());
    window_.resizeDocks({parts_.explanation}, {width}, Qt::Horizontal);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
    if (watched == &window_ && event->type() == QEvent::Resize && active_ && !explanationSized_) {
        explanationSized_ = true;
        QTimer::singleShot(0, this, [this] {
            if (active_) sizeExplanation();
        });
    }
    return QObject::eventFilter(watched, event);
}

void PresentationMode::leave() {
    if (!active_) return;
    active_ = false;
    leave_->setEnabled(false);
    zoom_.setZoom(savedZoom_, /*persist=*/false);
    parts_.fullScreen->setChecked(wasFullScreen_);
    window_.restoreState(savedState_);
    emit activeChanged(false);
}

}  // namespace couplinglab::ui
