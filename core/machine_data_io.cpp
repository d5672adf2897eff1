#include "core/machine_data_io.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/bit_data.h"
#include "core/input_error.h"
#include "core/input_file.h"

namespace couplinglab {
namespace {

// Larger than any bit file whose patterns fit the memory of the machines this runs on; a file
// beyond it is refused before it is read.
constexpr std::uint64_t kMaxBitsFileBytes = std::uint64_t{1} << 34;

// The bytes read to judge a file before reading it whole: more than any version 1 .npy header
// (at most 65545 bytes) and any version 2 header a program writes.
constexpr std::uint64_t kMaxNpyHeadBytes = std::uint64_t{1} << 20;

std::string at(const std::string& name, std::size_t row, std::size_t column) {
    return name + ": row " + std::to_string(row) + ", column " + std::to_string(column);
}

// 0/1 files store 0 for -1; -1/+1 files are read as they are. Which one a file is follows from
// its first 0 or -1, and every other value must agree.
struct SpinReader {
    int encoding = 0;  // 0: not known yet; 1: 0/1; 2: -1/+1

    signed char spin(long value, const std::string& where) {
        const bool zeroOne = value == 0;
        const bool plusMinus = value == -1;
        if (value != 0 && value != 1 && value != -1)
            throw InputError(where + ": " + std::to_string(value) + " is not 0/1 or -1/+1");
        if (zeroOne || plusMinus) {
            const int seen = zeroOne ? 1 : 2;
            if (encoding != 0 && encoding != seen) {
                throw InputError(where + ": " + std::to_string(value) +
                                 " mixes 0/1 and -1/+1 values in one file");
            }
            encoding = seen;
        }
        return value == 1 ? 1 : -1;
    }
};

long parseCell(std::string_view cell, const std::string& where) {
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\r'))
        cell.remove_suffix(1);
    while (!cell.empty() && cell.front() == ' ')
        cell.remove_prefix(1);
    if (cell == "0") return 0;
    if (cell == "1" || cell == "+1") return 1;
    if (cell == "-1") return -1;
    throw InputError(where + ": '" + std::string(cell) + "' is not 0/1 or -1/+1");
}

std::vector<std::string_view> splitCommas(std::string_view line) {
    std::vector<std::string_view> cells;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        cells.push_back(
            line.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (comma == std::string_view::npos) return cells;
        start = comma + 1;
    }
}

// The value of `key` in a .npy header dictionary, e.g. "'descr': '<i8'".
std::string npyField(const std::string& header, const std::string& key, const std::string& name) {
    const std::size_t k = header.find("'" + key + "'");
    if (k == std::string::npos) throw InputError(name + ": the .npy header has no " + key);
    std::size_t start = header.find(':', k) + 1;
    while (start < header.size() && header[start] == ' ')
        ++start;
    const char open = header[start];
    const char close = open == '(' ? ')' : open == '\'' ? '\'' : ',';
    const std::size_t end = header.find(close, start + 1);
    return header.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
}

}  // namespace

MachineData readBitsCsv(std::string_view text, const std::string& name) {
    std::size_t lineStart = 0;
    std::size_t row = 0;
    std::size_t units = 0;
    std::vector<signed char> spins;
    SpinReader reader;
    while (lineStart < text.size()) {
        std::size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string_view::npos) lineEnd = text.size();
        const std::string_view line = text.substr(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 1;
        ++row;
        if (row == 1) {
            units = splitCommas(line).size();
            if (units < static_cast<std::size_t>(kMinUnits) ||
                units > static_cast<std::size_t>(kMaxUnits)) {
                throw InputError(name + ": the header has " + std::to_string(units) +
                                 " columns; a file of bits needs 2 to 8 (one per unit)");
            }
            continue;
        }
        if (line.empty() || line == "\r") continue;
        const auto cells = splitCommas(line);
        if (cells.size() != units) {
            throw InputError(name + ": row " + std::to_string(row) + " has " +
                             std::to_string(cells.size()) + " columns, the header " +
                             std::to_string(units));
        }
        for (std::size_t c = 0; c < units; ++c) {
            const std::string where = at(name, row, c + 1);
            spins.push_back(reader.spin(parseCell(cells[c], where), where));
        }
    }
    if (units == 0) throw InputError(name + ": the file is empty; it needs a header row");
    if (spins.empty()) throw InputError(name + ": the file has a header but no observations");
    return MachineData::fromSpins(static_cast<int>(units), spins);
}

namespace {

// Where a .npy file's array lies and what it holds, from its header.
struct NpyLayout {
    std::size_t dataOffset = 0;
    std::size_t rows = 0;
    std::size_t units = 0;
    char kind = '?';  // 'b' boolean, 'i' signed, 'u' unsigned integer
    std::size_t width = 0;
};

// The layout of a .npy file of `fileBytes` bytes from its first bytes (`head`, the header at
// least); throws InputError for anything but an (N, K) array of booleans or little-endian
// integers in C order that the file holds whole.
NpyLayout npyLayout(std::string_view head, std::uint64_t fileBytes, const std::string& name) {
    if (head.size() < 10 || head.substr(0, 6) != std::string_view("\x93NUMPY", 6))
        throw InputError(name + ": not a NumPy .npy file");
    const int major = static_cast<unsigned char>(head[6]);
    std::size_t headerLength = 0;
    NpyLayout layout;
    if (major == 1) {
        headerLength =
            static_cast<unsigned char>(head[8]) + 256U * static_cast<unsigned char>(head[9]);
        layout.dataOffset = 10;
    } else {
        if (head.size() < 12) throw InputError(name + ": the .npy header is cut short");
        for (int i = 3; i >= 0; --i)
            headerLength = headerLength * 256U + static_cast<unsigned char>(head[8 + i]);
        layout.dataOffset = 12;
    }
    if (layout.dataOffset + headerLength > head.size())
        throw InputError(name + ": the .npy header is cut short");
    const std::string header(head.substr(layout.dataOffset, headerLength));
    layout.dataOffset += headerLength;
    const std::string descr = npyField(header, "descr", name);
    if (npyField(header, "fortran_order", name).find("False") == std::string::npos)
        throw InputError(name + ": only C-ordered (row-major) .npy arrays are read");
    const std::string shape = npyField(header, "shape", name);
    if (std::sscanf(shape.c_str(), "(%zu, %zu)", &layout.rows, &layout.units) != 2)
        throw InputError(name + ": the .npy array has shape " + shape + ", not (N, K)");
    if (layout.units < 2 || layout.units > 8)
        throw InputError(name + ": the .npy array has " + std::to_string(layout.units) +
                         " columns; a file of bits needs 2 to 8 (one per unit)");
    layout.kind = descr.size() >= 4 ? descr[2] : '?';
    layout.width = descr.size() >= 4 ? static_cast<std::size_t>(descr[3] - '0') : 0;
    const bool bigEndian = descr.size() >= 2 && descr[1] == '>' && layout.width > 1;
    if ((layout.kind != 'b' && layout.kind != 'i' && layout.kind != 'u') || bigEndian ||
        (layout.width != 1 && layout.width != 2 && layout.width != 4 && layout.width != 8))
        throw InputError(name + ": the .npy dtype " + descr +
                         " is not boolean or little-endian integer");
    // Compared by division: rows * units * width may not fit in 64 bits.
    const std::uint64_t dataBytes = fileBytes - layout.dataOffset;
    if (layout.rows > dataBytes / layout.width / layout.units)
        throw InputError(name + ": the .npy data is cut short");
    return layout;
}

// The memory that reading a file of bits holds at its peak: the file's bytes, one byte per
// cell while they are parsed, and the packed bits. Refused with the generated data's policy
// (requireMemory) before the file is read.
void requireMemoryToRead(const RegularFileHead& file, const std::string& path) {
    std::uint64_t cells = file.size / 2;  // a CSV cell takes a digit and a separator at least
    std::string what = "'" + path + "' (" + mebibytes(file.size);
    if (file.head.starts_with("\x93NUMPY")) {
        const NpyLayout layout = npyLayout(file.head, file.size, path);
        cells = layout.rows * layout.units;
        what += ", N = " + std::to_string(layout.rows) +
                " observations of K = " + std::to_string(layout.units) + " units";
    }
    requireMemory(file.size + cells + cells / 8, what + ") and the bits it holds",
                  "use a smaller file");
}

}  // namespace

MachineData readBitsNpy(std::string_view bytes, const std::string& name) {
    const NpyLayout layout = npyLayout(bytes, bytes.size(), name);
    const std::string_view data = bytes.substr(layout.dataOffset);
    const std::size_t cells = layout.rows * layout.units;
    std::vector<signed char> spins;
    spins.reserve(cells);
    SpinReader reader;
    for (std::size_t i = 0; i < cells; ++i) {
        std::uint64_t raw = 0;
        std::memcpy(&raw, data.data() + i * layout.width, layout.width);
        if (layout.kind == 'i' && layout.width < 8 && ((raw >> (8 * layout.width - 1)) & 1U) != 0)
            raw |= ~std::uint64_t{0} << (8 * layout.width);  // sign-extend
        const auto value = static_cast<std::int64_t>(raw);
        // Rows and columns 1-based, as a spreadsheet of the array would number them.
        const std::string where = at(name, i / layout.units + 1, i % layout.units + 1);
        spins.push_back(reader.spin(static_cast<long>(value), where));
    }
    return MachineData::fromSpins(static_cast<int>(layout.units), spins);
}

MachineData readBitsFile(const std::string& path) {
    std::string bytes;
    try {
        // Opened without blocking: a FIFO or a device is refused at once instead of hanging.
        requireMemoryToRead(readRegularFileHead(path, kMaxBitsFileBytes, kMaxNpyHeadBytes), path);
        bytes = readRegularFile(path, kMaxBitsFileBytes);
    } catch (const FileError& error) {
        throw InputError(error.what());
    }
    if (bytes.starts_with("\x93NUMPY")) return readBitsNpy(bytes, path);
    return readBitsCsv(bytes, path);
}

std::string bitsCsv(const MachineData& data) {
    std::string text;
    const int units = data.units();
    for (int k = 1; k <= units; ++k)
        text += (k > 1 ? ",x" : "x") + std::to_string(k);
    text += '\n';
    text.reserve(text.size() + data.observations() * static_cast<std::uint64_t>(2 * units));
    for (std::uint64_t n = 0; n < data.observations(); ++n) {
        for (int k = 0; k < units; ++k) {
            text += data.bit(k, n) ? '1' : '0';
            text += k + 1 < units ? ',' : '\n';
        }
    }
    return text;
}

std::string bitsNpy(const MachineData& data) {
    const int units = data.units();
    std::string header = "{'descr': '|u1', 'fortran_order': False, 'shape': (" +
                         std::to_string(data.observations()) + ", " + std::to_string(units) +
                         "), }";
    // The magic, version and length take 10 bytes; the header pads with spaces to a multiple
    // of 64 and ends with a newline, as NumPy writes it.
    constexpr std::size_t kPrefix = 10;
    const std::size_t padded = (kPrefix + header.size() + 1 + 63) / 64 * 64;
    header.append(padded - kPrefix - header.size() - 1, ' ');
    header += '\n';
    std::string bytes = "\x93NUMPY";
    bytes += '\x01';
    bytes += '\x00';
    bytes += static_cast<char>(header.size() & 0xFFU);
    bytes += static_cast<char>((header.size() >> 8U) & 0xFFU);
    bytes += header;
    bytes.reserve(bytes.size() + data.observations() * static_cast<std::uint64_t>(units));
    for (std::uint64_t n = 0; n < data.observations(); ++n) {
        for (int k = 0; k < units; ++k)
            bytes += data.bit(k, n) ? '\x01' : '\x00';
    }
    return bytes;
}

MachineData machineDataOf(const BitData& data) {
    std::vector<signed char> spins(2 * data.pairs());
    for (std::uint64_t i = 0; i < data.pairs(); ++i) {
        spins[2 * i] = data.x(i) ? 1 : -1;
        spins[2 * i + 1] = data.y(i) ? 1 : -1;
    }
    return MachineData::fromSpins(2, spins);
}

}  // namespace couplinglab
