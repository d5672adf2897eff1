#pragma once

#include <QLabel>
#include <QTimer>

namespace couplinglab::ui {

// A red-on-pale line that explains a correction for a few seconds, then hides: "N must be at
// least 10: set to 10". Each group of inputs has one, under its fields.
class TransientHint final : public QLabel {
  public:
    TransientHint(QWidget* parent, const char* objectName);

    void flash(const QString& text);

  private:
    QTimer timer_;
};

}  // namespace couplinglab::ui
