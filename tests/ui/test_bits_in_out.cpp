// File ▸ Save bits… and Open bits… as a student uses them. Save: the bits of the tab in front, in
// the form the file's suffix names, read back by the CLI's reader with the statistics the window
// shows; a set too large to save is refused with a message and nothing is written. Open: a CSV
// or .npy of the student's own goes into the Boltzmann machine tab, which samples exactly those
// bits and keeps the file in a session; a malformed file is refused naming its row and the
// problem, and nothing changes.
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>

#include "core/bit_data.h"
#include "core/machine_data_io.h"
#include "support/window_fixture.h"
#include "ui/files/file_actions.h"
#include "ui/machine/machine_inputs.h"
#include "ui/machine/machine_tab.h"
#include "ui/settings/session.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

// The dialog opens in the folder of the last save, as it does for a user who saves there again
// (and it has no other folder to load while the answer is given).
void saveBitsAs(Fixture& f, const QString& path) {
    f.settings.setValue(QStringLiteral("bits/folder"), QFileInfo(path).absolutePath());
    answerNextDialog([path](QDialog* dialog) {
        auto* files = qobject_cast<QFileDialog*>(dialog);
        QVERIFY(files != nullptr);
        // As a user picks the type first: the NumPy filter for a .npy.
        if (path.endsWith(QLatin1String(".npy")))
            files->selectNameFilter(files->nameFilters().last());
        files->selectFile(path);
        dialog->accept();
    });
    QAction* item = menuItem(*f.window, QStringLiteral("File"), QStringLiteral("Save bits…"));
    QVERIFY(item != nullptr);
    item->trigger();
}

// File ▸ Open bits… with `path` chosen in its dialog; `message` gets the text of a message box
// that follows, if one does.
void openBitsFrom(Fixture& f, const QString& path, QString* message = nullptr) {
    f.settings.setValue(QStringLiteral("bits/folder"), QFileInfo(path).absolutePath());
    answerNextDialog([path, message](QDialog* dialog) {
        auto* files = qobject_cast<QFileDialog*>(dialog);
        QVERIFY(files != nullptr);
        // Typed into the name field, as a user does: selectFile() leaves the field alone while it
        // has the focus, and the folder's listing may not have loaded yet.
        files->setDirectory(QFileInfo(path).absolutePath());
        auto* name = files->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        QVERIFY(name != nullptr);
        name->setText(QFileInfo(path).fileName());
        dialog->accept();
        if (message == nullptr) return;
        answerNextDialog([message](QDialog* box) {
            *message = qobject_cast<QMessageBox*>(box)->text();
            box->accept();
        });
    });
    QAction* item = menuItem(*f.window, QStringLiteral("File"), QStringLiteral("Open bits…"));
    QVERIFY(item != nullptr);
    item->trigger();
}

bool writeText(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

}  // namespace

class TestBitsInOut : public QObject {
    Q_OBJECT
  private slots:
    void theFileMenuHoldsSaveBitsOnCtrlShiftS() {
        Fixture f;
        QAction* item = menuItem(*f.window, QStringLiteral("File"), QStringLiteral("Save bits…"));
        QVERIFY(item != nullptr);
        QCOMPARE(item->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
        item = menuItem(*f.window, QStringLiteral("File"), QStringLiteral("Open bits…"));
        QVERIFY(item != nullptr);
        QCOMPARE(item->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+O")));
    }

    void openBitsSamplesTheFilesBitsInTheMachineTab_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("units");
        QTest::addColumn<bool>("plusMinus");
        QTest::newRow("CSV of 0/1, K=3") << QStringLiteral("mine.csv") << 3 << false;
        QTest::newRow("CSV of -1/+1, K=2") << QStringLiteral("spins.csv") << 2 << true;
        QTest::newRow("NumPy, K=4") << QStringLiteral("notebook.npy") << 4 << false;
    }
    void openBitsSamplesTheFilesBitsInTheMachineTab() {
        QFETCH(QString, name);
        QFETCH(int, units);
        QFETCH(bool, plusMinus);
        Fixture f;
        const MachineData mine = MachineData::generate(
            {units, std::vector<double>(static_cast<std::size_t>(units * (units - 1) / 2), 0.4),
             std::vector<double>(static_cast<std::size_t>(units), 0.2), 2000 + 17, 21});
        std::string content = name.endsWith(QLatin1String(".npy")) ? bitsNpy(mine) : bitsCsv(mine);
        if (plusMinus) {  // each 0 written as -1 (the header has no 0)
            std::string spins;
            for (const char c : content)
                spins += c == '0' ? std::string("-1") : std::string(1, c);
            content = spins;
        }
        const QString path = f.dir.filePath(name);
        QVERIFY(writeText(path, QByteArray::fromStdString(content)));

        openBitsFrom(f, path);
        MachineTab* tab = f.window->machineTab();
        QTRY_VERIFY(tab->inputs()->spec().bits != nullptr);
        QVERIFY(f.window->findChild<QTabWidget*>()->currentWidget()->isAncestorOf(tab));
        const MachineRunSpec spec = tab->inputs()->spec();
        QCOMPARE(spec.data.units, units);
        QCOMPARE(spec.data.observations, mine.observations());
        QVERIFY(!f.find<QSpinBox>("unitsSpin")->isEnabled());
        QVERIFY(!f.find<QSpinBox>("observationsSpin")->isEnabled());
        QVERIFY(f.find<QLabel>("bitsFileLabel")->isVisible());
        QVERIFY(f.find<QLabel>("bitsFileLabel")->text().contains(name));

        QSignalSpy finished(tab, &MachineTab::runFinished);
        QTest::mouseClick(f.find<QPushButton>("machineRunButton"), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY(tab->outcome() != nullptr);
        QVERIFY(tab->outcome()->counts == mine.patternCounts(spec.biases));
        // The inputs stay locked to the file after the run unlocked the others.
        QVERIFY(!f.find<QSpinBox>("unitsSpin")->isEnabled());

        // Use generated bits: back to θ*.
        QTest::mouseClick(f.find<QPushButton>("generatedBitsButton"), Qt::LeftButton);
        QVERIFY(tab->inputs()->spec().bits == nullptr);
        QVERIFY(f.find<QSpinBox>("unitsSpin")->isEnabled());
        QVERIFY(!f.find<QLabel>("bitsFileLabel")->isVisible());
    }

    void malformedBitsAreRefusedNamingTheRowAndNothingChanges_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("problem");
        QTest::newRow("a 2 in row 3") << QByteArray("x1,x2,x3\n0,1,1\n1,2,0\n")
                                      << QStringLiteral("row 3, column 2: '2' is not 0/1");
        QTest::newRow("a short row") << QByteArray("x1,x2\n0,1\n1\n") << QStringLiteral("row 3");
        QTest::newRow("no rows") << QByteArray("x1,x2\n")
                                 << QStringLiteral("a header but no observations");
    }
    void malformedBitsAreRefusedNamingTheRowAndNothingChanges() {
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        Fixture f;
        const MachineRunSpec before = f.window->machineTab()->inputs()->spec();
        const int tab = f.window->findChild<QTabWidget*>()->currentIndex();
        const QString path = f.dir.filePath(QStringLiteral("bad.csv"));
        QVERIFY(writeText(path, content));
        QString message;
        openBitsFrom(f, path, &message);
        QTRY_VERIFY(!message.isEmpty());
        QVERIFY2(message.contains(QStringLiteral("bad.csv")), qPrintable(message));
        QVERIFY2(message.contains(problem), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("Nothing was changed")));
        QVERIFY(f.window->machineTab()->inputs()->spec() == before);
        QCOMPARE(f.window->findChild<QTabWidget*>()->currentIndex(), tab);
    }

    // A session keeps the file: opened again, the tab has the same bits; a session whose file
    // has gone is refused naming machine.dataFile.
    void aSessionKeepsTheBitsFileAndRefusesAMissingOne() {
        Fixture f;
        const MachineData mine = MachineData::generate({3, {0.5, 0.0, 0.0}, {}, 999, 4});
        const QString bits = f.dir.filePath(QStringLiteral("mine.csv"));
        QVERIFY(writeText(bits, QByteArray::fromStdString(bitsCsv(mine))));
        openBitsFrom(f, bits);
        QTRY_VERIFY(f.window->machineTab()->inputs()->spec().bits != nullptr);
        const QString session = f.dir.filePath(QStringLiteral("mine.couplinglab.json"));
        f.window->fileActions()->saveSession(session);

        Fixture g;
        g.window->fileActions()->openSession(session);
        const MachineRunSpec spec = g.window->machineTab()->inputs()->spec();
        QVERIFY(spec.bits != nullptr);
        QCOMPARE(spec.bitsFile, QFileInfo(bits).absoluteFilePath());
        QVERIFY(spec.bits->patternCounts(true) == mine.patternCounts(true));
        QVERIFY(!g.find<QSpinBox>("unitsSpin")->isEnabled());

        QVERIFY(QFile::remove(bits));
        try {
            g.window->fileActions()->openSession(session);
            QFAIL("a session whose bits file is gone was opened");
        } catch (const SessionError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("machine.dataFile")),
                     error.what());
        }
    }

    void saveBitsWritesTheBitsOfTheTabInFront_data() {
        QTest::addColumn<bool>("machine");
        QTest::addColumn<QString>("name");
        QTest::newRow("live run, CSV") << false << QStringLiteral("bits.csv");
        QTest::newRow("live run, NumPy") << false << QStringLiteral("bits.npy");
        QTest::newRow("machine, CSV") << true << QStringLiteral("machine bits.CSV");
        QTest::newRow("machine, NumPy") << true << QStringLiteral("bits.npy");
    }
    void saveBitsWritesTheBitsOfTheTabInFront() {
        QFETCH(bool, machine);
        QFETCH(QString, name);
        Fixture f;
        QTRY_VERIFY(f.controller().history().currentSegment() != nullptr);
        if (machine) f.window->findChild<QTabWidget*>()->setCurrentIndex(2);
        const QString path = f.dir.filePath(name);
        saveBitsAs(f, path);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), 30000);
        const MachineData saved = readBitsFile(path.toStdString());
        if (machine) {
            const MachineDataSpec spec = f.window->machineTab()->inputs()->spec().data;
            QCOMPARE(saved.units(), spec.units);
            QVERIFY(saved.patternCounts(true) == MachineData::generate(spec).patternCounts(true));
        } else {
            const RunSettings settings = f.window->currentSettings();
            QCOMPARE(saved.units(), 2);
            QCOMPARE(saved.observations(), settings.data.pairs);
            // The C the control panel shows, from the saved file.
            const std::int64_t c = BitData::generate(settings.data).statistic().c;
            QCOMPARE(saved.patternCounts(false).featureSums()[0], static_cast<double>(c));
        }
    }

    // More pairs than Save bits writes: a message that says so and names the CLI's option.
    void tooManyBitsAreRefusedWithAMessageAndNothingIsWritten() {
        Fixture f;
        f.window.reset();
        f.settings.setValue(QStringLiteral("data/pairs"), 20'000'000);
        f.open();
        QCOMPARE(f.window->currentSettings().data.pairs, std::uint64_t{20'000'000});
        const QString path = f.dir.filePath(QStringLiteral("bits.csv"));
        QString message;
        answerNextDialog([path, &message](QDialog* dialog) {
            auto* files = qobject_cast<QFileDialog*>(dialog);
            QVERIFY(files != nullptr);
            files->selectFile(path);
            dialog->accept();
            answerNextDialog([&message](QDialog* box) {
                message = qobject_cast<QMessageBox*>(box)->text();
                box->accept();
            });
        });
        menuItem(*f.window, QStringLiteral("File"), QStringLiteral("Save bits…"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 30000);
        QVERIFY2(message.contains(QStringLiteral("20000000 observations are more than Save bits "
                                                 "writes (10000000); use couplinglab-cli "
                                                 "--data-output")),
                 qPrintable(message));
        QVERIFY(!QFileInfo::exists(path));
    }
};

QTEST_MAIN(TestBitsInOut)
#include "test_bits_in_out.moc"
