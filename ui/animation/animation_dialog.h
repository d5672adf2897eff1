#pragma once

#include <QDialog>
#include <cstdint>

#include "ui/animation/animation_spec.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace couplinglab::ui {

// File ▸ Export animation…: what to animate, the file (its suffix, .gif or .mp4, is the
// format), the size, scale, frame rate and duration, and the iteration or the range of
// iterations. What the choices make ("150 frames of 960×540 pixels") is said below them, and a
// choice the run cannot have is named there with Export disabled. Remembers the choices in
// QSettings under "animation/", saved when the user presses Export.
//
// Object names for tests: animationKindCombo, animationFileEdit, animationBrowseButton,
// animationFormatCombo, animationWidthSpin, animationHeightSpin, animationScaleCombo,
// animationFpsSpin, animationSecondsSpin, animationIterationSpin, animationFirstSpin,
// animationLastSpin, animationIterationsPerFrameSpin, animationSummaryLabel.
class AnimationDialog : public QDialog {
    Q_OBJECT

  public:
    // `iterations`: per chain in a run of the current settings; `shownIteration`: the
    // trajectory the window shows (0: none), which the trajectory animation starts from.
    AnimationDialog(QSettings& settings, std::int64_t iterations, std::int64_t shownIteration,
                    QWidget* parent = nullptr);

    AnimationSpec spec() const;
    QString path() const;

    void accept() override;

  private:
    void load(std::int64_t shownIteration);
    void save() const;
    void updateState();
    void browse();
    void formatChosen();

    QSettings& settings_;
    std::int64_t iterations_;
    QComboBox* kindCombo_;
    QLineEdit* fileEdit_;
    QComboBox* formatCombo_;
    QSpinBox* widthSpin_;
    QSpinBox* heightSpin_;
    QComboBox* scaleCombo_;
    QSpinBox* fpsSpin_;
    QDoubleSpinBox* secondsSpin_;
    QSpinBox* iterationSpin_;
    QSpinBox* firstSpin_;
    QSpinBox* lastSpin_;
    QSpinBox* perFrameSpin_;
    QLabel* iterationLabel_;
    QLabel* rangeLabel_;
    QWidget* rangeBox_;
    QLabel* summaryLabel_;
    QPushButton* exportButton_;
};

}  // namespace couplinglab::ui
