#include "ui/plots/zoomable_plot.h"

#include <QMouseEvent>
#include <QPaintEvent>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace couplinglab::ui {

ZoomablePlot::ZoomablePlot(QWidget* parent) : QCustomPlot(parent) {}

void ZoomablePlot::setZoom(double zoom) {
    if (!(zoom > 0.0) || qFuzzyCompare(zoom, zoom_)) return;
    zoom_ = zoom;
    fitViewport();
    replot(rpQueuedRefresh);
}

double ZoomablePlot::bufferRatio() const {
    return devicePixelRatioF() * zoom_;
}

void ZoomablePlot::fitViewport() {
    const QSize logical(std::max(1, static_cast<int>(std::lround(width() / zoom_))),
                        std::max(1, static_cast<int>(std::lround(height() / zoom_))));
    setViewport(QRect(QPoint(0, 0), logical));
    setBufferDevicePixelRatio(bufferRatio());
}

void ZoomablePlot::resizeEvent(QResizeEvent* event) {
    QCustomPlot::resizeEvent(event);  // sets the viewport to the whole widget and queues a replot
    if (zoom_ != 1.0) fitViewport();
}

// The buffers hold the viewport at zoom × device pixels: drawn scaled by the zoom they cover the
// widget pixel for pixel. (QCustomPlot's own paintEvent would reset their ratio to the screen's.)
void ZoomablePlot::paintEvent(QPaintEvent* event) {
    if (zoom_ == 1.0) {
        QCustomPlot::paintEvent(event);
        return;
    }
    if (!qFuzzyCompare(bufferDevicePixelRatio(), bufferRatio())) {
        setBufferDevicePixelRatio(bufferRatio());  // moved to a screen of another density
        replot(rpQueuedRefresh);
        return;
    }
    QCPPainter painter(this);
    if (!painter.isActive()) return;
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.scale(zoom_, zoom_);
    if (mBackgroundBrush.style() != Qt::NoBrush) painter.fillRect(viewport(), mBackgroundBrush);
    drawBackground(&painter);
    for (const QSharedPointer<QCPAbstractPaintBuffer>& buffer : std::as_const(mPaintBuffers))
        buffer->draw(&painter);
}

template <class Handler>
void ZoomablePlot::forwardMouse(QMouseEvent* event, Handler handler) {
    if (zoom_ == 1.0) {
        handler(event);
        return;
    }
    QMouseEvent mapped(event->type(), toViewport(event->position()), event->scenePosition(),
                       event->globalPosition(), event->button(), event->buttons(),
                       event->modifiers(), event->pointingDevice());
    mapped.setAccepted(event->isAccepted());
    handler(&mapped);
    event->setAccepted(mapped.isAccepted());
}

void ZoomablePlot::mouseDoubleClickEvent(QMouseEvent* event) {
    forwardMouse(event, [this](QMouseEvent* e) { QCustomPlot::mouseDoubleClickEvent(e); });
}

void ZoomablePlot::mousePressEvent(QMouseEvent* event) {
    forwardMouse(event, [this](QMouseEvent* e) { QCustomPlot::mousePressEvent(e); });
}

void ZoomablePlot::mouseMoveEvent(QMouseEvent* event) {
    forwardMouse(event, [this](QMouseEvent* e) { QCustomPlot::mouseMoveEvent(e); });
}

void ZoomablePlot::mouseReleaseEvent(QMouseEvent* event) {
    forwardMouse(event, [this](QMouseEvent* e) { QCustomPlot::mouseReleaseEvent(e); });
}

void ZoomablePlot::wheelEvent(QWheelEvent* event) {
    if (zoom_ == 1.0) {
        QCustomPlot::wheelEvent(event);
        return;
    }
    QWheelEvent mapped(toViewport(event->position()), event->globalPosition(), event->pixelDelta(),
                       event->angleDelta(), event->buttons(), event->modifiers(), event->phase(),
                       event->inverted(), event->source(), event->pointingDevice());
    QCustomPlot::wheelEvent(&mapped);
    event->setAccepted(mapped.isAccepted());
}

}  // namespace couplinglab::ui
