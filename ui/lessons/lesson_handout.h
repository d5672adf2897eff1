#pragma once

// The handout of a lesson: a PDF with one page per step, each step run to completion offscreen
// with its settings: the step's title, its question with the right answer marked, the plots the
// step shows (everything revealed, the exact posterior's curve included) and its explanation
// with the answer, the live numbers filled in from that run. A step on the sweep tab runs the
// sweep over N (the sweep tab's defaults, with the step's sampler) and shows its four plots.
//
// Used by File ▸ Export lesson handout… and by couplinglab-cli --lesson … --handout FILE.pdf.
// Must be called on the GUI thread of a QApplication (the plots are widgets, drawn offscreen);
// the chains run on their own threads meanwhile. Each page is A4 landscape.

#include <QByteArray>
#include <QString>
#include <functional>
#include <stdexcept>

#include "ui/lessons/lesson.h"

namespace couplinglab::ui {

// Told before each step is run (0-based) and once more with `step` == `steps` at the end;
// returning false cancels the handout.
using HandoutProgress = std::function<bool(int step, int steps)>;

// Thrown when the progress callback cancelled the handout; nothing was written.
class HandoutCancelled : public std::runtime_error {
  public:
    HandoutCancelled() : std::runtime_error("the handout was cancelled") {}
};

// The PDF's bytes. Throws HandoutCancelled, or ExportError (ui/files/plot_exporter.h) when
// the PDF cannot be drawn.
QByteArray renderLessonHandout(const Lesson& lesson, const HandoutProgress& progress = {});

// Renders the handout and writes it to `path` whole or not at all (an existing file stays as it
// was on any failure). Throws HandoutCancelled, or ExportError naming the file and the reason.
void writeLessonHandout(const Lesson& lesson, const QString& path,
                        const HandoutProgress& progress = {});

}  // namespace couplinglab::ui
