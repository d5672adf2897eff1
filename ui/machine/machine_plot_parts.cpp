#include "ui/machine/machine_plot_parts.h"

#include <QCoreApplication>

#include <qcustomplot.h>

#include "ui/machine/machine_worker.h"
#include "ui/plots/plot_style.h"

namespace couplinglab::ui {

QCPItemText* addCornerNote(QCustomPlot* plot) {
    auto* note = new QCPItemText(plot);
    note->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.02, 0.02);
    note->setFont(PlotStyle::annotationFont());
    note->setBrush(QBrush(QColor(255, 255, 255, 220)));
    note->setPadding(QMargins(4, 2, 4, 2));
    note->setClipToAxisRect(true);
    note->setLayer(QStringLiteral("legend"));
    note->setVisible(false);
    return note;
}

void keepInLegendWhileDrawn(QCustomPlot* plot, QCPAbstractPlottable* plottable, bool drawn) {
    if (!drawn) {
        plottable->removeFromLegend();
    } else if (!plot->legend->hasItemWithPlottable(plottable)) {
        plottable->addToLegend();
    }
}

std::optional<QString> pairProblem(const MachineRunOutcome& outcome, int x, int y) {
    if (outcome.dimension() < 2) {
        return QCoreApplication::translate(
            "MachinePlots",
            "One parameter: the Live run tab's trajectory view shows it in phase "
            "space");
    }
    if (x == y) {
        return QCoreApplication::translate("MachinePlots",
                                           "Pick two different parameters for x and y");
    }
    return std::nullopt;
}

}  // namespace couplinglab::ui
