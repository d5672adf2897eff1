#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

#include "ui/support/paced_queue.h"

class QCustomPlot;
class QCPAxis;
class QCPItemText;
class QCPLayoutGrid;
class QCPTextElement;

namespace couplinglab::ui {

// One plot of the window: a QCustomPlot whose own layout carries a bold title and a one-line
// explanation above the axes, so that an exported image explains itself on a slide.
//
// Every time the plot is laid out for drawing, on screen or into an exported file, the panel
// fits its words to the size being drawn: the explanation goes when the plot is short, long
// axis labels give way to short ones, and a legend in the title line wraps when it is narrow.
class PlotPanel : public QWidget {
    Q_OBJECT

  public:
    PlotPanel(const QString& title, const QString& subtitle, QWidget* parent = nullptr);
    ~PlotPanel() override;

    QCustomPlot* plot() const { return plot_; }
    QString title() const;
    QString subtitle() const;
    // For a panel that shows something else now, or that another window uses differently.
    void setTitles(const QString& title, const QString& subtitle);
    // Stable file-name stem for exports: "trace", "posterior", "step-size", ...
    virtual QString exportName() const = 0;

    // Coalesces any number of requests within one event-loop pass into one repaint. While live
    // rendering with a paced queue, the repaint waits its turn in the queue instead.
    void requestReplot();
    // At full speed the window's panels replot through one PacedQueue, each in its own turn of
    // the event loop: one refresh is then several short pauses of the GUI thread, each as long
    // as one panel's drawing, rather than one long one. Null: replot at the next turn.
    void setLiveReplotQueue(PacedQueue* queue) { liveQueue_ = queue; }

    // The centred hint shown while there is nothing to plot; empty when none is shown.
    QString hintText() const;

    // Live rendering trades looks for speed while the sampler runs fast: no antialiasing of
    // data, one-pixel cosmetic pens (wide pens go through Qt's slow stroker) and squares for
    // round scatter symbols. Off, every graph gets its designed pen and symbol back, so paused
    // views and exported images look their best.
    void setLiveRendering(bool live);
    bool liveRendering() const { return live_; }

    // Plots drawn less tall than this use the short axis labels and no explanation line.
    static constexpr int kCompactHeight = 240;

  protected:
    // After the rendering mode changed: for views whose data depend on it.
    virtual void liveRenderingChanged() {}
    void showHint(const QString& text);
    void hideHint();
    // Moves the legend out of the axes into the title line, for plots whose data fill the
    // whole axis rect.
    void placeLegendInTitleLine();
    // Whether there is anything for the legend to explain (not while the plot is empty).
    void setLegendWanted(bool wanted);
    // `full` normally, `compact` (may be empty) when the plot is drawn shorter than
    // kCompactHeight (for a vertical axis: when its label would be taller than the axis).
    void setAxisLabel(QCPAxis* axis, const QString& full, const QString& compact);
    // Before each layout, on screen or into a file: roughly how long a vertical axis will be
    // at the size being drawn, for plots whose ticks depend on it.
    virtual void fitVerticalAxes(int axisLength) { Q_UNUSED(axisLength) }

  private:
    struct AxisLabel {
        QCPAxis* axis;
        QString full;
        QString compact;
    };

    void fitToSize(QSize size);
    void applyRenderingMode();
    void fitLegend(int width, bool compact);

    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPTextElement* subtitle_;
    QCPLayoutGrid* header_;
    class CentredHint;
    CentredHint* hint_;
    QList<AxisLabel> axisLabels_;
    bool legendInTitleLine_ = false;
    bool legendWanted_ = false;
    bool live_ = false;
    QPointer<PacedQueue> liveQueue_;
};

}  // namespace couplinglab::ui
