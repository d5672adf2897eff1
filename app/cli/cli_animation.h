#pragma once

// couplinglab-cli --animation trajectory|trace|grid --animation-output FILE.gif|FILE.mp4
// [--animation-fps F] [--animation-seconds S] [--animation-size WxH] [--animation-scale F]
//
// After the run, the window's plots are drawn frame by frame offscreen (no display needed) and
// encoded as an animated GIF or an H.264 MP4, by the suffix (ui/animation/). The trajectory
// animation shows iteration --trajectory I of chain 1; trace and grid fill over the whole run.
// The file is staged in the run's OutputTransaction: all outputs are put in place together, and
// a failure leaves none of them.

#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"
#include "core/chain_runner.h"
#include "core/output_transaction.h"

namespace couplinglab::cli {

std::vector<OptionSpec> animationOptions();
// Throws UsageError naming the option: the options that go together, the output's suffix, the
// frame size an MP4 can have, and what an animation cannot show (a sweep, the K-unit machine).
void checkAnimationOptions(const CliOptions& options);
// The problem with writing the animation's file, checked before sampling; nullopt when none.
std::optional<std::string> animationProblem(const CliOptions& options);
// Renders and stages the animation. Throws std::runtime_error naming the file and the reason.
void writeAnimation(const CliOptions& options, const SufficientStatistic& statistic,
                    const RunResult& run, OutputTransaction& transaction);

}  // namespace couplinglab::cli
