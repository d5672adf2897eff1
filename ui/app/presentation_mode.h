#pragma once

#include <QByteArray>
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QToolBar;

namespace couplinglab::ui {

class ZoomController;

// View → Presentation mode (F5): full screen, a large zoom (larger on larger screens), the controls
// collapsed to the tool bar and the explanation beside the plots. Esc, F5 or the menu leave it, and
// the window comes back as it was: layout, zoom and full screen.
class PresentationMode : public QObject {
    Q_OBJECT

  public:
    // The zoom for a screen `screenHeight` pixels high: large enough that the smallest text of
    // plots and controls is at least 16 px high on a 96 dpi screen (9 pt × 1.4 ≈ 17 px), and no
    // larger than a 768-pixel projector leaves room for the plots at: 1.4 there, growing with
    // the height to 1.75 (21 px) from 960 pixels on.
    static constexpr double kSmallScreenZoom = 1.4;
    static constexpr double kZoom = 1.75;
    static double zoomForScreenHeight(int screenHeight);

    struct Parts {
        QDockWidget* controls;
        QDockWidget* explanation;
        QAction* fullScreen;  // checkable; its toggling changes the window's full-screen state
    };

    PresentationMode(QMainWindow& window, ZoomController& zoom, Parts parts);

    QAction* toggleAction() const { return toggle_; }
    QAction* leaveAction() const { return leave_; }
    bool isActive() const { return active_; }

  signals:
    void activeChanged(bool active);

  protected:
    // The first resize after entering (full screen arrives later than the call) sizes the
    // explanation beside the plots.
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void enter();
    void sizeExplanation();
    void leave();

    QMainWindow& window_;
    ZoomController& zoom_;
    Parts parts_;
    QAction* toggle_;
    QAction* leave_;
    bool active_ = false;
    QByteArray savedState_;
    double savedZoom_ = 1.0;
    bool wasFullScreen_ = false;
    bool explanationSized_ = true;
};

}  // namespace couplinglab::ui
