#pragma once

// Numbers and columns for the summaries of couplinglab-cli, in one place so that every table
// writes a number the same way. Changing a format here changes the outputs that
// tests/cli/test_cli_outputs_unchanged compares byte for byte.

#include <cstddef>
#include <string>
#include <vector>

namespace couplinglab::cli {

// printf's %.*g: `digits` significant digits; "nan" and "inf" as printf writes them.
std::string general(double value, int digits);

// As general, but "n/a" for an undefined (NaN) value.
std::string sig(double value, int digits = 6);

// `decimals` after the point; a non-finite value as sig writes it; never "-0.00" (a sign where
// there is none).
std::string fixed(double value, int decimals);

// Seconds with three significant digits, at least to the millisecond: "0.012 s", "3.45 s".
std::string seconds(double value);

// A whole number with its thousands separated by commas: "1,234,567".
std::string grouped(double value);

// Bytes in GiB with one decimal: "1.5 GiB".
std::string gibibytes(double bytes);

std::string padRight(std::string text, std::size_t width);
// The width of each column of a table: the widest of its heading and its cells.
std::vector<std::size_t> columnWidths(const std::vector<std::string>& headings,
                                      const std::vector<std::vector<std::string>>& rows);
std::string padLeft(std::string text, std::size_t width);

}  // namespace couplinglab::cli
