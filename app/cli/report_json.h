#pragma once

// The summaries as one JSON object (README "The JSON summary"), and the pieces that every
// run's object shares, so that the one-coupling run and the K-unit machine write them alike.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/json_writer.h"
#include "app/cli/report.h"

namespace couplinglab::cli {

// Opens the summary object with "program" and "version".
void beginSummaryJson(JsonWriter& json);

// "parameters": each with its name, its reference ({kind, mean, sd}) and the summary of its
// draws ({mean, sd, mcse_mean, ess_bulk, ess_tail, rhat}).
void writeParametersJson(JsonWriter& json, std::string_view referenceKind,
                         const std::vector<ParameterReport>& parameters);

// "output": the files written, and closes the summary object.
void endSummaryJson(JsonWriter& json, const std::vector<std::string>& files);

// The one-coupling run's summary: one object, one line, newline.
void writeJson(std::ostream& out, const Report& report);

}  // namespace couplinglab::cli
