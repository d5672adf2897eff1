#include "app/cli/cli_lesson.h"

#include <string>

#include "app/cli/output_plan.h"
#include "app/cli/progress_line.h"
#include "core/input_error.h"
#include "core/interrupt.h"
#include "core/platform/atomic_file.h"

#ifdef COUPLINGLAB_CLI_PLOTS
#include <QFile>

#include "app/cli/offscreen_application.h"
#include "ui/files/plot_exporter.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_handout.h"
#endif

namespace couplinglab::cli {
namespace {

void requireLessonSupport() {
#ifndef COUPLINGLAB_CLI_PLOTS
    throw InputError(
        "this couplinglab-cli was built without the Qt user interface "
        "(COUPLINGLAB_BUILD_GUI=OFF), so it has no lessons");
#endif
}

UsageError usage(const std::string& option, const std::string& problem) {
    return UsageError(option, option + ": " + problem);
}

#ifdef COUPLINGLAB_CLI_PLOTS
ui::Lesson readLesson(const std::string& nameOrPath) {
    try {
        return ui::lessonByNameOrFile(QFile::decodeName(QByteArray::fromStdString(nameOrPath)));
    } catch (const ui::LessonError& error) {
        throw InputError(printable(error.what()));
    }
}
#endif

void setLesson(CliOptions& options, std::string_view text) {
    requireLessonSupport();
    if (text.empty()) throw InputError("the lesson's name or file is empty");
#ifdef COUPLINGLAB_CLI_PLOTS
    readLesson(std::string(text));  // refused now, before anything is drawn
#endif
    options.lesson = std::string(text);
}

void setHandout(CliOptions& options, std::string_view text) {
    requireLessonSupport();
    if (text.empty()) throw InputError("the file name is empty");
    options.handout = std::string(text);
}

}  // namespace

std::vector<OptionSpec> lessonOptions() {
    return {
        {"Lessons", "list-lessons", "", "",
         "print the built-in lessons' names, one a line, and exit",
         [](CliOptions& o, std::string_view) {
             requireLessonSupport();
             o.listLessons = true;
         }},
        {"Lessons", "lesson", "FILE|NAME", "none",
         "the lesson for --handout: a built-in lesson's name (see --list-lessons) or a lesson "
         "file (FILE.lesson.json)",
         setLesson},
        {"Lessons", "handout", "FILE.pdf", "none",
         "write the lesson's handout: one page per step, each step run to completion with its "
         "settings, its question and answer, its plots and its explanation",
         setHandout},
    };
}

void checkLessonOptions(const CliOptions& options) {
    if (options.wasGiven("handout") && !options.wasGiven("lesson"))
        throw usage("--handout", "needs --lesson FILE|NAME");
    if (options.wasGiven("lesson") && !options.wasGiven("handout"))
        throw usage("--lesson", "is only used with --handout FILE.pdf");
    if (!isLessonCommand(options)) return;
    const std::string command = options.listLessons ? "--list-lessons" : "--handout";
    for (const std::string& name : options.given) {
        if (name != "lesson" && name != "handout" && name != "list-lessons" && name != "quiet") {
            throw usage(command, "cannot be combined with " + dashed(name) +
                                     "; the lesson's steps hold every setting");
        }
    }
    if (options.listLessons && options.handout)
        throw usage("--list-lessons", "cannot be combined with --handout");
}

bool isLessonCommand(const CliOptions& options) {
    return options.listLessons || options.handout.has_value();
}

int runLessonCommand([[maybe_unused]] const CliOptions& options, [[maybe_unused]] std::ostream& out,
                     [[maybe_unused]] std::ostream& err, [[maybe_unused]] bool stderrIsTerminal) {
#ifdef COUPLINGLAB_CLI_PLOTS
    if (options.listLessons) {
        const QStringList names = ui::builtInLessonNames();
        const std::vector<ui::Lesson> lessons = ui::builtInLessons();
        for (qsizetype i = 0; i < names.size(); ++i) {
            out << names.at(i).toStdString() << '\t'
                << lessons[static_cast<std::size_t>(i)].title.toStdString() << '\n';
        }
        out.flush();
        return out ? kExitSuccess : kExitFailure;
    }
    if (auto problem = checkWritable(*options.handout)) {
        err << prefixed("--handout: " + *problem) << '\n';
        return kExitUsage;
    }
    const ui::Lesson lesson = readLesson(*options.lesson);
    const OffscreenApplication application("--handout");
    ProgressLine progress(err, stderrIsTerminal && !options.quiet);
    try {
        ui::writeLessonHandout(lesson,
                               QFile::decodeName(QByteArray::fromStdString(*options.handout)),
                               [&progress](int step, int steps) {
                                   if (step < steps) {
                                       progress.status("handout: step " + std::to_string(step + 1) +
                                                       " of " + std::to_string(steps));
                                   }
                                   return !interruptRequested().load();
                               });
    } catch (const ui::HandoutCancelled&) {
        progress.stop();
        return reportInterruption(err);  // nothing was written
    } catch (const ui::ExportError& error) {
        progress.stop();
        err << prefixed(std::string("--handout: ") + error.what()) << '\n';
        return kExitFailure;
    }
    progress.stop();
    return kExitSuccess;
#else
    return kExitUsage;
#endif
}

}  // namespace couplinglab::cli
