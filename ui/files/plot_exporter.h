#pragma once

// One exporter for every plot and every format, used by the window (context menus, File →
// Export plots…) and by couplinglab-cli --plots.
//
// A plot is rendered, never screenshotted: its QCustomPlot is laid out and drawn again at the
// size asked for, so that PlotPanel fits its words to that size (short axis labels, no
// explanation line in a short plot) exactly as it does on screen.
//
//  - PNG, JPG: an image of size × scale pixels; the plot is laid out at `size` and drawn scaled,
//    so 2× gives the same figure with twice the pixels (for projectors). The run's settings go
//    into the image's text ("Title", "Description", "Software"): PNG text chunks, JPEG comments.
//  - PDF: one page of size.width() × size.height() points, vector, text as text; the page's
//    Title is "<plot title>: <metadata>", its Creator the application's name and version.
//  - SVG: viewBox "0 0 W H", vector, text as <text>; <title> is the plot's title and <desc>
//    the metadata. `scale` plays no part in PDF and SVG.
//
// Text is measured at the screen's logical DPI (the one QFontMetrics uses when PlotPanel fits
// its words), whatever the device: a plot exported at its on-screen size looks like the screen.
//
// Every file is rendered in memory first and then written through QSaveFile, so a failure (an
// unwritable folder, a full disk) leaves no file behind and an old file of the same name intact.
// All functions must be called on the GUI thread.

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <stdexcept>
#include <utility>

class QCPPainter;

namespace couplinglab::ui {

class PlotPanel;

enum class ExportFormat { Png, Jpg, Pdf, Svg };
inline constexpr std::array<ExportFormat, 4> kExportFormats{ExportFormat::Png, ExportFormat::Jpg,
                                                            ExportFormat::Pdf, ExportFormat::Svg};

QString formatSuffix(ExportFormat format);  // "png", "jpg", "pdf", "svg"
QString formatName(ExportFormat format);    // "PNG", "JPG", "PDF", "SVG"
bool isVectorFormat(ExportFormat format);   // PDF and SVG
// "png", "jpg" (or "jpeg"), "pdf", "svg", in any case; nullopt for anything else.
std::optional<ExportFormat> exportFormatFromName(const QString& name);

// Limits of an export, shared by the dialog and the CLI.
inline constexpr int kMinExportSide = 50;
inline constexpr int kMaxExportSide = 10'000;
inline constexpr double kMinExportScale = 0.25;
inline constexpr double kMaxExportScale = 4.0;
inline constexpr qint64 kMaxExportPixels = 100'000'000;  // 400 MB as 32-bit pixels
inline constexpr QSize kDefaultExportSize{1200, 800};

struct ExportOptions {
    ExportFormat format = ExportFormat::Png;
    // In logical pixels (points in a PDF, user units in an SVG). Empty: the plot's size on
    // screen (kDefaultExportSize for a plot that is not laid out).
    QSize size;
    // PNG and JPG only: the image has size × scale pixels.
    double scale = 1.0;
    bool operator==(const ExportOptions&) const = default;
};

// nullopt when a plot can be exported with these options, else the problem in words.
std::optional<QString> validate(const ExportOptions& options);

// A failed export. The message names the file and the reason.
class ExportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// "trace.png" for the trace plot in PNG: PlotPanel::exportName() plus the format's suffix.
QString plotFileName(const PlotPanel& panel, ExportFormat format);
// Stem of the composite figure of the whole grid: "plot-grid".
QString compositeFileStem();

// A panel and where it goes in a composite figure, in the figure's logical pixels.
struct CompositeCell {
    PlotPanel* panel = nullptr;
    QRect rect;
};

// Cells that place `panels` in a figure of `figureSize` as they are placed on screen (their
// geometry relative to their window, stretched to the figure). Panels that are not laid out
// (hidden, or overlapping) are placed in a plain grid of columns instead.
QList<CompositeCell> compositeCells(const QList<PlotPanel*>& panels, QSize figureSize);
// The bounding size of the panels on screen, or an empty size when they are not laid out.
QSize onScreenGridSize(const QList<PlotPanel*>& panels);

// The file's bytes. Throws ExportError for invalid options or when rendering fails.
QByteArray renderPlot(PlotPanel& panel, const ExportOptions& options, const QString& metadata);
// One figure with every cell's panel drawn at its cell's size (vector for PDF and SVG);
// `title` goes into the file's metadata.
QByteArray renderComposite(const QList<CompositeCell>& cells, QSize figureSize,
                           const ExportOptions& options, const QString& title,
                           const QString& metadata);
// "Coupling Lab 0.9.0": the creator written into every exported file's metadata.
QString softwareName();
// Draws every cell's panel at its cell's place and size with `painter` (which a PDF, an SVG or
// an image may hold), as the composite figures do; the lesson handout draws its pages so.
void paintCells(QCPPainter& painter, const QList<CompositeCell>& cells);
// The plot as an image of size × scale pixels, as written to a PNG (without metadata).
QImage renderImage(PlotPanel& panel, QSize size, double scale);
// The cells drawn as one image of figureSize × scale pixels, as a composite PNG has them.
QImage renderCompositeImage(const QList<CompositeCell>& cells, QSize figureSize, double scale);

// Render, then write through QSaveFile. Throw ExportError naming `path` and the reason; no file
// is left behind on failure.
void exportPlot(PlotPanel& panel, const QString& path, const ExportOptions& options,
                const QString& metadata);
// The whole grid in one figure; an empty options.size means the panels' on-screen extent.
void exportComposite(const QList<PlotPanel*>& panels, const QString& path,
                     const ExportOptions& options, const QString& metadata);

// Writes `content` to `path` through QSaveFile: all of it or, on failure, nothing (an existing
// file keeps its old content). Throws ExportError "cannot write 'PATH': REASON".
void writeFileSafely(const QString& path, const QByteArray& content);

// Writes several files as one: each into a temporary file beside it first, and only when all
// of them are written are they renamed into place. An unwritable folder or a full disk thus
// leaves every file, old or new, as it was; ExportError names the first file that failed.
// Returns the paths written.
QStringList writeFilesSafely(const QList<std::pair<QString, QByteArray>>& files);

// Puts the plot on the clipboard as an image at its on-screen size and the screen's pixel
// ratio, with an SVG rendition beside it for applications that take vector graphics.
void copyToClipboard(PlotPanel& panel);

}  // namespace couplinglab::ui
