#include "app/cli/cli_animation.h"

#include <cmath>

#include "core/platform/atomic_file.h"

#ifdef COUPLINGLAB_CLI_PLOTS
#include <QFile>

#include "app/cli/offscreen_application.h"
#include "ui/animation/animation_export.h"
#include "ui/files/plot_exporter.h"
#include "ui/settings/session.h"
#endif

namespace couplinglab::cli {
namespace {

UsageError usage(std::string_view name, const std::string& problem) {
    return UsageError(dashed(name), dashed(name) + ": " + problem);
}

std::string quoted(std::string_view text) {
    return "'" + printable(text) + "'";
}

std::string lowerSuffix(const std::string& path) {
    const std::size_t dot = path.find_last_of('.');
    const std::size_t slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string suffix = path.substr(dot + 1);
    for (char& c : suffix)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return suffix;
}

void setKind(CliOptions& options, std::string_view text) {
    if (text != "trajectory" && text != "trace" && text != "grid") {
        throw InputError(quoted(text) + " is not an animation; choose trajectory, trace or grid");
    }
    options.animation.kind = std::string(text);
}

void setOutput(CliOptions& options, std::string_view text) {
    if (text.empty()) throw InputError("the file name is empty");
    const std::string suffix = lowerSuffix(std::string(text));
    if (suffix != "gif" && suffix != "mp4") {
        throw InputError(quoted(text) +
                         " must end in .gif or .mp4, the two formats an animation is written in");
    }
    options.animation.output = std::string(text);
}

void setFps(CliOptions& options, std::string_view text) {
    const std::int64_t fps = parseWholeNumber(text);
    if (fps < 1 || fps > 30)
        throw InputError(quoted(text) + " is out of range: from 1 to 30 frames a second");
    options.animation.fps = static_cast<int>(fps);
}

void setSeconds(CliOptions& options, std::string_view text) {
    const double seconds = parseRealNumber(text);
    if (!(seconds >= 1.0 && seconds <= 60.0))
        throw InputError(quoted(text) + " is out of range: from 1 to 60 seconds");
    options.animation.seconds = seconds;
}

void setSize(CliOptions& options, std::string_view text) {
    const std::size_t x = text.find_first_of("xX");
    const auto side = [&](std::string_view part) {
        std::int64_t value = 0;
        try {
            value = parseWholeNumber(part);
        } catch (const InputError&) {
            throw InputError(quoted(text) + " is not a size; write WIDTHxHEIGHT, e.g. 960x540");
        }
        if (value < 100 || value > 3840)
            throw InputError(quoted(text) + " is out of range: each side from 100 to 3840 pixels");
        return static_cast<int>(value);
    };
    if (x == std::string_view::npos)
        throw InputError(quoted(text) + " is not a size; write WIDTHxHEIGHT, e.g. 960x540");
    options.animation.width = side(text.substr(0, x));
    options.animation.height = side(text.substr(x + 1));
}

void setIterationsPerFrame(CliOptions& options, std::string_view text) {
    const std::int64_t iterations = parseWholeNumber(text);
    if (iterations < 1 || iterations > 1'000'000)
        throw InputError(quoted(text) + " is out of range: from 1 to 1000000 iterations");
    options.animation.iterationsPerFrame = iterations;
}

void setScale(CliOptions& options, std::string_view text) {
    const double scale = parseRealNumber(text);
    if (!(scale >= 1.0 && scale <= 3.0))
        throw InputError(quoted(text) + " is out of range: the scale must be from 1 to 3");
    options.animation.scale = scale;
}

void checkIterationsPerFrame(const CliOptions& options) {
    const AnimationOptions& animation = options.animation;
    if (*animation.kind == "trajectory") {
        throw usage("animation-iterations-per-frame",
                    "is for the trace and the grid; a trajectory's pace is set by "
                    "--animation-seconds");
    }
    if (options.wasGiven("animation-seconds")) {
        throw usage("animation-seconds",
                    "cannot go with --animation-iterations-per-frame, which sets the duration");
    }
    const std::int64_t iterations =
        static_cast<std::int64_t>(options.sampler.warmup) + options.sampler.draws;
    const std::int64_t revealing =
        (iterations + animation.iterationsPerFrame - 1) / animation.iterationsPerFrame;
    const double seconds = static_cast<double>(revealing + revealing / 4) / animation.fps;
    if (seconds > 60.0) {
        throw usage("animation-iterations-per-frame",
                    std::to_string(animation.iterationsPerFrame) + " iterations per frame of " +
                        std::to_string(iterations) + " would last " +
                        std::to_string(static_cast<int>(std::ceil(seconds))) +
                        " s at --animation-fps " + std::to_string(animation.fps) +
                        "; an animation lasts at most 60 s");
    }
}

}  // namespace

std::vector<OptionSpec> animationOptions() {
    return {
        {"Animation", "animation", "trajectory|trace|grid", "none",
         "after the run, animate the window's plots: iteration --trajectory I's trajectory "
         "growing leapfrog step by step, the trace and histogram filling, or the whole plot "
         "grid; needs --animation-output; no display is needed",
         setKind},
        {"Animation", "animation-output", "FILE.gif|FILE.mp4", "none",
         "write the animation as an animated GIF or an H.264 MP4 (yuv420p), by the suffix",
         setOutput},
        {"Animation", "animation-fps", "F", "15", "frames a second, 1 to 30", setFps},
        {"Animation", "animation-seconds", "S", "10", "duration in seconds, 1 to 60", setSeconds},
        {"Animation", "animation-iterations-per-frame", "K", "by the duration",
         "trace and grid: each frame adds K iterations and the duration follows (at most 60 s)",
         setIterationsPerFrame},
        {"Animation", "animation-size", "WxH", "960x540",
         "size the plots are laid out at, each side 100 to 3840 pixels", setSize},
        {"Animation", "animation-scale", "F", "1",
         "frames of W*F x H*F pixels for the same picture (1 to 3); an MP4 needs both even",
         setScale},
    };
}

void checkAnimationOptions(const CliOptions& options) {
    const AnimationOptions& animation = options.animation;
    for (const std::string_view name : {"animation-fps", "animation-seconds", "animation-size",
                                        "animation-scale", "animation-iterations-per-frame"}) {
        if (options.wasGiven(name) && !animation.kind)
            throw usage(name, "only used with --animation");
    }
    if (animation.kind && !animation.output)
        throw usage("animation", "needs --animation-output FILE.gif or FILE.mp4");
    if (!animation.kind && animation.output)
        throw usage("animation-output", "says where to write an animation; add --animation");
    if (!animation.kind) return;
    if (options.wasGiven("sweep-pairs"))
        throw usage("animation", "animates a single run, not a sweep");
    if (options.usesMachine()) {
        throw usage("animation",
                    "animates the one-coupling model's plots; the K-unit machine has none yet");
    }
    if (options.wasGiven("animation-iterations-per-frame")) checkIterationsPerFrame(options);
    if (*animation.kind == "trajectory" && !options.trajectoryIteration) {
        throw usage("animation",
                    "'trajectory' shows one iteration's trajectory; choose it with --trajectory I");
    }
    const long width = std::lround(animation.width * animation.scale);
    const long height = std::lround(animation.height * animation.scale);
    if (width > 3840 || height > 3840) {
        throw usage("animation-scale", "the frames would be " + std::to_string(width) + "x" +
                                           std::to_string(height) +
                                           " pixels; each side may be at most 3840");
    }
    if (lowerSuffix(*animation.output) == "mp4" && (width % 2 != 0 || height % 2 != 0)) {
        throw usage(options.wasGiven("animation-scale") ? "animation-scale" : "animation-size",
                    "an MP4 needs an even width and height (H.264 in 4:2:0); the frames would "
                    "be " +
                        std::to_string(width) + "x" + std::to_string(height) + " pixels");
    }
}

std::optional<std::string> animationProblem(const CliOptions& options) {
    if (!options.animation.output) return std::nullopt;
#ifndef COUPLINGLAB_CLI_PLOTS
    return std::string(
        "--animation: this couplinglab-cli was built without the Qt user "
        "interface (COUPLINGLAB_BUILD_GUI=OFF), so it cannot draw plots");
#else
    if (auto problem = checkWritable(*options.animation.output))
        return "--animation-output: " + *problem;
    return std::nullopt;
#endif
}

void writeAnimation([[maybe_unused]] const CliOptions& options,
                    [[maybe_unused]] const SufficientStatistic& statistic,
                    [[maybe_unused]] const RunResult& run,
                    [[maybe_unused]] OutputTransaction& transaction) {
#ifdef COUPLINGLAB_CLI_PLOTS
    const AnimationOptions& animation = options.animation;
    if (!animation.kind || !animation.output) return;
    const OffscreenApplication application("--animation");
    ui::AnimationSpec spec;
    spec.kind = *ui::parseAnimationKind(QString::fromStdString(*animation.kind));
    spec.format = lowerSuffix(*animation.output) == "mp4" ? ui::AnimationFormat::Mp4
                                                          : ui::AnimationFormat::Gif;
    spec.size = QSize(animation.width, animation.height);
    spec.scale = animation.scale;
    spec.fps = animation.fps;
    spec.seconds = animation.seconds;
    spec.iterationsPerFrame = animation.iterationsPerFrame;
    if (options.trajectoryIteration) spec.iteration = *options.trajectoryIteration;
    const RunSettings settings{options.data, options.model, options.sampler};
    const QString metadata = ui::sessionMetadata(ui::Session{settings, {}, {}});
    try {
        const std::optional<QByteArray> bytes =
            ui::renderAnimation(settings, statistic, run, spec, metadata);
        transaction.stage(
            *animation.output,
            std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    } catch (const ui::ExportError& error) {
        throw std::runtime_error("cannot write '" + *animation.output + "': " + error.what());
    }
#endif
}

}  // namespace couplinglab::cli
