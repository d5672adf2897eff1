#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>

class QWidget;

namespace couplinglab::ui {

// `key` everywhere, and the platform's standard keys for the same command where they differ
// (F11 and macOS's Ctrl+Cmd+F for full screen). Some platforms bind no key at all to a
// standard command (no Ctrl+Q on Windows), and an action given the same key twice would be
// ambiguous and never trigger.
QList<QKeySequence> keysWithPlatformOnes(const QKeySequence& key,
                                         QKeySequence::StandardKey standard);

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
