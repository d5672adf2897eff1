#pragma once

#include <QWidget>
#include <cstdint>
#include <optional>

#include "core/run_settings.h"
#include "ui/run/run_messages.h"
#include "ui/settings/display_settings.h"

class QAbstractButton;
class QAbstractSpinBox;
class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;
class QToolButton;

namespace couplinglab::ui {

class BitStrip;
class TransientHint;

// The left-hand column of the window: Data, Model, Sampler and Run groups.
//
// Data changes wait for Generate (or Enter in a data field); model, sampler and display changes
// are announced at once. Setters never emit. Widgets carry object names (pairsSpin, pairsSlider,
// couplingSpin, dataSeedSpin, newSeedButton, generateButton, cValue, atanhValue, bitStrip,
// priorMeanSpin, priorSdSpin, potentialOnlyRadio, boltzmannRadio, divideByNButton,
// algorithmCombo, leapfrogStepsSpin, adaptedStepRadio, targetAcceptSpin, fixedStepRadio,
// stepSizeSpin, adaptMetricCheck, maxDepthSpin, warmupSpin, drawsSpin, chainsSpin,
// samplerSeedSpin, startPauseButton, stepButton, resetButton, speedSlider, speedLabel,
// leapfrogPaceSpin, traceWindowSpin, keepTunedCheck, and dataHint/modelHint/samplerHint/runHint)
// so tests and the main window can find them.
class ControlPanel : public QWidget {
    Q_OBJECT

  public:
    explicit ControlPanel(QWidget* parent = nullptr);
    ~ControlPanel() override;

    RunSettings settings() const;          // what the widgets show
    void setSettings(const RunSettings&);  // sets every widget without emitting change signals
    DisplaySettings display() const;
    void setDisplay(const DisplaySettings&);  // no signals
    void setDataSummary(const DataSummary& summary);
    // Readouts a lesson step keeps from the class until Reveal ("C", "agreement", "C/N",
    // "atanh(C/N)"; lessonReadoutNames()): they show "?" until the list no longer names them.
    void setMaskedReadouts(const QStringList& names);
    // Chains and sampler seed are editable only while Idle, since they apply at Reset.
    void setRunState(RunState state);
    // The main window owns these actions and their shortcuts; the panel shows them as buttons.
    void setRunActions(QAction* startPause, QAction* step, QAction* reset);

  signals:
    void generateRequested(const couplinglab::DataSpec& spec);
    void modelChanged(const couplinglab::ModelSpec& model);
    void samplerChanged(const couplinglab::SamplerSettings& sampler);
    void displayChanged(const couplinglab::ui::DisplaySettings& display);

  private:
    QWidget* createDataGroup();
    QWidget* createModelGroup();
    QWidget* createSamplerGroup();
    QWidget* createRunGroup();
    void connectDataSignals();
    void connectModelSignals();
    void connectSamplerSignals();
    void connectRunSignals();
    void setTabOrderToVisualOrder();

    DataSpec dataSpec() const;
    ModelSpec modelSpec() const;
    SamplerSettings samplerSettings() const;

    void requestGenerate();
    void emitModelChanged();
    void emitSamplerChanged();
    void emitDisplayChanged();

    void setPairs(std::uint64_t pairs);
    void syncSliderToPairs();
    void updateSamplerEnabling();
    void updateDivideByNText();
    void updateSpeedLabel();
    void updateDataPendingNote();
    void bindRunButton(QToolButton* button, QAction* action, const QString& description);

    // Data
    QSlider* pairsSlider_ = nullptr;
    QSpinBox* pairsSpin_ = nullptr;
    QDoubleSpinBox* couplingSpin_ = nullptr;
    QSpinBox* dataSeedSpin_ = nullptr;
    QToolButton* newSeedButton_ = nullptr;
    QPushButton* generateButton_ = nullptr;
    QLabel* dataPendingNote_ = nullptr;
    QLabel* pairsValue_ = nullptr;
    QLabel* cValue_ = nullptr;
    QLabel* agreementValue_ = nullptr;
    QLabel* cOverNValue_ = nullptr;
    QLabel* atanhValue_ = nullptr;
    BitStrip* bitStrip_ = nullptr;
    TransientHint* dataHint_ = nullptr;

    // Model
    QDoubleSpinBox* priorMeanSpin_ = nullptr;
    QDoubleSpinBox* priorSdSpin_ = nullptr;
    QRadioButton* potentialOnlyRadio_ = nullptr;
    QRadioButton* boltzmannRadio_ = nullptr;
    QPushButton* divideByNButton_ = nullptr;
    TransientHint* modelHint_ = nullptr;

    // Sampler
    QComboBox* algorithmCombo_ = nullptr;
    QSpinBox* leapfrogStepsSpin_ = nullptr;
    QRadioButton* adaptedStepRadio_ = nullptr;
    QDoubleSpinBox* targetAcceptSpin_ = nullptr;
    QRadioButton* fixedStepRadio_ = nullptr;
    QDoubleSpinBox* stepSizeSpin_ = nullptr;
    QCheckBox* adaptMetricCheck_ = nullptr;
    QSpinBox* maxDepthSpin_ = nullptr;
    QSpinBox* warmupSpin_ = nullptr;
    QSpinBox* drawsSpin_ = nullptr;
    QSpinBox* chainsSpin_ = nullptr;
    QSpinBox* samplerSeedSpin_ = nullptr;
    QLabel* samplerResetNote_ = nullptr;
    TransientHint* samplerHint_ = nullptr;

    // Run
    QToolButton* startPauseButton_ = nullptr;
    QToolButton* stepButton_ = nullptr;
    QToolButton* resetButton_ = nullptr;
    QSlider* speedSlider_ = nullptr;
    QLabel* speedLabel_ = nullptr;
    QDoubleSpinBox* leapfrogPaceSpin_ = nullptr;
    QSpinBox* traceWindowSpin_ = nullptr;
    QCheckBox* keepTunedCheck_ = nullptr;
    QLabel* runStateLabel_ = nullptr;
    TransientHint* runHint_ = nullptr;

    // Fields of RunSettings the panel does not show (Stan's constants) pass through unchanged.
    RunSettings hidden_;
    std::optional<DataSpec> generatedSpec_;  // the data the readouts describe
    std::optional<SufficientStatistic> readoutStatistic_;
    QStringList maskedReadouts_;
    void showReadouts();
    RunState runState_ = RunState::Idle;
    bool applying_ = false;  // true while a setter fills the widgets: no signals then
};

}  // namespace couplinglab::ui
