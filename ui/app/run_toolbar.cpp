#include "ui/app/run_toolbar.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <algorithm>

#include "ui/settings/display_settings.h"

namespace couplinglab::ui {
namespace {

// The accent: the one saturated control in the window, readable as white on blue from afar.
// Its size is a font of its own (not the style sheet's), so that zoom scales it like the rest.
constexpr double kStartPointSizeFactor = 1.45;
const char* const kStartStyle =
    "QToolButton { color: white; background: #1f5fae;"
    "  border: 1px solid #154580; border-radius: 5px; padding: 4px 14px; }"
    "QToolButton:hover { background: #2a6fc4; }"
    "QToolButton:pressed { background: #174a88; }"
    "QToolButton:focus { border: 2px solid #f0b400; }"
    "QToolButton:disabled { background: #8aa6c8; }";

}  // namespace

RunToolBar::RunToolBar(QWidget* parent)
    : QToolBar(tr("Run"), parent),
      startPause_(addRunButton("toolStartPause")),
      step_(addRunButton("toolStep")),
      reset_(addRunButton("toolReset")),
      speed_(new QSlider(Qt::Horizontal, this)),
      speedLabel_(new QLabel(this)),
      lessonCombo_(new QComboBox(this)) {
    setObjectName(QStringLiteral("runToolBar"));
    setMovable(false);
    setFloatable(false);
    // Always there: no menu entry to hide it.
    toggleViewAction()->setVisible(false);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    startPause_->installEventFilter(this);
    startPause_->setStyleSheet(QString::fromLatin1(kStartStyle));
    QFont large = startPause_->font();
    large.setPointSizeF(large.pointSizeF() * kStartPointSizeFactor);
    large.setBold(true);
    startPause_->setFont(large);
    addSeparator();

    auto* speedTitle = new QLabel(tr("Speed"), this);
    speedTitle->setContentsMargins(6, 0, 4, 0);
    addWidget(speedTitle);
    speed_->setObjectName(QStringLiteral("toolSpeedSlider"));
    speed_->setAccessibleName(tr("Speed"));
    speed_->setToolTip(tr("How fast the sampler runs; the draws never depend on it"));
    speed_->setRange(0, kFullSpeedLevel);
    speed_->setPageStep(1);
    speed_->setTickPosition(QSlider::TicksBelow);
    speed_->setFixedWidth(140);
    addWidget(speed_);
    speedLabel_->setObjectName(QStringLiteral("toolSpeedLabel"));
    speedLabel_->setContentsMargins(4, 0, 6, 0);
    addWidget(speedLabel_);
    connect(speed_, &QSlider::valueChanged, this, &RunToolBar::updateSpeedLabel);
    updateSpeedLabel();
    addSeparator();

    lessonCombo_->setObjectName(QStringLiteral("toolLessonCombo"));
    lessonCombo_->setAccessibleName(tr("Lesson"));
    lessonCombo_->setToolTip(
        tr("Starts a lesson at its first step (Ctrl+1 … Ctrl+9 jump to its steps)"));
    lessonCombo_->setPlaceholderText(tr("Choose a lesson…"));
    lessonCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    lessonCombo_->setFocusPolicy(Qt::ClickFocus);  // Space and arrows stay with the run
    addWidget(lessonCombo_);
    connect(lessonCombo_, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < lessons_.size()) lessons_[index]->trigger();
    });
}

// Start and Pause take the same room, so the tool bar does not shift when the run toggles.
bool RunToolBar::eventFilter(QObject* watched, QEvent* event) {
    if (watched == startPause_ &&
        (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)) {
        const QFontMetrics metrics(startPause_->font());
        const int text = std::max(metrics.horizontalAdvance(tr("Start")),
                                  metrics.horizontalAdvance(tr("Pause")));
        startPause_->setMinimumWidth(text + startPause_->iconSize().width() +
                                     3 * metrics.averageCharWidth() + 28);
    }
    return QToolBar::eventFilter(watched, event);
}

QToolButton* RunToolBar::addRunButton(const char* objectName) {
    auto* button = new QToolButton(this);
    button->setObjectName(QString::fromLatin1(objectName));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setFocusPolicy(Qt::TabFocus);
    addWidget(button);
    return button;
}

void RunToolBar::setRunActions(QAction* startPause, QAction* step, QAction* reset) {
    startPause_->setDefaultAction(startPause);
    step_->setDefaultAction(step);
    reset_->setDefaultAction(reset);
    step->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    reset->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    connect(startPause, &QAction::changed, this, &RunToolBar::updateStartIcon);
    updateStartIcon();
}

// Play while it would start, pause while it would pause: the icon follows the action's text.
void RunToolBar::updateStartIcon() {
    QAction* action = startPause_->defaultAction();
    if (action == nullptr) return;
    const bool pauses = action->text().remove('&') == tr("Pause");
    // setIcon announces a change too: only a real switch sets it.
    if (action->property("couplinglab.pauses") == QVariant(pauses)) return;
    action->setProperty("couplinglab.pauses", pauses);
    action->setIcon(style()->standardIcon(pauses ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void RunToolBar::mirrorSpeedSlider(QSlider* panelSlider) {
    speed_->setValue(panelSlider->value());
    connect(panelSlider, &QSlider::valueChanged, speed_, &QSlider::setValue);
    connect(speed_, &QSlider::valueChanged, panelSlider, &QSlider::setValue);
}

void RunToolBar::setLessonActions(const QList<QAction*>& lessons) {
    lessons_ = lessons;
    lessonCombo_->clear();
    for (QAction* action : lessons)
        lessonCombo_->addItem(action->text().remove('&'));
    lessonCombo_->setCurrentIndex(-1);
}

void RunToolBar::showLesson(int index) {
    lessonCombo_->setCurrentIndex(index >= 0 && index < lessons_.size() ? index : -1);
}

void RunToolBar::updateSpeedLabel() {
    speedLabel_->setText(
        QString::fromLatin1(kSpeedLevels[static_cast<std::size_t>(speed_->value())].label));
}

}  // namespace couplinglab::ui
