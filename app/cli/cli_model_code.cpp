#include "app/cli/cli_model_code.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "core/model_code.h"

namespace couplinglab::cli {
namespace {

// Options that make or read files of a run, which --print-model does not make.
constexpr std::array<std::string_view, 14> kRunOnlyOptions = {
    "data",        "data-output",     "output", "json",    "plots",        "trajectory",
    "sweep-pairs", "sweep-output",    "lesson", "handout", "list-lessons", "trajectory-output",
    "animation",   "animation-output"};

void setLanguage(CliOptions& options, std::string_view text) {
    const std::optional<CodeLanguage> language = parseCodeLanguage(text);
    if (!language) {
        throw InputError("'" + printable(text) +
                         "' is not a language of --print-model; choose stan, pymc or numpyro");
    }
    options.printModel = *language;
}

}  // namespace

std::vector<OptionSpec> modelCodeOptions() {
    return {
        {"Model code", "print-model", "stan|pymc|numpyro", "none",
         "print the model the other options describe (--units, --biases, --likelihood, "
         "--divide-by-n, the prior, the sampler) as a complete program in that language, which "
         "reads the bits from bits.csv as --data-output writes them, and exit without sampling",
         setLanguage},
    };
}

void checkModelCodeOptions(const CliOptions& options) {
    if (!options.printModel) return;
    for (const std::string_view name : kRunOnlyOptions) {
        if (options.wasGiven(name)) {
            throw UsageError("--print-model",
                             "--print-model: cannot be combined with " + dashed(name) +
                                 "; it prints the program and runs nothing (write the bits with "
                                 "a run's --data-output)");
        }
    }
}

int runModelCodeCommand(const CliOptions& options, std::ostream& out, std::ostream& err) {
    ModelCodeSpec spec;
    spec.shape = {options.machine.units, options.machine.biases};
    spec.model = options.model;
    spec.sampler = options.sampler;
    if (const std::optional<std::string> problem = validate(spec.shape)) {
        err << prefixed("--units: " + *problem) << '\n';
        return kExitUsage;
    }
    out << modelProgram(*options.printModel, spec) << std::flush;
    if (out) return kExitSuccess;
    err << prefixed("cannot write the program to standard output") << '\n';
    return kExitFailure;
}

}  // namespace couplinglab::cli
