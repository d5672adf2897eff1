#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextDocument>
#include <QtTest>
#include <cmath>
#include <limits>

#include "core/exact_posterior.h"
#include "support/explanation_snapshots.h"
#include "ui/explanation/explanation.h"
#include "ui/explanation/explanation_panel.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RunSettings settingsFor(Likelihood likelihood, bool divideByN) {
    RunSettings settings;
    settings.model.likelihood = likelihood;
    settings.model.divideByN = divideByN;
    return settings;
}

// N = 10^4 independent pairs with C = 98 (the app's default data give C = 162; these tests pin
// the wording on round numbers, test_explanation_boundaries uses the default data).
SufficientStatistic questionData() {
    return {10'000, 98};
}

// The question's default: potential only, after warmup with an adapted metric.
ExplanationInput defaultInput() {
    return makeExplanationInput(settingsFor(Likelihood::PotentialOnly, false), questionData(),
                                tunedSnapshot(0.92, 1.01, 98.01, 1.005));
}

QString textOf(const ExplanationInput& input) {
    return plainText(explanationHtml(input));
}

int wordCount(const QString& text) {
    return static_cast<int>(
        text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts).size());
}

void verifyClean(const QString& text) {
    static const QRegularExpression bad(QStringLiteral("\\b(nan|inf|n/a)\\b|%\\d"),
                                        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = bad.match(text);
    QVERIFY2(!match.hasMatch(),
             qPrintable(QStringLiteral("found \"%1\" in:\n%2").arg(match.captured(), text)));
    QVERIFY(text.contains(QStringLiteral("The data.")));
    QVERIFY(text.contains(QStringLiteral("What the posterior must be.")));
}

}  // namespace

class TestExplanation : public QObject {
    Q_OBJECT

  private slots:
    void formatsNumbers();
    void explainsEachModel_data();
    void explainsEachModel();
    void adaptedMetricKeepsStepNearOne();
    void mismatchedMetricIsPointedOut();
    void unitMetricMakesStepShrink();
    void fixedStepTooLargeIsUnstable();
    void warmupSaysNumbersAreTuned();
    void mentionsDivergences();
    void staticHmcExplainsFixedTrajectory();
    void lessonNoteComesFirst();
    void flagsUnconvergedChains();
    void negativeCouplingStatistic();
    void trueCouplingIsJudgedAgainstW();
    void allPairsAgree();
    void textIsCleanForNormalInputs();
    void defaultCaseIsShort();
    void panelKeepsScrollPosition();
    void panelKeepsReadableLineLength();
};

void TestExplanation::formatsNumbers() {
    QCOMPARE(formatNumber(98.01), QStringLiteral("98.0"));
    QCOMPARE(formatNumber(0.0098), QStringLiteral("0.00980"));
    QCOMPARE(formatNumber(1.0), QStringLiteral("1.00"));
    QCOMPARE(formatNumber(9.996), QStringLiteral("10.0"));
    QCOMPARE(formatNumber(-0.5), QStringLiteral("\u22120.500"));
    QCOMPARE(formatNumber(12345.0), QStringLiteral("12\u00A0300"));
    QCOMPARE(formatNumber(1e-4), QStringLiteral("1.00\u00A0×\u00A010⁻⁴"));
    QCOMPARE(formatNumber(2.5e7), QStringLiteral("2.50\u00A0×\u00A010⁷"));
    QCOMPARE(formatNumber(0.0), QStringLiteral("0"));
    QCOMPARE(formatNumber(kNaN), QStringLiteral("n/a"));
    QCOMPARE(formatCompact(1.0), QStringLiteral("1"));
    QCOMPARE(formatCompact(0.25), QStringLiteral("0.25"));
    QCOMPARE(formatCount(10'000), QStringLiteral("10\u00A0000"));
    QCOMPARE(formatCount(-98), QStringLiteral("\u221298"));
    QCOMPARE(formatCount(100'000'000), QStringLiteral("100\u00A0000\u00A0000"));
}

void TestExplanation::explainsEachModel_data() {
    QTest::addColumn<int>("likelihood");
    QTest::addColumn<bool>("divideByN");
    QTest::addColumn<QString>("moments");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("potential only")
        << static_cast<int>(Likelihood::PotentialOnly) << false
        << QStringLiteral("mean μ0 + σ0²·C = 98.0 and sd σ0 = 1.00")
        << QStringList{QStringLiteral("log p(w) = −(w − 0)²/(2·1²) + 98·w + const"),
                       QStringLiteral("without its normalising constant"),
                       QStringLiteral("grows without bound"),
                       QStringLiteral("only the prior holds w back"),
                       QStringLiteral("not met, 0 lies 98.0 posterior sds from the mean"),
                       QStringLiteral("the model is wrong")}
        << QStringList{QStringLiteral("4 cosh"), QStringLiteral("1/N"), QStringLiteral("/10 000")};
    QTest::newRow("potential only, divided by N")
        << static_cast<int>(Likelihood::PotentialOnly) << true
        << QStringLiteral("mean μ0 + σ0²·C/N = 0.00980 and sd σ0 = 1.00")
        << QStringList{QStringLiteral("log p(w) = −(w − 0)²/(2·1²) + (98/10 000)·w + const"),
                       QStringLiteral("multiplied by 1/N"),
                       QStringLiteral("moved a hair"),
                       QStringLiteral("count as one observation"),
                       QStringLiteral("met, 0 lies 0.00980 posterior sds"),
                       QStringLiteral("only because the posterior is so wide"),
                       QStringLiteral("the sd stays σ0")}
        << QStringList{QStringLiteral("4 cosh"), QStringLiteral("not met")};
    QTest::newRow("exact Boltzmann")
        << static_cast<int>(Likelihood::ExactBoltzmann) << false
        << QStringLiteral("Exact posterior: mean 0.00980, sd 0.0100")
        << QStringList{QStringLiteral("+ 98·w − 10 000·log(4 cosh w) + const"),
                       QStringLiteral("Z(w) = 4 cosh w"),
                       QStringLiteral("atanh(C/N) = 0.00980"),
                       QStringLiteral("1/√(N(1 − (C/N)²)) = 0.0100"),
                       QStringLiteral("met, 0 lies 0.980 posterior sds"),
                       QStringLiteral("correct model")}
        << QStringList{QStringLiteral("1/N"), QStringLiteral("/10 000"), QStringLiteral("not met"),
                       QStringLiteral("so wide")};
    QTest::newRow("exact Boltzmann, divided by N")
        << static_cast<int>(Likelihood::ExactBoltzmann) << true
        << QStringLiteral("A tempered posterior with exact mean 0.00580 and sd 0.769")
        << QStringList{QStringLiteral("+ (1/10 000)·[98·w − 10 000·log(4 cosh w)] + const"),
                       QStringLiteral("multiplied by 1/N"),
                       QStringLiteral("to the power 1/N"),
                       QStringLiteral("will not shrink"),
                       QStringLiteral("without dividing it would be about 0.0100"),
                       QStringLiteral("met, 0 lies 0.00754 posterior sds"),
                       QStringLiteral("only because the posterior is so wide (sd 0.769)")}
        << QStringList{QStringLiteral("correct model"), QStringLiteral("not met")};
}

void TestExplanation::explainsEachModel() {
    QFETCH(int, likelihood);
    QFETCH(bool, divideByN);
    QFETCH(QString, moments);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);

    const ExplanationInput input = makeExplanationInput(
        settingsFor(static_cast<Likelihood>(likelihood), divideByN), questionData());
    const QString text = textOf(input);
    QVERIFY2(text.contains(moments), qPrintable(text));
    // The data paragraph is the same for every model.
    QVERIFY2(text.contains(QStringLiteral("N = 10 000 pairs of bits, of which 5 049 (50.5%) "
                                          "agree, so C = Σ sx·sy = 98")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("±√N = ±100, so C/N is of order ±1/√N = ±0.0100, small")));
    QVERIFY(text.contains(QStringLiteral("C = 0.980·√N")));
    for (const QString& piece : present)
        QVERIFY2(text.contains(piece), qPrintable(piece + QStringLiteral("\n---\n") + text));
    for (const QString& piece : absent)
        QVERIFY2(!text.contains(piece), qPrintable(piece + QStringLiteral("\n---\n") + text));
    // Before the first iteration: what the step size will have to do.
    QVERIFY(text.contains(QStringLiteral("What the step size will have to do.")));
    verifyClean(text);
}

void TestExplanation::adaptedMetricKeepsStepNearOne() {
    const ExplanationInput input =
        makeExplanationInput(settingsFor(Likelihood::ExactBoltzmann, false), questionData(),
                             tunedSnapshot(0.9, 1e-4, 0.0098, 0.0101));
    const QString text = textOf(input);
    const double relative = 0.9 * 0.01 / input.exactSd;
    QVERIFY2(text.contains(QStringLiteral("Over the 4 chains: ε = 0.900 and the inverse metric is "
                                          "1.00 × 10⁻⁴, so the effective step ε·√(inverse metric) "
                                          "is 0.00900 in units of w, or ") +
                           formatNumber(relative) + QStringLiteral(" posterior sds")),
             qPrintable(text));
    QVERIFY(std::abs(relative - 0.9) < 0.01);
    QVERIFY(text.contains(QStringLiteral("the metric absorbs the posterior's scale")));
    QVERIFY(text.contains(QStringLiteral("√(inverse metric) = 0.0100, posterior sd 0.0100")));
    QVERIFY(text.contains(QStringLiteral("ε can stay near 1 however wide or narrow")));
    QVERIFY(text.contains(QStringLiteral("not what differs between the models")));
    QVERIFY(text.contains(QStringLiteral("What the step size and metric did.")));
    QVERIFY(
        text.contains(QStringLiteral("3.10 leapfrog steps per iteration on average (tree "
                                     "depth 1.60), mean acceptance 0.860 against the target "
                                     "δ = 0.800")));
    QVERIFY(!text.contains(QStringLiteral("shrink to")));
    QVERIFY(!text.contains(QStringLiteral("unstable")));
    QVERIFY(!text.contains(QStringLiteral("Divergences.")));
    verifyClean(text);
}

void TestExplanation::mismatchedMetricIsPointedOut() {
    // Tuning kept from the potential-only model (sd 1) after switching to exact Boltzmann.
    const QString text =
        textOf(makeExplanationInput(settingsFor(Likelihood::ExactBoltzmann, false), questionData(),
                                    tunedSnapshot(0.9, 1.0, 0.0098, 0.0101)));
    QVERIFY2(text.contains(QStringLiteral("√(inverse metric) = 1.00 is far from the posterior sd "
                                          "0.0100")),
             qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("absorbs")));
    QVERIFY(text.contains(QStringLiteral("unstable here: expect divergences")));
}

void TestExplanation::unitMetricMakesStepShrink() {
    RunSettings settings = settingsFor(Likelihood::ExactBoltzmann, false);
    settings.sampler.adaptMetric = false;
    const ExplanationInput input =
        makeExplanationInput(settings, questionData(), tunedSnapshot(0.013, 1.0, 0.0098, 0.0101));
    const QString text = textOf(input);
    QVERIFY2(text.contains(QStringLiteral("ε = 0.0130 and the inverse metric is 1.00")),
             qPrintable(text));
    QVERIFY(
        text.contains(QStringLiteral("ε itself must shrink to about the posterior sd (0.0100)")));
    QVERIFY(text.contains(QStringLiteral("unstable past ε = 2 sd = 0.0200")));
    QVERIFY(!text.contains(QStringLiteral("Stan reports")));
    QVERIFY(!text.contains(QStringLiteral("expect divergences")));
    verifyClean(text);

    // Before sampling, the same lesson as a prediction.
    const QString before = textOf(makeExplanationInput(settings, questionData()));
    QVERIFY(before.contains(QStringLiteral("ε itself must shrink to about the posterior sd")));
    // Potential only: the posterior sd is 1, nothing to shrink to.
    const QString potential = textOf(makeExplanationInput(
        [] {
            RunSettings s = settingsFor(Likelihood::PotentialOnly, false);
            s.sampler.adaptMetric = false;
            return s;
        }(),
        questionData()));
    QVERIFY(potential.contains(QStringLiteral("ε itself must be about the posterior sd (1.00)")));
}

void TestExplanation::fixedStepTooLargeIsUnstable() {
    RunSettings settings = settingsFor(Likelihood::ExactBoltzmann, false);
    settings.sampler.adaptMetric = false;
    settings.sampler.adaptStepSize = false;
    settings.sampler.stepSize = 0.05;
    SamplerSnapshot snapshot = tunedSnapshot(0.05, 1.0, 0.0098, 0.0101);
    snapshot.divergences = 812;
    const QString text = textOf(makeExplanationInput(settings, questionData(), snapshot));
    QVERIFY2(text.contains(QStringLiteral("ε is fixed by you")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("unstable here: expect divergences")));
    QVERIFY(text.contains(QStringLiteral("812 iterations in this segment diverged")));
    QVERIFY(text.contains(QStringLiteral("mean acceptance 0.860.")));  // no target when fixed
    const QString before = textOf(makeExplanationInput(settings, questionData()));
    QVERIFY(before.contains(QStringLiteral("ε is fixed at 0.0500")));
    QVERIFY(before.contains(QStringLiteral("expect divergences")));
}

void TestExplanation::warmupSaysNumbersAreTuned() {
    const RunSettings settings = settingsFor(Likelihood::ExactBoltzmann, false);
    const QString tuned = textOf(
        makeExplanationInput(settings, questionData(), tunedSnapshot(0.9, 1e-4, 0.0098, 0.0101)));
    const QString warming =
        textOf(makeExplanationInput(settings, questionData(), warmupSnapshot(0.9, 1e-4)));
    QVERIFY(tuned != warming);
    QVERIFY2(warming.contains(QStringLiteral("Warmup is still tuning these numbers (iteration 120 "
                                             "of 1 000).")),
             qPrintable(warming));
    QVERIFY(warming.contains(QStringLiteral("What the step size and metric are doing.")));
    QVERIFY(warming.contains(QStringLiteral("warmup is learning the posterior variance")));
    QVERIFY(!tuned.contains(QStringLiteral("still tuning")));
    QVERIFY(!warming.contains(QStringLiteral("Check.")));  // no draws yet
    verifyClean(warming);
}

void TestExplanation::mentionsDivergences() {
    const RunSettings settings = settingsFor(Likelihood::ExactBoltzmann, false);
    SamplerSnapshot snapshot = tunedSnapshot(0.9, 1e-4, 0.0098, 0.0101);
    snapshot.divergences = 3;
    QString text = textOf(makeExplanationInput(settings, questionData(), snapshot));
    QVERIFY2(text.contains(QStringLiteral("Divergences. 3 iterations in this segment diverged: the "
                                          "energy error along their trajectories exceeded 1 000")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("step was too large for the curvature")));
    QVERIFY(!text.contains(QStringLiteral("normal.")));
    snapshot.divergences = 1;
    text = textOf(makeExplanationInput(settings, questionData(), snapshot));
    QVERIFY(text.contains(QStringLiteral("1 iteration in this segment diverged")));
    SamplerSnapshot warming = warmupSnapshot(0.5, 1.0);
    warming.divergences = 2;
    text = textOf(makeExplanationInput(settings, questionData(), warming));
    QVERIFY(text.contains(QStringLiteral("early in warmup")));
    // ε = 0.5 with a unit metric is far beyond 2 sds (0.02), but warmup is still shrinking it.
    QVERIFY(
        text.contains(QStringLiteral("expect divergences until the adaptation brings it down")));
}

void TestExplanation::staticHmcExplainsFixedTrajectory() {
    RunSettings settings = settingsFor(Likelihood::ExactBoltzmann, false);
    settings.sampler.algorithm = Algorithm::StaticHmc;
    settings.sampler.leapfrogSteps = 10;
    const QString text = textOf(
        makeExplanationInput(settings, questionData(), tunedSnapshot(0.9, 1e-4, 0.0098, 0.0101)));
    QVERIFY2(text.contains(QStringLiteral("exactly L = 10 leapfrog steps")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("L·ε·√(inverse metric) = 0.0900 in w")));
    QVERIFY(text.contains(QStringLiteral("Metropolis correction")));
    QVERIFY(text.contains(QStringLiteral("Mean acceptance: 0.860.")));
    QVERIFY(!text.contains(QStringLiteral("tree depth")));
    verifyClean(text);
    const QString before = textOf(makeExplanationInput(settings, questionData()));
    QVERIFY(before.contains(QStringLiteral("L = 10")));
    QVERIFY(before.contains(QStringLiteral("Metropolis")));
}

void TestExplanation::lessonNoteComesFirst() {
    ExplanationInput input = defaultInput();
    input.lessonNote = QStringLiteral("This preset divides by N & keeps the prior: a < b.");
    const QString html = explanationHtml(input);
    const QString text = plainText(html);
    QVERIFY2(text.trimmed().startsWith(input.lessonNote), qPrintable(text));
    QVERIFY(html.indexOf(QStringLiteral("preset")) < html.indexOf(QStringLiteral("The data.")));
    input.lessonNote = QStringLiteral("<b>Watch</b> the step size.");
    const QString rich = explanationHtml(input);
    QVERIFY(rich.contains(QStringLiteral("<b>Watch</b>")));
    QVERIFY(plainText(rich).trimmed().startsWith(QStringLiteral("Watch the step size.")));
    input.lessonNote.clear();
    QVERIFY(!explanationHtml(input).contains(QStringLiteral("<table")));
}

void TestExplanation::flagsUnconvergedChains() {
    ExplanationInput input = defaultInput();
    QString text = textOf(input);
    QVERIFY2(text.contains(QStringLiteral("Check. The 4 000 draws have mean 98.0 and sd 1.00, "
                                          "against the exact 98.0 and 1.00. With a bulk effective "
                                          "sample size of 1 600")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Within 4 standard errors")));
    QVERIFY(!text.contains(QStringLiteral("converged")));
    input.sampler->diagnostics->mean = 97.0;  // 1/(1.005/√1600) = 39.8 MCSEs off
    text = textOf(input);
    QVERIFY(text.contains(QStringLiteral("Not converged yet?")));
    QVERIFY2(text.contains(QStringLiteral("the mean is 39.8 of them")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("may not have converged yet")));
}

void TestExplanation::negativeCouplingStatistic() {
    for (const bool divide : {false, true}) {
        for (const Likelihood likelihood :
             {Likelihood::PotentialOnly, Likelihood::ExactBoltzmann}) {
            const QString text = textOf(makeExplanationInput(settingsFor(likelihood, divide),
                                                             SufficientStatistic{10'000, -98}));
            QVERIFY(text.contains(QStringLiteral("C = Σ sx·sy = −98")));
            QVERIFY(!text.contains(QStringLiteral("+ −")));
            QVERIFY(!text.contains(QStringLiteral("+ (−")));
            verifyClean(text);
        }
    }
    const QString potential = textOf(makeExplanationInput(
        settingsFor(Likelihood::PotentialOnly, false), SufficientStatistic{10'000, -98}));
    QVERIFY(potential.contains(QStringLiteral("(2·1²) − 98·w + const")));
    QVERIFY(potential.contains(QStringLiteral("mean μ0 + σ0²·C = −98.0")));
    const QString tempered = textOf(makeExplanationInput(
        settingsFor(Likelihood::ExactBoltzmann, true), SufficientStatistic{10'000, -98}));
    QVERIFY(tempered.contains(QStringLiteral("(1/10 000)·[−98·w − 10 000·log(4 cosh w)]")));
}

void TestExplanation::trueCouplingIsJudgedAgainstW() {
    RunSettings settings = settingsFor(Likelihood::ExactBoltzmann, false);
    settings.data.coupling = 0.5;
    const SufficientStatistic data{10'000, 4621};  // C/N ≈ tanh 0.5
    QString text = textOf(makeExplanationInput(settings, data));
    QVERIFY2(text.contains(QStringLiteral("true coupling W = 0.500, for which tanh W = 0.462")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("W = 0.500 is recovered")));
    settings.model.likelihood = Likelihood::PotentialOnly;
    text = textOf(makeExplanationInput(settings, data));
    QVERIFY(text.contains(QStringLiteral("W = 0.500 is not recovered")));
    settings.model.divideByN = true;
    text = textOf(makeExplanationInput(settings, data));
    QVERIFY2(text.contains(QStringLiteral("the prior, moved by 0.462 of its sds")),
             qPrintable(text));
}

void TestExplanation::allPairsAgree() {
    for (const bool divide : {false, true}) {
        const QString text = textOf(
            makeExplanationInput(settingsFor(Likelihood::ExactBoltzmann, divide),
                                 SufficientStatistic{10, 10}, tunedSnapshot(0.8, 0.4, 2.0, 0.7)));
        verifyClean(text);
        if (!divide) QVERIFY2(text.contains(QStringLiteral("has no peak")), qPrintable(text));
    }
}

void TestExplanation::textIsCleanForNormalInputs() {
    for (const bool divide : {false, true}) {
        for (const Likelihood likelihood :
             {Likelihood::PotentialOnly, Likelihood::ExactBoltzmann}) {
            for (const Algorithm algorithm : {Algorithm::Nuts, Algorithm::StaticHmc}) {
                RunSettings settings = settingsFor(likelihood, divide);
                settings.sampler.algorithm = algorithm;
                const ExactPosterior exact(settings.model, questionData());
                const double inverseMetric = exact.sd() * exact.sd();
                for (const std::optional<SamplerSnapshot>& snapshot :
                     {std::optional<SamplerSnapshot>{},
                      std::optional<SamplerSnapshot>{warmupSnapshot(0.1, 1.0)},
                      std::optional<SamplerSnapshot>{
                          tunedSnapshot(0.9, inverseMetric, exact.mean(), exact.sd())}}) {
                    const QString html =
                        explanationHtml(makeExplanationInput(settings, questionData(), snapshot));
                    QTextDocument document;
                    document.setHtml(html);
                    QVERIFY(document.blockCount() >= 5);
                    verifyClean(plainText(html));
                }
            }
        }
    }
}

void TestExplanation::defaultCaseIsShort() {
    const int words = wordCount(textOf(defaultInput()));
    qInfo("default case: %d words", words);
    QVERIFY(words < 400);
    for (const bool divide : {false, true}) {
        for (const Likelihood likelihood :
             {Likelihood::PotentialOnly, Likelihood::ExactBoltzmann}) {
            const ExactPosterior exact(settingsFor(likelihood, divide).model, questionData());
            const int count = wordCount(textOf(makeExplanationInput(
                settingsFor(likelihood, divide), questionData(),
                tunedSnapshot(0.9, exact.sd() * exact.sd(), exact.mean(), exact.sd()))));
            qInfo("%s%s: %d words",
                  likelihood == Likelihood::PotentialOnly ? "potential" : "boltzmann",
                  divide ? " / N" : "", count);
            QVERIFY(count < 450);
        }
    }
}

void TestExplanation::panelKeepsScrollPosition() {
    ExplanationPanel panel;
    panel.resize(320, 220);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* browser = panel.findChild<QTextBrowser*>();
    QVERIFY(browser != nullptr);
    QVERIFY(browser->isReadOnly());
    QVERIFY(!browser->openLinks());
    QCOMPARE(browser->font().pointSizeF(), 12.0);

    ExplanationInput input = defaultInput();
    panel.setInput(input);
    QCOMPARE(panel.html(), explanationHtml(input));
    QCoreApplication::processEvents();
    QScrollBar* bar = browser->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    bar->setValue(bar->maximum() / 2);
    const int position = bar->value();
    QVERIFY(position > 0);
    const int revision = browser->document()->revision();

    panel.setInput(input);  // same text: nothing re-rendered
    QCoreApplication::processEvents();
    QCOMPARE(browser->document()->revision(), revision);
    QCOMPARE(bar->value(), position);

    input.sampler->diagnostics->draws = 4400;  // new numbers: re-rendered, at the same place
    const QString before = panel.html();
    panel.setInput(input);
    QCoreApplication::processEvents();
    QVERIFY(panel.html() != before);
    QVERIFY(browser->document()->revision() != revision);
    QCOMPARE(bar->value(), position);
}

void TestExplanation::panelKeepsReadableLineLength() {
    ExplanationPanel panel;
    panel.resize(1800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setInput(defaultInput());
    auto* browser = panel.findChild<QTextBrowser*>();
    QCOMPARE(browser->lineWrapMode(), QTextEdit::FixedPixelWidth);
    QVERIFY(browser->lineWrapColumnOrWidth() < browser->viewport()->width());
    panel.resize(400, 600);
    QCoreApplication::processEvents();
    QCOMPARE(browser->lineWrapMode(), QTextEdit::WidgetWidth);
}

QTEST_MAIN(TestExplanation)
#include "test_explanation.moc"
