#include "app/cli/offscreen_application.h"

#include <QApplication>
#include <stdexcept>

#ifndef COUPLINGLAB_VERSION
#define COUPLINGLAB_VERSION "unknown"
#endif

namespace couplinglab::cli {
namespace {

// Two notices of Qt's offscreen platform that say nothing to a user of the CLI: a widget shown
// offscreen cannot pass size hints to a window system, and a root shell has no runtime folder.
// Everything else goes to the handler that was installed before.
QtMessageHandler previousHandler = nullptr;

void withoutPlatformNotices(QtMsgType type, const QMessageLogContext& context,
                            const QString& message) {
    if (message.contains(QLatin1String("does not support propagateSizeHints")) ||
        message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set"))) {
        return;
    }
    if (previousHandler != nullptr) previousHandler(type, context, message);
}

}  // namespace

OffscreenApplication::OffscreenApplication(const std::string& option) {
    previousHandler = qInstallMessageHandler(withoutPlatformNotices);
    if (QCoreApplication::instance() != nullptr) {
        if (qobject_cast<QApplication*>(QCoreApplication::instance()) == nullptr) {
            qInstallMessageHandler(previousHandler);
            throw std::runtime_error(option + ": drawing needs a QApplication in this process");
        }
    } else {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "couplinglab-cli";
        static char* argv[] = {name, nullptr};
        application_ = std::make_unique<QApplication>(argc, argv);
        QCoreApplication::setApplicationVersion(QStringLiteral(COUPLINGLAB_VERSION));
    }
}

// The application goes first: its notices while it ends are filtered too.
OffscreenApplication::~OffscreenApplication() {
    application_.reset();
    qInstallMessageHandler(previousHandler);
}

}  // namespace couplinglab::cli
