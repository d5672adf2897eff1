// File ▸ Export animation… as a teacher uses it: the dialog's choices, the file written for the
// current settings (a GIF a viewer plays frame by frame, an MP4), a choice the run cannot have
// named with Export disabled, and Cancel during the export leaving no file.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>

#include "support/window_fixture.h"
#include "ui/animation/animation_dialog.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

struct Choices {
    int kind = 0;  // trajectory, trace, grid
    QString file;
    QSize size{320, 200};
    int fps = 5;
    double seconds = 2.0;
};

void fillIn(QDialog* dialog, const Choices& choices) {
    dialog->findChild<QComboBox*>(QStringLiteral("animationKindCombo"))
        ->setCurrentIndex(choices.kind);
    dialog->findChild<QLineEdit*>(QStringLiteral("animationFileEdit"))->setText(choices.file);
    dialog->findChild<QSpinBox*>(QStringLiteral("animationWidthSpin"))
        ->setValue(choices.size.width());
    dialog->findChild<QSpinBox*>(QStringLiteral("animationHeightSpin"))
        ->setValue(choices.size.height());
    dialog->findChild<QSpinBox*>(QStringLiteral("animationFpsSpin"))->setValue(choices.fps);
    dialog->findChild<QDoubleSpinBox*>(QStringLiteral("animationSecondsSpin"))
        ->setValue(choices.seconds);
}

QAction* exportAnimationItem(Fixture& f) {
    return menuItem(*f.window, QStringLiteral("File"), QStringLiteral("Export animation…"));
}

}  // namespace

class TestAnimationExport : public QObject {
    Q_OBJECT

  private slots:
    void theFileMenuHoldsExportAnimationOnCtrlAltE() {
        Fixture f;
        QAction* item = exportAnimationItem(f);
        QVERIFY(item != nullptr);
        QCOMPARE(item->shortcut(), QKeySequence(QStringLiteral("Ctrl+Alt+E")));
    }

    void exportAnimationWritesTheChosenAnimation_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::newRow("trajectory, GIF") << 0 << QStringLiteral("trajectory.gif");
        QTest::newRow("trace, GIF") << 1 << QStringLiteral("trace.gif");
        QTest::newRow("grid, MP4") << 2 << QStringLiteral("grid.mp4");
    }
    void exportAnimationWritesTheChosenAnimation() {
        QFETCH(int, kind);
        QFETCH(QString, name);
        Fixture f;
        const QString path = f.dir.filePath(name);
        answerNextDialog([&](QDialog* dialog) {
            QVERIFY(qobject_cast<AnimationDialog*>(dialog) != nullptr);
            fillIn(dialog, {kind, path});
            dialog->accept();
        });
        exportAnimationItem(f)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), 60000);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        if (name.endsWith(QLatin1String(".gif"))) {
            QImageReader reader(path);
            int frames = 0;
            for (QImage frame = reader.read(); !frame.isNull(); frame = reader.read()) {
                QCOMPARE(frame.size(), QSize(320, 200));
                ++frames;
            }
            QCOMPARE(frames, 10);  // 2 s at 5 frames a second
        } else {
            QCOMPARE(file.read(12).mid(4, 4), QByteArray("ftyp"));
        }
        // The choices are kept for the next export.
        QCOMPARE(f.settings.value(QStringLiteral("animation/fps")).toInt(), 5);
        QCOMPARE(f.settings.value(QStringLiteral("animation/width")).toInt(), 320);
    }

    // By iterations per frame the duration follows: the fixture's 200 iterations at 50 a frame
    // reveal in 4 frames and hold 1; the duration box is then not used and says so by being off.
    void iterationsPerFrameSetTheFramesInsteadOfTheDuration() {
        Fixture f;
        const QString path = f.dir.filePath(QStringLiteral("fifty.gif"));
        bool durationOff = false;
        QString summary;
        answerNextDialog([&](QDialog* dialog) {
            fillIn(dialog, {1, path});
            dialog->findChild<QSpinBox*>(QStringLiteral("animationIterationsPerFrameSpin"))
                ->setValue(50);
            durationOff =
                !dialog->findChild<QDoubleSpinBox*>(QStringLiteral("animationSecondsSpin"))
                     ->isEnabled();
            summary = dialog->findChild<QLabel*>(QStringLiteral("animationSummaryLabel"))->text();
            dialog->accept();
        });
        exportAnimationItem(f)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(path), 60000);
        QVERIFY(durationOff);
        QVERIFY2(summary.startsWith(QStringLiteral("5 frames")), qPrintable(summary));
        QImageReader reader(path);
        int frames = 0;
        while (!reader.read().isNull())
            ++frames;
        QCOMPARE(frames, 5);
    }

    // An MP4 of odd width cannot be encoded: the dialog says so and Export stays disabled.
    void anOddMp4IsNamedAndCannotBeExported() {
        Fixture f;
        QString summary;
        bool exportEnabled = true;
        answerNextDialog([&](QDialog* dialog) {
            fillIn(dialog, {1, f.dir.filePath(QStringLiteral("odd.mp4")), QSize(321, 200)});
            summary = dialog->findChild<QLabel*>(QStringLiteral("animationSummaryLabel"))->text();
            for (QPushButton* button : dialog->findChildren<QPushButton*>()) {
                if (plain(button->text()) == QLatin1String("Export"))
                    exportEnabled = button->isEnabled();
            }
            dialog->accept();  // refused: the dialog stays open
            QVERIFY(dialog->isVisible());
            dialog->reject();
        });
        exportAnimationItem(f)->trigger();
        QVERIFY2(summary.contains(QStringLiteral("even width and height")), qPrintable(summary));
        QVERIFY(!exportEnabled);
        QVERIFY(!QFileInfo::exists(f.dir.filePath(QStringLiteral("odd.mp4"))));
    }

    // Cancel in the progress dialog stops the export; nothing is written.
    void cancellingTheExportWritesNothing() {
        Fixture f;
        const QString path = f.dir.filePath(QStringLiteral("long.gif"));
        bool cancelled = false;
        answerNextDialog([&](QDialog* dialog) {
            fillIn(dialog, {2, path, QSize(640, 400), 30, 60.0});
            dialog->accept();
            answerNextDialog([&](QDialog* progress) {
                QVERIFY(qobject_cast<QProgressDialog*>(progress) != nullptr);
                qobject_cast<QProgressDialog*>(progress)->cancel();
                cancelled = true;
            });
        });
        exportAnimationItem(f)->trigger();
        QVERIFY(cancelled);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY2(f.window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")),
                 qPrintable(f.window->statusBar()->currentMessage()));
    }
};

QTEST_MAIN(TestAnimationExport)
#include "test_animation_export.moc"
