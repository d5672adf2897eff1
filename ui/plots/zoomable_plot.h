#pragma once

#include <qcustomplot.h>

namespace couplinglab::ui {

// A QCustomPlot drawn at a zoom factor: it lays itself out on a viewport of its size divided by
// the zoom and paints that viewport scaled up, with buffers of the full resolution. Every font,
// line width, marker, margin and tick therefore grows together, and the layout reflows as if
// the plot were that much smaller, the way an exported image at a scale does. Mouse positions
// are mapped into the viewport, so dragging, zooming the axes and double clicks still work.
class ZoomablePlot : public QCustomPlot {
    Q_OBJECT

  public:
    explicit ZoomablePlot(QWidget* parent = nullptr);

    double zoom() const { return zoom_; }
    // 1 draws at the widget's own size; larger draws everything larger.
    void setZoom(double zoom);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

  private:
    void fitViewport();
    double bufferRatio() const;
    QPointF toViewport(QPointF widgetPosition) const { return widgetPosition / zoom_; }
    // Runs `handler` on a copy of `event` whose position is in viewport coordinates.
    template <class Handler>
    void forwardMouse(QMouseEvent* event, Handler handler);

    double zoom_ = 1.0;
};

}  // namespace couplinglab::ui
