#pragma once

// What the trajectory plot's two files share: its layers, the readout line under the axes and
// small helpers for curves and labels. Only ui/plots/trajectory_plot*.cpp include this.

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QStringList>
#include <algorithm>
#include <vector>

#include "ui/plots/plot_style.h"
#include "ui/plots/trajectory_plot.h"

namespace couplinglab::ui::trajectory {

inline const QString kLevelsLayer = QStringLiteral("levels");  // above the grid, below the points
inline const QString kMarksLayer = QStringLiteral("marks");    // above the points
inline const QString kLabelsLayer = QStringLiteral("labels");  // above everything drawn in the axes
inline constexpr double kFrameMargin = 0.06;                   // of the framed span, on each side
inline constexpr double kThinRow = 0.001;
inline constexpr int kUTurnLabelStep = 20;  // pixels between the labels of U-turns found together

inline QString emptyHint() {
    return QObject::tr("Start or Step to see a trajectory");
}

inline QString number(double value) {
    return QString::number(value, 'g', 3);
}

// A line of facts separated by " · ", wrapped at the separators to the width being drawn
// (on screen or in an exported file), never widening the plot, and cut (with "…") to the lines
// that fit in a fifth of the plot's height, so that a short plot keeps room for its axes.
class ReadoutLine final : public QCPTextElement {
  public:
    explicit ReadoutLine(QCustomPlot* plot)
        : QCPTextElement(plot, QString(), PlotStyle::baseFont()) {
        setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
        setTextColor(QColor(40, 40, 40));
        setMargins(QMargins(10, 2, 10, 4));
    }

    void setParts(const QStringList& parts) { parts_ = parts; }
    QString oneLine() const { return parts_.join(separator()); }

    void update(UpdatePhase phase) override {
        if (phase == upPreparation) {
            wrap(mParentPlot->viewport().width(), mParentPlot->viewport().height());
        }
        QCPTextElement::update(phase);
    }

  protected:
    QSize minimumOuterSizeHint() const override {
        return QSize(0, mText.isEmpty() ? 0 : QCPTextElement::minimumOuterSizeHint().height());
    }
    QSize maximumOuterSizeHint() const override {
        return QSize(QWIDGETSIZE_MAX,
                     mText.isEmpty() ? 0 : QCPTextElement::maximumOuterSizeHint().height());
    }

  private:
    static constexpr int kHeightShare = 5;  // the readout takes at most 1/5 of the plot's height
    static QString separator() { return QStringLiteral("  ·  "); }

    void wrap(int width, int height) {
        const QFontMetrics metrics(mFont);
        const int room = width - mMargins.left() - mMargins.right();
        QStringList lines;
        QString line;
        for (const QString& part : std::as_const(parts_)) {
            const QString longer = line.isEmpty() ? part : line + separator() + part;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > room) {
                lines.append(line);
                line = part;
            } else {
                line = longer;
            }
        }
        if (!line.isEmpty()) lines.append(line);
        const auto fitting =
            static_cast<qsizetype>(std::max(1, height / kHeightShare / metrics.lineSpacing()));
        if (lines.size() > fitting) {
            lines.resize(fitting);
            lines.last() += QStringLiteral(" …");
        }
        mText = lines.join(QLatin1Char('\n'));
    }

    QStringList parts_;
};

inline QCPCurve* addCurve(QCustomPlot* plot, const QString& objectName) {
    auto* curve = new QCPCurve(plot->xAxis, plot->yAxis);
    curve->setObjectName(objectName);
    curve->setSelectable(QCP::stNone);
    return curve;
}

inline QCPScatterStyle disc(const QColor& colour, double size) {
    return QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(colour, 1.0), QBrush(colour), size);
}

inline QCPItemText* addLabel(QCustomPlot* plot, const QString& objectName, const QColor& colour) {
    auto* label = new QCPItemText(plot);
    label->setObjectName(objectName);
    label->setLayer(kLabelsLayer);
    label->setFont(PlotStyle::annotationFont());
    label->setColor(colour);
    label->setBrush(QColor(255, 255, 255, 215));
    label->setPadding(QMargins(4, 1, 4, 1));
    label->setSelectable(false);
    label->setClipToAxisRect(true);
    label->setVisible(false);
    return label;
}

inline void setCurve(QCPCurve* curve, const std::vector<double>& t, const std::vector<double>& w,
                     const std::vector<double>& p) {
    curve->setData(QVector<double>(t.begin(), t.end()), QVector<double>(w.begin(), w.end()),
                   QVector<double>(p.begin(), p.end()), true);
}

inline void setSinglePoint(QCPCurve* curve, const TrajectoryPoint* point) {
    curve->data()->clear();
    if (point != nullptr) curve->addData(0.0, point->position, point->momentum);
}

}  // namespace couplinglab::ui::trajectory
