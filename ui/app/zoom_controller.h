#pragma once

#include <QObject>
#include <array>

class QAction;
class QMainWindow;
class QSettings;
class QWidget;

namespace couplinglab::ui {

// View → Zoom in / Zoom out / Actual size: scales every font of the window's widgets, the
// tool bar's icons, the plots (fonts, lines and markers, see ZoomablePlot) and the plots'
// minimum sizes, so that the layout reflows as on a smaller screen. The zoom persists in
// the window's QSettings under view/zoom.
class ZoomController : public QObject {
    Q_OBJECT

  public:
    // The steps Zoom in and Zoom out walk through, from 75 % to 300 %.
    static constexpr std::array<double, 11> kSteps{0.75, 0.9, 1.0,  1.1, 1.25, 1.5,
                                                   1.75, 2.0, 2.25, 2.5, 3.0};
    static constexpr double kMinimum = 0.75;
    static constexpr double kMaximum = 3.0;

    ZoomController(QMainWindow& window, QSettings& settings);

    QAction* zoomInAction() const { return zoomIn_; }
    QAction* zoomOutAction() const { return zoomOut_; }
    QAction* actualSizeAction() const { return actualSize_; }

    double zoom() const { return zoom_; }
    // Clamped to [kMinimum, kMaximum]. `persist`: remember it for the next start (presentation
    // mode's zoom is not remembered).
    void setZoom(double zoom, bool persist = true);
    // Applies the current zoom again, e.g. to widgets created since.
    void reapply();

  signals:
    void zoomChanged(double zoom);

  private:
    void applyToWidget(QWidget* widget) const;

    QMainWindow& window_;
    QSettings& settings_;
    QAction* zoomIn_;
    QAction* zoomOut_;
    QAction* actualSize_;
    double zoom_ = 1.0;
    double appliedZoom_ = 1.0;  // the zoom the widgets show now
};

}  // namespace couplinglab::ui
