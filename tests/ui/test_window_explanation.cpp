// The explanation panel in the running window: the check of the draws against the exact
// posterior uses the diagnostics' bulk ESS, which may arrive after the last draw.
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QtTest>

#include "ui/app/main_window.h"
#include "ui/explanation/explanation_panel.h"
#include "ui/run/sampling_controller.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

QString explanationText(const MainWindow& window) {
    QTextDocument document;
    document.setHtml(window.explanationPanel()->html());
    return document.toPlainText().replace(QChar::Nbsp, QLatin1Char(' '));
}

QAction* menuAction(const QMainWindow& window, const QString& menu, const QString& text) {
    for (QAction* top : window.menuBar()->actions()) {
        if (top->menu() == nullptr || top->text().remove(QLatin1Char('&')) != menu) continue;
        for (QAction* action : top->menu()->actions()) {
            if (action->text().remove(QLatin1Char('&')) == text) return action;
        }
    }
    return nullptr;
}

}  // namespace

class TestWindowExplanation : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { Q_INIT_RESOURCE(resources); }

    void checkUsesTheDiagnosticsAfterTheRunEnds() {
        QTemporaryDir dir;
        {
            QSettings seed(dir.filePath("test.ini"), QSettings::IniFormat);
            seed.setValue("data/pairs", QVariant::fromValue<qulonglong>(10'000));
            seed.setValue("model/likelihood", QStringLiteral("boltzmann"));
            seed.setValue("sampler/warmup", 200);
            seed.setValue("sampler/draws", 300);
            seed.setValue("sampler/chains", 2);
            seed.setValue("version", 1);
        }
        QSettings settings(dir.filePath("test.ini"), QSettings::IniFormat);
        MainWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction* start = menuAction(window, QStringLiteral("Run"), QStringLiteral("Start"));
        QVERIFY(start != nullptr);
        start->trigger();
        QVERIFY(QTest::qWaitFor([&] { return window.controller()->state() == RunState::Finished; },
                                60'000));
        // The summary of all 600 draws comes from a pool thread after the run has finished;
        // the panel must pick it up without any further iteration.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return explanationText(window).contains(
                             QStringLiteral("The 600 draws have mean"));
                     },
                     20'000),
                 qPrintable(explanationText(window)));
        const QString text = explanationText(window);
        QVERIFY(text.contains(QStringLiteral("sd/√(bulk ESS)")));
        QVERIFY(!text.contains(QStringLiteral("rough standard errors")));
    }
};

QTEST_MAIN(TestWindowExplanation)
#include "test_window_explanation.moc"
