// View ▸ Model as code… as a student uses it: Ctrl+M opens the panel on the model of the tab in
// front, it follows the controls, each language shows its program, Copy and Save as… hand it
// over whole.
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>

#include "support/window_fixture.h"
#include "ui/code/model_code_panel.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

ModelCodePanel* openWithCtrlM(Fixture& f) {
    QTest::keyClick(f.window.get(), Qt::Key_M, Qt::ControlModifier);
    auto* panel = f.window->findChild<ModelCodePanel*>();
    if (panel == nullptr || !QTest::qWaitForWindowExposed(panel)) return nullptr;
    return panel;
}

QString programText(ModelCodePanel* panel) {
    return panel->findChild<QPlainTextEdit*>(QStringLiteral("codeText"))->toPlainText();
}

}  // namespace

class TestModelCodePanel : public QObject {
    Q_OBJECT
  private slots:
    void theViewMenuHoldsModelAsCodeOnCtrlM() {
        Fixture f;
        QAction* item =
            menuItem(*f.window, QStringLiteral("View"), QStringLiteral("Model as code…"));
        QVERIFY(item != nullptr);
        QCOMPARE(item->shortcut(), QKeySequence(QStringLiteral("Ctrl+M")));
    }

    // The default model is the question's; Divide by N changes the program while the
    // panel is open, and Copy puts exactly the text shown on the clipboard.
    void ctrlMShowsTheLiveRunsModelFollowsTheControlsAndCopyCopiesIt() {
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        ModelCodePanel* panel = openWithCtrlM(f);
        QVERIFY(panel != nullptr);
        QVERIFY(panel->isVisible());
        QVERIFY(programText(panel).contains(QStringLiteral("This is the question's mistake:")));
        QVERIFY(programText(panel).contains(QStringLiteral("target += w * C;")));
        QVERIFY(panel->findChild<QLabel*>(QStringLiteral("codeOrigin"))
                    ->text()
                    .contains(QStringLiteral("Live run tab")));

        QTest::mouseClick(f.find<QPushButton>("divideByNButton"), Qt::LeftButton);
        QTRY_VERIFY(f.window->currentSettings().model.divideByN);
        QTRY_VERIFY2(programText(panel).contains(QStringLiteral("target += (w * C) / N;")),
                     qPrintable(programText(panel)));
        QVERIFY(programText(panel).contains(
            QStringLiteral("This is the question's mistake, divided by N")));

        QApplication::clipboard()->clear();
        QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("codeCopyButton")),
                          Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), programText(panel));
    }

    void eachLanguageShowsItsProgram_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("marker");
        QTest::newRow("Stan") << 0 << QStringLiteral("parameters {\n  real w;\n}");
        QTest::newRow("PyMC") << 1 << QStringLiteral("pm.Potential(\"likelihood\", w * C)");
        QTest::newRow("NumPyro") << 2 << QStringLiteral("numpyro.factor(\"likelihood\", w * C)");
    }
    void eachLanguageShowsItsProgram() {
        QFETCH(int, index);
        QFETCH(QString, marker);
        Fixture f;
        ModelCodePanel* panel = openWithCtrlM(f);
        QVERIFY(panel != nullptr);
        auto* combo = panel->findChild<QComboBox*>(QStringLiteral("codeLanguageCombo"));
        combo->setCurrentIndex(index);
        QVERIFY2(programText(panel).contains(marker), qPrintable(programText(panel)));
        // The choice is kept for the next time the window opens.
        f.window.reset();
        f.open();
        panel = openWithCtrlM(f);
        QVERIFY(panel != nullptr);
        QCOMPARE(panel->findChild<QComboBox*>(QStringLiteral("codeLanguageCombo"))->currentIndex(),
                 index);
    }

    void theBoltzmannMachineTabInFrontShowsTheMachine() {
        Fixture f;
        ModelCodePanel* panel = openWithCtrlM(f);
        QVERIFY(panel != nullptr);
        f.window->findChild<QTabWidget*>()->setCurrentIndex(2);
        QTRY_VERIFY(programText(panel).contains(
            QStringLiteral("a Boltzmann machine of 3 units with couplings and biases")));
        QVERIFY(programText(panel).contains(QStringLiteral("This is the correct model")));
        QVERIFY(programText(panel).contains(QStringLiteral("  vector[3] b;")));
        QVERIFY(panel->findChild<QLabel*>(QStringLiteral("codeOrigin"))
                    ->text()
                    .contains(QStringLiteral("Boltzmann machine tab")));
    }

    void saveAsWritesTheProgramShown() {
        Fixture f;
        ModelCodePanel* panel = openWithCtrlM(f);
        QVERIFY(panel != nullptr);
        const QString path = f.dir.filePath(QStringLiteral("model.stan"));
        answerNextDialog([path](QDialog* dialog) {
            auto* files = qobject_cast<QFileDialog*>(dialog);
            QVERIFY(files != nullptr);
            files->selectFile(path);
            dialog->accept();
        });
        QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("codeSaveButton")),
                          Qt::LeftButton);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), programText(panel));
    }
};

QTEST_MAIN(TestModelCodePanel)
#include "test_model_code_panel.moc"
