#pragma once

// The settings schema: one table that describes every setting of a run (data, model, sampler
// including Stan's constants) and the display settings a session stores. For each: its key,
// type, default, the limits and decimals the window shows, whether it applies at once, at
// Generate or at Reset, its command-line option, its session key, its QSettings key, and how
// the marker of a live change names it.
//
// Everything that reads or writes settings is driven by this table: the CLI's option parser
// (app/cli/cli_options.cpp) and its --session merge (app/cli/cli_plots.cpp), the session
// reader/writer (ui/settings/session.cpp), QSettings (ui/settings/settings_store.cpp), the
// switch markers (ui/settings/settings_diff.cpp) and the control panel's ranges
// (ui/controls/control_panel.cpp). Adding a setting means adding a row here and its widget.
//
// Why plain C++ in core/ rather than in ui/settings/: the command-line parser reads it and must
// not need Qt (the CLI builds without the window), and the table describes values, not
// widgets. The Qt side (session JSON, QSettings) formats these values with Qt in ui/settings/;
// nothing here includes a widget or Qt header.
//
// Defaults are not repeated in the table: a setting's default is what the default-constructed
// structs hold (DataSpec, ModelSpec, SamplerSettings, DisplaySettings), read through the row's
// accessor (defaultValue()).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/display_settings.h"
#include "core/run_settings.h"

namespace couplinglab {

// What a session holds: the settings that determine the draws and how the window shows them.
struct AllSettings {
    RunSettings run;
    DisplaySettings display;
    bool operator==(const AllSettings&) const = default;
};

// The ranges the window offers (and a session or QSettings may hold). They lie inside the
// core's valid ranges, so nothing the window shows can fail validation; the CLI accepts the
// core's wider ranges (e.g. N up to 2e9, 64 chains, 64-bit seeds).
namespace window_limits {
inline constexpr std::uint64_t kMinPairs = 10;
inline constexpr std::uint64_t kMaxPairs = 100'000'000;
inline constexpr double kMinCoupling = -3.0;
inline constexpr double kMaxCoupling = 3.0;
inline constexpr std::uint64_t kMaxSeed = 2'147'483'647;  // 2^31 - 1: fits a QSpinBox
inline constexpr double kMinPriorMean = -10.0;
inline constexpr double kMaxPriorMean = 10.0;
inline constexpr double kMinPriorSd = 0.001;
inline constexpr double kMaxPriorSd = 1000.0;
inline constexpr double kMinTargetAccept = 0.05;
inline constexpr double kMaxTargetAccept = 0.99;
inline constexpr double kMinStepSize = 1e-6;
inline constexpr double kMaxStepSize = 1e3;
inline constexpr int kMaxChains = 4;
}  // namespace window_limits

enum class SettingType {
    Flag,    // bool
    Whole,   // int
    Count,   // std::uint64_t counted from 1 (N)
    Seed,    // std::uint64_t, any of the 2^64 values on the command line
    Real,    // double
    Choice,  // one of a few names, e.g. "potential" / "boltzmann"
};

// When a change reaches the run in the window.
enum class Applies {
    AtGenerate,  // data: when the user presses Generate
    Live,        // at once; a running sampler switches to it
    AtReset,     // chains and sampler seed: at the next Reset
};

// A setting's value: bool (Flag), std::int64_t (Whole), std::uint64_t (Count, Seed), double
// (Real) or the name of the choice (Choice).
using SettingValue = std::variant<bool, std::int64_t, std::uint64_t, double, std::string>;

inline constexpr int kAnyDecimals = -1;  // a real that the window does not round
inline constexpr double kUnbounded = 1e308;

// A second command-line option that sets the same setting to a fixed value.
struct CliSynonym {
    std::string_view option;  // e.g. "no-adapt-metric"
    std::string_view value;   // e.g. "unit"
    std::string_view defaultText;
    std::string_view help;
};

struct SettingSpec {
    // Identity: the session's object and key; "section/key" is the QSettings key unless
    // storeKey says otherwise.
    std::string_view section;  // "data", "model", "sampler" or "display"
    std::string_view key;
    SettingType type;
    Applies applies;

    // What the window, a session and QSettings accept. Whole numbers are exact in a double.
    double minimum = 0.0;
    double maximum = kUnbounded;
    bool minimumExcluded = false;  // (minimum, maximum] rather than [minimum, maximum]
    int decimals = kAnyDecimals;   // reals: the decimals the window's field keeps
    std::span<const std::string_view> choices{};  // Choice: every name, in the core's order
    std::size_t windowChoices = 0;  // Choice: the first this many are offered by the window

    // The window: the control panel's widget (objectName), empty when not shown. Stored
    // settings are kept in QSettings between runs.
    std::string_view widget{};
    bool stored = false;
    std::string_view storeKey{};

    // The command line: empty cliOption when the CLI has none.
    std::string_view cliOption{};
    std::string_view cliPlaceholder{};  // empty for a Flag; "a|b" for a Choice when empty
    std::string_view cliDefault{};      // --help's default when the value's text is not apt
    std::string_view cliHelp{};
    std::string_view cliNoun{};                   // Choice: "is not a <noun>"
    void (*cliAlsoSets)(RunSettings&) = nullptr;  // e.g. --step-size turns adaptation off
    CliSynonym cliSynonym{};

    // The switch marker: "{}" is this setting's value, "{section.key}" another's; empty: not
    // named. diffWords name a Flag's false/true or each choice; diffNamed decides when the
    // setting is named (nullptr: when its value changed); diffOrder sorts within a section.
    std::string_view diffLabel{};
    std::span<const std::string_view> diffWords{};
    bool (*diffNamed)(const RunSettings& before, const RunSettings& after) = nullptr;
    int diffOrder = 0;
    bool groupDigits = false;  // the marker writes 10,000 rather than 10000

    // The value in a whole set of settings.
    SettingValue (*get)(const AllSettings&) = nullptr;
    void (*set)(AllSettings&, const SettingValue&) = nullptr;

    std::string path() const;  // "section.key", e.g. "sampler.metric"
    SettingValue defaultValue() const;
    bool isShownInWindow() const { return !widget.empty(); }
};

// Every setting, in the order a session writes them (data, model, sampler, display).
std::span<const SettingSpec> settingsSchema();
// The sections in that order.
std::span<const std::string_view> settingSections();
// The row for "section.key"; throws std::out_of_range for a key that does not exist.
const SettingSpec& setting(std::string_view path);

// The value of a Whole, Count or Seed setting as a double (exact for the window's ranges), and
// of a Real; throws std::bad_variant_access for the other types.
double numericValue(const SettingValue& value);
// The shortest text that reads back as the same value: "10000", "0.8", "diag", "true".
std::string valueText(const SettingValue& value);
// Index of a Choice's name in spec.choices, or -1.
int choiceIndex(const SettingSpec& spec, std::string_view name);
// Whether `value` lies in the window's limits (decimals are checked by the Qt side, which
// formats as the window does).
bool withinWindowLimits(const SettingSpec& spec, const SettingValue& value);

}  // namespace couplinglab
