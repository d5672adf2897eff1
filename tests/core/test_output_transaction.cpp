// The output policy's primitives (core/output_transaction.h, output_target.h, input_file.h,
// interrupt.h): all or nothing, modes, special files, clashes, interrupts, inputs that would
// block; and the numeric and memory guards of issue 14 that live in the core.
#include <QtTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <stdexcept>

#include "core/adaptation.h"
#include "core/bit_data.h"
#include "core/chain_runner.h"
#include "core/coupling_model.h"
#include "core/diagnostics.h"
#include "core/input_file.h"
#include "core/interrupt.h"
#include "core/output_transaction.h"
#include "core/sampler_settings.h"
#include "support/sanitizers.h"

using namespace couplinglab;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// Names in the folder that are not `keep`: temporaries and backups left behind.
std::vector<std::string> leftovers(const fs::path& folder, const std::vector<std::string>& keep) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (std::find(keep.begin(), keep.end(), name) == keep.end()) names.push_back(name);
    }
    return names;
}

mode_t modeOf(const fs::path& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0 ? info.st_mode : 0;
}

// Sets the umask for one scope.
class ScopedUmask {
  public:
    explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
    ~ScopedUmask() { ::umask(old_); }
    ScopedUmask(const ScopedUmask&) = delete;
    ScopedUmask& operator=(const ScopedUmask&) = delete;

  private:
    mode_t old_;
};

}  // namespace

class TestOutputTransaction : public QObject {
    Q_OBJECT

  private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        folder_ = dir_->path().toStdString();
    }
    void cleanup() { dir_.reset(); }

    void commitPutsEveryFileInPlace() {
        writeText(folder_ / "a.csv", "old a");
        OutputTransaction transaction;
        transaction.stage(folder_ / "a.csv", "new a");
        transaction.stage(folder_ / "b.csv", "new b");
        QCOMPARE(readText(folder_ / "a.csv"), std::string("old a"));  // nothing before commit
        QVERIFY(!fs::exists(folder_ / "b.csv"));
        transaction.commit();
        QCOMPARE(readText(folder_ / "a.csv"), std::string("new a"));
        QCOMPARE(readText(folder_ / "b.csv"), std::string("new b"));
        QCOMPARE(leftovers(folder_, {"a.csv", "b.csv"}), std::vector<std::string>());
    }

    void abandonedTransactionLeavesOldFilesAndNoTemporaries() {
        writeText(folder_ / "a.csv", "old a");
        {
            OutputTransaction transaction;
            transaction.stage(folder_ / "a.csv", "new a");
            transaction.stage(folder_ / "b.csv", "new b");
        }
        QCOMPARE(readText(folder_ / "a.csv"), std::string("old a"));
        QCOMPARE(leftovers(folder_, {"a.csv"}), std::vector<std::string>());
    }

    void failedRenameHalfWayPutsTheEarlierFilesBack() {
        writeText(folder_ / "a.csv", "old a");
        OutputTransaction transaction;
        transaction.stage(folder_ / "a.csv", "new a");
        transaction.stage(folder_ / "b.csv", "new b");
        // b.csv becomes a folder with content after staging: its rename must fail.
        fs::create_directory(folder_ / "b.csv");
        writeText(folder_ / "b.csv" / "inside", "x");
        QVERIFY_THROWS_EXCEPTION(FileError, transaction.commit());
        QCOMPARE(readText(folder_ / "a.csv"), std::string("old a"));
        QCOMPARE(leftovers(folder_, {"a.csv", "b.csv"}), std::vector<std::string>());
    }

    void interruptWhileStagingThrowsAndLeavesNothing() {
        std::atomic<bool> interrupt{false};
        writeText(folder_ / "a.csv", "old a");
        OutputTransaction transaction(&interrupt);
        transaction.stage(folder_ / "a.csv", "new a");
        interrupt = true;
        QVERIFY_THROWS_EXCEPTION(Interrupted, transaction.stage(folder_ / "b.csv", "new b"));
        QVERIFY_THROWS_EXCEPTION(Interrupted, transaction.commit());
        QCOMPARE(readText(folder_ / "a.csv"), std::string("old a"));
    }

    void newFileTakesTheUmaskAndAReplacedFileKeepsItsMode() {
        const ScopedUmask mask(077);
        writeText(folder_ / "kept.csv", "old");
        QCOMPARE(::chmod((folder_ / "kept.csv").c_str(), 0640), 0);
        writeOneFile(folder_ / "new.csv", "new");
        writeOneFile(folder_ / "kept.csv", "new");
        QCOMPARE(modeOf(folder_ / "new.csv") & 07777, mode_t{0600});
        QCOMPARE(modeOf(folder_ / "kept.csv") & 07777, mode_t{0640});
        QCOMPARE(currentUmask(), mode_t{077});
    }

    void symbolicLinkIsFollowedAndStaysALink() {
        writeText(folder_ / "target.csv", "old");
        fs::create_symlink("target.csv", folder_ / "link.csv");
        writeOneFile(folder_ / "link.csv", "new");
        QVERIFY(fs::is_symlink(folder_ / "link.csv"));
        QCOMPARE(readText(folder_ / "target.csv"), std::string("new"));
    }

    void nodesThatAreNotWrittenAreRefused_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("folder") << "folder"
                                << "it is a folder";
        QTest::newRow("fifo") << "fifo"
                              << "named pipe (FIFO)";
        QTest::newRow("block device") << "block"
                                      << "block device";
        QTest::newRow("dangling link") << "dangling"
                                       << "does not exist";
        QTest::newRow("missing folder") << "missing"
                                        << "No such file or directory";
    }
    void nodesThatAreNotWrittenAreRefused() {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        fs::path path = folder_ / "out";
        if (kind == "folder") fs::create_directory(path);
        if (kind == "fifo") QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        if (kind == "block" && ::mknod(path.c_str(), S_IFBLK | 0600, makedev(7, 200)) != 0)
            QSKIP("making a block device needs root");
        if (kind == "dangling") fs::create_symlink("nowhere", path);
        if (kind == "missing") path = folder_ / "missing" / "out";
        try {
            writeOneFile(path, "content");
            QFAIL("not refused");
        } catch (const FileError& error) {
            QVERIFY2(QString::fromStdString(error.what()).contains(reason), error.what());
        }
        QCOMPARE(leftovers(folder_, {"out"}), std::vector<std::string>());
    }

    void characterDeviceIsWrittenThroughWithErrnoText() {
        if (::mknod((folder_ / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0 ||
            ::mknod((folder_ / "full").c_str(), S_IFCHR | 0666, makedev(1, 7)) != 0) {
            QSKIP("making a device node needs root");
        }
        OutputTransaction transaction;
        transaction.stage(folder_ / "null", "through");
        transaction.stage(folder_ / "null", "twice is fine for a device");
        transaction.commit();
        QVERIFY(S_ISCHR(modeOf(folder_ / "null")));
        try {
            writeOneFile(folder_ / "full", "x");
            QFAIL("a full device took the bytes");
        } catch (const FileError& error) {
            QVERIFY2(QString::fromStdString(error.what()).contains("No space left on device"),
                     error.what());
        }
        QVERIFY(S_ISCHR(modeOf(folder_ / "full")));
    }

    void oneFileStagedTwiceIsRefused() {
        writeText(folder_ / "a.csv", "old");
        QCOMPARE(::link((folder_ / "a.csv").c_str(), (folder_ / "hard.csv").c_str()), 0);
        OutputTransaction transaction;
        transaction.stage(folder_ / "a.csv", "one");
        QVERIFY_THROWS_EXCEPTION(FileError, transaction.stage(folder_ / "hard.csv", "two"));
        QVERIFY_THROWS_EXCEPTION(FileError, transaction.stage(folder_ / "." / "a.csv", "two"));
    }

    void clashesAreFoundAcrossSpellingsAndInputs_data() {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("clash");
        QTest::newRow("same name, new file") << "x.csv"
                                             << "x.csv" << true;
        QTest::newRow("other spelling, new file") << "x.csv"
                                                  << "sub/../x.csv" << true;
        QTest::newRow("hard link") << "old.csv"
                                   << "hard.csv" << true;
        QTest::newRow("different files") << "x.csv"
                                         << "y.csv" << false;
    }
    void clashesAreFoundAcrossSpellingsAndInputs() {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, clash);
        fs::create_directory(folder_ / "sub");
        writeText(folder_ / "old.csv", "old");
        QCOMPARE(::link((folder_ / "old.csv").c_str(), (folder_ / "hard.csv").c_str()), 0);
        const std::string a = (folder_ / first.toStdString()).string();
        const std::string b = (folder_ / second.toStdString()).string();
        QCOMPARE(findClash({{"--output", a}, {"--trajectory-output", b}}, {}).has_value(), clash);
        QCOMPARE(findClash({{"--output", b}}, {{"--session", a}}).has_value(), clash);
    }

    void fifoIsRefusedAsInputAtOnce() {
        QCOMPARE(::mkfifo((folder_ / "fifo").c_str(), 0600), 0);
        try {
            readRegularFile(folder_ / "fifo", 1000);
            QFAIL("a FIFO was read");
        } catch (const FileError& error) {
            QVERIFY2(QString::fromStdString(error.reason()).contains("named pipe"), error.what());
        }
        QVERIFY(notRegularFileProblem(folder_ / "fifo").has_value());
        QVERIFY(!notRegularFileProblem(folder_ / "missing").has_value());
        writeText(folder_ / "file", "content");
        QCOMPARE(readRegularFile(folder_ / "file", 1000), std::string("content"));
        QVERIFY_THROWS_EXCEPTION(FileError, readRegularFile(folder_ / "file", 3));
    }

    void signalSetsTheInterruptFlag_data() {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << SIGINT;
        QTest::newRow("SIGTERM") << SIGTERM;
    }
    void signalSetsTheInterruptFlag() {
        QFETCH(int, signal);
        clearInterrupt();
        installInterruptHandlers();
        QVERIFY(!interruptRequested());
        QCOMPARE(std::raise(signal), 0);
        QVERIFY(interruptRequested());
        QCOMPARE(interruptSignal(), signal);
        QCOMPARE(interruptedExitStatus(signal), 128 + signal);
        clearInterrupt();
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
    }

    // Numbers.
    void meanOfDrawsFarFromZeroIsAccurate() {
        // 10^14 + k/8 for k = 0..3999, in two chains: the exact mean is 10^14 + 249.9375 and is
        // representable; plain summation loses the fraction.
        std::vector<double> a;
        std::vector<double> b;
        for (int k = 0; k < 4000; ++k)
            (k % 2 == 0 ? a : b).push_back(1e14 + k / 8.0);
        const Summary summary = summarize(ChainSpans{a, b});
        QCOMPARE(summary.mean, 1e14 + 3999.0 / 16.0);
    }

    void priorsThatCannotBeRepresentedAreRefused_data() {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("sd");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ordinary") << 0.0 << 1.0 << true;
        QTest::newRow("smallest sd") << 0.0 << 1e-150 << true;
        QTest::newRow("largest sd") << 0.0 << 1e140 << true;
        QTest::newRow("sd 1e-160") << 0.0 << 1e-160 << false;
        QTest::newRow("denormal sd") << 0.0 << 1e-320 << false;
        QTest::newRow("sd 1e154") << 0.0 << 1e154 << false;
        QTest::newRow("mean 1e155") << 1e155 << 1.0 << false;
        QTest::newRow("mean 1e100 at sd 1e-60") << 1e100 << 1e-60 << false;
    }
    void priorsThatCannotBeRepresentedAreRefused() {
        QFETCH(double, mean);
        QFETCH(double, sd);
        QFETCH(bool, valid);
        ModelSpec model;
        model.priorMean = mean;
        model.priorSd = sd;
        QCOMPARE(!validate(model).has_value(), valid);
    }

    void samplerConstantsThatOverflowAreRefused_data() {
        QTest::addColumn<double>("gamma");
        QTest::addColumn<double>("initRadius");
        QTest::addColumn<bool>("valid");
        QTest::newRow("defaults") << 0.05 << 2.0 << true;
        QTest::newRow("gamma 5e-324") << 5e-324 << 2.0 << false;
        QTest::newRow("initRadius 1e200") << 0.05 << 1e200 << false;
    }
    void samplerConstantsThatOverflowAreRefused() {
        QFETCH(double, gamma);
        QFETCH(double, initRadius);
        QFETCH(bool, valid);
        SamplerSettings settings;
        settings.gamma = gamma;
        settings.initRadius = initRadius;
        QCOMPARE(!validate(settings).has_value(), valid);
    }

    void windowScheduleOfHugeBuffersDoesNotOverflow() {
        WindowSettings huge;
        huge.initBuffer = std::numeric_limits<int>::max();
        huge.termBuffer = std::numeric_limits<int>::max();
        huge.baseWindow = std::numeric_limits<int>::max();
        const WindowSchedule schedule(1000, huge);
        // The sum exceeds the warmup, so the 15 % / 75 % / 10 % fallback applies.
        const auto windows = schedule.slowWindows();
        QVERIFY(!windows.empty());
        QCOMPARE(windows.front().first, 150);
        QCOMPARE(windows.back().second, 899);
    }

    void availableMemoryRespectsTheAddressSpaceLimit() {
        if (couplinglab::testing::kSanitizedBuild)
            QSKIP("a sanitizer reserves terabytes of address space; RLIMIT_AS stops it");
        struct rlimit old {};
        QCOMPARE(::getrlimit(RLIMIT_AS, &old), 0);
        std::ifstream statm("/proc/self/statm");
        std::uint64_t pages = 0;
        statm >> pages;
        const std::uint64_t used = pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
        const std::uint64_t headroom = std::uint64_t{512} << 20U;
        struct rlimit limited = old;
        limited.rlim_cur = used + headroom;
        if (old.rlim_max != RLIM_INFINITY && limited.rlim_cur > old.rlim_max)
            QSKIP("the hard limit is below the test's limit");
        QCOMPARE(::setrlimit(RLIMIT_AS, &limited), 0);
        const auto available = availableMemoryBytes();
        QCOMPARE(::setrlimit(RLIMIT_AS, &old), 0);
        QVERIFY(available.has_value());
        QVERIFY2(*available <= headroom, QByteArray::number(qulonglong(*available)).constData());
    }

    // A chain thread that runs out of memory must not terminate the process: the exception
    // reaches the caller of runChains, which the CLI turns into a message and exit 1.
    void outOfMemoryInAChainThreadReachesTheCaller() {
        if (couplinglab::testing::kSanitizedBuild)
            QSKIP("a sanitizer reserves terabytes of address space; RLIMIT_AS stops it");
        struct rlimit old {};
        QCOMPARE(::getrlimit(RLIMIT_AS, &old), 0);
        std::ifstream statm("/proc/self/statm");
        std::uint64_t pages = 0;
        statm >> pages;
        struct rlimit limited = old;
        limited.rlim_cur = pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) +
                           (std::uint64_t{256} << 20U);
        if (old.rlim_max != RLIM_INFINITY && limited.rlim_cur > old.rlim_max)
            QSKIP("the hard limit is below the test's limit");
        SamplerSettings settings;
        settings.chains = 4;
        settings.warmup = kMaxIterations;  // each chain reserves 2e8 records up front: GBs
        settings.draws = kMaxIterations;
        const CouplingTarget target(ModelSpec{}, SufficientStatistic{100, 10});
        RunOptions options;
        options.threads = 2;
        bool thrown = false;
        QCOMPARE(::setrlimit(RLIMIT_AS, &limited), 0);
        try {
            runChains(target, settings, options);
        } catch (const std::bad_alloc&) {
            thrown = true;
        } catch (const std::length_error&) {
            thrown = true;
        }
        QCOMPARE(::setrlimit(RLIMIT_AS, &old), 0);
        QVERIFY(thrown);
    }

  private:
    std::unique_ptr<QTemporaryDir> dir_;
    fs::path folder_;
};

QTEST_GUILESS_MAIN(TestOutputTransaction)
#include "test_output_transaction.moc"
