// Exports of the window's plots and draws: every panel in every format from a real run, the
// composite figure, metadata, failures that leave nothing behind, the clipboard, and Stan CSV
// byte for byte as the CLI writes it.
#include <qcustomplot.h>
#include <unistd.h>

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QXmlStreamReader>
#include <QtTest>
#include <sstream>

#include "core/bit_data.h"
#include "core/chain_runner.h"
#include "core/stan_csv.h"
#include "ui/files/export_dialog.h"
#include "ui/files/file_actions.h"
#include "ui/files/plot_context_menu.h"
#include "ui/files/plot_exporter.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/run_history.h"
#include "ui/settings/session.h"

using namespace couplinglab;
using namespace couplinglab::ui;

Q_DECLARE_METATYPE(couplinglab::ui::ExportFormat)

namespace {

RunSettings smallRun() {
    RunSettings settings;
    settings.data = {2000, 0.0, 5};
    settings.model.likelihood = Likelihood::ExactBoltzmann;
    settings.sampler.warmup = 150;
    settings.sampler.draws = 250;
    settings.sampler.chains = 3;
    settings.sampler.seed = 77;
    return settings;
}

struct Run {
    RunSettings settings;
    SufficientStatistic statistic;
    RunResult result;
};

Run sample(const RunSettings& settings) {
    Run run;
    run.settings = settings;
    run.statistic = BitData::generate(settings.data).statistic();
    run.result = runChains(CouplingTarget(settings.model, run.statistic), settings.sampler);
    return run;
}

// The run as the window holds it: one segment from 0; `upTo` iterations of every chain.
void fill(RunHistory& history, const Run& run, std::size_t upTo = SIZE_MAX) {
    history.reset(run.settings.sampler.chains);
    const CouplingChain schedule(CouplingTarget(run.settings.model, run.statistic),
                                 run.settings.sampler, 0);
    Segment segment;
    segment.warmup = schedule.segmentWarmup();
    segment.slowWindows = schedule.slowWindows();
    segment.settings = run.settings;
    segment.statistic = run.statistic;
    history.startSegment(segment);
    for (const ChainResult& chain : run.result.chains) {
        const std::size_t n = std::min(upTo, chain.records.size());
        history.append(chain.chain, std::span(chain.records).first(n));
    }
}

// The bytes couplinglab-cli --output writes for each chain (cli_run.cpp's writeCsvFiles).
std::vector<std::string> cliCsv(const Run& run) {
    std::vector<std::string> files;
    for (const ChainResult& chain : run.result.chains) {
        const CsvRunInfo info{run.settings.data,    run.statistic, run.settings.model,
                              run.settings.sampler, chain.chain,   chain.stepSize,
                              chain.inverseMetric};
        files.push_back(stanCsv(info, chain.records));
    }
    return files;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString simplified(const QString& text) {
    return QString(text).replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
}

// The page size of a PDF in points, from its MediaBox (Qt writes the page object uncompressed).
QSizeF mediaBox(const QByteArray& pdf) {
    static const QRegularExpression box(
        QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"));
    const QRegularExpressionMatch match = box.match(QString::fromLatin1(pdf));
    return match.hasMatch() ? QSizeF(match.captured(1).toDouble(), match.captured(2).toDouble())
                            : QSizeF();
}

QString runTool(const QString& program, const QStringList& arguments) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) return QString();
    return QString::fromUtf8(process.readAllStandardOutput());
}

bool haveTool(const QString& program) {
    return !QStandardPaths::findExecutable(program).isEmpty();
}

struct Svg {
    bool wellFormed = false;
    QString error;
    QString viewBox;
    QString title;
    QString description;
    QStringList texts;
};

Svg parseSvg(const QByteArray& bytes) {
    Svg svg;
    QXmlStreamReader xml(bytes);
    QStringList path;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString name = xml.name().toString();
            if (name == QLatin1String("svg") && path.isEmpty())
                svg.viewBox = xml.attributes().value(QStringLiteral("viewBox")).toString();
            if (path.size() == 1 &&
                (name == QLatin1String("title") || name == QLatin1String("desc"))) {
                (name == QLatin1String("title") ? svg.title : svg.description) =
                    xml.readElementText();
                continue;
            }
            if (name == QLatin1String("text")) {
                svg.texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements));
                continue;
            }
            path.append(name);
        } else if (token == QXmlStreamReader::EndElement) {
            if (!path.isEmpty()) path.removeLast();
        }
    }
    svg.wellFormed = !xml.hasError();
    svg.error = xml.errorString();
    return svg;
}

// Every text of an exported file that a reader would see: the SVG's <text>, the PDF's text.
QString textOf(const QString& path, ExportFormat format) {
    if (format == ExportFormat::Svg) return simplified(parseSvg(readAll(path)).texts.join(' '));
    return simplified(runTool(QStringLiteral("pdftotext"), {path, QStringLiteral("-")}));
}

void checkFile(const QString& path, ExportFormat format, QSize size, double scale,
               const QString& metadata, const QString& title, const QStringList& labels) {
    QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
    const QByteArray bytes = readAll(path);
    switch (format) {
        case ExportFormat::Png:
        case ExportFormat::Jpg: {
            QImageReader reader(path);
            QCOMPARE(reader.format(),
                     format == ExportFormat::Png ? QByteArray("png") : QByteArray("jpeg"));
            QCOMPARE(reader.size(),
                     QSize(qRound(size.width() * scale), qRound(size.height() * scale)));
            QCOMPARE(reader.text(QStringLiteral("Description")), metadata);
            QCOMPARE(reader.text(QStringLiteral("Title")), title);
            QVERIFY(reader.text(QStringLiteral("Software")).startsWith("Coupling Lab"));
            const QImage image = reader.read();
            QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
            // Not blank: the plot's dark text and coloured lines are there.
            int dark = 0;
            for (int y = 0; y < image.height(); y += 3) {
                for (int x = 0; x < image.width(); x += 3)
                    dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
            }
            QVERIFY(dark > 50);
            break;
        }
        case ExportFormat::Pdf: {
            QVERIFY(bytes.startsWith("%PDF-"));
            QCOMPARE(mediaBox(bytes), QSizeF(size));
            if (haveTool(QStringLiteral("pdfinfo"))) {
                const QString info = runTool(QStringLiteral("pdfinfo"), {path});
                QVERIFY2(info.contains(QStringLiteral("Page size:       %1 x %2 pts")
                                           .arg(size.width())
                                           .arg(size.height())),
                         qPrintable(info));
                QVERIFY2(simplified(info).contains(simplified(title + ": " + metadata)),
                         qPrintable(info));
                QVERIFY(info.contains(QStringLiteral("Creator:         Coupling Lab")));
            }
            break;
        }
        case ExportFormat::Svg: {
            const Svg svg = parseSvg(bytes);
            QVERIFY2(svg.wellFormed, qPrintable(svg.error));
            QCOMPARE(svg.viewBox, QStringLiteral("0 0 %1 %2").arg(size.width()).arg(size.height()));
            QCOMPARE(svg.title, title);
            QCOMPARE(svg.description, metadata);
            QVERIFY(!svg.texts.isEmpty());
            QVERIFY2(!bytes.contains("font-family=\"Sans Serif\""), "an alias font family");
            break;
        }
    }
    if (format == ExportFormat::Svg || (format == ExportFormat::Pdf && haveTool("pdftotext"))) {
        const QString text = textOf(path, format);
        for (const QString& label : labels) {
            if (!label.isEmpty())
                QVERIFY2(text.contains(simplified(label)),
                         qPrintable(label + " in " + text.left(400)));
        }
    }
}

QStringList entries(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

}  // namespace

class TestExport : public QObject {
    Q_OBJECT

  private:
    Run run_;
    RunHistory history_;
    PlotGrid* grid_ = nullptr;
    QString metadata_;
    QTemporaryDir dir_;

    PlotPanel* panelNamed(const QString& name) const {
        for (PlotPanel* panel : grid_->panels()) {
            if (panel->exportName() == name) return panel;
        }
        return nullptr;
    }

    FileActionsContext context(const RunHistory& history) {
        FileActionsContext c;
        c.panels = [this] { return grid_->panels(); };
        c.gridSize = [this] { return grid_->size(); };
        c.history = [&history]() -> const RunHistory& { return history; };
        c.currentSession = [this] { return Session{run_.settings, DisplaySettings{}, {}}; };
        c.applySession = [](const Session&) {};
        c.metadata = [this] { return metadata_; };
        return c;
    }

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        run_ = sample(smallRun());
        fill(history_, run_);
        // The run's settings, plus characters that every format must carry through escaped.
        metadata_ = sessionMetadata(Session{run_.settings, DisplaySettings{}, {}}) +
                    QStringLiteral(" δ <&> 'q'");
        grid_ = new PlotGrid;
        grid_->resize(1500, 900);
        grid_->show();
        QVERIFY(QTest::qWaitForWindowExposed(grid_));
        DisplaySettings display;
        display.traceWindow = 400;
        grid_->refresh(history_, display);
        QTest::qWait(50);
        QVERIFY(grid_->panels().size() >= 5);
    }

    void cleanupTestCase() { delete grid_; }

    void formatNames() {
        for (const ExportFormat format : kExportFormats)
            QCOMPARE(exportFormatFromName(formatSuffix(format).toUpper()), format);
        QCOMPARE(exportFormatFromName(QStringLiteral("jpeg")), ExportFormat::Jpg);
        QVERIFY(!exportFormatFromName(QStringLiteral("gif")));
        QStringList names;
        for (PlotPanel* panel : grid_->panels())
            names.append(panel->exportName());
        for (const char* stable : {"trace", "posterior", "step-size", "tree-depth", "acceptance"})
            QVERIFY2(names.contains(QLatin1String(stable)), stable);
    }

    void validation() {
        QVERIFY(!validate(ExportOptions{}));
        QVERIFY(!validate(ExportOptions{ExportFormat::Png, QSize(1200, 800), 3.0}));
        QVERIFY(validate(ExportOptions{ExportFormat::Png, QSize(10, 800), 1.0}));
        QVERIFY(validate(ExportOptions{ExportFormat::Png, QSize(0, 0), 1.0}));
        QVERIFY(validate(ExportOptions{ExportFormat::Svg, QSize(20000, 800), 1.0}));
        QVERIFY(validate(ExportOptions{ExportFormat::Png, QSize(1200, 800), 0.1}));
        QVERIFY(validate(ExportOptions{ExportFormat::Png, QSize(1200, 800), std::nan("")}));
        QVERIFY(validate(ExportOptions{ExportFormat::Png, QSize(10000, 10000), 4.0}));
        QVERIFY(!validate(ExportOptions{ExportFormat::Pdf, QSize(10000, 10000), 4.0}));
    }

    void everyPanelInEveryFormat_data() {
        QTest::addColumn<QString>("panel");
        QTest::addColumn<ExportFormat>("format");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<double>("scale");
        for (const char* panel : {"trace", "posterior", "step-size", "tree-depth", "acceptance"}) {
            for (const ExportFormat format : kExportFormats) {
                const double scale = format == ExportFormat::Png ? 2.0 : 1.0;
                QTest::addRow("%s.%s", panel, qPrintable(formatSuffix(format)))
                    << QString::fromLatin1(panel) << format << QSize(900, 560) << scale;
            }
        }
    }

    void everyPanelInEveryFormat() {
        QFETCH(QString, panel);
        QFETCH(ExportFormat, format);
        QFETCH(QSize, size);
        QFETCH(double, scale);
        PlotPanel* plot = panelNamed(panel);
        QVERIFY(plot != nullptr);
        const QString path = QDir(dir_.path()).filePath(plotFileName(*plot, format));
        exportPlot(*plot, path, ExportOptions{format, size, scale}, metadata_);
        // The labels the export was laid out with (the plot replots for the screen later).
        const QStringList labels{plot->title(), plot->plot()->xAxis->label(),
                                 plot->plot()->yAxis->label()};
        QVERIFY(!plot->plot()->xAxis->label().isEmpty());
        checkFile(path, format, size, scale, metadata_, plot->title(), labels);
    }

    void everyPanelOfTheGridIsExported() {
        // Whatever PlotGrid::panels() returns (trajectory panels may join it), in every format.
        for (const ExportFormat format : kExportFormats) {
            for (PlotPanel* panel : grid_->panels()) {
                const QString path =
                    QDir(dir_.path())
                        .filePath(QStringLiteral("all-") + plotFileName(*panel, format));
                exportPlot(*panel, path, ExportOptions{format, QSize(700, 450), 1.0}, metadata_);
                checkFile(path, format, QSize(700, 450), 1.0, metadata_, panel->title(), {});
            }
        }
    }

    void onScreenSizeIsTheDefault() {
        PlotPanel* trace = panelNamed(QStringLiteral("trace"));
        const QString path = QDir(dir_.path()).filePath(QStringLiteral("screen.png"));
        exportPlot(*trace, path, ExportOptions{}, metadata_);
        QCOMPARE(QImageReader(path).size(), trace->plot()->size());
        QCOMPARE(renderImage(*trace, QSize(), 3.0).size(), trace->plot()->size() * 3);
    }

    void rasterIsRenderedAtTheScaleNotEnlarged() {
        // 2× is the same figure with twice the pixels: the thin grid lines and text are drawn at
        // the higher resolution, so the image is no mere enlargement of the 1× one.
        PlotPanel* trace = panelNamed(QStringLiteral("trace"));
        const QImage one = renderImage(*trace, QSize(600, 400), 1.0);
        const QImage two = renderImage(*trace, QSize(600, 400), 2.0);
        QCOMPARE(two.size(), QSize(1200, 800));
        const QImage enlarged = one.scaled(two.size());
        int different = 0;
        for (int y = 0; y < two.height(); y += 2) {
            for (int x = 0; x < two.width(); x += 2)
                different += two.pixel(x, y) != enlarged.convertToFormat(two.format()).pixel(x, y);
        }
        QVERIFY(different > 1000);
        // The PNG says how large it is meant to be: 96 dpi at 1×, 192 at 2×.
        const QString path = QDir(dir_.path()).filePath(QStringLiteral("scaled.png"));
        exportPlot(*trace, path, ExportOptions{ExportFormat::Png, QSize(600, 400), 2.0}, metadata_);
        QCOMPARE(qRound(QImage(path).dotsPerMeterX() * 0.0254), 192);
    }

    void textFitsTheSizeItIsDrawnAt() {
        // A short export gets the short axis label and no explanation line; the plot on screen
        // gets its own labels back at the next replot.
        PlotPanel* trace = panelNamed(QStringLiteral("trace"));
        const QString onScreen = trace->plot()->yAxis->label();
        const QString path = QDir(dir_.path()).filePath(QStringLiteral("short.svg"));
        exportPlot(*trace, path, ExportOptions{ExportFormat::Svg, QSize(800, 200), 1.0}, metadata_);
        const QString text = textOf(path, ExportFormat::Svg);
        QVERIFY(!text.contains(QStringLiteral("w (coupling weight)")));
        QVERIFY(!text.contains(simplified(trace->subtitle())));
        QVERIFY(text.contains(trace->title()));
        QTRY_COMPARE(trace->plot()->yAxis->label(), onScreen);

        const QString tall = QDir(dir_.path()).filePath(QStringLiteral("tall.svg"));
        exportPlot(*trace, tall, ExportOptions{ExportFormat::Svg, QSize(800, 700), 1.0}, metadata_);
        const QString tallText = textOf(tall, ExportFormat::Svg);
        QVERIFY(tallText.contains(QStringLiteral("w (coupling weight)")));
        QVERIFY(tallText.contains(simplified(trace->subtitle())));
    }

    void compositeCellsFollowTheGrid() {
        const QList<PlotPanel*> panels = grid_->panels();
        const QSize figure(1600, 1000);
        const QList<CompositeCell> cells = compositeCells(panels, figure);
        QCOMPARE(cells.size(), panels.size());
        QRect bounds;
        for (int i = 0; i < cells.size(); ++i) {
            QCOMPARE(cells[i].panel, panels[i]);
            QVERIFY(QRect(QPoint(0, 0), figure).contains(cells[i].rect));
            for (int j = i + 1; j < cells.size(); ++j)
                QVERIFY(!cells[i].rect.intersects(cells[j].rect));
            bounds = bounds.united(cells[i].rect);
        }
        QCOMPARE(bounds, QRect(QPoint(0, 0), figure));
        // The trace is twice as tall as the step-size plot, as on screen.
        const auto cellOf = [&](const QString& name) {
            for (const CompositeCell& cell : cells) {
                if (cell.panel->exportName() == name) return cell.rect;
            }
            return QRect();
        };
        const double ratio =
            static_cast<double>(cellOf("trace").height()) / cellOf("step-size").height();
        QVERIFY2(std::abs(ratio - 2.0) < 0.1, qPrintable(QString::number(ratio)));

        // Panels that are not laid out go into a plain grid.
        PlotGrid hidden;
        const QList<CompositeCell> fallback = compositeCells(hidden.panels(), figure);
        QCOMPARE(fallback.size(), hidden.panels().size());
        for (int i = 0; i < fallback.size(); ++i) {
            QVERIFY(!fallback[i].rect.isEmpty());
            for (int j = i + 1; j < fallback.size(); ++j)
                QVERIFY(!fallback[i].rect.intersects(fallback[j].rect));
        }
    }

    void compositeInEveryFormat_data() {
        QTest::addColumn<ExportFormat>("format");
        for (const ExportFormat format : kExportFormats)
            QTest::newRow(qPrintable(formatSuffix(format))) << format;
    }

    void compositeInEveryFormat() {
        QFETCH(ExportFormat, format);
        const QString path =
            QDir(dir_.path()).filePath(QStringLiteral("grid.") + formatSuffix(format));
        const QSize size(1600, 1000);
        exportComposite(grid_->panels(), path, ExportOptions{format, size, 1.0}, metadata_);
        QStringList titles;
        for (PlotPanel* panel : grid_->panels())
            titles.append(panel->title());
        checkFile(path, format, size, 1.0, metadata_, QStringLiteral("Coupling Lab plots"), titles);
    }

    void compositeDefaultsToTheGridOnScreen() {
        const QString path = QDir(dir_.path()).filePath(QStringLiteral("grid-screen.png"));
        exportComposite(grid_->panels(), path, ExportOptions{}, metadata_);
        QCOMPARE(QImageReader(path).size(), onScreenGridSize(grid_->panels()));
        QVERIFY(onScreenGridSize(grid_->panels()).width() > 1000);
    }

    void unwritableTargetsLeaveNothing() {
        PlotPanel* trace = panelNamed(QStringLiteral("trace"));
        QTemporaryDir dir;
        const QString file = QDir(dir.path()).filePath(QStringLiteral("a-file"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a folder");
        }
        const QStringList before = entries(dir.path());
        for (const ExportFormat format : kExportFormats) {
            for (const QString& path :
                 {file + QStringLiteral("/trace.") + formatSuffix(format),
                  dir.path() + QStringLiteral("/missing/trace.") + formatSuffix(format)}) {
                try {
                    exportPlot(*trace, path, ExportOptions{format, QSize(400, 300), 1.0},
                               metadata_);
                    QFAIL("no error");
                } catch (const ExportError& error) {
                    QVERIFY2(QString::fromUtf8(error.what()).contains(path), error.what());
                }
            }
        }
        QCOMPARE(entries(dir.path()), before);
        QCOMPARE(readAll(file), QByteArray("not a folder"));

        // A read-only folder (root may write anywhere, so only checked for other users).
        if (::geteuid() != 0) {
            const QString locked = QDir(dir.path()).filePath(QStringLiteral("locked"));
            QVERIFY(QDir().mkdir(locked));
            QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            QVERIFY_THROWS_EXCEPTION(ExportError,
                                     exportPlot(*trace, locked + QStringLiteral("/trace.png"),
                                                ExportOptions{}, metadata_));
            QVERIFY(entries(locked).isEmpty());
            QFile::setPermissions(
                locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
    }

    void aSetOfFilesIsWrittenWholeOrNotAtAll() {
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        FileActions actions(nullptr, settings, context(history_));
        const QString folder = QDir(dir.path()).filePath(QStringLiteral("plots"));
        QVERIFY(QDir().mkdir(folder));
        // An old trace.png, and a folder where posterior.png should go: the export fails, and
        // the old file keeps its content, with no new file beside it.
        {
            QFile old(QDir(folder).filePath(QStringLiteral("trace.png")));
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
        }
        QVERIFY(QDir(folder).mkdir(QStringLiteral("posterior.png")));
        const QStringList before = entries(folder);
        try {
            actions.exportPlots(folder, ExportOptions{ExportFormat::Png, QSize(400, 300), 1.0},
                                true);
            QFAIL("no error");
        } catch (const ExportError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("posterior.png")),
                     error.what());
        }
        QCOMPARE(entries(folder), before);
        QCOMPARE(readAll(QDir(folder).filePath(QStringLiteral("trace.png"))), QByteArray("old"));

        QVERIFY_THROWS_EXCEPTION(
            ExportError, actions.exportPlots(QDir(dir.path()).filePath(QStringLiteral("none")),
                                             ExportOptions{}, false));
    }

    void exportPlotsWritesEveryPanelAndTheComposite_data() {
        QTest::addColumn<ExportFormat>("format");
        for (const ExportFormat format : kExportFormats)
            QTest::newRow(qPrintable(formatSuffix(format))) << format;
    }

    void exportPlotsWritesEveryPanelAndTheComposite() {
        QFETCH(ExportFormat, format);
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        FileActions actions(nullptr, settings, context(history_));
        const QString folder = QDir(dir.path()).filePath(QStringLiteral("plots"));
        QVERIFY(QDir().mkdir(folder));
        const QStringList written =
            actions.exportPlots(folder, ExportOptions{format, QSize(), 1.0}, true);
        QStringList expected;
        for (PlotPanel* panel : grid_->panels())
            expected.append(QDir(folder).filePath(plotFileName(*panel, format)));
        expected.append(QDir(folder).filePath(QStringLiteral("plot-grid.") + formatSuffix(format)));
        QCOMPARE(written, expected);
        for (PlotPanel* panel : grid_->panels()) {
            checkFile(QDir(folder).filePath(plotFileName(*panel, format)), format,
                      panel->plot()->size(), 1.0, metadata_, panel->title(), {});
        }
        checkFile(expected.last(), format, grid_->size(), 1.0, metadata_,
                  QStringLiteral("Coupling Lab plots"), {});
        QCOMPARE(entries(folder).size(), expected.size());  // no temporary files left
    }

    void exportedDrawsEqualTheCommandLinesBytes() {
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        FileActions actions(nullptr, settings, context(history_));
        const QString first = QDir(dir.path()).filePath(QStringLiteral("draws.csv"));
        const QStringList written = actions.exportDraws(first);
        const std::vector<std::string> expected = cliCsv(run_);
        QCOMPARE(written.size(), 3);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(written[c],
                     QDir(dir.path()).filePath(QStringLiteral("draws_%1.csv").arg(c + 1)));
            const QByteArray bytes = readAll(written[c]);
            QVERIFY2(bytes == QByteArray::fromStdString(expected[static_cast<std::size_t>(c)]),
                     qPrintable(QStringLiteral("chain %1").arg(c + 1)));
            std::istringstream in(bytes.toStdString());
            QCOMPARE(readStanCsv(in).rows.size(), std::size_t{250});
        }

        // One chain keeps the name it was given.
        RunSettings single = smallRun();
        single.sampler.chains = 1;
        const Run one = sample(single);
        RunHistory history;
        fill(history, one);
        FileActions oneChain(nullptr, settings, context(history));
        const QString path = QDir(dir.path()).filePath(QStringLiteral("one.csv"));
        QCOMPARE(oneChain.exportDraws(path), QStringList{path});
        QCOMPARE(readAll(path), QByteArray::fromStdString(cliCsv(one).front()));
    }

    void exportingWhileSamplingWritesTheDrawsSoFar() {
        // Half way through sampling: the files hold exactly the post-warmup draws received.
        RunHistory history;
        fill(history, run_, 300);
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        FileActions actions(nullptr, settings, context(history));
        const QStringList written = actions.exportDraws(QDir(dir.path()).filePath("d.csv"));
        for (int c = 0; c < 3; ++c) {
            const ChainResult& chain = run_.result.chains[static_cast<std::size_t>(c)];
            const CsvRunInfo info{run_.settings.data,
                                  run_.statistic,
                                  run_.settings.model,
                                  run_.settings.sampler,
                                  c,
                                  chain.stepSize,
                                  chain.inverseMetric};
            QCOMPARE(readAll(written[c]),
                     QByteArray::fromStdString(stanCsv(info, std::span(chain.records).first(300))));
        }

        // Still in warmup: nothing to export, nothing written.
        RunHistory warmingUp;
        fill(warmingUp, run_, 100);
        FileActions early(nullptr, settings, context(warmingUp));
        QVERIFY_THROWS_EXCEPTION(InputError, early.exportDraws(QDir(dir.path()).filePath("e.csv")));
        QVERIFY(!QFileInfo::exists(QDir(dir.path()).filePath("e_1.csv")));
    }

    void drawsToAnUnwritablePlaceLeaveNothing() {
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        FileActions actions(nullptr, settings, context(history_));
        // draws_2.csv is a folder: no chain's file may appear.
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("draws_2.csv")));
        const QStringList before = entries(dir.path());
        QVERIFY_THROWS_EXCEPTION(ExportError,
                                 actions.exportDraws(QDir(dir.path()).filePath("draws.csv")));
        QCOMPARE(entries(dir.path()), before);
    }

    void copyToClipboardPutsAnImage() {
        PlotPanel* posterior = panelNamed(QStringLiteral("posterior"));
        QGuiApplication::clipboard()->clear();
        copyToClipboard(*posterior);
        const QImage image = QGuiApplication::clipboard()->image();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), posterior->plot()->size() * posterior->devicePixelRatioF());
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime != nullptr);
        QVERIFY(mime->data(QStringLiteral("image/svg+xml")).contains("<svg"));
    }

    void contextMenuOffersEveryFormatAndTheClipboard() {
        PlotPanel* acceptance = panelNamed(QStringLiteral("acceptance"));
        installPlotContextMenu(acceptance, [this] { return metadata_; });
        installPlotContextMenu(acceptance, [this] { return metadata_; });  // no second menu
        QCOMPARE(acceptance->plot()->contextMenuPolicy(), Qt::CustomContextMenu);
        std::unique_ptr<QMenu> menu(createPlotContextMenu(
            acceptance, [this] { return metadata_; }, nullptr));
        QStringList names;
        for (QAction* action : menu->actions()) {
            if (!action->isSeparator()) names.append(action->objectName());
        }
        QCOMPARE(names, (QStringList{"exportPngAction", "exportJpgAction", "exportPdfAction",
                                     "exportSvgAction", "copyAction"}));
        QCOMPARE(menu->actions().first()->text(), QStringLiteral("Export as PNG…"));
        QGuiApplication::clipboard()->clear();
        for (QAction* action : menu->actions()) {
            if (action->objectName() == QLatin1String("copyAction")) action->trigger();
        }
        QCOMPARE(QGuiApplication::clipboard()->image().size(),
                 acceptance->plot()->size() * acceptance->devicePixelRatioF());
    }

    void fileMenuAndContextMenusAreInstalled() {
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        QWidget window;
        FileActions actions(&window, settings, context(history_));
        QMenu file;
        QAction* quit = file.addAction(QStringLiteral("Quit"));
        actions.populateFileMenu(&file);
        QStringList shown;
        for (QAction* action : file.actions())
            shown.append(action->isSeparator() ? QStringLiteral("-") : action->text());
        QCOMPARE(shown, (QStringList{"&Open session…", "&Save session…", "&Recent sessions", "-",
                                     "&Export plots…", "Export &draws…", "-", "Quit"}));
        QCOMPARE(file.actions().last(), quit);
        actions.installContextMenus();
        for (PlotPanel* panel : grid_->panels())
            QCOMPARE(panel->plot()->contextMenuPolicy(), Qt::CustomContextMenu);
    }

    void exportPlotsActionRunsTheDialogAndWrites() {
        // The menu action as a user meets it: the dialog, then the files and a status message.
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        QWidget window;
        FileActions actions(&window, settings, context(history_));
        QSignalSpy messages(&actions, &FileActions::statusMessage);
        const QString folder = QDir(dir.path()).filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkdir(folder));
        bool sawDialog = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
            if (dialog == nullptr) return;
            sawDialog = true;
            dialog->findChild<QLineEdit*>("folderEdit")->setText(folder);
            auto* format = dialog->findChild<QComboBox*>("formatCombo");
            format->setCurrentIndex(format->findData(QStringLiteral("svg")));
            dialog->findChild<QCheckBox*>("compositeCheck")->setChecked(true);
            dialog->accept();
        });
        actions.exportPlotsAction()->trigger();
        QVERIFY(sawDialog);
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().first().toString().startsWith(QStringLiteral("Exported ")));
        QCOMPARE(entries(folder).size(), grid_->panels().size() + 1);
        QVERIFY(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("plot-grid.svg"))));
        QCOMPARE(settings.value(QStringLiteral("export/format")).toString(), QStringLiteral("svg"));

        // Export draws with no draws yet: one message box, nothing else.
        RunHistory empty;
        FileActions early(&window, settings, context(empty));
        QString shown;
        QTimer::singleShot(0, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                shown = box->text();
                box->close();
            }
        });
        early.exportDrawsAction()->trigger();
        QVERIFY2(shown.contains(QStringLiteral("no draws")), qPrintable(shown));
    }

    void exportDialogRemembersTheLastChoices() {
        QTemporaryDir dir;
        QSettings settings(QDir(dir.path()).filePath(QStringLiteral("s.ini")),
                           QSettings::IniFormat);
        const QStringList stems{"trace", "posterior"};
        {
            ExportDialog dialog(settings, QSize(1500, 900), stems);
            // First time: on-screen size, 1×, PNG; the fixed size starts at the on-screen size.
            QCOMPARE(dialog.options(), (ExportOptions{ExportFormat::Png, QSize(), 1.0}));
            QCOMPARE(dialog.findChild<QSpinBox*>("widthSpin")->value(), 1500);
            QCOMPARE(dialog.findChild<QSpinBox*>("heightSpin")->value(), 900);
            QVERIFY(!dialog.composite());
            dialog.findChild<QLineEdit*>("folderEdit")->setText(dir.path());
            auto* format = dialog.findChild<QComboBox*>("formatCombo");
            format->setCurrentIndex(format->findData(QStringLiteral("svg")));
            QVERIFY(!dialog.findChild<QComboBox*>("scaleCombo")->isEnabled());  // vector
            format->setCurrentIndex(format->findData(QStringLiteral("jpg")));
            QVERIFY(dialog.findChild<QComboBox*>("scaleCombo")->isEnabled());
            dialog.findChild<QRadioButton*>("fixedSizeRadio")->setChecked(true);
            dialog.findChild<QSpinBox*>("widthSpin")->setValue(1920);
            dialog.findChild<QSpinBox*>("heightSpin")->setValue(1080);
            dialog.findChild<QComboBox*>("scaleCombo")->setCurrentIndex(2);
            dialog.findChild<QCheckBox*>("compositeCheck")->setChecked(true);
            QCOMPARE(dialog.findChild<QLabel*>("filesLabel")->text(),
                     QStringLiteral("trace.jpg, posterior.jpg, plot-grid.jpg"));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        ExportDialog again(settings, QSize(800, 600), stems);
        QCOMPARE(again.options(), (ExportOptions{ExportFormat::Jpg, QSize(1920, 1080), 3.0}));
        QVERIFY(again.composite());
        QCOMPARE(again.folder(), QDir::toNativeSeparators(dir.path()));
    }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
