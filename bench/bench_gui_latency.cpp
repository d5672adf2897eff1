// The window's event-loop latency while the sampler runs at full speed, and its memory, with
// 10^6 and then 10^7 iterations in memory. A plain Qt program (it needs an event loop), not a
// Google Benchmark one. It is the figure source for "GUI event-loop latency while sampling at
// full speed" and "10^7 draws under 1 GB"; no test asserts these figures.
//
// The window opens on the offscreen platform (unless QT_QPA_PLATFORM says otherwise) with its
// settings in a temporary INI file: N = 10^4, the question's model, NUTS, 4 chains, 1000 warmup
// iterations and enough draws that sampling never finishes during the run, full speed. A 1 ms
// PreciseTimer on the GUI thread records the gap between its ticks; a gap longer than 1 ms is
// time the event loop could not answer (drawing, appending a batch, diagnostics).
//
// Phases, one line each:
//   fill→T   from the previous target until the history holds T iterations (all chains,
//            warmup included), sampling all the while;
//   at T     the next S seconds, still sampling at full speed: the history keeps growing (by
//            about 10^6 iterations a second on the 2-core development machine), so the line
//            gives the iterations held at the phase's start and end.
// For each: the iterations held, the ticks, the longest gap and the 99th percentile, the mean
// gap, VmRSS when the phase started and ended and VmHWM (from /proc/self/status; MB = 10^6
// bytes), RunHistory::memoryBytes(), and the replot times of the panels
// (QCustomPlot::replotTime, sampled every 100 ms): the mean and the largest of their sum, and the
// slowest panel.
//
// With --explain-stalls MS, every gap longer than MS milliseconds is listed after its phase with
// the events that filled it (outermost dispatches of 0.3 ms or more on the GUI thread): when
// each started, how long it took, the event type (QEvent::Type), the receiver's class and
// object name and its parent's. That is how a stall is traced to its source.
//
// Usage: bench_gui_latency [--draws N] [--seconds S] [--explain-stalls MS]
//   --draws N            the largest target (default 10000000); the targets are 10^6, 10^7, …
//                        below N, then N
//   --seconds S          length of each "at T" phase (default 2)
//   --explain-stalls MS  list the gaps longer than MS ms and their events (default: none)
// Run: build/release/bench/bench_gui_latency   (build with -DCOUPLINGLAB_BUILD_BENCHMARKS=ON)
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <vector>

#include <qcustomplot.h>
#include "ui/app/main_window.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/run_history.h"
#include "ui/run/sampling_controller.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

constexpr int kChains = 4;

qint64 procStatusKb(const char* field) {
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

double loadAverage() {
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly)) return -1.0;
    return file.readAll().split(' ').value(0).toDouble();
}

// Runs the event loop for `ms` milliseconds (sleeping when there is nothing to do).
void runEventLoop(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

// Times every outermost event dispatch on the GUI thread and remembers the recent ones that
// took a while, so that a stall can be traced to the events that filled it.
class ProfilingApplication final : public QApplication {
  public:
    using QApplication::QApplication;

    void startProfiling(const QElapsedTimer* clock) { clock_ = clock; }

    bool notify(QObject* receiver, QEvent* event) override {
        if (clock_ == nullptr || depth_ > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        // Named before dispatch: the receiver may delete itself.
        Receiver who{receiver->metaObject()->className(), receiver->objectName(), nullptr, {}};
        if (const QObject* parent = receiver->parent()) {
            who.parentClass = parent->metaObject()->className();
            who.parentName = parent->objectName();
        }
        const int type = static_cast<int>(event->type());
        ++depth_;
        const qint64 start = clock_->nsecsElapsed();
        const bool handled = QApplication::notify(receiver, event);
        const qint64 ns = clock_->nsecsElapsed() - start;
        --depth_;
        if (ns >= kKeptNs) {
            recent_.push_back({start, ns, std::move(who), type});
            if (recent_.size() > kKept) recent_.pop_front();
        }
        return handled;
    }

    // The kept events that overlap [from, to] (nanoseconds on the profiling clock), one a line.
    QString eventsBetween(qint64 from, qint64 to) const {
        QString text;
        for (const Event& e : recent_) {
            if (e.start + e.ns < from || e.start > to) continue;
            text += QStringLiteral("      +%1 ms  %2 ms  event %3  %4\n")
                        .arg(static_cast<double>(e.start - from) / 1e6, 5, 'f', 1)
                        .arg(static_cast<double>(e.ns) / 1e6, 5, 'f', 1)
                        .arg(e.type, 3)
                        .arg(e.receiver.text());
        }
        return text;
    }

  private:
    static constexpr qint64 kKeptNs = 300'000;  // events shorter than 0.3 ms are not kept
    static constexpr std::size_t kKept = 512;
    struct Receiver {
        const char* className;
        QString name;
        const char* parentClass;
        QString parentName;

        QString text() const {
            QString out = QString::fromLatin1(className);
            if (!name.isEmpty()) out += QLatin1Char('/') + name;
            if (parentClass != nullptr) {
                out += QStringLiteral(" in ") + QString::fromLatin1(parentClass);
                if (!parentName.isEmpty()) out += QLatin1Char('/') + parentName;
            }
            return out;
        }
    };
    struct Event {
        qint64 start;
        qint64 ns;
        Receiver receiver;
        int type;
    };

    const QElapsedTimer* clock_ = nullptr;
    int depth_ = 0;
    std::deque<Event> recent_;
};

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr,
                 "bench_gui_latency: %s\nusage: bench_gui_latency [--draws N] [--seconds S] "
                 "[--explain-stalls MS]\n",
                 problem);
    std::exit(2);
}

// Gaps between the ticks of a 1 ms timer, and replot times, over one phase.
struct Phase {
    QString name;
    std::vector<qint64> gapsNs;
    double replotSumMs = 0.0;
    double replotMaxMs = 0.0;
    int replotSamples = 0;
    QString slowestPanel;
    double slowestPanelMs = 0.0;
    std::int64_t heldAtStart = 0;
    QString stalls;  // with --explain-stalls: each long gap and its events
    qint64 rssAtStartKb = 0;
    QElapsedTimer clock;
};

double megabytes(double bytes) {
    return bytes / 1e6;
}

void report(Phase& phase, const RunHistory& history) {
    std::vector<qint64>& gaps = phase.gapsNs;
    double worst = 0.0;
    double p99 = 0.0;
    double mean = 0.0;
    if (!gaps.empty()) {
        worst = static_cast<double>(*std::max_element(gaps.begin(), gaps.end())) / 1e6;
        const auto k =
            static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(gaps.size()))) - 1;
        std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(k), gaps.end());
        p99 = static_cast<double>(gaps[k]) / 1e6;
        double sum = 0.0;
        for (qint64 g : gaps)
            sum += static_cast<double>(g);
        mean = sum / static_cast<double>(gaps.size()) / 1e6;
    }
    const double replotMean =
        phase.replotSamples > 0 ? phase.replotSumMs / phase.replotSamples : 0.0;
    std::printf(
        "%-9s %5.1f s  held %8lld → %8lld iterations  ticks %5zu  stall max %6.1f ms  p99 %6.2f "
        "ms  mean gap %5.2f ms  VmRSS %4.0f → %4.0f MB  VmHWM %4.0f MB  history %4.0f MB  replot "
        "(sum of panels) mean %5.1f ms max %5.1f ms, slowest %s %.1f ms\n",
        qPrintable(phase.name), static_cast<double>(phase.clock.elapsed()) / 1000.0,
        static_cast<long long>(phase.heldAtStart),
        static_cast<long long>(history.iterations() * history.chainCount()), gaps.size(), worst,
        p99, mean, megabytes(1024.0 * static_cast<double>(phase.rssAtStartKb)),
        megabytes(1024.0 * static_cast<double>(procStatusKb("VmRSS"))),
        megabytes(1024.0 * static_cast<double>(procStatusKb("VmHWM"))),
        megabytes(static_cast<double>(history.memoryBytes())), replotMean, phase.replotMaxMs,
        qPrintable(phase.slowestPanel), phase.slowestPanelMs);
    std::printf("%s", qPrintable(phase.stalls));
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    ProfilingApplication app(argc, argv);
    Q_INIT_RESOURCE(resources);  // the window's icons live in the static ui library

    std::int64_t maxDraws = 10'000'000;
    double seconds = 2.0;
    double explainStallsMs = 0.0;  // 0: no explanations
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        bool ok = false;
        if (args[i] == QLatin1String("--draws") && i + 1 < args.size()) {
            maxDraws = args[++i].toLongLong(&ok);
            if (!ok || maxDraws < 1000 || maxDraws > 100'000'000)
                usage("--draws needs a whole number from 1000 to 100000000");
        } else if (args[i] == QLatin1String("--seconds") && i + 1 < args.size()) {
            seconds = args[++i].toDouble(&ok);
            if (!ok || !(seconds > 0.0) || seconds > 3600.0)
                usage("--seconds needs a number greater than 0, at most 3600");
        } else if (args[i] == QLatin1String("--explain-stalls") && i + 1 < args.size()) {
            explainStallsMs = args[++i].toDouble(&ok);
            if (!ok || !(explainStallsMs > 0.0) || explainStallsMs > 10'000.0)
                usage(
                    "--explain-stalls needs a number of milliseconds greater than 0, at most "
                    "10000");
        } else {
            usage(qPrintable(QStringLiteral("unknown argument '%1'").arg(args[i])));
        }
    }
    std::vector<std::int64_t> targets;
    for (std::int64_t t = 1'000'000; t < maxDraws; t *= 10)
        targets.push_back(t);
    targets.push_back(maxDraws);

    QTemporaryDir dir;
    if (!dir.isValid()) usage("cannot create a temporary folder");
    QSettings settings(dir.filePath(QStringLiteral("bench.ini")), QSettings::IniFormat);
    settings.setValue("version", 1);
    settings.setValue("data/pairs", 10'000);
    settings.setValue("sampler/warmup", 1000);
    // Twice what the largest target needs: sampling must not finish while it is measured.
    settings.setValue("sampler/draws", static_cast<int>(std::min<std::int64_t>(
                                           2 * maxDraws / kChains + 1000, 100'000'000)));
    settings.setValue("sampler/chains", kChains);
    settings.setValue("display/speedLevel", kFullSpeedLevel);
    settings.sync();

    std::printf("bench_gui_latency: %d chains at full speed, targets", kChains);
    for (std::int64_t t : targets)
        std::printf(" %lld", static_cast<long long>(t));
    std::printf(" iterations, %.1f s per phase; load average %.2f at the start; platform %s\n",
                seconds, loadAverage(), qPrintable(QGuiApplication::platformName()));
    std::fflush(stdout);

    auto window = std::make_unique<MainWindow>(settings);
    window->show();
    SamplingController& controller = *window->controller();
    const RunHistory& history = controller.history();

    Phase phase;
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = clock.nsecsElapsed();
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    if (explainStallsMs > 0.0) app.startProfiling(&clock);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        phase.gapsNs.push_back(now - lastTick);
        if (explainStallsMs > 0.0 && static_cast<double>(now - lastTick) > explainStallsMs * 1e6) {
            phase.stalls += QStringLiteral("    stall of %1 ms:\n")
                                .arg(static_cast<double>(now - lastTick) / 1e6, 0, 'f', 1) +
                            app.eventsBetween(lastTick, now);
        }
        lastTick = now;
    });
    QTimer replotSampler;
    QObject::connect(&replotSampler, &QTimer::timeout, [&] {
        double sum = 0.0;
        for (PlotPanel* panel : window->plotGrid()->panels()) {
            const double ms = panel->plot()->replotTime();
            sum += ms;
            if (ms > phase.slowestPanelMs) {
                phase.slowestPanelMs = ms;
                phase.slowestPanel = panel->exportName();
            }
        }
        phase.replotSumMs += sum;
        phase.replotMaxMs = std::max(phase.replotMaxMs, sum);
        ++phase.replotSamples;
    });

    const auto startPhase = [&](const QString& name) {
        phase = Phase{};
        phase.name = name;
        phase.heldAtStart = history.iterations() * history.chainCount();
        phase.rssAtStartKb = procStatusKb("VmRSS");
        phase.clock.start();
        lastTick = clock.nsecsElapsed();
    };
    const auto label = [](std::int64_t t) {
        return t % 1'000'000 == 0 ? QStringLiteral("%1e6").arg(t / 1'000'000) : QString::number(t);
    };

    // Wait for the first segment (the data are generated on the sampling thread), then run.
    QElapsedTimer wait;
    wait.start();
    while (history.currentSegment() == nullptr && wait.elapsed() < 30'000)
        runEventLoop(10);
    if (history.currentSegment() == nullptr) usage("the window did not start its first run");
    ticker.start(1);
    replotSampler.start(100);
    controller.start();

    int exitCode = 0;
    for (std::int64_t target : targets) {
        startPhase(QStringLiteral("fill→") + label(target));
        while (history.iterations() * history.chainCount() < target) {
            runEventLoop(50);
            if (controller.state() == RunState::Finished || phase.clock.elapsed() > 1'800'000) {
                std::fprintf(stderr, "bench_gui_latency: sampling stopped before %lld\n",
                             static_cast<long long>(target));
                exitCode = 1;
                break;
            }
        }
        report(phase, history);
        if (exitCode != 0) break;
        startPhase(QStringLiteral("at ") + label(target));
        while (phase.clock.elapsed() < static_cast<qint64>(seconds * 1000.0))
            runEventLoop(50);
        report(phase, history);
    }
    ticker.stop();
    replotSampler.stop();
    QElapsedTimer closing;
    closing.start();
    window->close();
    window.reset();
    std::printf("closed the window in %lld ms; load average %.2f at the end\n",
                static_cast<long long>(closing.elapsed()), loadAverage());
    return exitCode;
}
