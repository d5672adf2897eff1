#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace couplinglab::ui {

// Where each value of a JSON document starts, by line: QJsonDocument knows the values but not
// their lines, and a teacher who wrote a lesson by hand needs "line 42" to find a mistake.
// Paths are dotted keys with [index] for array elements: "steps[2].settings.sampler.chains".
// The document must already be valid JSON (QJsonDocument accepted it); on anything else the
// map simply ends where the scan stopped.
class JsonLines {
  public:
    explicit JsonLines(const QByteArray& json);

    // The line (from 1) of `path`, or of its nearest ancestor that has one (1 if none).
    int lineOf(QString path) const;

  private:
    void value(const QString& path);
    void object(const QString& path);
    void array(const QString& path);
    QString string();
    void skipSpace();
    void skipScalar();

    const QByteArray& json_;
    qsizetype at_ = 0;
    int line_ = 1;
    QHash<QString, int> lines_;
};

// The line (from 1) of character `offset` of `json`, for QJsonParseError's offsets.
int lineAtOffset(const QByteArray& json, qsizetype offset);

}  // namespace couplinglab::ui
