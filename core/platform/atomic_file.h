#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace couplinglab {

// Writes `content` to a temporary file beside `path` and renames it over `path`, so a reader
// never sees half a file and a failure leaves nothing behind: a transaction of one file
// (core/output_transaction.h), with its policy for modes, links and special files. Throws
// FileError (a std::runtime_error) with a message naming the path and the reason.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

// nullopt when a file could be written at `path` (tried with a temporary file that is removed
// again; a character device must be writable), else a message naming the problem. Lets a
// program refuse an unwritable output before it spends time computing.
std::optional<std::string> checkWritable(const std::filesystem::path& path);

}  // namespace couplinglab
