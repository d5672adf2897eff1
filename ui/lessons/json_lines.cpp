#include "ui/lessons/json_lines.h"

namespace couplinglab::ui {
namespace {

// Nesting deeper than this is not scanned (QJsonDocument refuses beyond 1024 anyway): the scan
// recurses, and a hostile file must not exhaust the stack.
constexpr int kDeepest = 64;

// The parent of "a.b[2].c" is "a.b[2]", of "a.b[2]" it is "a.b", of "a" it is "".
QString parentOf(const QString& path) {
    const qsizetype cut =
        std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
    return cut < 0 ? QString() : path.left(cut);
}

}  // namespace

JsonLines::JsonLines(const QByteArray& json) : json_(json) {
    skipSpace();
    value(QString());
}

int JsonLines::lineOf(QString path) const {
    while (!path.isEmpty()) {
        const auto found = lines_.constFind(path);
        if (found != lines_.constEnd()) return found.value();
        path = parentOf(path);
    }
    return lines_.value(QString(), 1);
}

void JsonLines::value(const QString& path) {
    if (!lines_.contains(path)) lines_.insert(path, line_);
    if (at_ >= json_.size()) return;
    if (path.count(QLatin1Char('.')) + path.count(QLatin1Char('[')) > kDeepest) {
        at_ = json_.size();
        return;
    }
    const char c = json_.at(at_);
    if (c == '{') {
        object(path);
    } else if (c == '[') {
        array(path);
    } else if (c == '"') {
        string();
    } else {
        skipScalar();
    }
}

void JsonLines::object(const QString& path) {
    ++at_;  // {
    skipSpace();
    while (at_ < json_.size() && json_.at(at_) != '}') {
        const int keyLine = line_;
        const QString key = string();
        const QString member = path.isEmpty() ? key : path + QLatin1Char('.') + key;
        if (!lines_.contains(member)) lines_.insert(member, keyLine);
        skipSpace();
        if (at_ < json_.size()) ++at_;  // :
        skipSpace();
        value(member);
        skipSpace();
        if (at_ < json_.size() && json_.at(at_) == ',') ++at_;
        skipSpace();
    }
    ++at_;  // }
}

void JsonLines::array(const QString& path) {
    ++at_;  // [
    skipSpace();
    int index = 0;
    while (at_ < json_.size() && json_.at(at_) != ']') {
        value(path + QStringLiteral("[%1]").arg(index++));
        skipSpace();
        if (at_ < json_.size() && json_.at(at_) == ',') ++at_;
        skipSpace();
    }
    ++at_;  // ]
}

// A string's text with its escapes kept as written: keys of a lesson are plain ASCII names.
QString JsonLines::string() {
    const qsizetype start = ++at_;  // opening quote
    while (at_ < json_.size() && json_.at(at_) != '"') {
        if (json_.at(at_) == '\\') ++at_;
        ++at_;
    }
    QString text = QString::fromUtf8(json_.mid(start, at_ - start));
    ++at_;  // closing quote
    return text;
}

void JsonLines::skipSpace() {
    while (at_ < json_.size()) {
        const char c = json_.at(at_);
        if (c == '\n') {
            ++line_;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        ++at_;
    }
}

void JsonLines::skipScalar() {
    while (at_ < json_.size()) {
        const char c = json_.at(at_);
        if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r')
            return;
        ++at_;
    }
}

int lineAtOffset(const QByteArray& json, qsizetype offset) {
    return 1 + static_cast<int>(json.left(offset).count('\n'));
}

}  // namespace couplinglab::ui
