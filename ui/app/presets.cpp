#include "ui/app/presets.h"

#include <QCoreApplication>
#include <array>
#include <cmath>

#include "ui/settings/display_settings.h"

#include "core/exact_posterior.h"

namespace couplinglab::ui {
namespace {

constexpr int kSpeedLevel3PerSecond = 2;
constexpr int kSpeedLevel10PerSecond = 3;
constexpr int kSpeedLevel30PerSecond = 4;
constexpr int kSpeedLevel100PerSecond = 5;
static_assert(kSpeedLevels[kSpeedLevel3PerSecond].iterationsPerSecond == 3.0);
static_assert(kSpeedLevels[kSpeedLevel10PerSecond].iterationsPerSecond == 10.0);
static_assert(kSpeedLevels[kSpeedLevel30PerSecond].iterationsPerSecond == 30.0);
static_assert(kSpeedLevels[kSpeedLevel100PerSecond].iterationsPerSecond == 100.0);

QString tr(const char* text) {
    return QCoreApplication::translate("Presets", text);
}

RunSettings questionData() {
    RunSettings settings;
    settings.data = {10'000, 0.0, 1};
    return settings;
}

RunSettings exactBoltzmann() {
    RunSettings settings = questionData();
    settings.model.likelihood = Likelihood::ExactBoltzmann;
    return settings;
}

// About three posterior sds of the exact Boltzmann posterior for the preset's data, rounded to
// two significant digits so the control shows a plain number.
double threeSds(const RunSettings& settings) {
    const ExactPosterior exact(settings.model, BitData::generate(settings.data).statistic());
    const double raw = 3.0 * exact.sd();
    const double scale = std::pow(10.0, std::floor(std::log10(raw)) - 1.0);
    return std::round(raw / scale) * scale;
}

std::vector<Preset> makePresets() {
    std::vector<Preset> list;

    list.push_back(
        {tr("1. The question's model"), QStringLiteral("Ctrl+1"), questionData(),
         tr("Preset 1. This lab began with a question on a forum: "
            "someone generated two lists of independent random bits, sampled a coupling weight w "
            "between them with NUTS (in PyMC) using the potential w·C, and found the posterior of "
            "w far "
            "from 0, where independent bits should put it. This preset is the question's model: "
            "the "
            "potential w·C with no normalising constant, sampled by NUTS with Stan's defaults. "
            "Watch the trace climb from its start to w ≈ C and stay there: for independent bits "
            "C is of order √N, far from zero, however well the sampler works.")});

    RunSettings divided = questionData();
    divided.model.divideByN = true;
    list.push_back(
        {tr("2. Divide by N"), QStringLiteral("Ctrl+2"), divided,
         tr("Preset 2, divide by N: the same potential divided by N, the obvious attempt "
            "to fix preset 1. The posterior comes back to the prior, moved by C/N: it looks right "
            "for "
            "independent bits only because the ten thousand pairs now count as one observation.")});

    list.push_back(
        {tr("3. Exact Boltzmann"), QStringLiteral("Ctrl+3"), exactBoltzmann(),
         tr("Preset 3, the exact Boltzmann likelihood: each pair is an observation with "
            "probability exp(w·s<sub>x</sub>·s<sub>y</sub>)/(4&nbsp;cosh&nbsp;w). Now w "
            "concentrates near atanh(C/N) with an sd of about 1/√N, and a true coupling would "
            "be recovered; the panel below says how far from 0 these bits put it. The adapted "
            "metric absorbs that small scale, so the step size stays near 1.")});

    RunSettings tooLarge = exactBoltzmann();
    tooLarge.sampler.adaptMetric = false;
    tooLarge.sampler.adaptStepSize = false;
    tooLarge.sampler.stepSize = threeSds(tooLarge);
    // Started inside the posterior (Stan's init=0): from w = ±2, 200 sds out, every first step
    // diverges and the chains never move, which hides the lesson.
    tooLarge.sampler.initRadius = 0.0;
    list.push_back(
        {tr("4. Step size too large"), QStringLiteral("Ctrl+4"), tooLarge,
         tr("Preset 4, a step size that is too large: the exact Boltzmann model with a unit metric "
            "and a fixed step of about three posterior sds, started at w = 0. For a Gaussian "
            "target leapfrog is "
            "unstable past two sds: each step overshoots further, the trajectory spirals out "
            "across the energy levels and the energy error explodes into divergences (red "
            "crosses).")});

    RunSettings noMetric = exactBoltzmann();
    noMetric.sampler.adaptMetric = false;
    list.push_back(
        {tr("5. No metric adaptation"), QStringLiteral("Ctrl+5"), noMetric,
         tr("Preset 5, no metric adaptation: the exact Boltzmann model with a unit metric. Without "
            "a metric to absorb the posterior's scale, the step size itself must shrink to about "
            "the posterior sd (about 1/√N), and while the chain is still far from the posterior "
            "the "
            "trees grow deep to cover the distance.")});

    // Speeds a class can follow (levels of kSpeedLevels): the climb to w ≈ C over the first
    // few dozen iterations; the histogram filling at the prior or at atanh(C/N); each
    // diverging trajectory spiralling out; the step size shrinking while the trees deepen.
    const std::array<int, 5> speeds{kSpeedLevel30PerSecond, kSpeedLevel100PerSecond,
                                    kSpeedLevel100PerSecond, kSpeedLevel3PerSecond,
                                    kSpeedLevel10PerSecond};
    for (std::size_t i = 0; i < list.size(); ++i)
        list[i].speedLevel = speeds[i];
    return list;
}

}  // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> list = makePresets();
    return list;
}

}  // namespace couplinglab::ui
