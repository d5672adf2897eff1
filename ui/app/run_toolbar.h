#pragma once

#include <QList>
#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace couplinglab::ui {

// The tool bar above the plots, always visible: Start/Pause (the largest control, in the accent
// colour), Step, Reset, the speed and the lesson chooser. It holds no state of its own: the
// buttons show the window's actions, the speed slider mirrors the control panel's and the
// chooser triggers the Lessons menu's lessons. Object names: runToolBar, toolStartPause,
// toolStep, toolReset, toolSpeedSlider, toolSpeedLabel, toolLessonCombo.
class RunToolBar : public QToolBar {
    Q_OBJECT

  public:
    explicit RunToolBar(QWidget* parent = nullptr);

    void setRunActions(QAction* startPause, QAction* step, QAction* reset);
    // Keeps the tool bar's speed and `panelSlider` (the control panel's) at the same level.
    void mirrorSpeedSlider(QSlider* panelSlider);
    // One entry per lesson action; choosing it triggers the action.
    void setLessonActions(const QList<QAction*>& lessons);
    // Shows lesson `index` as the current one (-1: none).
    void showLesson(int index);

    QToolButton* startPauseButton() const { return startPause_; }
    QSlider* speedSlider() const { return speed_; }
    QComboBox* lessonCombo() const { return lessonCombo_; }

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QToolButton* addRunButton(const char* objectName);
    void updateSpeedLabel();
    void updateStartIcon();

    QToolButton* startPause_;
    QToolButton* step_;
    QToolButton* reset_;
    QSlider* speed_;
    QLabel* speedLabel_;
    QComboBox* lessonCombo_;
    QList<QAction*> lessons_;
};

}  // namespace couplinglab::ui
