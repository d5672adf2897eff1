#pragma once

#include <QList>
#include <QWidget>

#include "core/run_settings.h"
#include "core/sweep.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace couplinglab::ui {

class TransientHint;

// The Sweep tab's inputs: the log grid of N, the data and prior, the likelihood / divide-by-N
// combinations, and the sampler of every point. Its number fields are the control panel's
// clamping inputs (ui/controls/number_input.h): a value typed out of range is clamped when
// editing finishes, and the group's hint (gridHint, dataHint, samplerHint) says why.
//
// Object names: fromPairsSpin, toPairsSpin, gridPointsSpin, gridLabel, sweepUnitsSpin,
// sweepBiasesCheck, couplingSpin, firstBiasSpin, dataSeedSpin, priorMeanSpin, priorSdSpin,
// potentialCheck, potentialOverNCheck, boltzmannCheck, boltzmannOverNCheck, metricCombo,
// chainsSpin, warmupSpin, drawsSpin, seedSpin.
class SweepInputs : public QWidget {
    Q_OBJECT

  public:
    explicit SweepInputs(QWidget* parent = nullptr);

    // The sweep the inputs describe, with the sampler settings they do not show taken from
    // setBaseSampler(); and setting every input from a spec (its pairs are taken as a log grid
    // from the first to the last value with as many points).
    SweepSpec spec() const;
    void setSpec(const SweepSpec& spec);
    void setBaseSampler(const SamplerSettings& sampler);

    // The metric combo's choices, in its order; those from kFirstDenseItem on need more than
    // one parameter.
    struct MetricChoice {
        QString label;
        std::vector<MetricKind> metrics;
    };
    static QList<MetricChoice> metricChoices();
    static constexpr int kFirstDenseItem = 3;
    static constexpr int kAllMetricsItem = 4;

    bool anyLikelihoodTicked() const;
    bool gridIsOrdered() const;  // the largest N is not smaller than the smallest

  signals:
    // The grid of N or the ticked likelihoods changed: what may make a sweep runnable or not.
    void runnabilityChanged();

  private:
    QWidget* createGridGroup();
    QWidget* createDataGroup();
    QWidget* createLikelihoodGroup();
    QWidget* createSamplerGroup();
    void updateGridLabel();
    void updateShape();

    SamplerSettings baseSampler_;

    QSpinBox* fromSpin_ = nullptr;
    QSpinBox* toSpin_ = nullptr;
    QSpinBox* gridPointsSpin_ = nullptr;
    QLabel* gridLabel_ = nullptr;
    TransientHint* gridHint_ = nullptr;
    QSpinBox* unitsSpin_ = nullptr;
    QCheckBox* biasesCheck_ = nullptr;
    QDoubleSpinBox* couplingSpin_ = nullptr;
    QDoubleSpinBox* firstBiasSpin_ = nullptr;
    bool wasMachine_ = false;
    QSpinBox* dataSeedSpin_ = nullptr;
    QDoubleSpinBox* priorMeanSpin_ = nullptr;
    QDoubleSpinBox* priorSdSpin_ = nullptr;
    TransientHint* dataHint_ = nullptr;
    QList<QCheckBox*> combinationChecks_;  // in allSweepCombinations() order
    QComboBox* metricCombo_ = nullptr;
    QSpinBox* chainsSpin_ = nullptr;
    QSpinBox* warmupSpin_ = nullptr;
    QSpinBox* drawsSpin_ = nullptr;
    QSpinBox* seedSpin_ = nullptr;
    TransientHint* samplerHint_ = nullptr;
};

}  // namespace couplinglab::ui
