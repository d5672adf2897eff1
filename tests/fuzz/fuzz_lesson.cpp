// libFuzzer target for the lesson loader (ui/lessons/lesson.h), built by scripts/fuzz.sh's
// configuration (clang's -fsanitize=fuzzer,address,undefined) like fuzz_session.
//
// For every input it checks, and aborts (a crash for libFuzzer) when one fails:
//
//  1. lessonFromJson either returns a Lesson or throws LessonError naming a line (from 1) and a
//     problem; nothing else escapes.
//  2. An accepted lesson has 1 to kMaxLessonSteps steps, each with settings the session reader
//     accepts as they are (sessionProblem has nothing to say), a question with 2 to 4 choices
//     and a right answer among them or a number, and texts whose placeholders are all known.
//  3. It survives lessonToJson → lessonFromJson unchanged, and writing is deterministic.
#include <QByteArray>
#include <QCoreApplication>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>

#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_text.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

[[noreturn]] void fail(const char* what, const QByteArray& detail = {}) {
    std::fprintf(stderr, "fuzz_lesson: %s%s%s\n", what, detail.isEmpty() ? "" : ": ",
                 detail.constData());
    std::fflush(stderr);
    std::abort();
}

void require(bool condition, const char* what, const QByteArray& detail = {}) {
    if (!condition) fail(what, detail);
}

std::optional<Lesson> parse(const QByteArray& bytes) {
    try {
        return lessonFromJson(bytes);
    } catch (const LessonError& error) {
        require(error.line() >= 1, "LessonError without a line", error.what());
        require(!error.problem().isEmpty(), "LessonError without a problem", error.what());
        return std::nullopt;
    } catch (const std::exception& error) {
        fail("lessonFromJson threw something other than LessonError", error.what());
    } catch (...) {
        fail("lessonFromJson threw something that is not a std::exception");
    }
}

void checkStep(const LessonStep& step) {
    require(!step.title.trimmed().isEmpty(), "a step without a title");
    require(!sessionProblem(step.session).has_value(), "a step's settings are not a session",
            toJson(step.session));
    if (step.question) {
        const LessonQuestion& q = *step.question;
        if (!q.isNumber()) {
            require(q.choices.size() >= kMinChoices && q.choices.size() <= kMaxChoices,
                    "a question with too few or too many choices");
            require(q.answer >= 0 && q.answer < q.choices.size(), "an answer outside the choices");
        }
    }
    require(!placeholderProblem(step.explanation) && !placeholderProblem(step.reveal),
            "an accepted text has a placeholder problem");
}

void checkAccepted(const Lesson& lesson) {
    require(!lesson.steps.empty() && lesson.steps.size() <= std::size_t{kMaxLessonSteps},
            "an accepted lesson with no or too many steps");
    for (const LessonStep& step : lesson.steps)
        checkStep(step);
    const QByteArray json = lessonToJson(lesson);
    try {
        const Lesson again = lessonFromJson(json);
        require(again == lesson, "an accepted lesson does not survive lessonToJson", json);
        require(lessonToJson(again) == json, "lessonToJson is not deterministic", json);
    } catch (const std::exception& error) {
        fail("lessonToJson of an accepted lesson is refused", json + " -> " + error.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static int argc = 1;
    static char name[] = "fuzz_lesson";
    static char* argv[] = {name, nullptr};
    new QCoreApplication(argc, argv);  // never deleted: Qt must outlive libFuzzer's exit()
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    if (const std::optional<Lesson> lesson = parse(bytes)) checkAccepted(*lesson);
    return 0;
}
