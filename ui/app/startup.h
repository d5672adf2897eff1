#pragma once

// What the window's main() does before and right after the window appears, kept here so that
// tests reach the same code: the settings file is checked before QSettings opens it, and a
// session named on the command line (`couplinglab file.couplinglab.json`) is opened as
// File ▸ Open would open it.

#include <QSettings>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <stdexcept>

namespace couplinglab::ui {

class MainWindow;

// --settings names something that cannot serve as a settings file.
class StartupError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The QSettings the window keeps its settings in.
//  - `path` given (--settings FILE): that INI file. A path that exists but is not a regular file
//    (a FIFO would block the GUI thread forever in QSettings' first read) throws StartupError.
//  - `path` empty: the user's configuration. When one of the files a default QSettings reads
//    (the user's and the system's, see defaultConfigurationFiles() in startup.cpp) exists but
//    is not a regular file, the window starts with the defaults, kept in a scratch file for
//    this session only, and warning() says why.
class ApplicationSettings {
  public:
    explicit ApplicationSettings(const QString& path);
    QSettings& settings() { return *settings_; }
    // Empty, or one line for stderr.
    const QString& warning() const { return warning_; }

  private:
    std::unique_ptr<QTemporaryDir> scratch_;  // declared first: outlives settings_
    std::unique_ptr<QSettings> settings_;
    QString warning_;
};

// Opens `path` in the window as File ▸ Open does: a file that cannot be opened is reported in a
// message box and changes nothing.
void openSessionFromCommandLine(MainWindow& window, const QString& path);

}  // namespace couplinglab::ui
