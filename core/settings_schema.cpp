#include "core/settings_schema.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "core/machine_runner.h"
#include "core/nuts.h"

namespace couplinglab {
namespace {

// ---- Accessors: one template reads and writes any field of the four structs -----------------

// `Settings` is AllSettings or const AllSettings; the part has the same constness.
template <class Part, class Settings>
auto& partOf(Settings& s) {
    if constexpr (std::is_same_v<Part, DataSpec>) {
        return s.run.data;
    } else if constexpr (std::is_same_v<Part, ModelSpec>) {
        return s.run.model;
    } else if constexpr (std::is_same_v<Part, SamplerSettings>) {
        return s.run.sampler;
    } else {
        static_assert(std::is_same_v<Part, DisplaySettings>);
        return s.display;
    }
}

template <class Part, class Field>
Part ownerOf(Field Part::*);

template <class Field>
SettingValue toValue(const Field& field) {
    if constexpr (std::is_same_v<Field, int>) {
        return std::int64_t{field};
    } else if constexpr (std::is_enum_v<Field>) {
        return std::string(toString(field));  // Likelihood, Algorithm
    } else {
        return field;  // bool, std::uint64_t, double
    }
}

template <class Field>
Field fromValue(const SettingValue& value) {
    if constexpr (std::is_same_v<Field, bool> || std::is_same_v<Field, std::uint64_t> ||
                  std::is_same_v<Field, double>) {
        return std::get<Field>(value);
    } else if constexpr (std::is_same_v<Field, int>) {
        return static_cast<int>(std::get<std::int64_t>(value));
    } else if constexpr (std::is_same_v<Field, Likelihood>) {
        return likelihoodFromString(std::get<std::string>(value)).value();
    } else {
        return algorithmFromString(std::get<std::string>(value)).value();
    }
}

template <auto field>
SettingValue getField(const AllSettings& s) {
    using Part = decltype(ownerOf(field));
    return toValue(partOf<Part>(s).*field);
}

template <auto field>
void setField(AllSettings& s, const SettingValue& value) {
    using Part = decltype(ownerOf(field));
    using Field = std::remove_cvref_t<decltype(partOf<Part>(s).*field)>;
    partOf<Part>(s).*field = fromValue<Field>(value);
}

// The metric is two fields of SamplerSettings (adaptMetric, denseMetric) named as one choice.
SettingValue getMetric(const AllSettings& s) {
    return std::string(toString(metricKind(s.run.sampler)));
}

void setMetric(AllSettings& s, const SettingValue& value) {
    setMetricKind(s.run.sampler, metricKindFromString(std::get<std::string>(value)).value());
}

// ---- Names ---------------------------------------------------------------------------------

constexpr std::array<std::string_view, 4> kSections{"data", "model", "sampler", "display"};
constexpr std::array<std::string_view, 2> kLikelihoodNames{"potential", "boltzmann"};
constexpr std::array<std::string_view, 2> kLikelihoodWords{"potential only", "exact Boltzmann"};
constexpr std::array<std::string_view, 2> kAlgorithmNames{"nuts", "hmc"};
constexpr std::array<std::string_view, 2> kAlgorithmWords{"NUTS", "static HMC"};
// Dense exists for the K-unit machine only: with one parameter it equals the diagonal metric,
// so the window offers the first two.
constexpr std::array<std::string_view, 3> kMetricNames{"unit", "diag", "dense"};
constexpr std::array<std::string_view, 3> kMetricWords{"off", "on", "dense"};

constexpr double kMaxInt = std::numeric_limits<int>::max();

// ---- When a switch marker names a setting ---------------------------------------------------

bool hmcStepsNamed(const RunSettings& a, const RunSettings& b) {
    return b.sampler.algorithm == Algorithm::StaticHmc &&
           (a.sampler.leapfrogSteps != b.sampler.leapfrogSteps ||
            a.sampler.algorithm != b.sampler.algorithm);
}
bool algorithmNamed(const RunSettings& a, const RunSettings& b) {
    return a.sampler.algorithm != b.sampler.algorithm || hmcStepsNamed(a, b);
}
bool adaptedStepNamed(const RunSettings& a, const RunSettings& b) {
    return b.sampler.adaptStepSize && !a.sampler.adaptStepSize;
}
bool fixedStepNamed(const RunSettings& a, const RunSettings& b) {
    return !b.sampler.adaptStepSize &&
           (a.sampler.adaptStepSize || a.sampler.stepSize != b.sampler.stepSize);
}
bool targetAcceptNamed(const RunSettings& a, const RunSettings& b) {
    return b.sampler.adaptStepSize && a.sampler.targetAccept != b.sampler.targetAccept;
}
bool priorNamed(const RunSettings& a, const RunSettings& b) {
    return a.model.priorMean != b.model.priorMean || a.model.priorSd != b.model.priorSd;
}

void fixStepSize(RunSettings& run) {
    run.sampler.adaptStepSize = false;
}

using S = SettingType;
using A = Applies;
namespace lim = window_limits;

// clang-format off
const std::array kSchema{
    // ---- data: applied at Generate ----
    SettingSpec{.section = "data", .key = "pairs", .type = S::Count, .applies = A::AtGenerate,
        .minimum = lim::kMinPairs, .maximum = lim::kMaxPairs,
        .widget = "pairsSpin", .stored = true,
        .cliOption = "pairs", .cliPlaceholder = "N",
        .cliHelp = "number of pairs of bits (1 to 2000000000)",
        .diffLabel = "N = {}", .groupDigits = true,
        .get = getField<&DataSpec::pairs>, .set = setField<&DataSpec::pairs>},
    SettingSpec{.section = "data", .key = "coupling", .type = S::Real, .applies = A::AtGenerate,
        .minimum = lim::kMinCoupling, .maximum = lim::kMaxCoupling, .decimals = 2,
        .widget = "couplingSpin", .stored = true,
        .cliOption = "coupling", .cliPlaceholder = "W",
        .cliHelp = "true coupling that generates the bits; 0 = independent",
        .diffLabel = "W = {}",
        .get = getField<&DataSpec::coupling>, .set = setField<&DataSpec::coupling>},
    SettingSpec{.section = "data", .key = "seed", .type = S::Seed, .applies = A::AtGenerate,
        .maximum = lim::kMaxSeed, .widget = "dataSeedSpin", .stored = true,
        .cliOption = "data-seed", .cliPlaceholder = "S",
        .cliHelp = "seed of the bit generator (0 to 2^64-1)",
        .diffLabel = "data seed {}",
        .get = getField<&DataSpec::seed>, .set = setField<&DataSpec::seed>},
    // ---- model: live ----
    SettingSpec{.section = "model", .key = "priorMean", .type = S::Real, .applies = A::Live,
        .minimum = lim::kMinPriorMean, .maximum = lim::kMaxPriorMean, .decimals = 2,
        .widget = "priorMeanSpin", .stored = true,
        .cliOption = "prior-mean", .cliPlaceholder = "M",
        .cliHelp = "mean of the Normal prior of w",
        .get = getField<&ModelSpec::priorMean>, .set = setField<&ModelSpec::priorMean>},
    SettingSpec{.section = "model", .key = "priorSd", .type = S::Real, .applies = A::Live,
        .minimum = lim::kMinPriorSd, .maximum = lim::kMaxPriorSd, .decimals = 6,
        .widget = "priorSdSpin", .stored = true,
        .cliOption = "prior-sd", .cliPlaceholder = "S",
        .cliHelp = "sd of the Normal prior of w (> 0)",
        .diffLabel = "prior N({model.priorMean}, {})", .diffNamed = priorNamed, .diffOrder = 1,
        .get = getField<&ModelSpec::priorSd>, .set = setField<&ModelSpec::priorSd>},
    SettingSpec{.section = "model", .key = "likelihood", .type = S::Choice, .applies = A::Live,
        .choices = kLikelihoodNames, .windowChoices = kLikelihoodNames.size(),
        .widget = "boltzmannRadio", .stored = true,
        .cliOption = "likelihood",
        .cliHelp = "potential: w*C alone; boltzmann: w*C - N*log(4 cosh w), the exact one",
        .cliNoun = "likelihood",
        .diffLabel = "likelihood: {}", .diffWords = kLikelihoodWords,
        .get = getField<&ModelSpec::likelihood>, .set = setField<&ModelSpec::likelihood>},
    SettingSpec{.section = "model", .key = "divideByN", .type = S::Flag, .applies = A::Live,
        .widget = "divideByNButton", .stored = true,
        .cliOption = "divide-by-n", .cliHelp = "scale the likelihood by 1/N",
        .diffLabel = "divide by N: {}",
        .get = getField<&ModelSpec::divideByN>, .set = setField<&ModelSpec::divideByN>},
    // ---- sampler: live, except chains and seed ----
    SettingSpec{.section = "sampler", .key = "algorithm", .type = S::Choice, .applies = A::Live,
        .choices = kAlgorithmNames, .windowChoices = kAlgorithmNames.size(),
        .widget = "algorithmCombo", .stored = true,
        .cliOption = "sampler", .cliHelp = "NUTS, or static HMC with a fixed number of steps",
        .cliNoun = "sampler",
        .diffLabel = "{}", .diffWords = kAlgorithmWords, .diffNamed = algorithmNamed,
        .get = getField<&SamplerSettings::algorithm>, .set = setField<&SamplerSettings::algorithm>},
    SettingSpec{.section = "sampler", .key = "leapfrogSteps", .type = S::Whole, .applies = A::Live,
        .minimum = 1, .maximum = kMaxLeapfrogSteps,
        .widget = "leapfrogStepsSpin", .stored = true,
        .cliOption = "leapfrog-steps", .cliPlaceholder = "L",
        .cliHelp = "leapfrog steps of static HMC (1 to 100000; hmc only)",
        .diffLabel = "L = {}", .diffNamed = hmcStepsNamed,
        .get = getField<&SamplerSettings::leapfrogSteps>,
        .set = setField<&SamplerSettings::leapfrogSteps>},
    SettingSpec{.section = "sampler", .key = "adaptStepSize", .type = S::Flag, .applies = A::Live,
        .widget = "adaptedStepRadio", .stored = true,
        .diffLabel = "step size adapted", .diffNamed = adaptedStepNamed,
        .get = getField<&SamplerSettings::adaptStepSize>,
        .set = setField<&SamplerSettings::adaptStepSize>},
    SettingSpec{.section = "sampler", .key = "stepSize", .type = S::Real, .applies = A::Live,
        .minimum = lim::kMinStepSize, .maximum = lim::kMaxStepSize, .decimals = 12,
        .widget = "stepSizeSpin", .stored = true,
        .cliOption = "step-size", .cliPlaceholder = "E", .cliDefault = "adapted from 1",
        .cliHelp = "fix the step size to E > 0 and turn step-size adaptation off",
        .cliAlsoSets = fixStepSize,
        .diffLabel = "ε = {}", .diffNamed = fixedStepNamed,
        .get = getField<&SamplerSettings::stepSize>, .set = setField<&SamplerSettings::stepSize>},
    SettingSpec{.section = "sampler", .key = "targetAccept", .type = S::Real, .applies = A::Live,
        .minimum = lim::kMinTargetAccept, .maximum = lim::kMaxTargetAccept, .decimals = 2,
        .widget = "targetAcceptSpin", .stored = true,
        .cliOption = "target-accept", .cliPlaceholder = "D",
        .cliHelp = "target acceptance rate delta of step-size adaptation (0 < D < 1)",
        .diffLabel = "δ = {}", .diffNamed = targetAcceptNamed,
        .get = getField<&SamplerSettings::targetAccept>,
        .set = setField<&SamplerSettings::targetAccept>},
    SettingSpec{.section = "sampler", .key = "metric", .type = S::Choice, .applies = A::Live,
        .choices = kMetricNames, .windowChoices = 2,
        .widget = "adaptMetricCheck", .stored = true,
        .cliOption = "metric",
        .cliHelp = "the metric: unit, or adapted in warmup as Stan's diag_e or dense_e",
        .cliNoun = "metric",
        .cliSynonym = {.option = "no-adapt-metric", .value = "unit", .defaultText = "adapt",
                       .help = "keep the unit metric instead of adapting it in warmup (as "
                               "--metric unit)"},
        .diffLabel = "metric adaptation: {}", .diffWords = kMetricWords,
        .get = getMetric, .set = setMetric},
    SettingSpec{.section = "sampler", .key = "maxDepth", .type = S::Whole, .applies = A::Live,
        .minimum = 1, .maximum = kMaxTreeDepthLimit,
        .widget = "maxDepthSpin", .stored = true,
        .cliOption = "max-depth", .cliPlaceholder = "K",
        .cliHelp = "maximum NUTS tree depth (1 to 30)",
        .diffLabel = "max depth {}",
        .get = getField<&SamplerSettings::maxDepth>, .set = setField<&SamplerSettings::maxDepth>},
    SettingSpec{.section = "sampler", .key = "warmup", .type = S::Whole, .applies = A::Live,
        .minimum = 0, .maximum = kMaxIterations,
        .widget = "warmupSpin", .stored = true,
        .cliOption = "warmup", .cliPlaceholder = "W",
        .cliHelp = "warmup iterations per chain (0 to 100000000)",
        .diffLabel = "warmup {}",
        .get = getField<&SamplerSettings::warmup>, .set = setField<&SamplerSettings::warmup>},
    SettingSpec{.section = "sampler", .key = "draws", .type = S::Whole, .applies = A::Live,
        .minimum = 1, .maximum = kMaxIterations,
        .widget = "drawsSpin", .stored = true,
        .cliOption = "draws", .cliPlaceholder = "D",
        .cliHelp = "draws per chain after warmup (1 to 100000000)",
        .diffLabel = "draws {}",
        .get = getField<&SamplerSettings::draws>, .set = setField<&SamplerSettings::draws>},
    SettingSpec{.section = "sampler", .key = "chains", .type = S::Whole, .applies = A::AtReset,
        .minimum = 1, .maximum = lim::kMaxChains,
        .widget = "chainsSpin", .stored = true,
        .cliOption = "chains", .cliPlaceholder = "K",
        .cliHelp = "independent chains, run in parallel threads (1 to 64)",
        .get = getField<&SamplerSettings::chains>, .set = setField<&SamplerSettings::chains>},
    SettingSpec{.section = "sampler", .key = "seed", .type = S::Seed, .applies = A::AtReset,
        .maximum = lim::kMaxSeed, .widget = "samplerSeedSpin", .stored = true,
        .cliOption = "seed", .cliPlaceholder = "S",
        .cliHelp = "seed of the sampler (0 to 2^64-1)",
        .get = getField<&SamplerSettings::seed>, .set = setField<&SamplerSettings::seed>},
    // Stan's constants: configurable for experiments and kept by a session; the window does not
    // show them. Their limits here are the session's; the core's validate() has the last word.
    SettingSpec{.section = "sampler", .key = "maxDeltaH", .type = S::Real, .applies = A::Live,
        .minimumExcluded = true,
        .get = getField<&SamplerSettings::maxDeltaH>, .set = setField<&SamplerSettings::maxDeltaH>},
    SettingSpec{.section = "sampler", .key = "gamma", .type = S::Real, .applies = A::Live,
        .minimumExcluded = true,
        .get = getField<&SamplerSettings::gamma>, .set = setField<&SamplerSettings::gamma>},
    SettingSpec{.section = "sampler", .key = "kappa", .type = S::Real, .applies = A::Live,
        .maximum = 1.0, .minimumExcluded = true,
        .get = getField<&SamplerSettings::kappa>, .set = setField<&SamplerSettings::kappa>},
    SettingSpec{.section = "sampler", .key = "t0", .type = S::Real, .applies = A::Live,
        .get = getField<&SamplerSettings::t0>, .set = setField<&SamplerSettings::t0>},
    SettingSpec{.section = "sampler", .key = "initBuffer", .type = S::Whole, .applies = A::Live,
        .maximum = kMaxInt,
        .get = getField<&SamplerSettings::initBuffer>,
        .set = setField<&SamplerSettings::initBuffer>},
    SettingSpec{.section = "sampler", .key = "termBuffer", .type = S::Whole, .applies = A::Live,
        .maximum = kMaxInt,
        .get = getField<&SamplerSettings::termBuffer>,
        .set = setField<&SamplerSettings::termBuffer>},
    SettingSpec{.section = "sampler", .key = "baseWindow", .type = S::Whole, .applies = A::Live,
        .minimum = 1, .maximum = kMaxInt,
        .get = getField<&SamplerSettings::baseWindow>,
        .set = setField<&SamplerSettings::baseWindow>},
    SettingSpec{.section = "sampler", .key = "initRadius", .type = S::Real, .applies = A::Live,
        .get = getField<&SamplerSettings::initRadius>,
        .set = setField<&SamplerSettings::initRadius>},
    // ---- display: how the window shows the run; never changes the draws ----
    SettingSpec{.section = "display", .key = "speedLevel", .type = S::Whole, .applies = A::Live,
        .maximum = kFullSpeedLevel, .widget = "speedSlider", .stored = true,
        .get = getField<&DisplaySettings::speedLevel>,
        .set = setField<&DisplaySettings::speedLevel>},
    SettingSpec{.section = "display", .key = "leapfrogStepsPerSecond", .type = S::Real,
        .applies = A::Live, .minimum = kMinLeapfrogStepsPerSecond,
        .maximum = kMaxLeapfrogStepsPerSecond, .decimals = 1,
        .widget = "leapfrogPaceSpin", .stored = true,
        .get = getField<&DisplaySettings::leapfrogStepsPerSecond>,
        .set = setField<&DisplaySettings::leapfrogStepsPerSecond>},
    SettingSpec{.section = "display", .key = "traceWindow", .type = S::Whole, .applies = A::Live,
        .minimum = kMinTraceWindow, .maximum = kMaxTraceWindow,
        .widget = "traceWindowSpin", .stored = true,
        .get = getField<&DisplaySettings::traceWindow>,
        .set = setField<&DisplaySettings::traceWindow>},
    SettingSpec{.section = "display", .key = "keepTunedStepSize", .type = S::Flag,
        .applies = A::Live, .widget = "keepTunedCheck", .stored = true,
        .get = getField<&DisplaySettings::keepTunedStepSize>,
        .set = setField<&DisplaySettings::keepTunedStepSize>},
};
// clang-format on

}  // namespace

std::string SettingSpec::path() const {
    return std::string(section) + "." + std::string(key);
}

SettingValue SettingSpec::defaultValue() const {
    return get(AllSettings{});
}

std::span<const SettingSpec> settingsSchema() {
    return kSchema;
}

std::span<const std::string_view> settingSections() {
    return kSections;
}

const SettingSpec& setting(std::string_view path) {
    for (const SettingSpec& spec : kSchema) {
        if (path.size() == spec.section.size() + 1 + spec.key.size() &&
            path.starts_with(spec.section) && path[spec.section.size()] == '.' &&
            path.ends_with(spec.key)) {
            return spec;
        }
    }
    throw std::out_of_range("no setting " + std::string(path) + " in the settings schema");
}

double numericValue(const SettingValue& value) {
    if (const auto* whole = std::get_if<std::int64_t>(&value)) return static_cast<double>(*whole);
    if (const auto* count = std::get_if<std::uint64_t>(&value)) return static_cast<double>(*count);
    return std::get<double>(value);
}

std::string valueText(const SettingValue& value) {
    if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
    if (const auto* name = std::get_if<std::string>(&value)) return *name;
    if (const auto* whole = std::get_if<std::int64_t>(&value)) return std::to_string(*whole);
    if (const auto* count = std::get_if<std::uint64_t>(&value)) return std::to_string(*count);
    std::array<char, 32> buffer{};
    const auto result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::get<double>(value));
    return {buffer.data(), result.ptr};
}

int choiceIndex(const SettingSpec& spec, std::string_view name) {
    const auto it = std::ranges::find(spec.choices, name);
    return it == spec.choices.end() ? -1 : static_cast<int>(it - spec.choices.begin());
}

bool withinWindowLimits(const SettingSpec& spec, const SettingValue& value) {
    switch (spec.type) {
        case SettingType::Flag:
            return true;
        case SettingType::Choice: {
            const int index = choiceIndex(spec, std::get<std::string>(value));
            return index >= 0 && static_cast<std::size_t>(index) < spec.windowChoices;
        }
        default: {
            const double number = numericValue(value);
            const bool aboveMinimum =
                spec.minimumExcluded ? number > spec.minimum : number >= spec.minimum;
            return std::isfinite(number) && aboveMinimum && number <= spec.maximum;
        }
    }
}

}  // namespace couplinglab
