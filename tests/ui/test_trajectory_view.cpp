// The trajectory view: energy levels, the tree as NUTS grew it, U-turns, divergences, the
// chosen point, and the energy error, drawn from records the real sampler produced.
#include <qcustomplot.h>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QSet>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "core/chain_runner.h"
#include "core/exact_posterior.h"
#include "ui/plots/energy_error_plot.h"
#include "ui/plots/level_curves.h"
#include "ui/plots/trajectory_plot.h"
#include "ui/plots/trajectory_view.h"

using namespace couplinglab;
using namespace couplinglab::ui;

namespace {

const SufficientStatistic kQuestionData{10'000, 98};

ModelSpec boltzmann() {
    ModelSpec spec;
    spec.likelihood = Likelihood::ExactBoltzmann;
    return spec;
}

ModelSpec potentialOnly() {
    ModelSpec spec;
    spec.likelihood = Likelihood::PotentialOnly;
    return spec;
}

Segment makeSegment(const ModelSpec& model, SamplerSettings sampler = {}) {
    Segment segment;
    segment.settings.model = model;
    segment.settings.sampler = sampler;
    segment.statistic = kQuestionData;
    return segment;
}

TrajectorySnapshot snapshotOf(const TrajectoryRecord& record, int visible = -1,
                              bool complete = true, std::int64_t iteration = 41) {
    TrajectorySnapshot snapshot;
    snapshot.iteration = iteration;
    snapshot.record = record;
    snapshot.visiblePoints = visible < 0 ? static_cast<int>(record.points.size()) : visible;
    snapshot.complete = complete;
    return snapshot;
}

using Wanted = std::function<bool(const TrajectoryRecord&)>;

// NUTS from `start` with a diagonal metric and a fixed step, until a record is as wanted:
// each try from `start` again, or, if `advance`, from where the previous one went.
TrajectoryRecord nutsRecord(const ModelSpec& model, double inverseMetric, double stepSize,
                            double start, const Wanted& wanted, int maxDepth = 10,
                            bool advance = false, std::uint64_t seed = 5) {
    const CouplingTarget target(model, kQuestionData);
    const Nuts<CouplingTarget> nuts({maxDepth, 1000.0});
    const DiagonalMetric<1> metric{Vector<1>::Constant(inverseMetric)};
    Rng rng(seed);
    auto state = makeState(target, Vector<1>(start));
    TrajectoryRecord record;
    for (int i = 0; i < 5000; ++i) {
        const auto next = nuts.step(target, metric, stepSize, state, rng, &record).state;
        if (wanted(record)) return record;
        if (advance) state = next;
    }
    qFatal("no record as wanted");
}

TrajectoryRecord staticRecord(double stepSize, bool accepted) {
    const CouplingTarget target(boltzmann(), kQuestionData);
    const StaticHmc<CouplingTarget> hmc({10, 1000.0});
    Rng rng(9);
    auto state = makeState(target, Vector<1>(0.01));
    TrajectoryRecord record;
    for (int i = 0; i < 5000; ++i) {
        hmc.step(target, DiagonalMetric<1>::unit(1), stepSize, state, rng, &record);
        if (record.accepted == accepted && !record.info.divergent) return record;
    }
    qFatal("no static HMC record as wanted");
}

double sd() {
    static const double value = ExactPosterior(boltzmann(), kQuestionData).sd();
    return value;
}

// (a) Exact Boltzmann after Stan's warmup with metric adaptation: ε ≈ 0.9, m⁻¹ ≈ 1e-4.
TrajectoryRecord adaptedRecord() {
    SamplerSettings settings;
    settings.warmup = 1000;
    settings.seed = 3;
    CouplingChain chain(CouplingTarget(boltzmann(), kQuestionData), settings, 0);
    for (int i = 0; i < settings.warmup; ++i)
        chain.next();
    TrajectoryRecord record;
    for (int i = 0; i < 1000; ++i) {
        chain.next(&record);
        if (record.info.treeDepth >= 2 && record.info.termination == Termination::UTurn &&
            record.uturns.size() >= 1)
            return record;
    }
    qFatal("no adapted record as wanted");
}

// (b) Unit metric with ε of three posterior sds: the leapfrog is unstable and diverges.
TrajectoryRecord divergingRecord(double sds = 3.0) {
    return nutsRecord(
        boltzmann(), 1.0, sds * sd(), 0.0098,
        [](const TrajectoryRecord& r) { return r.info.divergent && r.points.size() >= 4; }, 10,
        true);
}

// (d) A deep tree: ε = 0.002 with a unit metric from w = 0.3, far out in the tail.
TrajectoryRecord deepRecord() {
    return nutsRecord(boltzmann(), 1.0, 0.002, 0.3, [](const TrajectoryRecord& r) {
        bool backward = false;
        bool forward = false;
        for (const auto& p : r.points) {
            backward = backward || p.direction < 0;
            forward = forward || p.direction > 0;
        }
        return r.info.treeDepth >= 5 && forward && backward && !r.info.divergent;
    });
}

const TrajectoryPoint& pointAtTime(const TrajectoryRecord& record, int time) {
    return *std::find_if(record.points.begin(), record.points.end(),
                         [&](const auto& p) { return p.time == time; });
}

std::vector<std::pair<double, double>> curvePoints(const QCPCurve* curve) {
    std::vector<std::pair<double, double>> points;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it)
        points.emplace_back(it->key, it->value);
    return points;
}

// Ray casting against a closed polyline.
bool insidePolygon(const std::vector<double>& xs, const std::vector<double>& ys, double x,
                   double y) {
    bool inside = false;
    for (std::size_t i = 0, j = xs.size() - 1; i < xs.size(); j = i++) {
        if ((ys[i] > y) != (ys[j] > y) &&
            x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i])
            inside = !inside;
    }
    return inside;
}

void checkLevels(const TrajectoryRecord& record, const ModelSpec& model) {
    const LevelCurves curves(CouplingTarget(model, kQuestionData), record.inverseMetric);
    QVERIFY(curves.describes(record));
    const LevelSet set = curves.forRecord(record);
    const int count = static_cast<int>(set.curves.size());
    QVERIFY2(count >= 6 && count <= 10, qPrintable(QString::number(count)));
    QVERIFY(set.initialIndex >= 0 && set.initialIndex < count);
    QCOMPARE(set.curves[static_cast<std::size_t>(set.initialIndex)].energy, record.initialEnergy);
    for (int i = 1; i < count; ++i)
        QVERIFY(set.curves[static_cast<std::size_t>(i)].energy >
                set.curves[static_cast<std::size_t>(i - 1)].energy);

    for (const LevelCurve& level : set.curves) {
        QVERIFY(level.w.size() >= 3);
        QCOMPARE(level.w.size(), level.p.size());
        // Closed: the polyline ends where it began.
        QCOMPARE(level.w.front(), level.w.back());
        QCOMPARE(level.p.front(), level.p.back());
        const std::size_t half = level.w.size() / 2;
        for (std::size_t i = 0; i < level.w.size(); ++i) {
            QVERIFY(std::isfinite(level.w[i]) && std::isfinite(level.p[i]));
            const double h = curves.energy(level.w[i], level.p[i]);
            QVERIFY2(std::abs(h - level.energy) <= 1e-9 * std::max(1.0, std::abs(level.energy)),
                     qPrintable(QStringLiteral("H = %1 on the level %2")
                                    .arg(h, 0, 'g', 17)
                                    .arg(level.energy, 0, 'g', 17)));
            // Upper branch from a to b, then the lower branch back.
            if (i > 0 && i < half) QVERIFY(level.p[i] >= 0.0);
            if (i > half && i + 1 < level.w.size()) QVERIFY(level.p[i] <= 0.0);
            if (i > 0 && i <= half) QVERIFY(level.w[i] >= level.w[i - 1]);
        }
        QVERIFY(level.lower <= curves.mode() && curves.mode() <= level.upper);
    }

    const LevelCurve& outer = set.outermost();
    for (const TrajectoryPoint& point : record.points) {
        if (point.divergent) continue;
        QVERIFY(point.energy <= outer.energy);
        QVERIFY(insidePolygon(outer.w, outer.p, point.position, point.momentum));
    }
}

}  // namespace

class TestTrajectoryView : public QObject {
    Q_OBJECT

  private slots:
    void levelCurvesAreClosedAndLieOnTheirLevel() {
        checkLevels(adaptedRecord(), boltzmann());
        checkLevels(divergingRecord(), boltzmann());
        checkLevels(deepRecord(), boltzmann());
        checkLevels(staticRecord(0.3 * sd(), true), boltzmann());
    }

    void divergentPointsAreEnclosedWhenSensible() {
        const TrajectoryRecord record = divergingRecord(5.0);
        const LevelCurves curves(CouplingTarget(boltzmann(), kQuestionData), 1.0);
        const LevelSet set = curves.forRecord(record);
        const TrajectoryPoint& last = record.points.back();
        QVERIFY(last.divergent);
        QCOMPARE(set.pointsOffScale, 0);
        QVERIFY(last.energy <= set.outermost().energy);
        QVERIFY(insidePolygon(set.outermost().w, set.outermost().p, last.position, last.momentum));
    }

    // The question's model: the posterior at w = 98 with sd 1 while the chain starts at 0,
    // |U| in the thousands.
    void farFromTheModeEverythingStaysFinite() {
        const TrajectoryRecord record =
            nutsRecord(potentialOnly(), 1.0, 0.9, 0.0,
                       [](const TrajectoryRecord& r) { return r.points.size() >= 4; });
        checkLevels(record, potentialOnly());
        const LevelCurves curves(CouplingTarget(potentialOnly(), kQuestionData), 1.0);
        QVERIFY(std::abs(curves.mode() - 98.0) < 1e-9);
        // Absurd requests stay finite: a level 10^200 above the minimum, and one below it.
        for (const double excess : {1e200, 1e-300, -5.0}) {
            const LevelCurve level = curves.curve(curves.minimumEnergy() + excess, 50);
            for (std::size_t i = 0; i < level.w.size(); ++i)
                QVERIFY(std::isfinite(level.w[i]) && std::isfinite(level.p[i]));
        }
        const auto [levels, initial] = LevelCurves::chooseLevels(
            curves.minimumEnergy(), curves.minimumEnergy() + 1e-30, curves.minimumEnergy() + 1e300);
        QVERIFY(levels.size() >= 6 && levels.size() <= 10);
        QVERIFY(initial >= 0);
        for (const double h : levels)
            QVERIFY(std::isfinite(h));
        // A divergent point of non-finite energy is left out, not enclosed.
        TrajectoryRecord broken = record;
        broken.points.back().divergent = true;
        broken.points.back().energy = std::numeric_limits<double>::infinity();
        broken.points.back().energyError = std::numeric_limits<double>::infinity();
        const LevelSet set = curves.forRecord(broken);
        QCOMPARE(set.pointsOffScale, 1);
        QVERIFY(std::isfinite(set.outermost().energy));
    }

    void emptyStateShowsAHint() {
        TrajectoryView view;
        view.refresh(nullptr, nullptr);
        QCOMPARE(view.trajectoryPlot()->hintText(),
                 QStringLiteral("Start or Step to see a trajectory"));
        QVERIFY(!view.energyErrorPlot()->hintText().isEmpty());
        const TrajectoryRecord record = deepRecord();
        const Segment segment = makeSegment(boltzmann());
        const TrajectorySnapshot snapshot = snapshotOf(record);
        view.refresh(&snapshot, &segment);
        QVERIFY(view.trajectoryPlot()->hintText().isEmpty());
        QVERIFY(view.energyErrorPlot()->hintText().isEmpty());
        view.clear();
        QVERIFY(!view.trajectoryPlot()->hintText().isEmpty());
        QCOMPARE(view.trajectoryPlot()->forwardCurve()->dataCount(), 0);
        QVERIFY(view.trajectoryPlot()->levelCurves().isEmpty());
        QCOMPARE(view.panels().size(), 2);
        QCOMPARE(view.panels()[0]->exportName(), QStringLiteral("trajectory"));
        QCOMPARE(view.panels()[1]->exportName(), QStringLiteral("energy-error"));
    }

    void levelsBehindTheTrajectory() {
        TrajectoryPlot plot;
        const TrajectoryRecord record = adaptedRecord();
        const Segment segment = makeSegment(boltzmann());
        const TrajectorySnapshot snapshot = snapshotOf(record);
        plot.refresh(&snapshot, &segment);
        QCOMPARE(plot.forwardCurve()->scatterSkip(), 0);  // every point of a short tree marked
        QCOMPARE(plot.backwardCurve()->scatterSkip(), 0);
        const QList<QCPCurve*> levels = plot.levelCurves();
        QVERIFY(levels.size() >= 6 && levels.size() <= 10);
        QVERIFY(plot.initialLevelCurve() != nullptr);
        QVERIFY(plot.initialLevelLabel()->visible());
        QCOMPARE(plot.initialLevelLabel()->text(), QStringLiteral("H₀"));
        for (QCPCurve* level : levels) {
            QVERIFY(level->visible());
            QVERIFY(level->layer()->index() < plot.forwardCurve()->layer()->index());
        }
        // The H0 level is darker than the others.
        const QCPCurve* other = levels[plot.initialLevelCurve() == levels[0] ? 1 : 0];
        QVERIFY(plot.initialLevelCurve()->pen().color().lightness() <
                other->pen().color().lightness());

        // A record that does not belong to the segment's model gets no levels.
        const Segment wrong = makeSegment(potentialOnly());
        plot.refresh(&snapshot, &wrong);
        QVERIFY(plot.levelCurves().isEmpty());
        QVERIFY(!plot.initialLevelLabel()->visible());
        plot.refresh(&snapshot, nullptr);
        QVERIFY(plot.levelCurves().isEmpty());
        QCOMPARE(plot.forwardCurve()->dataCount() + plot.backwardCurve()->dataCount() - 1,
                 static_cast<int>(record.points.size()));
    }

    void onlyTheVisiblePointsAreDrawn() {
        TrajectoryView view;
        TrajectoryPlot* plot = view.trajectoryPlot();
        EnergyErrorPlot* energy = view.energyErrorPlot();
        const TrajectoryRecord record = deepRecord();
        const Segment segment = makeSegment(boltzmann());
        const int n = static_cast<int>(record.points.size());
        for (const int k : {1, 2, 3, 6, n / 2, n - 1, n}) {
            const TrajectorySnapshot snapshot = snapshotOf(record, k, k == n);
            view.refresh(&snapshot, &segment);
            // Both branches start at the start point.
            QCOMPARE(plot->forwardCurve()->dataCount() + plot->backwardCurve()->dataCount() - 1, k);
            std::multiset<double> drawn;
            for (const auto& [w, p] : curvePoints(plot->forwardCurve()))
                drawn.insert(w);
            for (const auto& [w, p] : curvePoints(plot->backwardCurve()))
                drawn.insert(w);
            drawn.erase(drawn.find(record.points.front().position));
            std::multiset<double> expected;
            for (const auto& point : record.points)
                if (point.order < k) expected.insert(point.position);
            QCOMPARE(drawn, expected);
            QCOMPARE(energy->forwardGraph()->dataCount() + energy->backwardGraph()->dataCount() - 1,
                     k);
            QCOMPARE(plot->startMarker()->dataCount(), 1);
            QCOMPARE(plot->selectedMarker()->dataCount(), k == n ? 1 : 0);
            // The frame is the whole trajectory's from the first point on.
            QCOMPARE(plot->plot()->xAxis->range().lower, plot->framedWRange().lower);
        }
    }

    void forwardAndBackwardDoublingsDiffer() {
        TrajectoryPlot plot;
        const TrajectoryRecord record = deepRecord();
        const Segment segment = makeSegment(boltzmann());
        const TrajectorySnapshot snapshot = snapshotOf(record);
        plot.refresh(&snapshot, &segment);
        QVERIFY(plot.forwardCurve() != plot.backwardCurve());
        QVERIFY(plot.forwardCurve()->pen().color() != plot.backwardCurve()->pen().color());
        QVERIFY(plot.forwardCurve()->scatterStyle().brush().color() !=
                plot.backwardCurve()->scatterStyle().brush().color());
        QVERIFY(plot.forwardCurve()->dataCount() > 1);
        QVERIFY(plot.backwardCurve()->dataCount() > 1);
        // Each branch holds exactly its direction's points (and the start).
        // (Clang 14 cannot capture a structured binding, hence point.first.)
        for (const auto& point : curvePoints(plot.forwardCurve())) {
            const double w = point.first;
            const auto it = std::find_if(record.points.begin(), record.points.end(),
                                         [w](const auto& q) { return q.position == w; });
            QVERIFY(it != record.points.end());
            QVERIFY(it->direction >= 0);
        }
        for (const auto& point : curvePoints(plot.backwardCurve())) {
            const double w = point.first;
            const auto it = std::find_if(record.points.begin(), record.points.end(),
                                         [w](const auto& q) { return q.position == w; });
            QVERIFY(it != record.points.end());
            QVERIFY(it->direction <= 0);
        }
        // The newest doubling is highlighted: larger markers, its points only.
        int newest = -1;
        int newestCount = 0;
        for (const auto& point : record.points)
            newest = std::max(newest, point.doubling);
        for (const auto& point : record.points)
            newestCount += point.doubling == newest ? 1 : 0;
        QCOMPARE(plot.newestDoublingCurve()->dataCount(), newestCount);
        QVERIFY(plot.newestDoublingCurve()->scatterStyle().size() >
                plot.forwardCurve()->scatterStyle().size());
    }

    void theSelectedPointIsMarkedOnceComplete() {
        TrajectoryPlot plot;
        const TrajectoryRecord record = deepRecord();
        const Segment segment = makeSegment(boltzmann());
        const int n = static_cast<int>(record.points.size());
        TrajectorySnapshot snapshot = snapshotOf(record, n, false);
        plot.refresh(&snapshot, &segment);
        QCOMPARE(plot.selectedMarker()->dataCount(), 0);
        snapshot.complete = true;
        plot.refresh(&snapshot, &segment);
        QCOMPARE(plot.selectedMarker()->dataCount(), 1);
        const auto& selected = record.points[static_cast<std::size_t>(record.selectedOrder)];
        QCOMPARE(selected.order, record.selectedOrder);
        QCOMPARE(plot.selectedMarker()->data()->constBegin()->key, selected.position);
        QCOMPARE(plot.selectedMarker()->data()->constBegin()->value, selected.momentum);
        QCOMPARE(plot.startMarker()->data()->constBegin()->key, record.points.front().position);
    }

    void divergencesAreCrossedAndTheThresholdIsShown() {
        TrajectoryView view;
        const TrajectoryRecord record = divergingRecord(5.0);
        const Segment segment = makeSegment(boltzmann());
        const TrajectorySnapshot snapshot = snapshotOf(record);
        view.refresh(&snapshot, &segment);
        TrajectoryPlot* plot = view.trajectoryPlot();
        int divergent = 0;
        for (const auto& point : record.points)
            divergent += point.divergent ? 1 : 0;
        QVERIFY(divergent >= 1);
        QCOMPARE(plot->divergentMarkers()->dataCount(), divergent);
        QCOMPARE(plot->divergentMarkers()->scatterStyle().shape(), QCPScatterStyle::ssCross);
        QCOMPARE(plot->divergentMarkers()->data()->constBegin()->key,
                 record.points.back().position);
        // Framed: the divergent point is inside the axes.
        QVERIFY(plot->plot()->xAxis->range().contains(record.points.back().position));
        QVERIFY(plot->plot()->yAxis->range().contains(record.points.back().momentum));
        QVERIFY(plot->readoutText().contains(QStringLiteral("divergent: yes")));

        EnergyErrorPlot* energy = view.energyErrorPlot();
        QCOMPARE(energy->threshold(), 1000.0);
        QVERIFY(energy->thresholdLine()->visible());
        QCOMPARE(energy->thresholdLine()->point1->coords().y(),
                 EnergyErrorPlot::toAxis(1000.0, energy->linearScale()));
        QVERIFY(
            energy->plot()->yAxis->range().contains(energy->thresholdLine()->point1->coords().y()));
        QVERIFY(energy->thresholdLabel()->visible());
        QVERIFY(energy->thresholdLabel()->text().contains(QStringLiteral("divergence threshold")));
        QVERIFY(energy->thresholdLabel()->text().contains(QStringLiteral("1000")));
        QCOMPARE(energy->divergentGraph()->dataCount(), divergent);
        QVERIFY(energy->divergentGraph()->data()->constBegin()->value >
                energy->thresholdLine()->point1->coords().y());
        QCOMPARE(energy->divergentGraph()->scatterStyle().shape(), QCPScatterStyle::ssCross);

        // A segment's own threshold is used.
        SamplerSettings sampler;
        sampler.maxDeltaH = 50.0;
        const Segment strict = makeSegment(boltzmann(), sampler);
        view.refresh(&snapshot, &strict);
        QVERIFY(energy->thresholdLabel()->text().contains(QStringLiteral("+50")));
    }

    void uturnLabelsMatchTheRecordedEvents() {
        const Segment segment = makeSegment(boltzmann());
        for (const TrajectoryRecord& record : {adaptedRecord(), deepRecord()}) {
            TrajectoryView view;
            QVERIFY(!record.uturns.empty());
            const TrajectorySnapshot snapshot = snapshotOf(record);
            view.refresh(&snapshot, &segment);
            const auto marks = view.trajectoryPlot()->uturnMarks();
            QCOMPARE(marks.size(), static_cast<int>(record.uturns.size()));
            for (int i = 0; i < marks.size(); ++i) {
                const UTurnEvent& event = record.uturns[static_cast<std::size_t>(i)];
                QCOMPARE(marks[i].event.timeBegin, event.timeBegin);
                QCOMPARE(marks[i].event.timeEnd, event.timeEnd);
                const TrajectoryPoint& begin = pointAtTime(record, event.timeBegin);
                const TrajectoryPoint& end = pointAtTime(record, event.timeEnd);
                QCOMPARE(marks[i].chord->start->coords(), QPointF(begin.position, begin.momentum));
                QCOMPARE(marks[i].chord->end->coords(), QPointF(end.position, end.momentum));
                QCOMPARE(marks[i].chord->visible(), !marks[i].repeat);
                QCOMPARE(marks[i].label->visible(), !marks[i].repeat);
                QVERIFY(marks[i].label->text().startsWith(QStringLiteral("U-turn")));
                QCOMPARE(marks[i].label->text().contains(QStringLiteral("extra check")),
                         event.check != UTurnCheck::SpanEnds);
            }
            // Each span is labelled once, however many checks failed over it.
            QSet<QPair<int, int>> spans;
            for (const UTurnEvent& event : record.uturns)
                spans.insert({event.timeBegin, event.timeEnd});
            const auto shown = std::count_if(
                marks.begin(), marks.end(), [](const auto& mark) { return mark.label->visible(); });
            QCOMPARE(static_cast<qsizetype>(shown), spans.size());
            const auto brackets = view.energyErrorPlot()->uturnBrackets();
            QCOMPARE(brackets.size(), static_cast<int>(record.uturns.size()));
            for (int i = 0; i < brackets.size(); ++i) {
                QCOMPARE(brackets[i]->start->coords().x(),
                         double(record.uturns[static_cast<std::size_t>(i)].timeBegin));
                QCOMPARE(brackets[i]->end->coords().x(),
                         double(record.uturns[static_cast<std::size_t>(i)].timeEnd));
            }
            QVERIFY(!view.trajectoryPlot()->maxDepthLabel()->visible());

            // In slow motion the U-turns appear with the last point, after which the criterion
            // was checked, and not before.
            const int n = static_cast<int>(record.points.size());
            const TrajectorySnapshot early = snapshotOf(record, n - 1, false);
            view.refresh(&early, &segment);
            QCOMPARE(view.trajectoryPlot()->uturnMarks().size(), 0);
            QCOMPARE(view.energyErrorPlot()->uturnBrackets().size(), 0);
            const TrajectorySnapshot last = snapshotOf(record, n, false);
            view.refresh(&last, &segment);
            QCOMPARE(view.trajectoryPlot()->uturnMarks().size(), marks.size());
            QCOMPARE(view.energyErrorPlot()->uturnBrackets().size(), brackets.size());
        }
    }

    void maxDepthIsLabelled() {
        const TrajectoryRecord record = nutsRecord(
            boltzmann(), 1.0, 1e-4, 0.0098,
            [](const TrajectoryRecord& r) { return r.info.termination == Termination::MaxDepth; },
            4);
        QCOMPARE(record.info.treeDepth, 4);
        QVERIFY(record.uturns.empty());
        TrajectoryPlot plot;
        const Segment segment = makeSegment(boltzmann());
        TrajectorySnapshot snapshot = snapshotOf(record, 5, false);
        plot.refresh(&snapshot, &segment);
        QVERIFY(!plot.maxDepthLabel()->visible());
        snapshot = snapshotOf(record);
        plot.refresh(&snapshot, &segment);
        QVERIFY(plot.maxDepthLabel()->visible());
        QVERIFY(plot.maxDepthLabel()->text().contains(QStringLiteral("max depth")));
        QVERIFY(plot.uturnMarks().isEmpty());
        QVERIFY(plot.readoutText().contains(QStringLiteral("stopped by max depth")));
    }

    void staticHmcShowsItsStepsAndTheMetropolisDecision() {
        const Segment segment = makeSegment(boltzmann());
        for (const bool accepted : {true, false}) {
            const TrajectoryRecord record =
                staticRecord(accepted ? 0.3 * sd() : 1.9 * sd(), accepted);
            QVERIFY(record.staticHmc);
            QCOMPARE(record.points.size(), std::size_t{11});
            TrajectoryPlot plot;
            const TrajectorySnapshot snapshot = snapshotOf(record);
            plot.refresh(&snapshot, &segment);
            QCOMPARE(plot.forwardCurve()->dataCount(), 11);
            QCOMPARE(plot.backwardCurve()->dataCount(), 0);  // forwards only
            QCOMPARE(plot.newestDoublingCurve()->dataCount(), 0);
            QCOMPARE(plot.startMarker()->dataCount(), 1);
            QVERIFY(plot.decisionLabel()->visible());
            QCOMPARE(plot.decisionLabel()->text(),
                     accepted ? QStringLiteral("accepted") : QStringLiteral("rejected"));
            QCOMPARE(plot.decisionLabel()->position->coords(),
                     QPointF(record.points.back().position, record.points.back().momentum));
            // The next state: the end point when accepted, the start when rejected.
            const auto& next = accepted ? record.points.back() : record.points.front();
            QCOMPARE(plot.selectedMarker()->data()->constBegin()->key, next.position);
            QVERIFY(plot.readoutText().contains(QStringLiteral("L = 10")));
            QVERIFY(!plot.maxDepthLabel()->visible());
        }
    }

    void lockedAxesStayPutAndUnlockedOnesFollow() {
        TrajectoryView view;
        const Segment segment = makeSegment(boltzmann());
        const TrajectoryRecord first = deepRecord();
        const TrajectoryRecord second = divergingRecord();
        const TrajectorySnapshot a = snapshotOf(first);
        const TrajectorySnapshot b = snapshotOf(second);
        TrajectoryPlot* plot = view.trajectoryPlot();
        EnergyErrorPlot* energy = view.energyErrorPlot();
        QCheckBox* lock = view.findChild<QCheckBox*>(QStringLiteral("lockAxesCheck"));
        QVERIFY(lock != nullptr);
        QVERIFY(!lock->toolTip().isEmpty());
        QVERIFY(!lock->accessibleName().isEmpty());

        view.refresh(&a, &segment);
        const QCPRange wA = plot->plot()->xAxis->range();
        const QCPRange pA = plot->plot()->yAxis->range();
        const QCPRange tA = energy->plot()->xAxis->range();
        view.refresh(&b, &segment);
        QVERIFY(plot->plot()->xAxis->range() != wA);  // unlocked: follows the new trajectory
        QVERIFY(energy->plot()->xAxis->range() != tA);

        view.refresh(&a, &segment);
        lock->setChecked(true);
        QVERIFY(plot->axesLocked());
        QVERIFY(energy->axesLocked());
        view.refresh(&b, &segment);
        QCOMPARE(plot->plot()->xAxis->range(), wA);
        QCOMPARE(plot->plot()->yAxis->range(), pA);
        QCOMPARE(energy->plot()->xAxis->range(), tA);
        view.refresh(nullptr, &segment);
        QCOMPARE(plot->plot()->xAxis->range(), wA);

        lock->setChecked(false);
        view.refresh(&b, &segment);
        QCOMPARE(plot->plot()->xAxis->range(), plot->framedWRange());
        QVERIFY(plot->plot()->xAxis->range() != wA);

        // A zoom by the user's hand locks both plots and ticks the box.
        plot->plot()->xAxis->scaleRange(0.5);
        QVERIFY(lock->isChecked());
        QVERIFY(energy->axesLocked());
        const QCPRange zoomed = plot->plot()->xAxis->range();
        view.refresh(&a, &segment);
        QCOMPARE(plot->plot()->xAxis->range(), zoomed);
    }

    void theReadoutNamesDepthStepsAndStepSize() {
        TrajectoryPlot plot;
        const TrajectoryRecord record = adaptedRecord();
        const Segment segment = makeSegment(boltzmann());
        const TrajectorySnapshot snapshot = snapshotOf(record);
        plot.refresh(&snapshot, &segment);
        const QString text = plot.readoutText();
        QVERIFY2(text.contains(QStringLiteral("tree depth %1").arg(record.info.treeDepth)),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("%1 leapfrog steps").arg(record.info.nLeapfrog)));
        QVERIFY(text.contains(QStringLiteral("ε = %1").arg(record.stepSize, 0, 'g', 3)));
        const double effective = record.stepSize * std::sqrt(record.inverseMetric);
        QVERIFY(text.contains(QStringLiteral("ε·√M⁻¹ = %1").arg(effective, 0, 'g', 3)));
        QVERIFY(text.contains(QStringLiteral("accept_stat")));
        QVERIFY(text.contains(QStringLiteral("divergent: no")));
        // The adapted sampler of the lesson: ε near 1, its step in w near the posterior sd.
        QVERIFY(record.stepSize > 0.3 && record.stepSize < 2.0);
        QVERIFY(record.inverseMetric > 3e-5 && record.inverseMetric < 3e-4);

        // In slow motion it tells how far the tree has grown.
        const TrajectorySnapshot partial = snapshotOf(record, 3, false);
        plot.refresh(&partial, &segment);
        QVERIFY(plot.readoutText().contains(QStringLiteral("2 leapfrog steps so far")));
    }

    // A tall plot shows every fact, wrapped; a short one only the lines that fit in a fifth of
    // its height, the last ending in "…", so that its axes keep their room.
    void theReadoutIsCutInAShortPlot() {
        TrajectoryPlot plot;
        const TrajectoryRecord record = adaptedRecord();
        const Segment segment = makeSegment(boltzmann());
        const TrajectorySnapshot snapshot = snapshotOf(record);
        plot.resize(300, 700);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.refresh(&snapshot, &segment);
        plot.plot()->replot();
        const QString tall = plot.readoutShown();
        QVERIFY2(tall.count(QLatin1Char('\n')) >= 2 && !tall.contains(QStringLiteral("…")),
                 qPrintable(tall));
        plot.resize(300, 150);
        QTest::qWait(20);
        plot.plot()->replot();
        const QString shown = plot.readoutShown();
        QVERIFY2(shown.count(QLatin1Char('\n')) < tall.count(QLatin1Char('\n')) &&
                     shown.endsWith(QStringLiteral(" …")),
                 qPrintable(shown + QStringLiteral(" | ") + tall));
        QVERIFY(shown.startsWith(QStringLiteral("iteration ")));
    }

    // Errors of 1e-3 and a threshold of 1e3 on one axis: the symmetric log keeps both.
    void theEnergyErrorScaleShowsSmallErrorsAndTheThreshold() {
        for (const double c : {1e-6, 1e-3, 1.0}) {
            for (const double x : {-1e3, -1.0, -1e-3, 0.0, 1e-7, 1e-3, 0.5, 1e3, 1e6}) {
                const double y = EnergyErrorPlot::toAxis(x, c);
                QVERIFY(std::abs(EnergyErrorPlot::fromAxis(y, c) - x) <=
                        1e-9 * std::max(std::abs(x), c));
            }
            QCOMPARE(EnergyErrorPlot::toAxis(0.0, c), 0.0);
            QVERIFY(std::abs(EnergyErrorPlot::toAxis(99.0 * c, c) - 2.0) <
                    1e-12);  // a decade a unit
            QVERIFY(EnergyErrorPlot::toAxis(-c, c) == -EnergyErrorPlot::toAxis(c, c));
        }
        const TrajectoryRecord record = adaptedRecord();
        const double c = EnergyErrorPlot::chooseLinearScale(record);
        std::vector<double> errors;
        for (const auto& point : record.points)
            if (point.order > 0) errors.push_back(std::abs(point.energyError));
        std::sort(errors.begin(), errors.end());
        const double median = errors[errors.size() / 2];
        QVERIFY(c <= median && median < 10.0 * c);
        QVERIFY(median < 1.0);  // a well-tuned trajectory: small errors

        EnergyErrorPlot plot;
        plot.resize(700, 300);
        const Segment segment = makeSegment(boltzmann());
        const TrajectorySnapshot snapshot = snapshotOf(record);
        plot.refresh(&snapshot, &segment);
        QCOMPARE(plot.linearScale(), c);
        const QCPRange range = plot.plot()->yAxis->range();
        QVERIFY(range.contains(EnergyErrorPlot::toAxis(1000.0, c)));  // the threshold is in view
        // ... and the tiny errors are not flattened onto zero: the spread of the data covers
        // a good part of the axis.
        double low = 0.0;
        double high = 0.0;
        for (auto* graph : {plot.forwardGraph(), plot.backwardGraph()}) {
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                low = std::min(low, it->value);
                high = std::max(high, it->value);
            }
        }
        QVERIFY2((high - low) / range.size() > 0.08,
                 qPrintable(QString::number((high - low) / range.size())));
        QVERIFY(plot.scaleNote().contains(QStringLiteral("linear within")));
        // Ticks are labelled with true values, the threshold's decade among them; fewer in a
        // small plot.
        QVERIFY(!plot.plot()->toPixmap(900, 400).isNull());  // the ticks of that size
        const QVector<double> ticks = plot.plot()->yAxis->tickVector();
        const QVector<QString> labels = plot.plot()->yAxis->tickVectorLabels();
        QVERIFY(ticks.contains(0.0));
        QVERIFY2(labels.contains(QStringLiteral("1000")),
                 qPrintable(QStringList(labels.begin(), labels.end()).join(QLatin1Char(' '))));
        for (int i = 0; i < ticks.size(); ++i) {
            if (ticks[i] == 0.0) continue;
            const double value = EnergyErrorPlot::fromAxis(ticks[i], c);
            const double labelled =
                QString(labels[i]).replace(QStringLiteral("−"), QStringLiteral("-")).toDouble();
            QVERIFY2(std::abs(value - labelled) <= 1e-9 * std::abs(value), qPrintable(labels[i]));
        }
        QVERIFY(!plot.plot()->toPixmap(400, 160).isNull());
        QVERIFY(plot.plot()->yAxis->tickVector().size() < ticks.size());
    }

    // Trajectories whose errors alternate between 10⁻³ and 1 from one iteration to the next:
    // the linear band and the axis settle and stay, and a lasting change moves them a decade
    // at a time.
    void energyErrorAxisIsStableAcrossIterations() {
        const auto recordWithErrors = [](double error) {
            TrajectoryRecord record;
            for (int i = 0; i <= 15; ++i) {
                TrajectoryPoint point;
                point.order = i;
                point.time = i;
                point.doubling = i == 0 ? -1 : 3;
                point.direction = i == 0 ? 0 : 1;
                point.position = 0.01 * i;
                point.energyError = i == 0 ? 0.0 : error * (1.0 + 0.01 * i);
                record.points.push_back(point);
            }
            return record;
        };
        const Segment segment = makeSegment(boltzmann());
        EnergyErrorPlot plot;
        plot.resize(700, 300);
        std::vector<double> scales;
        std::vector<QCPRange> ranges;
        for (int i = 0; i < 20; ++i) {
            const TrajectorySnapshot snapshot = snapshotOf(recordWithErrors(i % 2 ? 1.0 : 1e-3));
            plot.refresh(&snapshot, &segment);
            scales.push_back(plot.linearScale());
            ranges.push_back(plot.plot()->yAxis->range());
        }
        QCOMPARE(scales.front(), 1e-3);  // the first picks its own band
        for (std::size_t i = 1; i < scales.size(); ++i) {
            const double ratio = scales[i] / scales[i - 1];
            QVERIFY2(ratio >= 0.099 && ratio <= 10.01, qPrintable(QString::number(ratio)));
        }
        for (std::size_t i = 4; i < scales.size(); ++i) {
            QCOMPARE(scales[i], scales[3]);
            QCOMPARE(ranges[i].lower, ranges[3].lower);
            QCOMPARE(ranges[i].upper, ranges[3].upper);
        }
        // Errors of 1 from now on: the band climbs a decade per iteration to within two.
        double previous = plot.linearScale();
        for (int i = 0; i < 6; ++i) {
            const TrajectorySnapshot snapshot = snapshotOf(recordWithErrors(1.0));
            plot.refresh(&snapshot, &segment);
            QVERIFY(plot.linearScale() <= 10.01 * previous);
            previous = plot.linearScale();
        }
        QVERIFY(plot.linearScale() >= 0.0099 && plot.linearScale() <= 1.0);
        QCOMPARE(EnergyErrorPlot::settleLinearScale(1e-3, 1e-3), 1e-3);
        QCOMPARE(EnergyErrorPlot::settleLinearScale(1e-3, 1e-1), 1e-3);
        QCOMPARE(EnergyErrorPlot::settleLinearScale(1e-3, 1.0), 1e-2);
        QCOMPARE(EnergyErrorPlot::settleLinearScale(1.0, 1e-3), 1e-1);
    }

    // At the size a 1366-pixel screen gives it, the energy plot's U-turn labels stay inside the
    // axes and clear of the threshold line.
    void energyErrorLabelsStayClearOfTheThreshold() {
        const Segment segment = makeSegment(boltzmann());
        for (const TrajectoryRecord& record : {adaptedRecord(), deepRecord()}) {
            for (const QSize size : {QSize(430, 260), QSize(700, 330)}) {
                TrajectoryView view;
                const TrajectorySnapshot snapshot = snapshotOf(record);
                view.refresh(&snapshot, &segment);
                EnergyErrorPlot* energy = view.energyErrorPlot();
                QVERIFY(!energy->plot()->toPixmap(size.width(), size.height()).isNull());
                const QRect rect = energy->plot()->axisRect()->rect();
                const double threshold = energy->thresholdLine()->point1->pixelPosition().y();
                const QList<QCPItemText*> labels = energy->uturnBracketLabels();
                QVERIFY(!labels.isEmpty());
                for (QCPItemText* label : labels) {
                    if (!label->visible()) continue;
                    const QPointF topLeft = label->topLeft->pixelPosition();
                    const QPointF bottomRight = label->bottomRight->pixelPosition();
                    QVERIFY2(
                        topLeft.x() >= rect.left() - 0.5 && bottomRight.x() <= rect.right() + 0.5,
                        qPrintable(QStringLiteral("%1..%2 outside %3..%4")
                                       .arg(topLeft.x())
                                       .arg(bottomRight.x())
                                       .arg(rect.left())
                                       .arg(rect.right())));
                    QVERIFY2(topLeft.y() > threshold || bottomRight.y() < threshold,
                             qPrintable(QStringLiteral("label %1..%2, threshold at %3")
                                            .arg(topLeft.y())
                                            .arg(bottomRight.y())
                                            .arg(threshold)));
                    // ... and clear of the threshold's own label under the line.
                    const QPointF thresholdBottom =
                        energy->thresholdLabel()->bottomRight->pixelPosition();
                    QVERIFY(topLeft.y() >= thresholdBottom.y() - 0.5);
                }
            }
        }
    }

    void refreshIsCheap() {
        // A full tree of depth 10: 1023 leapfrog steps, 1024 points.
        const TrajectoryRecord record =
            nutsRecord(boltzmann(), 1.0, 1e-5, 0.0098,
                       [](const TrajectoryRecord& r) { return r.info.nLeapfrog == 1023; });
        QCOMPARE(record.points.size(), std::size_t{1024});
        TrajectoryView view;
        view.resize(900, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const Segment segment = makeSegment(boltzmann());
        std::vector<TrajectorySnapshot> snapshots;
        for (int k = 1; k <= 1024; k += 21)
            snapshots.push_back(snapshotOf(record, k, false));
        snapshots.push_back(snapshotOf(record));

        QElapsedTimer timer;
        timer.start();
        view.refresh(&snapshots.back(), &segment);  // the first: levels computed
        const double firstMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        for (const auto& snapshot : snapshots)
            view.refresh(&snapshot, &segment);
        const double perRefreshMs =
            static_cast<double>(timer.nsecsElapsed()) / 1e6 / static_cast<double>(snapshots.size());
        timer.restart();
        constexpr int kReplots = 10;
        for (int i = 0; i < kReplots; ++i) {
            for (PlotPanel* panel : view.panels())
                panel->plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
        const double replotMs = static_cast<double>(timer.nsecsElapsed()) / 1e6 / kReplots;
        qInfo(
            "refresh, 1023-step trajectory: first (with levels) %.3f ms, then %.3f ms per "
            "refresh; replot of both panels %.2f ms",
            firstMs, perRefreshMs, replotMs);
        // Hundreds of overlapping markers are thinned (the lines keep every point).
        TrajectoryPlot* plot = view.trajectoryPlot();
        QVERIFY(std::max(plot->forwardCurve()->scatterSkip(),
                         plot->backwardCurve()->scatterSkip()) > 0);
        QVERIFY(view.energyErrorPlot()->forwardGraph()->scatterSkip() > 0);
        QVERIFY(view.trajectoryPlot()->plot()->savePng(
            QStringLiteral("/tmp/trajectory-g-full-tree-trajectory.png"), 900, 600));
        QVERIFY(view.energyErrorPlot()->plot()->savePng(
            QStringLiteral("/tmp/trajectory-g-full-tree-energy-error.png"), 900, 400));
    }

    // Pictures to look at: /tmp/trajectory-<case>-{trajectory,energy-error}.png.
    void renderPictures() {
        struct Case {
            const char* name;
            TrajectoryRecord record;
        };
        const std::vector<Case> cases{{"a-adapted", adaptedRecord()},
                                      {"b-diverging", divergingRecord()},
                                      {"c-static", staticRecord(0.3 * sd(), true)},
                                      {"d-deep", deepRecord()}};
        const Segment segment = makeSegment(boltzmann());
        for (const Case& c : cases) {
            TrajectoryView view;
            view.resize(900, 1000);
            const TrajectorySnapshot snapshot = snapshotOf(c.record);
            view.refresh(&snapshot, &segment);
            const QString stem = QStringLiteral("/tmp/trajectory-%1-").arg(QLatin1String(c.name));
            QVERIFY(view.trajectoryPlot()->plot()->savePng(stem + QStringLiteral("trajectory.png"),
                                                           900, 600));
            QVERIFY(view.energyErrorPlot()->plot()->savePng(
                stem + QStringLiteral("energy-error.png"), 900, 400));
        }
        // A compact one, as in a small window, and one half revealed in slow motion.
        TrajectoryView view;
        const TrajectoryRecord record = deepRecord();
        const TrajectorySnapshot half =
            snapshotOf(record, static_cast<int>(record.points.size()) / 2 + 3, false);
        view.refresh(&half, &segment);
        QVERIFY(view.trajectoryPlot()->plot()->savePng(
            QStringLiteral("/tmp/trajectory-e-slow-motion-trajectory.png"), 700, 460));
        QVERIFY(view.trajectoryPlot()->plot()->savePng(
            QStringLiteral("/tmp/trajectory-f-compact-trajectory.png"), 420, 230));
        QVERIFY(view.energyErrorPlot()->plot()->savePng(
            QStringLiteral("/tmp/trajectory-f-compact-energy-error.png"), 420, 160));
    }
};

QTEST_MAIN(TestTrajectoryView)
#include "test_trajectory_view.moc"
