// libFuzzer target for the session loader (ui/settings/session.h), built by scripts/fuzz.sh with
// clang's -fsanitize=fuzzer,address,undefined.
//
// For every input it checks, and aborts (a crash for libFuzzer) when one fails:
//
//  1. sessionFromJson either returns a Session or throws SessionError; nothing else escapes.
//  2. An accepted Session passes the core's validate(), survives toJson → sessionFromJson
//     unchanged (and as the one-line metadata of exported images), and writes the same bytes
//     again; sessionProblem() has nothing to say about it.
//  3. The window's own path, FileActions::openSession on a file holding the input, agrees with
//     (1), and a refused input leaves the settings unchanged: the context's applySession is not
//     called, the "current" session stays what it was, and the recent sessions list does not
//     change. An accepted input is applied exactly once and is exactly what (1) returned.
//
// FileActions builds a QMenu, so a QApplication (offscreen platform) is created once in
// LLVMFuzzerInitialize. The harness is allocated once and never destroyed: Qt must not be torn
// down by static destructors after libFuzzer calls exit(). The "file" is a memfd opened by its
// /proc/self/fd path: rewriting a file on disk for every input made ext4 flush it on close, which
// cost half of the fuzzer's time.
#include <sys/mman.h>
#include <unistd.h>

#include <QApplication>
#include <QByteArray>
#include <QSettings>
#include <QTemporaryDir>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>

#include "ui/files/file_actions.h"
#include "ui/run/run_history.h"
#include "ui/settings/session.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

[[noreturn]] void fail(const char* what, const QByteArray& detail = {}) {
    std::fprintf(stderr, "fuzz_session: %s%s%s\n", what, detail.isEmpty() ? "" : ": ",
                 detail.constData());
    std::fflush(stderr);
    std::abort();
}

void require(bool condition, const char* what, const QByteArray& detail = {}) {
    if (!condition) fail(what, detail);
}

// The settings in force before each input is tried: not the defaults, so that a session that
// happens to equal the defaults is still seen to have been applied.
Session currentSession() {
    Session s;
    s.settings.data = {4321, 0.25, 99};
    s.settings.model = {1.5, 2.0, Likelihood::ExactBoltzmann, true};
    s.settings.sampler.warmup = 300;
    s.settings.sampler.draws = 700;
    s.settings.sampler.chains = 3;
    s.settings.sampler.seed = 77;
    s.display = {5, 12.5, 3000, true};
    return s;
}

struct Harness {
    int argc = 1;
    char name[16] = "fuzz_session";
    char* argv[2] = {name, nullptr};
    QApplication app{argc, argv};
    QTemporaryDir dir;
    QString iniPath = dir.filePath(QStringLiteral("fuzz.ini"));
    int inputFd = memfd_create("input.couplinglab.json", 0);
    QString inputPath = QStringLiteral("/proc/self/fd/%1").arg(inputFd);
    QSettings settings{iniPath, QSettings::IniFormat};
    const Session current = currentSession();
    Session state = current;  // what the fake window holds
    int applied = 0;
    RunHistory history;
    FileActions actions{nullptr, settings, context()};

    FileActionsContext context() {
        FileActionsContext c;
        c.panels = [] { return QList<PlotPanel*>{}; };
        c.gridSize = [] { return QSize(1200, 800); };
        c.history = [this]() -> const RunHistory& { return history; };
        c.currentSession = [this] { return state; };
        c.applySession = [this](const Session& session) {
            state = session;
            ++applied;
        };
        return c;
    }
};

Harness* harness = nullptr;

// (1) and (2): the loader alone.
std::optional<Session> parse(const QByteArray& bytes) {
    std::optional<Session> session;
    try {
        session = sessionFromJson(bytes);
    } catch (const SessionError& error) {
        // The field may be empty: a document with an empty key ({"": …}) is refused as
        // ": unknown field (expected …)". Clumsy, but a refusal; the problem is always named.
        require(!error.problem().isEmpty(), "SessionError without a problem", error.what());
        return std::nullopt;
    } catch (const std::exception& error) {
        fail("sessionFromJson threw something other than SessionError", error.what());
    } catch (...) {
        fail("sessionFromJson threw something that is not a std::exception");
    }

    require(!validate(session->settings).has_value(), "accepted settings fail validate()",
            QByteArray::fromStdString(validate(session->settings).value_or("")));
    const QByteArray json = toJson(*session);
    try {
        const Session again = sessionFromJson(json);
        require(again == *session, "accepted session does not survive toJson", json);
        require(toJson(again) == json, "toJson is not deterministic", json);
        require(sessionFromJson(sessionMetadata(*session).toUtf8()) == *session,
                "accepted session does not survive sessionMetadata", json);
    } catch (const std::exception& error) {
        fail("toJson of an accepted session is refused", json + " -> " + error.what());
    }
    require(!sessionProblem(*session).has_value(), "sessionProblem objects to an accepted session",
            json);
    return session;
}

// (3): the window's path through FileActions, reading the same bytes from a file.
void openThroughFileActions(const QByteArray& bytes, const std::optional<Session>& expected) {
    Harness& h = *harness;
    require(ftruncate(h.inputFd, 0) == 0, "cannot truncate the input file");
    require(pwrite(h.inputFd, bytes.constData(), static_cast<std::size_t>(bytes.size()), 0) ==
                static_cast<ssize_t>(bytes.size()),
            "cannot write the input file");
    h.state = h.current;
    h.applied = 0;
    const QStringList recentBefore = h.actions.recentSessions();
    // loadSessionFile refuses files above kMaxSessionBytes before parsing them.
    const bool acceptable = expected.has_value() && bytes.size() <= kMaxSessionBytes;
    try {
        const Session opened = h.actions.openSession(h.inputPath);
        require(acceptable, "openSession accepted what sessionFromJson refused", bytes.left(200));
        require(opened == *expected, "openSession returned another session than sessionFromJson");
        require(h.applied == 1, "an accepted session was not applied exactly once");
        require(h.state == *expected, "the applied session is not the one loaded");
    } catch (const SessionError& error) {
        require(!acceptable, "openSession refused what sessionFromJson accepted", error.what());
        require(h.applied == 0, "a refused session called applySession", error.what());
        require(h.state == h.current, "a refused session changed the settings", error.what());
        require(h.actions.recentSessions() == recentBefore,
                "a refused session changed the recent sessions", error.what());
    } catch (const std::exception& error) {
        fail("openSession threw something other than SessionError", error.what());
    } catch (...) {
        fail("openSession threw something that is not a std::exception");
    }
    h.state = h.current;
    // rebuildRecentMenu may leave deleteLater()s behind; nothing else runs an event loop here.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    harness = new Harness;  // never deleted, see the top of the file
    if (!harness->dir.isValid()) fail("cannot create a temporary folder");
    if (harness->inputFd < 0) fail("memfd_create failed");
    std::atexit([] { harness->dir.remove(); });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const std::optional<Session> session = parse(bytes);
    openThroughFileActions(bytes, session);
    return 0;
}
