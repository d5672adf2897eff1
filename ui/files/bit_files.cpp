#include "ui/files/bit_files.h"

#include <QFileInfo>

#include "core/machine_data_io.h"
#include "core/platform/atomic_file.h"

namespace couplinglab::ui {

QString bitsFileKind(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("csv") || suffix == QLatin1String("npy") ? suffix : QString();
}

void saveBitsFile(const QString& path, const MachineData& data) {
    const std::string content =
        bitsFileKind(path) == QLatin1String("npy") ? bitsNpy(data) : bitsCsv(data);
    writeFileAtomically(path.toStdString(), content);
}

}  // namespace couplinglab::ui
