#include "ui/controls/number_input.h"

#include <QLocale>
#include <QRegularExpression>

#include "ui/support/number_format.h"

namespace couplinglab::ui {

QString withoutSpaces(QString text) {
    for (QChar space : {QChar(' '), QChar(0x00A0), QChar(0x2009), QChar(0x202F)}) {
        text.remove(space);
    }
    return text;
}

std::optional<double> parseTypedNumber(QString text) {
    text.replace(',', '.');
    text.replace(kTypographicMinus, '-');  // as a field with a negative count shows it
    bool ok = false;
    const double value = QLocale::c().toDouble(text, &ok);
    if (!ok || !std::isfinite(value)) return std::nullopt;
    return value;
}

bool isPartialNumber(const QString& text) {
    static const QRegularExpression partial(
        QStringLiteral("^[+\\-\u2212]?[0-9]*([.,][0-9]*)?([eE][+-]?[0-9]*)?$"));
    return partial.match(text).hasMatch();
}

QString correctionMessage(const Correction& correction, const QString& quantity,
                          bool mustBePositive) {
    QString rule;
    switch (correction.kind) {
        case Correction::Kind::BelowMinimum:
            rule = mustBePositive && correction.typed <= 0.0
                       ? QStringLiteral("> 0")
                       : QStringLiteral("at least ") + correction.bound;
            break;
        case Correction::Kind::AboveMaximum:
            rule = QStringLiteral("at most ") + correction.bound;
            break;
        case Correction::Kind::NotWhole:
            rule = QStringLiteral("a whole number");
            break;
    }
    return QStringLiteral("%1 must be %2: set to %3").arg(quantity, rule, correction.result);
}

QString IntegerSpinBox::textFromValue(int value) const {
    return formatCount(value);
}

QString RealSpinBox::textFromValue(double value) const {
    return format_ == Format::Fixed ? QString::number(value, 'f', decimals())
                                    : formatSignificant(value, significant_);
}

}  // namespace couplinglab::ui
