#pragma once

// An animation rendered and encoded in memory, for the window (File ▸ Export animation…) and
// the CLI (--animation). The caller writes the bytes atomically (writeFileSafely, or the CLI's
// output transaction), so a cancelled or failed export leaves no file behind.

#include <QByteArray>
#include <QString>
#include <functional>
#include <optional>

#include "core/chain_runner.h"
#include "core/run_settings.h"
#include "ui/animation/animation_spec.h"

namespace couplinglab::ui {

// Called after each frame with (frames done, frames in all); returning false cancels.
using AnimationProgress = std::function<bool(int, int)>;

// The file's bytes, or nullopt when cancelled. `metadata` (the run's settings in words) goes
// into the file. Throws ExportError for a spec the run cannot have, or when encoding fails.
std::optional<QByteArray> renderAnimation(const RunSettings& settings,
                                          const SufficientStatistic& statistic,
                                          const RunResult& run, const AnimationSpec& spec,
                                          const QString& metadata,
                                          const AnimationProgress& progress = {});

}  // namespace couplinglab::ui
