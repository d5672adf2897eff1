#include "ui/settings/json_section.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <cmath>

namespace couplinglab::ui {

QByteArray jsonReal(double value) {
    if (!std::isfinite(value)) return "null";  // never valid, but keeps the document JSON
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toLatin1();
}

QByteArray jsonBoolean(bool value) {
    return value ? "true" : "false";
}

QByteArray jsonText(std::string_view value) {
    // Only fixed names are written: no character needs escaping.
    return '"' + QByteArray(value.data(), static_cast<qsizetype>(value.size())) + '"';
}

QByteArray jsonRealArray(const std::vector<double>& values) {
    QByteArray out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ", ";
        out += jsonReal(values[i]);
    }
    return out + "]";
}

QByteArray jsonObject(const JsonFields& fields, bool indented, int depth) {
    const QByteArray indent = indented ? QByteArray(qsizetype{4} * (depth + 1), ' ') : QByteArray();
    const QByteArray closing = indented ? QByteArray(qsizetype{4} * depth, ' ') : QByteArray();
    const char* separator = indented ? ",\n" : ",";
    QByteArray out = indented ? "{\n" : "{";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        out += indent + '"' + fields[i].first + (indented ? "\": " : "\":") + fields[i].second;
        if (i + 1 < fields.size()) out += separator;
    }
    return out + (indented ? "\n" + closing + "}" : "}");
}

QString describe(const QJsonValue& value) {
    QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    json = json.mid(1, json.size() - 2);  // without the array's brackets
    QString shown = QString::fromUtf8(json);
    constexpr qsizetype kLongest = 40;
    if (shown.size() > kLongest) shown = shown.left(kLongest - 1) + QChar(0x2026);
    return shown;
}

QString shortestNumber(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

bool fitsDecimals(double value, int decimals) {
    return decimals < 0 || QString::number(value, 'f', decimals).toDouble() == value;
}

const Section& Section::rejectUnknownKeys() const {
    for (const QString& key : object_.keys()) {
        if (!keys_.contains(key)) {
            fail(key, QStringLiteral("unknown field (expected %1)")
                          .arg(keys_.join(QStringLiteral(", "))));
        }
    }
    return *this;
}

QJsonValue Section::value(const QString& key) const {
    if (!object_.contains(key)) throw SessionError(name(key), QStringLiteral("missing"));
    return object_.value(key);
}

QJsonObject Section::section(const QString& key) const {
    const QJsonValue v = value(key);
    if (!v.isObject()) fail(key, QStringLiteral("must be an object, got ") + describe(v));
    return v.toObject();
}

QString Section::string(const QString& key) const {
    const QJsonValue v = value(key);
    if (!v.isString()) fail(key, QStringLiteral("must be a string, got ") + describe(v));
    return v.toString();
}

double Section::wholeNumber(const QString& key, qint64 minimum, qint64 maximum) const {
    const QJsonValue v = value(key);
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d) {
        fail(key, QStringLiteral("must be a whole number, got ") + describe(v));
    }
    if (d < static_cast<double>(minimum) || d > static_cast<double>(maximum)) {
        fail(key, QStringLiteral("must be a whole number from %1 to %2, got %3")
                      .arg(minimum)
                      .arg(maximum)
                      .arg(describe(v)));
    }
    return d;
}

double Section::real(const QString& key, const std::function<bool(double)>& accept,
                     const QString& expected, int decimals) const {
    const QJsonValue v = value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        fail(key, QStringLiteral("must be a number, got ") + describe(v));
    }
    const double d = v.toDouble();
    if (!accept(d)) fail(key, QStringLiteral("must be %1, got %2").arg(expected, describe(v)));
    if (!fitsDecimals(d, decimals)) {
        fail(key, QStringLiteral("must have at most %1 decimals, as the window shows, got %2")
                      .arg(decimals)
                      .arg(describe(v)));
    }
    return d;
}

bool Section::boolean(const QString& key) const {
    const QJsonValue v = value(key);
    if (!v.isBool()) fail(key, QStringLiteral("must be true or false, got ") + describe(v));
    return v.toBool();
}

QString Section::choice(const QString& key, const QStringList& names) const {
    const QJsonValue v = value(key);
    if (!v.isString() || !names.contains(v.toString())) {
        QStringList quoted;
        for (const QString& n : names)
            quoted.append(QLatin1Char('"') + n + QLatin1Char('"'));
        fail(key, QStringLiteral("must be %1, got %2")
                      .arg(quoted.join(QStringLiteral(" or ")), describe(v)));
    }
    return v.toString();
}

void Section::fail(const QString& key, const QString& problem) const {
    throw SessionError(name(key), problem);
}

QString Section::name(const QString& key) const {
    return path_.isEmpty() ? key : path_ + QLatin1Char('.') + key;
}

}  // namespace couplinglab::ui
