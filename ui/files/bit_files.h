#pragma once

#include <QString>
#include <cstdint>

#include "core/machine_data.h"

namespace couplinglab::ui {

// File ▸ Save bits… writes at most this many observations: 40 MB of CSV, generated and written
// in well under a second. couplinglab-cli --data-output writes larger sets.
inline constexpr std::uint64_t kMaxSavedObservations = 10'000'000;

// The bits as couplinglab-cli --data-output writes them (FILE.csv: header x1,...,xK, rows of
// 0/1) or as numpy.save does (FILE.npy, uint8, shape (N, K)): the forms --data and Open bits
// read. Written atomically: a failure leaves `path` as it was. Throws FileError naming the path.
void saveBitsFile(const QString& path, const MachineData& data);

// "csv" or "npy" from the path's suffix (any case), else empty.
QString bitsFileKind(const QString& path);

}  // namespace couplinglab::ui
