#pragma once

// couplinglab-cli --list-lessons: the built-in lessons' names, one a line (then, after a tab,
//   each one's title).
// couplinglab-cli --lesson FILE|NAME --handout FILE.pdf: the lesson's handout, one page per
//   step, each step run to completion with its own settings (ui/lessons/lesson_handout.h). No
//   display is needed. NAME is a built-in lesson's name; anything else is read as a lesson file.
//   The other options are refused with these: every setting comes from the lesson's steps.
//   A lesson that is refused exits 2 naming the line and the problem; the PDF is written whole
//   or not at all (an existing file stays as it was on failure or on Ctrl+C).

#include <ostream>
#include <vector>

#include "app/cli/cli_options.h"

namespace couplinglab::cli {

// The rows of --list-lessons, --lesson and --handout in the option table.
std::vector<OptionSpec> lessonOptions();

// After every option was read: --lesson and --handout come together and alone (--quiet
// aside). Throws UsageError naming the option.
void checkLessonOptions(const CliOptions& options);

// True when the invocation lists the lessons or writes a handout.
bool isLessonCommand(const CliOptions& options);
// Runs it; returns the exit status.
int runLessonCommand(const CliOptions& options, std::ostream& out, std::ostream& err,
                     bool stderrIsTerminal);

}  // namespace couplinglab::cli
