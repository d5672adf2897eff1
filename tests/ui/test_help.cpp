// The Help menu as a user reaches it: its actions triggered from the menu bar (and F1), the
// dialogs they open checked for their contents.
#include <qcustomplot.h>

#include <Eigen/Core>
#include <QAction>
#include <QDialog>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include "ui/app/main_window.h"
#include "ui/help/help_menu.h"
#include "ui/lessons/lesson.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

struct Fixture {
    QTemporaryDir dir;
    QSettings settings{dir.filePath("test.ini"), QSettings::IniFormat};
    std::unique_ptr<MainWindow> window;

    Fixture() {
        window = std::make_unique<MainWindow>(settings);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
};

QString withoutMnemonic(QString text) {
    return text.remove(QLatin1Char('&'));
}

QMenu* menuNamed(const QMainWindow& window, const QString& title) {
    for (QAction* action : window.menuBar()->actions()) {
        if (action->menu() != nullptr && withoutMnemonic(action->text()) == title)
            return action->menu();
    }
    return nullptr;
}

QAction* helpAction(const QMainWindow& window, const QString& text) {
    QMenu* help = menuNamed(window, QStringLiteral("Help"));
    if (help == nullptr) return nullptr;
    for (QAction* action : help->actions()) {
        if (withoutMnemonic(action->text()) == text) return action;
    }
    return nullptr;
}

// The text of the dialog `name` that the window shows now; empty if it is not shown.
QString dialogText(const QMainWindow& window, const char* name) {
    auto* dialog = window.findChild<QDialog*>(QString::fromLatin1(name));
    if (dialog == nullptr || !dialog->isVisible()) return {};
    auto* browser = dialog->findChild<QTextBrowser*>();
    return browser == nullptr ? QString() : browser->toPlainText();
}

// Every action a user can reach with a key: the menu bar's (with submenus) and the window's.
QList<QAction*> actionsWithShortcuts(const QMainWindow& window) {
    QList<QAction*> found;
    QList<QMenu*> menus;
    for (QAction* action : window.menuBar()->actions()) {
        if (action->menu() != nullptr) menus << action->menu();
    }
    while (!menus.isEmpty()) {
        for (QAction* action : menus.takeFirst()->actions()) {
            if (action->menu() != nullptr) menus << action->menu();
            if (!action->shortcut().isEmpty()) found << action;
        }
    }
    for (QAction* action : window.actions()) {
        if (!action->shortcut().isEmpty()) found << action;
    }
    return found;
}

}  // namespace

class TestHelp : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { Q_INIT_RESOURCE(resources); }  // they live in the static ui library
    void guideResourceHoldsTheWindowAndEveryLesson();
    void guideOpensFromTheMenuAndWithF1();
    void shortcutSheetListsEveryActionWithAShortcut();
    void shortcutSheetFollowsANewAction();
    void aboutNamesVersionLicenceAndLibraries();
};

void TestHelp::guideResourceHoldsTheWindowAndEveryLesson() {
    QFile file(QStringLiteral(":/help/guide.md"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString guide = QString::fromUtf8(file.readAll());
    QCOMPARE(help::guideMarkdown(), guide);
    QVERIFY2(guide.size() > 4000, qPrintable(QString::number(guide.size())));
    for (const char* heading : {"## Where this comes from", "## The window", "## The lessons"})
        QVERIFY2(guide.contains(QLatin1String(heading)), heading);
    // One section per step of every built-in lesson, titled as the step, in the lessons' order.
    qsizetype previous = 0;
    for (const Lesson& lesson : builtInLessons()) {
        for (const LessonStep& step : lesson.steps) {
            const qsizetype at =
                guide.indexOf(QStringLiteral("### ") + step.title + QLatin1Char('\n'), previous);
            QVERIFY2(at > previous, qPrintable(step.title));
            previous = at;
        }
    }
}

void TestHelp::guideOpensFromTheMenuAndWithF1() {
    Fixture f;
    QAction* guide = helpAction(*f.window, QStringLiteral("Guide"));
    QVERIFY(guide != nullptr);
    guide->trigger();
    const QString text = dialogText(*f.window, "guideDialog");
    QVERIFY2(text.contains(QStringLiteral("The lessons")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("C = 162")));
    QVERIFY(!text.contains(QStringLiteral("##")));  // rendered, not shown as Markdown source
    f.window->findChild<QDialog*>(QStringLiteral("guideDialog"))->close();
    QVERIFY(dialogText(*f.window, "guideDialog").isEmpty());

    f.window->activateWindow();
    QTest::keySequence(f.window.get(), QKeySequence::HelpContents);
    QVERIFY(QTest::qWaitFor([&] { return !dialogText(*f.window, "guideDialog").isEmpty(); }));
    // Opening it again reuses the one dialog.
    guide->trigger();
    QCOMPARE(f.window->findChildren<QDialog*>(QStringLiteral("guideDialog")).size(), 1);
}

void TestHelp::shortcutSheetListsEveryActionWithAShortcut() {
    Fixture f;
    QAction* sheet = helpAction(*f.window, QStringLiteral("Keyboard shortcuts"));
    QVERIFY(sheet != nullptr);
    sheet->trigger();
    const QString text = dialogText(*f.window, "shortcutsDialog");
    const QList<QAction*> actions = actionsWithShortcuts(*f.window);
    QVERIFY(actions.size() >= 8);  // Quit, Open, Save, exports, Start, Step, Reset, End, ...
    for (const QAction* action : actions) {
        // Every key of the action, the platform's own ones too ("Ctrl+= or Ctrl++").
        QStringList keyList;
        for (const QKeySequence& key : action->shortcuts())
            keyList << QRegularExpression::escape(key.toString(QKeySequence::NativeText));
        const QString keys = keyList.join(QStringLiteral(" or "));
        const QString name = withoutMnemonic(action->text());
        const QRegularExpression row(keys + QStringLiteral("\\s+") +
                                     QRegularExpression::escape(name));
        QVERIFY2(row.match(text).hasMatch(),
                 qPrintable(keys + QStringLiteral(" ") + name + QStringLiteral("\n---\n") + text));
    }
    QVERIFY(text.contains(QStringLiteral("Run")));
    QVERIFY(text.contains(QStringLiteral("F1")));  // the guide's own shortcut
    // Buttons with shortcuts too, a toggle named without its current state.
    QVERIFY2(text.contains(QStringLiteral("Divide by N (on or off)")), qPrintable(text));
}

void TestHelp::shortcutSheetFollowsANewAction() {
    Fixture f;
    auto* added = new QAction(QStringLiteral("Sharpen the pencils"), f.window.get());
    added->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F9));
    f.window->addAction(added);
    QMenu* run = menuNamed(*f.window, QStringLiteral("Run"));
    QVERIFY(run != nullptr);
    QAction* inMenu = run->addAction(QStringLiteral("Count the chairs"));
    inMenu->setShortcut(QKeySequence(Qt::ALT | Qt::Key_F8));

    helpAction(*f.window, QStringLiteral("Keyboard shortcuts"))->trigger();
    const QString text = dialogText(*f.window, "shortcutsDialog");
    QVERIFY2(text.contains(QStringLiteral("Sharpen the pencils")), qPrintable(text));
    QVERIFY(text.contains(added->shortcut().toString(QKeySequence::NativeText)));
    QVERIFY(text.contains(QStringLiteral("Count the chairs")));
    QVERIFY(text.contains(inMenu->shortcut().toString(QKeySequence::NativeText)));

    // And it goes again when the action does: the sheet is read afresh each time it opens.
    delete added;
    helpAction(*f.window, QStringLiteral("Keyboard shortcuts"))->trigger();
    QVERIFY(!dialogText(*f.window, "shortcutsDialog").contains(QStringLiteral("pencils")));
}

void TestHelp::aboutNamesVersionLicenceAndLibraries() {
    Fixture f;
    QAction* about = helpAction(*f.window, QStringLiteral("About Coupling Lab"));
    QVERIFY(about != nullptr);
    about->trigger();
    const QString text = dialogText(*f.window, "aboutDialog");
    QVERIFY2(text.contains(QStringLiteral("Coupling Lab " COUPLINGLAB_VERSION)), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Licence")));
    QVERIFY(text.contains(QStringLiteral("GNU General Public License")));
    QVERIFY(text.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))));
    QVERIFY(text.contains(QStringLiteral("QCustomPlot " QCUSTOMPLOT_VERSION_STR)));
    QVERIFY(text.contains(QStringLiteral("Eigen %1.%2.%3")
                              .arg(EIGEN_WORLD_VERSION)
                              .arg(EIGEN_MAJOR_VERSION)
                              .arg(EIGEN_MINOR_VERSION)));
}

QTEST_MAIN(TestHelp)
#include "test_help.moc"
