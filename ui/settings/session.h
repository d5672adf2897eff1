#pragma once

// A session: every setting of the window (data, model, sampler including Stan's constants,
// display) as a small, versioned JSON document, by convention FILE.couplinglab.json. Opening a
// session and pressing Start reproduces the same draws.
//
// Version 3, keys in this order when written (the settings schema's order,
// core/settings_schema.h, which also holds every limit and decimal quoted below):
//
//   {
//     "format": "couplinglab-session",
//     "version": 3,
//     "data": {"pairs": 10000, "coupling": 0, "seed": 1},
//     "model": {"priorMean": 0, "priorSd": 1, "likelihood": "potential", "divideByN": false},
//     "sampler": {"algorithm": "nuts", "leapfrogSteps": 10, "adaptStepSize": true,
//                 "stepSize": 1, "targetAccept": 0.8, "metric": "diag", "maxDepth": 10,
//                 "warmup": 1000, "draws": 1000, "chains": 4, "seed": 1,
//                 "maxDeltaH": 1000, "gamma": 0.05, "kappa": 0.75, "t0": 10,
//                 "initBuffer": 75, "termBuffer": 50, "baseWindow": 25, "initRadius": 2},
//     "display": {"speedLevel": 8, "leapfrogStepsPerSecond": 10, "traceWindow": 2000,
//                 "keepTunedStepSize": false},
//     "machine": {...}
//   }
//
// metric is "unit" or "diag" (the window's one-coupling model: a dense metric equals the
// diagonal one for one parameter, so "dense" is refused for now).
// Version 1 (still read, never written) is the same with "adaptMetric": true or false in the
// place of "metric"; true reads as "diag", false as "unit".
// "machine", optional, holds the Boltzmann machine tab's inputs and picked pair
// (ui/settings/machine_session.h); the window always writes it, the CLI's --session ignores it.
// Version 2 (still read) is version 3 without "machine".
//
// likelihood is "potential" or "boltzmann", algorithm "nuts" or "hmc" (the core's names).
// Every field is required and no other field is allowed (a misspelt key is an error, not a
// silently ignored setting). Reals are written in the shortest form that reads back to the same
// double.
//
// Whole numbers are JSON numbers with no fraction. JSON numbers are doubles, exact only up to
// 2^53; a session therefore holds only values that the window can show, and all of them are far
// below that: pairs 10 to 10^8, seeds 0 to 2^31 − 1 (the window's seed fields), so a 64-bit seed
// beyond that is refused rather than rounded. Reals must lie in the window's ranges and have no
// more decimals than its field shows (coupling 2, prior mean 2, prior sd 6, δ 2, step size 12,
// leapfrog pace 1), since the window would round them and the draws would change. Stan's
// constants, which the window keeps but does not show, need only pass the core's validate().
//
// A document that breaks any of this is refused with SessionError naming the field.

#include <QByteArray>
#include <QString>
#include <optional>

#include "core/input_error.h"
#include "core/run_settings.h"
#include "ui/settings/display_settings.h"
#include "ui/settings/machine_session.h"

namespace couplinglab::ui {

struct Session {
    RunSettings settings;
    DisplaySettings display;
    std::optional<MachineSession> machine;  // the Boltzmann machine tab (version 3)
    bool operator==(const Session&) const = default;
};

inline constexpr int kSessionVersion = 3;        // written
inline constexpr int kOldestSessionVersion = 1;  // still read
inline constexpr const char* kSessionFormat = "couplinglab-session";
inline constexpr const char* kSessionSuffix = ".couplinglab.json";
inline constexpr qint64 kMaxSessionBytes = 1 << 20;  // a session is a few hundred bytes

// A refused session. what() is "FIELD: PROBLEM", e.g. "sampler.chains: missing",
// "model.priorSd: must be from 0.001 to 1000, got 0", "version: 7 is not supported (expected 1)".
// FIELD is a dotted JSON path, "document" for a file that is not a JSON object, or the file's
// path when it cannot be read or written.
class SessionError : public InputError {
  public:
    SessionError(const QString& field, const QString& problem);
    const QString& field() const { return field_; }
    const QString& problem() const { return problem_; }

  private:
    QString field_;
    QString problem_;
};

// Indented JSON with a trailing newline. Does not validate; saveSessionFile does.
QByteArray toJson(const Session& session);
// Throws SessionError for anything the window could not show as it is.
Session sessionFromJson(const QByteArray& json);
// nullopt when `session` would be accepted by sessionFromJson, else the first problem found.
std::optional<SessionError> sessionProblem(const Session& session);

// Throws SessionError for a file that cannot be read, is too large, or is refused.
Session loadSessionFile(const QString& path);
// Validates, then writes through QSaveFile: all of it or nothing. Throws SessionError.
void saveSessionFile(const QString& path, const Session& session);

// The session as one line of compact JSON: the metadata written into exported images, so that a
// figure can be traced back to its settings (and opened again as a session).
QString sessionMetadata(const Session& session);

}  // namespace couplinglab::ui
