#include "ui/app/window_keys.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

namespace couplinglab::ui {
namespace {

bool isNumberBox(const QObject* object) {
    for (const QObject* o = object; o != nullptr; o = o->parent()) {
        if (qobject_cast<const QAbstractSpinBox*>(o) != nullptr) return true;
        if (o->isWidgetType() && static_cast<const QWidget*>(o)->isWindow()) break;
    }
    return false;
}

}  // namespace

QList<QKeySequence> keysWithPlatformOnes(const QKeySequence& key,
                                         QKeySequence::StandardKey standard) {
    QList<QKeySequence> keys{key};
    for (const QKeySequence& platform : QKeySequence::keyBindings(standard)) {
        if (!platform.isEmpty() && !keys.contains(platform)) keys.append(platform);
    }
    return keys;
}

SpaceReachesRunShortcut::SpaceReachesRunShortcut(QWidget& window)
    : QObject(&window), window_(window) {
    qApp->installEventFilter(this);
}

bool SpaceReachesRunShortcut::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::ShortcutOverride) return false;
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() != Qt::Key_Space || key->modifiers() != Qt::NoModifier) return false;
    if (!watched->isWidgetType() || static_cast<QWidget*>(watched)->window() != &window_)
        return false;
    if (!isNumberBox(watched)) return false;
    // Not overridden: the shortcut map gives Space to Start/Pause.
    event->ignore();
    return true;
}

}  // namespace couplinglab::ui
