#pragma once

#include <QString>
#include <QWidget>

#include "ui/explanation/explanation.h"

class QTextBrowser;

namespace couplinglab::ui {

// The explanation in a read-only text browser. Re-renders only when the text changes, keeping
// the reader's scroll position, so live updates neither flicker nor jump.
class ExplanationPanel : public QWidget {
    Q_OBJECT

  public:
    explicit ExplanationPanel(QWidget* parent = nullptr);

    void setInput(const ExplanationInput& input);
    QString html() const { return html_; }  // what is shown (empty before the first input)

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void updateLineWidth();

    QTextBrowser* browser_;
    QString html_;
};

}  // namespace couplinglab::ui
