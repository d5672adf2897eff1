// What a lesson step does to the window's run (ui/lessons/lesson_hookup.cpp does the rest: the
// strip, the plots and panels shown, what waits for Reveal).
#include "ui/app/main_window.h"
#include "ui/run/sampling_controller.h"
#include "ui/settings/session.h"

namespace couplinglab::ui {

void MainWindow::applyLessonStep(const Session& session, const QString& note, bool hideVerdict) {
    applySession(session);  // every setting, the speed, a fresh run
    presetSettings_ = controller_->settings();
    presetNote_ = note;
    hideVerdict_ = hideVerdict;
    controller_->start();
    explanationDirty_ = true;
    refreshExplanation();
}

void MainWindow::showLessonNote(const QString& note, bool hideVerdict) {
    presetNote_ = note;
    hideVerdict_ = hideVerdict;
    explanationDirty_ = true;
    refreshExplanation();
}

}  // namespace couplinglab::ui
