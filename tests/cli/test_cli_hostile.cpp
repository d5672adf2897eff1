// couplinglab-cli used as a hostile user would (issue 14): outputs that clash with each other or
// with the session, special files, full disks, signals, umask, impossible numbers, a FIFO as
// the session, standard output on a full device. Every case runs the real executable, mostly
// through /bin/sh so that umask, ulimit, redirections and file names that are not UTF-8 are
// set up as a user sets them up.
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
#include <limits>
#include <cstring>

#include "app/cli/cli_options.h"
#include "app/cli/run_checks.h"
#include "app/cli/verdict.h"
#include "support/sanitizers.h"
#include "ui/session.h"

#ifndef COUPLINGLAB_CLI_PATH
#error "COUPLINGLAB_CLI_PATH must name the couplinglab-cli executable"
#endif

namespace {

using couplinglab::ui::Session;

const QStringList kFast = {"--pairs", "200", "--chains", "1", "--warmup", "20", "--draws", "20"};

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Outcome finish(QProcess& process) {
    Outcome outcome;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        outcome.err = "the process did not finish";
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

Outcome runCli(const QStringList& arguments, const QString& directory) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(QStringLiteral(COUPLINGLAB_CLI_PATH), arguments);
    if (!process.waitForStarted(10000)) return {};
    return finish(process);
}

// `script` run by /bin/sh in `directory` with $CLI naming the executable.
Outcome runShell(const QString& script, const QString& directory) {
    QProcess process;
    process.setWorkingDirectory(directory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CLI"), QStringLiteral(COUPLINGLAB_CLI_PATH));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    if (!process.waitForStarted(10000)) return {};
    return finish(process);
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

// Every entry of the folder, hidden ones included, with its size: what a run may not change.
QStringList snapshot(const QString& directory) {
    QStringList result;
    for (const QFileInfo& entry : QDir(directory).entryInfoList(
             QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name)) {
        result.append(entry.fileName() + QLatin1Char(':') +
                      QString::number(entry.isFile() ? entry.size() : -1) + QLatin1Char(':') +
                      QString::fromLatin1(readAll(entry.filePath()).toHex().left(64)));
    }
    return result;
}

QStringList hiddenTemporaries(const QString& directory) {
    return QDir(directory).entryList({QStringLiteral(".*")}, QDir::Files | QDir::Hidden);
}

int errLines(const Outcome& outcome) {
    return static_cast<int>(outcome.err.trimmed().split('\n').size());
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

mode_t modeOf(const QString& path) {
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode : 0;
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
        QVERIFY2(outcome.err.contains(option.toUtf8() + ": ") &&
                     outcome.err.contains("--session reads"),
                 outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), before);
    }

    // Row 2: two outputs on one file.
    void twoOutputsOnOneFileAreRefused_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("clash");
        QTest::newRow("draws and trajectory")
            << QStringList{"--chains", "1", "--output", "x.csv", "--trajectory", "5",
                           "--trajectory-output", "x.csv"}
            << "also written by --output";
        QTest::newRow("chain 2 and trajectory")
            << QStringList{"--output",     "d.csv",  "--chains", "4", "--trajectory", "5",
                           "--trajectory-output", "d_2.csv"}
            << "also written by --output";
        QTest::newRow("draws inside the plots folder")
            << QStringList{"--chains", "1", "--output", "plots/trace.png", "--plots", "plots"}
            << "also written by --output";
        QTest::newRow("a hard link to the draws")
            << QStringList{"--chains", "1", "--output", "old.csv", "--trajectory", "5",
                           "--trajectory-output", "link.csv"}
            << "also written by --output";
    }
    void twoOutputsOnOneFileAreRefused() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, clash);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("plots")));
        writeFile(dir.filePath(QStringLiteral("old.csv")), "old draws\n");
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
    void fullDiskLeavesTheOldChainSetIntact() {
        QTemporaryDir dir;
        const QString disk = dir.filePath(QStringLiteral("disk"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("disk")));
        if (::mount("tmpfs", QFile::encodeName(disk).constData(), "tmpfs", 0, "size=256k") != 0)
            QSKIP("cannot mount a small tmpfs here (needs root)");
        for (int k = 1; k <= 4; ++k) {
            writeFile(QDir(disk).filePath(QStringLiteral("d_%1.csv").arg(k)),
                      QByteArray("old chain ") + QByteArray::number(k) + '\n');
        }
        const QStringList before = snapshot(disk);
        const Outcome outcome = runCli({"--pairs", "200", "--chains", "4", "--warmup", "100",
                                        "--draws", "2000", "--output", "disk/d.csv"},
                                       dir.path());
        const QStringList after = snapshot(disk);
        ::umount(QFile::encodeName(disk).constData());
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
        writeFile(dir.filePath(QStringLiteral("d.csv")), "old draws\n");
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
    void summaryThatCannotBeWrittenLeavesTheOldFiles() {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("d.csv")), "old draws\n");
        const QStringList before = snapshot(dir.path());
        const Outcome outcome = runShell(
            QStringLiteral("\"$CLI\" %1 --json --output d.csv --trajectory 3 "
                           "--trajectory-output t.csv > /dev/full")
                .arg(kFast.join(' ')),
            dir.path());
        QCOMPARE(outcome.exitCode, 1);
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
            writeFile(dir.filePath(QStringLiteral("d_%1.csv").arg(k)), "old\n");
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
    void signalWhileSamplingWritesNothing() {
        QTemporaryDir dir;
        QProcess process;
        process.setWorkingDirectory(dir.path());
        // Every iteration runs to depth 20 (the step is too small for a U-turn): slow, and small.
        process.start(QStringLiteral(COUPLINGLAB_CLI_PATH),
                      {"--pairs", "100", "--chains", "2", "--warmup", "0", "--draws", "100000",
                       "--step-size", "1e-9", "--max-depth", "20", "--output", "d.csv"});
        QVERIFY(process.waitForStarted(10000));
        QTest::qWait(500);
        QCOMPARE(process.state(), QProcess::Running);
        QVERIFY(process.processId() > 0);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        const Outcome outcome = finish(process);
        QCOMPARE(outcome.exitCode, 130);
        QCOMPARE(snapshot(dir.path()), QStringList());
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
        if (kind == "link") writeFile(QString::fromUtf8(target), "old\n");
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
        if (kind == "link") QVERIFY(readAll(QString::fromUtf8(target)).startsWith("# stan_version"));
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
        writeFile(dir.filePath(QStringLiteral("kept.csv")), "old\n");
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

    // Row 10: extremes that cannot be represented are refused up front with the range.
    void unrepresentableExtremesAreRefusedWithTheRange_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("prior sd 1e-160")
            << QStringList{"--prior-sd", "1e-160"} << "--prior-sd: '1e-160' is out of range: "
                                                      "the prior sd must be a number from 1e-150";
        QTest::newRow("prior sd 1e-320 (denormal)")
            << QStringList{"--prior-sd", "1e-320"} << "outside the range of a double";
        QTest::newRow("prior sd 1e200") << QStringList{"--prior-sd", "1e200"} << "to 1e140";
        QTest::newRow("prior mean 1e155")
            << QStringList{"--prior-mean", "1e155"} << "from -1e150 to 1e150";
        QTest::newRow("step size 5e-324") << QStringList{"--step-size", "5e-324"}
                                          << "outside the range of a double";
    }
    void unrepresentableExtremesAreRefusedWithTheRange() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const Outcome outcome = runCli(kFast + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message.toUtf8()), outcome.err.constData());
    }
    void sessionWithUnrepresentableConstantsIsRefused_data() {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message");
        QTest::newRow("gamma 5e-324") << QByteArray("\"gamma\": 0.05") << QByteArray("\"gamma\": 5e-324")
                                      << "gamma";
        QTest::newRow("initRadius 1e200") << QByteArray("\"initRadius\": 2")
                                          << QByteArray("\"initRadius\": 1e200") << "1e100";
    }
    void sessionWithUnrepresentableConstantsIsRefused() {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QByteArray json = couplinglab::ui::toJson(Session{});
        QVERIFY2(json.contains(from), json.constData());
        writeFile(dir.filePath(QStringLiteral("s.json")), QByteArray(json).replace(from, to));
        const Outcome outcome = runCli({"--session", "s.json"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains(message.toUtf8()), outcome.err.constData());
    }

    // Rows 11 and 12: memory checked up front against the address-space limit, for the draws
    // and for a trajectory; never a bare std::bad_alloc or an abort.
    void addressSpaceLimitIsCheckedBeforeSampling_data() {
        QTest::addColumn<QString>("arguments");
        QTest::newRow("4 chains of 2e7 draws")
            << "--chains 4 --warmup 0 --draws 20000000 --pairs 100";
        QTest::newRow("1 chain of 1e8 draws") << "--chains 1 --warmup 0 --draws 100000000 --pairs 100";
        QTest::newRow("trajectory of depth 24")
            << "--pairs 100 --chains 1 --warmup 0 --draws 1 --max-depth 24 --step-size 1e-12 "
               "--trajectory 1 --trajectory-output t.csv";
    }
    void addressSpaceLimitIsCheckedBeforeSampling() {
        if (couplinglab::testing::kSanitizedBuild)
            QSKIP("a sanitizer reserves terabytes of address space; ulimit -v stops it");
        QFETCH(QString, arguments);
        QTemporaryDir dir;
        const Outcome outcome =
            runShell(QStringLiteral("ulimit -v 3000000; exec \"$CLI\" %1").arg(arguments), dir.path());
        QVERIFY2(outcome.exitCode == 1 || outcome.exitCode == 2, outcome.err.constData());
        QCOMPARE(errLines(outcome), 1);
        QVERIFY2(outcome.err.contains("memory") && !outcome.err.contains("std::bad_alloc"),
                 outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), QStringList());
    }
    void deepTrajectoryIsRefusedUpFront() {
        QTemporaryDir dir;
        const Outcome outcome =
            runCli({"--pairs", "100", "--chains", "1", "--warmup", "0", "--draws", "1",
                    "--max-depth", "30", "--step-size", "1e-12", "--trajectory", "1",
                    "--trajectory-output", "t.csv"},
                   dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("--trajectory: ") && outcome.err.contains("--max-depth"),
                 outcome.err.constData());
        QCOMPARE(snapshot(dir.path()), QStringList());
    }

    // Row 13: the verdict reads the diagnostics.
    void verdictWarnsWhenTheDiagnosticsDo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("target accept 1e-9") << QStringList{"--target-accept", "1e-9"};
        QTest::newRow("prior sd 1e12") << QStringList{"--prior-sd", "1e12"};
    }
    void verdictWarnsWhenTheDiagnosticsDo() {
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const Outcome outcome = runCli(QStringList{"--pairs", "1000"} + arguments, dir.path());
        QCOMPARE(outcome.exitCode, 0);
        const QByteArray last = outcome.out.trimmed().split('\n').last();
        QVERIFY2(last.startsWith("The diagnostics warn: "), last.constData());
        QVERIFY2(!last.contains("found the exact posterior"), last.constData());
    }

    // Row 14: a session whose name is not valid UTF-8.
    void sessionWithANameThatIsNotUtf8Loads() {
        QTemporaryDir dir;
        const QByteArray json = couplinglab::ui::toJson(Session{});
        const QByteArray name = QFile::encodeName(dir.path()) + "/a\xff.json";
        const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, json.constData(), static_cast<std::size_t>(json.size())),
                 static_cast<ssize_t>(json.size()));
        ::close(fd);
        const Outcome outcome = runShell(
            QStringLiteral("exec \"$CLI\" --session \"$(printf 'a\\377.json')\" --pairs 100 "
                           "--chains 1 --warmup 20 --draws 20 --json"),
            dir.path());
        const bool removed = ::unlink(name.constData()) == 0;  // QDir cannot name it
        QVERIFY2(outcome.exitCode == 0, outcome.err.constData());
        QVERIFY(outcome.out.contains("\"pairs\":100"));
        QVERIFY(removed);
    }

    // Row 15: --help and --version check that their text was written.
    void helpAndVersionOnAFullDeviceExitOne_data() {
        QTest::addColumn<QString>("option");
        QTest::newRow("help") << "--help";
        QTest::newRow("version") << "--version";
    }
    void helpAndVersionOnAFullDeviceExitOne() {
        QFETCH(QString, option);
        QTemporaryDir dir;
        const Outcome outcome =
            runShell(QStringLiteral("exec \"$CLI\" %1 > /dev/full").arg(option), dir.path());
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("cannot write the"), outcome.err.constData());
    }

    // In process: the verdict and the check of non-finite results.
    void verdictNamesEveryWarning_data() {
        QTest::addColumn<qint64>("divergences");
        QTest::addColumn<double>("rhat");
        QTest::addColumn<double>("ess");
        QTest::addColumn<QString>("expected");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("healthy") << qint64{0} << 1.001 << 900.0 << "found the exact posterior";
        QTest::newRow("undefined R-hat, one chain") << qint64{0} << nan << 900.0
                                                    << "found the exact posterior";
        QTest::newRow("divergent") << qint64{3} << 1.001 << 900.0
                                   << "The diagnostics warn: 3 of 4000 draws after warmup were "
                                      "divergent, so the draws cannot be trusted";
        QTest::newRow("R-hat") << qint64{0} << 3.6e14 << 900.0 << "R-hat is 3.6e+14, above 1.01";
        QTest::newRow("infinite R-hat") << qint64{0} << std::numeric_limits<double>::infinity()
                                        << 900.0 << "R-hat is infinite";
        QTest::newRow("ESS") << qint64{0} << 1.001 << 4.0
                             << "only 4 effective draws (bulk ESS below 100)";
        QTest::newRow("all three") << qint64{4000} << 3.6e14 << 4.0
                                   << "divergent, R-hat is 3.6e+14, above 1.01 (the chains "
                                      "disagree) and only 4 effective draws";
    }
    void verdictNamesEveryWarning() {
        QFETCH(qint64, divergences);
        QFETCH(double, rhat);
        QFETCH(double, ess);
        QFETCH(QString, expected);
        couplinglab::cli::DiagnosticsForVerdict d;
        d.divergences = divergences;
        d.draws = 4000;
        d.chains = 4;
        d.rhat = rhat;
        d.essBulk = ess;
        d.essTail = 2 * ess;
        // A sample mean 0.5 MCSE from the exact one: close, yet not a success when warned.
        const QString sentence =
            QString::fromStdString(couplinglab::cli::verdictSentence(1.05, 1.0, 0.1, d));
        QVERIFY2(sentence.contains(expected), qPrintable(sentence));
        const bool warned = sentence.startsWith(QStringLiteral("The diagnostics warn"));
        QCOMPARE(warned, !expected.contains(QStringLiteral("found the exact")));
        if (warned) QVERIFY(!sentence.contains(QStringLiteral("found the exact posterior")));
        QVERIFY(sentence.contains(QStringLiteral("lies 0.5 MCSE above")));
        QVERIFY(!sentence.contains('\n'));
    }

    void nonFiniteResultsAreAnErrorNamingTheCause_data() {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("finite") << "" << "";
        QTest::newRow("exact mean") << "exact" << "the exact posterior's mean or sd";
        QTest::newRow("step size") << "step" << "chain 1 adapted its step size to inf";
        QTest::newRow("sample mean") << "mean" << "the draws' mean or sd";
    }
    void nonFiniteResultsAreAnErrorNamingTheCause() {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        couplinglab::cli::Report report;
        report.exactMean = 0.1;
        report.exactSd = 1.0;
        report.sample.mean = 0.1;
        report.sample.sd = 1.0;
        report.sample.draws = 100;
        report.chains.push_back({});
        report.chains.back().stepSize = 0.5;
        const double inf = std::numeric_limits<double>::infinity();
        if (what == "exact") report.exactMean = inf;
        if (what == "step") report.chains.back().stepSize = inf;
        if (what == "mean") report.sample.mean = std::nan("");
        const auto problem = couplinglab::cli::nonFiniteProblem(report);
        QCOMPARE(problem.has_value(), !expected.isEmpty());
        if (problem) {
            QVERIFY2(QString::fromStdString(*problem).contains(expected), problem->c_str());
            QVERIFY(QString::fromStdString(*problem).contains(QStringLiteral("range of a double")));
        }
    }

    // Also fragile: write failures carry errno's text; "-" is not read past its end.
    void writeFailureNamesTheErrno() {
        QTemporaryDir dir;
        const Outcome outcome =
            runCli(kFast + QStringList{"--output", "missing/d.csv"}, dir.path());
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.err.contains("No such file or directory") &&
                     !outcome.err.contains("Unknown error"),
                 outcome.err.constData());
    }
    void aLoneSignIsNotAWholeNumber_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("minus") << "-";
        QTest::newRow("plus") << "+";
    }
    void aLoneSignIsNotAWholeNumber() {
        QFETCH(QString, text);
        // A string_view over exactly the sign: reading past it is what ASan would catch.
        const std::string owned = text.toStdString();
        QVERIFY_THROWS_EXCEPTION(couplinglab::InputError,
                                 couplinglab::cli::parseWholeNumber(std::string_view(owned)));
    }
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "test_cli_hostile.moc"
