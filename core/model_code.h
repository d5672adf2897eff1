#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/boltzmann_machine.h"
#include "core/coupling_model.h"
#include "core/sampler_settings.h"

namespace couplinglab {

// The languages a student takes the model home in.
enum class CodeLanguage { Stan, PyMC, NumPyro };
inline constexpr std::array kCodeLanguages = {CodeLanguage::Stan, CodeLanguage::PyMC,
                                              CodeLanguage::NumPyro};

std::string_view codeLanguageName(CodeLanguage language);   // "stan", "pymc", "numpyro"
std::string_view codeLanguageTitle(CodeLanguage language);  // "Stan", "PyMC", "NumPyro"
std::string_view codeFileSuffix(CodeLanguage language);     // "stan" or "py"
std::optional<CodeLanguage> parseCodeLanguage(std::string_view name);

// What the program describes: the model as the application runs it (shape, prior, likelihood,
// divide by N) and the sampler settings it passes on to the other tool's NUTS.
struct ModelCodeSpec {
    MachineShape shape;  // K = 2 without biases: the one coupling w of DESIGN.md §1
    ModelSpec model;
    SamplerSettings sampler;
};

// A complete program that reads bits.csv (as couplinglab-cli --data-output and File ▸ Save
// bits… write it), builds the sufficient statistics, states the model and samples it with NUTS.
// Its opening comment says which model it is: the question's mistake or the correct one. Stan's
// program compiles with Stan 2.21 and with current Stan (only syntax common to both), and its
// comment holds the R and Python lines that run it; the Python programs use pm.Potential and
// numpyro.factor.
std::string modelProgram(CodeLanguage language, const ModelCodeSpec& spec);

// One sentence on what the chosen likelihood is: the question's mistake, or the correct model.
std::string modelVerdict(const ModelSpec& model);

}  // namespace couplinglab
