#include <QApplication>
#include <QSettings>

#include "ui/main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CouplingLab"));
    QApplication::setApplicationName(QStringLiteral("Coupling Lab"));
    QApplication::setApplicationVersion(QStringLiteral(COUPLINGLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("couplinglab"));
    QSettings settings;
    couplinglab::ui::MainWindow window(settings);
    window.show();
    return QApplication::exec();
}
