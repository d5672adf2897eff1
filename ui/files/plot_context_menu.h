#pragma once

#include <QString>
#include <functional>

class QMenu;
class QSettings;
class QWidget;

namespace couplinglab::ui {

class PlotPanel;

// The right-click menu of a plot: Export as PNG…, JPG…, PDF…, SVG…, and Copy to clipboard.
// An export asks for a file name (starting as "<folder>/<exportName>.<suffix>") and writes the
// plot at its on-screen size; PNG and JPG at the last scale chosen in the export dialog.
//
// Installed on the panel's QCustomPlot through Qt::CustomContextMenu; calling it twice for the
// same panel installs one menu. `metadata` is called at each export for the line that goes into
// the file. With `settings`, the folder and scale are those of File → Export plots… (keys
// export/folder, export/scale) and the folder of a context-menu export is remembered there.
void installPlotContextMenu(PlotPanel* panel, std::function<QString()> metadata,
                            QSettings* settings = nullptr);

// The menu that installPlotContextMenu shows, for tests: its actions are named exportPngAction,
// exportJpgAction, exportPdfAction, exportSvgAction and copyAction. The caller owns it.
QMenu* createPlotContextMenu(PlotPanel* panel, const std::function<QString()>& metadata,
                             QSettings* settings, QWidget* parent = nullptr);

}  // namespace couplinglab::ui
