#pragma once

// A lesson: an ordered list of steps a teacher clicks through (predict, run, reveal). Each step
// applies settings, asks the class a question, runs, and on Reveal shows what was hidden and
// the answer. A lesson is a small, versioned, human-editable JSON document, by convention
// FILE.lesson.json; docs/lessons.md describes the format with a complete example.
//
// Qt Core only (no widgets), so that the loader can be fuzzed (tests/fuzz/fuzz_lesson.cpp).
// Settings go through the session reader (ui/settings/session.h): a lesson accepts exactly the
// values that a session accepts.

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/input_error.h"
#include "ui/settings/session.h"

namespace couplinglab::ui {

inline constexpr int kLessonVersion = 1;
inline constexpr const char* kLessonFormat = "couplinglab-lesson";
inline constexpr const char* kLessonSuffix = ".lesson.json";
inline constexpr qint64 kMaxLessonBytes = 1 << 20;
inline constexpr int kMaxLessonSteps = 100;
inline constexpr int kMinChoices = 2;
inline constexpr int kMaxChoices = 4;

// The plots of the live run, by their export names, and the window's side panels.
const QStringList& lessonPlotNames();   // trace, step-size, tree-depth, acceptance, ...
const QStringList& lessonPanelNames();  // controls, explanation
// The readouts a step may mask until Reveal (they show "?" meanwhile): the data's "C",
// "agreement", "C/N" and "atanh(C/N)" in the controls, and the status bar's "R-hat" (with the
// bulk ESS) and "divergences".
const QStringList& lessonReadoutNames();
// What a step may hide until Reveal: the exact posterior curve on the histogram
// ("referenceCurve"), the explanation's verdict paragraphs ("verdict"), the whole explanation
// panel ("explanation", when its live numbers would give the answer away), a plot by name, or
// a readout by name.
const QStringList& lessonHideableNames();

// A question to the class: choices (2 to 4) with the right one, or a number to guess.
struct LessonQuestion {
    QString text;
    QStringList choices;     // empty for a number to guess
    int answer = 0;          // index of the right choice
    double number = 0.0;     // the number's answer (no choices)
    double tolerance = 0.0;  // how close a guess must be to count as right
    bool isNumber() const { return choices.isEmpty(); }
    bool operator==(const LessonQuestion&) const = default;
};

struct LessonStep {
    QString title;
    Session session;     // every setting in force at this step (the step's changes applied)
    QStringList plots;   // shown; the others are hidden
    QStringList panels;  // shown; the others are hidden
    QString tab;         // "run" or "sweep"
    std::optional<LessonQuestion> question;
    QStringList hidden;   // until Reveal, from lessonHideableNames()
    QString explanation;  // shown from the start; may hold placeholders ("{C}")
    QString reveal;       // shown after Reveal; may hold placeholders
    bool operator==(const LessonStep&) const = default;
};

struct Lesson {
    QString title;
    std::vector<LessonStep> steps;
    bool operator==(const Lesson&) const = default;
};

// A refused lesson. what() is "line L: FIELD: PROBLEM", e.g.
// "line 12: steps[1].settings.sampler.chains: must be a whole number from 1 to 4, got 9".
class LessonError : public InputError {
  public:
    LessonError(int line, const QString& field, const QString& problem);
    int line() const { return line_; }
    const QString& field() const { return field_; }
    const QString& problem() const { return problem_; }

  private:
    int line_;
    QString field_;
    QString problem_;
};

// Throws LessonError for anything that is not a lesson the window can play as written.
Lesson lessonFromJson(const QByteArray& json);
// Indented JSON; each step's settings hold only what changed since the step before (the
// first step's: since the defaults). lessonFromJson(lessonToJson(l)) == l for a valid lesson.
QByteArray lessonToJson(const Lesson& lesson);

// Throws LessonError (line 0) for a file that cannot be read or is too large, or is refused.
Lesson loadLessonFile(const QString& path);
// Checks that the lesson reads back as it is, then writes it whole or not at all.
void saveLessonFile(const QString& path, const Lesson& lesson);

// The lessons that ship with the application (resources under :/lessons/), in menu order.
std::vector<Lesson> builtInLessons();
// Their short names, in the same order: their files' stems without the ordering number
// ("why-162"), which couplinglab-cli --list-lessons prints and --lesson NAME reads.
QStringList builtInLessonNames();
// The built-in lesson called `nameOrPath`, else the lesson file at that path. Throws
// LessonError (line 0 for a file that cannot be read) naming the built-in lessons when neither.
Lesson lessonByNameOrFile(const QString& nameOrPath);

}  // namespace couplinglab::ui
