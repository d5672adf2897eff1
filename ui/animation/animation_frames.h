#pragma once

// The frames of an animation, drawn by the window's own plot classes (TrajectoryPlot, PlotGrid)
// through the still exporter's renderer, offscreen: no second drawing path. The same run and
// spec give the same frames. GUI thread only.

#include <QImage>
#include <memory>

#include "core/chain_runner.h"
#include "core/run_settings.h"
#include "ui/animation/animation_spec.h"
#include "ui/run/finished_run.h"
#include "ui/run/run_history.h"

namespace couplinglab::ui {

class PlotGrid;
class TrajectoryPlot;

class AnimationFrames {
  public:
    // `run` must outlive this. `spec` must be valid for the run (validate()).
    AnimationFrames(const RunSettings& settings, const SufficientStatistic& statistic,
                    const RunResult& run, const AnimationSpec& spec);
    ~AnimationFrames();
    AnimationFrames(const AnimationFrames&) = delete;
    AnimationFrames& operator=(const AnimationFrames&) = delete;

    int count() const { return count_; }
    // The next frame, of framePixels(spec) pixels; frames come in order, count() of them.
    QImage next();

  private:
    QImage trajectoryFrame(int frame);
    QImage seriesFrame(int frame);
    void appendIterationsTo(std::int64_t last);

    RunSettings settings_;
    const RunResult& run_;
    AnimationSpec spec_;
    int count_ = 1;
    int revealing_ = 1;
    int frame_ = 0;
    RunHistory history_;
    std::int64_t appended_ = 0;
    ChainReplay replay_;
    std::optional<TrajectorySnapshot> snapshot_;
    std::unique_ptr<TrajectoryPlot> trajectory_;
    std::unique_ptr<PlotGrid> grid_;
};

}  // namespace couplinglab::ui
