#include "ui/plots/trajectory_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "ui/plots/energy_error_plot.h"
#include "ui/plots/trajectory_plot.h"

namespace couplinglab::ui {

TrajectoryView::TrajectoryView(QWidget* parent)
    : QWidget(parent),
      trajectory_(new TrajectoryPlot(this)),
      energyError_(new EnergyErrorPlot(this)),
      lockAxes_(new QCheckBox(tr("Lock axes"), this)) {
    lockAxes_->setObjectName(QStringLiteral("lockAxesCheck"));
    lockAxes_->setAccessibleName(tr("Lock the trajectory plots' axes"));
    lockAxes_->setToolTip(
        tr("Keep the ranges of both trajectory plots fixed, to compare one iteration with the "
           "next. Dragging or zooming a plot locks them too; a double click on a plot unlocks."));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(6, 2, 6, 0);
    controls->addStretch(1);
    controls->addWidget(lockAxes_);
    layout->addLayout(controls);
    layout->addWidget(trajectory_, 3);
    layout->addWidget(energyError_, 2);

    connect(lockAxes_, &QCheckBox::toggled, this, &TrajectoryView::setAxesLocked);
    // A drag, zoom or double click on either plot moves the box, which then sets both plots.
    connect(trajectory_, &TrajectoryPlot::axesLockedChanged, lockAxes_, &QCheckBox::setChecked);
    connect(energyError_, &EnergyErrorPlot::axesLockedChanged, lockAxes_, &QCheckBox::setChecked);
}

QList<PlotPanel*> TrajectoryView::panels() const {
    return {trajectory_, energyError_};
}

void TrajectoryView::refresh(const TrajectorySnapshot* snapshot, const Segment* segment) {
    trajectory_->refresh(snapshot, segment);
    energyError_->refresh(snapshot, segment);
}

void TrajectoryView::clear() {
    trajectory_->clear();
    energyError_->clear();
}

void TrajectoryView::setAxesLocked(bool locked) {
    trajectory_->setAxesLocked(locked);
    energyError_->setAxesLocked(locked);
}

}  // namespace couplinglab::ui
