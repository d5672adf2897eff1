#include "ui/lessons/lesson_handout.h"

#include <QApplication>
#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <algorithm>
#include <cmath>
#include <memory>

#include <qcustomplot.h>
#include "core/chain_runner.h"
#include "core/diagnostics.h"
#include "core/sweep.h"
#include "ui/explanation/explanation.h"
#include "ui/files/plot_exporter.h"
#include "ui/lessons/lesson_text.h"
#include "ui/machine/effective_step_plot.h"
#include "ui/machine/machine_worker.h"
#include "ui/machine/pairs_plot.h"
#include "ui/machine/parameter_posterior_plot.h"
#include "ui/machine/parameter_trace_plot.h"
#include "ui/machine/position_trajectory_plot.h"
#include "ui/machine/step_width_plot.h"
#include "ui/machine/tree_depth_acceptance_plot.h"
#include "ui/plots/plot_grid.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/finished_run.h"
#include "ui/support/number_format.h"
#include "ui/sweep/sweep_plots.h"

namespace couplinglab::ui {
namespace {

// A4 landscape in logical pixels at 96 per inch, the DPI at which the plots measure their text
// (the exporter's), so that a plot on the page looks as it does on screen.
constexpr int kDpi = 96;
constexpr QSize kPage{1123, 794};
constexpr int kMargin = 44;
constexpr int kGap = 12;
constexpr int kMinPlotsHeight = 260;
constexpr double kBodyPointSize = 11.0;
const QString kSweepTab = QStringLiteral("sweep");
const QString kMachineTab = QStringLiteral("machine");

QString tr(const char* text) {
    return QCoreApplication::translate("LessonHandout", text);
}

QString asHtml(const QString& text) {
    return Qt::mightBeRichText(text) ? text : text.toHtmlEscaped();
}

QString choiceLetter(qsizetype index) {
    return QString(QChar(u'A' + static_cast<char16_t>(index)));
}

// The step run to completion: what the window would show at the end of its run.
struct StepRun {
    RunSettings settings;
    SufficientStatistic statistic;
    RunResult result;
    RunHistory history;
    ExplanationInput input;  // the live numbers of the step's text
};

SamplerSnapshot finishedSnapshot(const RunSettings& settings, const RunHistory& history,
                                 const RunResult& result) {
    SamplerSnapshot snapshot;
    snapshot.warmup = false;
    snapshot.iterations =
        static_cast<std::int64_t>(settings.sampler.warmup) + settings.sampler.draws;
    const SegmentStatistics& stats = history.segmentStatistics();
    snapshot.draws = stats.draws;
    snapshot.sampleMean = stats.draws > 0 ? stats.mean : std::nan("");
    snapshot.sampleSd = stats.sd();
    for (const ChainResult& chain : result.chains) {
        snapshot.stepSize.push_back(chain.stepSize);
        snapshot.inverseMetric.push_back(chain.inverseMetric);
    }
    snapshot.meanTreeDepth = stats.meanTreeDepth();
    snapshot.meanLeapfrogSteps = stats.meanLeapfrogs();
    snapshot.meanAcceptStat = stats.meanAcceptStat();
    snapshot.divergences = history.divergencesInSegment();
    if (stats.draws > 1) {
        const std::vector<std::vector<double>> draws = history.segmentDraws();
        snapshot.diagnostics = summarize(ChainSpans(draws.begin(), draws.end()));
    }
    return snapshot;
}

std::unique_ptr<StepRun> runStep(const LessonStep& step) {
    auto run = std::make_unique<StepRun>();
    run->settings = step.session.settings;
    run->statistic = BitData::generate(run->settings.data).statistic();
    run->result =
        runChains(CouplingTarget(run->settings.model, run->statistic), run->settings.sampler);
    fillHistory(run->history, run->settings, run->statistic, run->result);
    run->input = makeExplanationInput(run->settings, run->statistic,
                                      finishedSnapshot(run->settings, run->history, run->result));
    return run;
}

// The sweep tab's sweep with the step's sampler, as the window runs it from that step.
SweepSpec stepSweep(const LessonStep& step) {
    SweepSpec spec = defaultSweepSpec();
    SamplerSettings sampler = step.session.settings.sampler;
    sampler.chains = spec.sampler.chains;
    sampler.warmup = spec.sampler.warmup;
    sampler.draws = spec.sampler.draws;
    sampler.seed = spec.sampler.seed;
    spec.sampler = sampler;
    spec.prior = step.session.settings.model;
    return spec;
}

QString onOff(bool on) {
    return on ? tr("on") : tr("off");
}

QString settingsLine(const RunSettings& s) {
    const QString likelihood = s.model.likelihood == Likelihood::ExactBoltzmann
                                   ? tr("exact Boltzmann")
                                   : tr("potential only");
    const QString metric =
        s.sampler.adaptMetric ? (s.sampler.denseMetric ? tr("dense") : tr("diagonal")) : tr("unit");
    const QString step =
        s.sampler.adaptStepSize
            ? tr("ε adapted to acceptance %1").arg(formatCompact(s.sampler.targetAccept))
            : tr("ε fixed at %1").arg(formatCompact(s.sampler.stepSize));
    return tr("Data: N = %1 pairs, true W = %2, seed %3 · Model: %4, divide by N %5, prior "
              "N(%6, %7) · Sampler: metric %8, %9, %10 chains × (%11 warmup + %12 draws), seed %13")
        .arg(formatCount(static_cast<std::int64_t>(s.data.pairs)), formatCompact(s.data.coupling))
        .arg(s.data.seed)
        .arg(likelihood, onOff(s.model.divideByN), formatCompact(s.model.priorMean),
             formatCompact(s.model.priorSd), metric, step)
        .arg(s.sampler.chains)
        .arg(s.sampler.warmup)
        .arg(s.sampler.draws)
        .arg(s.sampler.seed);
}

QString sweepLine(const SweepSpec& spec) {
    return tr("Sweep: N from %1 to %2 (%3 values), the four models, metric adapted and unit, "
              "%4 chain × (%5 warmup + %6 draws) per point")
        .arg(formatCount(static_cast<std::int64_t>(spec.pairs.front())),
             formatCount(static_cast<std::int64_t>(spec.pairs.back())))
        .arg(spec.pairs.size())
        .arg(spec.sampler.chains)
        .arg(spec.sampler.warmup)
        .arg(spec.sampler.draws);
}

QString questionHtml(const LessonQuestion& question, const ExplanationInput& input) {
    QString html = QStringLiteral("<p><b>%1</b> %2</p>")
                       .arg(tr("Question."), asHtml(fillPlaceholders(question.text, input)));
    if (question.isNumber()) {
        const QString answer =
            question.tolerance > 0.0
                ? tr("Answer: %1 (a guess within %2 counts)")
                      .arg(formatCompact(question.number), formatCompact(question.tolerance))
                : tr("Answer: %1").arg(formatCompact(question.number));
        return html + QStringLiteral("<p style=\"margin-left:18px\">%1 <b>%2</b></p>")
                          .arg(tr("A number to guess."), answer);
    }
    // On one line, as the strip shows them, so that the plots keep their height.
    QStringList choices;
    for (qsizetype i = 0; i < question.choices.size(); ++i) {
        const QString choice = choiceLetter(i) + QStringLiteral(")&nbsp;") +
                               asHtml(fillPlaceholders(question.choices.at(i), input));
        choices.append(i == question.answer
                           ? QStringLiteral("<b>%1 — %2</b>").arg(choice, tr("the answer"))
                           : choice);
    }
    html += QStringLiteral("<p style=\"margin-left:18px\">%1</p>")
                .arg(choices.join(QStringLiteral(" &nbsp;&nbsp;·&nbsp;&nbsp; ")));
    return html;
}

QString headerHtml(const Lesson& lesson, int index, const ExplanationInput& input) {
    const LessonStep& step = lesson.steps[static_cast<std::size_t>(index)];
    QString html = QStringLiteral("<p style=\"color:#555555\">%1 · %2</p>")
                       .arg(lesson.title.toHtmlEscaped(),
                            tr("Step %1 of %2").arg(index + 1).arg(lesson.steps.size()));
    html +=
        QStringLiteral("<p style=\"font-size:18pt\"><b>%1</b></p>").arg(step.title.toHtmlEscaped());
    if (step.question) html += questionHtml(*step.question, input);
    return html;
}

QString bodyHtml(const LessonStep& step, const ExplanationInput& input, const QString& footer) {
    QString html;
    if (!step.explanation.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(asHtml(fillPlaceholders(step.explanation, input)));
    if (!step.reveal.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("Answer."), asHtml(fillPlaceholders(step.reveal, input)));
    }
    html += QStringLiteral("<p style=\"color:#555555; font-size:8pt\">%1</p>")
                .arg(footer.toHtmlEscaped());
    return html;
}

std::unique_ptr<QTextDocument> document(const QString& html, int width) {
    auto doc = std::make_unique<QTextDocument>();
    QFont font = QApplication::font();
    font.setPointSizeF(kBodyPointSize);
    doc->setDefaultFont(font);
    doc->setDocumentMargin(0);
    doc->setTextWidth(width);
    doc->setHtml(html);
    return doc;
}

// The panels in rows of up to two (three from five panels on), each as wide as its column and
// at most 3/4 as high, in `area`.
QList<CompositeCell> plotCells(const QList<PlotPanel*>& panels, QRect area) {
    QList<CompositeCell> cells;
    const auto count = static_cast<int>(panels.size());
    if (count == 0) return cells;
    const int columns = count == 1 ? 1 : count <= 4 ? 2 : 3;
    const int rows = (count + columns - 1) / columns;
    const int width = (area.width() - (columns - 1) * kGap) / columns;
    const int height = std::min((area.height() - (rows - 1) * kGap) / rows, width * 3 / 4);
    for (int i = 0; i < count; ++i) {
        const QPoint corner(area.left() + (i % columns) * (width + kGap),
                            area.top() + (i / columns) * (height + kGap));
        cells.append({panels[i], QRect(corner, QSize(width, height))});
    }
    return cells;
}

// Draws one step's page: the header, the plots between, the explanation and footer at the foot.
void paintPage(QCPPainter& painter, const QString& header, const QString& body,
               const QList<PlotPanel*>& panels) {
    const int width = kPage.width() - 2 * kMargin;
    const std::unique_ptr<QTextDocument> top = document(header, width);
    const std::unique_ptr<QTextDocument> bottom = document(body, width);
    const int topHeight = static_cast<int>(std::ceil(top->size().height()));
    const int bottomHeight = static_cast<int>(std::ceil(bottom->size().height()));
    const int plotsTop = kMargin + topHeight + kGap;
    const int plotsHeight =
        std::max(kMinPlotsHeight, kPage.height() - kMargin - bottomHeight - kGap - plotsTop);

    painter.fillRect(QRect(QPoint(0, 0), kPage), Qt::white);
    painter.save();
    painter.translate(kMargin, kMargin);
    top->drawContents(&painter);
    painter.restore();

    const QList<CompositeCell> cells =
        plotCells(panels, QRect(kMargin, plotsTop, width, plotsHeight));
    for (const CompositeCell& cell : cells)
        cell.panel->resize(cell.rect.size());  // time series thin their data for this width
    paintCells(painter, cells);
    int plotsBottom = plotsTop;
    for (const CompositeCell& cell : cells)
        plotsBottom = std::max(plotsBottom, cell.rect.bottom() + 1);

    painter.save();
    painter.translate(kMargin,
                      std::min(plotsBottom + kGap, kPage.height() - kMargin - bottomHeight));
    bottom->drawContents(&painter);
    painter.restore();
}

// The run tab's plots for the step: the window's plot grid, offscreen, at the end of the run.
void paintRunStep(QCPPainter& painter, const LessonStep& step, const StepRun& run,
                  const QString& header) {
    PlotGrid grid;
    grid.setAttribute(Qt::WA_DontShowOnScreen);
    grid.resize(kPage.width() - 2 * kMargin, kPage.height() / 2);
    grid.show();
    DisplaySettings display = step.session.display;
    const std::int64_t iterations =
        static_cast<std::int64_t>(run.settings.sampler.warmup) + run.settings.sampler.draws;
    display.traceWindow =
        static_cast<int>(std::clamp<std::int64_t>(iterations, kMinTraceWindow, kMaxTraceWindow));
    grid.refresh(run.history, display);
    const std::optional<TrajectorySnapshot> trajectory =
        lastTrajectory(run.settings, run.statistic, run.result);
    if (trajectory) grid.refreshTrajectory(&*trajectory, run.history.currentSegment());
    QList<PlotPanel*> shown;
    for (PlotPanel* panel : grid.panels()) {
        if (step.plots.contains(panel->exportName())) shown.append(panel);
    }
    paintPage(painter, header, bodyHtml(step, run.input, settingsLine(run.settings)), shown);
}

// The sweep tab's four plots for a step on that tab, after its sweep over N.
void paintSweepStep(QCPPainter& painter, const LessonStep& step, const StepRun& run,
                    const QString& header) {
    const SweepSpec spec = stepSweep(step);
    const std::vector<SweepPoint> points = runSweep(spec);
    QWidget holder;
    holder.setAttribute(Qt::WA_DontShowOnScreen);
    QList<PlotPanel*> panels{new SweepStepSizePlot(&holder), new SweepLeapfrogPlot(&holder),
                             new SweepSdPlot(&holder), new SweepMeanPlot(&holder)};
    holder.resize(kPage.width(), kPage.height());
    holder.show();
    for (PlotPanel* panel : panels)
        static_cast<SweepPlot*>(panel)->setPoints(spec, points);
    paintPage(painter, header, bodyHtml(step, run.input, sweepLine(spec)), panels);
}

QString machineLine(const MachineRunSpec& spec) {
    QStringList theta;
    for (double w : spec.data.couplings)
        theta.append(formatCompact(w));
    QStringList biases;
    for (double b : spec.data.biases)
        biases.append(formatCompact(b));
    return tr("Boltzmann machine: K = %1 units%2, true couplings (%3), true biases (%4), N = %5, "
              "%6, metric %7; NUTS, %8 chains of %9 warmup + %10 draws, seed %11.")
        .arg(spec.data.units)
        .arg(spec.biases ? tr(" with biases") : QString())
        .arg(theta.join(QStringLiteral(", ")), biases.join(QStringLiteral(", ")),
             formatCount(static_cast<std::int64_t>(spec.data.observations)),
             spec.model.likelihood == Likelihood::ExactBoltzmann ? tr("exact Boltzmann")
                                                                 : tr("potential only"),
             QString::fromLatin1(toString(metricKind(spec.sampler)).data()))
        .arg(spec.sampler.chains)
        .arg(spec.sampler.warmup)
        .arg(spec.sampler.draws)
        .arg(spec.sampler.seed);
}

// The Boltzmann machine tab's plots for a step on that tab, after its run, for the most
// correlated pair; the step's text with the run's numbers.
void paintMachineStep(QCPPainter& painter, const LessonStep& step, const QString& header) {
    const MachineRunSpec spec =
        step.session.machine.value_or(MachineSession{defaultMachineRunSpec(), {}, {}}).spec;
    const std::shared_ptr<const MachineRunOutcome> outcome = runMachine(spec);
    const std::pair<int, int> pair = strongestCorrelationPair(outcome->reference.covariance);
    const int x = pair.first;
    const int y = pair.second;
    const MachineChainResult& first = outcome->run.chains.front();
    const MetricGeometry geometry =
        metricGeometry(outcome->reference.covariance, first.inverseMetric, first.base.stepSize);
    QWidget holder;
    holder.setAttribute(Qt::WA_DontShowOnScreen);
    auto* pairs = new PairsPlot(&holder);
    auto* trajectory = new PositionTrajectoryPlot(&holder);
    auto* steps = new StepWidthPlot(&holder);
    auto* trace = new ParameterTracePlot(&holder);
    auto* posterior = new ParameterPosteriorPlot(&holder);
    auto* effectiveSteps = new EffectiveStepPlot(&holder);
    auto* treeDepth = new TreeDepthAcceptancePlot(&holder);
    holder.resize(kPage.width(), kPage.height());
    holder.show();
    // A step that names none of the plots gets the three the lesson is about: a page holds no more.
    QList<PlotPanel*> shown;
    for (PlotPanel* panel :
         QList<PlotPanel*>{pairs, trajectory, trace, posterior, steps, effectiveSteps, treeDepth}) {
        if (step.plots.contains(panel->exportName())) shown.append(panel);
    }
    if (shown.isEmpty()) shown = {pairs, trajectory, steps};
    if (shown.contains(pairs)) pairs->setRun(*outcome, x, y);
    if (shown.contains(trajectory)) trajectory->setRun(*outcome, x, y);
    if (shown.contains(steps)) steps->setRun(*outcome, geometry);
    if (shown.contains(trace)) trace->setRun(*outcome, x);
    if (shown.contains(posterior)) posterior->setRun(*outcome, x);
    if (shown.contains(effectiveSteps)) effectiveSteps->setRun(*outcome, x, y);
    if (shown.contains(treeDepth)) treeDepth->setRun(*outcome);
    const auto fill = [&](const QString& text) {
        return asHtml(fillMachinePlaceholders(text, outcome.get(), geometry, x, y));
    };
    QString body;
    if (!step.explanation.isEmpty())
        body += QStringLiteral("<p>%1</p>").arg(fill(step.explanation));
    if (!step.reveal.isEmpty())
        body += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Answer."), fill(step.reveal));
    body += QStringLiteral("<p style=\"color:#555555; font-size:8pt\">%1</p>")
                .arg(machineLine(spec).toHtmlEscaped());
    paintPage(painter, header, body, shown);
}

}  // namespace

QByteArray renderLessonHandout(const Lesson& lesson, const HandoutProgress& progress) {
    const auto steps = static_cast<int>(lesson.steps.size());
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setCreator(softwareName());
        writer.setTitle(tr("%1 (handout)").arg(lesson.title));
        writer.setResolution(kDpi);
        QPageLayout layout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(0, 0, 0, 0));
        layout.setMode(QPageLayout::FullPageMode);
        if (!writer.setPageLayout(layout)) throw ExportError("cannot set the PDF page size");
        QCPPainter painter;
        for (int i = 0; i < steps; ++i) {
            if (progress && !progress(i, steps)) throw HandoutCancelled();
            const LessonStep& step = lesson.steps[static_cast<std::size_t>(i)];
            if (i == 0) {
                if (!painter.begin(&writer)) throw ExportError("cannot start the PDF");
                painter.setMode(QCPPainter::pmVectorized);
                painter.setMode(QCPPainter::pmNoCaching);
                painter.setWindow(QRect(QPoint(0, 0), kPage));
            } else if (!writer.newPage()) {
                throw ExportError("cannot add a page to the PDF");
            }
            // A step on the machine tab draws the machine's run only (its question uses none of
            // the live run's numbers); the others need the live run's.
            if (step.tab == kMachineTab) {
                paintMachineStep(painter, step, headerHtml(lesson, i, ExplanationInput{}));
                continue;
            }
            const std::unique_ptr<StepRun> run = runStep(step);
            const QString header = headerHtml(lesson, i, run->input);
            if (step.tab == kSweepTab) {
                paintSweepStep(painter, step, *run, header);
            } else {
                paintRunStep(painter, step, *run, header);
            }
        }
        if (painter.isActive()) painter.end();
    }
    if (progress) progress(steps, steps);
    return bytes;
}

void writeLessonHandout(const Lesson& lesson, const QString& path,
                        const HandoutProgress& progress) {
    const QByteArray bytes = renderLessonHandout(lesson, progress);
    writeFileSafely(path, bytes);
}

}  // namespace couplinglab::ui
