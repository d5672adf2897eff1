// The one-coupling model's draws must not change when the sampler grows new metrics and models:
// the fixture holds every iteration of a few short runs made by the code before the K-unit
// Boltzmann machine, written as hexadecimal floats so that equality is bit for bit.
// COUPLINGLAB_WRITE_FIXTURE=1 rewrites it (only ever from a commit whose draws are trusted).
#include <QtTest>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/chain_runner.h"

using namespace couplinglab;

namespace {

struct Case {
    const char* name;
    Likelihood likelihood;
    Algorithm algorithm;
    bool adaptMetric;
};

constexpr Case kCases[] = {
    {"nuts-boltzmann-diag", Likelihood::ExactBoltzmann, Algorithm::Nuts, true},
    {"nuts-boltzmann-unit", Likelihood::ExactBoltzmann, Algorithm::Nuts, false},
    {"nuts-potential-diag", Likelihood::PotentialOnly, Algorithm::Nuts, true},
    {"hmc-boltzmann-diag", Likelihood::ExactBoltzmann, Algorithm::StaticHmc, true},
};

std::string hex(double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%a", x);
    return buffer;
}

// Every iteration of one chain as text: position, lp, step size, inverse metric, leapfrogs.
std::string drawsOf(const Case& c) {
    ModelSpec model;
    model.likelihood = c.likelihood;
    SamplerSettings settings;
    settings.algorithm = c.algorithm;
    settings.leapfrogSteps = 3;
    settings.adaptMetric = c.adaptMetric;
    settings.warmup = 200;
    settings.draws = 100;
    settings.seed = 7;
    CouplingChain chain(CouplingTarget(model, {10'000, 98}), settings, 1);
    std::ostringstream out;
    out << c.name << '\n';
    while (!chain.segmentDone()) {
        const auto draw = chain.next();
        out << hex(draw.state.q[0]) << ' ' << hex(draw.state.logDensity) << ' '
            << hex(draw.info.stepSize) << ' ' << hex(draw.inverseMetric[0]) << ' '
            << draw.info.nLeapfrog << '\n';
    }
    return out.str();
}

std::string allDraws() {
    std::string text;
    for (const Case& c : kCases)
        text += drawsOf(c);
    return text;
}

}  // namespace

class TestK2DrawsRegression : public QObject {
    Q_OBJECT

  private slots:
    void oneCouplingDrawsAreBitIdenticalToTheFixture() {
        const std::string path = COUPLINGLAB_K2_FIXTURE;
        const std::string now = allDraws();
        if (qEnvironmentVariableIsSet("COUPLINGLAB_WRITE_FIXTURE")) {
            std::ofstream(path) << now;
            QSKIP("fixture rewritten");
        }
        std::ifstream in(path);
        QVERIFY2(in.good(), path.c_str());
        std::stringstream saved;
        saved << in.rdbuf();
        QCOMPARE(now.size(), saved.str().size());
        QVERIFY2(now == saved.str(), "the draws differ from the fixture");
    }
};

QTEST_GUILESS_MAIN(TestK2DrawsRegression)
#include "test_k2_draws_regression.moc"
