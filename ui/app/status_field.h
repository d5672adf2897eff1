#pragma once

#include <QLabel>
#include <QList>

namespace couplinglab::ui {

// A status-bar label whose size never shrinks while its text changes. A QLabel re-lays out its
// parent whenever its text changes, and in a status bar that re-lays out the whole main window
// (several milliseconds with every plot and dock in it), a few times a second while sampling.
// A fixed size stops that: the field widens, once, only when a text does not fit, and fits its
// current text again when the font or style changes.
class StatusField : public QLabel {
    Q_OBJECT

  public:
    // `widestExpected`: a text as wide as the field usually gets (e.g. "Iteration 99,999,999"),
    // so that it seldom has to widen during a run.
    explicit StatusField(const QString& widestExpected = {}, QWidget* parent = nullptr);

    void setText(const QString& text);  // hides QLabel::setText, which is not virtual

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void fit(bool allowShrinking);

    QString widestExpected_;
};

}  // namespace couplinglab::ui

namespace couplinglab::ui {

// The status bar's fields in a row that never makes the window wider: when the row is narrower
// than its fields, it hides them in the order of least importance, and shows them again when
// there is room. The fields keep their fixed sizes, so their texts still never re-lay out the
// window.
class StatusFieldRow : public QWidget {
    Q_OBJECT

  public:
    // `byImportance`: the most important first. `inOrder`: as they appear from left to right.
    StatusFieldRow(const QList<StatusField*>& byImportance, const QList<StatusField*>& inOrder,
                   QWidget* parent = nullptr);

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

  protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void showWhatFits(int width);

    QList<StatusField*> byImportance_;
};

}  // namespace couplinglab::ui
