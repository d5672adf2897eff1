// File ▸ Export animation…: the dialog, then sampling and drawing with a progress dialog that
// can cancel either, then the file written atomically.
#include <QAction>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QThread>
#include <atomic>
#include <exception>
#include <thread>

#include "core/bit_data.h"
#include "ui/animation/animation_dialog.h"
#include "ui/animation/animation_export.h"
#include "ui/app/main_window.h"
#include "ui/files/plot_exporter.h"
#include "ui/run/sampling_controller.h"
#include "ui/settings/session.h"

namespace couplinglab::ui {
namespace {

// Runs the chains on a worker thread while the progress dialog stays responsive; its Cancel
// stops them. A plain std::thread, joined here: its start and join order the result for every
// checker (ThreadSanitizer cannot see through Qt's thread pool). nullopt when cancelled.
std::optional<RunResult> sampleWithProgress(const CouplingTarget& target,
                                            const SamplerSettings& sampler,
                                            QProgressDialog& progress) {
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};
    RunOptions options;
    options.cancel = &cancel;
    RunResult run;
    std::exception_ptr failure;
    std::thread worker([&] {
        try {
            run = runChains(target, sampler, options);
        } catch (...) {
            failure = std::current_exception();
        }
        finished.store(true, std::memory_order_release);
    });
    while (!finished.load(std::memory_order_acquire)) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (progress.wasCanceled()) cancel.store(true);
        QThread::msleep(5);
    }
    worker.join();
    if (failure) std::rethrow_exception(failure);
    if (run.cancelled || progress.wasCanceled()) return std::nullopt;
    return run;
}

}  // namespace

void MainWindow::createAnimationAction() {
    exportAnimationAction_ = new QAction(tr("Export a&nimation…"), this);
    exportAnimationAction_->setObjectName(QStringLiteral("exportAnimationAction"));
    exportAnimationAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    exportAnimationAction_->setToolTip(
        tr("A trajectory growing step by step, the trace filling or the whole grid, as an "
           "animated GIF or an MP4 for slides"));
    connect(exportAnimationAction_, &QAction::triggered, this,
            &MainWindow::exportAnimationInteractively);
}

void MainWindow::exportAnimationInteractively() {
    const RunSettings settings = currentSettings();
    const std::int64_t iterations =
        static_cast<std::int64_t>(settings.sampler.warmup) + settings.sampler.draws;
    const TrajectorySnapshot* shown = controller_->latestTrajectory();
    AnimationDialog dialog(qsettings_, iterations, shown != nullptr ? shown->iteration + 1 : 0,
                           this);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString path = dialog.path();
    const AnimationSpec spec = dialog.spec();

    QProgressDialog progress(tr("Sampling the current settings…"), tr("Cancel"), 0,
                             frameCount(spec), this);
    progress.setObjectName(QStringLiteral("animationProgress"));
    progress.setWindowTitle(tr("Export animation"));
    progress.setMinimumWidth(progress.fontMetrics().averageCharWidth() * 48);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    progress.setValue(0);
    QString problem;
    try {
        const SufficientStatistic statistic = BitData::generate(settings.data).statistic();
        const CouplingTarget target(settings.model, statistic);
        const std::optional<RunResult> run = sampleWithProgress(target, settings.sampler, progress);
        std::optional<QByteArray> bytes;
        if (run) {
            const AnimationProgress drawn = [&progress](int done, int total) {
                progress.setLabelText(tr("Drawing frame %1 of %2…").arg(done).arg(total));
                progress.setValue(done);
                QCoreApplication::processEvents();
                return !progress.wasCanceled();
            };
            bytes = renderAnimation(settings, statistic, *run, spec,
                                    sessionMetadata(Session{settings, {}, {}}), drawn);
        }
        progress.reset();
        if (!bytes) {
            statusBar()->showMessage(tr("Export cancelled; nothing was written"), 5000);
            return;
        }
        writeFileSafely(path, *bytes);
        statusBar()->showMessage(
            tr("Wrote %1 (%2 frames)").arg(QFileInfo(path).fileName()).arg(frameCount(spec)), 8000);
        return;
    } catch (const std::exception& error) {
        problem = QString::fromStdString(error.what());
    }
    progress.reset();
    QMessageBox::warning(this, tr("Could not export the animation"),
                         tr("%1\n\nNothing was written.").arg(problem));
}

}  // namespace couplinglab::ui
