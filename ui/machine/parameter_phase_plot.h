#pragma once

#include <memory>

#include "ui/plots/plot_panel.h"

class QCPItemText;

namespace couplinglab::ui {

struct MachineRunOutcome;
class TrajectoryMarks;

// Chain 1's last NUTS trajectory in the phase space of one parameter, (q_x, p_x): the live
// run's (w, p) view for the picked parameter of the Boltzmann machine. With one parameter the
// points ride a level curve of H; with several, energy flows between the coordinates, so the
// picked one's points wander off any curve while H itself stays nearly constant (the Energy tab).
class ParameterPhasePlot final : public PlotPanel {
    Q_OBJECT
  public:
    explicit ParameterPhasePlot(QWidget* parent = nullptr);
    ~ParameterPhasePlot() override;
    QString exportName() const override { return QStringLiteral("trajectory-phase-parameter"); }

    // `visiblePoints`: the first that many leapfrog points in the order they were computed
    // (-1: all, with the selected point).
    void setRun(const MachineRunOutcome& outcome, int parameter, int visiblePoints = -1);
    void clear();

    int pointCount() const;  // leapfrog points drawn, the start included
    QPointF startPoint() const;
    QPointF selectedPoint() const;

  private:
    std::unique_ptr<TrajectoryMarks> marks_;
    QCPItemText* note_;
};

}  // namespace couplinglab::ui
