// The plots' colours stay apart for readers with the common colour-vision deficiencies:
// each palette is passed through the Machado, Oliveira & Fernandes (2009) simulation of
// protanopia, deuteranopia and tritanopia (severity 1.0, applied in linear RGB) and every pair
// must keep a CIE76 colour difference ΔE*ab of at least kMinimumDeltaE in CIELAB.
#include <qcustomplot.h>

#include <QtTest>
#include <array>
#include <cmath>
#include <vector>

#include "ui/plots/plot_style.h"
#include "ui/plots/time_series_plots.h"
#include "ui/plots/trajectory_plot.h"

using namespace couplinglab::ui;

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;
using Triple = std::array<double, 3>;

// About twice the difference at which neighbouring colours of a chart stop being told apart
// at a glance.
constexpr double kMinimumDeltaE = 20.0;

// Machado et al. 2009, Table "severity 1.0" (the dichromacies).
constexpr Matrix kNormal{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
constexpr Matrix kProtanopia{{{0.152286, 1.052583, -0.204868},
                              {0.114503, 0.786281, 0.099216},
                              {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia{{{0.367322, 0.860646, -0.227968},
                                {0.280085, 0.672501, 0.047413},
                                {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia{{{1.255528, -0.076749, -0.178779},
                              {-0.078411, 0.930809, 0.147602},
                              {0.004733, 0.691367, 0.303900}}};

double toLinear(double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

// sRGB (D65) to CIELAB via XYZ.
Triple labOfLinear(const Triple& rgb) {
    const double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
    const double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    const double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
    const auto f = [](double t) {
        constexpr double epsilon = 216.0 / 24389.0;
        constexpr double kappa = 24389.0 / 27.0;
        return t > epsilon ? std::cbrt(t) : (kappa * t + 16.0) / 116.0;
    };
    const double fx = f(x / 0.95047);
    const double fy = f(y);
    const double fz = f(z / 1.08883);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

// The colour as a reader with the deficiency `m` sees it, in CIELAB.
Triple simulatedLab(const QColor& colour, const Matrix& m) {
    const Triple rgb{toLinear(colour.redF()), toLinear(colour.greenF()), toLinear(colour.blueF())};
    Triple seen{};
    for (std::size_t i = 0; i < 3; ++i) {
        const double v = m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2];
        seen[i] = std::clamp(v, 0.0, 1.0);
    }
    return labOfLinear(seen);
}

double deltaE(const QColor& a, const QColor& b, const Matrix& m) {
    const Triple p = simulatedLab(a, m);
    const Triple q = simulatedLab(b, m);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

struct Closest {
    double deltaE = 1e9;
    QString pair;
};

Closest closestPair(const std::vector<std::pair<QString, QColor>>& palette, const Matrix& m) {
    Closest closest;
    for (std::size_t i = 0; i < palette.size(); ++i) {
        for (std::size_t j = i + 1; j < palette.size(); ++j) {
            const double d = deltaE(palette[i].second, palette[j].second, m);
            if (d < closest.deltaE)
                closest = {d, palette[i].first + QStringLiteral(" / ") + palette[j].first};
        }
    }
    return closest;
}

// A translucent colour as it shows over the plots' white background.
QColor overWhite(const QColor& colour) {
    const double a = colour.alphaF();
    return QColor::fromRgbF(static_cast<float>(a * colour.redF() + 1.0 - a),
                            static_cast<float>(a * colour.greenF() + 1.0 - a),
                            static_cast<float>(a * colour.blueF() + 1.0 - a));
}

void addVisions() {
    QTest::addColumn<int>("vision");
    QTest::newRow("normal") << 0;
    QTest::newRow("protanopia") << 1;
    QTest::newRow("deuteranopia") << 2;
    QTest::newRow("tritanopia") << 3;
}

const Matrix& vision(int index) {
    static const std::array<const Matrix*, 4> all{&kNormal, &kProtanopia, &kDeuteranopia,
                                                  &kTritanopia};
    return *all[static_cast<std::size_t>(index)];
}

}  // namespace

class TestColourVision : public QObject {
    Q_OBJECT
  private slots:
    void simulationKeepsGreysAndMergesRedWithGreen();
    void simulationRejectsThePreviousPalette();
    void chainsDivergencesAndReferencesStayApart_data() { addVisions(); }
    void chainsDivergencesAndReferencesStayApart();
    void trajectoryMarksStayApart_data() { addVisions(); }
    void trajectoryMarksStayApart();
    void warmupShadingShowsOnWhite_data() { addVisions(); }
    void warmupShadingShowsOnWhite();
    void plotsDrawWithThePalette();
};

void TestColourVision::simulationKeepsGreysAndMergesRedWithGreen() {
    // Each matrix's rows sum to 1: greys (white and black included) look the same to all.
    for (int v = 0; v < 4; ++v) {
        for (const QColor grey : {QColor(Qt::white), QColor(Qt::black), QColor(128, 128, 128)})
            QVERIFY(deltaE(grey, grey, vision(v)) == 0.0 &&
                    std::abs(simulatedLab(grey, vision(v))[0] - simulatedLab(grey, kNormal)[0]) <
                        0.5);
    }
    const QColor red(200, 60, 40);
    const QColor green(90, 150, 40);
    // Red and green merge for the red-green dichromats (protanopes still see red darker), not
    // for tritanopes.
    const double normal = deltaE(red, green, kNormal);
    QVERIFY(normal > 60.0);
    QVERIFY(deltaE(red, green, kDeuteranopia) < 10.0);
    QVERIFY(deltaE(red, green, kProtanopia) < 0.5 * normal);
    QVERIFY(deltaE(red, green, kTritanopia) > 0.8 * normal);
}

void TestColourVision::simulationRejectsThePreviousPalette() {
    // Okabe–Ito chains with a vermilion divergence marker, as before: under deuteranopia the
    // bluish green and the grey of the prior merge, and the orange nears the vermilion.
    const std::vector<std::pair<QString, QColor>> previous{
        {QStringLiteral("blue"), QColor(0x0072B2)},
        {QStringLiteral("orange"), QColor(0xE69F00)},
        {QStringLiteral("green"), QColor(0x009E73)},
        {QStringLiteral("purple"), QColor(0xCC79A7)},
        {QStringLiteral("vermilion"), QColor(0xD55E00)},
        {QStringLiteral("prior"), QColor(0x787878)}};
    QVERIFY(closestPair(previous, kDeuteranopia).deltaE < kMinimumDeltaE);
}

void TestColourVision::chainsDivergencesAndReferencesStayApart() {
    QFETCH(int, vision);
    std::vector<std::pair<QString, QColor>> palette;
    for (int c = 0; c < PlotStyle::kChainColours; ++c)
        palette.emplace_back(QStringLiteral("chain %1").arg(c + 1), PlotStyle::chain(c));
    palette.emplace_back(QStringLiteral("divergence"), PlotStyle::divergence());
    palette.emplace_back(QStringLiteral("exact posterior"), PlotStyle::exactPosterior());
    palette.emplace_back(QStringLiteral("prior"), PlotStyle::prior());
    const Closest closest = closestPair(palette, ::vision(vision));
    qInfo("closest pair %s: ΔE %.1f", qPrintable(closest.pair), closest.deltaE);
    QVERIFY2(closest.deltaE >= kMinimumDeltaE, qPrintable(closest.pair));
}

void TestColourVision::trajectoryMarksStayApart() {
    QFETCH(int, vision);
    const std::vector<std::pair<QString, QColor>> palette{
        {QStringLiteral("forward"), PlotStyle::forwardDoubling()},
        {QStringLiteral("backward"), PlotStyle::backwardDoubling()},
        {QStringLiteral("next state"), PlotStyle::nextState()},
        {QStringLiteral("U-turn"), PlotStyle::uturn()},
        {QStringLiteral("divergence"), PlotStyle::divergence()},
        {QStringLiteral("H0 level"), PlotStyle::initialEnergyLevel()}};
    const Closest closest = closestPair(palette, ::vision(vision));
    qInfo("closest pair %s: ΔE %.1f", qPrintable(closest.pair), closest.deltaE);
    QVERIFY2(closest.deltaE >= kMinimumDeltaE, qPrintable(closest.pair));
}

void TestColourVision::warmupShadingShowsOnWhite() {
    QFETCH(int, vision);
    const QColor shaded = overWhite(PlotStyle::warmupShading());
    QVERIFY(deltaE(shaded, Qt::white, ::vision(vision)) >= 5.0);
    // Every chain reads on the shading as well as on white.
    for (int c = 0; c < PlotStyle::kChainColours; ++c)
        QVERIFY(deltaE(PlotStyle::chain(c), shaded, ::vision(vision)) >= kMinimumDeltaE);
}

void TestColourVision::plotsDrawWithThePalette() {
    TracePlot trace;
    QCPGraph* divergences = trace.divergenceGraph();
    QCOMPARE(divergences->scatterStyle().shape(), QCPScatterStyle::ssCross);  // shape, not hue
    QCOMPARE(divergences->scatterStyle().pen().color().rgb(), PlotStyle::divergence().rgb());
    // The caption names the marker as it is drawn: red crosses.
    QVERIFY(trace.subtitle().contains(QStringLiteral("red crosses")));
    QVERIFY(PlotStyle::divergence().red() > 2 * PlotStyle::divergence().green());
    for (int c = 0; c < PlotStyle::kChainColours; ++c)
        QCOMPARE(PlotStyle::chainPen(c).color(), PlotStyle::chain(c));

    TrajectoryPlot trajectory;
    const auto* divergent = trajectory.plot()->findChild<QCPCurve*>(QStringLiteral("divergent"));
    QVERIFY(divergent != nullptr);
    QCOMPARE(divergent->scatterStyle().shape(), QCPScatterStyle::ssCross);
    QCOMPARE(divergent->scatterStyle().pen().color(), PlotStyle::divergence());
}

QTEST_MAIN(TestColourVision)
#include "test_colour_vision.moc"
