#pragma once

#include <QString>

#include "core/run_settings.h"

namespace couplinglab::ui {

// A short label for a switch marker naming what changed, e.g. "divide by N: on" or
// "likelihood: exact Boltzmann, prior sd 2". Empty when nothing that affects the draws changed.
QString describeChange(const RunSettings& before, const RunSettings& after);

// True when only settings that wait for a reset (number of chains, sampler seed) differ.
bool onlyResetSettingsDiffer(const RunSettings& before, const RunSettings& after);

}  // namespace couplinglab::ui
