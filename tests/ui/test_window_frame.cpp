// The window's frame under the offscreen platform: its minimum size and what stays inside it at
// 1024 x 768, the plot grid's columns, the status bar, zoom, full screen and presentation mode,
// each reached through its menu item or key.
#include <qcustomplot.h>
#include <QDockWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <algorithm>

#include "support/window_fixture.h"
#include "ui/app/presentation_mode.h"
#include "ui/app/run_toolbar.h"
#include "ui/app/status_field.h"
#include "ui/app/zoom_controller.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/plots/posterior_plot.h"
#include "ui/plots/time_series_plots.h"
#include "ui/plots/zoomable_plot.h"

using namespace couplinglab;
using namespace couplinglab::ui;
using namespace couplinglab::ui::testing;

namespace {

// Every font a plot draws text with, scaled to the pixels it covers on screen.
QList<double> plotTextHeights(const PlotPanel& panel) {
    auto* plot = static_cast<ZoomablePlot*>(panel.plot());
    QList<QFont> fonts;
    for (QCPAxis* axis : plot->axisRect()->axes()) {
        if (!axis->visible()) continue;
        fonts << axis->tickLabelFont() << axis->labelFont();
    }
    if (plot->legend->visible()) fonts << plot->legend->font();
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) fonts << text->font();
    }
    QList<double> heights;
    for (const QFont& font : std::as_const(fonts))
        heights << QFontInfo(font).pixelSize() * plot->zoom();
    return heights;
}

QList<double> widgetTextHeights(const QWidget& root) {
    QList<double> heights;
    for (const QWidget* widget : root.findChildren<QWidget*>()) {
        if (!widget->isVisible() || qobject_cast<const QCustomPlot*>(widget) != nullptr) continue;
        if (qobject_cast<const QCustomPlot*>(widget->parentWidget()) != nullptr) continue;
        heights << QFontInfo(widget->font()).pixelSize();
    }
    return heights;
}

// The fraction of the widget's pixel columns, in its right quarter, that hold any dark pixel:
// a plot drawn at the wrong scale would leave that quarter blank.
bool drawsIntoItsRightQuarter(QWidget* plot) {
    const QImage image = plot->grab().toImage();
    for (int x = image.width() * 3 / 4; x < image.width() - 2; ++x) {
        for (int y = 0; y < image.height(); ++y) {
            if (qGray(image.pixel(x, y)) < 100) return true;
        }
    }
    return false;
}

}  // namespace

class TestWindowFrame : public QObject {
    Q_OBJECT
  private slots:
    // ---- Fitting the screen --------------------------------------------------------------------

    // A first start opens within the screen; so does one after the window was left larger than
    // this screen (on a larger monitor).
    void opensWithinTheScreensAvailableArea() {
        Fixture f;
        const QRect available = f.window->screen()->availableGeometry();
        QVERIFY2(available.contains(f.window->frameGeometry()),
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(f.window->frameGeometry().width())
                                .arg(f.window->frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
        f.window->resize(available.width() + 900, available.height() + 500);
        QTRY_VERIFY(f.window->width() > available.width());
        f.window->close();
        f.open();
        QVERIFY(available.contains(f.window->frameGeometry()));
    }

    void minimumWidthIsAtMost1000() {
        Fixture f;

        QVERIFY2(f.window->minimumSizeHint().width() <= 1000,
                 qPrintable(QString::number(f.window->minimumSizeHint().width())));
        QVERIFY(f.window->minimumSize().width() <= 1000);
        f.window->resize(900, 700);
        QTRY_VERIFY(f.window->width() <= 1000);
    }

    void at1024x768EveryDockToolBarAndStatusFieldIsInsideTheWindow() {
        Fixture f;
        f.window->resize(1024, 768);
        QTRY_COMPARE(f.window->size(), QSize(1024, 768));
        QTest::qWait(50);
        const QRect inside = f.window->rect();
        QList<QWidget*> parts;
        for (QDockWidget* dock : f.window->findChildren<QDockWidget*>())
            parts << dock;
        for (QToolBar* bar : f.window->findChildren<QToolBar*>())
            parts << bar;
        for (StatusField* field : f.window->findChildren<StatusField*>())
            parts << field;
        parts << f.window->runToolBar()->startPauseButton() << f.window->plotGrid();
        int checked = 0;
        for (QWidget* part : std::as_const(parts)) {
            if (!part->isVisible()) continue;
            // A dock behind another's tab is not shown; the tab in front is checked.
            auto* dock = qobject_cast<QDockWidget*>(part);
            if (dock != nullptr && part->visibleRegion().isEmpty() &&
                !f.window->tabifiedDockWidgets(dock).isEmpty())
                continue;
            const QRect where(part->mapTo(f.window.get(), QPoint(0, 0)), part->size());
            const QRect visible = part == f.window->plotGrid()
                                      ? QRect(where.topLeft(), QSize(where.width(), 1))
                                      : where;
            QVERIFY2(inside.contains(visible), qPrintable(QStringLiteral("%1 at %2,%3 %4x%5")
                                                              .arg(part->objectName())
                                                              .arg(where.x())
                                                              .arg(where.y())
                                                              .arg(where.width())
                                                              .arg(where.height())));
            ++checked;
        }
        QVERIFY(checked >= 6);
        // The most important status fields are still there.
        QVERIFY(f.window->statusBar()->findChildren<StatusField*>().size() == 5);
    }

    // A narrow window keeps the status bar's most important fields and leaves out the rest,
    // rather than growing wider than the screen.
    void narrowStatusBarKeepsConvergenceAndDivergences() {
        Fixture f;
        f.window->resize(1800, 900);
        const auto shown = [&f] {
            QStringList names;
            for (StatusField* field : f.window->statusBar()->findChildren<StatusField*>()) {
                if (field->isVisible()) names << field->text().section(' ', 0, 0);
            }
            return names;
        };
        QTRY_COMPARE(shown().size(), qsizetype{5});
        f.window->resize(640, 700);
        QTRY_VERIFY(shown().size() < 5);
        QVERIFY2(shown().contains(QStringLiteral("R-hat")), qPrintable(shown().join(',')));
        QVERIFY2(shown().contains(QStringLiteral("Divergences:")), qPrintable(shown().join(',')));
        QTest::qWait(50);  // the row lays out what it shows
        for (StatusField* field : f.window->statusBar()->findChildren<StatusField*>()) {
            if (!field->isVisible()) continue;
            const QRect where(field->mapTo(f.window.get(), QPoint(0, 0)), field->size());
            QWidget* row = field->parentWidget();
            QVERIFY2(f.window->rect().contains(where),
                     qPrintable(QStringLiteral("%1: %2+%3 in %4; row %5+%6")
                                    .arg(field->text())
                                    .arg(where.x())
                                    .arg(where.width())
                                    .arg(f.window->width())
                                    .arg(row->mapTo(f.window.get(), QPoint(0, 0)).x())
                                    .arg(row->width())));
        }
        QCOMPARE(f.window->width(), 640);
    }

    // The grid follows the room the window leaves it: two columns on a wide window, one (to be
    // scrolled through) when the docks leave it less than two panels' width.
    void plotGridReflowsToOneColumnWhenNarrow() {
        Fixture f;
        PlotGrid* grid = f.window->plotGrid();
        f.window->resize(1800, 1000);
        QTRY_COMPARE(grid->columnCount(), 2);
        f.window->resize(800, 768);
        QTRY_COMPARE(grid->columnCount(), 1);
        QVERIFY(grid->width() <= f.window->width());
        f.window->resize(1800, 1000);
        QTRY_COMPARE(grid->columnCount(), 2);
    }

    // ---- Zoom ----------------------------------------------------------------------------------

    void zoomKeysScalePlotTextAndControls() {
        Fixture f;
        ZoomController* zoom = f.window->zoomController();
        QCOMPARE(zoom->zoom(), 1.0);
        auto* spin = f.find<QWidget>("pairsSpin");
        PlotPanel* trace = f.window->plotGrid()->tracePlot();
        const double controlBefore = spin->font().pointSizeF();
        const double plotBefore = plotTextHeights(*trace).first();

        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(zoom->zoom(), 1.25);
        QCOMPARE(spin->font().pointSizeF(), controlBefore * 1.25);
        QCOMPARE(plotTextHeights(*trace).first(), plotBefore * 1.25);
        QVERIFY(trace->minimumWidth() >= 280 * 1.25);

        QTest::keyClick(f.window.get(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(zoom->zoom(), 1.1);
        QTest::keyClick(f.window.get(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(zoom->zoom(), 1.0);
        QCOMPARE(spin->font().pointSizeF(), controlBefore);
        QCOMPARE(plotTextHeights(*trace).first(), plotBefore);
    }

    void zoomStopsAt75And300Percent() {
        Fixture f;
        for (int i = 0; i < 20; ++i)
            menuItem(*f.window, "View", "Zoom in")->trigger();
        QCOMPARE(f.window->zoomController()->zoom(), 3.0);
        QVERIFY(!f.window->zoomController()->zoomInAction()->isEnabled());
        for (int i = 0; i < 20; ++i)
            menuItem(*f.window, "View", "Zoom out")->trigger();
        QCOMPARE(f.window->zoomController()->zoom(), 0.75);
        menuItem(*f.window, "View", "Actual size")->trigger();
        QCOMPARE(f.window->zoomController()->zoom(), 1.0);
    }

    // However large the zoom, the window can still be as narrow as a projector's screen: the
    // plots and, beyond a third of the screen, the controls scroll.
    void atEveryZoomTheWindowCanBeAtMost1000Wide() {
        Fixture f;
        for (int i = 0; i < 12; ++i) {
            QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
            QVERIFY2(f.window->minimumSizeHint().width() <= 1000,
                     qPrintable(QStringLiteral("%1 px at %2")
                                    .arg(f.window->minimumSizeHint().width())
                                    .arg(f.window->zoomController()->zoom())));
        }
        QCOMPARE(f.window->zoomController()->zoom(), ZoomController::kMaximum);
    }

    // The plot is laid out on its size over the zoom and painted over the whole widget.
    void zoomedPlotFillsItsWidget() {
        Fixture f;
        f.window->resize(1600, 1000);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.window->zoomController()->zoom(), 1.5);
        auto* plot = static_cast<ZoomablePlot*>(f.window->plotGrid()->posteriorPlot()->plot());
        QTRY_VERIFY(plot->viewport().width() > 0);
        QCOMPARE(plot->viewport().width(), qRound(plot->width() / 1.5));
        plot->replot();
        QVERIFY(drawsIntoItsRightQuarter(plot));
    }

    // Mouse positions reach the plot in its own (zoomed-out) coordinates, so a drag or a double
    // click lands where the user sees it.
    void zoomedPlotReceivesMousePositionsInItsCoordinates() {
        Fixture f;
        for (int i = 0; i < 5; ++i)  // 100 % → 200 %
            QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.window->zoomController()->zoom(), 2.0);
        QCustomPlot* plot = f.window->plotGrid()->tracePlot()->plot();
        QPointF received(-1, -1);
        connect(plot, &QCustomPlot::mousePress, this,
                [&received](QMouseEvent* event) { received = event->position(); });
        const QPoint at(plot->width() / 2, plot->height() / 2);
        QTest::mousePress(plot, Qt::LeftButton, {}, at);
        QTest::mouseRelease(plot, Qt::LeftButton, {}, at);
        QCOMPARE(received, QPointF(at) / 2.0);
        const QRect axes = plot->axisRect()->rect();
        QVERIFY(axes.right() <= plot->viewport().right());
        QVERIFY(axes.right() * 2 > plot->width() / 2);  // the axes span the widget, not a quarter
    }

    void zoomPersistsInANewWindow() {
        Fixture f;
        const double pointSize = f.find<QWidget>("pairsSpin")->font().pointSizeF();
        QTest::keyClick(f.window.get(), Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(f.window->zoomController()->zoom(), 1.1);
        f.window->close();
        f.open();
        QCOMPARE(f.window->zoomController()->zoom(), 1.1);
        QCOMPARE(f.find<QWidget>("pairsSpin")->font().pointSizeF(), pointSize * 1.1);
    }

    void storedZoomOutsideTheMenusRangeGivesActualSize_data() {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<double>("zoom");
        QTest::newRow("in range") << "1.5" << 1.5;
        QTest::newRow("smallest") << "0.75" << 0.75;
        QTest::newRow("largest") << "3" << 3.0;
        QTest::newRow("too small") << "0.5" << 1.0;
        QTest::newRow("too large") << "10" << 1.0;
        QTest::newRow("not a number") << "large" << 1.0;
        QTest::newRow("nan") << "nan" << 1.0;
        QTest::newRow("empty") << "" << 1.0;
    }
    void storedZoomOutsideTheMenusRangeGivesActualSize() {
        QFETCH(QString, stored);
        QFETCH(double, zoom);
        Fixture f;
        f.window->close();
        f.settings.setValue("view/zoom", stored);
        f.open();
        QCOMPARE(f.window->zoomController()->zoom(), zoom);
    }

    // ---- Full screen and presentation mode -----------------------------------------------------

    void f11AndTheViewMenuToggleFullScreen() {
        Fixture f;
        QVERIFY(!f.window->isFullScreen());
        QTest::keyClick(f.window.get(), Qt::Key_F11);
        QTRY_VERIFY(f.window->isFullScreen());
        QTest::keyClick(f.window.get(), Qt::Key_F11);
        QTRY_VERIFY(!f.window->isFullScreen());
        menuItem(*f.window, "View", "Full screen")->trigger();
        QTRY_VERIFY(f.window->isFullScreen());
        menuItem(*f.window, "View", "Full screen")->trigger();
        QTRY_VERIFY(!f.window->isFullScreen());
    }

    // A 768-pixel projector gets the smallest zoom that keeps text at 16 px, so that the plots
    // keep room; taller screens more, up to 1.75 from 960 pixels on.
    void presentationZoomGrowsWithTheScreensHeight_data() {
        QTest::addColumn<int>("height");
        QTest::addColumn<double>("zoom");
        QTest::newRow("600") << 600 << 1.4;
        QTest::newRow("768, a 1024 × 768 projector") << 768 << 1.4;
        QTest::newRow("864, halfway") << 864 << 1.575;
        QTest::newRow("960") << 960 << 1.75;
        QTest::newRow("1080") << 1080 << 1.75;
    }
    void presentationZoomGrowsWithTheScreensHeight() {
        QFETCH(int, height);
        QFETCH(double, zoom);
        QVERIFY2(std::abs(PresentationMode::zoomForScreenHeight(height) - zoom) < 1e-12,
                 qPrintable(QString::number(PresentationMode::zoomForScreenHeight(height))));
    }

    void f5PresentsAndEscapeLeaves() {
        Fixture f;
        const double zoomBefore = f.window->zoomController()->zoom();
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->presentationMode()->isActive());
        QTRY_VERIFY(f.window->isFullScreen());
        QCOMPARE(f.window->zoomController()->zoom(),
                 PresentationMode::zoomForScreenHeight(f.window->screen()->geometry().height()));
        QVERIFY(!f.window->controlsDock()->isVisible());
        QVERIFY(f.window->explanationDock()->isVisible());
        QCOMPARE(f.window->dockWidgetArea(f.window->explanationDock()), Qt::RightDockWidgetArea);
        QVERIFY(f.window->runToolBar()->isVisible());

        QTest::keyClick(f.window.get(), Qt::Key_Escape);
        QVERIFY(!f.window->presentationMode()->isActive());
        QTRY_VERIFY(!f.window->isFullScreen());
        QCOMPARE(f.window->zoomController()->zoom(), zoomBefore);
        QVERIFY(f.window->controlsDock()->isVisible());

        menuItem(*f.window, "View", "Presentation mode")->trigger();
        QVERIFY(f.window->presentationMode()->isActive());
        menuItem(*f.window, "View", "Presentation mode")->trigger();
        QVERIFY(!f.window->presentationMode()->isActive());
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->presentationMode()->isActive());
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(!f.window->presentationMode()->isActive());
        // The presentation's zoom is not what the next start opens with.
        QCOMPARE(f.settings.value("view/zoom", 1.0).toDouble(), zoomBefore);
    }

    void closingWhilePresentingKeepsTheLayoutFromBefore() {
        Fixture f;
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(!f.window->controlsDock()->isVisible());
        f.window->close();
        f.open();
        QVERIFY(!f.window->presentationMode()->isActive());
        QVERIFY(f.window->controlsDock()->isVisible());
        QVERIFY(!f.window->isFullScreen());
        QCOMPARE(f.window->zoomController()->zoom(), 1.0);
    }

    // The done-when of the classroom issue: presented on 1024 × 768, the smallest text of the
    // plots, the tool bar, the status bar and the explanation is at least 16 px high (the
    // font's pixel size, its em, which is larger than the height of its capitals).
    void presentedAt1024x768TheSmallestTextIsAtLeast16Pixels() {
        Fixture f;
        f.window->resize(1024, 768);
        QTest::keyClick(f.window.get(), Qt::Key_Space);
        QTRY_VERIFY(f.controller().history().iterations() > 10);
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->presentationMode()->isActive());
        QTest::qWait(100);
        f.window->refreshNow();
        QList<double> heights;
        for (PlotPanel* panel : f.window->plotGrid()->panels())
            heights << plotTextHeights(*panel);
        heights << widgetTextHeights(*f.window->runToolBar())
                << widgetTextHeights(*f.window->statusBar())
                << widgetTextHeights(*f.window->explanationDock());
        QVERIFY(heights.size() > 20);
        const double smallest = *std::min_element(heights.begin(), heights.end());
        qInfo("smallest text in presentation mode: %.1f px (of %lld texts)", smallest,
              static_cast<long long>(heights.size()));
        QVERIFY2(smallest >= 16.0, qPrintable(QString::number(smallest)));
    }
};

QTEST_MAIN(TestWindowFrame)
#include "test_window_frame.moc"
