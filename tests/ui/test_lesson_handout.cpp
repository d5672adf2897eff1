// File ▸ Export lesson handout… as a teacher uses it: open a lesson, choose the menu item, pick
// a file in the dialog, watch the progress dialog (or press its Cancel). The PDF is read back
// with poppler's pdfinfo and pdftotext (scripts/setup.sh installs poppler-utils).
#include <QFileDialog>
#include <QMessageBox>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include "support/pdf_reader.h"
#include "support/window_fixture.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_hookup.h"
#include "ui/lessons/lesson_player.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::testing;
using namespace couplinglab::ui::testing;

namespace {

const QString kExportItem = QStringLiteral("Export lesson handout (PDF)…");

// A two-step lesson with short runs, as a teacher would build it by clicking.
Lesson shortLesson() {
    Lesson lesson;
    lesson.title = QStringLiteral("Two quick steps");
    LessonStep step;
    step.title = QStringLiteral("Potential only");
    step.session.settings.sampler.warmup = 200;
    step.session.settings.sampler.draws = 200;
    step.session.settings.sampler.chains = 2;
    step.plots = lessonPlotNames();
    step.panels = lessonPanelNames();
    step.tab = QStringLiteral("run");
    step.question = LessonQuestion{QStringLiteral("Where is the posterior of w, with C = {C}?"),
                                   {QStringLiteral("near 0"), QStringLiteral("near C")},
                                   1};
    step.explanation = QStringLiteral("N = {N} pairs.");
    step.reveal = QStringLiteral("Near C: the exact posterior is Normal({exactMean}, {exactSd}).");
    lesson.steps.push_back(step);
    step.title = QStringLiteral("Exact Boltzmann");
    step.session.settings.model.likelihood = Likelihood::ExactBoltzmann;
    step.plots = {QStringLiteral("trace"), QStringLiteral("posterior")};
    step.question.reset();
    lesson.steps.push_back(step);
    return lesson;
}

void openLesson(Fixture& f, const Lesson& lesson) {
    const QString path = f.dir.filePath(QStringLiteral("quick.lesson.json"));
    saveLessonFile(path, lesson);
    QVERIFY(f.window->lessons()->openLessonFile(path));
}

void chooseFile(const QString& path) {
    answerNextDialog([path](QDialog* dialog) {
        auto* files = qobject_cast<QFileDialog*>(dialog);
        QVERIFY(files != nullptr);
        files->selectFile(path);
        dialog->accept();
    });
}

}  // namespace

class TestLessonHandout : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { Q_INIT_RESOURCE(resources); }

    void exportItemIsInTheFileMenuAndNeedsAnOpenLesson() {
        Fixture f;
        QAction* item = menuItem(*f.window, QStringLiteral("File"), kExportItem);
        QVERIFY(item != nullptr);
        QVERIFY(!item->isEnabled());
        QCOMPARE(menuItem(*f.window, QStringLiteral("Lessons"), kExportItem), item);
        openLesson(f, shortLesson());
        QVERIFY(item->isEnabled());
        f.find<QPushButton>("lessonClose")->click();
        QVERIFY(!item->isEnabled());
    }

    // One page per step: its title, its question with the answer marked, its explanation and
    // its answer with the live numbers of that step's own run filled in.
    void fileMenuWritesOnePagePerStepWithTheRevealedAnswers() {
        Fixture f;
        const Lesson lesson = shortLesson();
        openLesson(f, lesson);
        const QString pdf = f.dir.filePath(QStringLiteral("handout"));  // ".pdf" is added
        chooseFile(pdf);
        menuItem(*f.window, QStringLiteral("File"), kExportItem)->trigger();
        const QString written = pdf + QStringLiteral(".pdf");
        QVERIFY2(QFileInfo(written).isFile(), qPrintable(f.window->statusBar()->currentMessage()));
        QCOMPARE(pdfPageCount(written), 2);
        const QString first = pdfPageText(written, 1);
        QVERIFY2(first.contains(QStringLiteral("Step 1 of 2")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("Potential only")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("B) near C — the answer")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("N = 10 000 pairs.")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("Answer. Near C: the exact posterior is Normal(")),
                 qPrintable(first));
        QVERIFY2(!first.contains(QLatin1Char('{')), qPrintable(first));  // every number filled
        QVERIFY2(first.contains(QStringLiteral("Trace of w")), qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("Acceptance")), qPrintable(first));
        const QString second = pdfPageText(written, 2);
        QVERIFY2(second.contains(QStringLiteral("Exact Boltzmann")), qPrintable(second));
        QVERIFY2(second.contains(QStringLiteral("Posterior of w")), qPrintable(second));
        QVERIFY2(!second.contains(QStringLiteral("Acceptance")), qPrintable(second));  // not shown
        QVERIFY2(!second.contains(QStringLiteral("Question.")), qPrintable(second));
        QVERIFY(
            f.window->statusBar()->currentMessage().contains(QStringLiteral("Saved the handout")));
    }

    // Cancel in the progress dialog: nothing is written, and a file already there stays.
    void cancelInTheProgressDialogKeepsTheOldFile() {
        Fixture f;
        openLesson(f, shortLesson());
        const QString pdf = f.dir.filePath(QStringLiteral("handout.pdf"));
        {
            QFile old(pdf);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the teacher's old handout");
        }
        bool cancelled = false;
        // Confirms replacing the file, then presses Cancel as soon as the progress dialog shows.
        QTimer cancel;
        cancel.setInterval(5);
        connect(&cancel, &QTimer::timeout, &cancel, [&] {
            if (auto* replace = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                replace->button(QMessageBox::Yes)->click();
            } else if (auto* progress =
                           qobject_cast<QProgressDialog*>(QApplication::activeModalWidget())) {
                progress->cancel();
                cancelled = true;
                cancel.stop();
            }
        });
        cancel.start();
        chooseFile(pdf);
        menuItem(*f.window, QStringLiteral("File"), kExportItem)->trigger();
        QFile old(pdf);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QVERIFY(cancelled);
        QCOMPARE(old.readAll(), QByteArray("the teacher's old handout"));
        QVERIFY(f.window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
    }
};

QTEST_MAIN(TestLessonHandout)
#include "test_lesson_handout.moc"
