#include "ui/lessons/lesson_player.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/lessons/lesson_text.h"

namespace couplinglab::ui {
namespace {

// The strip stands out from the plots like the explanation's lesson box (the same colours).
const char* const kStripStyle =
    "QFrame#lessonPlayer { background: #fff4cc; border-bottom: 1px solid #d8b64c; }";
constexpr double kTitlePointSizeFactor = 1.25;

QPushButton* button(const QString& text, const char* name, const QString& tip, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QString::fromLatin1(name));
    b->setToolTip(tip);
    b->setFocusPolicy(Qt::TabFocus);  // Space and the arrows stay with the run
    return b;
}

QString choiceLetter(qsizetype index) {
    return QString(QChar(static_cast<char16_t>(u'A' + index)));
}

}  // namespace

LessonPlayer::LessonPlayer(QWidget* parent)
    : QFrame(parent),
      title_(new QLabel(this)),
      count_(new QLabel(this)),
      question_(new QLabel(this)),
      answer_(new QLabel(this)),
      back_(button(tr("Back"), "lessonBack", tr("The step before (Page Up)"), this)),
      reveal_(button(tr("Reveal"), "lessonReveal",
                     tr("Show the answer and what was hidden (B or period)"), this)),
      next_(button(tr("Next"), "lessonNext", tr("The next step, run at once (Page Down)"), this)),
      addStep_(button(tr("Add step"), "lessonAddStep",
                      tr("Add the current settings as a step after the last one"), this)),
      save_(button(tr("Save lesson…"), "lessonSave", tr("Save the lesson as a file"), this)),
      close_(button(tr("End lesson"), "lessonClose", tr("Close the lesson strip"), this)) {
    setObjectName(QStringLiteral("lessonPlayer"));
    setStyleSheet(QString::fromLatin1(kStripStyle));
    title_->setObjectName(QStringLiteral("lessonTitle"));
    count_->setObjectName(QStringLiteral("lessonCount"));
    question_->setObjectName(QStringLiteral("lessonQuestion"));
    answer_->setObjectName(QStringLiteral("lessonAnswer"));
    QFont large = title_->font();
    large.setPointSizeF(large.pointSizeF() * kTitlePointSizeFactor);
    large.setBold(true);
    title_->setFont(large);
    question_->setWordWrap(true);
    answer_->setWordWrap(true);
    answer_->setStyleSheet(QStringLiteral("color: #1f5fae; font-weight: bold;"));

    // The class's buttons beside the title, the teacher's under the question: in one row the six
    // buttons made the window wider than a 1024-pixel projector.
    title_->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(title_, 1);
    top->addWidget(count_);
    for (QPushButton* b : {back_, reveal_, next_})
        top->addWidget(b);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(answer_, 1);
    bottom->addStretch();  // keeps the buttons right while the answer waits for Reveal
    for (QPushButton* b : {addStep_, save_, close_})
        bottom->addWidget(b, 0, Qt::AlignBottom);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addLayout(top);
    layout->addWidget(question_);
    layout->addLayout(bottom);

    connect(back_, &QPushButton::clicked, this, &LessonPlayer::back);
    connect(reveal_, &QPushButton::clicked, this, &LessonPlayer::reveal);
    connect(next_, &QPushButton::clicked, this, &LessonPlayer::next);
    connect(close_, &QPushButton::clicked, this, &LessonPlayer::close);
    hide();
}

void LessonPlayer::setLesson(const Lesson& lesson, int first) {
    lesson_ = lesson;
    index_ = -1;
    show();
    goTo(std::clamp(first, 0, static_cast<int>(lesson_.steps.size()) - 1));
}

const LessonStep* LessonPlayer::currentStep() const {
    if (index_ < 0 || index_ >= static_cast<int>(lesson_.steps.size())) return nullptr;
    return &lesson_.steps[static_cast<std::size_t>(index_)];
}

void LessonPlayer::next() {
    goTo(index_ + 1);
}

void LessonPlayer::back() {
    goTo(index_ - 1);
}

void LessonPlayer::goTo(int index) {
    if (index < 0 || index >= static_cast<int>(lesson_.steps.size()) || index == index_) return;
    index_ = index;
    revealed_ = false;
    showStep();
    emit stepEntered(index_);
}

void LessonPlayer::reveal() {
    if (currentStep() == nullptr || revealed_) return;
    revealed_ = true;
    showStep();
    emit revealed(index_);
}

void LessonPlayer::close() {
    if (!isVisible() && !hasLesson()) return;
    lesson_ = {};
    index_ = -1;
    revealed_ = false;
    hide();
    emit closed();
}

void LessonPlayer::appendStep(const LessonStep& step) {
    if (lesson_.title.isEmpty()) lesson_.title = tr("New lesson");
    lesson_.steps.push_back(step);
    index_ = static_cast<int>(lesson_.steps.size()) - 1;
    revealed_ = true;  // the teacher's own state: nothing of it is hidden
    show();
    showStep();
}

void LessonPlayer::setLiveNumbers(const ExplanationInput& input) {
    live_ = input;
    if (currentStep() != nullptr) showStep();
}

QString LessonPlayer::filled(const QString& text) const {
    return live_ ? fillPlaceholders(text, *live_) : text;
}

QString LessonPlayer::questionText() const {
    const LessonStep* step = currentStep();
    if (step == nullptr || !step->question) return {};
    const LessonQuestion& q = *step->question;
    QString text = filled(q.text);
    if (q.isNumber()) return text + QLatin1Char(' ') + tr("(a number)");
    QStringList choices;
    for (qsizetype i = 0; i < q.choices.size(); ++i)
        choices.append(choiceLetter(i) + QStringLiteral(") ") + filled(q.choices.at(i)));
    return text + QStringLiteral("   ") + choices.join(QStringLiteral("   ·   "));
}

QString LessonPlayer::answerText() const {
    const LessonStep* step = currentStep();
    if (step == nullptr || !step->question) return {};
    const LessonQuestion& q = *step->question;
    if (q.isNumber()) {
        return q.tolerance > 0.0 ? tr("Answer: %1 (± %2)")
                                       .arg(formatCompact(q.number), formatCompact(q.tolerance))
                                 : tr("Answer: %1").arg(formatCompact(q.number));
    }
    return tr("Answer: %1) %2").arg(choiceLetter(q.answer), filled(q.choices.value(q.answer)));
}

void LessonPlayer::showStep() {
    const LessonStep* step = currentStep();
    if (step == nullptr) return;
    const int count = static_cast<int>(lesson_.steps.size());
    title_->setText(step->title);
    title_->setToolTip(lesson_.title);
    count_->setText(tr("Step %1 of %2").arg(index_ + 1).arg(count));
    question_->setText(questionText());
    question_->setVisible(step->question.has_value());
    answer_->setText(answerText());
    answer_->setVisible(revealed_ && step->question.has_value());
    back_->setEnabled(index_ > 0);
    next_->setEnabled(index_ + 1 < count);
    reveal_->setEnabled(!revealed_);
}

}  // namespace couplinglab::ui
