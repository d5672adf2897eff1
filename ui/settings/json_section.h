#pragma once

// The pieces the session's JSON is written and read with: fields in a fixed order when written,
// and when read, one object at a time with every field checked and named by its dotted path in
// the SessionError that refuses it.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/settings/session.h"

namespace couplinglab::ui {

// ---- Writing -----------------------------------------------------------------------------------

QByteArray jsonReal(double value);  // the shortest form that reads back to the same double
QByteArray jsonBoolean(bool value);
QByteArray jsonText(std::string_view value);  // a fixed name: nothing to escape
QByteArray jsonRealArray(const std::vector<double>& values);

using JsonFields = std::vector<std::pair<QByteArray, QByteArray>>;
// An object with the fields in their order; indented at `depth` levels of four spaces.
QByteArray jsonObject(const JsonFields& fields, bool indented, int depth);

// ---- Reading strictly --------------------------------------------------------------------------

// A JSON value as the user wrote it, shortened: "abc" with its quotes, 3000000000, [1,2].
QString describe(const QJsonValue& value);
QString shortestNumber(double value);
bool fitsDecimals(double value, int decimals);

// One JSON object of the document, read field by field; `path` is its dotted name.
class Section {
  public:
    Section(QJsonObject object, QString path, QStringList keys)
        : object_(std::move(object)), path_(std::move(path)), keys_(std::move(keys)) {}

    // Called before the fields are read: a misspelt key is the likely cause of a missing one.
    const Section& rejectUnknownKeys() const;
    bool contains(const QString& key) const { return object_.contains(key); }
    QJsonValue value(const QString& key) const;
    QJsonObject section(const QString& key) const;
    QString string(const QString& key) const;
    template <class Integer>
    Integer whole(const QString& key, qint64 minimum, qint64 maximum) const {
        return static_cast<Integer>(wholeNumber(key, minimum, maximum));
    }
    double real(const QString& key, const std::function<bool(double)>& accept,
                const QString& expected, int decimals) const;
    bool boolean(const QString& key) const;
    // One of `names`, e.g. "potential" / "boltzmann".
    QString choice(const QString& key, const QStringList& names) const;
    [[noreturn]] void fail(const QString& key, const QString& problem) const;
    QString name(const QString& key) const;

  private:
    double wholeNumber(const QString& key, qint64 minimum, qint64 maximum) const;

    QJsonObject object_;
    QString path_;
    QStringList keys_;
};

}  // namespace couplinglab::ui
