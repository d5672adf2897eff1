#include "ui/app/zoom_controller.h"

#include <QAction>
#include <QMainWindow>
#include <QRegularExpression>
#include <QSettings>
#include <QToolBar>
#include <algorithm>
#include <cmath>

#include "ui/app/window_keys.h"
#include "ui/plots/plot_panel.h"
#include "ui/plots/zoomable_plot.h"

namespace couplinglab::ui {
namespace {

const QString kZoomKey = QStringLiteral("view/zoom");
// What a widget looked like at 100 %, kept on the widget the first time it is zoomed.
const char* const kDesignedPointSize = "couplinglab.designedPointSize";
const char* const kDesignedStyleSheet = "couplinglab.designedStyleSheet";
const char* const kDesignedMinimumSize = "couplinglab.designedMinimumSize";
const char* const kDesignedIconSize = "couplinglab.designedIconSize";

// "font-size: 14pt" in a style sheet wins over setFont, so it is scaled too.
QString scaledStyleSheet(const QString& sheet, double zoom) {
    static const QRegularExpression fontSize(QStringLiteral("font-size:\\s*([0-9.]+)pt"));
    QString result;
    qsizetype last = 0;
    for (auto it = fontSize.globalMatch(sheet); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        result += sheet.mid(last, match.capturedStart() - last);
        result +=
            QStringLiteral("font-size: %1pt").arg(match.captured(1).toDouble() * zoom, 0, 'f', 1);
        last = match.capturedEnd();
    }
    return result + sheet.mid(last);
}

template <class T>
T designed(QWidget* widget, const char* key, const T& current) {
    if (!widget->property(key).isValid()) widget->setProperty(key, QVariant::fromValue(current));
    return widget->property(key).value<T>();
}

bool insidePlot(const QWidget* widget) {
    for (const QWidget* w = widget; w != nullptr; w = w->parentWidget()) {
        if (qobject_cast<const QCustomPlot*>(w) != nullptr) return true;
    }
    return false;
}

}  // namespace

ZoomController::ZoomController(QMainWindow& window, QSettings& settings)
    : QObject(&window),
      window_(window),
      settings_(settings),
      zoomIn_(new QAction(tr("Zoom &in"), &window)),
      zoomOut_(new QAction(tr("Zoom &out"), &window)),
      actualSize_(new QAction(tr("&Actual size"), &window)) {
    // Ctrl+= is what a keyboard without a numeric pad types for "Ctrl and +".
    zoomIn_->setShortcuts(
        keysWithPlatformOnes(QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn));
    zoomOut_->setShortcuts(
        keysWithPlatformOnes(QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut));
    actualSize_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    zoomIn_->setToolTip(tr("Larger text, lines and markers everywhere (Ctrl+=)"));
    zoomOut_->setToolTip(tr("Smaller text, lines and markers everywhere (Ctrl+-)"));
    actualSize_->setToolTip(tr("Back to 100 % (Ctrl+0)"));
    for (QAction* action : {zoomIn_, zoomOut_, actualSize_})
        window.addAction(action);  // the shortcuts work wherever the focus is
    connect(zoomIn_, &QAction::triggered, this, [this] {
        const auto next = std::upper_bound(kSteps.begin(), kSteps.end(), zoom_ + 1e-9);
        setZoom(next == kSteps.end() ? kMaximum : *next);
    });
    connect(zoomOut_, &QAction::triggered, this, [this] {
        const auto next = std::lower_bound(kSteps.begin(), kSteps.end(), zoom_ - 1e-9);
        setZoom(next == kSteps.begin() ? kMinimum : *std::prev(next));
    });
    connect(actualSize_, &QAction::triggered, this, [this] { setZoom(1.0); });

    // Like every stored setting: a value that is not a zoom the menu offers gives the default.
    bool ok = false;
    const double stored = settings_.value(kZoomKey).toString().toDouble(&ok);
    zoom_ = ok && stored >= kMinimum && stored <= kMaximum ? stored : 1.0;
}

void ZoomController::setZoom(double zoom, bool persist) {
    zoom = std::clamp(zoom, kMinimum, kMaximum);
    if (persist) settings_.setValue(kZoomKey, zoom);
    if (qFuzzyCompare(zoom, zoom_)) return;
    zoom_ = zoom;
    reapply();
    emit zoomChanged(zoom_);
}

void ZoomController::reapply() {
    zoomIn_->setEnabled(zoom_ < kMaximum);
    zoomOut_->setEnabled(zoom_ > kMinimum);
    QList<QWidget*> widgets = window_.findChildren<QWidget*>();
    widgets.prepend(&window_);
    // Widgets made since the last pass inherited its zoomed font: their 100 % size is that over
    // the zoom then applied. All are noted before any font changes.
    for (QWidget* widget : std::as_const(widgets)) {
        if (!widget->property(kDesignedPointSize).isValid())
            widget->setProperty(kDesignedPointSize, widget->font().pointSizeF() / appliedZoom_);
    }
    for (QWidget* widget : std::as_const(widgets))
        applyToWidget(widget);
    appliedZoom_ = zoom_;
}

void ZoomController::applyToWidget(QWidget* widget) const {
    if (auto* plot = qobject_cast<ZoomablePlot*>(widget)) {
        plot->setZoom(zoom_);
        return;
    }
    if (insidePlot(widget)) return;
    const double pointSize = widget->property(kDesignedPointSize).toDouble();
    if (pointSize > 0 && !qFuzzyCompare(widget->font().pointSizeF(), pointSize * zoom_)) {
        QFont font = widget->font();
        font.setPointSizeF(pointSize * zoom_);
        widget->setFont(font);
    }
    if (!widget->styleSheet().isEmpty() || widget->property(kDesignedStyleSheet).isValid()) {
        const QString sheet = designed(widget, kDesignedStyleSheet, widget->styleSheet());
        if (sheet.contains(QStringLiteral("font-size"))) {
            widget->setStyleSheet(scaledStyleSheet(sheet, zoom_));
        }
    }
    if (qobject_cast<PlotPanel*>(widget) != nullptr) {
        widget->setMinimumSize(designed(widget, kDesignedMinimumSize, widget->minimumSize()) *
                               zoom_);
    }
    if (auto* bar = qobject_cast<QToolBar*>(widget))
        bar->setIconSize(designed(widget, kDesignedIconSize, bar->iconSize()) * zoom_);
}

}  // namespace couplinglab::ui
