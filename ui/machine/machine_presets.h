#pragma once

#include <QString>
#include <vector>

#include "ui/machine/machine_worker.h"

namespace couplinglab::ui {

// A ready-made run of the Boltzmann machine tab, for a lecture: its name in the tab's preset
// chooser, a sentence on what to look at, and every input.
struct MachinePreset {
    QString name;
    QString lookAt;
    MachineRunSpec spec;
};

// The tab's presets, in menu order: the correlated posterior of DESIGN.md §5 with a diagonal
// and with a dense metric (the same data), and the question's mistake with K = 4 units.
const std::vector<MachinePreset>& machinePresets();

}  // namespace couplinglab::ui
