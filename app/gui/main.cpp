#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>

#include "ui/app/main_window.h"
#include "ui/app/presets.h"
#include "ui/app/startup.h"

int main(int argc, char** argv) {
    Q_INIT_RESOURCE(resources);  // the icons live in the static ui library
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CouplingLab"));
    QApplication::setApplicationName(QStringLiteral("Coupling Lab"));
    QApplication::setApplicationVersion(QStringLiteral(COUPLINGLAB_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("couplinglab"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Watch Hamiltonian Monte Carlo and NUTS sample one coupling weight between "
                       "two lists of bits."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption start(QStringLiteral("start"),
                                   QStringLiteral("Start sampling at once."));
    const QCommandLineOption preset(
        QStringLiteral("preset"),
        QStringLiteral("Open with lesson N (1-%1) of the Presets menu and start it.")
            .arg(couplinglab::ui::presets().size()),
        QStringLiteral("N"));
    const QCommandLineOption settingsFile(
        QStringLiteral("settings"),
        QStringLiteral(
            "Keep settings and window layout in FILE (INI) instead of the user's configuration."),
        QStringLiteral("FILE"));
    parser.addOptions({start, preset, settingsFile});
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QStringLiteral("A session to open (FILE.couplinglab.json)."),
                                 QStringLiteral("[session]"));
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "couplinglab: give at most one session to open\n");
        return 2;
    }

    int presetIndex = -1;
    if (parser.isSet(preset)) {
        bool ok = false;
        presetIndex = parser.value(preset).toInt(&ok) - 1;
        if (!ok || presetIndex < 0 ||
            presetIndex >= static_cast<int>(couplinglab::ui::presets().size())) {
            std::fprintf(stderr, "couplinglab: --preset: '%s' is not a preset number (1 to %zu)\n",
                         qPrintable(parser.value(preset)), couplinglab::ui::presets().size());
            return 2;
        }
    }
    std::unique_ptr<couplinglab::ui::ApplicationSettings> settings;
    try {
        settings = std::make_unique<couplinglab::ui::ApplicationSettings>(
            parser.isSet(settingsFile) ? parser.value(settingsFile) : QString());
    } catch (const couplinglab::ui::StartupError& error) {
        std::fprintf(stderr, "couplinglab: --settings: %s\n", error.what());
        return 2;
    }
    if (!settings->warning().isEmpty())
        std::fprintf(stderr, "couplinglab: %s\n", qPrintable(settings->warning()));
    couplinglab::ui::MainWindow window(settings->settings());
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        couplinglab::ui::openSessionFromCommandLine(window, parser.positionalArguments().front());
    }
    if (presetIndex >= 0) {
        window.applyPreset(presetIndex);
    } else if (parser.isSet(start)) {
        QTimer::singleShot(0, &window, [&window] { window.startPauseAction()->trigger(); });
    }
    return QApplication::exec();
}
