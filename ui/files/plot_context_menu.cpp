#include "ui/files/plot_context_menu.h"

#include <qcustomplot.h>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include "ui/files/plot_exporter.h"
#include "ui/plots/plot_panel.h"

namespace couplinglab::ui {
namespace {

const char* const kInstalledProperty = "couplinglabContextMenu";
const QString kFolderKey = QStringLiteral("export/folder");
const QString kScaleKey = QStringLiteral("export/scale");

QString startFolder(const QSettings* settings) {
    QString folder = settings != nullptr ? settings->value(kFolderKey).toString() : QString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    }
    return folder.isEmpty() ? QDir::homePath() : folder;
}

double lastScale(const QSettings* settings) {
    if (settings == nullptr) return 1.0;
    bool ok = false;
    const double scale = settings->value(kScaleKey).toDouble(&ok);
    return ok && scale >= kMinExportScale && scale <= kMaxExportScale ? scale : 1.0;
}

void exportAs(PlotPanel* panel, ExportFormat format, const std::function<QString()>& metadata,
              QSettings* settings) {
    const QString suggested = QDir(startFolder(settings)).filePath(plotFileName(*panel, format));
    const QString filter =
        QObject::tr("%1 files (*.%2)").arg(formatName(format), formatSuffix(format));
    QString path = QFileDialog::getSaveFileName(
        panel->window(), QObject::tr("Export “%1” as %2").arg(panel->title(), formatName(format)),
        suggested, filter);
    if (path.isEmpty()) return;  // cancelled: nothing is written
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + formatSuffix(format);

    ExportOptions options;
    options.format = format;
    options.scale = isVectorFormat(format) ? 1.0 : lastScale(settings);
    try {
        exportPlot(*panel, path, options, metadata ? metadata() : QString());
        if (settings != nullptr) settings->setValue(kFolderKey, QFileInfo(path).absolutePath());
    } catch (const std::exception& error) {
        QMessageBox::warning(panel->window(), QObject::tr("Export failed"),
                             QString::fromStdString(error.what()));
    }
}

}  // namespace

QMenu* createPlotContextMenu(PlotPanel* panel, const std::function<QString()>& metadata,
                             QSettings* settings, QWidget* parent) {
    auto* menu = new QMenu(parent);
    for (const ExportFormat format : kExportFormats) {
        QAction* action = menu->addAction(
            QObject::tr("Export as %1…").arg(formatName(format)), panel,
            [panel, format, metadata, settings] { exportAs(panel, format, metadata, settings); });
        action->setObjectName(QStringLiteral("export%1Action")
                                  .arg(formatName(format).left(1) + formatSuffix(format).mid(1)));
    }
    menu->addSeparator();
    QAction* copy = menu->addAction(QObject::tr("Copy to clipboard"), panel, [panel] {
        try {
            copyToClipboard(*panel);
        } catch (const std::exception& error) {
            QMessageBox::warning(panel->window(), QObject::tr("Copy failed"),
                                 QString::fromStdString(error.what()));
        }
    });
    copy->setObjectName(QStringLiteral("copyAction"));
    return menu;
}

void installPlotContextMenu(PlotPanel* panel, std::function<QString()> metadata,
                            QSettings* settings) {
    QCustomPlot* plot = panel->plot();
    if (plot->property(kInstalledProperty).toBool()) return;
    plot->setProperty(kInstalledProperty, true);
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, panel,
                     [panel, plot, metadata = std::move(metadata), settings](const QPoint& pos) {
                         QMenu* menu = createPlotContextMenu(panel, metadata, settings, plot);
                         menu->setAttribute(Qt::WA_DeleteOnClose);
                         menu->popup(plot->mapToGlobal(pos));
                     });
}

}  // namespace couplinglab::ui
