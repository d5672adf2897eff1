// File ▸ Save bits… as a student uses it: the bits of the tab in front, in the form the file's
// suffix names, read back by the CLI's reader with the statistics the window shows; a set too
// large to save is refused with a message and nothing is written.
#include <QFileDialog>
#include <QMessageBox>
#include <QTabWidget>

#include "core/bit_data.h"
#include "core/machine_data_io.h"
#include "support/window_fixture.h"
#include "ui/machine/machine_inputs.h"
#include "ui/machine/machine_tab.h"

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

}  // namespace

class TestSaveBits : public QObject {
    Q_OBJECT
  private slots:
    void theFileMenuHoldsSaveBitsOnCtrlShiftS() {
        Fixture f;
        QAction* item = menuItem(*f.window, QStringLiteral("File"), QStringLiteral("Save bits…"));
        QVERIFY(item != nullptr);
        QCOMPARE(item->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
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

QTEST_MAIN(TestSaveBits)
#include "test_save_bits.moc"
