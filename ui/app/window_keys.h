#pragma once

#include <QObject>

class QWidget;

namespace couplinglab::ui {

// Lets Space reach the window's Start/Pause shortcut while a number box has the focus. A spin
// box claims every printable key for its line edit, so Space would otherwise do nothing there;
// numbers take no spaces (the boxes ignore them), so nothing is lost. Text fields where a space
// means something (a plain QLineEdit, a text editor) keep it.
class SpaceReachesRunShortcut : public QObject {
    Q_OBJECT

  public:
    // Filters the events of `window` and its children (installed on the application, which sees
    // a shortcut override before the focused widget does).
    explicit SpaceReachesRunShortcut(QWidget& window);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QWidget& window_;
};

}  // namespace couplinglab::ui
