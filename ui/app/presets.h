#pragma once

#include <QString>
#include <vector>

#include "core/run_settings.h"
#include "ui/settings/display_settings.h"

namespace couplinglab::ui {

// A ready-made lesson: settings for the controls and a paragraph for the explanation panel.
struct Preset {
    QString name;      // menu text
    QString shortcut;  // e.g. "Ctrl+1"
    RunSettings settings;
    QString note;  // shown first in the explanation panel while the preset's run lasts
    // The speed (an index into kSpeedLevels) at which a class sees what the note describes.
    int speedLevel = 0;
};

// The five lessons, in teaching order: the question's model, divide by N, exact Boltzmann, a
// step size that is too large, no metric adaptation.
const std::vector<Preset>& presets();

}  // namespace couplinglab::ui
