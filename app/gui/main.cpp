#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <optional>

#include "ui/app/main_window.h"
#include "ui/app/startup.h"
#include "ui/lessons/lesson.h"
#include "ui/lessons/lesson_hookup.h"

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
    const QCommandLineOption lessonOption(
        QStringLiteral("lesson"),
        QStringLiteral("Open with the lesson NAME (a built-in lesson: %1) or FILE and start its "
                       "first step.")
            .arg(couplinglab::ui::builtInLessonNames().join(QStringLiteral(", "))),
        QStringLiteral("NAME|FILE"));
    const QCommandLineOption stepOption(
        QStringLiteral("step"),
        QStringLiteral("With --lesson: start at step N instead (1 is the first)."),
        QStringLiteral("N"));
    const QCommandLineOption settingsFile(
        QStringLiteral("settings"),
        QStringLiteral(
            "Keep settings and window layout in FILE (INI) instead of the user's configuration."),
        QStringLiteral("FILE"));
    parser.addOptions({start, lessonOption, stepOption, settingsFile});
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QStringLiteral("A session to open (FILE.couplinglab.json)."),
                                 QStringLiteral("[session]"));
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "couplinglab: give at most one session to open\n");
        return 2;
    }

    std::optional<couplinglab::ui::Lesson> lesson;
    int step = 0;
    if (parser.isSet(stepOption) && !parser.isSet(lessonOption)) {
        std::fprintf(stderr, "couplinglab: --step needs --lesson NAME|FILE\n");
        return 2;
    }
    if (parser.isSet(lessonOption)) {
        try {
            lesson = couplinglab::ui::lessonByNameOrFile(parser.value(lessonOption));
        } catch (const couplinglab::ui::LessonError& error) {
            std::fprintf(stderr, "couplinglab: --lesson: %s\n", error.what());
            return 2;
        }
        if (parser.isSet(stepOption)) {
            bool ok = false;
            step = parser.value(stepOption).toInt(&ok) - 1;
            if (!ok || step < 0 || step >= static_cast<int>(lesson->steps.size())) {
                std::fprintf(stderr,
                             "couplinglab: --step: '%s' is not a step of the lesson (1 to %zu)\n",
                             qPrintable(parser.value(stepOption)), lesson->steps.size());
                return 2;
            }
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
    if (lesson) {
        window.lessons()->startLesson(*lesson, step);
    } else if (parser.isSet(start)) {
        QTimer::singleShot(0, &window, [&window] { window.startPauseAction()->trigger(); });
    }
    return QApplication::exec();
}
