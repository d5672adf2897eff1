#include "app/cli/text_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace couplinglab::cli {

std::string general(double value, int digits) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
}

std::string sig(double value, int digits) {
    if (std::isnan(value)) return "n/a";
    return general(value, digits);
}

std::string fixed(double value, int decimals) {
    if (!std::isfinite(value)) return sig(value);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos)
        text.erase(0, 1);
    return text;
}

std::string seconds(double value) {
    return (value < 1.0 ? fixed(value, 3) : sig(value, 3)) + " s";
}

std::string grouped(double value) {
    if (!std::isfinite(value)) return sig(value);
    const std::string digits = fixed(std::round(std::abs(value)), 0);
    std::string result = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) result += ',';
        result += digits[i];
    }
    return result;
}

std::string gibibytes(double bytes) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    return buffer;
}

std::string padRight(std::string text, std::size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}

std::string padLeft(std::string text, std::size_t width) {
    if (text.size() < width) text.insert(0, width - text.size(), ' ');
    return text;
}

std::vector<std::size_t> columnWidths(const std::vector<std::string>& headings,
                                      const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const std::string& heading : headings)
        widths.push_back(heading.size());
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    return widths;
}

}  // namespace couplinglab::cli
