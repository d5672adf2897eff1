#pragma once

#include <QDialog>
#include <QSize>
#include <QString>

#include "ui/files/plot_exporter.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSettings;
class QSpinBox;

namespace couplinglab::ui {

// File → Export plots…: where, in which format, at which size and scale, and whether to add a
// composite figure of the whole grid. Remembers the last choices in QSettings under "export/"
// (folder, format, sizeMode "screen"/"fixed", width, height, scale, composite), saved when the
// user presses Export.
//
// Widgets carry object names for tests: folderEdit, browseButton, formatCombo, onScreenRadio,
// fixedSizeRadio, widthSpin, heightSpin, scaleCombo, compositeCheck, filesLabel.
class ExportDialog : public QDialog {
    Q_OBJECT

  public:
    // `onScreenSize` is what the fixed size starts from the first time (the plot area's size);
    // `fileStems` are the plots' export names, listed in the dialog.
    ExportDialog(QSettings& settings, QSize onScreenSize, const QStringList& fileStems,
                 QWidget* parent = nullptr);

    QString folder() const;
    // size is empty when every plot is to keep its on-screen size.
    ExportOptions options() const;
    bool composite() const;

    void accept() override;  // refuses an empty folder; saves the choices

  private:
    void load(QSize onScreenSize);
    void save() const;
    void updateState();
    void browse();

    QSettings& settings_;
    QStringList fileStems_;
    QLineEdit* folderEdit_;
    QComboBox* formatCombo_;
    QRadioButton* onScreenRadio_;
    QRadioButton* fixedSizeRadio_;
    QSpinBox* widthSpin_;
    QSpinBox* heightSpin_;
    QComboBox* scaleCombo_;
    QLabel* scaleNote_;
    QCheckBox* compositeCheck_;
    QLabel* filesLabel_;
};

}  // namespace couplinglab::ui
