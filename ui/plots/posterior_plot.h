#pragma once

#include "ui/plots/plot_panel.h"
#include "ui/run/run_history.h"

class QCPBars;
class QCPGraph;
class QCPItemLine;
class QCPItemStraightLine;
class QCPItemText;

namespace couplinglab::ui {

// The draws of the current segment as a density histogram against the exact posterior, with
// the prior and w = 0 for orientation. The x axis follows the posterior; what lies far outside
// (w = 0 when the posterior sits at w ≈ 98) is pointed at from the edge instead of squeezing
// the posterior into a sliver.
class PosteriorPlot final : public PlotPanel {
    Q_OBJECT

  public:
    explicit PosteriorPlot(QWidget* parent = nullptr);
    QString exportName() const override { return QStringLiteral("posterior"); }

    void refresh(const RunHistory& history);
    void clear();

    QCPBars* histogramBars() const { return bars_; }
    QCPGraph* exactCurve() const { return exact_; }
    QCPGraph* priorCurve() const { return prior_; }
    QCPItemStraightLine* zeroLine() const { return zeroLine_; }
    // The notes at the plot's edge, empty while not shown.
    QString zeroNote() const { return zeroNote_.text(); }
    QString priorNote() const { return priorNote_.text(); }

  private:
    // An arrow at the left or right edge of the axes with a sentence beside it.
    class EdgeNote {
      public:
        void create(QCustomPlot* plot, const QColor& colour, const QString& name);
        // At the top of the axes, or just below `above` when that note is shown too.
        void show(bool leftEdge, const QString& text, const EdgeNote* above);
        void hide();
        QString text() const;
        bool visible() const;

      private:
        QCPItemLine* arrow_ = nullptr;
        QCPItemText* label_ = nullptr;
    };

    void drawHistogram(const DrawHistogram& histogram);
    void drawCurves(const ExactPosterior& exact, double priorMean, double priorSd);
    void fitValueAxis();

    QCPBars* bars_;
    QCPGraph* exact_;
    QCPGraph* prior_;
    QCPItemStraightLine* zeroLine_;
    QCPItemText* zeroLabel_;
    EdgeNote zeroNote_;
    EdgeNote priorNote_;
};

}  // namespace couplinglab::ui
