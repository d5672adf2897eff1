// Shared by the window's tests: a MainWindow over a throw-away settings file, and the menu
// items a user reaches.
#pragma once

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <functional>
#include <memory>

#include "ui/app/main_window.h"
#include "ui/run/sampling_controller.h"

namespace couplinglab::ui::testing {

// A window over a throw-away settings file with a short run.
struct Fixture {
    QTemporaryDir dir;
    QSettings settings{dir.filePath("test.ini"), QSettings::IniFormat};
    std::unique_ptr<MainWindow> window;

    Fixture() {
        settings.setValue("version", 1);
        settings.setValue("sampler/warmup", 100);
        settings.setValue("sampler/draws", 100);
        settings.setValue("sampler/chains", 2);
        open();
    }
    void open() {
        window = std::make_unique<MainWindow>(settings);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
    }
    SamplingController& controller() { return *window->controller(); }
    template <class T>
    T* find(const char* name) {
        return window->findChild<T*>(QString::fromLatin1(name));
    }
};

inline QString plain(QString text) {
    return text.remove('&');
}

// The action a user reaches as menu `menu` → `item` (texts without their '&').
inline QAction* menuItem(const QMainWindow& window, const QString& menu, const QString& item) {
    for (QAction* top : window.menuBar()->actions()) {
        if (top->menu() == nullptr || plain(top->text()) != menu) continue;
        for (QAction* action : top->menu()->actions()) {
            if (plain(action->text()) == item) return action;
        }
    }
    return nullptr;
}

inline QList<QAction*> menuActions(const QMainWindow& window, const QString& menu) {
    for (QAction* top : window.menuBar()->actions()) {
        if (top->menu() != nullptr && plain(top->text()) == menu) return top->menu()->actions();
    }
    return {};
}

// Answers the next modal dialog as a user would: `answer` fills it in and accepts (or rejects)
// it.
inline void answerNextDialog(std::function<void(QDialog*)> answer) {
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, answer = std::move(answer)] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        if (dialog == nullptr) return;
        poll->stop();
        poll->deleteLater();
        answer(dialog);
    });
    poll->start();
}

inline bool isRunningOrDone(SamplingController& controller) {
    return controller.state() == RunState::Running || controller.state() == RunState::Finished;
}

}  // namespace couplinglab::ui::testing
