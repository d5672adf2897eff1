#pragma once

#include <QByteArray>
#include <QString>

#include "ui/machine/machine_worker.h"

namespace couplinglab::ui {

// The Boltzmann machine tab's inputs as one line of compact JSON, in the session's vocabulary:
// {"units": 3, "biases": true, "trueCouplings": [0.5, 0.5, 0], "trueBiases": [3, 0, 0],
//  "observations": 10000, "dataSeed": 1, "likelihood": "boltzmann", "divideByN": false,
//  "metric": "dense", "chains": 4, "warmup": 1000, "draws": 1000, "seed": 1}
// Written into exported images, so that a figure can be traced back to its settings.
QString machineSpecJson(const MachineRunSpec& spec);

}  // namespace couplinglab::ui
