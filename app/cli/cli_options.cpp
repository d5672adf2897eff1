#include "app/cli/cli_options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <deque>
#include <limits>
#include <system_error>

#include "app/cli/cli_animation.h"
#include "app/cli/cli_lesson.h"
#include "app/cli/cli_model_code.h"
#include "app/cli/cli_plots.h"
#include "app/cli/cli_sweep.h"
#include "app/cli/cli_trajectory.h"
#include "core/boltzmann_machine.h"
#include "core/machine_runner.h"
#include "core/settings_schema.h"

namespace couplinglab::cli {
namespace {

std::string quoted(std::string_view text) {
    return "'" + printable(text) + "'";
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

// Settings of the schema (core/settings_schema.h). Each setter works on a copy of the settings
// and stores it only when the core's validate() accepts it; since every earlier option was
// checked the same way, a problem can only come from the value at hand.
std::string choiceList(const SettingSpec& spec, std::string_view comma, std::string_view last) {
    std::string list;
    for (std::size_t i = 0; i < spec.choices.size(); ++i) {
        if (i > 0) list += i + 1 == spec.choices.size() ? last : comma;
        list += spec.choices[i];
    }
    return list;
}

// The value of `text` for `spec`, read strictly (see cli_options.h).
SettingValue parseSetting(const SettingSpec& spec, std::string_view text) {
    switch (spec.type) {
        case SettingType::Flag:
            return true;
        case SettingType::Whole:
            return std::int64_t{clampToInt(parseWholeNumber(text))};
        case SettingType::Count: {
            const std::int64_t value = parseWholeNumber(text);
            // Beyond 64 bits the value saturates; the core's message would quote that number.
            if (value == std::numeric_limits<std::int64_t>::max()) {
                throw InputError(quoted(text) +
                                 " is out of range: the number of pairs N must be between 1 and " +
                                 std::to_string(kMaxPairs));
            }
            return value < 1 ? std::uint64_t{0} : static_cast<std::uint64_t>(value);
        }
        case SettingType::Seed:
            return parseSeed(text);
        case SettingType::Real:
            return parseRealNumber(text);
        case SettingType::Choice:
            if (choiceIndex(spec, text) < 0) {
                throw InputError(quoted(text) + " is not a " + std::string(spec.cliNoun) +
                                 "; choose " + choiceList(spec, ", ", " or "));
            }
            return std::string(text);
    }
    return {};
}

void store(CliOptions& options, const SettingSpec& spec, const SettingValue& value,
           std::string_view text) {
    AllSettings candidate{{options.data, options.model, options.sampler}, {}};
    spec.set(candidate, value);
    if (spec.cliAlsoSets != nullptr) spec.cliAlsoSets(candidate.run);
    throwIfInvalid(text, validate(candidate.run));
    options.data = candidate.run.data;
    options.model = candidate.run.model;
    options.sampler = candidate.run.sampler;
}

// Text that the option table views: it must outlive the table, which lives as long as the
// program.
std::string_view keep(std::string text) {
    static std::deque<std::string> kept;
    return kept.emplace_back(std::move(text));
}

// --help's default: the default value's text, "on"/"off" for a flag, or the schema's words.
std::string_view defaultText(const SettingSpec& spec) {
    if (!spec.cliDefault.empty()) return spec.cliDefault;
    const SettingValue value = spec.defaultValue();
    if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "on" : "off";
    return keep(valueText(value));
}

// The option of the setting at `path` ("sampler.metric"), with its text from the schema.
OptionSpec schemaOption(std::string_view group, std::string_view path) {
    const SettingSpec& spec = setting(path);
    const std::string_view placeholder =
        spec.type == SettingType::Choice ? keep(choiceList(spec, "|", "|")) : spec.cliPlaceholder;
    return {group,
            spec.cliOption,
            placeholder,
            defaultText(spec),
            spec.cliHelp,
            [&spec](CliOptions& options, std::string_view text) {
                store(options, spec, parseSetting(spec, text), text);
            }};
}

// The schema's second option for the setting at `path`, e.g. --no-adapt-metric for --metric unit.
OptionSpec schemaSynonym(std::string_view group, std::string_view path) {
    const SettingSpec& spec = setting(path);
    const CliSynonym& synonym = spec.cliSynonym;
    return {group,
            synonym.option,
            "",
            synonym.defaultText,
            synonym.help,
            [&spec](CliOptions& options, std::string_view text) {
                store(options, spec, parseSetting(spec, spec.cliSynonym.value), text);
            }};
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

void setFileName(std::optional<std::string>& target, std::string_view text) {
    if (text.empty()) throw InputError("the file name is empty");
    target = std::string(text);
}

// The option table, in --help's order. The run's settings come from the settings schema
// (core/settings_schema.h), which gives their names, placeholders, defaults, help and checks;
// the other options are the command line's own.
std::vector<OptionSpec> makeOptionTable() {
    std::vector<OptionSpec> table{
        schemaOption("Data", "data.pairs"),
        schemaOption("Data", "data.coupling"),
        schemaOption("Data", "data.seed"),
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
        schemaOption("Model", "model.likelihood"),
        schemaOption("Model", "model.divideByN"),
        schemaOption("Model", "model.priorMean"),
        schemaOption("Model", "model.priorSd"),
        schemaOption("Sampler", "sampler.algorithm"),
        schemaOption("Sampler", "sampler.leapfrogSteps"),
        schemaOption("Sampler", "sampler.stepSize"),
        schemaOption("Sampler", "sampler.targetAccept"),
        schemaSynonym("Sampler", "sampler.metric"),
        schemaOption("Sampler", "sampler.metric"),
        schemaOption("Sampler", "sampler.maxDepth"),
        schemaOption("Sampler", "sampler.warmup"),
        schemaOption("Sampler", "sampler.draws"),
        schemaOption("Sampler", "sampler.chains"),
        schemaOption("Sampler", "sampler.seed"),
        {"Sweep", "sweep-pairs", "LIST", "none",
         "run the model for every N in LIST (1 to 100 comma-separated whole numbers, each 1 to "
         "2000000000, e.g. 10,100,1000) instead of once, with the other options at every point; "
         "--likelihood and --divide-by-n are held fixed when given, else both of their values "
         "are swept (all four combinations by default); the metric is adapted and unit (and "
         "dense for a machine: --units K, --biases, unit 1's bias by --true-biases), or the "
         "one --metric names",
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
         "(trace, posterior, step-size, tree-depth, acceptance, ...; for K units: pairs, "
         "trajectory-position, step-widths); no display is needed",
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
    const std::vector<OptionSpec> lessons = lessonOptions();  // before the output options
    table.insert(std::ranges::find(table, std::string_view("Output"), &OptionSpec::group),
                 lessons.begin(), lessons.end());
    const std::vector<OptionSpec> animation = animationOptions();
    table.insert(std::ranges::find(table, std::string_view("Output"), &OptionSpec::group),
                 animation.begin(), animation.end());
    const std::vector<OptionSpec> code = modelCodeOptions();
    table.insert(std::ranges::find(table, std::string_view("Output"), &OptionSpec::group),
                 code.begin(), code.end());
    return table;
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

UsageError optionError(std::string_view name, const std::string& problem) {
    return UsageError(dashed(name), dashed(name) + ": " + problem);
}

}  // namespace

std::string dashed(std::string_view name) {
    return "--" + printable(name);
}

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

UsageError::UsageError(std::string option, const std::string& problem)
    : InputError(problem), option_(std::move(option)) {}

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
    checkAnimationOptions(options);
    checkLessonOptions(options);
    checkModelCodeOptions(options);
    return options;
}

CliOptions parseArguments(int argc, const char* const* argv) {
    std::vector<std::string_view> arguments;
    for (int i = 1; i < argc; ++i)
        arguments.emplace_back(argv[i]);
    return parseArguments(arguments);
}

}  // namespace couplinglab::cli
