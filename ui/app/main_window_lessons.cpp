// What a lesson step does to the window's run (ui/lessons/lesson_hookup.cpp does the rest: the
// strip, the plots and panels shown, what waits for Reveal).
#include "ui/app/main_window.h"
#include "ui/controls/control_panel.h"
#include "ui/run/sampling_controller.h"
#include "ui/settings/session.h"

namespace couplinglab::ui {

void MainWindow::applyLessonStep(const Session& session, const QString& note, bool hideVerdict,
                                 bool startRun) {
    applySession(session);  // every setting, the speed, a fresh run
    lessonSettings_ = controller_->settings();
    lessonNote_ = note;
    hideVerdict_ = hideVerdict;
    if (startRun) controller_->start();
    explanationDirty_ = true;
    refreshExplanation();
}

void MainWindow::setMaskedReadouts(const QStringList& names) {
    maskedReadouts_ = names;
    controlPanel_->setMaskedReadouts(names);
    refreshStatusBar();
}

void MainWindow::showLessonNote(const QString& note, bool hideVerdict) {
    lessonNote_ = note;
    hideVerdict_ = hideVerdict;
    explanationDirty_ = true;
    refreshExplanation();
}

}  // namespace couplinglab::ui
