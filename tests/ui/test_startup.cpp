// The window's start-up against hostile files (issue 14): a FIFO as --settings, as the user's
// configuration or as a recent session must not block the GUI thread; a session named on the
// command line is opened; 10^5 recent sessions are capped when read.
#include <QtTest>

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>

#include <sys/mount.h>
#include <sys/stat.h>

#include "ui/app/main_window.h"
#include "ui/app/startup.h"
#include "ui/controls/control_panel.h"
#include "ui/files/file_actions.h"
#include "ui/files/plot_exporter.h"
#include "ui/settings/session.h"

#ifndef COUPLINGLAB_GUI_PATH
#error "COUPLINGLAB_GUI_PATH must name the couplinglab executable"
#endif

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

QString makeFifo(const QTemporaryDir& dir, const QString& name) {
    const QString path = dir.filePath(name);
    if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0) return {};
    return path;
}

// Closes the next message box that opens (a modal one would wait for a user) and keeps its
// text.
class MessageBoxCatcher : public QObject {
  public:
    MessageBoxCatcher() {
        connect(&timer_, &QTimer::timeout, this, [this] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                text_ = box->text();
                box->done(QMessageBox::Ok);
            }
        });
        timer_.start(20);
    }
    const QString& text() const { return text_; }

  private:
    QTimer timer_;
    QString text_;
};

}  // namespace

class TestStartup : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("CouplingLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("Startup"));
    }

    // Row 9: --settings names a FIFO: the real program refuses it at once (exit 2).
    void fifoAsSettingsFileIsRefusedAtOnce() {
        QTemporaryDir dir;
        const QString fifo = makeFifo(dir, QStringLiteral("settings.ini"));
        QVERIFY(!fifo.isEmpty());
        QVERIFY_THROWS_EXCEPTION(StartupError, ApplicationSettings{fifo});
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(COUPLINGLAB_GUI_PATH), {QStringLiteral("--settings"), fifo});
        QVERIFY(process.waitForStarted(10000));
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            QFAIL("the window blocked on the FIFO");
        }
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("named pipe"));
    }

    // Row 9: the user's configuration is a FIFO: the window starts with the defaults.
    void fifoAsTheConfigurationStartsWithDefaults() {
        QTemporaryDir dir;
        // Where a default QSettings looks; it is not constructed here, as it would block.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.path()));
        const QString configuration = dir.filePath(QStringLiteral("CouplingLabTest/Startup.conf"));
        QVERIFY(QDir().mkpath(QFileInfo(configuration).path()));
        QCOMPARE(::mkfifo(QFile::encodeName(configuration).constData(), 0600), 0);
        ApplicationSettings settings{QString()};
        QVERIFY2(settings.warning().contains(QStringLiteral("named pipe")),
                 qPrintable(settings.warning()));
        MainWindow window(settings.settings());
        window.show();
        QCOMPARE(window.currentSettings(), RunSettings{});
    }

    // Row 9: a recent session that is a FIFO gives an error, and changes nothing.
    void fifoAsRecentSessionGivesAnError() {
        QTemporaryDir dir;
        const QString fifo = makeFifo(dir, QStringLiteral("s.couplinglab.json"));
        QSettings settings(dir.filePath(QStringLiteral("test.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("session/recent"), QStringList{fifo});
        MainWindow window(settings);
        const RunSettings before = window.currentSettings();
        QMenu* recent = window.fileActions()->recentSessionsMenu();
        emit recent->aboutToShow();
        QAction* entry = nullptr;
        for (QAction* action : recent->actions()) {
            if (action->text().contains(QStringLiteral("s.couplinglab.json"))) entry = action;
        }
        QVERIFY(entry != nullptr);
        const MessageBoxCatcher catcher;
        entry->trigger();
        QVERIFY2(catcher.text().contains(QStringLiteral("named pipe")), qPrintable(catcher.text()));
        QCOMPARE(window.currentSettings(), before);
    }

    // couplinglab --lesson NAME|FILE [--step N]: a bad lesson or step exits 2 naming it, before
    // any window opens.
    void badLessonOrStepOnTheCommandLineIsRefused_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown lesson") << QStringList{"--lesson", "nope"}
                                        << "--lesson: nope: is neither a built-in lesson (why-162, "
                                           "narrowest-direction) nor a file";
        QTest::newRow("step without lesson")
            << QStringList{"--step", "2"} << "--step needs --lesson NAME|FILE";
        QTest::newRow("step past the end") << QStringList{"--lesson", "why-162", "--step", "9"}
                                           << "--step: '9' is not a step of the lesson (1 to 8)";
        QTest::newRow("step zero") << QStringList{"--lesson", "why-162", "--step", "0"}
                                   << "--step: '0' is not a step of the lesson (1 to 8)";
    }
    void badLessonOrStepOnTheCommandLineIsRefused() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(COUPLINGLAB_GUI_PATH), arguments);
        QVERIFY(process.waitForStarted(10000));
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            QFAIL("the window opened instead of refusing the arguments");
        }
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
    }

    // A session named on the command line is opened as File ▸ Open opens it.
    void sessionOnTheCommandLineIsOpened() {
        QTemporaryDir dir;
        Session session;
        session.settings.data.pairs = 777;
        session.settings.sampler.seed = 4242;
        const QString path = dir.filePath(QStringLiteral("lesson.couplinglab.json"));
        saveSessionFile(path, session);
        QSettings settings(dir.filePath(QStringLiteral("test.ini")), QSettings::IniFormat);
        MainWindow window(settings);
        window.show();
        openSessionFromCommandLine(window, path);
        QCOMPARE(window.currentSettings().data.pairs, std::uint64_t{777});
        QCOMPARE(window.currentSettings().sampler.seed, std::uint64_t{4242});
        QCOMPARE(window.fileActions()->recentSessions().value(0),
                 QFileInfo(path).absoluteFilePath());
    }

    // A write failure names errno's text, never "Unknown error": a session saved onto a full
    // disk (a small tmpfs, as root) and plots exported there.
    void writeFailuresOnAFullDiskNameTheReason() {
        QTemporaryDir dir;
        const QString disk = dir.filePath(QStringLiteral("disk"));
        QVERIFY(QDir().mkpath(disk));
        if (::mount("tmpfs", QFile::encodeName(disk).constData(), "tmpfs", 0, "size=16k") != 0)
            QSKIP("cannot mount a small tmpfs here (needs root)");
        QString sessionError;
        QString exportError;
        try {
            Session session;
            saveSessionFile(QDir(disk).filePath(QStringLiteral("s.couplinglab.json")), session);
            // A session is small: fill the disk with a large export instead.
        } catch (const SessionError& error) {
            sessionError = QString::fromStdString(error.what());
        }
        try {
            writeFilesSafely(
                {{QDir(disk).filePath(QStringLiteral("big.png")), QByteArray(64 * 1024, 'x')}});
        } catch (const ExportError& error) {
            exportError = QString::fromStdString(error.what());
        }
        const QStringList left = QDir(disk).entryList(QDir::Files | QDir::Hidden);
        ::umount(QFile::encodeName(disk).constData());
        QVERIFY2(sessionError.isEmpty(), qPrintable(sessionError));
        QVERIFY2(exportError.contains(QStringLiteral("No space left on device")),
                 qPrintable(exportError));
        QVERIFY2(!exportError.contains(QStringLiteral("Unknown error")), qPrintable(exportError));
        QCOMPARE(left, QStringList{QStringLiteral("s.couplinglab.json")});
    }

    // The window's exports follow the CLI's policy for special files: a FIFO is refused with a
    // line naming it (QSaveFile would replace it), before any file of the set is written.
    void exportOntoAFifoIsRefused() {
        QTemporaryDir dir;
        const QString fifo = makeFifo(dir, QStringLiteral("trace.png"));
        QVERIFY(!fifo.isEmpty());
        const QString other = dir.filePath(QStringLiteral("posterior.png"));
        try {
            writeFilesSafely({{other, QByteArray("png")}, {fifo, QByteArray("png")}});
            QFAIL("a FIFO was written");
        } catch (const ExportError& error) {
            QVERIFY2(QString::fromStdString(error.what()).contains(QStringLiteral("named pipe")),
                     error.what());
        }
        QVERIFY(!QFileInfo::exists(other));
        QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
    }

    // 10^5 recent sessions: the list is capped when read, and the menu stays small.
    void hugeRecentListIsCappedWhenRead() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("test.ini")), QSettings::IniFormat);
        QStringList many;
        for (int i = 0; i < 100'000; ++i)
            many.append(QStringLiteral("/nowhere/session-%1.couplinglab.json").arg(i));
        settings.setValue(QStringLiteral("session/recent"), many);
        MainWindow window(settings);
        QCOMPARE(window.fileActions()->recentSessions().size(), FileActions::kMaxRecentSessions);
        QMenu* recent = window.fileActions()->recentSessionsMenu();
        emit recent->aboutToShow();
        QVERIFY(recent->actions().size() <= FileActions::kMaxRecentSessions + 2);
    }
};

QTEST_MAIN(TestStartup)
#include "test_startup.moc"
