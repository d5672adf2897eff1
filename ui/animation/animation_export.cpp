#include "ui/animation/animation_export.h"

#include "ui/animation/animation_encoders.h"
#include "ui/animation/animation_frames.h"
#include "ui/files/plot_exporter.h"

namespace couplinglab::ui {

std::optional<QByteArray> renderAnimation(const RunSettings& settings,
                                          const SufficientStatistic& statistic,
                                          const RunResult& run, const AnimationSpec& spec,
                                          const QString& metadata,
                                          const AnimationProgress& progress) {
    const auto iterations = run.chains.empty()
                                ? std::int64_t{0}
                                : static_cast<std::int64_t>(run.chains.front().records.size());
    if (auto problem = validate(spec, iterations)) throw ExportError(problem->toStdString());
    const QString title =
        QStringLiteral("%1: %2").arg(softwareName(), animationKindTitle(spec.kind));
    try {
        AnimationFrames frames(settings, statistic, run, spec);
        const std::unique_ptr<AnimationEncoder> encoder =
            spec.format == AnimationFormat::Gif
                ? makeGifEncoder(framePixels(spec), spec.fps,
                                 title + QStringLiteral(". ") + metadata)
                : makeMp4Encoder(framePixels(spec), spec.fps, title, metadata);
        for (int frame = 0; frame < frames.count(); ++frame) {
            encoder->addFrame(frames.next());
            if (progress && !progress(frame + 1, frames.count())) return std::nullopt;
        }
        return encoder->finish();
    } catch (const EncoderError& error) {
        throw ExportError(error.what());
    }
}

}  // namespace couplinglab::ui
