#pragma once

#include <QString>
#include <optional>

class QCPAbstractPlottable;
class QCPItemText;
class QCustomPlot;

namespace couplinglab::ui {

struct MachineRunOutcome;

// What the Boltzmann machine tab's plots share.

// The note in the top-left corner of the axes (the correlation, ε and κ), on a white backing
// so that it reads over the data.
QCPItemText* addCornerNote(QCustomPlot* plot);

// The legend lists a plottable only while it draws something.
void keepInLegendWhileDrawn(QCustomPlot* plot, QCPAbstractPlottable* plottable, bool drawn);

// Why the pair (x, y) of this run cannot be drawn in a plane: one parameter, or the same one
// twice; nullopt when it can.
std::optional<QString> pairProblem(const MachineRunOutcome& outcome, int x, int y);

}  // namespace couplinglab::ui
