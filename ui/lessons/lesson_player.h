#pragma once

#include <QFrame>
#include <optional>

#include "ui/explanation/explanation.h"
#include "ui/lessons/lesson.h"

class QLabel;
class QPushButton;

namespace couplinglab::ui {

// The strip above the plots while a lesson is open: the step's title and question, the step
// count, Back / Reveal / Next and a button that ends the lesson. It only keeps the place in the
// lesson; what a step does to the window is the window's (LessonHookup), told by the signals.
// Object names: lessonPlayer, lessonTitle, lessonCount, lessonQuestion, lessonAnswer,
// lessonBack, lessonReveal, lessonNext, lessonAddStep, lessonSave, lessonClose.
class LessonPlayer : public QFrame {
    Q_OBJECT

  public:
    explicit LessonPlayer(QWidget* parent = nullptr);

    // Starts `lesson` at step `first` (stepEntered; 0: its first) and shows the strip.
    void setLesson(const Lesson& lesson, int first = 0);
    const Lesson& lesson() const { return lesson_; }
    bool hasLesson() const { return !lesson_.steps.empty(); }
    int currentIndex() const { return index_; }
    const LessonStep* currentStep() const;
    bool isRevealed() const { return revealed_; }
    // The numbers that the question's placeholders show ("{C}"), from the current run.
    void setLiveNumbers(const ExplanationInput& input);
    // Appends `step` after the last one and goes to it (without applying it: it is the
    // window's current state already).
    void appendStep(const LessonStep& step);

    QPushButton* addStepButton() const { return addStep_; }
    QPushButton* saveButton() const { return save_; }

  public slots:
    void next();
    void back();
    void reveal();
    void goTo(int index);
    void close();

  signals:
    void stepEntered(int index);
    void revealed(int index);
    void closed();

  private:
    void showStep();
    QString questionText() const;
    QString answerText() const;
    QString filled(const QString& text) const;

    Lesson lesson_;
    int index_ = -1;
    bool revealed_ = false;
    std::optional<ExplanationInput> live_;
    QLabel* title_;
    QLabel* count_;
    QLabel* question_;
    QLabel* answer_;
    QPushButton* back_;
    QPushButton* reveal_;
    QPushButton* next_;
    QPushButton* addStep_;
    QPushButton* save_;
    QPushButton* close_;
};

}  // namespace couplinglab::ui
