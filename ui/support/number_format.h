#pragma once

#include <QString>
#include <cstdint>

// How the window writes numbers for people: the one place that groups digits, writes the minus
// sign and switches to powers of ten. (The CLI keeps its own comma-grouped rates, since its
// outputs are compared byte for byte; see app/cli/cli_run.cpp.)
//
// Digit groups are separated by a no-break space (U+00A0), from 1 000 on: Qt breaks lines at the
// narrow no-break space U+202F, which split numbers in the explanation and in word-wrapped labels.
namespace couplinglab::ui {

inline constexpr QChar kTypographicMinus{0x2212};
inline constexpr QChar kDigitGroupSeparator{0x00A0};

// Three significant digits by default, U+2212 for minus, digit groups, "9.80 × 10⁻⁵" below 0.001
// and from 10⁶ on, "n/a" for non-finite values.
QString formatNumber(double value, int significantDigits = 3);
// The same, without trailing zeros after the decimal point (for formulas: "0.5", "1").
QString formatCompact(double value, int significantDigits = 4);
// An exact integer with digit groups: "10 000", "−98".
QString formatCount(std::int64_t value);

// `significant` digits without trailing zeros, a hyphen for minus and "1e-6" below
// `smallestFixed` or from 10⁷ on: text a student can type back into a number field.
QString formatSignificant(double value, int significant, double smallestFixed = 1e-3);
// "-0.5" -> "−0.5": easier to see on a projector than a hyphen.
QString withTypographicMinus(QString text);
// "⁻⁵", "¹²".
QString superscript(int exponent);

}  // namespace couplinglab::ui
