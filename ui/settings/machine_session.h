#pragma once

// The Boltzmann machine tab's part of a session (version 3, optional): its inputs and the
// picked pair of parameters, as the "machine" object, keys in this order when written:
//
//   "machine": {"units": 3, "biases": true, "trueCouplings": [0.5, 0.5, 0],
//               "trueBiases": [3, 0, 0], "observations": 10000, "dataSeed": 1,
//               "likelihood": "boltzmann", "divideByN": false, "metric": "dense",
//               "chains": 4, "warmup": 1000, "draws": 1000, "seed": 1,
//               "pickX": "w.1.3", "pickY": "b.3"}
//
// units 2 to 8; trueCouplings the K(K−1)/2 couplings w_12, w_13, …, w_23, … and trueBiases the
// K biases that generate the bits, each from −10 to 10 with at most 6 significant digits (what
// the θ* editor shows); observations 1 to 10^8; the seeds 0 to 10^9; chains 1 to 64; warmup 0
// and draws 1 to 10^6; metric "unit", "diag" or "dense"; pickX and pickY two different
// parameter names of the shape ("w.1.2", "b.3"), or both empty for the most correlated pair.
// The prior is N(0, 1), which the tab does not show. Every field is required.

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include "ui/machine/machine_run_spec.h"

namespace couplinglab::ui {

struct MachineSession {
    MachineRunSpec spec;
    QString pickX;  // a parameter's name; both empty: the most correlated pair
    QString pickY;
    bool operator==(const MachineSession&) const = default;
};

// The "machine" object, indented at `depth` (or on one line).
QByteArray machineSessionJson(const MachineSession& session, bool indented, int depth);
// Throws SessionError naming the field ("machine.trueCouplings: …") for anything the tab could
// not show as it is.
MachineSession readMachineSession(const QJsonObject& object, const QString& path);
// {"machine": {...}} on one line: the metadata of an image exported from a machine run.
QString machineMetadata(const MachineRunSpec& spec);

}  // namespace couplinglab::ui
