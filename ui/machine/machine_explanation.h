#pragma once

#include <QString>

#include "core/metric_geometry.h"

namespace couplinglab::ui {

struct MachineRunOutcome;

// The metric lesson in words, with the run's numbers: the posterior's narrowest and widest
// directions, the condition number κ the metric leaves, why ε sits near the narrowest width
// (the leapfrog's stability), why the steps a draw grow like √κ, and what the metric changed.
// `x` and `y` are the picked pair, whose correlation the text quotes.
QString machineExplanationHtml(const MachineRunOutcome& outcome, const MetricGeometry& geometry,
                               int x, int y);

// A direction as the parameters it mostly moves: "0.71·w.1.2 − 0.70·b.1".
QString describeDirection(const Eigen::VectorXd& direction, const QStringList& names);

}  // namespace couplinglab::ui
