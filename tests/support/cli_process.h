#pragma once

// Running couplinglab-cli as a user does, for the suites of tests/cli: the real executable in
// a QProcess, directly or through /bin/sh (for umask, ulimit, redirections and names that are
// not UTF-8), and what a run may not change in a folder.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <sys/stat.h>

#ifndef COUPLINGLAB_CLI_PATH
#error "COUPLINGLAB_CLI_PATH must name the couplinglab-cli executable"
#endif

namespace couplinglab::testing {

struct Outcome {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline Outcome finish(QProcess& process) {
    Outcome outcome;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        outcome.err = "the process did not finish";
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.out = process.readAllStandardOutput();
    outcome.err = process.readAllStandardError();
    return outcome;
}

// The executable with `arguments` in `directory`, in `environment` (the test's own by default).
inline Outcome runCli(
    const QStringList& arguments, const QString& directory,
    const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(COUPLINGLAB_CLI_PATH), arguments);
    if (!process.waitForStarted(10000)) return {};
    return finish(process);
}

// `script` run by /bin/sh in `directory` with $CLI naming the executable.
inline Outcome runShell(const QString& script, const QString& directory) {
    QProcess process;
    process.setWorkingDirectory(directory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("CLI"), QStringLiteral(COUPLINGLAB_CLI_PATH));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
    if (!process.waitForStarted(10000)) return {};
    return finish(process);
}

inline QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// The names of every entry of the folder, hidden ones included, sorted.
inline QStringList entries(const QString& directory) {
    return QDir(directory).entryList(
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
}

// Every entry of the folder, hidden ones included, with its size and first bytes: what a
// refused or failed run may not change.
inline QStringList snapshot(const QString& directory) {
    QStringList result;
    for (const QFileInfo& entry : QDir(directory).entryInfoList(
             QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name)) {
        result.append(
            entry.fileName() + QLatin1Char(':') +
            QString::number(entry.isFile() ? entry.size() : -1) + QLatin1Char(':') +
            // Only regular files are read: opening a FIFO would block.
            QString::fromLatin1(
                (entry.isFile() ? readAll(entry.filePath()) : QByteArray()).toHex().left(64)));
    }
    return result;
}

inline int errLines(const Outcome& outcome) {
    return static_cast<int>(outcome.err.trimmed().split('\n').size());
}

inline mode_t modeOf(const QString& path) {
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode : 0;
}

}  // namespace couplinglab::testing
