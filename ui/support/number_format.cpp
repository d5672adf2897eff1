#include "ui/support/number_format.h"

#include <algorithm>
#include <cmath>

namespace couplinglab::ui {
namespace {

const QString kNotANumber = QStringLiteral("n/a");

QString groupDigits(QString digits) {
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, kDigitGroupSeparator);
    return digits;
}

QString trimZeros(QString number) {
    if (!number.contains(QLatin1Char('.'))) return number;
    while (number.endsWith(QLatin1Char('0')))
        number.chop(1);
    if (number.endsWith(QLatin1Char('.'))) number.chop(1);
    return number;
}

QString formatDecimal(double value, int digits, bool trim) {
    if (!std::isfinite(value)) return kNotANumber;
    if (value == 0.0) return QStringLiteral("0");
    digits = std::clamp(digits, 1, 17);
    const double magnitude = std::abs(value);
    // The exponent after rounding to `digits` significant digits ("9.995" -> "1.00e+01").
    const QString scientific = QString::number(magnitude, 'e', digits - 1);
    const qsizetype e = scientific.indexOf(QLatin1Char('e'));
    const int exponent = scientific.mid(e + 1).toInt();
    QString body;
    if (exponent < -3 || exponent >= 6) {
        const QString mantissa = trim ? trimZeros(scientific.left(e)) : scientific.left(e);
        body = mantissa + kDigitGroupSeparator + QChar(0x00D7) + kDigitGroupSeparator +
               QStringLiteral("10") + superscript(exponent);
    } else {
        const double rounded = scientific.toDouble();  // 12345 -> 12300 at three digits
        QString fixed = QString::number(rounded, 'f', std::max(0, digits - 1 - exponent));
        if (trim) fixed = trimZeros(fixed);
        const qsizetype point = fixed.indexOf(QLatin1Char('.'));
        body = point < 0 ? groupDigits(fixed) : groupDigits(fixed.left(point)) + fixed.mid(point);
    }
    return value < 0.0 ? kTypographicMinus + body : body;
}

}  // namespace

QString formatNumber(double value, int significantDigits) {
    return formatDecimal(value, significantDigits, false);
}

QString formatCompact(double value, int significantDigits) {
    return formatDecimal(value, significantDigits, true);
}

QString formatCount(std::int64_t value) {
    const std::uint64_t magnitude =
        value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    const QString digits = groupDigits(QString::number(magnitude));
    return value < 0 ? kTypographicMinus + digits : digits;
}

QString formatSignificant(double value, int significant, double smallestFixed) {
    if (value == 0.0) return QStringLiteral("0");
    const double magnitude = std::abs(value);
    if (magnitude < smallestFixed || magnitude >= 1e7) {
        const QString text = QString::number(value, 'e', significant - 1);
        const qsizetype e = text.indexOf(QLatin1Char('e'));
        return trimZeros(text.left(e)) + QLatin1Char('e') +
               QString::number(text.mid(e + 1).toInt());
    }
    const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
    return trimZeros(QString::number(value, 'f', std::max(0, significant - 1 - exponent)));
}

QString withTypographicMinus(QString text) {
    if (text.startsWith(QLatin1Char('-'))) text[0] = kTypographicMinus;
    return text;
}

QString superscript(int exponent) {
    static constexpr char16_t kDigits[] = u"⁰¹²³⁴⁵⁶⁷⁸⁹";
    QString text = exponent < 0 ? QString(QChar(0x207B)) : QString();
    for (const QChar digit : QString::number(std::abs(exponent)))
        text += QChar(kDigits[digit.digitValue()]);
    return text;
}

}  // namespace couplinglab::ui
