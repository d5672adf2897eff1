#include "ui/files/svg_fonts.h"

#include <QFont>
#include <QFontInfo>
#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace couplinglab::ui {

QByteArray portableFontFamilies(const QByteArray& svg) {
    static const QRegularExpression attribute(QStringLiteral("font-family=\"([^\"]*)\""));
    const QString text = QString::fromUtf8(svg);
    QString result;
    result.reserve(text.size() + text.size() / 10);
    QHash<QString, QString> replacements;
    qsizetype last = 0;
    auto matches = attribute.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QString family = match.captured(1);
        auto it = replacements.find(family);
        if (it == replacements.end()) {
            QStringList names;
            for (const QString& name : {QFontInfo(QFont(family)).family(), family}) {
                const QString quoted = QLatin1Char('\'') + name + QLatin1Char('\'');
                if (!name.isEmpty() && !names.contains(quoted)) names.append(quoted);
            }
            names.append(QStringLiteral("sans-serif"));
            it = replacements.insert(
                family, QStringLiteral("font-family=\"%1\"").arg(names.join(QStringLiteral(", "))));
        }
        result += QStringView(text).mid(last, match.capturedStart() - last);
        result += *it;
        last = match.capturedEnd();
    }
    result += QStringView(text).mid(last);
    return result.toUtf8();
}

}  // namespace couplinglab::ui
