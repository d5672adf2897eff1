#pragma once

#include <QFileDevice>
#include <QString>
#include <cerrno>
#include <cstring>

namespace couplinglab::ui {

// Why a QFile or QSaveFile operation failed. Qt reports a failed write or flush to a full disk
// as "Unknown error"; the errno it left behind (`error`, read right after the failure) names
// the reason, e.g. "No space left on device".
inline QString fileErrorText(const QFileDevice& file, int error) {
    QString qtText = file.errorString();
    const bool vague = qtText.isEmpty() || qtText == QLatin1String("Unknown error");
    if (vague && error != 0) return QString::fromLocal8Bit(std::strerror(error));
    return qtText;
}

}  // namespace couplinglab::ui
