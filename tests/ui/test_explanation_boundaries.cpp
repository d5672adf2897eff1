// The explanation's number-dependent sentences, each tested on both sides of its boundary, and
// every rendered paragraph of every lesson step checked for leftover markup.
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextDocument>
#include <QtTest>
#include <cmath>
#include <limits>

#include "core/bit_data.h"
#include "core/exact_posterior.h"
#include "support/explanation_snapshots.h"
#include "ui/explanation/explanation.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_text.h"
#include "ui/machine/machine_explanation.h"
#include "ui/machine/machine_worker.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

RunSettings boltzmann(std::uint64_t pairs) {
    RunSettings settings;
    settings.data.pairs = pairs;
    settings.model.likelihood = Likelihood::ExactBoltzmann;
    return settings;
}

// Stan's metric for a posterior of sd `sd` after the default warmup (last window 500 draws),
// written out here rather than taken from the code under test.
double stanInverseMetric(double sd) {
    constexpr double n = 500.0;
    return n / (n + 5.0) * sd * sd + 1e-3 * 5.0 / (n + 5.0);
}

// Tags <sup>/<sub> must be balanced and never nested: Qt's rich text gives a <sub> inside a
// <sup> the subscript's alignment alone, so the subscript falls out of the exponent.
QString nestingProblem(const QString& html) {
    static const QRegularExpression tag(QStringLiteral("<(/?)(sup|sub)\\b[^>]*>"));
    QString open;
    for (auto it = tag.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const bool closing = !m.captured(1).isEmpty();
        const QString name = m.captured(2);
        if (!closing && !open.isEmpty())
            return QStringLiteral("<%1> inside <%2> at %3").arg(name, open).arg(m.capturedStart());
        if (closing && open != name)
            return QStringLiteral("</%1> without <%1> at %2").arg(name).arg(m.capturedStart());
        open = closing ? QString() : name;
    }
    return open.isEmpty() ? QString() : QStringLiteral("<%1> never closed").arg(open);
}

// Every block of the rendered document, checked for markup a reader would see.
void verifyRendersCleanly(const QString& html) {
    QVERIFY2(nestingProblem(html).isEmpty(), qPrintable(nestingProblem(html)));
    QTextDocument document;
    document.setHtml(html);
    static const QRegularExpression leftover(
        QStringLiteral("\\^\\{|_\\{|\\\\|</?[a-z]+|&[a-z]+;|\\b(nan|inf|n/a)\\b|%\\d"),
        QRegularExpression::CaseInsensitiveOption);
    int paragraphs = 0;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        if (text.trimmed().isEmpty()) continue;
        ++paragraphs;
        const QRegularExpressionMatch m = leftover.match(text);
        QVERIFY2(!m.hasMatch(),
                 qPrintable(QStringLiteral("\"%1\" in: %2").arg(m.captured(), text)));
    }
    QVERIFY(paragraphs >= 5);
}

}  // namespace

class TestExplanationBoundaries : public QObject {
    Q_OBJECT

  private slots:
    void noiseOfCOverNIsSmallOnlyForManyPairs_data();
    void noiseOfCOverNIsSmallOnlyForManyPairs();
    void zeroIsJudgedInPosteriorSds_data();
    void zeroIsJudgedInPosteriorSds();
    void metricFloorShrinksStepAtLargeN_data();
    void metricFloorShrinksStepAtLargeN();
    void nutsSentenceNamesDivergences_data();
    void nutsSentenceNamesDivergences();
    void checkUsesMcseFromBulkEss_data();
    void checkUsesMcseFromBulkEss();
    void everyLessonStepRendersWithoutMarkup_data();
    void everyLessonStepRendersWithoutMarkup();
    void machineLessonStepsShowTheirRunsNumbers();
    void theExplanationNeverLeansOnTheQuestion();
    void noiseJudgedInUnitsOfRootN_data();
    void noiseJudgedInUnitsOfRootN();
    void maximumDepthIsNamedNearIt_data();
    void maximumDepthIsNamedNearIt();
    void tooShortWarmupLearnsNoMetric();
};

void TestExplanationBoundaries::noiseOfCOverNIsSmallOnlyForManyPairs_data() {
    QTest::addColumn<quint64>("pairs");
    QTest::addColumn<QString>("noise");
    QTest::addColumn<bool>("small");
    QTest::newRow("N = 10") << quint64{10} << QStringLiteral("±1/√N = ±0.316") << false;
    QTest::newRow("N = 100") << quint64{100} << QStringLiteral("±1/√N = ±0.100") << false;
    QTest::newRow("N = 399") << quint64{399} << QStringLiteral("±1/√N = ±0.0501") << false;
    QTest::newRow("N = 400") << quint64{400} << QStringLiteral("±1/√N = ±0.0500") << true;
    QTest::newRow("N = 10^4") << quint64{10'000} << QStringLiteral("±1/√N = ±0.0100") << true;
    QTest::newRow("N = 10^7") << quint64{10'000'000} << QStringLiteral("±1/√N = ±3.16 × 10⁻⁴")
                              << true;
}

void TestExplanationBoundaries::noiseOfCOverNIsSmallOnlyForManyPairs() {
    QFETCH(quint64, pairs);
    QFETCH(QString, noise);
    QFETCH(bool, small);
    const QString text =
        plainText(explanationHtml(makeExplanationInput(boltzmann(pairs), {pairs, 0})));
    QVERIFY2(text.contains(noise), qPrintable(text));
    QCOMPARE(text.contains(noise + QStringLiteral(", small")), small);
    QCOMPARE(text.contains(QStringLiteral("not small, and independent bits can look coupled")),
             !small);
    QVERIFY(!text.contains(QStringLiteral("tiny")));
}

void TestExplanationBoundaries::zeroIsJudgedInPosteriorSds_data() {
    QTest::addColumn<qint64>("c");
    QTest::addColumn<QString>("verdict");
    // N = 10^4, exact Boltzmann: sd ≈ 0.01, so 0 lies about C/100 sds from the mean.
    QTest::newRow("the app's default data, C = 162")
        << qint64{162} << QStringLiteral("met, 0 lies 1.62 posterior sds from the mean");
    QTest::newRow("just inside 3 sds, C = 298")
        << qint64{298} << QStringLiteral("met, 0 lies 2.98 posterior sds from the mean");
    QTest::newRow("just outside 3 sds, C = 302")
        << qint64{302} << QStringLiteral("not met, 0 lies 3.02 posterior sds from the mean");
}

void TestExplanationBoundaries::zeroIsJudgedInPosteriorSds() {
    QFETCH(qint64, c);
    QFETCH(QString, verdict);
    const QString text =
        plainText(explanationHtml(makeExplanationInput(boltzmann(10'000), {10'000, c})));
    QVERIFY2(text.contains(verdict), qPrintable(text));
    if (!verdict.startsWith(QStringLiteral("not")))
        QVERIFY(!text.contains(QStringLiteral("not met")));
    QVERIFY(!text.contains(QStringLiteral("≈ 0 ")));
}

void TestExplanationBoundaries::metricFloorShrinksStepAtLargeN_data() {
    QTest::addColumn<quint64>("pairs");
    QTest::addColumn<int>("likelihood");
    QTest::addColumn<bool>("floorMatters");
    const auto boltz = static_cast<int>(Likelihood::ExactBoltzmann);
    const auto potential = static_cast<int>(Likelihood::PotentialOnly);
    QTest::newRow("exact Boltzmann, N = 10") << quint64{10} << boltz << false;
    QTest::newRow("exact Boltzmann, N = 10^4") << quint64{10'000} << boltz << false;
    // sd² = 10⁻⁵ against a floor of 0.99·10⁻⁵: ε ≈ 0.71, just below "near 1" (0.75).
    QTest::newRow("exact Boltzmann, N = 10^5") << quint64{100'000} << boltz << true;
    QTest::newRow("exact Boltzmann, N = 10^7") << quint64{10'000'000} << boltz << true;
    QTest::newRow("potential only, N = 10^7") << quint64{10'000'000} << potential << false;
}

void TestExplanationBoundaries::metricFloorShrinksStepAtLargeN() {
    QFETCH(quint64, pairs);
    QFETCH(int, likelihood);
    QFETCH(bool, floorMatters);
    RunSettings settings = boltzmann(pairs);
    settings.model.likelihood = static_cast<Likelihood>(likelihood);
    const SufficientStatistic data{pairs, static_cast<std::int64_t>(std::sqrt(double(pairs)))};
    const ExactPosterior exact(settings.model, data);
    const double metric = stanInverseMetric(exact.sd());
    const double eps = 0.9 * exact.sd() / std::sqrt(metric);  // what warmup would settle at
    if (pairs == 10'000'000 && floorMatters) QVERIFY(eps > 0.08 && eps < 0.10);

    const QString floorText = QStringLiteral("adds 10⁻³·5/(n + 5) to every variance");
    const QString before = plainText(explanationHtml(makeExplanationInput(settings, data)));
    const QString during = plainText(
        explanationHtml(makeExplanationInput(settings, data, warmupSnapshot(eps, metric))));
    const QString after = plainText(explanationHtml(makeExplanationInput(
        settings, data, tunedSnapshot(eps, metric, exact.mean(), exact.sd(), 1000.0))));
    for (const QString& text : {before, during, after}) {
        QVERIFY2(text.contains(floorText) == floorMatters, qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("stay near 1")) == !floorMatters, qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("tuned for another target")));
        QVERIFY(!text.contains(QStringLiteral("question")));
    }
    if (!floorMatters) return;
    const QString predicted = formatNumber(exact.sd() / std::sqrt(metric));
    QVERIFY2(before.contains(QStringLiteral("to about %1, not 1").arg(predicted)),
             qPrintable(before));
    QVERIFY(before.contains(QStringLiteral("n = 500 draws that is 9.90 × 10⁻⁶")));
    QVERIFY(during.contains(QStringLiteral("to about %1, not 1").arg(predicted)));
    QVERIFY2(after.contains(QStringLiteral("ε = %1 here, not 1").arg(formatNumber(eps))),
             qPrintable(after));
}

void TestExplanationBoundaries::nutsSentenceNamesDivergences_data() {
    QTest::addColumn<int>("divergences");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("uturnClaimed");
    QTest::newRow("none") << 0
                          << QStringLiteral(
                                 "NUTS doubled each trajectory until it turned back on "
                                 "itself (a U-turn): 3.10 leapfrog steps")
                          << true;
    QTest::newRow("one") << 1
                         << QStringLiteral(
                                "or its energy error blew up (a divergence, in 1 of "
                                "the 4 000 iterations)")
                         << true;
    QTest::newRow("all but one") << 3999
                                 << QStringLiteral(
                                        "(a divergence, in 3 999 of the 4 000 iterations)")
                                 << true;
    QTest::newRow("all") << 4000
                         << QStringLiteral(
                                "No trajectory got as far as a U-turn: every "
                                "iteration's tree stopped growing at a divergence")
                         << false;
}

void TestExplanationBoundaries::nutsSentenceNamesDivergences() {
    QFETCH(int, divergences);
    QFETCH(QString, expected);
    QFETCH(bool, uturnClaimed);
    const ExactPosterior exact(boltzmann(10'000).model, {10'000, 162});
    const QString text = plainText(explanationHtml(makeExplanationInput(
        boltzmann(10'000), {10'000, 162},
        tunedSnapshot(0.9, 1e-4, exact.mean(), exact.sd(), 1000.0, divergences))));
    QVERIFY2(text.contains(expected), qPrintable(text));
    QCOMPARE(text.contains(QStringLiteral("until it turned back on itself")), uturnClaimed);
}

void TestExplanationBoundaries::checkUsesMcseFromBulkEss_data() {
    QTest::addColumn<double>("offset");  // sample mean minus exact mean, in posterior sds
    QTest::addColumn<double>("essBulk");
    QTest::addColumn<int>("divergences");
    QTest::addColumn<QString>("heading");
    QTest::addColumn<QString>("numbers");
    QTest::addColumn<QString>("verdict");
    // 4000 draws: sd/√draws would be 0.0158 sd, so an offset of 0.1 sd would be 6.3 "rough"
    // standard errors. With a bulk ESS of 400 the MCSE is 0.05 sd: 2 of them.
    QTest::newRow("sticky chain, mean within 4 MCSE")
        << 0.1 << 400.0 << 0 << QStringLiteral("Check.")
        << QStringLiteral("sd/√(bulk ESS) = 5.00 × 10⁻⁴, and the mean is 2.00 of them")
        << QStringLiteral("Within 4 standard errors");
    QTest::newRow("4.4 MCSE off") << 0.22 << 400.0 << 0 << QStringLiteral("Not converged yet?")
                                  << QStringLiteral("the mean is 4.40 of them")
                                  << QStringLiteral("may not have converged yet");
    QTest::newRow("off, with divergences")
        << 1.0 << 20.0 << 250 << QStringLiteral("Not converged: divergences.")
        << QStringLiteral("bulk effective sample size of 20.0")
        << QStringLiteral("The divergences are the problem");
    QTest::newRow("close, with divergences")
        << 0.0 << 20.0 << 3 << QStringLiteral("Check.") << QStringLiteral("the mean is 0 of them")
        << QStringLiteral("the 3 divergences mean the draws cannot be trusted");
}

void TestExplanationBoundaries::checkUsesMcseFromBulkEss() {
    QFETCH(double, offset);
    QFETCH(double, essBulk);
    QFETCH(int, divergences);
    QFETCH(QString, heading);
    QFETCH(QString, numbers);
    QFETCH(QString, verdict);
    const RunSettings settings = boltzmann(10'000);
    const SufficientStatistic data{10'000, 162};
    const ExactPosterior exact(settings.model, data);
    const double mean = exact.mean() + offset * exact.sd();
    // The snapshot's own sd is the exact one, so MCSE = sd/√ESS in units of the exact sd.
    SamplerSnapshot snapshot =
        tunedSnapshot(0.9, exact.sd() * exact.sd(), mean, exact.sd(), essBulk, divergences);
    snapshot.diagnostics->sd = 0.01;  // round, for the numbers in the text
    snapshot.diagnostics->mean = exact.mean() + offset * 0.01;
    const QString text = plainText(explanationHtml(makeExplanationInput(settings, data, snapshot)));
    QVERIFY2(text.contains(heading + QStringLiteral(" The 4 000 draws have mean")),
             qPrintable(text));
    QVERIFY2(text.contains(numbers), qPrintable(text));
    QVERIFY2(text.contains(verdict), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("rough")));
    QVERIFY(!text.contains(QStringLiteral("√draws")));

    snapshot.diagnostics.reset();  // no bulk ESS yet: no verdict at all
    const QString waiting =
        plainText(explanationHtml(makeExplanationInput(settings, data, snapshot)));
    QVERIFY(!waiting.contains(QStringLiteral("Check.")));
    QVERIFY(!waiting.contains(QStringLiteral("converged")));
}

// Every step of every built-in lesson on the live run's tabs, its note before and after Reveal,
// at three N and four stages of the run (machine steps: machineLessonStepsShowTheirRunsNumbers).
void TestExplanationBoundaries::everyLessonStepRendersWithoutMarkup_data() {
    QTest::addColumn<int>("lesson");
    QTest::addColumn<int>("step");
    QTest::addColumn<quint64>("pairs");
    QTest::addColumn<int>("stage");  // 0 before sampling, 1 warmup, 2 tuned, 3 with divergences
    const char* stages[] = {"before", "warmup", "tuned", "diverging"};
    const std::vector<Lesson> lessons = builtInLessons();
    for (int l = 0; l < static_cast<int>(lessons.size()); ++l) {
        for (int s = 0; s < static_cast<int>(lessons[static_cast<std::size_t>(l)].steps.size());
             ++s) {
            if (lessons[static_cast<std::size_t>(l)].steps[static_cast<std::size_t>(s)].tab ==
                QLatin1String("machine"))
                continue;
            for (const quint64 pairs : {quint64{10}, quint64{10'000}, quint64{10'000'000}}) {
                for (int stage = 0; stage < 4; ++stage) {
                    QTest::addRow("lesson %d step %d, N = %llu, %s", l + 1, s + 1,
                                  static_cast<unsigned long long>(pairs), stages[stage])
                        << l << s << pairs << stage;
                }
            }
        }
    }
}

void TestExplanationBoundaries::everyLessonStepRendersWithoutMarkup() {
    QFETCH(int, lesson);
    QFETCH(int, step);
    QFETCH(quint64, pairs);
    QFETCH(int, stage);
    const LessonStep chosen =
        builtInLessons()[static_cast<std::size_t>(lesson)].steps[static_cast<std::size_t>(step)];
    RunSettings settings = chosen.session.settings;
    settings.data.pairs = pairs;
    const SufficientStatistic data = BitData::generate(settings.data).statistic();
    const ExactPosterior exact(settings.model, data);
    std::optional<SamplerSnapshot> snapshot;
    const double metric = settings.sampler.adaptMetric ? stanInverseMetric(exact.sd()) : 1.0;
    if (stage == 1) snapshot = warmupSnapshot(0.5, metric);
    if (stage >= 2) {
        snapshot = tunedSnapshot(settings.sampler.adaptStepSize ? 0.8 : settings.sampler.stepSize,
                                 metric, exact.mean(), exact.sd(), 800.0, stage == 3 ? 40 : 0);
    }
    // Reveal comes once the run has its numbers; before it, only the step's own text shows.
    for (const bool revealed : {false, true}) {
        if (revealed && stage < 2) continue;
        ExplanationInput input = makeExplanationInput(settings, data, snapshot);
        input.lessonNote = fillPlaceholders(lessonNoteHtml(chosen, revealed), input);
        const QString html = explanationHtml(input);
        verifyRendersCleanly(html);
        QVERIFY2(!plainText(html).contains(QLatin1Char('{')), qPrintable(plainText(html)));
    }
}

// A step on the machine tab shows its text above the machine's explanation, filled from the
// machine's run (shortened here): after Reveal every number is there, none is "n/a".
void TestExplanationBoundaries::machineLessonStepsShowTheirRunsNumbers() {
    int machineSteps = 0;
    for (const Lesson& lesson : builtInLessons()) {
        for (const LessonStep& step : lesson.steps) {
            if (step.tab != QLatin1String("machine")) continue;
            ++machineSteps;
            MachineRunSpec spec = step.session.machine->spec;
            spec.sampler.chains = 2;
            spec.sampler.warmup = 300;
            spec.sampler.draws = 200;
            const auto outcome = runMachine(spec);
            const MachineChainResult& first = outcome->run.chains.front();
            const MetricGeometry geometry = metricGeometry(
                outcome->reference.covariance, first.inverseMetric, first.base.stepSize);
            const auto [x, y] = strongestCorrelationPair(outcome->reference.covariance);
            const QString html =
                fillMachinePlaceholders(lessonNoteHtml(step, true), outcome.get(), geometry, x, y) +
                machineExplanationHtml(*outcome, geometry, x, y);
            const QString text = plainText(html);
            QVERIFY2(!text.contains(QStringLiteral("n/a")) && !text.contains(QLatin1Char('{')),
                     qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("nan")), qPrintable(text));
        }
    }
    QVERIFY(machineSteps >= 4);
}

void TestExplanationBoundaries::theExplanationNeverLeansOnTheQuestion() {
    // A class may start at any step: the explanation stands alone, never naming "the question".
    for (const Lesson& lesson : builtInLessons()) {
        for (const LessonStep& step : lesson.steps) {
            const RunSettings& settings = step.session.settings;
            const SufficientStatistic data = BitData::generate(settings.data).statistic();
            const ExactPosterior exact(settings.model, data);
            const QString text = plainText(explanationHtml(makeExplanationInput(
                settings, data,
                tunedSnapshot(0.8, exact.sd() * exact.sd(), exact.mean(), exact.sd(), 800.0))));
            QVERIFY2(!text.contains(QStringLiteral("question")), qPrintable(text));
        }
    }
}

void TestExplanationBoundaries::noiseJudgedInUnitsOfRootN_data() {
    QTest::addColumn<qint64>("c");
    QTest::addColumn<QString>("verdict");
    QTest::newRow("C = 2.9·√N") << qint64{290} << QStringLiteral("C = 2.90·√N is just such noise");
    QTest::newRow("C = 3.1·√N") << qint64{310}
                                << QStringLiteral("C = 3.10·√N is an unusually large draw");
    QTest::newRow("C = −3.1·√N") << qint64{-310}
                                 << QStringLiteral("C = −3.10·√N is an unusually large draw");
}

void TestExplanationBoundaries::noiseJudgedInUnitsOfRootN() {
    QFETCH(qint64, c);
    QFETCH(QString, verdict);
    const QString text =
        plainText(explanationHtml(makeExplanationInput(boltzmann(10'000), {10'000, c})));
    QVERIFY2(text.contains(verdict), qPrintable(text));
}

void TestExplanationBoundaries::maximumDepthIsNamedNearIt_data() {
    QTest::addColumn<double>("meanDepth");
    QTest::addColumn<bool>("named");
    QTest::newRow("9.4 of 10") << 9.4 << false;
    QTest::newRow("9.5 of 10") << 9.5 << true;
    QTest::newRow("10 of 10") << 10.0 << true;
}

void TestExplanationBoundaries::maximumDepthIsNamedNearIt() {
    QFETCH(double, meanDepth);
    QFETCH(bool, named);
    RunSettings settings = boltzmann(10'000);
    settings.sampler.adaptMetric = false;
    SamplerSnapshot snapshot = tunedSnapshot(1e-4, 1.0, 0.0162, 0.01);
    snapshot.meanTreeDepth = meanDepth;
    const QString text =
        plainText(explanationHtml(makeExplanationInput(settings, {10'000, 162}, snapshot)));
    QCOMPARE(text.contains(QStringLiteral("Trees reach the maximum depth 10")), named);
}

void TestExplanationBoundaries::tooShortWarmupLearnsNoMetric() {
    for (const int warmup : {10, 19, 20, 150}) {
        RunSettings settings = boltzmann(10'000);
        settings.sampler.warmup = warmup;
        const QString text =
            plainText(explanationHtml(makeExplanationInput(settings, {10'000, 162})));
        QCOMPARE(text.contains(QStringLiteral("too short to learn a metric")), warmup < 20);
        verifyRendersCleanly(explanationHtml(makeExplanationInput(settings, {10'000, 162})));
    }
}

QTEST_MAIN(TestExplanationBoundaries)
#include "test_explanation_boundaries.moc"
