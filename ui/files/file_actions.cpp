#include "ui/files/file_actions.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <span>
#include <utility>
#include <vector>

#include "core/stan_csv.h"
#include "ui/files/export_dialog.h"
#include "ui/files/plot_context_menu.h"
#include "ui/plots/plot_panel.h"
#include "ui/run/run_history.h"

namespace couplinglab::ui {
namespace {

const QString kRecentKey = QStringLiteral("session/recent");
const QString kSessionFolderKey = QStringLiteral("session/folder");
const QString kDrawsPathKey = QStringLiteral("export/drawsPath");

using PendingFile = std::pair<QString, QByteArray>;

QString folderOr(const QString& folder, QStandardPaths::StandardLocation fallback) {
    if (!folder.isEmpty() && QFileInfo(folder).isDir()) return folder;
    const QString location = QStandardPaths::writableLocation(fallback);
    return location.isEmpty() ? QDir::homePath() : location;
}

QStringList existing(const QStringList& paths) {
    QStringList found;
    for (const QString& path : paths) {
        if (QFileInfo::exists(path)) found.append(QFileInfo(path).fileName());
    }
    return found;
}

}  // namespace

FileActions::FileActions(QWidget* window, QSettings& settings, FileActionsContext context)
    : QObject(window),
      window_(window),
      settings_(settings),
      context_(std::move(context)),
      openAction_(new QAction(tr("&Open session…"), this)),
      saveAction_(new QAction(tr("&Save session…"), this)),
      exportPlotsAction_(new QAction(tr("&Export plots…"), this)),
      exportDrawsAction_(new QAction(tr("Export &draws…"), this)),
      recentMenu_(new QMenu(tr("&Recent sessions"), window)) {
    openAction_->setObjectName(QStringLiteral("openSessionAction"));
    openAction_->setShortcut(QKeySequence::Open);
    openAction_->setToolTip(tr("Replace every setting by those of a saved session"));
    saveAction_->setObjectName(QStringLiteral("saveSessionAction"));
    saveAction_->setShortcut(QKeySequence::Save);
    saveAction_->setToolTip(tr("Save every setting, so that Start gives the same draws again"));
    exportPlotsAction_->setObjectName(QStringLiteral("exportPlotsAction"));
    exportPlotsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportPlotsAction_->setToolTip(tr("Write every plot as PNG, JPG, PDF or SVG into a folder"));
    exportDrawsAction_->setObjectName(QStringLiteral("exportDrawsAction"));
    exportDrawsAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportDrawsAction_->setToolTip(
        tr("Write the draws since the last switch as Stan CSV, one file per chain"));
    recentMenu_->setObjectName(QStringLiteral("recentSessionsMenu"));

    connect(openAction_, &QAction::triggered, this, &FileActions::openSessionInteractively);
    connect(saveAction_, &QAction::triggered, this, &FileActions::saveSessionInteractively);
    connect(exportPlotsAction_, &QAction::triggered, this, &FileActions::exportPlotsInteractively);
    connect(exportDrawsAction_, &QAction::triggered, this, &FileActions::exportDrawsInteractively);
    connect(recentMenu_, &QMenu::aboutToShow, this, &FileActions::rebuildRecentMenu);
    rebuildRecentMenu();
}

FileActions::~FileActions() {
    if (window_ == nullptr) delete recentMenu_;  // else the window owns it
}

void FileActions::populateFileMenu(QMenu* file) {
    QAction* before = file->actions().value(0, nullptr);
    file->insertAction(before, openAction_);
    file->insertAction(before, saveAction_);
    file->insertMenu(before, recentMenu_);
    file->insertSeparator(before);
    file->insertAction(before, exportPlotsAction_);
    file->insertAction(before, exportDrawsAction_);
    if (before != nullptr) file->insertSeparator(before);
}

void FileActions::installContextMenus() {
    for (PlotPanel* panel : context_.panels())
        installPlotContextMenu(
            panel, [this] { return metadata(); }, &settings_);
}

QStringList FileActions::exportPlots(const QString& folder, const ExportOptions& options,
                                     bool composite) {
    if (!QFileInfo(folder).isDir()) {
        throw ExportError(QStringLiteral("cannot write into '%1': there is no such folder")
                              .arg(folder)
                              .toStdString());
    }
    const QDir dir(folder);
    const QString line = metadata();
    const QList<PlotPanel*> panels = context_.panels();
    QList<PendingFile> files;
    const auto rendered = [](const QString& path, const std::function<QByteArray()>& render) {
        try {
            return PendingFile{path, render()};
        } catch (const ExportError& error) {
            throw ExportError(QStringLiteral("cannot write '%1': %2")
                                  .arg(path, QString::fromStdString(error.what()))
                                  .toStdString());
        }
    };
    // Everything is drawn before anything is written: the files show one moment of the run.
    for (PlotPanel* panel : panels) {
        files.append(rendered(dir.filePath(plotFileName(*panel, options.format)),
                              [&] { return renderPlot(*panel, options, line); }));
    }
    if (composite && !panels.isEmpty()) {
        QSize figure = options.size;
        if (!figure.isValid()) figure = context_.gridSize ? context_.gridSize() : QSize();
        if (figure.isEmpty()) figure = onScreenGridSize(panels);
        if (figure.isEmpty()) figure = kDefaultExportSize;
        const QString path =
            dir.filePath(compositeFileStem() + QLatin1Char('.') + formatSuffix(options.format));
        files.append(rendered(path, [&] {
            return renderComposite(compositeCells(panels, figure), figure, options,
                                   QStringLiteral("Coupling Lab plots"), line);
        }));
    }
    return writeFilesSafely(files);
}

QStringList FileActions::exportDraws(const QString& pathOfFirstChain) {
    const RunHistory& history = context_.history();
    const Segment* segment = history.currentSegment();
    if (segment == nullptr || history.chainCount() == 0 || history.drawsInSegment() == 0) {
        throw InputError(
            "there are no draws to export yet: the chains are still in warmup or have not "
            "started (only the draws since the last reset or switch are exported)");
    }
    const int chains = history.chainCount();
    const std::vector<std::string> names = chainFileNames(pathOfFirstChain.toStdString(), chains);
    QList<PendingFile> files;
    for (int c = 0; c < chains; ++c) {
        const ChainHistory& chain = history.chain(c);
        std::vector<IterationRecord> draws;
        const auto first = static_cast<std::size_t>(std::max<std::int64_t>(segment->start, 0));
        for (std::size_t i = first; i < chain.size(); ++i) {
            if (!chain.warmup(i)) draws.push_back(chain.record(i));
        }
        CsvRunInfo info;
        info.data = segment->settings.data;
        info.statistic = segment->statistic;
        info.model = segment->settings.model;
        info.sampler = segment->settings.sampler;
        info.sampler.warmup = segment->warmup;  // 0 after a switch that kept the tuning
        info.chain = c;
        if (!chain.empty()) {
            info.stepSize = chain.stepSize(chain.size() - 1);
            info.inverseMetric = chain.inverseMetric(chain.size() - 1);
        }
        const std::string csv = stanCsv(info, draws);
        files.append({QString::fromStdString(names[static_cast<std::size_t>(c)]),
                      QByteArray(csv.data(), static_cast<qsizetype>(csv.size()))});
    }
    return writeFilesSafely(files);
}

void FileActions::saveSession(const QString& path) {
    saveSessionFile(path, context_.currentSession());
    addRecentSession(path);
}

Session FileActions::openSession(const QString& path) {
    Session session = loadSessionFile(path);  // throws before anything changes
    if (context_.applySession) context_.applySession(session);
    addRecentSession(path);
    return session;
}

QStringList FileActions::recentSessions() const {
    // Capped when read: a settings file edited to hold 10^5 paths must not build a menu of
    // 10^5 entries (seconds at start-up).
    QStringList recent = settings_.value(kRecentKey).toStringList();
    if (recent.size() > kMaxRecentSessions) recent.resize(kMaxRecentSessions);
    return recent;
}

void FileActions::clearRecentSessions() {
    settings_.remove(kRecentKey);
    rebuildRecentMenu();
}

void FileActions::addRecentSession(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentSessions();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecentSessions)
        recent.removeLast();
    settings_.setValue(kRecentKey, recent);
    settings_.setValue(kSessionFolderKey, QFileInfo(absolute).absolutePath());
    rebuildRecentMenu();
}

void FileActions::removeRecentSession(const QString& path) {
    QStringList recent = recentSessions();
    recent.removeAll(path);
    settings_.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void FileActions::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = recentSessions();
    if (recent.isEmpty()) {
        recentMenu_->addAction(tr("(none)"))->setEnabled(false);
        return;
    }
    for (qsizetype i = 0; i < recent.size(); ++i) {
        const QString& path = recent[i];
        QString name = QFileInfo(path).fileName();
        name.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction* action = recentMenu_->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(name));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openRecentSession(path); });
    }
    recentMenu_->addSeparator();
    recentMenu_->addAction(tr("&Clear the list"), this, &FileActions::clearRecentSessions);
}

QString FileActions::metadata() const {
    if (context_.metadata) return context_.metadata();
    return context_.currentSession ? sessionMetadata(context_.currentSession()) : QString();
}

void FileActions::showError(const QString& title, const QString& message) const {
    QMessageBox::warning(window_, title, message);
}

// ---- Interactive versions --------------------------------------------------------------------

void FileActions::openSessionInteractively() {
    const QString folder =
        folderOr(settings_.value(kSessionFolderKey).toString(), QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getOpenFileName(
        window_, tr("Open session"), folder,
        tr("Coupling Lab sessions (*%1);;JSON files (*.json);;All files (*)")
            .arg(QLatin1String(kSessionSuffix)));
    if (!path.isEmpty()) openRecentSession(path);
}

void FileActions::openRecentSession(const QString& path) {
    if (!QFileInfo::exists(path)) {
        removeRecentSession(path);
        showError(tr("Open session"),
                  tr("The session “%1” no longer exists; it was removed from the recent "
                     "sessions. Nothing has changed.")
                      .arg(QDir::toNativeSeparators(path)));
        return;
    }
    try {
        openSession(path);
        emit statusMessage(tr("Opened the session %1").arg(QFileInfo(path).fileName()));
    } catch (const std::exception& error) {
        showError(tr("Open session"),
                  tr("The session “%1” was not opened, and nothing has changed:\n\n%2")
                      .arg(QFileInfo(path).fileName(), QString::fromStdString(error.what())));
    }
}

void FileActions::saveSessionInteractively() {
    const QString folder =
        folderOr(settings_.value(kSessionFolderKey).toString(), QStandardPaths::DocumentsLocation);
    QFileDialog dialog(
        window_, tr("Save session"),
        QDir(folder).filePath(QStringLiteral("session") + QLatin1String(kSessionSuffix)),
        tr("Coupling Lab sessions (*%1);;All files (*)").arg(QLatin1String(kSessionSuffix)));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QLatin1String(kSessionSuffix).mid(1));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
    const QString path = dialog.selectedFiles().constFirst();
    try {
        saveSession(path);
        emit statusMessage(tr("Saved the session to %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& error) {
        showError(tr("Save session"),
                  tr("The session was not saved:\n\n%1").arg(QString::fromStdString(error.what())));
    }
}

void FileActions::exportPlotsInteractively() {
    const QList<PlotPanel*> panels = context_.panels();
    QStringList stems;
    for (const PlotPanel* panel : panels)
        stems.append(panel->exportName());
    const QSize gridSize = context_.gridSize ? context_.gridSize() : onScreenGridSize(panels);
    ExportDialog dialog(settings_, gridSize, stems, window_);
    if (dialog.exec() != QDialog::Accepted) return;

    const ExportOptions options = dialog.options();
    const QDir dir(dialog.folder());
    QStringList targets;
    for (const PlotPanel* panel : panels)
        targets.append(dir.filePath(plotFileName(*panel, options.format)));
    if (dialog.composite()) {
        targets.append(
            dir.filePath(compositeFileStem() + QLatin1Char('.') + formatSuffix(options.format)));
    }
    const QStringList replaced = existing(targets);
    if (!replaced.isEmpty() &&
        QMessageBox::question(window_, tr("Export plots"),
                              tr("%1 already contains %2. Replace them?")
                                  .arg(QDir::toNativeSeparators(dir.absolutePath()),
                                       replaced.join(QStringLiteral(", "))),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes) {
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        const QStringList written = exportPlots(dialog.folder(), options, dialog.composite());
        QApplication::restoreOverrideCursor();
        emit statusMessage(tr("Exported %1 files to %2")
                               .arg(written.size())
                               .arg(QDir::toNativeSeparators(dir.absolutePath())));
    } catch (const std::exception& error) {
        QApplication::restoreOverrideCursor();
        showError(tr("Export plots"),
                  tr("No plot was exported:\n\n%1").arg(QString::fromStdString(error.what())));
    }
}

void FileActions::exportDrawsInteractively() {
    const RunHistory& history = context_.history();
    if (history.drawsInSegment() == 0) {
        showError(tr("Export draws"),
                  tr("There are no draws to export yet: only the draws after warmup since the "
                     "last reset or switch are exported."));
        return;
    }
    const QString last = settings_.value(kDrawsPathKey).toString();
    const QString start = last.isEmpty() || !QFileInfo(QFileInfo(last).absolutePath()).isDir()
                              ? QDir(folderOr(QString(), QStandardPaths::DocumentsLocation))
                                    .filePath(QStringLiteral("draws.csv"))
                              : last;
    QFileDialog dialog(window_, tr("Export draws as Stan CSV"), start,
                       tr("Stan CSV (*.csv);;All files (*)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("csv"));
    if (history.chainCount() > 1) {
        dialog.setLabelText(QFileDialog::Accept, tr("Export"));
        dialog.setToolTip(tr("%1 chains write FILE_1.csv … FILE_%1.csv").arg(history.chainCount()));
    }
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
    const QString path = dialog.selectedFiles().constFirst();

    QStringList targets;
    for (const std::string& name : chainFileNames(path.toStdString(), history.chainCount()))
        targets.append(QString::fromStdString(name));
    targets.removeAll(path);  // the file dialog asked about that one already
    const QStringList replaced = existing(targets);
    if (!replaced.isEmpty() &&
        QMessageBox::question(
            window_, tr("Export draws"),
            tr("%1 already exist. Replace them?").arg(replaced.join(QStringLiteral(", "))),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes) {
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        const QStringList written = exportDraws(path);
        QApplication::restoreOverrideCursor();
        settings_.setValue(kDrawsPathKey, path);
        emit statusMessage(written.size() == 1
                               ? tr("Wrote the draws to %1").arg(QDir::toNativeSeparators(path))
                               : tr("Wrote the draws of %1 chains to %2 … %3")
                                     .arg(written.size())
                                     .arg(QFileInfo(written.constFirst()).fileName(),
                                          QFileInfo(written.constLast()).fileName()));
    } catch (const std::exception& error) {
        QApplication::restoreOverrideCursor();
        showError(tr("Export draws"),
                  tr("No draws were exported:\n\n%1").arg(QString::fromStdString(error.what())));
    }
}

}  // namespace couplinglab::ui
