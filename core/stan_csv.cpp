#include "core/stan_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/input_error.h"

namespace couplinglab {
namespace {

const char* yesNo(bool value) {
    return value ? "1" : "0";
}

void writeConfiguration(std::ostream& out, const CsvRunInfo& info) {
    const SamplerSettings& s = info.sampler;
    const bool nuts = s.algorithm == Algorithm::Nuts;
    out << "# stan_version_major = 2\n"
           "# stan_version_minor = 33\n"
           "# stan_version_patch = 0\n"
           "# model = coupling_model\n"
           "# method = sample (Default)\n"
           "#   sample\n"
        << "#     num_samples = " << s.draws << "\n"
        << "#     num_warmup = " << s.warmup << "\n"
        << "#     save_warmup = 0\n"
           "#     thin = 1 (Default)\n"
           "#     adapt\n"
        << "#       engaged = " << yesNo(s.adaptStepSize || s.adaptMetric) << "\n"
        << "#       gamma = " << formatNumber(s.gamma) << "\n"
        << "#       delta = " << formatNumber(s.targetAccept) << "\n"
        << "#       kappa = " << formatNumber(s.kappa) << "\n"
        << "#       t0 = " << formatNumber(s.t0) << "\n"
        << "#       init_buffer = " << s.initBuffer << "\n"
        << "#       term_buffer = " << s.termBuffer << "\n"
        << "#       window = " << s.baseWindow << "\n"
        << "#       adapt_step_size = " << yesNo(s.adaptStepSize) << "\n"
        << "#       adapt_metric = " << yesNo(s.adaptMetric) << "\n"
        << "#     algorithm = hmc (Default)\n"
           "#       hmc\n"
        << "#         engine = " << (nuts ? "nuts" : "static") << "\n";
    if (nuts) {
        out << "#           nuts\n"
            << "#             max_depth = " << s.maxDepth << "\n";
    } else {
        out << "#           static\n"
            << "#             int_time = " << formatNumber(s.leapfrogSteps * s.stepSize) << "\n"
            << "#             leapfrog_steps = " << s.leapfrogSteps << "\n";
    }
    out << "#         metric = " << (s.adaptMetric ? "diag_e" : "unit_e") << "\n"
        << "#         metric_file =  (Default)\n"
        << "#         stepsize = " << formatNumber(s.stepSize) << "\n"
        << "#         stepsize_jitter = 0 (Default)\n"
        << "#     num_chains = 1 (Default)\n"
        << "# id = " << info.chain + 1 << "\n"
        << "# data\n"
           "#   file =  (Default)\n"
        << "# init = " << formatNumber(s.initRadius) << "\n"
        << "# random\n"
        << "#   seed = " << s.seed << "\n"
        << "# output\n"
           "#   file = output.csv (Default)\n"
           "#   diagnostic_file =  (Default)\n"
           "#   refresh = 100 (Default)\n"
           "#   sig_figs = 17\n"
        << "# num_threads = 1 (Default)\n"
        << "# couplinglab\n"
        << "#   pairs = " << info.data.pairs << "\n"
        << "#   coupling = " << formatNumber(info.data.coupling) << "\n"
        << "#   data_seed = " << info.data.seed << "\n"
        << "#   c = " << info.statistic.c << "\n"
        << "#   likelihood = " << toString(info.model.likelihood) << "\n"
        << "#   divide_by_n = " << yesNo(info.model.divideByN) << "\n"
        << "#   prior_mean = " << formatNumber(info.model.priorMean) << "\n"
        << "#   prior_sd = " << formatNumber(info.model.priorSd) << "\n"
        << "#   max_delta_h = " << formatNumber(s.maxDeltaH) << "\n";
}

void writeRow(std::ostream& out, const IterationRecord& r) {
    out << formatNumber(r.lp) << ',' << formatNumber(r.acceptStat) << ','
        << formatNumber(r.stepSize) << ',' << r.treeDepth << ',' << r.nLeapfrog << ','
        << (r.divergent ? 1 : 0) << ',' << formatNumber(r.energy) << ',' << formatNumber(r.w)
        << '\n';
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

double parseNumber(const std::string& text, int lineNumber) {
    const std::string t = trim(text);
    if (t == "nan" || t == "NaN") return std::nan("");
    if (t == "inf" || t == "Inf") return std::numeric_limits<double>::infinity();
    if (t == "-inf" || t == "-Inf") return -std::numeric_limits<double>::infinity();
    double value = 0.0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (error != std::errc() || end != t.data() + t.size() || t.empty()) {
        throw InputError("line " + std::to_string(lineNumber) + ": '" + t + "' is not a number");
    }
    return value;
}

std::vector<std::string> splitCommas(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ','))
        fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}

}  // namespace

std::string formatNumber(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return {buffer, result.ptr};
}

void writeStanCsv(std::ostream& out, const CsvRunInfo& info,
                  std::span<const IterationRecord> records) {
    writeConfiguration(out, info);
    out << kStanCsvHeader << '\n';
    if (info.sampler.adaptStepSize || info.sampler.adaptMetric) {
        out << "# Adaptation terminated\n"
            << "# Step size = " << formatNumber(info.stepSize) << '\n'
            << "# Diagonal elements of inverse mass matrix:\n"
            << "# " << formatNumber(info.inverseMetric) << '\n';
    }
    for (const IterationRecord& r : records) {
        if (!r.warmup) writeRow(out, r);
    }
}

std::string stanCsv(const CsvRunInfo& info, std::span<const IterationRecord> records) {
    std::ostringstream out;
    writeStanCsv(out, info, records);
    return std::move(out).str();
}

std::vector<std::string> chainFileNames(const std::string& path, int chains) {
    if (chains <= 1) return {path};
    const std::string suffix = ".csv";
    const bool hasSuffix = path.size() >= suffix.size() &&
                           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    const std::string stem = hasSuffix ? path.substr(0, path.size() - suffix.size()) : path;
    std::vector<std::string> names;
    for (int k = 1; k <= chains; ++k)
        names.push_back(stem + "_" + std::to_string(k) + (hasSuffix ? suffix : ""));
    return names;
}

std::vector<double> StanCsv::column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw InputError("the CSV has no column '" + name + "'");
    const auto index = static_cast<std::size_t>(it - header.begin());
    std::vector<double> values;
    values.reserve(rows.size());
    for (const auto& row : rows)
        values.push_back(row[index]);
    return values;
}

StanCsv readStanCsv(std::istream& in) {
    StanCsv csv;
    std::string line;
    int lineNumber = 0;
    bool expectMetric = false;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (line[0] == '#') {
            const std::string body = trim(line.substr(1));
            if (expectMetric) {
                for (const std::string& v : splitCommas(body))
                    csv.inverseMetric.push_back(parseNumber(v, lineNumber));
                expectMetric = false;
            } else if (body.rfind("Step size = ", 0) == 0) {
                csv.stepSize = parseNumber(body.substr(12), lineNumber);
            } else if (body.rfind("Diagonal elements of inverse mass matrix", 0) == 0) {
                expectMetric = true;
            } else if (const auto eq = body.find(" = "); eq != std::string::npos) {
                std::string value = trim(body.substr(eq + 3));
                if (const auto tag = value.find(" (Default)"); tag != std::string::npos)
                    value.erase(tag);
                csv.config[trim(body.substr(0, eq))] = value;
            }
            continue;
        }
        std::vector<std::string> fields = splitCommas(line);
        if (csv.header.empty()) {
            csv.header = std::move(fields);
            continue;
        }
        if (fields.size() != csv.header.size()) {
            throw InputError("line " + std::to_string(lineNumber) + " has " +
                             std::to_string(fields.size()) + " fields where the header has " +
                             std::to_string(csv.header.size()));
        }
        std::vector<double> row;
        row.reserve(fields.size());
        for (const std::string& field : fields)
            row.push_back(parseNumber(field, lineNumber));
        csv.rows.push_back(std::move(row));
    }
    if (csv.header.empty()) throw InputError("the file has no header line");
    return csv;
}

}  // namespace couplinglab
