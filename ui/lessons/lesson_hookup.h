#pragma once

#include <QObject>
#include <QString>

class QAction;
class QTabWidget;

namespace couplinglab::ui {

class LessonPlayer;
class MainWindow;
struct Lesson;
struct LessonStep;

// Connects a LessonPlayer to the window: puts the strip above the plots, adds File ▸ Open
// lesson… / Save lesson…, the built-in lessons to the tool bar's lesson chooser, and the
// clicker keys (Page Down: Next, Page Up: Back, B or period: Reveal — a presentation clicker's
// three buttons), which work in presentation mode too, and Ctrl+1 … Ctrl+9 to jump to a step. A
// step entered sets the controls, the speed, the shown plots, panels and tab, hides what waits for
// Reveal and starts the run.
class LessonHookup : public QObject {
    Q_OBJECT

  public:
    explicit LessonHookup(MainWindow& window);

    LessonPlayer* player() const { return player_; }
    QAction* nextAction() const { return next_; }
    QAction* backAction() const { return back_; }
    QAction* revealAction() const { return reveal_; }
    QAction* openAction() const { return open_; }
    QAction* saveAction() const { return save_; }
    QAction* addStepAction() const { return addStep_; }
    // File ▸ Export lesson handout…: the open lesson's handout as a PDF (lesson_handout.h).
    QAction* handoutAction() const { return handout_; }
    // One per built-in lesson, in the Lessons menu and the tool bar's chooser.
    const QList<QAction*>& builtInActions() const { return builtIn_; }
    // Ctrl+1 … Ctrl+9, in the Lessons menu: go to that step of the open lesson, or start the
    // first built-in lesson at it when none is open. Named after the steps they reach; those
    // beyond the lesson's last step are hidden.
    const QList<QAction*>& stepActions() const { return steps_; }
    // Starts `lesson` at step `first` (0-based).
    void startLesson(const Lesson& lesson, int first = 0);

    // Opens `path` as the lesson; a refused file shows the problem and changes nothing.
    // Returns whether the lesson was opened.
    bool openLessonFile(const QString& path);
    // Writes the player's lesson; false (with a message) when it cannot.
    bool saveLessonFile(const QString& path);
    // Writes the open lesson's handout to `path`, showing a progress dialog with Cancel; false
    // (with a message, and no file written) when it fails or is cancelled.
    bool exportHandout(const QString& path);
    // The window's current settings, plots and panels as a step (title "Step N").
    LessonStep currentStateAsStep() const;

  private:
    void installStrip();
    void createActions();
    void goToStep(int index);
    void updateStepActions();
    void enterStep(int index);
    void applyVisibility();
    void showNote();
    void warn(const QString& message);

    MainWindow& window_;
    LessonPlayer* player_ = nullptr;
    QTabWidget* tabs_ = nullptr;  // the live run's and the sweep's
    QAction* next_ = nullptr;
    QAction* back_ = nullptr;
    QAction* reveal_ = nullptr;
    QAction* open_ = nullptr;
    QAction* save_ = nullptr;
    QAction* addStep_ = nullptr;
    QAction* handout_ = nullptr;
    QList<QAction*> builtIn_;
    QList<QAction*> steps_;
};

}  // namespace couplinglab::ui
