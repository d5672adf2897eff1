// The upper vector state (core/platform/vector_state.h): clearing it works, and the chains run with
// it clean whatever state the thread that started them, or their progress callback, left behind.
#include <QtTest>

#include <atomic>

#include "core/chain_runner.h"
#include "core/platform/vector_state.h"

using namespace couplinglab;

class VectorStateTest : public QObject {
    Q_OBJECT

  private slots:
    void clearingMakesTheUpperHalvesClean();
    void chainsSampleWithCleanUpperHalves_data();
    void chainsSampleWithCleanUpperHalves();
};

namespace {

// Reading the state needs AVX, which making it dirty needs too.
bool canObserve() {
    return upperVectorStateDirty().has_value();
}

}  // namespace

void VectorStateTest::clearingMakesTheUpperHalvesClean() {
    if (!canObserve()) QSKIP("this CPU has no AVX or cannot report the state in use");
    QVERIFY(dirtyUpperVectorState());
    QCOMPARE(upperVectorStateDirty(), std::optional<bool>(true));
    clearUpperVectorState();
    QCOMPARE(upperVectorStateDirty(), std::optional<bool>(false));
}

void VectorStateTest::chainsSampleWithCleanUpperHalves_data() {
    QTest::addColumn<int>("threads");
    QTest::newRow("on the calling thread") << 1;
    QTest::newRow("on threads it starts") << 2;
}

// The calling thread is dirty (threads it starts inherit that) and every progress callback
// dirties its thread again, as a Qt signal may: each callback must still find the state clean,
// that is, the chain cleared it before sampling and after the previous callback.
void VectorStateTest::chainsSampleWithCleanUpperHalves() {
    if (!canObserve()) QSKIP("this CPU has no AVX or cannot report the state in use");
    QFETCH(int, threads);
    SamplerSettings settings;
    settings.chains = 2;
    settings.warmup = 3000;
    settings.draws = 3000;
    std::atomic<int> callbacks{0};
    std::atomic<int> dirtyAtCallback{0};
    RunOptions options;
    options.threads = threads;
    options.progress = [&](int, std::int64_t) {
        ++callbacks;
        if (upperVectorStateDirty().value_or(true)) ++dirtyAtCallback;
        dirtyUpperVectorState();
    };
    const CouplingTarget target(ModelSpec{}, SufficientStatistic{10'000, 162});
    QVERIFY(dirtyUpperVectorState());
    const RunResult run = runChains(target, settings, options);
    QCOMPARE(run.chains.size(), std::size_t{2});
    QVERIFY2(callbacks.load() >= 10, qPrintable(QString::number(callbacks.load())));
    QCOMPARE(dirtyAtCallback.load(), 0);
}

QTEST_GUILESS_MAIN(VectorStateTest)
#include "test_vector_state.moc"
