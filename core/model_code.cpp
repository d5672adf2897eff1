#include "core/model_code.h"

#include <charconv>
#include <sstream>

#include "core/machine_runner.h"

namespace couplinglab {
namespace {

// The shortest text that reads back as `value`, as Python and Stan both parse it.
std::string number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return {buffer, result.ptr};
}

bool isExact(const ModelSpec& model) {
    return model.likelihood == Likelihood::ExactBoltzmann;
}

std::string modelTitle(const MachineShape& shape) {
    if (shape.isOneCoupling()) return "the coupling w between two lists of bits";
    return "a Boltzmann machine of " + std::to_string(shape.units) + " units with couplings" +
           (shape.biases ? " and biases" : ", without biases");
}

std::string likelihoodLine(const MachineShape& shape, const ModelSpec& model) {
    std::string line;
    if (shape.isOneCoupling()) {
        line = isExact(model) ? "Likelihood: exact Boltzmann, w*C - N log(4 cosh w)"
                              : "Likelihood: potential only, w*C, with no normalising constant";
        return line + (model.divideByN ? ", divided by N." : ", not divided by N.");
    }
    line = isExact(model) ? "Likelihood: exact Boltzmann, theta.T - N log Z(theta)"
                          : "Likelihood: potential only, theta.T, with no normalising constant";
    return line + (model.divideByN ? ", divided by N." : ", not divided by N.");
}

std::string parametersLine(const MachineShape& shape) {
    if (shape.isOneCoupling()) return "Parameter: w, the coupling of x1 and x2.";
    std::string line = "Parameters:";
    int index = 1;
    for (int j = 1; j < shape.units; ++j) {
        for (int k = j + 1; k <= shape.units; ++k, ++index)
            line += " w[" + std::to_string(index) + "] = w_" + std::to_string(j) +
                    std::to_string(k) + ",";
    }
    if (shape.biases) line += " b[k] = the bias of unit k,";
    line.back() = '.';
    return line;
}

std::string stanMetric(const SamplerSettings& sampler) {
    switch (metricKind(sampler)) {
        case MetricKind::Unit:
            return "unit_e";
        case MetricKind::Diagonal:
            return "diag_e";
        case MetricKind::Dense:
            return "dense_e";
    }
    return {};
}

std::string metricName(const SamplerSettings& sampler) {
    const MetricKind kind = metricKind(sampler);
    const std::string name = kind == MetricKind::Unit       ? "unit"
                             : kind == MetricKind::Diagonal ? "diagonal"
                                                            : "dense";
    return "a " + name + " metric (Stan's " + stanMetric(sampler) + ")";
}

std::string samplerLine(const SamplerSettings& sampler) {
    std::string line = "Sampler: NUTS with " + metricName(sampler) + ", " +
                       std::to_string(sampler.chains) + " chains of " +
                       std::to_string(sampler.warmup) + " warmup and " +
                       std::to_string(sampler.draws) + " draws, target acceptance " +
                       number(sampler.targetAccept) + ", seed " + std::to_string(sampler.seed);
    if (sampler.algorithm != Algorithm::Nuts || !sampler.adaptStepSize)
        line += " (Coupling Lab ran static HMC or a fixed step size; NUTS is the usual choice)";
    return line + ".";
}

// The opening comment every program shares, each line behind `mark`.
std::string header(const ModelCodeSpec& spec, std::string_view mark) {
    const int units = spec.shape.units;
    const std::vector<std::string> lines{
        "Coupling Lab: " + modelTitle(spec.shape) + ".",
        likelihoodLine(spec.shape, spec.model),
        "Prior: every parameter normal(" + number(spec.model.priorMean) + ", " +
            number(spec.model.priorSd) + ").",
        "",
        modelVerdict(spec.model),
        "",
        "Data: bits.csv as Coupling Lab writes it (File > Save bits..., or couplinglab-cli "
        "--data-output bits.csv): a header row " +
            (units == 2 ? std::string("x1,x2") : "x1,...,x" + std::to_string(units)) +
            " and one row of " + std::to_string(units) + " bits, 0 or 1, per observation.",
        parametersLine(spec.shape),
        samplerLine(spec.sampler),
    };
    std::string text;
    for (const std::string& line : lines)
        text += std::string(mark) + (line.empty() ? "" : " " + line) + "\n";
    return text;
}

// Wraps a sentence at about 90 columns behind `mark`.
std::string wrapped(const std::string& sentence, std::string_view mark) {
    std::istringstream words(sentence);
    std::string text;
    std::string line(mark);
    std::string word;
    while (words >> word) {
        if (line.size() + 1 + word.size() > 92 && line.size() > mark.size()) {
            text += line + "\n";
            line = std::string(mark);
        }
        line += " " + word;
    }
    return text + line + "\n";
}

std::string wrappedHeader(const ModelCodeSpec& spec, std::string_view mark) {
    std::istringstream lines(header(spec, ""));
    std::string text;
    std::string line;
    while (std::getline(lines, line)) {
        text += line.empty() ? std::string(mark) + "\n" : wrapped(line, mark);
    }
    return text;
}

// ---- Stan -------------------------------------------------------------------------------------

std::string stanRunners(const SamplerSettings& sampler) {
    const std::string metric = stanMetric(sampler);
    const std::string chains = std::to_string(sampler.chains);
    const std::string warmup = std::to_string(sampler.warmup);
    const std::string seed = std::to_string(sampler.seed);
    const std::string delta = number(sampler.targetAccept);
    const std::string depth = std::to_string(sampler.maxDepth);
    return "//\n"
           "// Run it from R (rstan), with this program saved as model.stan beside bits.csv:\n"
           "//   library(rstan)\n"
           "//   x <- as.matrix(read.csv(\"bits.csv\"))\n"
           "//   fit <- stan(\"model.stan\", data = list(N = nrow(x), x = x),\n"
           "//               chains = " +
           chains + ", warmup = " + warmup +
           ", iter = " + std::to_string(sampler.warmup + sampler.draws) + ", seed = " + seed +
           ",\n"
           "//               control = list(adapt_delta = " +
           delta + ", max_treedepth = " + depth + ", metric = \"" + metric +
           "\"))\n"
           "//   print(fit)\n"
           "// or from Python (CmdStanPy):\n"
           "//   import numpy as np, cmdstanpy\n"
           "//   x = np.loadtxt(\"bits.csv\", delimiter=\",\", skiprows=1, ndmin=2)\n"
           "//   fit = cmdstanpy.CmdStanModel(stan_file=\"model.stan\").sample(\n"
           "//       data={\"N\": len(x), \"x\": x}, chains=" +
           chains + ", iter_warmup=" + warmup + ", iter_sampling=" + std::to_string(sampler.draws) +
           ",\n"
           "//       seed=" +
           seed + ", adapt_delta=" + delta + ", max_treedepth=" + depth + ", metric=\"" + metric +
           "\")\n"
           "//   print(fit.summary())\n";
}

std::string stanBitCheck(int units) {
    const std::string k = std::to_string(units);
    return "  for (n in 1:N)\n"
           "    for (k in 1:" +
           k +
           ")\n"
           "      if (x[n, k] != 0 && x[n, k] != 1)\n"
           "        reject(\"bits.csv row \", n + 1, \", column \", k, \": \", x[n, k],\n"
           "               \" is not a bit (0 or 1)\");\n";
}

std::string stanLikelihood(const ModelSpec& model, const std::string& energy,
                           const std::string& logZ) {
    std::string term = isExact(model) ? energy + " - N * " + logZ : energy;
    if (model.divideByN) term = "(" + term + ") / N";
    return "  target += " + term + ";\n";
}

std::string stanOneCoupling(const ModelCodeSpec& spec) {
    const std::string prior =
        "normal(" + number(spec.model.priorMean) + ", " + number(spec.model.priorSd) + ")";
    return "data {\n"
           "  int<lower=1> N;  // observations: the rows of bits.csv\n"
           "  matrix[N, 2] x;  // the bits x1, x2 of each observation\n"
           "}\n"
           "transformed data {\n"
           "  matrix[N, 2] s = 2 * x - 1;                     // spins, -1 or +1\n"
           "  real C = dot_product(col(s, 1), col(s, 2));  // sum over observations of s1 * s2\n" +
           stanBitCheck(2) +
           "}\n"
           "parameters {\n"
           "  real w;\n"
           "}\n"
           "model {\n"
           "  w ~ " +
           prior + ";\n" + stanLikelihood(spec.model, "w * C", "log(4 * cosh(w))") + "}\n";
}

std::string stanMachine(const ModelCodeSpec& spec) {
    const MachineShape& shape = spec.shape;
    const bool exact = isExact(spec.model);
    const std::string k = std::to_string(shape.units);
    const std::string couplings = std::to_string(shape.couplings());
    const std::string patterns = std::to_string(shape.patterns());
    const std::string prior =
        "normal(" + number(spec.model.priorMean) + ", " + number(spec.model.priorSd) + ")";
    std::string text =
        "data {\n"
        "  int<lower=1> N;  // observations: the rows of bits.csv\n"
        "  matrix[N, " +
        k + "] x;  // the bits x1 ... x" + k +
        " of each observation\n"
        "}\n"
        "transformed data {\n"
        "  matrix[N, " +
        k +
        "] s = 2 * x - 1;  // spins, -1 or +1\n"
        "  matrix[" +
        k + ", " + k +
        "] products = crossprod(s);  // sum over observations of s_j * s_k\n"
        "  vector[" +
        couplings + "] T_w;  // the statistic of each coupling w_jk, j < k\n";
    if (shape.biases) text += "  vector[" + k + "] T_b;  // of each bias: the sum of s_k\n";
    if (exact) {
        text += "  matrix[" + patterns + ", " + couplings +
                "] F_w;  // the couplings' features s_j * s_k of every spin pattern\n";
        if (shape.biases)
            text += "  matrix[" + patterns + ", " + k + "] F_b;  // the biases' features s_k\n";
    }
    text += stanBitCheck(shape.units) +
            "  {\n"
            "    int c = 0;\n"
            "    for (j in 1:" +
            std::to_string(shape.units - 1) +
            ")\n"
            "      for (k in (j + 1):" +
            k +
            ") {\n"
            "        c += 1;\n"
            "        T_w[c] = products[j, k];\n"
            "      }\n"
            "  }\n";
    if (shape.biases) text += "  for (k in 1:" + k + ")\n    T_b[k] = sum(col(s, k));\n";
    if (exact) {
        text +=
            "  {\n"
            "    vector[" +
            k + "] spin = rep_vector(-1, " + k +
            ");  // the first pattern: every spin -1\n"
            "    for (p in 1:" +
            patterns +
            ") {\n"
            "      int c = 0;\n"
            "      for (j in 1:" +
            std::to_string(shape.units - 1) +
            ")\n"
            "        for (k in (j + 1):" +
            k +
            ") {\n"
            "          c += 1;\n"
            "          F_w[p, c] = spin[j] * spin[k];\n"
            "        }\n";
        if (shape.biases) text += "      F_b[p] = spin';\n";
        text += "      for (k in 1:" + k +
                ") {  // the next pattern: count in binary, unit 1 fastest\n"
                "        if (spin[k] < 0) {\n"
                "          spin[k] = 1;\n"
                "          break;\n"
                "        }\n"
                "        spin[k] = -1;\n"
                "      }\n"
                "    }\n"
                "  }\n";
    }
    text +=
        "}\n"
        "parameters {\n"
        "  vector[" +
        couplings + "] w;\n";
    if (shape.biases) text += "  vector[" + k + "] b;\n";
    const std::string energy =
        shape.biases ? "dot_product(T_w, w) + dot_product(T_b, b)" : "dot_product(T_w, w)";
    const std::string energies = shape.biases ? "F_w * w + F_b * b" : "F_w * w";
    text +=
        "}\n"
        "model {\n"
        "  real energy = " +
        energy + ";  // theta . T\n";
    if (exact) text += "  real log_z = log_sum_exp(" + energies + ");  // log Z(theta)\n";
    text += "  w ~ " + prior + ";\n";
    if (shape.biases) text += "  b ~ " + prior + ";\n";
    return text + stanLikelihood(spec.model, "energy", "log_z") + "}\n";
}

std::string stanProgram(const ModelCodeSpec& spec) {
    return wrappedHeader(spec, "//") + stanRunners(spec.sampler) +
           (spec.shape.isOneCoupling() ? stanOneCoupling(spec) : stanMachine(spec));
}

// ---- Python -----------------------------------------------------------------------------------

std::string pythonData(const MachineShape& shape) {
    const std::string k = std::to_string(shape.units);
    std::string text =
        "x = np.loadtxt(\"bits.csv\", delimiter=\",\", skiprows=1, ndmin=2)\n"
        "if x.shape[1] != " +
        k + " or not np.isin(x, (0, 1)).all():\n" + "    raise SystemExit(\"bits.csv must hold " +
        k +
        " columns of bits, 0 or 1, under a header row\")\n"
        "s = 2 * x - 1  # spins, -1 or +1\n"
        "N = len(s)\n";
    if (shape.isOneCoupling())
        return text + "C = s[:, 0] @ s[:, 1]  # sum over observations of s1 * s2\n";
    text += "pairs = list(itertools.combinations(range(" + k +
            "), 2))  # w_12, w_13, ..., w_23, ...: j < k\n"
            "T_w = np.array([s[:, j] @ s[:, k] for j, k in pairs])  # each coupling's statistic\n";
    if (shape.biases) text += "T_b = s.sum(axis=0)  # each bias's statistic\n";
    text += "patterns = np.array(list(itertools.product((-1, 1), repeat=" + k +
            ")))  # all 2^K spin patterns\n"
            "F_w = np.stack([patterns[:, j] * patterns[:, k] for j, k in pairs], axis=1)\n";
    if (shape.biases) text += "F_b = patterns\n";
    return text;
}

std::string pythonLikelihood(const ModelSpec& model, const std::string& energy,
                             const std::string& logZ) {
    std::string term = isExact(model) ? energy + " - N * " + logZ : energy;
    return model.divideByN ? "(" + term + ") / N" : term;
}

std::string pymcProgram(const ModelCodeSpec& spec) {
    const MachineShape& shape = spec.shape;
    const SamplerSettings& sampler = spec.sampler;
    const std::string prior =
        "mu=" + number(spec.model.priorMean) + ", sigma=" + number(spec.model.priorSd);
    std::string text = wrappedHeader(spec, "#") +
                       "#\n# Needs PyMC 5 (pip install pymc); run it beside bits.csv.\n\n";
    if (!shape.isOneCoupling()) text += "import itertools\n\n";
    text +=
        "import arviz as az\n"
        "import numpy as np\n"
        "import pymc as pm\n"
        "import pytensor.tensor as pt\n\n" +
        pythonData(shape) + "\nwith pm.Model():\n";
    std::string energy;
    std::string logZ;
    if (shape.isOneCoupling()) {
        text += "    w = pm.Normal(\"w\", " + prior + ")\n";
        energy = "w * C";
        logZ = "pt.log(4 * pt.cosh(w))";
    } else {
        text += "    w = pm.Normal(\"w\", " + prior +
                ", shape=" + std::to_string(shape.couplings()) + ")\n";
        if (shape.biases)
            text += "    b = pm.Normal(\"b\", " + prior + ", shape=" + std::to_string(shape.units) +
                    ")\n";
        text += "    energy = " +
                std::string(shape.biases ? "pt.dot(T_w, w) + pt.dot(T_b, b)" : "pt.dot(T_w, w)") +
                "  # theta . T\n";
        if (isExact(spec.model)) {
            text +=
                "    log_z = pt.logsumexp(" +
                std::string(shape.biases ? "pt.dot(F_w, w) + pt.dot(F_b, b)" : "pt.dot(F_w, w)") +
                ")  # log Z(theta)\n";
        }
        energy = "energy";
        logZ = "log_z";
    }
    text +=
        "    pm.Potential(\"likelihood\", " + pythonLikelihood(spec.model, energy, logZ) + ")\n";
    std::string init;
    switch (metricKind(sampler)) {
        case MetricKind::Unit:
            text += "    # PyMC has no unit metric: it adapts a diagonal one, as Stan's diag_e.\n";
            break;
        case MetricKind::Diagonal:
            break;
        case MetricKind::Dense:
            init = ", init=\"jitter+adapt_full\"";  // PyMC's dense metric
            break;
    }
    text += "    idata = pm.sample(draws=" + std::to_string(sampler.draws) +
            ", tune=" + std::to_string(sampler.warmup) +
            ", chains=" + std::to_string(sampler.chains) +
            ",\n                      target_accept=" + number(sampler.targetAccept) +
            ", random_seed=" + std::to_string(sampler.seed) + init + ")\n\n" +
            "print(az.summary(idata))\n";
    return text;
}

std::string numpyroProgram(const ModelCodeSpec& spec) {
    const MachineShape& shape = spec.shape;
    const SamplerSettings& sampler = spec.sampler;
    const std::string prior =
        "dist.Normal(" + number(spec.model.priorMean) + ", " + number(spec.model.priorSd) + ")";
    std::string text = wrappedHeader(spec, "#") +
                       "#\n# Needs NumPyro (pip install numpyro); run it beside bits.csv.\n\n";
    if (!shape.isOneCoupling()) text += "import itertools\n\n";
    text +=
        "import jax\n"
        "import jax.numpy as jnp\n"
        "import numpy as np\n"
        "import numpyro\n"
        "import numpyro.distributions as dist\n"
        "from jax.scipy.special import logsumexp\n"
        "from numpyro.infer import MCMC, NUTS\n\n"
        "numpyro.set_host_device_count(" +
        std::to_string(sampler.chains) + ")  # one CPU device per chain\n\n" + pythonData(shape) +
        "\n\ndef model():\n";
    std::string energy;
    std::string logZ;
    if (shape.isOneCoupling()) {
        text += "    w = numpyro.sample(\"w\", " + prior + ")\n";
        energy = "w * C";
        logZ = "jnp.log(4 * jnp.cosh(w))";
    } else {
        text += "    w = numpyro.sample(\"w\", " + prior + ".expand([" +
                std::to_string(shape.couplings()) + "]))\n";
        if (shape.biases)
            text += "    b = numpyro.sample(\"b\", " + prior + ".expand([" +
                    std::to_string(shape.units) + "]))\n";
        text +=
            "    energy = " +
            std::string(shape.biases ? "jnp.dot(T_w, w) + jnp.dot(T_b, b)" : "jnp.dot(T_w, w)") +
            "  # theta . T\n";
        if (isExact(spec.model))
            text += "    log_z = logsumexp(" +
                    std::string(shape.biases ? "F_w @ w + F_b @ b" : "F_w @ w") +
                    ")  # log Z(theta)\n";
        energy = "energy";
        logZ = "log_z";
    }
    text += "    numpyro.factor(\"likelihood\", " + pythonLikelihood(spec.model, energy, logZ) +
            ")\n\n\n";
    const MetricKind metric = metricKind(sampler);
    text += "kernel = NUTS(model, target_accept_prob=" + number(sampler.targetAccept) +
            ", max_tree_depth=" + std::to_string(sampler.maxDepth) + ",\n" +
            "              dense_mass=" + (metric == MetricKind::Dense ? "True" : "False") +
            ", adapt_mass_matrix=" + (metric == MetricKind::Unit ? "False" : "True") + ")\n" +
            "mcmc = MCMC(kernel, num_warmup=" + std::to_string(sampler.warmup) +
            ", num_samples=" + std::to_string(sampler.draws) +
            ", num_chains=" + std::to_string(sampler.chains) + ")\n" +
            "mcmc.run(jax.random.PRNGKey(" + std::to_string(sampler.seed) + "))\n" +
            "mcmc.print_summary()\n";
    return text;
}

}  // namespace

std::string_view codeLanguageName(CodeLanguage language) {
    switch (language) {
        case CodeLanguage::Stan:
            return "stan";
        case CodeLanguage::PyMC:
            return "pymc";
        case CodeLanguage::NumPyro:
            return "numpyro";
    }
    return {};
}

std::string_view codeLanguageTitle(CodeLanguage language) {
    switch (language) {
        case CodeLanguage::Stan:
            return "Stan";
        case CodeLanguage::PyMC:
            return "PyMC";
        case CodeLanguage::NumPyro:
            return "NumPyro";
    }
    return {};
}

std::string_view codeFileSuffix(CodeLanguage language) {
    return language == CodeLanguage::Stan ? "stan" : "py";
}

std::optional<CodeLanguage> parseCodeLanguage(std::string_view name) {
    for (const CodeLanguage language : kCodeLanguages) {
        if (codeLanguageName(language) == name) return language;
    }
    return std::nullopt;
}

std::string modelVerdict(const ModelSpec& model) {
    if (!isExact(model) && !model.divideByN) {
        return "This is the question's mistake: without log Z(theta) the likelihood is an energy, "
               "not the probability of the data. The posterior is the prior moved by the whole "
               "statistic T = sum_n phi(s_n), of order sqrt(N) for independent bits (about 100 at "
               "N = 10^4): far from the true parameters. The sampler is not at fault; the model "
               "is wrong.";
    }
    if (!isExact(model)) {
        return "This is the question's mistake, divided by N: the posterior is the prior moved by "
               "T/N, which looks right for independent bits, but log Z(theta) is still missing "
               "and the N observations count as one, so the posterior stays as wide as the prior "
               "and cannot find a true coupling.";
    }
    if (model.divideByN) {
        return "This is not the correct model: dividing the exact likelihood by N raises it to "
               "the power 1/N (a tempered posterior), so the N observations count as one and the "
               "posterior is almost as wide as the prior.";
    }
    return "This is the correct model: the Boltzmann likelihood with its normalising constant "
           "log Z(theta), every observation counted once. The posterior concentrates on the true "
           "parameters, with a width of order 1/sqrt(N).";
}

std::string modelProgram(CodeLanguage language, const ModelCodeSpec& spec) {
    switch (language) {
        case CodeLanguage::Stan:
            return stanProgram(spec);
        case CodeLanguage::PyMC:
            return pymcProgram(spec);
        case CodeLanguage::NumPyro:
            return numpyroProgram(spec);
    }
    return {};
}

}  // namespace couplinglab
