#pragma once

#include <istream>
#include <map>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "core/bit_data.h"
#include "core/coupling_model.h"
#include "core/iteration_record.h"
#include "core/sampler_settings.h"

namespace couplinglab {

// What a Stan CSV file says about the run, besides the draws.
struct CsvRunInfo {
    DataSpec data;
    SufficientStatistic statistic;
    ModelSpec model;
    SamplerSettings sampler;
    int chain = 0;  // 0-based; written as CmdStan's 1-based id
    double stepSize = 1.0;
    double inverseMetric = 1.0;
};

inline constexpr const char* kStanCsvHeader =
    "lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,w";

// Writes one chain in CmdStan's layout: '#' lines with the configuration, the header, the
// adaptation block, one row per post-warmup draw. Numbers are written in the shortest form that
// reads back to the same double, and nothing depends on the clock, so the same run gives the
// same bytes.
void writeStanCsv(std::ostream& out, const CsvRunInfo& info,
                  std::span<const IterationRecord> records);
std::string stanCsv(const CsvRunInfo& info, std::span<const IterationRecord> records);

// CmdStan's naming: one chain keeps FILE.csv; K > 1 chains write FILE_1.csv ... FILE_K.csv.
std::vector<std::string> chainFileNames(const std::string& path, int chains);

// A parsed Stan CSV (ours or CmdStan's).
struct StanCsv {
    std::map<std::string, std::string> config;  // "key = value" comment lines, innermost key
    std::vector<std::string> header;
    std::vector<std::vector<double>> rows;
    double stepSize = 0.0;
    std::vector<double> inverseMetric;

    std::vector<double> column(const std::string& name) const;
};

// Throws InputError naming the line that is malformed.
StanCsv readStanCsv(std::istream& in);

// Shortest round-trip decimal form of a double ("nan", "inf" as CmdStan writes them).
std::string formatNumber(double value);

}  // namespace couplinglab
