// Reading a PDF back as a reader sees it, with poppler's pdfinfo and pdftotext (scripts/setup.sh
// installs poppler-utils; without them these return nothing and say which is missing).
#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace couplinglab::testing {

// The program's standard output, or an empty string when it is missing or fails.
inline QString runPdfTool(const QString& program, const QStringList& arguments) {
    if (QStandardPaths::findExecutable(program).isEmpty()) {
        qWarning("%s is missing: install poppler-utils (scripts/setup.sh does)",
                 qPrintable(program));
        return {};
    }
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

inline QString pdfInfo(const QString& pdf) {
    return runPdfTool(QStringLiteral("pdfinfo"), {pdf});
}

// -1 when the file cannot be read.
inline int pdfPageCount(const QString& pdf) {
    static const QRegularExpression pages(QStringLiteral("Pages:\\s+(\\d+)"));
    const QRegularExpressionMatch match = pages.match(pdfInfo(pdf));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

// The text of page `page` (1-based), whitespace runs made single spaces.
inline QString pdfPageText(const QString& pdf, int page) {
    const QString number = QString::number(page);
    return runPdfTool(QStringLiteral("pdftotext"),
                      {QStringLiteral("-f"), number, QStringLiteral("-l"), number, pdf,
                       QStringLiteral("-")})
        .simplified();
}

}  // namespace couplinglab::testing
