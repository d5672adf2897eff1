#include "ui/files/plot_exporter.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QClipboard>
#include <QCoreApplication>
#include <QFile>
#include <QFont>
#include <QGuiApplication>
#include <QImageWriter>
#include <QMimeData>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "core/output_target.h"
#include "ui/files/file_error.h"
#include "ui/files/svg_fonts.h"
#include "ui/plots/plot_panel.h"

namespace couplinglab::ui {
namespace {

constexpr int kJpegQuality = 92;
constexpr const char* kSvgTitlePlaceholder = "@COUPLINGLAB-SVG-TITLE@";
constexpr const char* kSvgDescriptionPlaceholder = "@COUPLINGLAB-SVG-DESCRIPTION@";
constexpr int kFallbackSpacing = 6;  // between cells of a composite of panels not laid out

QString cannotWrite(const QString& path, const QString& reason) {
    return QStringLiteral("cannot write '%1': %2").arg(path, reason);
}

// The DPI at which QFontMetrics measures text when a PlotPanel fits its words: the screen's
// logical DPI (96 offscreen). A fresh QImage carries it, so every device is given the same.
int textDpi() {
    static const int dpi = QImage(1, 1, QImage::Format_ARGB32).logicalDpiY();
    return dpi;
}

QSize resolvedSize(const PlotPanel& panel, QSize requested) {
    if (requested.isValid()) return requested;
    const QSize onScreen = panel.plot()->size();
    return onScreen.width() >= kMinExportSide && onScreen.height() >= kMinExportSide
               ? onScreen
               : kDefaultExportSize;
}

void checkOptions(const ExportOptions& options) {
    if (auto problem = validate(options)) throw ExportError(problem->toStdString());
}

}  // namespace

QString softwareName() {
    const QString version = QCoreApplication::applicationVersion();
    return version.isEmpty() ? QStringLiteral("Coupling Lab")
                             : QStringLiteral("Coupling Lab %1").arg(version);
}

// Draws each cell's plot at its cell's size, laid out for that size. Afterwards every plot is
// asked to replot, so that on screen it is laid out for its own size again.
void paintCells(QCPPainter& painter, const QList<CompositeCell>& cells) {
    for (const CompositeCell& cell : cells) {
        if (cell.panel == nullptr || cell.rect.isEmpty()) continue;
        painter.save();
        painter.translate(cell.rect.topLeft());
        cell.panel->plot()->toPainter(&painter, cell.rect.width(), cell.rect.height());
        painter.restore();
    }
    for (const CompositeCell& cell : cells) {
        if (cell.panel != nullptr) cell.panel->plot()->replot(QCustomPlot::rpQueuedReplot);
    }
}

namespace {

QImage rasterize(const QList<CompositeCell>& cells, QSize figure, double scale) {
    const QSize pixels(static_cast<int>(std::lround(figure.width() * scale)),
                       static_cast<int>(std::lround(figure.height() * scale)));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        throw ExportError(QStringLiteral("not enough memory for an image of %1 × %2 pixels")
                              .arg(pixels.width())
                              .arg(pixels.height())
                              .toStdString());
    }
    image.fill(Qt::white);
    QCPPainter painter;
    if (!painter.begin(&image)) throw ExportError("cannot paint into an image");
    painter.setMode(QCPPainter::pmNoCaching);
    // As QCustomPlot's own toPixmap: scaled up, hairlines scale too; scaled down they stay one
    // pixel wide rather than vanish.
    if (scale > 1.0) painter.setMode(QCPPainter::pmNonCosmetic);
    painter.scale(scale, scale);
    paintCells(painter, cells);
    painter.end();
    return image;
}

QByteArray encodeImage(QImage image, ExportFormat format, double scale, const QString& title,
                       const QString& metadata) {
    // Physical size as on a 96 dpi screen: 2× is the same figure with twice the pixels.
    const int dotsPerMeter = static_cast<int>(std::lround(96.0 * scale / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    if (format == ExportFormat::Jpg) image = image.convertToFormat(QImage::Format_RGB32);
    image.setText(QStringLiteral("Title"), title);
    image.setText(QStringLiteral("Description"), metadata);
    image.setText(QStringLiteral("Software"), softwareName());

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format == ExportFormat::Jpg ? "jpg" : "png");
    if (format == ExportFormat::Jpg) writer.setQuality(kJpegQuality);
    if (!writer.write(image)) {
        throw ExportError(
            QStringLiteral("cannot encode the image: %1").arg(writer.errorString()).toStdString());
    }
    return bytes;
}

QByteArray renderPdf(const QList<CompositeCell>& cells, QSize figure, const QString& title,
                     const QString& metadata) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setCreator(softwareName());
        writer.setTitle(metadata.isEmpty() ? title : title + QStringLiteral(": ") + metadata);
        writer.setResolution(textDpi());
        // One logical pixel is one point, as in QCustomPlot's savePdf.
        const QPageSize page(QSizeF(figure), QPageSize::Point, QString(), QPageSize::ExactMatch);
        QPageLayout layout(page, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0));
        layout.setMode(QPageLayout::FullPageMode);
        if (!writer.setPageLayout(layout)) throw ExportError("cannot set the PDF page size");
        QCPPainter painter;
        if (!painter.begin(&writer)) throw ExportError("cannot start the PDF");
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        painter.setWindow(QRect(QPoint(0, 0), figure));
        painter.fillRect(QRect(QPoint(0, 0), figure), Qt::white);
        paintCells(painter, cells);
        painter.end();
    }
    return bytes;
}

QByteArray renderSvg(const QList<CompositeCell>& cells, QSize figure, const QString& title,
                     const QString& metadata) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(figure);
    generator.setViewBox(QRect(QPoint(0, 0), figure));
    generator.setResolution(textDpi());
    // Qt 6.4 writes title and description into the XML unescaped (a '&' or '<' in them would
    // break the file); placeholders are replaced by the escaped texts below.
    generator.setTitle(QLatin1String(kSvgTitlePlaceholder));
    generator.setDescription(QLatin1String(kSvgDescriptionPlaceholder));
    QCPPainter painter;
    if (!painter.begin(&generator)) throw ExportError("cannot start the SVG");
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.fillRect(QRect(QPoint(0, 0), figure), Qt::white);
    paintCells(painter, cells);
    painter.end();
    QByteArray svg = portableFontFamilies(bytes);
    svg.replace(kSvgTitlePlaceholder, title.toHtmlEscaped().toUtf8());
    svg.replace(kSvgDescriptionPlaceholder, metadata.toHtmlEscaped().toUtf8());
    return svg;
}

QByteArray render(const QList<CompositeCell>& cells, QSize figure, const ExportOptions& options,
                  const QString& title, const QString& metadata) {
    ExportOptions resolved = options;
    resolved.size = figure;
    checkOptions(resolved);
    switch (options.format) {
        case ExportFormat::Png:
        case ExportFormat::Jpg:
            return encodeImage(rasterize(cells, figure, options.scale), options.format,
                               options.scale, title, metadata);
        case ExportFormat::Pdf:
            return renderPdf(cells, figure, title, metadata);
        case ExportFormat::Svg:
            return renderSvg(cells, figure, title, metadata);
    }
    throw ExportError("unknown export format");
}

// Where each panel sits on screen, relative to its window; empty when not laid out.
QList<QRect> onScreenRects(const QList<PlotPanel*>& panels) {
    QList<QRect> rects;
    for (const PlotPanel* panel : panels) {
        if (panel == nullptr || !panel->isVisible() || panel->width() < kMinExportSide ||
            panel->height() < kMinExportSide) {
            return {};
        }
        rects.append(QRect(panel->mapTo(panel->window(), QPoint(0, 0)), panel->size()));
    }
    for (qsizetype i = 0; i < rects.size(); ++i) {
        for (qsizetype j = i + 1; j < rects.size(); ++j) {
            if (rects[i].intersects(rects[j])) return {};
        }
    }
    return rects;
}

QRect boundingRect(const QList<QRect>& rects) {
    QRect bounds;
    for (const QRect& rect : rects)
        bounds = bounds.united(rect);
    return bounds;
}

}  // namespace

QString formatSuffix(ExportFormat format) {
    switch (format) {
        case ExportFormat::Png:
            return QStringLiteral("png");
        case ExportFormat::Jpg:
            return QStringLiteral("jpg");
        case ExportFormat::Pdf:
            return QStringLiteral("pdf");
        case ExportFormat::Svg:
            return QStringLiteral("svg");
    }
    return {};
}

QString formatName(ExportFormat format) {
    return formatSuffix(format).toUpper();
}

bool isVectorFormat(ExportFormat format) {
    return format == ExportFormat::Pdf || format == ExportFormat::Svg;
}

std::optional<ExportFormat> exportFormatFromName(const QString& name) {
    const QString lower = name.toLower();
    if (lower == QLatin1String("jpeg")) return ExportFormat::Jpg;
    for (const ExportFormat format : kExportFormats) {
        if (lower == formatSuffix(format)) return format;
    }
    return std::nullopt;
}

std::optional<QString> validate(const ExportOptions& options) {
    if (options.size.isValid()) {
        const QSize size = options.size;
        if (size.width() < kMinExportSide || size.width() > kMaxExportSide ||
            size.height() < kMinExportSide || size.height() > kMaxExportSide) {
            return QStringLiteral("the size %1 × %2 is outside %3 to %4 pixels a side")
                .arg(size.width())
                .arg(size.height())
                .arg(kMinExportSide)
                .arg(kMaxExportSide);
        }
    }
    if (!std::isfinite(options.scale) || options.scale < kMinExportScale ||
        options.scale > kMaxExportScale) {
        return QStringLiteral("the scale %1 is outside %2 to %3")
            .arg(options.scale)
            .arg(kMinExportScale)
            .arg(kMaxExportScale);
    }
    if (!isVectorFormat(options.format) && options.size.isValid()) {
        const double pixels =
            options.size.width() * options.scale * options.size.height() * options.scale;
        if (pixels > static_cast<double>(kMaxExportPixels)) {
            return QStringLiteral(
                       "%1 × %2 at %3× makes an image of more than %4 million pixels; choose a "
                       "smaller size or scale")
                .arg(options.size.width())
                .arg(options.size.height())
                .arg(options.scale)
                .arg(kMaxExportPixels / 1'000'000);
        }
    }
    return std::nullopt;
}

QString plotFileName(const PlotPanel& panel, ExportFormat format) {
    return panel.exportName() + QLatin1Char('.') + formatSuffix(format);
}

QString compositeFileStem() {
    return QStringLiteral("plot-grid");
}

QSize onScreenGridSize(const QList<PlotPanel*>& panels) {
    return boundingRect(onScreenRects(panels)).size();
}

QList<CompositeCell> compositeCells(const QList<PlotPanel*>& panels, QSize figureSize) {
    QList<CompositeCell> cells;
    if (panels.isEmpty() || figureSize.isEmpty()) return cells;
    const QList<QRect> rects = onScreenRects(panels);
    if (!rects.isEmpty()) {
        // Stretched edge by edge, so that cells that touch on screen touch in the figure.
        const QRect bounds = boundingRect(rects);
        const double sx = static_cast<double>(figureSize.width()) / bounds.width();
        const double sy = static_cast<double>(figureSize.height()) / bounds.height();
        for (qsizetype i = 0; i < panels.size(); ++i) {
            const QRect& r = rects[i];
            const auto x = [&](int edge) {
                return static_cast<int>(std::lround((edge - bounds.left()) * sx));
            };
            const auto y = [&](int edge) {
                return static_cast<int>(std::lround((edge - bounds.top()) * sy));
            };
            cells.append({panels[i],
                          QRect(QPoint(x(r.left()), y(r.top())),
                                QPoint(x(r.left() + r.width()) - 1, y(r.top() + r.height()) - 1))});
        }
        return cells;
    }
    const auto count = static_cast<int>(panels.size());
    const int columns = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
    const int rows = (count + columns - 1) / columns;
    const int cellWidth = (figureSize.width() - (columns - 1) * kFallbackSpacing) / columns;
    const int cellHeight = (figureSize.height() - (rows - 1) * kFallbackSpacing) / rows;
    for (int i = 0; i < count; ++i) {
        const int column = i % columns;
        const int row = i / columns;
        cells.append(
            {panels[i], QRect(column * (cellWidth + kFallbackSpacing),
                              row * (cellHeight + kFallbackSpacing), cellWidth, cellHeight)});
    }
    return cells;
}

// Exports show the designed look even while the window draws fast, plain live plots: the
// panels are switched to it for the export and back afterwards.
class DesignedRendering {
  public:
    explicit DesignedRendering(const QList<CompositeCell>& cells) {
        for (const CompositeCell& cell : cells) {
            if (cell.panel != nullptr && cell.panel->liveRendering()) {
                cell.panel->setLiveRendering(false);
                live_.append(cell.panel);
            }
        }
    }
    ~DesignedRendering() {
        for (PlotPanel* panel : live_)
            panel->setLiveRendering(true);
    }
    DesignedRendering(const DesignedRendering&) = delete;
    DesignedRendering& operator=(const DesignedRendering&) = delete;

  private:
    QList<PlotPanel*> live_;
};

QByteArray renderPlot(PlotPanel& panel, const ExportOptions& options, const QString& metadata) {
    const QSize size = resolvedSize(panel, options.size);
    const QList<CompositeCell> cells{{&panel, QRect(QPoint(0, 0), size)}};
    const DesignedRendering designed(cells);
    return render(cells, size, options, panel.title(), metadata);
}

QByteArray renderComposite(const QList<CompositeCell>& cells, QSize figureSize,
                           const ExportOptions& options, const QString& title,
                           const QString& metadata) {
    const DesignedRendering designed(cells);
    return render(cells, figureSize, options, title, metadata);
}

QImage renderImage(PlotPanel& panel, QSize size, double scale) {
    ExportOptions options;
    options.size = resolvedSize(panel, size);
    options.scale = scale;
    checkOptions(options);
    const QList<CompositeCell> cells{{&panel, QRect(QPoint(0, 0), options.size)}};
    const DesignedRendering designed(cells);
    return rasterize(cells, options.size, scale);
}

QImage renderCompositeImage(const QList<CompositeCell>& cells, QSize figureSize, double scale) {
    ExportOptions options;
    options.size = figureSize;
    options.scale = scale;
    checkOptions(options);
    const DesignedRendering designed(cells);
    return rasterize(cells, figureSize, scale);
}

void exportPlot(PlotPanel& panel, const QString& path, const ExportOptions& options,
                const QString& metadata) {
    QByteArray bytes;
    try {
        bytes = renderPlot(panel, options, metadata);
    } catch (const ExportError& error) {
        throw ExportError(cannotWrite(path, QString::fromStdString(error.what())).toStdString());
    }
    writeFileSafely(path, bytes);
}

void exportComposite(const QList<PlotPanel*>& panels, const QString& path,
                     const ExportOptions& options, const QString& metadata) {
    QSize figure = options.size;
    if (!figure.isValid()) {
        figure = onScreenGridSize(panels);
        if (figure.isEmpty()) figure = kDefaultExportSize;
    }
    QByteArray bytes;
    try {
        bytes = renderComposite(compositeCells(panels, figure), figure, options,
                                QStringLiteral("Coupling Lab plots"), metadata);
    } catch (const ExportError& error) {
        throw ExportError(cannotWrite(path, QString::fromStdString(error.what())).toStdString());
    }
    writeFileSafely(path, bytes);
}

void writeFileSafely(const QString& path, const QByteArray& content) {
    writeFilesSafely({{path, content}});  // one policy for one file and for several
}

QStringList writeFilesSafely(const QList<std::pair<QString, QByteArray>>& files) {
    // First every file goes into its temporary file; only when all of them are written are they
    // renamed into place. A full disk or a forbidden folder thus fails before any file, old or
    // new, is touched. Only a failing rename (rare: the folder changed meanwhile) can leave some
    // files renamed; they are removed again.
    std::vector<std::unique_ptr<QSaveFile>> pending;
    for (const auto& [path, content] : files) {
        if (path.isEmpty()) throw ExportError("cannot write a file without a name");
        // The CLI's policy for special files (core/output_target.h): a FIFO, a folder, a block
        // device or a dangling link is refused before anything is written.
        try {
            resolveOutput(QFile::encodeName(path).toStdString());
        } catch (const FileError& error) {
            throw ExportError(error.what());
        }
        auto file = std::make_unique<QSaveFile>(path);
        errno = 0;
        if (!file->open(QIODevice::WriteOnly)) {
            throw ExportError(cannotWrite(path, fileErrorText(*file, errno)).toStdString());
        }
        // Flushed here, so that a full disk fails before any file is renamed into place.
        if (file->write(content) != content.size() || !file->flush()) {
            throw ExportError(cannotWrite(path, fileErrorText(*file, errno)).toStdString());
        }
        pending.push_back(std::move(file));  // destroyed uncommitted: the temporary goes
    }
    QStringList written;
    for (const std::unique_ptr<QSaveFile>& file : pending) {
        errno = 0;
        if (!file->commit()) {
            const QString message = cannotWrite(file->fileName(), fileErrorText(*file, errno));
            for (const QString& path : std::as_const(written))
                QFile::remove(path);
            throw ExportError(message.toStdString());
        }
        written.append(file->fileName());
    }
    return written;
}

void copyToClipboard(PlotPanel& panel) {
    const double ratio = std::clamp(panel.devicePixelRatioF(), 1.0, kMaxExportScale);
    QImage image = renderImage(panel, QSize(), ratio);
    image = image.convertToFormat(QImage::Format_ARGB32);
    ExportOptions svg;
    svg.format = ExportFormat::Svg;
    const QByteArray vector = renderPlot(panel, svg, QString());
    auto* mime = new QMimeData;
    mime->setImageData(image);
    mime->setData(QStringLiteral("image/svg+xml"), vector);
    QGuiApplication::clipboard()->setMimeData(mime);
}

}  // namespace couplinglab::ui
