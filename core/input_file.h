#pragma once

// Input files read without ever blocking: the file is opened with O_NONBLOCK and checked with
// fstat before a byte is read, so that a named pipe (FIFO) or a device given where a file is
// expected is refused at once instead of hanging the program (or the window's thread) in
// open() or read().

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/output_target.h"

namespace couplinglab {

// The whole content of the regular file at `path` (symbolic links followed). Throws FileError
// "cannot read 'PATH': REASON" when it does not exist, cannot be opened, is not a regular file
// (a FIFO, a device, a folder, a socket) or is larger than `maxBytes`.
std::string readRegularFile(const std::filesystem::path& path, std::uint64_t maxBytes);

// The size of the regular file at `path` and its first `headBytes` bytes (all of it when it is
// shorter), opened and refused as readRegularFile does: to judge a file before reading it whole.
struct RegularFileHead {
    std::uint64_t size = 0;
    std::string head;
};
RegularFileHead readRegularFileHead(const std::filesystem::path& path, std::uint64_t maxBytes,
                                    std::uint64_t headBytes);

// nullopt when `path` does not exist or is a regular file (symbolic links followed), else why
// it cannot serve as a file to read: for a configuration that a library opens itself.
// Never opens the file, so never blocks.
std::optional<std::string> notRegularFileProblem(const std::filesystem::path& path);

}  // namespace couplinglab
