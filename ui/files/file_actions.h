#pragma once

#include <QList>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>
#include <functional>

#include "ui/files/plot_exporter.h"
#include "ui/settings/session.h"

class QAction;
class QMenu;
class QSettings;
class QWidget;

namespace couplinglab::ui {

class PlotPanel;
class RunHistory;

// What FileActions needs from the window, as functions so that tests can give a fake state.
struct FileActionsContext {
    std::function<QList<PlotPanel*>()> panels;   // every plot, in grid order
    std::function<QSize()> gridSize;             // on-screen size of the plot area (composite)
    std::function<const RunHistory&()> history;  // snapshot source for draws export
    std::function<Session()> currentSession;
    // Replaces every setting (the control panel shows them, the run is reset). Called only
    // with a session that passed validation.
    std::function<void(const Session&)> applySession;
    // One line describing the run's settings, written into exported images. When empty, the
    // current session as compact JSON (sessionMetadata).
    std::function<QString()> metadata;
};

// The File menu's session and export actions and the work behind them, so that the main window
// only wires them up. Interactive slots show at most one QMessageBox for a failure; the workers
// below take no dialogs and throw instead, for tests and scripts.
//
// QSettings keys: session/recent (up to kMaxRecentSessions paths, newest first),
// session/folder, export/* (see ExportDialog), export/drawsPath.
class FileActions : public QObject {
    Q_OBJECT

  public:
    static constexpr int kMaxRecentSessions = 8;

    // `window` parents the dialogs; `settings` must outlive this object.
    FileActions(QWidget* window, QSettings& settings, FileActionsContext context);
    ~FileActions() override;

    // Puts Open session…, Save session…, Recent sessions ▸, a separator, Export plots… and
    // Export draws… at the top of `file`, followed by a separator when `file` has other
    // actions already (e.g. Quit).
    void populateFileMenu(QMenu* file);
    // The right-click menu (installPlotContextMenu) on every panel from context.panels().
    void installContextMenus();

    // ---- The workers behind the actions: no dialogs, throw on failure ------------------------

    // Every panel as FOLDER/<exportName>.<suffix>, plus FOLDER/plot-grid.<suffix> with
    // `composite` (at options.size, or context.gridSize() when that is empty). Returns the
    // written paths. Everything is rendered before anything is written (the files show one
    // moment of the run), then written as one set (writeFilesSafely): when any file cannot be
    // written, ExportError names it and the folder is left as it was.
    QStringList exportPlots(const QString& folder, const ExportOptions& options, bool composite);
    // Stan CSV as couplinglab-cli --output writes it, byte for byte: one file per chain with
    // CmdStan's naming (FILE.csv for one chain, FILE_1.csv … FILE_K.csv for K). Only the
    // current segment's post-warmup draws are written (those since the last reset or switch of
    // data, model or sampler), with that segment's settings in the header (num_warmup is the
    // segment's warmup: 0 after a switch that kept the tuning) and the step size and inverse
    // metric in force at each chain's last iteration in the adaptation block. A run finished
    // since a reset therefore gives the CLI's files for the same settings and seed; a run still
    // sampling gives the draws so far (the header still says the planned num_samples). The
    // history is read here, on the GUI thread where it changes, so exporting while sampling
    // writes a consistent snapshot. Throws InputError when there are no draws yet, ExportError
    // when a file cannot be written (then no file of the set is written).
    QStringList exportDraws(const QString& pathOfFirstChain);
    // Writes context.currentSession(); adds `path` to the recent sessions. Throws SessionError.
    void saveSession(const QString& path);
    // Loads and validates, then calls context.applySession; adds `path` to the recent
    // sessions. Throws SessionError, and then changes nothing.
    Session openSession(const QString& path);

    // As File ▸ Open after the dialog: opens `path`, or shows in a message box why it could not,
    // changing nothing. For a session named on the command line.
    void openSessionReportingErrors(const QString& path) { openRecentSession(path); }
    // At most kMaxRecentSessions, however many the settings file holds.
    QStringList recentSessions() const;
    void clearRecentSessions();

    QAction* openSessionAction() const { return openAction_; }
    QAction* saveSessionAction() const { return saveAction_; }
    QAction* exportPlotsAction() const { return exportPlotsAction_; }
    QAction* exportDrawsAction() const { return exportDrawsAction_; }
    QMenu* recentSessionsMenu() const { return recentMenu_; }

  signals:
    // A short confirmation for the status bar, e.g. "Exported 7 plots to /home/x/figures".
    void statusMessage(const QString& text);

  private:
    // The interactive versions: dialogs in, one message box out.
    void openSessionInteractively();
    void openRecentSession(const QString& path);
    void saveSessionInteractively();
    void exportPlotsInteractively();
    void exportDrawsInteractively();

    void addRecentSession(const QString& path);
    void removeRecentSession(const QString& path);
    void rebuildRecentMenu();
    QString metadata() const;
    void showError(const QString& title, const QString& message) const;

    QWidget* window_;
    QSettings& settings_;
    FileActionsContext context_;
    QAction* openAction_;
    QAction* saveAction_;
    QAction* exportPlotsAction_;
    QAction* exportDrawsAction_;
    QMenu* recentMenu_;
};

}  // namespace couplinglab::ui
