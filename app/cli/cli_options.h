#pragma once

// Command-line options of the headless `couplinglab-cli`.
//
// The parser is driven by one table (optionTable()): each row names an option, its value
// placeholder, the default shown by --help, the help text and a setter that parses, checks and
// stores the value. The rows of the run's settings (data, model, sampler) are made from the
// settings schema (core/settings_schema.h), which holds their names, placeholders, help and
// checks; the other rows (files, output, the K-unit machine) are written here.
//
// Numbers are read strictly:
//  - Whole numbers (N, L, K, warmup, draws, seeds, ...) are plain decimal digits with an
//    optional leading '-' or '+'. Anything else is refused, including "", " 12", "12abc",
//    "1.0", "0x10", "1_000" and "1e3" (an exponent makes a real number; write 1000). Values
//    beyond the 64-bit range are recognised as numbers and refused as out of range.
//  - Real numbers (W, M, S, E, D) are decimal with an optional sign, fraction and exponent
//    ("0.5", ".5", "-2", "1e-3", "2.5E+2"). Refused: "", " 1", "1,5", "0x1p3", "1e999"
//    (outside the range of a double), "nan" and "inf" in any spelling.
// Every range check that the core performs (validate() of DataSpec, ModelSpec and
// SamplerSettings) runs as soon as the option is read, and its message is shown after the
// option's name.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bit_data.h"
#include "core/coupling_model.h"
#include "core/input_error.h"
#include "core/model_code.h"
#include "core/sampler_settings.h"

namespace couplinglab::cli {

inline constexpr std::string_view kProgramName = "couplinglab-cli";

// Process exit codes.
inline constexpr int kExitSuccess = 0;
inline constexpr int kExitFailure = 1;  // a runtime failure, e.g. a file could not be written
inline constexpr int kExitUsage = 2;    // a bad invocation; nothing was computed or written

// --plots DIR: the window's plots drawn after the run (app/cli/cli_plots.h).
struct PlotOptions {
    std::optional<std::string> folder;
    std::string format = "png";  // png, jpg, pdf, svg
    int width = 1200;
    int height = 800;
    double scale = 1.0;   // png and jpg only
    int traceWindow = 0;  // iterations the time series show; 0: the whole run
    bool operator==(const PlotOptions&) const = default;
};

// The K-unit Boltzmann machine (DESIGN.md §5): --units, --biases, --true-couplings,
// --true-biases, --data, --data-output. Runs that leave all of them at their defaults and keep
// a unit or diagonal metric are the one-coupling model, reported exactly as before.
struct MachineOptions {
    int units = 2;
    bool biases = false;
    std::vector<double> trueCouplings;  // empty: every coupling is --coupling W
    std::vector<double> trueBiases;     // empty: all 0
    std::optional<std::string> dataFile;
    std::optional<std::string> dataOutput;
    bool operator==(const MachineOptions&) const = default;
};

// --animation and --animation-* (cli_animation.h).
struct AnimationOptions {
    std::optional<std::string> kind;  // trajectory, trace, grid
    std::optional<std::string> output;
    int fps = 15;
    double seconds = 10.0;
    std::int64_t iterationsPerFrame = 0;  // 0: by the duration
    int width = 960;
    int height = 540;
    double scale = 1.0;
    bool operator==(const AnimationOptions&) const = default;
};

// Everything an invocation asks for.
struct CliOptions {
    DataSpec data;
    ModelSpec model;
    SamplerSettings sampler;
    std::optional<std::string> output;  // Stan CSV path; K > 1 chains write FILE_1.csv ...
    bool json = false;
    bool quiet = false;
    bool help = false;
    bool version = false;
    PlotOptions plots;                   // --plots DIR and --plot-* (cli_plots.h)
    std::optional<std::string> session;  // --session FILE (cli_plots.h)
    // Long names (without "--") of the options that were given, in order.
    std::vector<std::string> given;
    std::vector<std::uint64_t> sweepPairs;   // --sweep-pairs: a sweep over these N (cli_sweep.h)
    std::optional<std::string> sweepOutput;  // --sweep-output: the sweep's CSV
    std::optional<std::int64_t> trajectoryIteration;  // --trajectory I: 1-based, warmup included
    std::optional<std::string> trajectoryOutput;      // --trajectory-output: its CSV
    MachineOptions machine;
    AnimationOptions animation;
    std::optional<CodeLanguage> printModel;  // --print-model (cli_model_code.h)
    bool listLessons = false;                // --list-lessons (cli_lesson.h)
    std::optional<std::string> lesson;       // --lesson FILE|NAME
    std::optional<std::string> handout;      // --handout FILE.pdf

    // True when the run needs the K-unit machine rather than the one-coupling model.
    bool usesMachine() const;

    bool wasGiven(std::string_view name) const;
};

// A bad invocation. what() is the whole message without the program name, and starts with the
// option it concerns, e.g. "--pairs: 'abc' is not a whole number".
class UsageError : public InputError {
  public:
    UsageError(std::string option, const std::string& problem);
    // "--pairs", or the offending argument when it is not an option.
    const std::string& option() const { return option_; }

  private:
    std::string option_;
};

// One row of the option table.
struct OptionSpec {
    std::string_view group;        // heading under which --help lists the option
    std::string_view name;         // long name without "--", e.g. "pairs"
    std::string_view placeholder;  // e.g. "N"; empty for a flag, which takes no value
    std::string_view defaultText;  // shown by --help
    std::string_view help;         // one line, shown by --help
    // Parses and checks `value` (empty for a flag) and stores it. Throws InputError with a
    // message that does not repeat the option's name.
    std::function<void(CliOptions&, std::string_view value)> apply;

    bool isFlag() const { return placeholder.empty(); }
};

const std::vector<OptionSpec>& optionTable();

// Parses the arguments after the program name. Throws UsageError for the first problem found.
CliOptions parseArguments(std::span<const std::string_view> arguments);
CliOptions parseArguments(int argc, const char* const* argv);  // skips argv[0]

// `text` with control characters written as \n, \r, \t or \xNN, so that a message quoting a
// user's argument stays on one line.
std::string printable(std::string_view text);
// "pairs" -> "--pairs", as messages and --help write an option.
std::string dashed(std::string_view name);
// One line for stderr: the program's name, then the message with control characters escaped.
inline std::string prefixed(std::string_view message) {
    return std::string(kProgramName) + ": " + printable(message);
}

// The text of --help and of --version, each ending with a newline.
std::string helpText();
std::string versionText();

// Strict number parsing, exposed for tests. Both throw InputError naming the text and the
// problem; parseWholeNumber reports values outside the 64-bit range as out of range.
std::int64_t parseWholeNumber(std::string_view text);
double parseRealNumber(std::string_view text);

}  // namespace couplinglab::cli
