// Simulation-based calibration (Talts et al. 2018) of the K = 3 Boltzmann machine with biases:
// draw theta from the prior, data from theta, sample the posterior; the rank of each true
// parameter among the (thinned) draws is uniform exactly when the sampler is calibrated.
#include <QtTest>
#include <array>
#include <cmath>

#include "core/machine_data.h"
#include "core/machine_runner.h"

using namespace couplinglab;

class TestMachineSbc : public QObject {
    Q_OBJECT
  private slots:
    // 400 replications, 99 draws each (1 in 4 of 396), ranks 0..99 in 10 bins of 40 expected:
    // chi-square with 9 degrees of freedom below 27.9, its 0.999 quantile, for every parameter.
    void ranksOfTrueParametersAreUniform() {
        constexpr int kReplications = 400;
        constexpr int kThin = 4;
        constexpr int kKept = 99;
        constexpr int kBins = 10;
        const MachineShape shape{3, true};
        ModelSpec model;
        model.likelihood = Likelihood::ExactBoltzmann;
        SamplerSettings settings;
        settings.warmup = 300;
        settings.draws = kThin * kKept;
        settings.chains = 1;
        std::vector<std::array<int, kBins>> histogram(6, std::array<int, kBins>{});
        Rng prior(2026);
        for (int r = 0; r < kReplications; ++r) {
            std::vector<double> theta(6);
            for (double& t : theta)
                t = prior.normal();  // prior N(0, 1), the model's default
            const MachineDataSpec spec{3,
                                       {theta.begin(), theta.begin() + 3},
                                       {theta.begin() + 3, theta.end()},
                                       50,
                                       static_cast<std::uint64_t>(r + 1)};
            settings.seed = static_cast<std::uint64_t>(r + 1);
            const auto run =
                runMachineChains(model, MachineData::generate(spec).patternCounts(true), settings);
            for (int i = 0; i < shape.dimension(); ++i) {
                const std::vector<double> draws = run.chains[0].drawsOf(i);
                int rank = 0;
                for (int k = kThin - 1; k < settings.draws; k += kThin)
                    rank += draws[static_cast<std::size_t>(k)] < theta[i] ? 1 : 0;
                ++histogram[static_cast<std::size_t>(i)][rank * kBins / (kKept + 1)];
            }
        }
        const double expected = static_cast<double>(kReplications) / kBins;
        for (int i = 0; i < shape.dimension(); ++i) {
            double chi2 = 0.0;
            QString bins;
            for (int count : histogram[static_cast<std::size_t>(i)]) {
                chi2 += (count - expected) * (count - expected) / expected;
                bins += QString::number(count) + " ";
            }
            QVERIFY2(
                chi2 < 27.9,
                qPrintable(QString("parameter %1: chi2 %2, bins %3").arg(i).arg(chi2).arg(bins)));
        }
    }
};

QTEST_GUILESS_MAIN(TestMachineSbc)
#include "test_machine_sbc.moc"
