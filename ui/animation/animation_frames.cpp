#include "ui/animation/animation_frames.h"

#include <algorithm>
#include <cmath>

#include "qcustomplot.h"
#include "ui/files/plot_exporter.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plot.h"
#include "ui/plots/trace_plot.h"
#include "ui/plots/trajectory_plot.h"
#include "ui/settings/display_settings.h"

namespace couplinglab::ui {
namespace {

// The trace takes this share of a trace animation's width, the histogram the rest.
constexpr double kTraceShare = 0.62;

// Laid out at `size` and shown offscreen, so that the plot thins its data for that size as a
// window of that size does.
void showOffscreen(QWidget& widget, QSize size) {
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(size);
    widget.show();
}

}  // namespace

AnimationFrames::AnimationFrames(const RunSettings& settings, const SufficientStatistic& statistic,
                                 const RunResult& run, const AnimationSpec& spec)
    : settings_(settings), run_(run), spec_(spec), replay_(settings, statistic, run) {
    const auto iterations = run.chains.empty()
                                ? std::int64_t{0}
                                : static_cast<std::int64_t>(run.chains.front().records.size());
    spec_ = resolved(spec, iterations);
    count_ = frameCount(spec_);
    revealing_ = revealingFrameCount(spec_);
    startHistory(history_, settings, statistic, static_cast<int>(run.chains.size()));
    if (spec_.kind == AnimationKind::Trajectory) {
        // The energy levels need the whole run's segment, as the window has at the end.
        appendIterationsTo(iterations);
        snapshot_ = replay_.at(spec_.iteration);
        trajectory_ = std::make_unique<TrajectoryPlot>();
        showOffscreen(*trajectory_, spec_.size);
    } else {
        grid_ = std::make_unique<PlotGrid>();
        showOffscreen(*grid_, spec_.size);
    }
}

AnimationFrames::~AnimationFrames() = default;

QImage AnimationFrames::next() {
    const int frame = std::min(frame_, count_ - 1);
    ++frame_;
    return spec_.kind == AnimationKind::Trajectory ? trajectoryFrame(frame) : seriesFrame(frame);
}

QImage AnimationFrames::trajectoryFrame(int frame) {
    if (snapshot_) {
        TrajectorySnapshot shown = *snapshot_;
        const auto points = static_cast<std::int64_t>(snapshot_->record.points.size());
        shown.visiblePoints = static_cast<int>(shownAt(frame, revealing_, points));
        shown.complete = shown.visiblePoints == points;
        trajectory_->refresh(&shown, history_.currentSegment());
    } else {
        trajectory_->refresh(nullptr, nullptr);  // its hint says why there is none
    }
    return renderImage(*trajectory_, spec_.size, spec_.scale);
}

void AnimationFrames::appendIterationsTo(std::int64_t last) {
    if (last <= appended_) return;
    for (const ChainResult& chain : run_.chains) {
        const std::span<const IterationRecord> records(chain.records);
        history_.append(chain.chain, records.subspan(static_cast<std::size_t>(appended_),
                                                     static_cast<std::size_t>(last - appended_)));
    }
    appended_ = last;
}

QImage AnimationFrames::seriesFrame(int frame) {
    const std::int64_t range = spec_.lastIteration - spec_.firstIteration + 1;
    const std::int64_t last = spec_.firstIteration - 1 + shownAt(frame, revealing_, range);
    appendIterationsTo(last);
    DisplaySettings display;
    display.traceWindow =
        static_cast<int>(std::clamp<std::int64_t>(range, kMinTraceWindow, kMaxTraceWindow));
    grid_->refresh(history_, display);
    if (frame == 0) {
        // The iteration axis stays on the range, as when a user zooms to it: nothing moves but
        // the data.
        grid_->tracePlot()->plot()->xAxis->setRange(static_cast<double>(spec_.firstIteration - 1),
                                                    static_cast<double>(spec_.lastIteration));
    }
    if (spec_.kind == AnimationKind::Trace) {
        const int traceWidth = static_cast<int>(std::lround(kTraceShare * spec_.size.width()));
        const QList<CompositeCell> cells{
            {grid_->tracePlot(), QRect(0, 0, traceWidth, spec_.size.height())},
            {grid_->posteriorPlot(),
             QRect(traceWidth, 0, spec_.size.width() - traceWidth, spec_.size.height())}};
        return renderCompositeImage(cells, spec_.size, spec_.scale);
    }
    snapshot_ = replay_.at(last);
    grid_->refreshTrajectory(snapshot_ ? &*snapshot_ : nullptr, history_.currentSegment());
    return renderCompositeImage(compositeCells(grid_->panels(), spec_.size), spec_.size,
                                spec_.scale);
}

}  // namespace couplinglab::ui
