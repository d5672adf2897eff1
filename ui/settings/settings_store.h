#pragma once

#include <QByteArray>
#include <utility>

#include "core/run_settings.h"
#include "ui/settings/display_settings.h"

class QSettings;

namespace couplinglab::ui {

// Keeps the window's settings between sessions in a QSettings the caller owns (the application
// passes QSettings("CouplingLab", "Coupling Lab"), tests a temporary INI file).
//
// Keys: version; "section/key" of every setting the settings schema marks as stored
// (core/settings_schema.h: data/{pairs, coupling, seed}; model/{priorMean, priorSd, likelihood,
// divideByN}; sampler/{algorithm, leapfrogSteps, adaptStepSize, stepSize, targetAccept,
// metric, maxDepth, warmup, draws, chains, seed}; display/{speedLevel,
// leapfrogStepsPerSecond, traceWindow, keepTunedStepSize}); window/{geometry, state}.
// Stan's constants that the window does not show are not stored: nobody could see or undo them.
// Version 1 stored sampler/adaptMetric (true/false) instead of sampler/metric (unit/diag); it is
// still read when sampler/metric is missing, and removed by the next save.
class SettingsStore {
  public:
    static constexpr int kVersion = 2;

    explicit SettingsStore(QSettings& settings);

    void save(const RunSettings& run, const DisplaySettings& display);
    // A missing, ill-typed or out-of-range value gives that field's default; the rest load.
    std::pair<RunSettings, DisplaySettings> load() const;

    void saveGeometry(const QByteArray& geometry, const QByteArray& state);
    QByteArray geometry() const;
    QByteArray windowState() const;

    // Forgets the run and display settings ("Restore defaults"); the window geometry stays.
    void clear();

  private:
    QSettings& settings_;
};

}  // namespace couplinglab::ui
