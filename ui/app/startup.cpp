#include "ui/app/startup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include "core/input_file.h"
#include "ui/app/main_window.h"
#include "ui/files/file_actions.h"

namespace couplinglab::ui {
namespace {

std::optional<QString> notRegularFile(const QString& path) {
    if (auto problem = notRegularFileProblem(QFile::encodeName(path).toStdString()))
        return QString::fromLocal8Bit(*problem);
    return std::nullopt;
}

// The files a default QSettings reads on Unix, found without constructing one (its constructor
// already reads them): ORGANIZATION/APPLICATION.conf and ORGANIZATION.conf in the user's and
// the system's configuration folders (XDG_CONFIG_HOME, XDG_CONFIG_DIRS).
QStringList defaultConfigurationFiles() {
    const QString organization = QCoreApplication::organizationName();
    const QString application = QCoreApplication::applicationName();
    QStringList files;
    for (const QString& folder :
         QStandardPaths::standardLocations(QStandardPaths::GenericConfigLocation)) {
        const QDir dir(folder);
        files.append(
            dir.filePath(organization + QLatin1Char('/') + application + QStringLiteral(".conf")));
        files.append(dir.filePath(organization + QStringLiteral(".conf")));
    }
    return files;
}

}  // namespace

ApplicationSettings::ApplicationSettings(const QString& path) {
    if (!path.isEmpty()) {
        if (auto problem = notRegularFile(path)) throw StartupError(problem->toStdString());
        settings_ = std::make_unique<QSettings>(path, QSettings::IniFormat);
        return;
    }
    for (const QString& file : defaultConfigurationFiles()) {
        if (auto problem = notRegularFile(file)) {
            warning_ = *problem + QStringLiteral(
                                      "; starting with the default settings, which "
                                      "will not be kept");
            scratch_ = std::make_unique<QTemporaryDir>();
            settings_ = std::make_unique<QSettings>(
                scratch_->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
            return;
        }
    }
    settings_ = std::make_unique<QSettings>();
}

void openSessionFromCommandLine(MainWindow& window, const QString& path) {
    window.fileActions()->openSessionReportingErrors(path);
}

}  // namespace couplinglab::ui
