#include "ui/animation/animation_spec.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <cmath>

namespace couplinglab::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("AnimationSpec", text);
}

}  // namespace

QString animationKindName(AnimationKind kind) {
    switch (kind) {
        case AnimationKind::Trajectory:
            return QStringLiteral("trajectory");
        case AnimationKind::Trace:
            return QStringLiteral("trace");
        case AnimationKind::Grid:
            return QStringLiteral("grid");
    }
    return {};
}

QString animationKindTitle(AnimationKind kind) {
    switch (kind) {
        case AnimationKind::Trajectory:
            return tr("Trajectory, leapfrog step by step");
        case AnimationKind::Trace:
            return tr("Trace and histogram filling");
        case AnimationKind::Grid:
            return tr("The whole plot grid");
    }
    return {};
}

std::optional<AnimationKind> parseAnimationKind(const QString& name) {
    for (const AnimationKind kind :
         {AnimationKind::Trajectory, AnimationKind::Trace, AnimationKind::Grid}) {
        if (name.compare(animationKindName(kind), Qt::CaseInsensitive) == 0) return kind;
    }
    return std::nullopt;
}

QString animationSuffix(AnimationFormat format) {
    return format == AnimationFormat::Gif ? QStringLiteral("gif") : QStringLiteral("mp4");
}

std::optional<AnimationFormat> animationFormatOfFile(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("gif")) return AnimationFormat::Gif;
    if (suffix == QLatin1String("mp4")) return AnimationFormat::Mp4;
    return std::nullopt;
}

namespace {

bool byIterations(const AnimationSpec& spec) {
    return spec.iterationsPerFrame > 0 && spec.kind != AnimationKind::Trajectory;
}

// Frames, as a double so that an absurd request is caught before it overflows an int.
double revealingFrames(const AnimationSpec& spec) {
    if (byIterations(spec)) {
        const double range = static_cast<double>(spec.lastIteration - spec.firstIteration + 1);
        return std::max(1.0, std::ceil(range / static_cast<double>(spec.iterationsPerFrame)));
    }
    return std::max(1.0, std::ceil(0.8 * std::max(1.0, std::round(spec.fps * spec.seconds))));
}

double allFrames(const AnimationSpec& spec) {
    if (byIterations(spec)) {
        const double revealing = revealingFrames(spec);
        return revealing + std::floor(revealing / 4.0);
    }
    return std::max(1.0, std::round(spec.fps * spec.seconds));
}

}  // namespace

int revealingFrameCount(const AnimationSpec& spec) {
    return static_cast<int>(std::min(revealingFrames(spec), 1e9));
}

int frameCount(const AnimationSpec& spec) {
    return static_cast<int>(std::min(allFrames(spec), 1e9));
}

double durationSeconds(const AnimationSpec& spec) {
    return allFrames(spec) / spec.fps;
}

std::int64_t shownAt(int frame, int revealing, std::int64_t total) {
    if (frame + 1 >= revealing) return total;
    return (total * (frame + 1) + revealing - 1) / revealing;
}

QSize framePixels(const AnimationSpec& spec) {
    return QSize(static_cast<int>(std::lround(spec.size.width() * spec.scale)),
                 static_cast<int>(std::lround(spec.size.height() * spec.scale)));
}

std::optional<QString> validate(const AnimationSpec& spec, std::int64_t iterations) {
    if (spec.fps < kMinAnimationFps || spec.fps > kMaxAnimationFps)
        return tr("the frame rate must be from %1 to %2 frames a second")
            .arg(kMinAnimationFps)
            .arg(kMaxAnimationFps);
    if (spec.iterationsPerFrame < 0 || spec.iterationsPerFrame > kMaxIterationsPerFrame)
        return tr("the iterations per frame must be from 1 to %1 (0: by the duration)")
            .arg(kMaxIterationsPerFrame);
    if (!(spec.seconds >= kMinAnimationSeconds && spec.seconds <= kMaxAnimationSeconds))
        return tr("the duration must be from %1 to %2 seconds")
            .arg(kMinAnimationSeconds)
            .arg(kMaxAnimationSeconds);
    if (!(spec.scale >= kMinAnimationScale && spec.scale <= kMaxAnimationScale))
        return tr("the scale must be from 1 to 3");
    if (spec.size.width() < kMinAnimationSide || spec.size.height() < kMinAnimationSide)
        return tr("each side must be at least %1 pixels").arg(kMinAnimationSide);
    const QSize pixels = framePixels(spec);
    if (pixels.width() > kMaxAnimationPixels || pixels.height() > kMaxAnimationPixels)
        return tr("the frames would be %1×%2 pixels; each side may be at most %3 (size × scale)")
            .arg(pixels.width())
            .arg(pixels.height())
            .arg(kMaxAnimationPixels);
    if (spec.format == AnimationFormat::Mp4 &&
        (pixels.width() % 2 != 0 || pixels.height() % 2 != 0))
        return tr("an MP4 needs an even width and height (H.264 in 4:2:0); the frames would be "
                  "%1×%2 pixels")
            .arg(pixels.width())
            .arg(pixels.height());
    if (iterations < 1) return tr("there is no run to animate");
    const AnimationSpec run = resolved(spec, iterations);
    if (spec.kind == AnimationKind::Trajectory) {
        if (run.iteration < 1 || run.iteration > iterations)
            return tr("the iteration must be from 1 to the run's last, %1").arg(iterations);
        return std::nullopt;
    }
    if (run.firstIteration < 1 || run.lastIteration > iterations ||
        run.firstIteration > run.lastIteration)
        return tr("the iterations must run from 1 up to at most the run's last, %1, the first "
                  "not after the last")
            .arg(iterations);
    if (byIterations(run) && allFrames(run) / run.fps > kMaxAnimationSeconds)
        return tr("%1 iterations per frame make %2 frames, %3 s at %4 frames a second; an "
                  "animation lasts at most %5 s")
            .arg(run.iterationsPerFrame)
            .arg(allFrames(run), 0, 'f', 0)
            .arg(allFrames(run) / run.fps, 0, 'f', 1)
            .arg(run.fps)
            .arg(kMaxAnimationSeconds);
    return std::nullopt;
}

AnimationSpec resolved(AnimationSpec spec, std::int64_t iterations) {
    if (spec.iteration == 0) spec.iteration = iterations;
    if (spec.lastIteration == 0) spec.lastIteration = iterations;
    return spec;
}

}  // namespace couplinglab::ui
