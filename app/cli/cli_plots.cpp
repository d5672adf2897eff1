#include "app/cli/cli_plots.h"
#include "app/cli/offscreen_application.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "core/input_error.h"
#include "core/input_file.h"
#include "core/platform/atomic_file.h"

#ifdef COUPLINGLAB_CLI_PLOTS
#include <QDir>
#include <QFile>

#include "core/metric_geometry.h"
#include "core/settings_schema.h"
#include "ui/files/plot_exporter.h"
#include "ui/machine/machine_worker.h"
#include "ui/machine/pairs_plot.h"
#include "ui/machine/position_trajectory_plot.h"
#include "ui/machine/step_width_plot.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/finished_run.h"
#include "ui/settings/machine_session.h"
#include "ui/settings/session.h"
#endif

#ifndef COUPLINGLAB_VERSION
#define COUPLINGLAB_VERSION "unknown"
#endif

namespace couplinglab::cli {
namespace {

// Built by appending: GCC 12 warns falsely (-Wrestrict) on a chain of operator+ here.
std::string inQuotes(std::string_view text) {
    std::string result("'");
    result.append(printable(text));
    result.append("'");
    return result;
}

UsageError usage(std::string_view name, const std::string& problem) {
    std::string option("--");
    option.append(name);
    std::string message(option);
    message.append(": ");
    message.append(problem);
    return UsageError(option, message);
}

#ifdef COUPLINGLAB_CLI_PLOTS

// The session's settings with the value of every setting whose option (or its synonym, e.g.
// --no-adapt-metric) was given explicitly: the settings schema names the options.
RunSettings keepGivenOptions(const RunSettings& session, const CliOptions& options) {
    const AllSettings given{{options.data, options.model, options.sampler}, {}};
    AllSettings merged{session, {}};
    for (const SettingSpec& spec : settingsSchema()) {
        const bool wasGiven =
            (!spec.cliOption.empty() && options.wasGiven(spec.cliOption)) ||
            (!spec.cliSynonym.option.empty() && options.wasGiven(spec.cliSynonym.option));
        if (!wasGiven) continue;
        spec.set(merged, spec.get(given));
        if (spec.cliAlsoSets != nullptr) spec.cliAlsoSets(merged.run);
    }
    return merged.run;
}

ui::ExportOptions exportOptions(const PlotOptions& plots) {
    ui::ExportOptions options;
    options.format = ui::exportFormatFromName(QString::fromStdString(plots.format))
                         .value_or(ui::ExportFormat::Png);
    options.size = QSize(plots.width, plots.height);
    options.scale = plots.scale;
    return options;
}

// Renders every panel at the export size into options.plots.folder, named as the window names
// them, and stages the files; all are rendered before any is staged.
std::vector<std::string> stagePanels(const CliOptions& options, const QList<ui::PlotPanel*>& panels,
                                     const QString& metadata, OutputTransaction& transaction) {
    const ui::ExportOptions exportAs = exportOptions(options.plots);
    const QDir folder(QFile::decodeName(QByteArray::fromStdString(*options.plots.folder)));
    QList<std::pair<QString, QByteArray>> files;
    for (ui::PlotPanel* panel : panels) {
        panel->resize(exportAs.size);
        const QString path = folder.filePath(ui::plotFileName(*panel, exportAs.format));
        try {
            files.append({path, ui::renderPlot(*panel, exportAs, metadata)});
        } catch (const ui::ExportError& error) {
            throw std::runtime_error("cannot write '" + path.toStdString() + "': " + error.what());
        }
    }
    std::vector<std::string> paths;
    for (const auto& [path, content] : std::as_const(files)) {
        const std::string file = QFile::encodeName(path).toStdString();
        transaction.stage(
            file, std::string_view(content.constData(), static_cast<std::size_t>(content.size())));
        paths.push_back(file);
    }
    return paths;
}

#endif  // COUPLINGLAB_CLI_PLOTS

[[maybe_unused]] void requirePlotSupport() {
#ifndef COUPLINGLAB_CLI_PLOTS
    throw InputError(
        "this couplinglab-cli was built without the Qt user interface "
        "(COUPLINGLAB_BUILD_GUI=OFF), so it cannot draw plots or read sessions");
#endif
}

int parseSide(std::string_view whole, std::string_view text) {
    const std::int64_t value = parseWholeNumber(text);
#ifdef COUPLINGLAB_CLI_PLOTS
    constexpr int kMin = ui::kMinExportSide;
    constexpr int kMax = ui::kMaxExportSide;
#else
    constexpr int kMin = 50;
    constexpr int kMax = 10'000;
#endif
    if (value < kMin || value > kMax) {
        throw InputError(inQuotes(whole) + " is out of range: each side must be from " +
                         std::to_string(kMin) + " to " + std::to_string(kMax) + " pixels");
    }
    return static_cast<int>(value);
}

}  // namespace

void setPlotsFolder(CliOptions& options, std::string_view text) {
    requirePlotSupport();
    if (text.empty()) throw InputError("the folder name is empty");
    options.plots.folder = std::string(text);
}

void setPlotFormat(CliOptions& options, std::string_view text) {
    requirePlotSupport();
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "jpeg") lower = "jpg";
    if (lower != "png" && lower != "jpg" && lower != "pdf" && lower != "svg") {
        throw InputError(inQuotes(text) + " is not a plot format; choose png, jpg, pdf or svg");
    }
    options.plots.format = lower;
}

void setPlotSize(CliOptions& options, std::string_view text) {
    requirePlotSupport();
    const std::size_t x = text.find_first_of("xX");
    if (x == std::string_view::npos || text.find_first_of("xX", x + 1) != std::string_view::npos) {
        throw InputError(inQuotes(text) +
                         " is not a size; write WIDTHxHEIGHT in pixels, e.g. 1200x800");
    }
    try {
        const int width = parseSide(text, text.substr(0, x));
        const int height = parseSide(text, text.substr(x + 1));
        options.plots.width = width;
        options.plots.height = height;
    } catch (const InputError& error) {
        const std::string message = error.what();
        if (message.find("out of range") != std::string::npos) throw;
        throw InputError(inQuotes(text) +
                         " is not a size; write WIDTHxHEIGHT in whole pixels, e.g. 1200x800");
    }
}

void setPlotScale(CliOptions& options, std::string_view text) {
    requirePlotSupport();
    const double scale = parseRealNumber(text);
    constexpr double kMin = 0.25;
    constexpr double kMax = 4.0;
    if (scale < kMin || scale > kMax) {
        throw InputError(inQuotes(text) + " is out of range: the scale must be from 0.25 to 4");
    }
    options.plots.scale = scale;
}

void setSession([[maybe_unused]] CliOptions& options, std::string_view text) {
    requirePlotSupport();
    if (text.empty()) throw InputError("the file name is empty");
#ifdef COUPLINGLAB_CLI_PLOTS
    // Opened by its bytes, as the file system spells the name: a name that is not valid UTF-8
    // opens too, and a FIFO or a device is refused at once instead of blocking (core/input_file.h).
    std::string content;
    try {
        content =
            readRegularFile(std::string(text), static_cast<std::uint64_t>(ui::kMaxSessionBytes));
    } catch (const FileError& error) {
        throw InputError("cannot read the file " + inQuotes(text) + ": " +
                         printable(error.reason()));
    }
    ui::Session session;
    try {
        session = ui::sessionFromJson(QByteArray::fromStdString(content));
    } catch (const ui::SessionError& error) {
        throw InputError(inQuotes(text) + ": " + printable(error.what()));
    }
    const RunSettings merged = keepGivenOptions(session.settings, options);
    if (auto problem = validate(merged)) {
        throw InputError(inQuotes(text) + " with the options before it: " + *problem);
    }
    options.data = merged.data;
    options.model = merged.model;
    options.sampler = merged.sampler;
    options.plots.traceWindow = session.display.traceWindow;
    options.session = std::string(text);
#endif
}

void checkPlotOptions(const CliOptions& options) {
    for (const std::string_view name : {"plot-format", "plot-size", "plot-scale"}) {
        if (options.wasGiven(name) && !options.plots.folder) {
            throw usage(name, "only used with --plots DIR");
        }
    }
    if (!options.plots.folder) return;
    if (options.wasGiven("sweep-pairs")) {
        throw usage("plots", "cannot be combined with --sweep-pairs; the plots show a single run");
    }
#ifdef COUPLINGLAB_CLI_PLOTS
    if (auto problem = ui::validate(exportOptions(options.plots))) {
        throw usage(options.wasGiven("plot-size") ? "plot-size" : "plot-scale",
                    problem->toStdString());
    }
#endif
}

std::optional<std::string> plotsProblem(const CliOptions& options) {
    if (!options.plots.folder) return std::nullopt;
    const std::filesystem::path folder(*options.plots.folder);
    std::error_code error;
    if (!std::filesystem::exists(folder, error)) {
        return "--plots: " + inQuotes(folder.string()) + " does not exist; create the folder first";
    }
    if (!std::filesystem::is_directory(folder, error)) {
        return "--plots: " + inQuotes(folder.string()) + " is not a folder";
    }
    if (auto problem = checkWritable(folder / ("trace." + options.plots.format))) {
        return "--plots: " + *problem;
    }
    return std::nullopt;
}

std::vector<std::string> writePlots(const CliOptions& options,
                                    [[maybe_unused]] const SufficientStatistic& statistic,
                                    [[maybe_unused]] const RunResult& run,
                                    [[maybe_unused]] OutputTransaction& transaction) {
    if (!options.plots.folder) return {};
    requirePlotSupport();
    std::vector<std::string> paths;
#ifdef COUPLINGLAB_CLI_PLOTS
    const OffscreenApplication application("--plots");
    const RunSettings settings{options.data, options.model, options.sampler};
    ui::RunHistory history;
    ui::fillHistory(history, settings, statistic, run);

    ui::DisplaySettings display;
    const std::int64_t iterations =
        static_cast<std::int64_t>(settings.sampler.warmup) + settings.sampler.draws;
    display.traceWindow = options.plots.traceWindow > 0
                              ? options.plots.traceWindow
                              : static_cast<int>(std::clamp<std::int64_t>(
                                    iterations, ui::kMinTraceWindow, ui::kMaxTraceWindow));
    const ui::ExportOptions exportAs = exportOptions(options.plots);
    const QString metadata = ui::sessionMetadata(ui::Session{settings, display, {}});

    // Shown offscreen, so that its panels have sizes; each panel is then resized to the export
    // size, so that the time series thin their data for that width, as in a window that size.
    ui::PlotGrid grid;
    grid.setAttribute(Qt::WA_DontShowOnScreen);
    grid.resize(exportAs.size);
    grid.show();
    grid.refresh(history, display);
    if (const auto snapshot = ui::lastTrajectory(settings, statistic, run))
        grid.refreshTrajectory(&*snapshot, history.currentSegment());

    paths = stagePanels(options, grid.panels(), metadata, transaction);
#endif
    return paths;
}

std::vector<std::string> writeMachinePlots(const CliOptions& options,
                                           [[maybe_unused]] const MachineDataSpec& dataSpec,
                                           [[maybe_unused]] const PatternCounts& counts,
                                           [[maybe_unused]] const MachineRunResult& run,
                                           [[maybe_unused]] OutputTransaction& transaction) {
    if (!options.plots.folder) return {};
    requirePlotSupport();
#ifdef COUPLINGLAB_CLI_PLOTS
    const OffscreenApplication application("--plots");
    ui::MachineRunOutcome outcome;
    outcome.spec.data = dataSpec;
    outcome.spec.data.units = counts.shape.units;
    outcome.spec.biases = counts.shape.biases;
    outcome.spec.model = options.model;
    outcome.spec.sampler = options.sampler;
    outcome.counts = counts;
    outcome.run = run;
    outcome.reference = machinePosterior(options.model, counts);
    for (const std::string& name : parameterNames(counts.shape))
        outcome.names.append(QString::fromStdString(name));
    const auto [x, y] = strongestCorrelationPair(outcome.reference.covariance);
    const MachineChainResult& first = run.chains.front();
    const MetricGeometry geometry =
        metricGeometry(outcome.reference.covariance, first.inverseMetric, first.base.stepSize);

    ui::PairsPlot pairs;
    ui::PositionTrajectoryPlot trajectory;
    ui::StepWidthPlot steps;
    const QList<ui::PlotPanel*> panels{&pairs, &trajectory, &steps};
    for (ui::PlotPanel* panel : panels) {
        panel->setAttribute(Qt::WA_DontShowOnScreen);
        panel->resize(exportOptions(options.plots).size);
        panel->show();
    }
    pairs.setRun(outcome, x, y);
    trajectory.setRun(outcome, x, y);
    steps.setRun(outcome, geometry);
    return stagePanels(options, panels, ui::machineMetadata(outcome.spec), transaction);
#else
    return {};
#endif
}

}  // namespace couplinglab::cli
