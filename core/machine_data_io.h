#pragma once

#include <string>
#include <string_view>

#include "core/bit_data.h"
#include "core/machine_data.h"

namespace couplinglab {

// Reads K lists of bits from `path`: a CSV file with a header row and one row per observation
// of K columns, all 0/1 or all -1/+1; or a NumPy .npy file of shape (N, K), boolean or integer
// (little-endian, C order), with the same values. K is taken from the file. Throws InputError
// naming the file and, for a bad value, its row and column (1-based, the header is row 1), and
// when `path` is not a regular file that can be read (a FIFO is refused without blocking).
MachineData readBitsFile(const std::string& path);
MachineData readBitsCsv(std::string_view text, const std::string& name);
MachineData readBitsNpy(std::string_view bytes, const std::string& name);

// The CSV form readBitsCsv reads back exactly: header "x1,...,xK", rows of 0/1.
std::string bitsCsv(const MachineData& data);
// The NumPy form readBitsNpy reads back exactly, as numpy.save writes it: format 1.0, dtype
// '|u1' (0/1), shape (N, K), C order; np.load gives the same array as the CSV's rows.
std::string bitsNpy(const MachineData& data);
// The two lists of the one-coupling model as the machine's K = 2 (x1 = X, x2 = Y).
MachineData machineDataOf(const BitData& data);

}  // namespace couplinglab
