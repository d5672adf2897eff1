#pragma once

#include <QDialog>
#include <QString>
#include <functional>

#include "core/model_code.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSettings;

namespace couplinglab::ui {

// Where the panel's model comes from: the settings of the tab in front, and a few words naming
// it ("the Live run tab").
struct ModelCodeSource {
    std::function<ModelCodeSpec()> spec;
    std::function<QString()> origin;
};

// View ▸ Model as code…: the model the window runs as a complete Stan, PyMC or NumPyro program
// (core/model_code.h) that reads the bits File ▸ Save bits… writes, with Copy and Save as….
// Not modal: it follows the settings while it is open (refresh()), keeping the scroll position
// while the text does not change.
//
// Object names: codeLanguageCombo, codeText, codeOrigin, codeCopyButton, codeSaveButton.
// QSettings key: code/language.
class ModelCodePanel : public QDialog {
    Q_OBJECT
  public:
    // `settings` keeps the language chosen last and must outlive the panel.
    ModelCodePanel(ModelCodeSource source, QSettings& settings, QWidget* parent = nullptr);

    CodeLanguage language() const;
    QString text() const;
    // Regenerates the program from the source; a no-op while the panel is hidden.
    void refresh();
    // Writes the program to `path` (atomically). Throws FileError naming the path.
    void saveTo(const QString& path) const;

  signals:
    void statusMessage(const QString& text);

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void copy();
    void saveInteractively();

    ModelCodeSource source_;
    QSettings& settings_;
    QComboBox* languageCombo_;
    QLabel* origin_;
    QPlainTextEdit* text_;
    QPushButton* copyButton_;
    QPushButton* saveButton_;
};

}  // namespace couplinglab::ui
