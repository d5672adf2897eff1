// couplinglab-cli's outputs used as a hostile user would (issue 14, rows 1 to 8): outputs that
// clash with each other or with the session, a full disk, a summary that cannot be written,
// signals while writing, device nodes, FIFOs, links and sockets, the umask, a FIFO as the
// session; the K-unit machine's outputs and --data under the same policy. Every case runs the
// real executable (support/cli_process.h). The extremes and the verdict are in
// test_cli_extremes.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmath>
#include <csignal>
#include <cstring>
#include <limits>

#include "support/cli_process.h"
#include "ui/settings/session.h"

namespace {

using couplinglab::ui::Session;
using namespace couplinglab::testing;

const QStringList kFast = {"--pairs", "200", "--chains", "1", "--warmup", "20", "--draws", "20"};

const QStringList kFastMachine = {"--units",  "3",  "--pairs", "200",
                                  "--warmup", "20", "--draws", "20"};
const QByteArray kBits = "x1,x2,x3\n0,1,1\n1,0,1\n1,1,0\n";

QStringList hiddenTemporaries(const QString& directory) {
    return QDir(directory).entryList({QStringLiteral(".*")}, QDir::Files | QDir::Hidden);
}

QString sessionIn(const QString& directory) {
    const QString path = QDir(directory).filePath(QStringLiteral("s.couplinglab.json"));
    Session session;
    session.settings.data.pairs = 200;
    session.settings.sampler.chains = 1;
    session.settings.sampler.warmup = 20;
    session.settings.sampler.draws = 20;
    couplinglab::ui::saveSessionFile(path, session);
    return path;
}

}  // namespace

class TestCliHostile : public QObject {
    Q_OBJECT

  private slots:
    // Row 1: the session is an input; no output may replace it.
    void outputOntoTheSessionIsRefusedAndTheSessionKept_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("option");
        QTest::newRow("--output") << QStringList{"--output", "s.couplinglab.json"} << "--output";
        QTest::newRow("--trajectory-output")
            << QStringList{"--trajectory", "3", "--trajectory-output", "s.couplinglab.json"}
            << "--trajectory-output";
        QTest::newRow("--output spelled differently")
            << QStringList{"--output", "./sub/../s.couplinglab.json"} << "--output";
        QTest::newRow("--sweep-output")
            << QStringList{"--sweep-pairs", "10,20", "--sweep-output", "s.couplinglab.json"}
            << "--sweep-output";
    }
    void outputOntoTheSessionIsRefusedAndTheSessionKept() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, option);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        const QString session = sessionIn(dir.path());
        const QStringList before = snapshot(dir.path());
        const Outcome outcome =
            runCli(QStringList{"--session", "s.couplinglab.json"} + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(errLines(outcome), 1);
        QVERIFY2(
            outcome.err.contains(option.toUtf8() + ": ") && outcome.err.contains("--session reads"),
            outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }

    // Row 2: two outputs on one file.
    void twoOutputsOnOneFileAreRefused_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("clash");
        QTest::newRow("draws and trajectory") << QStringList{"--chains",
                                                             "1",
                                                             "--output",
                                                             "x.csv",
                                                             "--trajectory",
                                                             "5",
                                                             "--trajectory-output",
                                                             "x.csv"}
                                              << "also written by --output";
        QTest::newRow("chain 2 and trajectory") << QStringList{"--output",
                                                               "d.csv",
                                                               "--chains",
                                                               "4",
                                                               "--trajectory",
                                                               "5",
                                                               "--trajectory-output",
                                                               "d_2.csv"}
                                                << "also written by --output";
        QTest::newRow("draws inside the plots folder")
            << QStringList{"--chains", "1", "--output", "plots/trace.png", "--plots", "plots"}
            << "also written by --output";
        QTest::newRow("a hard link to the draws") << QStringList{"--chains",
                                                                 "1",
                                                                 "--output",
                                                                 "old.csv",
                                                                 "--trajectory",
                                                                 "5",
                                                                 "--trajectory-output",
                                                                 "link.csv"}
                                                  << "also written by --output";
    }
    void twoOutputsOnOneFileAreRefused() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, clash);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("plots")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("old.csv")), "old draws\n"));
        QCOMPARE(::link(QFile::encodeName(dir.filePath(QStringLiteral("old.csv"))).constData(),
                        QFile::encodeName(dir.filePath(QStringLiteral("link.csv"))).constData()),
                 0);
        const QStringList before = snapshot(dir.path());
        const QStringList all = kFast.mid(0, 2) + QStringList{"--warmup", "20", "--draws", "20"};
        const Outcome outcome = runCli(all + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(errLines(outcome), 1);
        QVERIFY2(outcome.err.contains(clash.toUtf8()), outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
        QCOMPARE(snapshot(dir.filePath(QStringLiteral("plots"))), QStringList());
    }

    // Row 3: a full disk while writing the chains leaves the old set as it was.
    void fullDiskLeavesTheOldChainSetIntact_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("oldFiles");
        QTest::newRow("one coupling, 4 chains")
            << QStringList{"--pairs", "200",     "--chains", "4",        "--warmup",
                           "100",     "--draws", "2000",     "--output", "disk/d.csv"}
            << QStringList{"d_1.csv", "d_2.csv", "d_3.csv", "d_4.csv"};
        // The bits of 100000 observations of 3 units take 600 kB: more than the disk holds.
        QTest::newRow("K = 3 with --data-output") << QStringList{"--units",       "3",
                                                                 "--pairs",       "100000",
                                                                 "--chains",      "1",
                                                                 "--warmup",      "20",
                                                                 "--draws",       "20",
                                                                 "--output",      "disk/d.csv",
                                                                 "--data-output", "disk/bits.csv"}
                                                  << QStringList{"d.csv", "bits.csv"};
    }
    void fullDiskLeavesTheOldChainSetIntact() {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, oldFiles);
        QTemporaryDir dir;
        const QString disk = dir.filePath(QStringLiteral("disk"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("disk")));
        if (::mount("tmpfs", QFile::encodeName(disk).constData(), "tmpfs", 0, "size=256k") != 0)
            QSKIP("cannot mount a small tmpfs here (needs root)");
        bool written = true;  // checked after the unmount, which a failed QVERIFY would skip
        for (const QString& file : oldFiles)
            written =
                writeFile(QDir(disk).filePath(file), "old " + file.toUtf8() + '\n') && written;
        const QStringList before = snapshot(disk);
        const Outcome outcome = runCli(arguments, dir.path());
        const QStringList after = snapshot(disk);
        ::umount(QFile::encodeName(disk).constData());
        QVERIFY(written);
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("No space left on device"), outcome.err.constData());
        QVERIFY2(outcome.err.contains("no file was written or changed"), outcome.err.constData());
        QCOMPARE(after, before);
    }

    // Row 4: a plot file that is a folder is found before computing; a summary that cannot be
    // written fails the run before any file is put in place.
    void plotsFolderWithAFolderNamedLikeAPlotIsRefusedBeforeComputing() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("q/posterior.png")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("d.csv")), "old draws\n"));
        const QStringList before = snapshot(dir.path());
        const Outcome outcome =
            runCli(kFast + QStringList{"--output", "d.csv", "--trajectory", "3",
                                       "--trajectory-output", "t.csv", "--plots", "q"},
                   dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--plots: ") && outcome.err.contains("posterior.png") &&
                     outcome.err.contains("folder"),
                 outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }
    void summaryThatCannotBeWrittenLeavesTheOldFiles_data() {
        QTest::addColumn<QString>("arguments");
        QTest::newRow("one coupling")
            << kFast.join(' ') + " --json --output d.csv --trajectory 3 --trajectory-output t.csv";
        QTest::newRow("K = 3") << kFastMachine.join(' ') +
                                      " --chains 1 --output d.csv --data-output bits.csv";
    }
    void summaryThatCannotBeWrittenLeavesTheOldFiles() {
        QFETCH(QString, arguments);
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("d.csv")), "old draws\n"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("bits.csv")), "old bits\n"));
        const QStringList before = snapshot(dir.path());
        const Outcome outcome =
            runShell(QStringLiteral("\"$CLI\" %1 > /dev/full").arg(arguments), dir.path());
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("no file was written"), outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }

    // A reader that closed the pipe before the summary came: like a full device, the run fails
    // (EPIPE, exit 1) and no file is changed; SIGPIPE does not end it with temporaries left.
    void closedPipeOnStandardOutputLeavesTheOldFiles() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("d.csv")), "old draws\n"));
        QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath(QStringLiteral("pipe"))), 0600), 0);
        const QStringList before = snapshot(dir.path());
        // The reader opens the FIFO and closes it at once; the run writes its summary later.
        const Outcome outcome = runShell(
            QStringLiteral("(exec 3<pipe) & \"$CLI\" %1 --output d.csv > pipe; echo \"status $?\"")
                .arg(kFast.join(' ')),
            dir.path());
        QVERIFY2(outcome.out.contains("status 1"), outcome.out.constData());
        QVERIFY2(outcome.err.contains("no file was written"), outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }

    // Row 5: SIGINT and SIGTERM while the chains' files are written.
    void signalWhileWritingLeavesTheOldSetAndNoTemporaries_data() {
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("status");
        QTest::newRow("SIGINT") << SIGINT << 130;
        QTest::newRow("SIGTERM") << SIGTERM << 143;
    }
    void signalWhileWritingLeavesTheOldSetAndNoTemporaries() {
        QFETCH(int, signal);
        QFETCH(int, status);
        QTemporaryDir dir;
        for (int k = 1; k <= 2; ++k)
            QVERIFY(writeFile(dir.filePath(QStringLiteral("d_%1.csv").arg(k)), "old\n"));
        const QStringList before = snapshot(dir.path());
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(QStringLiteral(COUPLINGLAB_CLI_PATH),
                      {"--pairs", "100", "--chains", "2", "--warmup", "0", "--step-size", "0.5",
                       "--max-depth", "2", "--draws", "600000", "--output", "d.csv"});
        QVERIFY(process.waitForStarted(10000));
        // Wait for the first temporary file: the chains are sampled and the writing has begun.
        bool writing = false;
        for (int i = 0; i < 120000 && !writing && process.state() == QProcess::Running; ++i) {
            writing = !hiddenTemporaries(dir.path()).isEmpty();
            if (!writing) QThread::usleep(1000);
        }
        const qint64 pid = process.processId();  // 0 once the process has ended
        if (writing && pid > 0) ::kill(static_cast<pid_t>(pid), signal);
        const Outcome outcome = finish(process);
        if (!writing) QSKIP("the run finished writing before the signal could be sent");
        QCOMPARE(outcome.exitCode, status);
        QVERIFY2(outcome.err.contains("interrupted"), outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }
    void signalWhileSamplingWritesNothing_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("status");
        // Every iteration runs to depth 20 (the step is too small for a U-turn): slow, and small.
        const QStringList slow = {"--pairs",     "100",     "--chains", "2",           "--warmup",
                                  "0",           "--draws", "100000",   "--step-size", "1e-9",
                                  "--max-depth", "20",      "--output", "d.csv"};
        QTest::newRow("one coupling, SIGINT") << slow << SIGINT << 130;
        QTest::newRow("K = 3, SIGTERM")
            << slow + QStringList{"--units", "3", "--data-output", "bits.csv"} << SIGTERM << 143;
    }
    void signalWhileSamplingWritesNothing() {
        QFETCH(QStringList, arguments);
        QFETCH(int, signal);
        QFETCH(int, status);
        QTemporaryDir dir;
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(QStringLiteral(COUPLINGLAB_CLI_PATH), arguments);
        QVERIFY(process.waitForStarted(10000));
        QTest::qWait(500);
        QCOMPARE(process.state(), QProcess::Running);
        QVERIFY(process.processId() > 0);
        ::kill(static_cast<pid_t>(process.processId()), signal);
        const Outcome outcome = finish(process);
        QCOMPARE(outcome.exitCode, status);
        QCOMPARE(snapshot(dir.path()), QStringList());
    }

    void signalDuringASweepWritesNothing() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("sweep.csv")), "old sweep\n"));
        const QStringList before = snapshot(dir.path());
        QProcess process;
        process.setWorkingDirectory(dir.path());
        process.start(
            QStringLiteral(COUPLINGLAB_CLI_PATH),
            {"--sweep-pairs", "10,20", "--chains", "1", "--warmup", "0", "--draws", "100000",
             "--step-size", "1e-9", "--max-depth", "20", "--sweep-output", "sweep.csv"});
        QVERIFY(process.waitForStarted(10000));
        QTest::qWait(500);
        QCOMPARE(process.state(), QProcess::Running);
        QVERIFY(process.processId() > 0);
        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        const Outcome outcome = finish(process);
        QCOMPARE(outcome.exitCode, 143);
        QVERIFY2(outcome.err.contains("interrupted by SIGTERM"), outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }

    // Row 6: device nodes, FIFOs, symbolic links and sockets at an output path (as root).
    void specialNodesAtTheOutputAreWrittenThroughOrRefused_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("character device") << "chr" << 0 << "";
        QTest::newRow("full device") << "full" << 1 << "No space left on device";
        QTest::newRow("fifo") << "fifo" << 2 << "named pipe (FIFO)";
        QTest::newRow("block device") << "blk" << 2 << "block device";
        QTest::newRow("socket") << "sock" << 2 << "socket";
        QTest::newRow("symbolic link to a file") << "link" << 0 << "";
        QTest::newRow("dangling symbolic link") << "dangling" << 2 << "does not exist";
    }
    void specialNodesAtTheOutputAreWrittenThroughOrRefused() {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QByteArray node = QFile::encodeName(dir.filePath(QStringLiteral("out.csv")));
        const QByteArray target = QFile::encodeName(dir.filePath(QStringLiteral("target.csv")));
        int made = 0;
        if (kind == "chr") made = ::mknod(node, S_IFCHR | 0666, makedev(1, 3));
        if (kind == "full") made = ::mknod(node, S_IFCHR | 0666, makedev(1, 7));
        if (kind == "blk") made = ::mknod(node, S_IFBLK | 0600, makedev(7, 200));
        if (kind == "fifo") made = ::mkfifo(node, 0600);
        if (kind == "link" || kind == "dangling") made = ::symlink("target.csv", node);
        if (kind == "link") QVERIFY(writeFile(QString::fromUtf8(target), "old\n"));
        int socketFd = -1;
        if (kind == "sock") {
            socketFd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            std::strncpy(address.sun_path, node.constData(), sizeof address.sun_path - 1);
            made = ::bind(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        }
        if (made != 0) QSKIP("cannot make the node here (device nodes need root)");
        const mode_t typeBefore = modeOf(QString::fromUtf8(node)) & S_IFMT;
        const Outcome outcome = runCli(kFast + QStringList{"--output", "out.csv"}, dir.path());
        if (socketFd >= 0) ::close(socketFd);
        QCOMPARE(outcome.exitCode, status);
        if (!message.isEmpty()) {
            QVERIFY2(outcome.err.contains(message.toUtf8()), outcome.err.constData());
            QCOMPARE(errLines(outcome), 1);
        }
        QCOMPARE(modeOf(QString::fromUtf8(node)) & S_IFMT, typeBefore);  // never replaced
        if (kind == "link")
            QVERIFY(readAll(QString::fromUtf8(target)).startsWith("# stan_version"));
        if (kind == "dangling") QVERIFY(!QFileInfo::exists(QString::fromUtf8(target)));
        QCOMPARE(hiddenTemporaries(dir.path()), QStringList());
    }
    void devNullIsWrittenThroughAndStaysADevice() {
        QTemporaryDir dir;
        const Outcome outcome = runCli(kFast + QStringList{"--output", "/dev/null"}, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(S_ISCHR(modeOf(QStringLiteral("/dev/null"))));
    }

    // Row 7: new files get 0666 less the umask; a replaced file keeps its mode.
    void umaskAndExistingModesAreRespected() {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("kept.csv")), "old\n"));
        QVERIFY(::chmod(QFile::encodeName(dir.filePath(QStringLiteral("kept.csv"))), 0640) == 0);
        const Outcome outcome = runShell(
            QStringLiteral("umask 077; \"$CLI\" %1 --output new.csv --trajectory 3 "
                           "--trajectory-output kept.csv && \"$CLI\" --chains 1 "
                           "--warmup 10 --draws 10 --sweep-pairs 10,20 --sweep-output sweep.csv")
                .arg(kFast.join(' ')),
            dir.path());
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("new.csv"))) & 07777, mode_t{0600});
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("sweep.csv"))) & 07777, mode_t{0600});
        QCOMPARE(modeOf(dir.filePath(QStringLiteral("kept.csv"))) & 07777, mode_t{0640});
    }

    // Row 8: a FIFO as --session is refused at once (no writer ever opens it).
    void fifoAsSessionIsRefusedAtOnce() {
        QTemporaryDir dir;
        QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath(QStringLiteral("s.json"))), 0600), 0);
        const Outcome outcome = runCli({"--session", "s.json"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--session: ") && outcome.err.contains("named pipe"),
                 outcome.err.constData());
    }

    // The K-unit machine (--units K > 2, --biases, --metric dense) under the same policy: its
    // chains' CSVs and --data-output are planned with --data as an input.
    void machineOutputsThatClashAreRefused_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("clash");
        QTest::newRow("chain 2 and data output")
            << QStringList{"--chains", "4", "--output", "d.csv", "--data-output", "d_2.csv"}
            << "--data-output: 'd_2.csv' is also written by --output";
        QTest::newRow("data output onto the data")
            << QStringList{"--data", "bits.csv", "--data-output", "bits.csv"}
            << "--data-output: 'bits.csv' is the file that --data reads";
        QTest::newRow("draws onto the data")
            << QStringList{"--data", "bits.csv", "--chains", "1", "--output", "bits.csv"}
            << "--output: 'bits.csv' is the file that --data reads";
    }
    void machineOutputsThatClashAreRefused() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, clash);
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("bits.csv")), kBits));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("d_2.csv")), "old draws\n"));
        const QStringList before = snapshot(dir.path());
        const Outcome outcome = runCli(kFastMachine + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(errLines(outcome), 1);
        QVERIFY2(outcome.err.contains(clash.toUtf8()), outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }
    void fifoAsDataIsRefusedAtOnce() {
        QTemporaryDir dir;
        QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath(QStringLiteral("bits.csv"))), 0600), 0);
        const Outcome outcome =
            runCli(kFastMachine + QStringList{"--data", "bits.csv"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--data: ") && outcome.err.contains("named pipe"),
                 outcome.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "test_cli_hostile.moc"
