#include "ui/plots/plot_panel.h"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <algorithm>
#include <functional>

#include "ui/plots/plot_style.h"
#include "ui/plots/zoomable_plot.h"

namespace couplinglab::ui {

namespace {

constexpr int kHeaderRow = 0;
constexpr int kSubtitleRow = 1;
constexpr double kThinStretch = 0.001;  // QCP's idiom for "as small as the contents allow"
const QMargins kTitleMargins(10, 6, 10, 0);
const QMargins kLegendMargins(6, 6, 10, 0);
const QMargins kOwnLineMargins(4, 0, 10, 2);
// The header's cells (column, row): the title at (0, 0), the legend beside or below it.
constexpr QPoint kBesideTitle(1, 0);
constexpr QPoint kBelowTitle(0, 1);

// A line of text that never widens the plot: in a narrow panel it is elided instead of pushing
// the axes out of the widget, or, with `wrap`, it breaks into as many lines as the plot's width
// needs (a caption must be read whole). It steps aside, taking no height at all, when the plot
// is drawn shorter than `minPlotHeight`. `beforeLayout` runs each time the plot is laid out,
// with the size being drawn.
class TextLine final : public QCPTextElement {
  public:
    TextLine(QCustomPlot* plot, const QString& text, const QFont& font, int minPlotHeight = 0,
             std::function<void(QSize)> beforeLayout = {}, bool wrap = false)
        : QCPTextElement(plot, text, font),
          minPlotHeight_(minPlotHeight),
          beforeLayout_(std::move(beforeLayout)),
          wrap_(wrap) {
        setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    }

    // QCustomPlot prepares every element, in layout order, before it computes any margin or
    // size: the title comes first, so it can still change what the others will need.
    void update(UpdatePhase phase) override {
        if (phase == upPreparation && beforeLayout_) beforeLayout_(mParentPlot->viewport().size());
        if (phase == upPreparation && wrap_) measureWrapped(mParentPlot->viewport().width());
        QCPTextElement::update(phase);
    }

  protected:
    void draw(QCPPainter* painter) override {
        if (!shown()) return;
        painter->setFont(mainFont());
        painter->setPen(QPen(mainTextColor()));
        if (wrap_) {
            painter->drawText(mRect, mTextFlags | Qt::TextWordWrap, mText, &mTextBoundingRect);
            return;
        }
        const QString elided =
            QFontMetrics(mainFont()).elidedText(mText, Qt::ElideRight, mRect.width());
        painter->drawText(mRect, mTextFlags, elided, &mTextBoundingRect);
    }
    QSize minimumOuterSizeHint() const override { return QSize(0, height()); }
    QSize maximumOuterSizeHint() const override { return QSize(QWIDGETSIZE_MAX, height()); }

  private:
    bool shown() const { return mParentPlot->viewport().height() >= minPlotHeight_; }
    int height() const {
        if (!shown()) return 0;
        return wrap_ ? wrappedHeight_ : QCPTextElement::minimumOuterSizeHint().height();
    }
    // The caption spans the plot's whole width; its height is that of the wrapped lines.
    void measureWrapped(int plotWidth) {
        const int width = std::max(1, plotWidth - mMargins.left() - mMargins.right());
        const QRect lines = QFontMetrics(mainFont())
                                .boundingRect(QRect(0, 0, width, QWIDGETSIZE_MAX),
                                              Qt::AlignLeft | Qt::TextWordWrap, mText);
        wrappedHeight_ = lines.height() + mMargins.top() + mMargins.bottom();
    }

    int minPlotHeight_;
    std::function<void(QSize)> beforeLayout_;
    bool wrap_;
    int wrappedHeight_ = 0;
};

}  // namespace

// The centred hint of an empty plot. On a narrow panel (a 1024-pixel projector) it breaks
// between words to stay inside the axes rather than run out of the plot; it is measured when it
// is drawn, so it follows every resize and export size.
class PlotPanel::CentredHint final : public QCPItemText {
  public:
    using QCPItemText::QCPItemText;

    void setWholeText(const QString& text) {
        wholeText_ = text;
        setText(text);
    }
    const QString& wholeText() const { return wholeText_; }

  protected:
    void draw(QCPPainter* painter) override {
        if (const QCPAxisRect* rect = clipAxisRect()) {
            const int room = rect->width() - padding().left() - padding().right() - 8;
            setText(brokenIntoLines(QFontMetrics(font()), std::max(room, 1)));
        }
        QCPItemText::draw(painter);
    }

  private:
    QString brokenIntoLines(const QFontMetrics& metrics, int width) const {
        QStringList lines;
        for (const QString& word : wholeText_.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString longer = lines.isEmpty() ? word : lines.last() + QLatin1Char(' ') + word;
            if (!lines.isEmpty() && metrics.horizontalAdvance(longer) <= width)
                lines.last() = longer;
            else
                lines.append(word);
        }
        return lines.join(QLatin1Char('\n'));
    }

    QString wholeText_;
};

PlotPanel::PlotPanel(const QString& title, const QString& subtitle, QWidget* parent)
    : QWidget(parent), plot_(new ZoomablePlot(this)), header_(new QCPLayoutGrid) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumSize(280, 120);
    setToolTip(subtitle);

    PlotStyle::apply(plot_);
    QCPLayoutGrid* grid = plot_->plotLayout();
    grid->setRowSpacing(0);

    grid->insertRow(kHeaderRow);
    grid->addElement(kHeaderRow, 0, header_);
    header_->setColumnSpacing(0);
    header_->setRowSpacing(0);
    header_->expandTo(2, 2);
    header_->setColumnStretchFactor(1, kThinStretch);
    title_ = new TextLine(plot_, title, PlotStyle::titleFont(), 0,
                          [this](QSize size) { fitToSize(size); });
    title_->setMargins(kTitleMargins);
    header_->addElement(0, 0, title_);

    grid->insertRow(kSubtitleRow);
    subtitle_ = new TextLine(plot_, subtitle, PlotStyle::subtitleFont(), kCompactHeight, {},
                             /*wrap=*/true);
    subtitle_->setTextColor(QColor(70, 70, 70));
    subtitle_->setMargins(QMargins(10, 0, 10, 2));
    grid->addElement(kSubtitleRow, 0, subtitle_);
    grid->setRowStretchFactor(kHeaderRow, kThinStretch);
    grid->setRowStretchFactor(kSubtitleRow, kThinStretch);

    hint_ = new CentredHint(plot_);
    hint_->position->setType(QCPItemPosition::ptAxisRectRatio);
    hint_->position->setCoords(0.5, 0.5);
    hint_->setPositionAlignment(Qt::AlignCenter);
    QFont hintFont = PlotStyle::baseFont();
    hintFont.setPointSize(hintFont.pointSize() + 3);
    hint_->setFont(hintFont);
    hint_->setColor(PlotStyle::hintText());
    // Readable over what the plot already shows, e.g. the exact posterior before any draws.
    hint_->setBrush(QColor(255, 255, 255, 225));
    hint_->setPadding(QMargins(6, 2, 6, 2));
    hint_->setLayer(QStringLiteral("overlay"));
    hint_->setObjectName(QStringLiteral("hint"));
    hint_->setVisible(false);
}

PlotPanel::~PlotPanel() {
    if (liveQueue_) liveQueue_->cancel(this, 0);
}

QString PlotPanel::title() const {
    return title_->text();
}

QString PlotPanel::subtitle() const {
    return subtitle_->text();
}

void PlotPanel::setTitles(const QString& title, const QString& subtitle) {
    title_->setText(title);
    subtitle_->setText(subtitle);
    setToolTip(subtitle);
    requestReplot();
}

namespace {

const char* const kDesignedPen = "couplinglab.designedPen";
const char* const kDesignedShape = "couplinglab.designedShape";
const char* const kDesignedSize = "couplinglab.designedSize";
const char* const kDesignedScatterPen = "couplinglab.designedScatterPen";
const char* const kDesignedScatterBrush = "couplinglab.designedScatterBrush";

bool isRound(QCPScatterStyle::ScatterShape shape) {
    return shape == QCPScatterStyle::ssDisc || shape == QCPScatterStyle::ssCircle;
}

void renderFast(QCPGraph* graph) {
    if (!graph->property(kDesignedPen).isValid()) {
        graph->setProperty(kDesignedPen, graph->pen());
        graph->setProperty(kDesignedShape, static_cast<int>(graph->scatterStyle().shape()));
        graph->setProperty(kDesignedSize, graph->scatterStyle().size());
        if (graph->scatterStyle().isPenDefined())
            graph->setProperty(kDesignedScatterPen, graph->scatterStyle().pen());
        graph->setProperty(kDesignedScatterBrush, graph->scatterStyle().brush());
    }
    QPen pen = graph->property(kDesignedPen).value<QPen>();
    pen.setWidthF(std::min(pen.widthF(), 1.0));
    graph->setPen(pen);
    const auto shape =
        static_cast<QCPScatterStyle::ScatterShape>(graph->property(kDesignedShape).toInt());
    if (isRound(shape)) {
        const double size = std::max(2.0, 0.7 * graph->property(kDesignedSize).toDouble());
        const QColor colour = pen.color();
        graph->setScatterStyle(QCPScatterStyle(
            QCPScatterStyle::ssSquare, colour,
            shape == QCPScatterStyle::ssDisc ? colour : QColor(Qt::transparent), size));
    }
}

void renderDesigned(QCPGraph* graph) {
    if (!graph->property(kDesignedPen).isValid()) return;
    const QPen pen = graph->property(kDesignedPen).value<QPen>();
    graph->setPen(pen);
    const auto shape =
        static_cast<QCPScatterStyle::ScatterShape>(graph->property(kDesignedShape).toInt());
    if (isRound(shape)) {
        QCPScatterStyle style(shape, graph->property(kDesignedSize).toDouble());
        if (graph->property(kDesignedScatterPen).isValid())
            style.setPen(graph->property(kDesignedScatterPen).value<QPen>());
        style.setBrush(graph->property(kDesignedScatterBrush).value<QBrush>());
        graph->setScatterStyle(style);
    }
    for (const char* key : {kDesignedPen, kDesignedShape, kDesignedSize, kDesignedScatterPen,
                            kDesignedScatterBrush}) {
        graph->setProperty(key, QVariant());
    }
}

}  // namespace

void PlotPanel::requestReplot() {
    applyRenderingMode();
    if (live_ && liveQueue_) {
        liveQueue_->post(this, 0, [this] { plot_->replot(); });
        return;
    }
    if (liveQueue_) liveQueue_->cancel(this, 0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::setLiveRendering(bool live) {
    if (live == live_) return;
    live_ = live;
    plot_->setNotAntialiasedElements(
        live ? QCP::AntialiasedElements(QCP::aePlottables | QCP::aeScatters)
             : QCP::AntialiasedElements(QCP::aeNone));
    liveRenderingChanged();
    requestReplot();
}

void PlotPanel::applyRenderingMode() {
    for (int i = 0; i < plot_->graphCount(); ++i) {
        QCPGraph* graph = plot_->graph(i);
        live_ ? renderFast(graph) : renderDesigned(graph);
    }
}

QString PlotPanel::hintText() const {
    return hint_->visible() ? hint_->wholeText() : QString();
}

void PlotPanel::showHint(const QString& text) {
    hint_->setWholeText(text);
    hint_->setVisible(true);
}

void PlotPanel::hideHint() {
    hint_->setVisible(false);
}

void PlotPanel::placeLegendInTitleLine() {
    QCPLegend* legend = plot_->legend;
    plot_->axisRect()->insetLayout()->take(legend);
    header_->addElement(kBesideTitle.y(), kBesideTitle.x(), legend);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    legend->setMargins(kLegendMargins);
    legend->setVisible(legendWanted_);
    legendInTitleLine_ = true;
}

void PlotPanel::setLegendWanted(bool wanted) {
    legendWanted_ = wanted;
    if (legendInTitleLine_) plot_->legend->setVisible(wanted);
}

void PlotPanel::setAxisLabel(QCPAxis* axis, const QString& full, const QString& compact) {
    // A second call for an axis replaces its labels (a plot whose axis shows what was picked).
    const auto same = [axis](const AxisLabel& label) { return label.axis == axis; };
    axisLabels_.erase(std::remove_if(axisLabels_.begin(), axisLabels_.end(), same),
                      axisLabels_.end());
    axisLabels_.append({axis, full, compact});
    axis->setLabel(full);
}

void PlotPanel::fitToSize(QSize size) {
    const bool compact = size.height() < kCompactHeight;
    // What the header, the explanation and the x axis leave to a vertical axis, roughly: its
    // label must not be longer than that.
    const int axisLength = size.height() - (compact ? 70 : 125);
    for (const AxisLabel& label : std::as_const(axisLabels_)) {
        const bool vertical = label.axis->orientation() == Qt::Vertical;
        const bool tooLong =
            vertical &&
            QFontMetrics(label.axis->labelFont()).horizontalAdvance(label.full) > axisLength;
        const QString& text = compact || tooLong ? label.compact : label.full;
        if (label.axis->label() != text) label.axis->setLabel(text);
    }
    if (legendInTitleLine_) fitLegend(size.width(), compact);
    fitVerticalAxes(axisLength);
}

void PlotPanel::fitLegend(int width, bool compact) {
    // In the title line when it fits beside the title; else on a line of its own below it,
    // wrapped, if the plot is tall enough to spare one; else not at all (the tooltip still
    // explains the plot).
    QCPLegend* legend = plot_->legend;
    QList<int> entryWidths;
    for (int i = 0; i < legend->itemCount(); ++i) {
        const QCPLayoutElement* item = legend->item(i);  // null in a wrapped grid's empty cells
        if (item != nullptr) entryWidths.append(item->minimumOuterSizeHint().width());
    }
    const auto entriesFitting = [&](int room) {
        int fitting = 0;
        for (const int entry : std::as_const(entryWidths)) {
            room -= entry + (fitting > 0 ? legend->columnSpacing() : 0);
            if (room < 0) break;
            ++fitting;
        }
        return fitting;
    };
    const int titleWidth = QFontMetrics(title_->font()).horizontalAdvance(title_->text()) +
                           kTitleMargins.left() + kTitleMargins.right();
    const int besideTitle =
        entriesFitting(width - titleWidth - kLegendMargins.left() - kLegendMargins.right());
    const int onItsOwnLine =
        entriesFitting(width - kOwnLineMargins.left() - kOwnLineMargins.right());

    enum class Place { Beside, Below, Nowhere };
    Place place = Place::Nowhere;
    if (legendWanted_ && besideTitle == entryWidths.size()) {
        place = Place::Beside;
    } else if (legendWanted_ && !compact && onItsOwnLine > 0) {
        place = Place::Below;
    }

    // Moved between cells rather than hidden, since a hidden element would still take its
    // room. Safe here: the header's cells exist from the start, so the layout pass that is
    // running visits the same four of them.
    const QPoint cell = place == Place::Beside ? kBesideTitle : kBelowTitle;
    const bool placed =
        header_->hasElement(cell.y(), cell.x()) && header_->element(cell.y(), cell.x()) == legend;
    if (legend->layout() == header_ && (place == Place::Nowhere || !placed)) header_->take(legend);
    if (place != Place::Nowhere && !placed) header_->addElement(cell.y(), cell.x(), legend);
    legend->setVisible(place != Place::Nowhere);
    legend->setMargins(place == Place::Below ? kOwnLineMargins : kLegendMargins);
    const int perRow = std::max(place == Place::Below ? onItsOwnLine : besideTitle, 1);
    if (perRow != legend->wrap()) {
        legend->setWrap(perRow);
        legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    }
}

}  // namespace couplinglab::ui
