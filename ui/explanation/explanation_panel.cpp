#include "ui/explanation/explanation_panel.h"

#include <QEvent>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace couplinglab::ui {
namespace {

constexpr double kPointSize = 12.0;
constexpr int kMaxCharactersPerLine = 72;  // a comfortable reading measure on a wide panel

}  // namespace

ExplanationPanel::ExplanationPanel(QWidget* parent)
    : QWidget(parent), browser_(new QTextBrowser(this)) {
    browser_->setObjectName(QStringLiteral("explanationBrowser"));
    browser_->setReadOnly(true);
    browser_->setOpenLinks(false);
    browser_->setOpenExternalLinks(false);
    browser_->setUndoRedoEnabled(false);
    browser_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    browser_->document()->setDocumentMargin(12.0);
    QFont font = browser_->font();
    font.setPointSizeF(kPointSize);
    browser_->setFont(font);
    browser_->viewport()->installEventFilter(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(browser_);
    updateLineWidth();
}

void ExplanationPanel::setInput(const ExplanationInput& input) {
    QString html = explanationHtml(input);
    if (html == html_) return;
    html_ = std::move(html);
    QScrollBar* bar = browser_->verticalScrollBar();
    const int position = bar->value();
    browser_->setHtml(html_);
    bar->setValue(std::min(position, bar->maximum()));
}

bool ExplanationPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == browser_->viewport() && event->type() == QEvent::Resize) updateLineWidth();
    return QWidget::eventFilter(watched, event);
}

// Lines follow the panel's width up to a readable measure, then stop growing.
void ExplanationPanel::updateLineWidth() {
    const int measure = kMaxCharactersPerLine * browser_->fontMetrics().averageCharWidth() +
                        2 * static_cast<int>(browser_->document()->documentMargin());
    if (browser_->viewport()->width() > measure) {
        browser_->setLineWrapMode(QTextEdit::FixedPixelWidth);
        if (browser_->lineWrapColumnOrWidth() != measure)
            browser_->setLineWrapColumnOrWidth(measure);
    } else {
        browser_->setLineWrapMode(QTextEdit::WidgetWidth);
    }
}

}  // namespace couplinglab::ui
