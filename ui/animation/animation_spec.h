#pragma once

// What an animation shows and how it is encoded: one description that the export dialog, the
// CLI's --animation options and the exporter all read.
//
//  - Trajectory: one iteration's trajectory in phase space (chain 1), revealed leapfrog step by
//    step in the order the sampler computed the points, as the window's slow motion shows it;
//    the last fifth of the duration holds the whole trajectory, the state the still export of
//    the trajectory plot shows.
//  - Trace: the trace beside the posterior histogram, filling from the range's first iteration
//    to its last on a fixed iteration axis.
//  - Grid: the window's whole plot grid filling so, with each frame's trajectory that of the
//    iteration the frame has reached.

#include <QSize>
#include <QString>
#include <cstdint>
#include <optional>

namespace couplinglab::ui {

enum class AnimationKind { Trajectory, Trace, Grid };
enum class AnimationFormat { Gif, Mp4 };

inline constexpr int kMinAnimationFps = 1;
inline constexpr int kMaxAnimationFps = 30;
inline constexpr double kMinAnimationSeconds = 1.0;
inline constexpr double kMaxAnimationSeconds = 60.0;
inline constexpr double kMinAnimationScale = 1.0;
inline constexpr double kMaxAnimationScale = 3.0;
inline constexpr int kMinAnimationSide = 100;
inline constexpr int kMaxAnimationPixels = 3840;  // per side, after scaling (4K)
inline constexpr QSize kDefaultAnimationSize{960, 540};

struct AnimationSpec {
    AnimationKind kind = AnimationKind::Trajectory;
    AnimationFormat format = AnimationFormat::Gif;
    QSize size = kDefaultAnimationSize;  // logical pixels: the plots are laid out at this size
    double scale = 1.0;                  // the frames have size × scale pixels
    int fps = 15;
    double seconds = 10.0;
    // Trajectory: the iteration (1-based, warmup included); 0 means the run's last.
    std::int64_t iteration = 0;
    // Trace and grid: the iterations the animation fills, 1-based and inclusive; 0 as the last
    // means the run's last.
    std::int64_t firstIteration = 1;
    std::int64_t lastIteration = 0;
    // Trace and grid: when above 0, each frame adds this many iterations and the duration
    // follows from it (`seconds` is then unused); 0: the duration decides.
    std::int64_t iterationsPerFrame = 0;
    bool operator==(const AnimationSpec&) const = default;
};

QString animationKindName(AnimationKind kind);   // "trajectory", "trace", "grid"
QString animationKindTitle(AnimationKind kind);  // "Trajectory, step by step", ...
std::optional<AnimationKind> parseAnimationKind(const QString& name);
QString animationSuffix(AnimationFormat format);  // "gif", "mp4"
// The format a file name's suffix names (either case); nullopt for any other suffix.
std::optional<AnimationFormat> animationFormatOfFile(const QString& path);

inline constexpr std::int64_t kMaxIterationsPerFrame = 1'000'000;

// `spec` resolved (its iterations not 0). Frames that reveal: by the duration, four fifths of
// the frames; by iterations per frame, as many as the range needs.
int revealingFrameCount(const AnimationSpec& spec);
// All the frames: the revealing ones, then a fifth of the whole holding the finished picture.
int frameCount(const AnimationSpec& spec);
double durationSeconds(const AnimationSpec& spec);  // frameCount / fps
// Of `total` things (points, iterations) revealed over `revealing` frames, those shown at
// frame `frame` (0-based): rounded up, so that the first frame shows something.
std::int64_t shownAt(int frame, int revealing, std::int64_t total);
QSize framePixels(const AnimationSpec& spec);

// The problem with the spec for a run of `iterations` iterations per chain, in words; nullopt
// when it can be exported.
std::optional<QString> validate(const AnimationSpec& spec, std::int64_t iterations);
// The spec with 0 iterations resolved to the run's last.
AnimationSpec resolved(AnimationSpec spec, std::int64_t iterations);

}  // namespace couplinglab::ui
