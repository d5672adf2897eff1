#include "ui/startup.h"

#include <QFile>

#include "core/input_file.h"
#include "ui/export/file_actions.h"
#include "ui/main_window.h"

namespace couplinglab::ui {
namespace {

std::optional<QString> notRegularFile(const QString& path) {
    if (auto problem = notRegularFileProblem(QFile::encodeName(path).toStdString()))
        return QString::fromLocal8Bit(*problem);
    return std::nullopt;
}

}  // namespace

ApplicationSettings::ApplicationSettings(const QString& path) {
    if (!path.isEmpty()) {
        if (auto problem = notRegularFile(path)) throw StartupError(problem->toStdString());
        settings_ = std::make_unique<QSettings>(path, QSettings::IniFormat);
        return;
    }
    settings_ = std::make_unique<QSettings>();  // reads nothing until the first value() or sync
    if (auto problem = notRegularFile(settings_->fileName())) {
        warning_ = *problem + QStringLiteral("; starting with the default settings, which will "
                                             "not be kept");
        scratch_ = std::make_unique<QTemporaryDir>();
        settings_ = std::make_unique<QSettings>(scratch_->filePath(QStringLiteral("settings.ini")),
                                                QSettings::IniFormat);
    }
}

void openSessionFromCommandLine(MainWindow& window, const QString& path) {
    window.fileActions()->openSessionReportingErrors(path);
}

}  // namespace couplinglab::ui
