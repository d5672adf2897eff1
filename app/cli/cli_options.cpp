#include "app/cli/cli_options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>
#include <system_error>

#include "app/cli/cli_plots.h"
#include "app/cli/cli_sweep.h"
#include "app/cli/cli_trajectory.h"
#include "core/boltzmann_machine.h"
#include "core/machine_runner.h"

#ifndef COUPLINGLAB_VERSION
#define COUPLINGLAB_VERSION "unknown"
#endif

namespace couplinglab::cli {
namespace {

std::string quoted(std::string_view text) {
    return "'" + printable(text) + "'";
}

std::string dashed(std::string_view name) {
    return "--" + printable(name);
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// A leading '+' is accepted when a digit (or, for reals, a '.') follows; from_chars itself
// refuses it.
std::string_view withoutPlus(std::string_view text, bool real) {
    if (text.size() >= 2 && text[0] == '+' && (isDigit(text[1]) || (real && text[1] == '.'))) {
        return text.substr(1);
    }
    return text;
}

bool looksReal(std::string_view text) {
    text = withoutPlus(text, true);
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && end == text.data() + text.size() && error == std::errc();
}

std::string notWholeNumber(std::string_view text) {
    std::string message = quoted(text) + " is not a whole number";
    if (looksReal(text)) message += " (write it in plain digits, e.g. 1000 rather than 1e3)";
    return message;
}

// Parses a seed: 0 to 2^64 - 1.
std::uint64_t parseSeed(std::string_view text) {
    const std::string range = "a seed must be a whole number from 0 to " +
                              std::to_string(std::numeric_limits<std::uint64_t>::max());
    if (!text.empty() && text[0] == '-') {
        if (parseWholeNumber(text) == 0) return 0;  // "-0"
        throw InputError(quoted(text) + " is out of range: " + range);
    }
    const std::string_view digits = withoutPlus(text, false);
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || end != digits.data() + digits.size() || !isDigit(digits[0]) ||
        (error != std::errc() && error != std::errc::result_out_of_range)) {
        throw InputError(notWholeNumber(text));
    }
    if (error == std::errc::result_out_of_range) {
        throw InputError(quoted(text) + " is out of range: " + range);
    }
    return value;
}

int clampToInt(std::int64_t value) {
    return static_cast<int>(std::clamp<std::int64_t>(value, std::numeric_limits<int>::min(),
                                                     std::numeric_limits<int>::max()));
}

void throwIfInvalid(std::string_view text, const std::optional<std::string>& problem) {
    if (problem) throw InputError(quoted(text) + " is out of range: " + *problem);
}

// Setters. Each works on a copy of the struct it changes and stores it only when the core's
// validate() accepts it; since every earlier option was checked the same way, a problem can
// only come from the value at hand.
using Setter = std::function<void(CliOptions&, std::string_view)>;

Setter samplerInt(int SamplerSettings::*field) {
    return [field](CliOptions& options, std::string_view text) {
        SamplerSettings candidate = options.sampler;
        candidate.*field = clampToInt(parseWholeNumber(text));
        throwIfInvalid(text, validate(candidate));
        options.sampler = candidate;
    };
}

Setter samplerReal(double SamplerSettings::*field, bool fixesStepSize = false) {
    return [field, fixesStepSize](CliOptions& options, std::string_view text) {
        SamplerSettings candidate = options.sampler;
        candidate.*field = parseRealNumber(text);
        if (fixesStepSize) candidate.adaptStepSize = false;
        throwIfInvalid(text, validate(candidate));
        options.sampler = candidate;
    };
}

Setter modelReal(double ModelSpec::*field) {
    return [field](CliOptions& options, std::string_view text) {
        ModelSpec candidate = options.model;
        candidate.*field = parseRealNumber(text);
        throwIfInvalid(text, validate(candidate));
        options.model = candidate;
    };
}

void setPairs(CliOptions& options, std::string_view text) {
    const std::int64_t value = parseWholeNumber(text);
    // Beyond 64 bits the value saturates; the core's message would quote the saturated number.
    if (value == std::numeric_limits<std::int64_t>::max()) {
        throw InputError(quoted(text) +
                         " is out of range: the number of pairs N must be between 1 and " +
                         std::to_string(kMaxPairs));
    }
    DataSpec candidate = options.data;
    candidate.pairs = value < 1 ? 0 : static_cast<std::uint64_t>(value);
    throwIfInvalid(text, validate(candidate));
    options.data = candidate;
}

void setCoupling(CliOptions& options, std::string_view text) {
    DataSpec candidate = options.data;
    candidate.coupling = parseRealNumber(text);
    throwIfInvalid(text, validate(candidate));
    options.data = candidate;
}

void setLikelihood(CliOptions& options, std::string_view text) {
    const std::optional<Likelihood> likelihood = likelihoodFromString(text);
    if (!likelihood)
        throw InputError(quoted(text) + " is not a likelihood; choose potential or boltzmann");
    options.model.likelihood = *likelihood;
}

void setAlgorithm(CliOptions& options, std::string_view text) {
    const std::optional<Algorithm> algorithm = algorithmFromString(text);
    if (!algorithm) throw InputError(quoted(text) + " is not a sampler; choose nuts or hmc");
    options.sampler.algorithm = *algorithm;
}

void setOutput(CliOptions& options, std::string_view text) {
    if (text.empty()) throw InputError("the file name is empty");
    options.output = std::string(text);
}

std::vector<double> parseRealList(std::string_view text) {
    std::vector<double> values;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        values.push_back(parseRealNumber(text.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) return values;
        start = comma + 1;
    }
}

void setUnits(CliOptions& options, std::string_view text) {
    const std::int64_t units = parseWholeNumber(text);
    if (units < kMinUnits || units > kMaxUnits) {
        throw InputError(quoted(text) + " is out of range: the number of units K must be between " +
                         std::to_string(kMinUnits) + " and " + std::to_string(kMaxUnits));
    }
    options.machine.units = static_cast<int>(units);
}

void setMetric(CliOptions& options, std::string_view text) {
    const std::optional<MetricKind> kind = metricKindFromString(text);
    if (!kind) throw InputError(quoted(text) + " is not a metric; choose unit, diag or dense");
    setMetricKind(options.sampler, *kind);
}

void setFileName(std::optional<std::string>& target, std::string_view text) {
    if (text.empty()) throw InputError("the file name is empty");
    target = std::string(text);
}

// The option table. Defaults shown by --help are those of DataSpec, ModelSpec and
// SamplerSettings; test_cli_options checks that they agree.
std::vector<OptionSpec> makeOptionTable() {
    return {
        {"Data", "pairs", "N", "10000", "number of pairs of bits (1 to 2000000000)", setPairs},
        {"Data", "coupling", "W", "0", "true coupling that generates the bits; 0 = independent",
         setCoupling},
        {"Data", "data-seed", "S", "1", "seed of the bit generator (0 to 2^64-1)",
         [](CliOptions& o, std::string_view v) { o.data.seed = parseSeed(v); }},
        {"Data", "units", "K", "2",
         "units of the Boltzmann machine, 2 to 8 (K = 2 without biases: the one coupling w)",
         setUnits},
        {"Data", "true-couplings", "LIST", "W for all",
         "the K(K-1)/2 true couplings w_12, w_13, ..., w_23, ... that generate the bits, "
         "comma-separated",
         [](CliOptions& o, std::string_view v) { o.machine.trueCouplings = parseRealList(v); }},
        {"Data", "true-biases", "LIST", "0 for all",
         "the K true biases b_1, ..., b_K that generate the bits, comma-separated",
         [](CliOptions& o, std::string_view v) { o.machine.trueBiases = parseRealList(v); }},
        {"Data", "data", "FILE", "none",
         "read the bits instead of generating them: CSV with a header row and K columns of 0/1 "
         "or -1/+1, or a NumPy .npy of shape (N, K), boolean or integer; K is the file's",
         [](CliOptions& o, std::string_view v) { setFileName(o.machine.dataFile, v); }},
        {"Data", "data-output", "FILE.csv", "none",
         "write the bits used as CSV (header x1,...,xK, rows of 0/1), which --data reads back",
         [](CliOptions& o, std::string_view v) { setFileName(o.machine.dataOutput, v); }},
        {"Model", "biases", "", "off", "give every unit a bias b_k (K more parameters)",
         [](CliOptions& o, std::string_view) { o.machine.biases = true; }},
        {"Model", "likelihood", "potential|boltzmann", "potential",
         "potential: w*C alone; boltzmann: w*C - N*log(4 cosh w), the exact one", setLikelihood},
        {"Model", "divide-by-n", "", "off", "scale the likelihood by 1/N",
         [](CliOptions& o, std::string_view) { o.model.divideByN = true; }},
        {"Model", "prior-mean", "M", "0", "mean of the Normal prior of w",
         modelReal(&ModelSpec::priorMean)},
        {"Model", "prior-sd", "S", "1", "sd of the Normal prior of w (> 0)",
         modelReal(&ModelSpec::priorSd)},
        {"Sampler", "sampler", "nuts|hmc", "nuts",
         "NUTS, or static HMC with a fixed number of steps", setAlgorithm},
        {"Sampler", "leapfrog-steps", "L", "10",
         "leapfrog steps of static HMC (1 to 100000; hmc only)",
         samplerInt(&SamplerSettings::leapfrogSteps)},
        {"Sampler", "step-size", "E", "adapted from 1",
         "fix the step size to E > 0 and turn step-size adaptation off",
         samplerReal(&SamplerSettings::stepSize, true)},
        {"Sampler", "target-accept", "D", "0.8",
         "target acceptance rate delta of step-size adaptation (0 < D < 1)",
         samplerReal(&SamplerSettings::targetAccept)},
        {"Sampler", "no-adapt-metric", "", "adapt",
         "keep the unit metric instead of adapting it in warmup (as --metric unit)",
         [](CliOptions& o, std::string_view) { setMetricKind(o.sampler, MetricKind::Unit); }},
        {"Sampler", "metric", "unit|diag|dense", "diag",
         "the metric: unit, or adapted in warmup as Stan's diag_e or dense_e", setMetric},
        {"Sampler", "max-depth", "K", "10", "maximum NUTS tree depth (1 to 30)",
         samplerInt(&SamplerSettings::maxDepth)},
        {"Sampler", "warmup", "W", "1000", "warmup iterations per chain (0 to 100000000)",
         samplerInt(&SamplerSettings::warmup)},
        {"Sampler", "draws", "D", "1000", "draws per chain after warmup (1 to 100000000)",
         samplerInt(&SamplerSettings::draws)},
        {"Sampler", "chains", "K", "4", "independent chains, run in parallel threads (1 to 64)",
         samplerInt(&SamplerSettings::chains)},
        {"Sampler", "seed", "S", "1", "seed of the sampler (0 to 2^64-1)",
         [](CliOptions& o, std::string_view v) { o.sampler.seed = parseSeed(v); }},
        {"Sweep", "sweep-pairs", "LIST", "none",
         "run the model for every N in LIST (1 to 100 comma-separated whole numbers, each 1 to "
         "2000000000, e.g. 10,100,1000) instead of once, with the other options at every point; "
         "--likelihood and --divide-by-n are held fixed when given, else both of their values "
         "are swept (all four combinations by default); the metric is adapted and not, or only "
         "not with --no-adapt-metric",
         setSweepPairs},
        {"Sweep", "sweep-output", "FILE.csv", "none",
         "write the sweep as CSV, one row per (N, combination, metric); required with "
         "--sweep-pairs",
         setSweepOutput},
        {"Session", "session", "FILE", "none",
         "run the data, model and sampler settings of a session saved by the window "
         "(FILE.couplinglab.json); options given explicitly win over the session's values",
         setSession},
        {"Plots", "plots", "DIR", "none",
         "after the run, draw the window's plots into the existing folder DIR, one file per plot "
         "(trace, posterior, step-size, tree-depth, acceptance, ...); no display is needed",
         setPlotsFolder},
        {"Plots", "plot-format", "png|jpg|pdf|svg", "png",
         "format of the --plots files; pdf and svg are vector, with text as text", setPlotFormat},
        {"Plots", "plot-size", "WxH", "1200x800",
         "size of each plot in pixels (points in a PDF), each side 50 to 10000", setPlotSize},
        {"Plots", "plot-scale", "F", "1",
         "png and jpg get W*F x H*F pixels for the same figure, e.g. 2 for projectors (0.25 to 4)",
         setPlotScale},
        {"Trajectory", "trajectory", "I", "none",
         "record the trajectory of iteration I of chain 1 (1-based, warmup included), as the "
         "window's trajectory view draws it; needs --trajectory-output",
         setTrajectoryIteration},
        {"Trajectory", "trajectory-output", "FILE.csv", "none",
         "write that trajectory as CSV, one row per leapfrog point plus the start (order 0): "
         "order,doubling,direction,w,p,energy,energy_error,divergent,selected,uturn",
         setTrajectoryOutput},
        {"Output", "output", "FILE.csv", "none",
         "write the draws as Stan CSV; K > 1 chains write FILE_1.csv ... FILE_K.csv", setOutput},
        {"Output", "json", "", "off", "print the summary as one JSON object instead of a table",
         [](CliOptions& o, std::string_view) { o.json = true; }},
        {"Output", "quiet", "", "off",
         "no progress line on stderr (shown only when stderr is a terminal)",
         [](CliOptions& o, std::string_view) { o.quiet = true; }},
        {"Output", "help", "", "", "print this help and exit",
         [](CliOptions& o, std::string_view) { o.help = true; }},
        {"Output", "version", "", "", "print the version and exit",
         [](CliOptions& o, std::string_view) { o.version = true; }},
    };
}

const OptionSpec* findOption(std::string_view name) {
    const auto& table = optionTable();
    const auto it = std::ranges::find(table, name, &OptionSpec::name);
    return it == table.end() ? nullptr : &*it;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
        }
    }
    return row[b.size()];
}

// "did you mean --pairs? " for a near miss (a prefix, or at most two edits away), else empty.
std::string suggestion(std::string_view name) {
    const OptionSpec* best = nullptr;
    std::size_t bestDistance = 3;
    for (const OptionSpec& option : optionTable()) {
        const std::size_t distance =
            option.name.starts_with(name) && !name.empty() ? 1 : editDistance(name, option.name);
        if (distance < bestDistance) {
            best = &option;
            bestDistance = distance;
        }
    }
    return best == nullptr ? std::string() : "did you mean " + dashed(best->name) + "? ";
}

// `left` padded to `column`, then `words` wrapped to kHelpWidth with continuation lines
// indented to `column`; a `left` too wide for the column puts the text on the next line.
constexpr std::size_t kHelpWidth = 100;

std::string wrapped(const std::string& left, std::size_t column,
                    const std::vector<std::string>& words) {
    std::string result = left;
    std::size_t lineLength = left.size();
    bool lineHasWord = false;
    auto newLine = [&] {
        result += '\n';
        result.append(column, ' ');
        lineLength = column;
        lineHasWord = false;
    };
    if (lineLength + 1 > column) {
        newLine();
    } else {
        result.append(column - lineLength, ' ');
        lineLength = column;
    }
    for (const std::string& word : words) {
        if (lineHasWord && lineLength + 1 + word.size() > kHelpWidth) newLine();
        if (lineHasWord) {
            result += ' ';
            ++lineLength;
        }
        result += word;
        lineLength += word.size();
        lineHasWord = true;
    }
    return result + '\n';
}

UsageError optionError(std::string_view name, const std::string& problem) {
    return UsageError(dashed(name), dashed(name) + ": " + problem);
}

}  // namespace

std::string printable(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            result += "\\n";
        } else if (c == '\r') {
            result += "\\r";
        } else if (c == '\t') {
            result += "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            static constexpr char kHex[] = "0123456789abcdef";
            result += "\\x";
            result += kHex[byte >> 4U];
            result += kHex[byte & 0xFU];
        } else {
            result += c;
        }
    }
    return result;
}

bool CliOptions::usesMachine() const {
    return machine != MachineOptions{} || metricKind(sampler) == MetricKind::Dense;
}

bool CliOptions::wasGiven(std::string_view name) const {
    return std::ranges::find(given, name) != given.end();
}

UsageError::UsageError(std::string option, const std::string& message)
    : InputError(message), option_(std::move(option)) {}

const std::vector<OptionSpec>& optionTable() {
    static const std::vector<OptionSpec> table = makeOptionTable();
    return table;
}

std::int64_t parseWholeNumber(std::string_view text) {
    const std::string_view digits = withoutPlus(text, false);
    const bool negative = !digits.empty() && digits[0] == '-';
    // "-" alone has no digit to look at: the size is checked before the character.
    if (digits.size() <= (negative ? 1U : 0U) || !isDigit(digits[negative ? 1 : 0]))
        throw InputError(notWholeNumber(text));
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (end != digits.data() + digits.size()) throw InputError(notWholeNumber(text));
    if (error == std::errc::result_out_of_range) {
        // Beyond 64 bits: saturate, so that the option's own range check reports it.
        return negative ? std::numeric_limits<std::int64_t>::min()
                        : std::numeric_limits<std::int64_t>::max();
    }
    if (error != std::errc()) throw InputError(notWholeNumber(text));
    return value;
}

double parseRealNumber(std::string_view text) {
    const std::string_view number = withoutPlus(text, true);
    double value = 0.0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || end != number.data() + number.size() ||
        (error != std::errc() && error != std::errc::result_out_of_range)) {
        throw InputError(quoted(text) + " is not a number");
    }
    // A denormal (below 2.2e-308 in size, but not 0) has lost precision and makes reciprocals
    // infinite: it is outside the range the message states, like an underflow.
    const bool denormal = value != 0.0 && std::abs(value) < std::numeric_limits<double>::min();
    if (error == std::errc::result_out_of_range || denormal) {
        throw InputError(quoted(text) +
                         " is outside the range of a double (about 2.2e-308 to 1.8e308 in size)");
    }
    if (!std::isfinite(value)) throw InputError(quoted(text) + " is not a finite number");
    return value;
}

CliOptions parseArguments(std::span<const std::string_view> arguments) {
    CliOptions options;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string_view argument = arguments[i];
        if (argument == "--") {
            throw UsageError("--",
                             "'--': positional arguments are not accepted; all settings are "
                             "options (see --help)");
        }
        if (!argument.starts_with("--")) {
            if (argument.size() > 1 && argument[0] == '-') {
                throw UsageError(std::string(argument),
                                 quoted(argument) +
                                     ": unknown option; options have long names such as "
                                     "--pairs (see --help)");
            }
            throw UsageError(std::string(argument),
                             quoted(argument) +
                                 ": unexpected argument; all settings are options such as "
                                 "--pairs 100 (see --help)");
        }
        const std::string_view body = argument.substr(2);
        const std::size_t equals = body.find('=');
        const std::string_view name = body.substr(0, equals);
        const OptionSpec* option = findOption(name);
        if (option == nullptr)
            throw optionError(name, "unknown option; " + suggestion(name) + "see --help");
        if (options.wasGiven(name))
            throw optionError(name, "given twice; give each option at most once");

        std::string_view value;
        if (equals != std::string_view::npos) {
            value = body.substr(equals + 1);
            if (option->isFlag()) {
                throw optionError(name, "takes no value, but was given " + quoted(value));
            }
        } else if (!option->isFlag()) {
            if (i + 1 >= arguments.size()) {
                throw optionError(name, "missing value " + std::string(option->placeholder));
            }
            value = arguments[i + 1];
            if (value.starts_with("--")) {
                throw optionError(name, "missing value " + std::string(option->placeholder) +
                                            " (found the option " + quoted(value) + " instead)");
            }
            ++i;
        }
        try {
            option->apply(options, value);
        } catch (const InputError& error) {
            throw optionError(name, error.what());
        }
        options.given.emplace_back(name);
    }

    if (options.wasGiven("leapfrog-steps") && options.sampler.algorithm != Algorithm::StaticHmc) {
        throw optionError(
            "leapfrog-steps",
            "only static HMC takes a fixed number of leapfrog steps; add --sampler hmc");
    }
    checkSweepOptions(options);
    checkTrajectoryOptions(options);
    checkPlotOptions(options);
    return options;
}

CliOptions parseArguments(int argc, const char* const* argv) {
    std::vector<std::string_view> arguments;
    for (int i = 1; i < argc; ++i)
        arguments.emplace_back(argv[i]);
    return parseArguments(arguments);
}

std::string helpText() {
    std::ostringstream out;
    out << "Usage: " << kProgramName << " [OPTION]...\n"
        << "Samples the posterior of the coupling weight w between two lists of random bits with "
           "NUTS\n"
           "or static HMC, as Stan would, and compares the sample with the exact posterior.\n"
           "Options take their value as --name VALUE or --name=VALUE; each may be given once.\n"
           "Whole numbers are plain digits (1000, not 1e3); real numbers may have an exponent\n"
           "(1e-3); nan and inf are refused.\n";
    auto synopsis = [](const OptionSpec& option) {
        return option.isFlag() ? dashed(option.name)
                               : dashed(option.name) + " " + std::string(option.placeholder);
    };
    std::size_t width = 0;
    for (const OptionSpec& option : optionTable())
        width = std::max(width, synopsis(option).size());
    std::string_view group;
    for (const OptionSpec& option : optionTable()) {
        if (option.group != group) {
            group = option.group;
            out << '\n' << group << ":\n";
        }
        std::vector<std::string> words;
        for (std::string_view help = option.help; !help.empty();) {
            const std::size_t space = help.find(' ');
            words.emplace_back(help.substr(0, space));
            help = space == std::string_view::npos ? std::string_view() : help.substr(space + 1);
        }
        if (!option.defaultText.empty())
            words.push_back("[default: " + std::string(option.defaultText) + "]");
        out << wrapped("  " + synopsis(option), width + 4, words);
    }
    out << "\nExit status: 0 on success; 1 when a file or the summary could not be written;\n"
           "2 for a bad invocation (one line on stderr names the option; nothing is computed or\n"
           "written); 130 or 143 when interrupted by SIGINT or SIGTERM. All files of a run are\n"
           "written together at the end or, on any failure, none: old files stay as they were.\n";
    return out.str();
}

std::string versionText() {
    return std::string(kProgramName) + " " + COUPLINGLAB_VERSION + "\n";
}

}  // namespace couplinglab::cli
